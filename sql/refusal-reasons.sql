-- Why requests were not granted: each withheld, unavailable and not-processed reason, per agency and year.
--
-- count = the reason's row in the 总计 column (三（三）1–8 不予公开, 三（四）1–3 无法提供,
-- 三（五）1–5 不予处理); share_of_processed = count / 三（七）总计; share_of_group = count /
-- the group's sum. Blank cells are NULL and left out of the sums; a share with a 0 or NULL
-- denominator is NULL.
--
-- Each report's stated cells of those rows in the 总计 column, looked up in `fact`; the
-- group's sum is read from `report_outcome` (migrations/V14), kept at import.
--
-- Read in its order, never sorted: the years off `statistics_year` (migrations/V16), each
-- year's agencies by name off their index, each agency's report of the year off (agency_id,
-- year), the report's rows of 表三 in row order off its shape, each (row, 总计) sought in
-- its key rather than all seven columns of rows 14–29 stepped over (rd.sort follows
-- row_dim.id there; CROSS JOIN keeps that loop order).
CREATE VIEW refusal_reasons AS
SELECT a.name AS agency,
       y.year,
       rd.grp AS "group",
       rd.code AS reason,
       rd.label_zh AS label,
       CASE WHEN f.report_id IS NULL THEN 0 ELSE f.value END AS count,
       CAST(CASE WHEN f.report_id IS NULL THEN 0 ELSE f.value END AS REAL)
           / NULLIF(s.total_processed, 0) AS share_of_processed,
       CAST(CASE WHEN f.report_id IS NULL THEN 0 ELSE f.value END AS REAL)
           / NULLIF(CASE rd.grp WHEN 'withheld' THEN o.withheld
                                WHEN 'unavailable' THEN o.unavailable
                                ELSE o.not_processed END, 0) AS share_of_group
FROM statistics_year y
CROSS JOIN agency a
CROSS JOIN report r ON r.agency_id = a.id AND r.year = y.year
CROSS JOIN shape_cell sc ON sc.shape_id = r.shape_id AND sc.col_id = 7
                      AND sc.row_id IN (14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29)
JOIN row_dim rd ON rd.id = +sc.row_id
JOIN report_summary s ON s.report_id = r.id
JOIN report_outcome o ON o.report_id = r.id AND o.col_id = 7
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = 7
WHERE y.year BETWEEN (SELECT min(year) FROM report) AND (SELECT max(year) FROM report)
ORDER BY y.year, a.name, sc.row_id;
