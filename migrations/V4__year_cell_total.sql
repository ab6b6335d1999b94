-- gov-db schema, version 4: per-year totals of every count cell, kept at import.
--
-- A national breakdown (all agencies of a year, by row and applicant category) would
-- otherwise scan `fact` and every report's shape: seconds at a million reports. Here it reads
-- a few thousand rows. For each statistics year and count cell (money is left out):
--   reports = how many reports state the cell (a zero counts, a blank counts),
--   blanks  = how many of them left it blank,
--   total   = the sum of the values stated (blanks add nothing).
-- The importer adds each report it writes; the trigger below takes out each report deleted,
-- whichever way (replaced by a new import, or removed with its agency).

CREATE TABLE year_cell_total (
    year    INTEGER NOT NULL,
    row_id  INTEGER NOT NULL REFERENCES row_dim(id),
    col_id  INTEGER NOT NULL REFERENCES col_dim(id),
    reports INTEGER NOT NULL CHECK (reports >= 0),
    blanks  INTEGER NOT NULL CHECK (blanks >= 0),
    total   INTEGER NOT NULL,
    PRIMARY KEY (year, row_id, col_id)
) STRICT, WITHOUT ROWID;

-- What the database already holds (a database made before this version).
INSERT INTO year_cell_total (year, row_id, col_id, reports, blanks, total)
SELECT r.year, sc.row_id, sc.col_id,
       count(*),
       sum(f.report_id IS NOT NULL AND f.value IS NULL),
       coalesce(sum(f.value), 0)
FROM report r
JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
GROUP BY r.year, sc.row_id, sc.col_id;

CREATE TRIGGER report_leaves_year_cell_total BEFORE DELETE ON report
BEGIN
    UPDATE year_cell_total
    SET reports = reports - 1,
        blanks = blanks - d.blank,
        total = total - d.value
    FROM (SELECT sc.row_id, sc.col_id,
                 (f.report_id IS NOT NULL AND f.value IS NULL) AS blank,
                 coalesce(f.value, 0) AS value
          FROM shape_cell sc
          JOIN col_dim cd ON cd.id = sc.col_id AND cd.kind <> 'money'
          LEFT JOIN fact f ON f.report_id = OLD.id AND f.row_id = sc.row_id
                          AND f.col_id = sc.col_id
          WHERE sc.shape_id = OLD.shape_id) AS d
    WHERE year_cell_total.year = OLD.year
      AND year_cell_total.row_id = d.row_id
      AND year_cell_total.col_id = d.col_id;
END;
