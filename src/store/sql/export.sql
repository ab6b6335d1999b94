-- Every stated cell of the selected reports in the canonical long CSV's order. A stated cell
-- with no fact row is 0; money is kept as printed. The agency is the name the report printed
-- (report_name), which may be an alias of the identity's canonical name. The tenth column, the
-- identity's level, is not a CSV column: the typed exports (xlsx, parquet) carry it. With
-- :full, the eleventh says whether the value is as printed or a person's correction (gov-db
-- correct).
SELECT coalesce(rn.name, a.name), r.year, s.code, rd.code, cd.code,
       CASE
           WHEN cd.kind = 'money' THEN m.value
           WHEN f.report_id IS NULL THEN '0'
           ELSE CAST(f.value AS TEXT)
       END,
       a.region_code, r.template, r.source,
       -- As the agencies view (sql/agencies.sql) has it: as set, else read off the code. Written
       -- out here rather than read from that view, whose other columns cost a lookup per line.
       coalesce(a.level,
                CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                     WHEN a.region_code GLOB '????00' THEN 'prefecture'
                     WHEN a.region_code IS NOT NULL THEN 'county' END),
       CASE WHEN :full THEN
           CASE WHEN EXISTS (SELECT 1 FROM cell_correction c WHERE c.report_id = r.id
                                 AND c.row_id = sc.row_id AND c.col_id = sc.col_id)
                THEN 'corrected' ELSE 'printed' END
       END
-- CROSS JOIN keeps agency the outer loop: read in name order off its index, each agency's
-- reports in year order off theirs, so that only each report's cells are sorted (a sort of
-- every cell of a national database took minutes and a temporary file of gigabytes).
FROM agency a
CROSS JOIN report r ON r.agency_id = a.id
LEFT JOIN report_name rn ON rn.report_id = r.id
JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN row_dim rd ON rd.id = sc.row_id
JOIN col_dim cd ON cd.id = sc.col_id
JOIN section s ON s.id = rd.section_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id AND m.col_id = sc.col_id
WHERE (:year IS NULL OR r.year = :year)
  AND (:agency IS NULL OR a.name = :agency)
  AND (:region IS NULL OR a.region_code LIKE :region || '%')
  AND (:level IS NULL OR coalesce(a.level,
                CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                     WHEN a.region_code GLOB '????00' THEN 'prefecture'
                     WHEN a.region_code IS NOT NULL THEN 'county' END) = :level)
ORDER BY a.name, r.year, s.sort, rd.sort, cd.sort
