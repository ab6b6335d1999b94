-- Totals per region and level, per year: agencies reporting, requests, processed, pooled rates.
--
-- One line per province and per prefecture (the first 2 and 4 digits of each agency's
-- 行政区划代码; agencies without a code under region_code '' "no region code"), level and
-- statistics year. agencies = identities with a report that year; requests = received_new +
-- carried_in and processed = 三（七）总计, summed over the agencies that state both.
-- resolution_rate_pooled = Σ processed / Σ requests, disclosure_rate_pooled = Σ (granted +
-- partly_granted) / Σ processed, each over the agencies that state both terms; NULL (blank)
-- when the denominator is 0 or unknown. --region and --level select lines, --from/--to years.
CREATE VIEW region_totals AS
WITH scope AS (
    SELECT agency_id, level, coalesce(substr(region_code, 1, 2), '') AS prefix FROM agencies
    UNION ALL
    SELECT agency_id, level, substr(region_code, 1, 4) FROM agencies
    WHERE region_code IS NOT NULL AND substr(region_code, 3, 2) <> '00'
)
SELECT sc.prefix AS region_code,
       CASE WHEN sc.prefix = '' THEN 'no region code'
            ELSE (SELECT name FROM region WHERE code = substr(sc.prefix || '0000', 1, 6)) END AS region,
       sc.level,
       r.year,
       count(*) AS agencies,
       sum(CASE WHEN s.total_processed IS NOT NULL THEN s.received_new + s.carried_in END) AS requests,
       sum(CASE WHEN s.received_new + s.carried_in IS NOT NULL THEN s.total_processed END) AS processed,
       CAST(sum(CASE WHEN s.received_new + s.carried_in IS NOT NULL THEN s.total_processed END) AS REAL)
           / NULLIF(sum(CASE WHEN s.total_processed IS NOT NULL THEN s.received_new + s.carried_in END), 0)
           AS resolution_rate_pooled,
       CAST(sum(CASE WHEN s.total_processed IS NOT NULL THEN s.granted + s.partly_granted END) AS REAL)
           / NULLIF(sum(CASE WHEN s.granted + s.partly_granted IS NOT NULL THEN s.total_processed END), 0)
           AS disclosure_rate_pooled
FROM scope sc
JOIN report r ON r.agency_id = sc.agency_id
JOIN report_summary s ON s.report_id = r.id
GROUP BY sc.prefix, sc.level, r.year
ORDER BY r.year, sc.prefix = '', sc.prefix, sc.level;

-- query
SELECT * FROM region_totals
WHERE (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
  AND (:region IS NULL OR region_code LIKE :region || '%')
  AND (:level IS NULL OR level = :level)
