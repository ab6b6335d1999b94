-- gov-db schema, version 16: the statistics years a report may have, one row each.
--
-- The views that list agencies year by year (`refusal-reasons`, `outcomes-by-applicant`,
-- `applicant-mix`: ORDER BY year, agency name, then the report's rows) sorted every row they
-- selected before the first went out: 640,000 rows for `refusal-reasons --year 2024` at 200k
-- reports, most of its 1.6 s. Read in the loop year → agency by name (its UNIQUE index) →
-- that agency's report of the year (UNIQUE (agency_id, year)) → the report's cells in row
-- order, the rows come out in the view's order, but SQLite takes that order as proven only
-- when the outer loop's years are distinct and ascending, which a subquery over `report`
-- (DISTINCT or GROUP BY year) does not tell it and an INTEGER PRIMARY KEY does.
--
-- Every year report.year's CHECK allows (1990–2100), written once: nothing to keep at import.
-- A view reads only the years between the first and last year of `report` (min and max off
-- the report_year index), so a year without reports in that span costs one probe an agency.

CREATE TABLE statistics_year (
    year INTEGER PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100)
) STRICT;

INSERT INTO statistics_year (year)
WITH RECURSIVE y(year) AS (SELECT 1990 UNION ALL SELECT year + 1 FROM y WHERE year < 2100)
SELECT year FROM y;
