-- gov-db schema, version 14: 表三's outcomes per report and applicant category, kept at import.
--
-- `outcomes-by-applicant` and `refusal-reasons` grouped `cell_values` (every stated cell of
-- every report looked up one by one): 14.5 s and 3.5 s for one year at 200k reports. This is
-- the pivot they read instead. One row per report and 表三 column (1–7: 自然人 … 其他, 总计)
-- in which the report states at least one cell of 表三, with each sum as a plain SUM over
-- those stated cells gives it (a stated cell with no `fact` row is 0, a blank adds nothing;
-- NULL when no cell of the sum is stated or all of them are blank):
--   received_new   = 本年新收 (row 10)
--   processed      = 三（七）总计 (row 34)
--   granted        = 予以公开 (row 12)
--   partly_granted = 部分公开 (row 13)
--   withheld       = 三（三）不予公开, rows 14–21
--   unavailable    = 三（四）无法提供, rows 22–24
--   not_processed  = 三（五）不予处理, rows 25–29
--   other          = 三（六）其他处理: its three rows (30–32), or its one line (33) where none
--                    of the three has a number
-- Written by the importer with the report's cells (src/store/write/rows.rs), which every
-- change of a report goes through (an import, a new version, a correction, a version put
-- back by an undo); a report deleted takes its rows with it (ON DELETE CASCADE). Keyed by
-- report, so a report moving to another agency (a merge, a split) changes nothing here.

CREATE TABLE report_outcome (
    report_id      INTEGER NOT NULL REFERENCES report(id) ON DELETE CASCADE,
    col_id         INTEGER NOT NULL CHECK (col_id BETWEEN 1 AND 7),
    received_new   INTEGER,
    processed      INTEGER,
    granted        INTEGER,
    partly_granted INTEGER,
    withheld       INTEGER,
    unavailable    INTEGER,
    not_processed  INTEGER,
    other          INTEGER,
    PRIMARY KEY (report_id, col_id)
) STRICT, WITHOUT ROWID;

-- What the database already holds (a database made before this version).
INSERT INTO report_outcome (report_id, col_id, received_new, processed, granted,
                            partly_granted, withheld, unavailable, not_processed, other)
SELECT report_id, col_id,
       sum(CASE WHEN row_id = 10 THEN v END),
       sum(CASE WHEN row_id = 34 THEN v END),
       sum(CASE WHEN row_id = 12 THEN v END),
       sum(CASE WHEN row_id = 13 THEN v END),
       sum(CASE WHEN row_id BETWEEN 14 AND 21 THEN v END),
       sum(CASE WHEN row_id BETWEEN 22 AND 24 THEN v END),
       sum(CASE WHEN row_id BETWEEN 25 AND 29 THEN v END),
       coalesce(sum(CASE WHEN row_id BETWEEN 30 AND 32 THEN v END),
                sum(CASE WHEN row_id = 33 THEN v END))
FROM (SELECT r.id AS report_id, sc.row_id, sc.col_id,
             CASE WHEN f.report_id IS NULL THEN 0 ELSE f.value END AS v
      FROM report r
      JOIN shape_cell sc ON sc.shape_id = r.shape_id
                        AND sc.row_id BETWEEN 10 AND 35 AND sc.col_id BETWEEN 1 AND 7
      LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id)
GROUP BY report_id, col_id;
