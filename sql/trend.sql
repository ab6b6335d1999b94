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
