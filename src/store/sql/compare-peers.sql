-- The rows the peer groups of `gov-db query compare --peers` are drawn from (src/peers.rs):
-- the compare view's columns in its order, for the reports of the years asked whose agency is
-- of one of :levels and in one of :provinces (JSON arrays of the levels and provinces of the
-- agencies shown; NULL when the groups are not by it), in no order: only the groups shown,
-- not every report of the years, named and sorted. Levels and codes as the agencies view has
-- them, which is what the groups are drawn by.
SELECT g.agency,
       r.year,
       g.region_code,
       s.requests,
       s.total_processed AS processed,
       s.resolution_rate AS resolution_rate_of_requests,
       s.disclosure_rate AS disclosure_rate_of_processed,
       s.withheld_rate AS withheld_rate_of_processed,
       s.correction_rate AS correction_rate_of_decided
FROM agencies g
JOIN report r ON r.agency_id = g.agency_id
JOIN report_summary s ON s.report_id = r.id
WHERE (:levels IS NULL OR g.level IN (SELECT value FROM json_each(:levels)))
  AND (:provinces IS NULL OR substr(g.region_code, 1, 2) IN (SELECT value FROM json_each(:provinces)))
  AND (:from IS NULL OR r.year >= :from)
  AND (:to IS NULL OR r.year <= :to)
