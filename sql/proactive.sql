-- Proactive disclosure (表二) per agency and year: documents, decisions and fees as printed.
--
-- One line per stated cell of 表二, with its labels. 2021 template: 规章 and 行政规范性文件
-- issued / repealed / in_force; 行政许可, 行政处罚, 行政强制 decisions; 行政事业性收费
-- amount_10k_yuan (万元). 2019 template: made / published / published_total, prior_items /
-- change / decisions, procurement items and amount. Blank cells are NULL.
CREATE VIEW proactive AS
SELECT agency, year, template, "row", row_label, "column", column_label, value
FROM cell_values
WHERE section = 'proactive'
ORDER BY agency, year, row_id, col_id;
