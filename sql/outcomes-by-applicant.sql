-- Outcomes per applicant category, per agency and year, with each category's disclosure rate.
--
-- For each column of 表三 (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计):
-- received_new, processed (三（七）总计), granted, partly_granted, withheld, unavailable,
-- not_processed, other, and disclosure_rate = (granted + partly_granted) / processed (NULL
-- when processed is 0 or blank). Group counts add the group's rows; blank cells are left out.
CREATE VIEW outcomes_by_applicant AS
SELECT c.agency,
       c.year,
       c."column" AS category,
       cd.label_zh AS category_label,
       SUM(CASE WHEN c."row" = 'received_new' THEN c.value END) AS received_new,
       SUM(CASE WHEN c."row" = 'total_processed' THEN c.value END) AS processed,
       SUM(CASE WHEN c."row" = 'granted' THEN c.value END) AS granted,
       SUM(CASE WHEN c."row" = 'partly_granted' THEN c.value END) AS partly_granted,
       SUM(CASE WHEN c.grp = 'withheld' THEN c.value END) AS withheld,
       SUM(CASE WHEN c.grp = 'unavailable' THEN c.value END) AS unavailable,
       SUM(CASE WHEN c.grp = 'not_processed' THEN c.value END) AS not_processed,
       -- （六） counted once, as its three rows, or as its one line where only that is printed.
       coalesce(SUM(CASE WHEN c."row" IN ('other_no_correction', 'other_unpaid_fee', 'other_misc') THEN c.value END),
                SUM(CASE WHEN c."row" = 'other_processing' THEN c.value END)) AS other,
       CAST(SUM(CASE WHEN c."row" IN ('granted', 'partly_granted') THEN c.value END) AS REAL)
           / NULLIF(SUM(CASE WHEN c."row" = 'total_processed' THEN c.value END), 0) AS disclosure_rate
FROM cell_values c
JOIN col_dim cd ON cd.code = c."column" AND cd.section_id = 2
WHERE c.section = 'requests'
GROUP BY c.agency, c.year, c.report_id, c."column"
ORDER BY c.year, c.agency, cd.sort;
