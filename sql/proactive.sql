-- Proactive disclosure (表二) per agency and year: documents, decisions and fees as printed.
--
-- One line per stated cell of 表二, with its labels. 2021 template: 规章 and 行政规范性文件
-- issued / repealed / in_force; 行政许可, 行政处罚, 行政强制 decisions; 行政事业性收费
-- amount_10k_yuan (万元). 2019 template: made / published / published_total, prior_items /
-- change / decisions, procurement items and amount. Blank cells are NULL.
--
-- Read in its order, as `cells` is (表二's rows are ids 1–8, the first of each shape), and
-- only those rows of each shape: `+sc.row_id` keeps SQLite from moving the row range onto
-- `row_dim` and reading every cell of the shape (200 a report, for 10 of 表二).
CREATE VIEW proactive AS
SELECT a.name AS agency,
       r.year,
       r.template,
       rd.code AS "row",
       rd.label_zh AS row_label,
       cd.code AS "column",
       cd.label_zh AS column_label,
       CASE
           WHEN cd.kind = 'money' THEN CAST(m.value AS REAL)
           WHEN f.report_id IS NULL THEN 0
           ELSE f.value
       END AS value
FROM agency a
CROSS JOIN report r ON r.agency_id = a.id
CROSS JOIN shape_cell sc ON sc.shape_id = r.shape_id AND sc.row_id BETWEEN 1 AND 9
JOIN row_dim rd ON rd.id = +sc.row_id AND rd.section_id = 1
JOIN col_dim cd ON cd.id = sc.col_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id AND m.col_id = sc.col_id
ORDER BY a.name, r.year, sc.row_id, sc.col_id;
