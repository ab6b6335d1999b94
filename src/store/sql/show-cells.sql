-- Every stated cell of one report with the place it was read (a line, or table/row/cell of a
-- page; empty for canonical CSV; "completed by hand (draft of FILE)" for a cell a person filled
-- in a draft), in the contract's order. Money as printed; blank is NULL.
SELECT s.code AS section,
       rd.code AS "row",
       rd.label_zh AS row_label,
       cd.code AS "column",
       cd.label_zh AS column_label,
       CASE
           WHEN cd.kind = 'money' THEN m.value
           WHEN f.report_id IS NULL THEN 0
           ELSE f.value
       END AS value,
       o.origin
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN row_dim rd ON rd.id = sc.row_id
JOIN col_dim cd ON cd.id = sc.col_id
JOIN section s ON s.id = rd.section_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id AND m.col_id = sc.col_id
LEFT JOIN fact_origin o ON o.report_id = r.id AND o.row_id = sc.row_id AND o.col_id = sc.col_id
WHERE a.name = :agency AND r.year = :year
ORDER BY s.sort, rd.sort, cd.sort
