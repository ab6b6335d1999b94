-- Who asks: new requests per applicant category, per agency and year, and each one's share.
--
-- requests = 一、本年新收 in that category's column; share = requests / the sum of the six
-- categories (not the printed 总计, so shares add up to 1). Blank cells count as unknown:
-- they are left out of the sum, and a category that is blank is NULL.
--
-- Each report's stated cells of 本年新收 looked up in `fact` (not every cell through
-- `cell_values`); the sum of the six read from `report_outcome` (migrations/V14), kept at
-- import, rather than a window over the rows, so that any filter reaches the reports. Read in
-- its order, never sorted, as `refusal-reasons` is: years off `statistics_year`
-- (migrations/V16), agencies by name, each agency's report of the year, its columns in order
-- off its shape (cd.sort follows col_dim.id there).
CREATE VIEW applicant_mix AS
SELECT a.name AS agency,
       y.year,
       cd.code AS category,
       cd.label_zh AS category_label,
       CASE WHEN f.report_id IS NULL THEN 0 ELSE f.value END AS requests,
       CAST(CASE WHEN f.report_id IS NULL THEN 0 ELSE f.value END AS REAL)
           / NULLIF((SELECT sum(o.received_new) FROM report_outcome o
                     WHERE o.report_id = r.id AND o.col_id BETWEEN 1 AND 6), 0) AS share
FROM statistics_year y
CROSS JOIN agency a
CROSS JOIN report r ON r.agency_id = a.id AND r.year = y.year
CROSS JOIN shape_cell sc ON sc.shape_id = r.shape_id AND sc.row_id = 10 AND sc.col_id BETWEEN 1 AND 6
JOIN col_dim cd ON cd.id = +sc.col_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = 10 AND f.col_id = sc.col_id
WHERE y.year BETWEEN (SELECT min(year) FROM report) AND (SELECT max(year) FROM report)
ORDER BY y.year, a.name, sc.col_id;
