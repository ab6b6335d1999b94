-- The default query over a canned view: every view has `agency` and `year` columns. `agency`
-- is the identity's canonical name; region and level are the identity's (see the agencies view).
SELECT * FROM {view}
WHERE (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
  AND (:agency IS NULL OR agency = :agency)
  AND (:agencies IS NULL OR agency IN (SELECT value FROM json_each(:agencies)))
  AND (:region IS NULL OR agency IN (SELECT agency FROM agencies WHERE region_code LIKE :region || '%'))
  AND (:level IS NULL OR agency IN (SELECT agency FROM agencies WHERE level = :level))
LIMIT :limit
