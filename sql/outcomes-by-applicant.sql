-- Outcomes per applicant category, per agency and year, with each category's disclosure rate.
--
-- For each column of 表三 (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计):
-- received_new, processed (三（七）总计), granted, partly_granted, withheld, unavailable,
-- not_processed, other, and disclosure_rate = (granted + partly_granted) / processed (NULL
-- when processed is 0 or blank). Group counts add the group's rows; blank cells are left out.
--
-- Read from `report_outcome`, the sums kept per report and column at import (migrations/V14),
-- rather than grouped from every cell. Read in its order, never sorted, as `refusal-reasons`
-- is: years off `statistics_year` (migrations/V16), agencies by name, each agency's report of
-- the year, its columns in order off `report_outcome`'s key (cd.sort follows col_dim.id there).
CREATE VIEW outcomes_by_applicant AS
SELECT a.name AS agency,
       y.year,
       cd.code AS category,
       cd.label_zh AS category_label,
       o.received_new,
       o.processed,
       o.granted,
       o.partly_granted,
       o.withheld,
       o.unavailable,
       o.not_processed,
       -- （六） counted once, as its three rows, or as its one line where only that is printed.
       o.other,
       CAST(CASE WHEN o.granted IS NOT NULL OR o.partly_granted IS NOT NULL
                 THEN coalesce(o.granted, 0) + coalesce(o.partly_granted, 0) END AS REAL)
           / NULLIF(o.processed, 0) AS disclosure_rate
FROM statistics_year y
CROSS JOIN agency a
CROSS JOIN report r ON r.agency_id = a.id AND r.year = y.year
CROSS JOIN report_outcome o ON o.report_id = r.id
JOIN col_dim cd ON cd.id = +o.col_id
WHERE y.year BETWEEN (SELECT min(year) FROM report) AND (SELECT max(year) FROM report)
ORDER BY y.year, a.name, o.col_id;
