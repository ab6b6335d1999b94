-- Which agencies' reports can be trusted: `gov-db check` findings per report, most first.
--
-- The view has one row per report: agency, year, findings = errors + warnings, errors,
-- warnings, infos (rules left open by blank cells, not counted as findings) and the rules that
-- failed; then the errors by a person's review (`gov-db review`): confirmed_errors (checked
-- against the published report), explained_errors (the agency explained them), reading_errors
-- (gov-db read the report wrong) and unreviewed_errors (no review, or a stale one: a number
-- changed since), which add up to errors. `gov-db query quality` ranks agencies over the
-- selected years (--from/--to/--year, --agency) by findings_per_report = findings / reports,
-- then errors_per_report = errors / reports; agencies whose reports are all clean share the
-- last rank with 0. It adds each agency's confirmed_errors and unreviewed_errors.
-- The findings themselves are in the table `finding` (one row per finding: report_id,
-- severity, rule, section, row_code, col_code, expected, actual, message), e.g.
--   SELECT a.name, r.year, f.* FROM finding f JOIN report r ON r.id = f.report_id
--   JOIN agency a ON a.id = r.agency_id WHERE f.severity = 'error';
-- or, with the labels and filters of the command line, `gov-db check --format csv`.
CREATE VIEW quality AS
SELECT a.name AS agency,
       r.year,
       count(f.id) FILTER (WHERE f.severity IN ('error', 'warning')) AS findings,
       count(f.id) FILTER (WHERE f.severity = 'error') AS errors,
       count(f.id) FILTER (WHERE f.severity = 'warning') AS warnings,
       count(f.id) FILTER (WHERE f.severity = 'info') AS infos,
       group_concat(DISTINCT CASE WHEN f.severity <> 'info' THEN f.rule END) AS rules,
       count(f.id) FILTER (WHERE f.severity = 'error' AND v.status = 'confirmed') AS confirmed_errors,
       count(f.id) FILTER (WHERE f.severity = 'error' AND v.status = 'explained') AS explained_errors,
       count(f.id) FILTER (WHERE f.severity = 'error' AND v.status = 'reading-error') AS reading_errors,
       count(f.id) FILTER (WHERE f.severity = 'error' AND v.id IS NULL) AS unreviewed_errors
FROM report r
JOIN agency a ON a.id = r.agency_id
LEFT JOIN finding f ON f.report_id = r.id
-- A review belongs to a finding with the same key: agency identity, year, rule, cell, numbers.
LEFT JOIN review v ON v.agency_id = r.agency_id AND v.year = r.year AND v.rule = f.rule
                  AND v.section IS f.section AND v.row_code IS f.row_code
                  AND v.col_code IS f.col_code AND v.expected IS f.expected
                  AND v.actual IS f.actual
GROUP BY r.id
ORDER BY a.name, r.year;

-- query
SELECT RANK() OVER (ORDER BY CAST(sum(findings) AS REAL) / count(*) DESC,
                             CAST(sum(errors) AS REAL) / count(*) DESC) AS rank,
       agency,
       count(*) AS reports,
       min(year) AS first_year,
       max(year) AS last_year,
       sum(findings) AS findings,
       sum(errors) AS errors,
       sum(warnings) AS warnings,
       CAST(sum(findings) AS REAL) / count(*) AS findings_per_report,
       CAST(sum(errors) AS REAL) / count(*) AS errors_per_report,
       sum(CASE WHEN errors > 0 THEN 1 ELSE 0 END) AS reports_with_errors,
       sum(confirmed_errors) AS confirmed_errors,
       sum(unreviewed_errors) AS unreviewed_errors
FROM quality
WHERE (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
  AND (:agency IS NULL OR agency = :agency)
GROUP BY agency
ORDER BY rank, agency
