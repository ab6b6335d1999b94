-- Every stated cell of the selected reports in the canonical long CSV's order. A stated cell
-- with no fact row is 0; money is kept as printed. The agency is the name the report printed
-- (report_name), which may be an alias of the identity's canonical name. With :full, the
-- last column says whether the value is as printed or a person's correction (gov-db correct).
SELECT coalesce(rn.name, a.name), r.year, s.code, rd.code, cd.code,
       CASE
           WHEN cd.kind = 'money' THEN m.value
           WHEN f.report_id IS NULL THEN '0'
           ELSE CAST(f.value AS TEXT)
       END,
       a.region_code, r.template, r.source,
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
ORDER BY a.name, r.year, s.sort, rd.sort, cd.sort
