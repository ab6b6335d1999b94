-- Why requests were not granted: each withheld, unavailable and not-processed reason, per agency and year.
--
-- count = the reason's row in the 总计 column (三（三）1–8 不予公开, 三（四）1–3 无法提供,
-- 三（五）1–5 不予处理); share_of_processed = count / 三（七）总计; share_of_group = count /
-- the group's sum. Blank cells are NULL and left out of the sums; a share with a 0 or NULL
-- denominator is NULL.
CREATE VIEW refusal_reasons AS
SELECT c.agency,
       c.year,
       c.grp AS "group",
       c."row" AS reason,
       c.row_label AS label,
       c.value AS count,
       CAST(c.value AS REAL) / NULLIF(s.total_processed, 0) AS share_of_processed,
       CAST(c.value AS REAL) / NULLIF(SUM(c.value) OVER (PARTITION BY c.agency, c.year, c.report_id, c.grp), 0) AS share_of_group
FROM cell_values c
JOIN report_summary s ON s.report_id = c.report_id
JOIN row_dim rd ON rd.code = c."row" AND rd.section_id = 2
WHERE c.section = 'requests'
  AND c."column" = 'total'
  AND c.grp IN ('withheld', 'unavailable', 'not_processed')
ORDER BY c.year, c.agency, rd.sort;
