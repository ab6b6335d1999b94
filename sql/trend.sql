-- Year-on-year change per agency: requests, resolution and disclosure rates against the previous report.
--
-- prev_year is the agency's previous year with a report (a gap shows as prev_year < year-1).
-- Units are in the names: _rate a fraction 0–1, _pct a percentage, _pp percentage points.
-- requests = received_new + carried_in; requests_change = requests − previous;
-- requests_change_pct = requests_change / previous × 100, a percentage (75 after 23 is
-- 226.09; NULL when previous is 0 or NULL);
-- *_change_pp = change of a rate in percentage points: (rate − previous rate) × 100.
-- Rates as in resolution-rates. `agency` is the identity: reports under any of its names
-- (`gov-db agency alias`) form one series. `gov-db query trend` adds requests_cagr_pct on
-- each agency's last row in the range, the compound annual growth rate as a percentage:
-- ((last requests ÷ first requests)^(1 ÷ years between) − 1) × 100, blank when the first is
-- 0 or blank or there is one year only.
CREATE VIEW trend AS
WITH base AS (
    SELECT agency, year,
           received_new + carried_in AS requests,
           resolution_rate,
           disclosure_rate
    FROM resolution_rates
), lagged AS (
    SELECT base.*,
           LAG(year) OVER w AS prev_year,
           LAG(requests) OVER w AS prev_requests,
           LAG(resolution_rate) OVER w AS prev_resolution_rate,
           LAG(disclosure_rate) OVER w AS prev_disclosure_rate
    FROM base
    WINDOW w AS (PARTITION BY agency ORDER BY year)
)
SELECT agency, year, prev_year,
       requests,
       requests - prev_requests AS requests_change,
       100.0 * (requests - prev_requests) / NULLIF(prev_requests, 0) AS requests_change_pct,
       resolution_rate,
       (resolution_rate - prev_resolution_rate) * 100 AS resolution_rate_change_pp,
       disclosure_rate,
       (disclosure_rate - prev_disclosure_rate) * 100 AS disclosure_rate_change_pp
FROM lagged
ORDER BY agency, year;

-- query
-- The filters reach the reports before anything is worked out: each report of the range
-- finds its agency's previous report (the latest earlier one with a summary, as LAG over the
-- view's rows has it) through the (agency, year) index, so --year, --agency or --region read
-- their own reports and one more each instead of every agency's series. The same rows as
-- the view filtered afterwards (tests/cli/views.rs checks it).
WITH cur AS (
    SELECT a.name AS agency, r.agency_id, r.year,
           s.received_new + s.carried_in AS requests,
           s.resolution_rate,
           s.disclosure_rate,
           (SELECT max(p.year) FROM report p JOIN report_summary ps ON ps.report_id = p.id
            WHERE p.agency_id = r.agency_id AND p.year < r.year) AS prev_year
    FROM report r
    JOIN agency a ON a.id = r.agency_id
    JOIN report_summary s ON s.report_id = r.id
    WHERE (:from IS NULL OR r.year >= :from)
      AND (:to IS NULL OR r.year <= :to)
      AND (:agency IS NULL OR a.name = :agency)
      AND (:agencies IS NULL OR a.name IN (SELECT value FROM json_each(:agencies)))
      AND (:region IS NULL OR a.name IN (SELECT agency FROM agencies WHERE region_code LIKE :region || '%'))
      AND (:level IS NULL OR a.name IN (SELECT agency FROM agencies WHERE level = :level))
), lagged AS (
    SELECT cur.*,
           ps.received_new + ps.carried_in AS prev_requests,
           ps.resolution_rate AS prev_resolution_rate,
           ps.disclosure_rate AS prev_disclosure_rate
    FROM cur
    LEFT JOIN report pr ON pr.agency_id = cur.agency_id AND pr.year = cur.prev_year
    LEFT JOIN report_summary ps ON ps.report_id = pr.id
)
SELECT agency, year, prev_year,
       requests,
       requests - prev_requests AS requests_change,
       100.0 * (requests - prev_requests) / NULLIF(prev_requests, 0) AS requests_change_pct,
       resolution_rate,
       (resolution_rate - prev_resolution_rate) * 100 AS resolution_rate_change_pp,
       disclosure_rate,
       (disclosure_rate - prev_disclosure_rate) * 100 AS disclosure_rate_change_pp
FROM lagged
ORDER BY agency, year
LIMIT :limit
