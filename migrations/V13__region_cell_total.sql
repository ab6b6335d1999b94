-- gov-db schema, version 13: ad hoc aggregates over the cells at national speed.
--
-- `cell_values` (report × shape × labels, LEFT JOIN fact, a lookup per stated cell, zeros
-- included) is slow for a sum. Sums over rows and columns read `fact` alone through the view
-- `cell_counts` (sql/cell-counts.sql: zeros add nothing); an index of `fact` by row and column
-- was tried and left out: it made such a sum about 1.5x faster (34 ms against 68 on 10k
-- reports), but doubled what an import writes to `fact` and the file's size for it. Sums per
-- year, province and level are kept ready:
--
-- `region_cell_total`: `year_cell_total` (V4) per province and level as well. For each
--    statistics year, province (the first two digits of the agency's region_code, '' when it
--    has none), level (the agency's, as the agencies view has it: as set, else read off the
--    code; '' when unknown) and count cell (money left out):
--      reports = how many reports state the cell (a zero counts, a blank counts),
--      blanks  = how many of them left it blank,
--      total   = the sum of the values stated (blanks add nothing).
--    Kept the way year_cell_total is: the importer adds each report it writes (in memory,
--    flushed with year_cell_total's totals, src/store/write/rollup.rs); the triggers below
--    take out each report deleted, and move a report's numbers when it moves to another
--    agency (a merge, a split, their undo) and an agency's when its region or level changes.
--    At most 111 years × 35 provinces × 6 levels × 300 cells; a province's share of the
--    national totals reads a few thousand rows (`sql/region-cells.sql`).

CREATE TABLE region_cell_total (
    year     INTEGER NOT NULL,
    province TEXT NOT NULL,
    level    TEXT NOT NULL,
    row_id   INTEGER NOT NULL REFERENCES row_dim(id),
    col_id   INTEGER NOT NULL REFERENCES col_dim(id),
    reports  INTEGER NOT NULL CHECK (reports >= 0),
    blanks   INTEGER NOT NULL CHECK (blanks >= 0),
    total    INTEGER NOT NULL,
    PRIMARY KEY (year, province, level, row_id, col_id)
) STRICT, WITHOUT ROWID;

-- The key of an agency's reports: (province, level). Written out in each statement below, as
-- the agencies view has it:
--   province = coalesce(substr(region_code, 1, 2), '')
--   level    = coalesce(level, CASE WHEN region_code GLOB '??0000' THEN 'provincial'
--                                   WHEN region_code GLOB '????00' THEN 'prefecture'
--                                   WHEN region_code IS NOT NULL THEN 'county' END, '')

-- What the database already holds (a database made before this version).
INSERT INTO region_cell_total (year, province, level, row_id, col_id, reports, blanks, total)
SELECT r.year,
       coalesce(substr(a.region_code, 1, 2), ''),
       coalesce(a.level, CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                              WHEN a.region_code GLOB '????00' THEN 'prefecture'
                              WHEN a.region_code IS NOT NULL THEN 'county' END, ''),
       sc.row_id, sc.col_id,
       count(*),
       sum(f.report_id IS NOT NULL AND f.value IS NULL),
       coalesce(sum(f.value), 0)
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
GROUP BY 1, 2, 3, 4, 5;

-- A report deleted (replaced by an import, removed with its agency, merged away): its numbers
-- leave its agency's key.
CREATE TRIGGER report_leaves_region_cell_total BEFORE DELETE ON report
BEGIN
    UPDATE region_cell_total
    SET reports = reports - 1,
        blanks = blanks - d.blank,
        total = total - d.value
    FROM (SELECT coalesce(substr(a.region_code, 1, 2), '') AS province,
                 coalesce(a.level, CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                                        WHEN a.region_code GLOB '????00' THEN 'prefecture'
                                        WHEN a.region_code IS NOT NULL THEN 'county' END, '') AS level,
                 sc.row_id, sc.col_id,
                 (f.report_id IS NOT NULL AND f.value IS NULL) AS blank,
                 coalesce(f.value, 0) AS value
          FROM agency a
          JOIN shape_cell sc ON sc.shape_id = OLD.shape_id
          JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
          LEFT JOIN fact f ON f.report_id = OLD.id AND f.row_id = sc.row_id
                          AND f.col_id = sc.col_id
          WHERE a.id = OLD.agency_id) AS d
    WHERE region_cell_total.year = OLD.year
      AND region_cell_total.province = d.province
      AND region_cell_total.level = d.level
      AND region_cell_total.row_id = d.row_id
      AND region_cell_total.col_id = d.col_id;
END;

-- A report moved to another agency or year: out of the old key, into the new one.
CREATE TRIGGER report_moves_region_cell_total AFTER UPDATE OF agency_id, year ON report
WHEN OLD.agency_id IS NOT NEW.agency_id OR OLD.year IS NOT NEW.year
BEGIN
    UPDATE region_cell_total
    SET reports = reports - 1,
        blanks = blanks - d.blank,
        total = total - d.value
    FROM (SELECT coalesce(substr(a.region_code, 1, 2), '') AS province,
                 coalesce(a.level, CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                                        WHEN a.region_code GLOB '????00' THEN 'prefecture'
                                        WHEN a.region_code IS NOT NULL THEN 'county' END, '') AS level,
                 sc.row_id, sc.col_id,
                 (f.report_id IS NOT NULL AND f.value IS NULL) AS blank,
                 coalesce(f.value, 0) AS value
          FROM agency a
          JOIN shape_cell sc ON sc.shape_id = OLD.shape_id
          JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
          LEFT JOIN fact f ON f.report_id = OLD.id AND f.row_id = sc.row_id
                          AND f.col_id = sc.col_id
          WHERE a.id = OLD.agency_id) AS d
    WHERE region_cell_total.year = OLD.year
      AND region_cell_total.province = d.province
      AND region_cell_total.level = d.level
      AND region_cell_total.row_id = d.row_id
      AND region_cell_total.col_id = d.col_id;
    INSERT INTO region_cell_total (year, province, level, row_id, col_id, reports, blanks, total)
    SELECT NEW.year,
           coalesce(substr(a.region_code, 1, 2), ''),
           coalesce(a.level, CASE WHEN a.region_code GLOB '??0000' THEN 'provincial'
                                  WHEN a.region_code GLOB '????00' THEN 'prefecture'
                                  WHEN a.region_code IS NOT NULL THEN 'county' END, ''),
           sc.row_id, sc.col_id,
           1,
           (f.report_id IS NOT NULL AND f.value IS NULL),
           coalesce(f.value, 0)
    FROM agency a
    JOIN shape_cell sc ON sc.shape_id = NEW.shape_id
    JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
    LEFT JOIN fact f ON f.report_id = NEW.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
    WHERE a.id = NEW.agency_id
    ON CONFLICT (year, province, level, row_id, col_id) DO UPDATE SET
        reports = reports + excluded.reports,
        blanks = blanks + excluded.blanks,
        total = total + excluded.total;
END;

-- An agency's region or level changed (`agency set`, `agency import`, a placing, an undo):
-- every report of it moves from the old key to the new one.
CREATE TRIGGER agency_moves_region_cell_total AFTER UPDATE OF region_code, level ON agency
WHEN coalesce(substr(OLD.region_code, 1, 2), '') IS NOT coalesce(substr(NEW.region_code, 1, 2), '')
  OR coalesce(OLD.level, CASE WHEN OLD.region_code GLOB '??0000' THEN 'provincial'
                              WHEN OLD.region_code GLOB '????00' THEN 'prefecture'
                              WHEN OLD.region_code IS NOT NULL THEN 'county' END, '')
     IS NOT coalesce(NEW.level, CASE WHEN NEW.region_code GLOB '??0000' THEN 'provincial'
                                     WHEN NEW.region_code GLOB '????00' THEN 'prefecture'
                                     WHEN NEW.region_code IS NOT NULL THEN 'county' END, '')
BEGIN
    UPDATE region_cell_total
    SET reports = reports - d.n,
        blanks = blanks - d.blank,
        total = total - d.value
    FROM (SELECT r.year, sc.row_id, sc.col_id,
                 count(*) AS n,
                 sum(f.report_id IS NOT NULL AND f.value IS NULL) AS blank,
                 coalesce(sum(f.value), 0) AS value
          FROM report r
          JOIN shape_cell sc ON sc.shape_id = r.shape_id
          JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
          LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id
                          AND f.col_id = sc.col_id
          WHERE r.agency_id = OLD.id
          GROUP BY r.year, sc.row_id, sc.col_id) AS d
    WHERE region_cell_total.year = d.year
      AND region_cell_total.province = coalesce(substr(OLD.region_code, 1, 2), '')
      AND region_cell_total.level =
          coalesce(OLD.level, CASE WHEN OLD.region_code GLOB '??0000' THEN 'provincial'
                                   WHEN OLD.region_code GLOB '????00' THEN 'prefecture'
                                   WHEN OLD.region_code IS NOT NULL THEN 'county' END, '')
      AND region_cell_total.row_id = d.row_id
      AND region_cell_total.col_id = d.col_id;
    INSERT INTO region_cell_total (year, province, level, row_id, col_id, reports, blanks, total)
    SELECT r.year,
           coalesce(substr(NEW.region_code, 1, 2), ''),
           coalesce(NEW.level, CASE WHEN NEW.region_code GLOB '??0000' THEN 'provincial'
                                    WHEN NEW.region_code GLOB '????00' THEN 'prefecture'
                                    WHEN NEW.region_code IS NOT NULL THEN 'county' END, ''),
           sc.row_id, sc.col_id,
           count(*),
           sum(f.report_id IS NOT NULL AND f.value IS NULL),
           coalesce(sum(f.value), 0)
    FROM report r
    JOIN shape_cell sc ON sc.shape_id = r.shape_id
    JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
    LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
    WHERE r.agency_id = NEW.id
    GROUP BY r.year, sc.row_id, sc.col_id
    ON CONFLICT (year, province, level, row_id, col_id) DO UPDATE SET
        reports = reports + excluded.reports,
        blanks = blanks + excluded.blanks,
        total = total + excluded.total;
END;
