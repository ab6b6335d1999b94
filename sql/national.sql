-- National totals per year: every count cell summed over all agencies (--from, --to, --year).
--
-- One line per statistics year and cell of 表三, 表四 and 表二 (money left out): e.g. the
-- received_new row per applicant category is the nation's new requests by who asked.
-- reports = how many reports state the cell; blanks = how many of them left it blank;
-- value = the sum of the values stated (blanks add nothing: a year with blanks is a lower
-- bound); share = value / the same row's total column (表三 and 表四), NULL when that is 0.
-- Read from totals kept at import, so it answers at once whatever the database's size.
CREATE VIEW national AS
SELECT t.year,
       s.code AS section,
       rd.code AS "row",
       cd.code AS "column",
       rd.label_zh AS row_label,
       cd.label_zh AS column_label,
       t.reports,
       t.blanks,
       t.total AS value,
       CASE WHEN rd.section_id IN (2, 3) THEN
           CAST(t.total AS REAL) / NULLIF((SELECT tt.total FROM year_cell_total tt
                                           WHERE tt.year = t.year AND tt.row_id = t.row_id
                                             AND tt.col_id IN (7, 14)), 0)
       END AS share
FROM year_cell_total t
JOIN row_dim rd ON rd.id = t.row_id
JOIN col_dim cd ON cd.id = t.col_id
JOIN section s ON s.id = rd.section_id
WHERE t.reports > 0
ORDER BY t.year, s.sort, rd.sort, cd.sort;

-- query
SELECT * FROM national
WHERE (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
