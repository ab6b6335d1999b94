-- Administrative review and litigation (表四) per agency and year, with correction rates.
--
-- review_* = 行政复议; litigation_* = 行政诉讼, 未经复议直接起诉 + 复议后起诉.
-- correction_rate = corrected / (upheld + corrected + other), i.e. of the cases decided
-- (尚未审结 pending cases left out); NULL when no case was decided or a term is blank.
CREATE VIEW appeals AS
SELECT a.name AS agency,
       r.year,
       s.review_upheld, s.review_corrected, s.review_other, s.review_pending, s.review_total,
       CAST(s.review_corrected AS REAL)
           / NULLIF(s.review_upheld + s.review_corrected + s.review_other, 0) AS review_correction_rate,
       s.litigation_upheld, s.litigation_corrected, s.litigation_other, s.litigation_pending, s.litigation_total,
       CAST(s.litigation_corrected AS REAL)
           / NULLIF(s.litigation_upheld + s.litigation_corrected + s.litigation_other, 0) AS litigation_correction_rate
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN report_summary s ON s.report_id = r.id
ORDER BY r.year, a.name;
