-- The default query over a canned view: every view has `agency` and `year` columns.
SELECT * FROM {view}
WHERE (:from IS NULL OR year >= :from)
  AND (:to IS NULL OR year <= :to)
  AND (:agency IS NULL OR agency = :agency)
