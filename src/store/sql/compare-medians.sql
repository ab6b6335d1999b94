-- The rows the median lines of `gov-db query compare` are worked out from: the compare view's
-- columns in its order, with the agency and region left blank (the medians use the year and
-- the numbers only) and no sort, so that the national medians read report_summary and not
-- every agency's name, sorted. Agencies as the default filter has them (sql/filter.sql).
SELECT NULL AS agency,
       r.year,
       NULL AS region_code,
       s.requests,
       s.total_processed AS processed,
       s.resolution_rate AS resolution_rate_of_requests,
       s.disclosure_rate AS disclosure_rate_of_processed,
       s.withheld_rate AS withheld_rate_of_processed,
       s.correction_rate AS correction_rate_of_decided
FROM report r
JOIN report_summary s ON s.report_id = r.id
WHERE (:from IS NULL OR r.year >= :from)
  AND (:to IS NULL OR r.year <= :to)
  AND (:region IS NULL OR r.agency_id IN (SELECT a.id FROM agency a WHERE a.name IN
        (SELECT agency FROM agencies WHERE region_code LIKE :region || '%')))
  AND (:level IS NULL OR r.agency_id IN (SELECT a.id FROM agency a WHERE a.name IN
        (SELECT agency FROM agencies WHERE level = :level)))
