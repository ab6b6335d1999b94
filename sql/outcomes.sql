-- How requests were answered per agency and year: each outcome group's count and share.
--
-- Groups of 三、本年度办理结果 (总计 column): granted 予以公开, partly_granted 部分公开,
-- withheld 不予公开 (8 reasons), unavailable 无法提供 (3), not_processed 不予处理 (5),
-- other 其他处理 (three rows in the 2021 template, one in 2019).
-- share_x = x / processed, where processed = 三（七）总计 as printed; NULL when processed is
-- 0 or not stated. A group whose rows are all blank is NULL.
CREATE VIEW outcomes AS
SELECT a.name AS agency,
       r.year,
       s.total_processed AS processed,
       s.granted,
       s.partly_granted,
       s.withheld,
       s.unavailable,
       s.not_processed,
       s.other_processed AS other,
       CAST(s.granted AS REAL) / NULLIF(s.total_processed, 0) AS share_granted,
       CAST(s.partly_granted AS REAL) / NULLIF(s.total_processed, 0) AS share_partly_granted,
       CAST(s.withheld AS REAL) / NULLIF(s.total_processed, 0) AS share_withheld,
       CAST(s.unavailable AS REAL) / NULLIF(s.total_processed, 0) AS share_unavailable,
       CAST(s.not_processed AS REAL) / NULLIF(s.total_processed, 0) AS share_not_processed,
       CAST(s.other_processed AS REAL) / NULLIF(s.total_processed, 0) AS share_other
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN report_summary s ON s.report_id = r.id
ORDER BY r.year, a.name;
