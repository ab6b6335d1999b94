-- gov-db schema, version 5: each report's rates as columns of report_summary, with one index
-- per ranking metric in ranking order.
--
-- A year's ranking (`gov-db query ranking --year 2024 --limit 20`) read every report of the
-- year, computed its rate and sorted: 80 ms at 200k reports, 400 ms at a million. With an
-- index on (year, metric DESC, requests DESC) the top of a ranking is the first entries of
-- the index: about a millisecond whatever the size. The rates are VIRTUAL generated columns,
-- so their formulas are stated once, here, and the views read them by name:
--   requests        = received_new + carried_in
--   resolution_rate = total_processed / (received_new + carried_in)
--   disclosure_rate = (granted + partly_granted) / total_processed
--   withheld_rate   = withheld / total_processed
--   correction_rate = (review + litigation corrected) / (their upheld + corrected + other)
-- A rate whose denominator is 0 or NULL is NULL, never 0. The indexes hold only the reports
-- a ranking can show (metric and requests both stated).
--
-- `year` is the report's statistics year, copied here because an index cannot reach into
-- `report`; the importer writes it with the rest of the summary.

ALTER TABLE report_summary ADD COLUMN year INTEGER;

UPDATE report_summary
SET year = (SELECT r.year FROM report r WHERE r.id = report_summary.report_id);

ALTER TABLE report_summary ADD COLUMN requests INTEGER
    GENERATED ALWAYS AS (received_new + carried_in) VIRTUAL;

ALTER TABLE report_summary ADD COLUMN resolution_rate REAL
    GENERATED ALWAYS AS (CAST(total_processed AS REAL) / NULLIF(received_new + carried_in, 0)) VIRTUAL;

ALTER TABLE report_summary ADD COLUMN disclosure_rate REAL
    GENERATED ALWAYS AS (CAST(granted + partly_granted AS REAL) / NULLIF(total_processed, 0)) VIRTUAL;

ALTER TABLE report_summary ADD COLUMN withheld_rate REAL
    GENERATED ALWAYS AS (CAST(withheld AS REAL) / NULLIF(total_processed, 0)) VIRTUAL;

ALTER TABLE report_summary ADD COLUMN correction_rate REAL
    GENERATED ALWAYS AS (CAST(review_corrected + litigation_corrected AS REAL)
                         / NULLIF(review_upheld + review_corrected + review_other
                                  + litigation_upheld + litigation_corrected + litigation_other, 0)) VIRTUAL;

CREATE INDEX rank_requests ON report_summary(year, requests DESC)
    WHERE requests IS NOT NULL;
CREATE INDEX rank_resolution_rate ON report_summary(year, resolution_rate DESC, requests DESC)
    WHERE resolution_rate IS NOT NULL AND requests IS NOT NULL;
CREATE INDEX rank_disclosure_rate ON report_summary(year, disclosure_rate DESC, requests DESC)
    WHERE disclosure_rate IS NOT NULL AND requests IS NOT NULL;
CREATE INDEX rank_withheld_rate ON report_summary(year, withheld_rate DESC, requests DESC)
    WHERE withheld_rate IS NOT NULL AND requests IS NOT NULL;
CREATE INDEX rank_correction_rate ON report_summary(year, correction_rate DESC, requests DESC)
    WHERE correction_rate IS NOT NULL AND requests IS NOT NULL;
