-- One line per selected report for the comparison sheet of an xlsx export: the compare view's
-- columns (sql/compare.sql, so the rates are the ones `gov-db query compare` prints), with the
-- identity's level beside its region code. Selected as export.sql selects.
SELECT c.agency, c.year, c.region_code, ag.level, c.requests, c.processed,
       c.resolution_rate_of_requests, c.disclosure_rate_of_processed,
       c.withheld_rate_of_processed, c.correction_rate_of_decided
FROM compare c
JOIN agencies ag ON ag.agency = c.agency
WHERE (:year IS NULL OR c.year = :year)
  AND (:agency IS NULL OR c.agency = :agency)
  AND (:region IS NULL OR c.region_code LIKE :region || '%')
  AND (:level IS NULL OR ag.level = :level)
ORDER BY c.agency, c.year
