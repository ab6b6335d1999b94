-- The counts each report states other than 0, for sums and ad hoc aggregates (blanks NULL).
--
-- One row per count cell of a report that is not 0: the cells `cell_values` lists without
-- the zeros and without money. A sum, a count of reports with a non-zero cell, a maximum:
-- zeros add nothing, so they read the same here, where `fact` is read alone rather than
-- every stated cell of every report looked up one by one. Blanks are NULL (sum leaves them out). `SELECT "row", sum(value) FROM
-- cell_counts WHERE section = 'requests' AND "column" = 'total' GROUP BY 1`. For totals per
-- year, province and level, `region-cells` has them already summed.
CREATE VIEW cell_counts AS
SELECT f.report_id,
       a.name AS agency,
       r.year,
       a.region_code,
       s.code AS section,
       rd.code AS "row",
       cd.code AS "column",
       rd.grp AS grp,
       f.value,
       f.row_id,
       f.col_id
FROM fact f
JOIN row_dim rd ON rd.id = f.row_id
JOIN col_dim cd ON cd.id = f.col_id
JOIN section s ON s.id = rd.section_id
JOIN report r ON r.id = f.report_id
JOIN agency a ON a.id = r.agency_id;
