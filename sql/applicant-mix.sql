-- Who asks: new requests per applicant category, per agency and year, and each one's share.
--
-- requests = 一、本年新收 in that category's column; share = requests / the sum of the six
-- categories (not the printed 总计, so shares add up to 1). Blank cells count as unknown:
-- they are left out of the sum, and a category that is blank is NULL.
CREATE VIEW applicant_mix AS
WITH per_category AS (
    SELECT c.report_id, c.agency, c.year, c."column" AS category, cd.label_zh AS category_label, cd.sort, c.value AS requests
    FROM cell_values c
    JOIN col_dim cd ON cd.code = c."column" AND cd.section_id = 2
    WHERE c.section = 'requests' AND c."row" = 'received_new' AND c."column" <> 'total'
)
SELECT agency, year, category, category_label, requests,
       CAST(requests AS REAL) / NULLIF(SUM(requests) OVER (PARTITION BY agency, year, report_id), 0) AS share
FROM per_category
ORDER BY year, agency, sort;
