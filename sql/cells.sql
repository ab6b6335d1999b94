-- Every stated cell of every report, one per row, with its labels (zero-filled, blanks NULL).
--
-- The long form of all three tables: agency, year, template, section, row, column and value,
-- plus the Chinese labels and the row group (intake, outcome, withheld, unavailable,
-- not_processed, other, total, carry; documents, decisions, fees, procurement; review,
-- litigation). A cell the report states is 0 unless stored otherwise; a blank cell is NULL.
-- Amounts of money are numbers here (exact text in `gov-db export`).
--
-- Read in its order, never sorted: agency names off their index, each agency's reports in
-- year order off theirs, each report's cells in row and column order off its shape (CROSS
-- JOIN keeps that loop order). The same rows as `cell_values` ordered by agency, year,
-- row_id, col_id, without sorting millions of rows first: they stream at export's rate.
CREATE VIEW cells AS
SELECT r.id AS report_id,
       a.name AS agency,
       r.year,
       r.template,
       s.code AS section,
       rd.code AS "row",
       cd.code AS "column",
       rd.grp AS grp,
       rd.label_zh AS row_label,
       cd.label_zh AS column_label,
       CASE
           WHEN cd.kind = 'money' THEN CAST(m.value AS REAL)
           WHEN f.report_id IS NULL THEN 0
           ELSE f.value
       END AS value
FROM agency a
CROSS JOIN report r ON r.agency_id = a.id
CROSS JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN row_dim rd ON rd.id = sc.row_id
JOIN col_dim cd ON cd.id = sc.col_id
JOIN section s ON s.id = rd.section_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id AND m.col_id = sc.col_id
ORDER BY a.name, r.year, sc.row_id, sc.col_id;
