-- Every count cell summed per year, province and level: the national totals broken down.
--
-- One line per statistics year, province (the first two digits of the agencies' 行政区划代码;
-- '' for agencies without one), level (as the agencies view has it; '' when unknown) and count
-- cell of 表三, 表四 and 表二 (money left out). reports = how many reports state the cell;
-- blanks = how many of them left it blank; value = the sum of the values stated (blanks add
-- nothing). Summed over the provinces and levels of a year and cell, these are the `national`
-- view's numbers. Read from totals kept at import (`region_cell_total`), so it answers at once
-- whatever the database's size; --region takes a province's two digits (or a longer code, of
-- which the province counts), --level a level, --from/--to years.
CREATE VIEW region_cells AS
SELECT t.year,
       t.province,
       (SELECT name FROM region WHERE code = t.province || '0000') AS province_name,
       t.level,
       s.code AS section,
       rd.code AS "row",
       cd.code AS "column",
       rd.label_zh AS row_label,
       cd.label_zh AS column_label,
       t.reports,
       t.blanks,
       t.total AS value
FROM region_cell_total t
JOIN row_dim rd ON rd.id = t.row_id
JOIN col_dim cd ON cd.id = t.col_id
JOIN section s ON s.id = rd.section_id
WHERE t.reports > 0
ORDER BY t.year, t.province = '', t.province, t.level, s.sort, rd.sort, cd.sort;

-- query
SELECT * FROM region_cells
WHERE (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
  AND (:region IS NULL OR province = substr(:region, 1, 2))
  AND (:level IS NULL OR level = :level)
