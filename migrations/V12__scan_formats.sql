-- gov-db schema, version 12: reports read by OCR.
--
-- `report.format` may now also be scan (a PDF whose pages have no text layer, read by OCR) or
-- image (a PNG, JPEG or TIFF of a report's tables). Widened in place as V8 did, for the same
-- reasons (SQLite cannot alter a CHECK; rebuilding the table would cascade-delete the facts).

PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(
    sql,
    'CHECK (format IN (''csv'', ''text'', ''html'', ''markdown'', ''pdf'', ''docx'', ''doc'', ''rtf'', ''xlsx'', ''xls'', ''ods''))',
    'CHECK (format IN (''csv'', ''text'', ''html'', ''markdown'', ''pdf'', ''docx'', ''doc'', ''rtf'', ''xlsx'', ''xls'', ''ods'', ''scan'', ''image''))'
)
WHERE type = 'table' AND name = 'report';

PRAGMA writable_schema = RESET;

CREATE TABLE schema_version_bump (x INTEGER);
DROP TABLE schema_version_bump;
