-- Agencies ranked by a metric within each year (--metric, --min-requests, --limit).
--
-- Metrics (one line per agency, year and metric; higher ranks first; the formulas are
-- report_summary's generated columns, migrations/V5__ranking_indexes.sql):
--   requests         = received_new + carried_in
--   resolution_rate  = processed / (received_new + carried_in)
--   disclosure_rate  = (granted + partly_granted) / processed
--   withheld_rate    = withheld / processed (不予公开; here higher ranks first too)
--   correction_rate  = (review + litigation corrected) / (upheld + corrected + other)
-- Agencies with fewer than --min-requests requests (default 10) are left out; a metric that
-- is NULL (no denominator) is not ranked. Ties share a rank; among them the agency with more
-- requests comes first. The rank is among the agencies selected (--region, --level, --agency).
-- The view has no rank column: a rank depends on which agencies are selected, so `gov-db
-- query ranking` adds it, as RANK() OVER (PARTITION BY year, metric ORDER BY value DESC,
-- requests DESC) over the rows it selects; in SQL, write that window over this view.
--
-- With --peers level|province|level,province, `gov-db query ranking` adds peer_group, peer_n,
-- percentile and the group's peer_p25, peer_p50 and peer_p75 of the metric. The group: the
-- agencies ranked that year (the metric stated, --min-requests met, whatever --agency, --region
-- or --limit show) with the same level and/or province (first two digits of region_code);
-- percentile = 100 × (peers lower + ½ × peers equal) ÷ (n − 1) (NULL when n = 1); quantiles by
-- linear interpolation as numpy's default (definitions in sql/compare.sql and src/peers.rs).
CREATE VIEW ranking AS
SELECT a.name AS agency, s.year, 'requests' AS metric, CAST(s.requests AS REAL) AS value, s.requests
FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
UNION ALL
SELECT a.name AS agency, s.year, 'resolution_rate' AS metric, s.resolution_rate AS value, s.requests
FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
UNION ALL
SELECT a.name AS agency, s.year, 'disclosure_rate' AS metric, s.disclosure_rate AS value, s.requests
FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
UNION ALL
SELECT a.name AS agency, s.year, 'withheld_rate' AS metric, s.withheld_rate AS value, s.requests
FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
UNION ALL
SELECT a.name AS agency, s.year, 'correction_rate' AS metric, s.correction_rate AS value, s.requests
FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id;

-- query
-- One arm per metric, each read in its index's order (year, metric DESC, requests DESC), so
-- that with --limit only the top of the index is read; the other arms are skipped at once.
-- RANK() over that top is the rank over the whole year: every row ranked above a row of the
-- top is in the top too.
SELECT year,
       RANK() OVER (PARTITION BY year ORDER BY value DESC) AS rank,
       agency,
       :metric AS metric,
       CAST(value AS REAL) AS value,
       requests
FROM (
    SELECT s.year, a.name AS agency, s.requests AS value, s.requests
    FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
    WHERE :metric = 'requests' AND s.requests IS NOT NULL
      AND s.requests >= :min_requests
      AND (:from IS NULL OR s.year >= :from)
      AND (:to IS NULL OR s.year <= :to)
      AND (:agency IS NULL OR a.name = :agency)
      AND (:agencies IS NULL OR a.name IN (SELECT value FROM json_each(:agencies)))
      AND (:region IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE region_code LIKE :region || '%'))
      AND (:level IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE level = :level))
    UNION ALL
    SELECT s.year, a.name AS agency, s.resolution_rate AS value, s.requests
    FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
    WHERE :metric = 'resolution_rate' AND s.resolution_rate IS NOT NULL AND s.requests IS NOT NULL
      AND s.requests >= :min_requests
      AND (:from IS NULL OR s.year >= :from)
      AND (:to IS NULL OR s.year <= :to)
      AND (:agency IS NULL OR a.name = :agency)
      AND (:agencies IS NULL OR a.name IN (SELECT value FROM json_each(:agencies)))
      AND (:region IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE region_code LIKE :region || '%'))
      AND (:level IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE level = :level))
    UNION ALL
    SELECT s.year, a.name AS agency, s.disclosure_rate AS value, s.requests
    FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
    WHERE :metric = 'disclosure_rate' AND s.disclosure_rate IS NOT NULL AND s.requests IS NOT NULL
      AND s.requests >= :min_requests
      AND (:from IS NULL OR s.year >= :from)
      AND (:to IS NULL OR s.year <= :to)
      AND (:agency IS NULL OR a.name = :agency)
      AND (:agencies IS NULL OR a.name IN (SELECT value FROM json_each(:agencies)))
      AND (:region IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE region_code LIKE :region || '%'))
      AND (:level IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE level = :level))
    UNION ALL
    SELECT s.year, a.name AS agency, s.withheld_rate AS value, s.requests
    FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
    WHERE :metric = 'withheld_rate' AND s.withheld_rate IS NOT NULL AND s.requests IS NOT NULL
      AND s.requests >= :min_requests
      AND (:from IS NULL OR s.year >= :from)
      AND (:to IS NULL OR s.year <= :to)
      AND (:agency IS NULL OR a.name = :agency)
      AND (:agencies IS NULL OR a.name IN (SELECT value FROM json_each(:agencies)))
      AND (:region IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE region_code LIKE :region || '%'))
      AND (:level IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE level = :level))
    UNION ALL
    SELECT s.year, a.name AS agency, s.correction_rate AS value, s.requests
    FROM report_summary s JOIN report r ON r.id = s.report_id JOIN agency a ON a.id = r.agency_id
    WHERE :metric = 'correction_rate' AND s.correction_rate IS NOT NULL AND s.requests IS NOT NULL
      AND s.requests >= :min_requests
      AND (:from IS NULL OR s.year >= :from)
      AND (:to IS NULL OR s.year <= :to)
      AND (:agency IS NULL OR a.name = :agency)
      AND (:agencies IS NULL OR a.name IN (SELECT value FROM json_each(:agencies)))
      AND (:region IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE region_code LIKE :region || '%'))
      AND (:level IS NULL OR a.id IN (SELECT agency_id FROM agencies WHERE level = :level))
    ORDER BY 1, 3 DESC, 4 DESC, 2
    LIMIT :limit)
ORDER BY year, rank, requests DESC, agency
