-- Every agency identity with its region, level, parent, other names and years of reports.
--
-- agency = the identity's canonical name (what every view shows); names = its other names
-- (aliases, ` / `-separated); region_code = 行政区划代码 (placed by the import from the name
-- the agency printed, see `agency_place`; set by `gov-db agency set` or `agency import`, or
-- the report's CSV; a township's agency has its county's code); level = as set, else read off
-- the code: ..0000 provincial, ....00 prefecture, otherwise county; region = the code's name
-- in GB/T 2260. first_year, last_year and reports count its reports.
CREATE VIEW agencies AS
SELECT a.id AS agency_id,
       a.name AS agency,
       a.region_code,
       rg.name AS region,
       coalesce(a.level,
                CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                     WHEN a.region_code GLOB '????00' THEN 'prefecture'
                     WHEN a.region_code IS NOT NULL THEN 'county' END) AS level,
       p.name AS parent,
       (SELECT group_concat(n.name, ' / ') FROM
            (SELECT name FROM agency_name WHERE agency_id = a.id AND name <> a.name ORDER BY name) n) AS names,
       (SELECT min(year) FROM report WHERE agency_id = a.id) AS first_year,
       (SELECT max(year) FROM report WHERE agency_id = a.id) AS last_year,
       (SELECT count(*) FROM report WHERE agency_id = a.id) AS reports
FROM agency a
LEFT JOIN agency p ON p.id = a.parent_id
LEFT JOIN region rg ON rg.code = a.region_code
WHERE a.merged_into IS NULL;

-- query
SELECT agency, region_code, region, level, parent, names, first_year, last_year, reports
FROM agencies
WHERE (:agency IS NULL OR agency = :agency)
  AND (:agencies IS NULL OR agency IN (SELECT value FROM json_each(:agencies)))
  AND (:region IS NULL OR region_code LIKE :region || '%')
  AND (:level IS NULL OR level = :level)
  AND (:from IS NULL OR last_year >= :from)
  AND (:to IS NULL OR first_year <= :to)
ORDER BY region_code IS NULL, region_code, agency
