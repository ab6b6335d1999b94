-- Agencies side by side for a year (--agency A --agency B …, or --region), with the medians.
--
-- Per agency and year, every rate with its denominator in the name:
--   requests                     = received_new + carried_in (本年新收 + 上年结转)
--   resolution_rate_of_requests  = processed / requests            (三（七）总计 ÷ requests)
--   disclosure_rate_of_processed = (granted + partly_granted) / processed
--   withheld_rate_of_processed   = withheld (不予公开) / processed
--   correction_rate_of_decided   = corrected / (upheld + corrected + other), 行政复议 and
--                                  行政诉讼 together, pending cases left out
-- A rate whose denominator is 0 or unknown is blank (NULL), never 0. `gov-db query compare`
-- adds one line per year with the median of every agency in the database for that year
-- (national) and, with --region, of the agencies in that region; `--chart` draws the rates.
--
-- With --peers level|province|level,province, `gov-db query compare` adds each agency's peer
-- group and its percentile in it for every number column, and per year and group shown the
-- rows P25, P50 and P75 (src/peers.rs):
--   peer group   = the agencies with a report that year and the same level (as the agencies
--                  view has it) and/or province (the first two digits of region_code), whatever
--                  --agency or --region show; no group where the level or code is unknown
--   peer_n       = the agencies of the group that year
--   X_percentile = 100 × (peers with a lower X + ½ × peers with an equal X) ÷ (n − 1), over
--                  the n members with a value of X (the agency among them): 0 the lowest, 100
--                  the highest, NULL when n = 1; = (average rank − 1) ÷ (n − 1) × 100
--   P25/P50/P75  = linear interpolation between the sorted values (numpy's default): with
--                  h = (n − 1) × p, x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]); P50 is the median
CREATE VIEW compare AS
SELECT a.name AS agency,
       r.year,
       a.region_code,
       s.requests,
       s.total_processed AS processed,
       s.resolution_rate AS resolution_rate_of_requests,
       s.disclosure_rate AS disclosure_rate_of_processed,
       s.withheld_rate AS withheld_rate_of_processed,
       s.correction_rate AS correction_rate_of_decided
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN report_summary s ON s.report_id = r.id
ORDER BY r.year, a.name;
