-- Every stated cell of every report, one per row, with its labels (zero-filled, blanks NULL).
--
-- The long form of all three tables: agency, year, template, section, row, column and value,
-- plus the Chinese labels and the row group (intake, outcome, withheld, unavailable,
-- not_processed, other, total, carry; documents, decisions, fees, procurement; review,
-- litigation). A cell the report states is 0 unless stored otherwise; a blank cell is NULL.
-- Amounts of money are numbers here (exact text in `gov-db export`).
CREATE VIEW cells AS
SELECT report_id, agency, year, template, section, "row", "column", grp, row_label, column_label, value
FROM cell_values
ORDER BY agency, year, row_id, col_id;
