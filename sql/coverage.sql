-- Which years have a report and which are missing, per agency and rolled up per region.
--
-- One row per agency identity and year, from --from (default: the first year of any report)
-- to --to (default: the last): has_report = 1 when the identity has a report for that year
-- (under any of its names), 0 when it is missing. `gov-db query coverage` prints it as a grid,
-- one column per year (✓ a report, · missing), with `reports` and the `missing` years, and
-- below the agencies one line per region (province and prefecture of the 行政区划代码) and
-- one for all, counting the agencies that reported out of those listed (k/n).
CREATE VIEW coverage AS
WITH RECURSIVE years(year) AS (
    SELECT min(year) FROM report WHERE EXISTS (SELECT 1 FROM report)
    UNION ALL
    SELECT year + 1 FROM years WHERE year < (SELECT max(year) FROM report)
)
SELECT g.agency, y.year, g.region_code, g.level,
       EXISTS (SELECT 1 FROM report r WHERE r.agency_id = g.agency_id AND r.year = y.year) AS has_report
FROM agencies g CROSS JOIN years y
ORDER BY g.agency, y.year;

-- query
WITH RECURSIVE bounds(lo, hi) AS (
    SELECT coalesce(:from, (SELECT min(year) FROM report)), coalesce(:to, (SELECT max(year) FROM report))
), years(year) AS (
    SELECT lo FROM bounds WHERE lo IS NOT NULL AND hi IS NOT NULL AND lo <= hi
    UNION ALL
    SELECT year + 1 FROM years, bounds WHERE year < hi
)
SELECT g.agency, y.year, g.region_code, g.level,
       EXISTS (SELECT 1 FROM report r WHERE r.agency_id = g.agency_id AND r.year = y.year) AS has_report
FROM agencies g CROSS JOIN years y
WHERE (:agency IS NULL OR g.agency = :agency)
  AND (:agencies IS NULL OR g.agency IN (SELECT value FROM json_each(:agencies)))
  AND (:region IS NULL OR g.region_code LIKE :region || '%')
  AND (:level IS NULL OR g.level = :level)
ORDER BY g.region_code IS NULL, g.region_code, g.agency, y.year
