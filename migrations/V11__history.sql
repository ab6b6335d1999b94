-- gov-db schema, version 11: history. Every reading of an agency-year is kept as a version,
-- every import can be undone, and a person's corrections are recorded beside what was printed.
--
-- The current reading stays where every view reads it (`report`, `fact`, `fact_money`,
-- `fact_origin`, `report_summary`, `year_cell_total`), so no query is slower. A report keeps
-- its id from version to version; `report.version` is the number of its current reading, and
-- the reading's own facts (source, format, content hash, parser version, time) are the
-- report row's, with the import run that wrote it in `run_id`. A report's first version is
-- its current cells themselves: an import of new reports writes nothing more than before.
--
-- A reading that is superseded (by a later import, a correction or a deletion) moves to
-- `report_version`, one row per reading, its cells in one compact blob (src/store/history/
-- codec.rs: the values of its stated cells in the order of its `shape`, where each was read,
-- the counts its text quoted, and its corrections), not a row per cell.

ALTER TABLE report ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- The import run that wrote the current reading; NULL for a correction (or a database made
-- before this version).
ALTER TABLE report ADD COLUMN run_id INTEGER;
-- agency id × 65536 + year as the reading was written: an agency change that moved the
-- report since makes it differ, and `gov-db import undo` then refuses to take it back.
ALTER TABLE report ADD COLUMN filed_as INTEGER;

-- An import run: `undone_at` once `gov-db import undo` has reversed it; the agencies with an
-- id from `first_agency` to `last_agency` were created by it; `kept` counts the readings it
-- left aside for a fuller one stored.
ALTER TABLE import_run ADD COLUMN undone_at TEXT;
ALTER TABLE import_run ADD COLUMN first_agency INTEGER;
ALTER TABLE import_run ADD COLUMN last_agency INTEGER;
ALTER TABLE import_run ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;

-- What an import did with each file it was given, for `gov-db import log RUN`.
CREATE TABLE import_file (
    run_id  INTEGER NOT NULL REFERENCES import_run(id),
    seq     INTEGER NOT NULL,
    path    TEXT NOT NULL,
    agency  TEXT,
    year    INTEGER,
    format  TEXT,
    reports INTEGER NOT NULL CHECK (reports >= 0),
    result  TEXT NOT NULL CHECK (result IN ('new', 'replaced', 'unchanged', 'kept', 'refused',
                                            'skipped', 'mixed')),
    detail  TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
) STRICT, WITHOUT ROWID;

-- A superseded reading of a report. `made_at`/`run_id`/`reason`: when and how it became
-- current (an import run, or a correction with its reason). `ended`: what superseded it and
-- when, with the run for an import. What changed from one version to the next is not
-- stored: `gov-db history` compares the two readings (a sentence per version cost more than
-- its cells).
CREATE TABLE report_version (
    report_id      INTEGER NOT NULL,
    version        INTEGER NOT NULL CHECK (version > 0),
    agency_id      INTEGER NOT NULL,
    year           INTEGER NOT NULL,
    printed_name   TEXT NOT NULL,
    template       INTEGER NOT NULL CHECK (template IN (2019, 2021)),
    shape_id       INTEGER NOT NULL REFERENCES shape(id),
    format         TEXT NOT NULL,
    source         TEXT,
    content_hash   TEXT NOT NULL,
    parser_version TEXT NOT NULL,
    made_at        TEXT NOT NULL,
    run_id         INTEGER,
    reason         TEXT,
    cells          BLOB NOT NULL,
    ended          TEXT NOT NULL CHECK (ended IN ('import', 'correction', 'deletion')),
    ended_run      INTEGER,
    ended_at       TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
) STRICT;

CREATE INDEX report_version_run ON report_version(run_id) WHERE run_id IS NOT NULL;
CREATE INDEX report_version_ended_run ON report_version(ended_run) WHERE ended_run IS NOT NULL;
-- A deleted report's readings, found by agency and year (`gov-db delete --undo`, history).
CREATE INDEX report_version_deleted ON report_version(agency_id, year) WHERE ended = 'deletion';

-- A cell of the current reading that a person corrected (`gov-db correct`): the value
-- printed (`printed_stated` 0 when the report did not state the cell; `printed` NULL when it
-- was blank), why, and the version that made the correction. The corrected value is the one
-- in `fact`/`fact_money`, where every view reads it.
CREATE TABLE cell_correction (
    report_id      INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    row_id         INTEGER NOT NULL,
    col_id         INTEGER NOT NULL,
    printed_stated INTEGER NOT NULL CHECK (printed_stated IN (0, 1)),
    printed        TEXT,
    reason         TEXT NOT NULL,
    version        INTEGER NOT NULL,
    PRIMARY KEY (report_id, row_id, col_id)
) STRICT, WITHOUT ROWID;
