-- Requests received and processed per agency and year, with resolution and disclosure rates.
--
-- received_new = 一、本年新收 (总计 column); carried_in = 二、上年结转; processed = 三（七）总计;
-- carried_out = 四、结转下年度继续办理.
-- resolution_rate = processed / (received_new + carried_in)
-- disclosure_rate = (granted + partly_granted) / processed   (予以公开 + 部分公开)
-- Each figure is the 总计 column as printed, or the sum of the six applicant columns where
-- 总计 was left blank; NULL where the report does not state the row. A rate whose
-- denominator is 0 or NULL is NULL, never 0.
CREATE VIEW resolution_rates AS
SELECT a.name AS agency,
       r.year,
       s.received_new,
       s.carried_in,
       s.total_processed AS processed,
       s.carried_out,
       s.resolution_rate,
       s.disclosure_rate
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN report_summary s ON s.report_id = r.id
ORDER BY r.year, a.name;
