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
