-- One report's facts about itself, for `gov-db show`: the agency's canonical name, the name the
-- report printed, and where and how it was read.
SELECT a.name AS agency,
       coalesce(n.name, a.name) AS printed_name,
       r.year,
       r.template,
       r.format,
       r.source,
       r.content_hash,
       r.parser_version,
       r.imported_at
FROM report r
JOIN agency a ON a.id = r.agency_id
LEFT JOIN report_name n ON n.report_id = r.id
WHERE a.name = :agency AND r.year = :year
