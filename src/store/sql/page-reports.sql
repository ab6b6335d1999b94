-- The reports of one agency for `gov-db page`, newest first (one year with :year): the name each
-- printed, its template, and where and how it was read. Its cells come from show-cells.sql.
SELECT r.year,
       coalesce(n.name, a.name) AS printed_name,
       r.template,
       r.format,
       r.source,
       r.content_hash,
       r.parser_version
FROM report r
JOIN agency a ON a.id = r.agency_id
LEFT JOIN report_name n ON n.report_id = r.id
WHERE a.name = :agency AND (:year IS NULL OR r.year = :year)
ORDER BY r.year DESC
