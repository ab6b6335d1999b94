-- gov-db schema, version 6: the agency-years an import in progress has put.
--
-- An import must find an agency-year given twice (two forms of one report, or a conflict) and
-- name the file that gave it first. Held in memory, that took 12–30 bytes per report, so a
-- large enough import would outgrow any memory bound; here it takes pages of the database's
-- own cache. Both tables are empty outside an import: the importer fills them inside its
-- transaction and empties them before it commits (an import that fails or is killed leaves
-- nothing, with the rest of its transaction).

CREATE TABLE import_seen (
    key       INTEGER PRIMARY KEY,  -- agency id × 65536 + statistics year
    source_id INTEGER NOT NULL
) STRICT;

CREATE TABLE import_source (
    id     INTEGER PRIMARY KEY,
    source TEXT NOT NULL
) STRICT;
