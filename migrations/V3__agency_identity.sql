-- gov-db schema, version 3: agency identity, names (aliases), regions, and a log that makes
-- every change to them reversible.
--
-- An `agency` row is an identity; its `name` is the canonical name that every view shows. The
-- names reports print (洪泽区人民政府, 淮安市洪泽区人民政府, an OCR's 沐阳县…) are rows of
-- `agency_name`, each pointing at one identity, so that an import resolves a printed name to
-- its identity and every trend, comparison and cross-year check follows the identity. A merge
-- moves the reports and names of one identity into another and marks the emptied row
-- `merged_into`; a split moves chosen names or years out again. Every such change is written
-- step by step to `agency_op_step`, so `gov-db agency undo` can reverse it exactly.

ALTER TABLE agency ADD COLUMN merged_into INTEGER REFERENCES agency(id);

CREATE TABLE agency_name (
    name      TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    from_year INTEGER CHECK (from_year IS NULL OR from_year BETWEEN 1990 AND 2100),
    to_year   INTEGER CHECK (to_year IS NULL OR to_year BETWEEN 1990 AND 2100),
    CHECK (from_year IS NULL OR to_year IS NULL OR from_year <= to_year)
) STRICT;

CREATE INDEX agency_name_agency ON agency_name(agency_id);

-- The agency name as the report printed it (the identity may be known by another name).
CREATE TABLE report_name (
    report_id INTEGER PRIMARY KEY REFERENCES report(id) ON DELETE CASCADE,
    name      TEXT NOT NULL
) STRICT;

-- 行政区划代码 (GB/T 2260), as loaded by `gov-db region import`.
CREATE TABLE region (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('provincial', 'prefecture', 'county')),
    parent_code TEXT
) STRICT;

-- One row per change made by `gov-db agency …`; `undone_at` is set when it is undone.
CREATE TABLE agency_op (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    op        TEXT NOT NULL,
    summary   TEXT NOT NULL,
    undone_at TEXT
) STRICT;

-- The steps of one change, in order. kind 'set': column `col` of the row `key` of table
-- `tbl` went from `before` to `after`; kind 'insert': the row `key` was inserted.
CREATE TABLE agency_op_step (
    op_id  INTEGER NOT NULL REFERENCES agency_op(id),
    seq    INTEGER NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('set', 'insert')),
    tbl    TEXT NOT NULL CHECK (tbl IN ('agency', 'agency_name', 'report')),
    col    TEXT,
    key    ANY NOT NULL,
    before ANY,
    after  ANY,
    PRIMARY KEY (op_id, seq)
) STRICT, WITHOUT ROWID;

-- Every existing agency is known by its own name, over the years it reported.
INSERT INTO agency_name (name, agency_id, from_year, to_year)
SELECT a.name, a.id, min(r.year), max(r.year)
FROM agency a LEFT JOIN report r ON r.agency_id = a.id
GROUP BY a.id;

INSERT INTO report_name (report_id, name)
SELECT r.id, a.name FROM report r JOIN agency a ON a.id = r.agency_id;
