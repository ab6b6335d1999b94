-- gov-db schema, version 2: the findings of `gov-db check`, and the counts quoted in a
-- report's text.
--
-- Findings are derived data, kept in step with the reports by the store: a report's own
-- findings are written with it and go with it (ON DELETE CASCADE) when it is replaced; a
-- cross-year finding (carry-over, in-force, yoy-jump) belongs to the later year and names the
-- earlier report in `other_report_id`, so replacing either year drops it and the import
-- recomputes it. When the rules change, gov-db recomputes every finding on open (meta key
-- `checks_version`).

CREATE TABLE finding (
    id              INTEGER PRIMARY KEY,
    report_id       INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    other_report_id INTEGER REFERENCES report(id) ON DELETE CASCADE,
    severity        TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    rule            TEXT NOT NULL,
    section         TEXT CHECK (section IN ('proactive', 'requests', 'appeals')),
    row_code        TEXT,
    col_code        TEXT,
    expected        INTEGER,
    actual          INTEGER,
    message         TEXT NOT NULL
) STRICT;

CREATE INDEX finding_report ON finding(report_id);
CREATE INDEX finding_other ON finding(other_report_id);

-- Counts quoted in the narrative of a published report (收到 … 件, 办结 … 件 …), as the
-- report readers find them; `gov-db check` compares them with the tables.
CREATE TABLE narrative_claim (
    report_id INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('received', 'processed', 'carried_in', 'carried_out',
                                            'review', 'litigation')),
    keyword   TEXT NOT NULL,
    value     INTEGER NOT NULL,
    sentence  TEXT NOT NULL,
    PRIMARY KEY (report_id, seq)
) STRICT, WITHOUT ROWID;
