-- Agencies ranked by a metric within each year (--metric, --min-requests).
--
-- Metrics (one line per agency, year and metric; higher ranks first):
--   requests         = received_new + carried_in
--   resolution_rate  = processed / (received_new + carried_in)
--   disclosure_rate  = (granted + partly_granted) / processed
--   withheld_rate    = withheld / processed (不予公开; here higher ranks first too)
--   correction_rate  = (review + litigation corrected) / (upheld + corrected + other)
-- Agencies with fewer than --min-requests requests (default 10) are left out; a metric that
-- is NULL (no denominator) is not ranked.
CREATE VIEW ranking AS
SELECT agency, year, 'requests' AS metric, CAST(received_new + carried_in AS REAL) AS value,
       received_new + carried_in AS requests
FROM resolution_rates
UNION ALL
SELECT agency, year, 'resolution_rate', resolution_rate, received_new + carried_in FROM resolution_rates
UNION ALL
SELECT agency, year, 'disclosure_rate', disclosure_rate, received_new + carried_in FROM resolution_rates
UNION ALL
SELECT a.name, r.year, 'withheld_rate', CAST(s.withheld AS REAL) / NULLIF(s.total_processed, 0),
       s.received_new + s.carried_in
FROM report r JOIN agency a ON a.id = r.agency_id JOIN report_summary s ON s.report_id = r.id
UNION ALL
SELECT a.name, r.year, 'correction_rate',
       CAST(s.review_corrected + s.litigation_corrected AS REAL)
           / NULLIF(s.review_upheld + s.review_corrected + s.review_other
                    + s.litigation_upheld + s.litigation_corrected + s.litigation_other, 0),
       s.received_new + s.carried_in
FROM report r JOIN agency a ON a.id = r.agency_id JOIN report_summary s ON s.report_id = r.id;

-- query
SELECT year,
       RANK() OVER (PARTITION BY year ORDER BY value DESC) AS rank,
       agency,
       metric,
       value,
       requests
FROM ranking
WHERE metric = :metric
  AND value IS NOT NULL
  AND requests >= :min_requests
  AND (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
  AND (:agency IS NULL OR agency = :agency)
  AND (:agencies IS NULL OR agency IN (SELECT value FROM json_each(:agencies)))
  AND (:region IS NULL OR agency IN (SELECT agency FROM agencies WHERE region_code LIKE :region || '%'))
  AND (:level IS NULL OR agency IN (SELECT agency FROM agencies WHERE level = :level))
ORDER BY year, rank, agency
