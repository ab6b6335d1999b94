-- Every stated cell of every report, unordered: the building block of the per-cell views.
--
-- The same columns as `cells`, plus row_id and col_id, and no ORDER BY, so that SQLite can
-- push an agency or year filter into it (an ordered view is materialised whole first). The ids
-- follow the contract's order: 表二 rows 1–8, 表三 10–35, 表四 40–42.
--
-- A report's cells are one range scan of its shape in `shape_cell_code` (migration V15: each
-- cell with its section, row and column codes, group and kind), and a value is looked up in
-- `fact` for a count cell and in `fact_money` for an amount of money, never in both. The
-- labels come from `row_dim` and `col_dim` by LEFT JOIN on their keys, which SQLite leaves out
-- of a query that does not ask for them. The same rows as the plain join of `shape_cell`,
-- `row_dim`, `col_dim`, `section`, `fact` and `fact_money` (tests/cli/rollups.rs compares them).
CREATE VIEW cell_values AS
SELECT r.id AS report_id,
       a.name AS agency,
       r.year,
       r.template,
       sc.section,
       sc."row",
       sc."column",
       sc.grp,
       rd.label_zh AS row_label,
       cd.label_zh AS column_label,
       CASE
           WHEN sc.money THEN CAST(m.value AS REAL)
           WHEN f.report_id IS NULL THEN 0
           ELSE f.value
       END AS value,
       sc.row_id,
       sc.col_id
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN shape_cell_code sc ON sc.shape_id = r.shape_id
LEFT JOIN row_dim rd ON rd.id = sc.row_id
LEFT JOIN col_dim cd ON cd.id = sc.col_id
LEFT JOIN fact f ON NOT sc.money AND f.report_id = r.id AND f.row_id = sc.row_id
                AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON sc.money AND m.report_id = r.id AND m.row_id = sc.row_id
                      AND m.col_id = sc.col_id;
