-- Every stated cell of every report, unordered: the building block of the per-cell views.
--
-- The same columns as `cells`, plus row_id and col_id, and no ORDER BY, so that SQLite can
-- push an agency or year filter into it (an ordered view is materialised whole first). The ids
-- follow the contract's order: 表二 rows 1–8, 表三 10–35, 表四 40–42.
CREATE VIEW cell_values AS
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
       END AS value,
       sc.row_id,
       sc.col_id
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN row_dim rd ON rd.id = sc.row_id
JOIN col_dim cd ON cd.id = sc.col_id
JOIN section s ON s.id = rd.section_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id AND m.col_id = sc.col_id;
