-- gov-db schema, version 8: reports read from Word files and workbooks.
--
-- `report.format` says what a report was read from; it may now also be docx, doc (Word 97 or
-- WPS, converted by LibreOffice), rtf, xlsx, xls (Excel 97, WPS .et) or ods. SQLite cannot
-- alter a CHECK, and rebuilding the table would cascade-delete every fact through the
-- foreign keys; widening the list of allowed values changes nothing stored, so the table's
-- own definition is edited in place, as SQLite documents for such changes
-- (lang_altertable.html, "otherschemachanges"). RESET makes this connection read the new
-- definition; the table made and dropped after it moves the schema version on, so that every
-- other connection reads it too.

PRAGMA writable_schema = ON;

UPDATE sqlite_schema
SET sql = replace(
    sql,
    'CHECK (format IN (''csv'', ''text'', ''html'', ''markdown'', ''pdf''))',
    'CHECK (format IN (''csv'', ''text'', ''html'', ''markdown'', ''pdf'', ''docx'', ''doc'', ''rtf'', ''xlsx'', ''xls'', ''ods''))'
)
WHERE type = 'table' AND name = 'report';

PRAGMA writable_schema = RESET;

CREATE TABLE schema_version_bump (x INTEGER);
DROP TABLE schema_version_bump;
