-- gov-db schema, version 15: each shape's stated cells with their codes, read in one pass.
--
-- `cell_values` joined every stated cell of every report to `shape_cell`, `row_dim`,
-- `col_dim` and `section` (four B-tree lookups a cell) before looking up its value in `fact`
-- and `fact_money`: an ad hoc sum over it was 8–29x DuckDB's time on the same data. This is
-- `shape_cell` with what a filter or a GROUP BY over the cells asks for beside each cell, so
-- that `cell_values` reads a report's cells in one range scan of its shape here and looks up
-- `fact` for the count cells and `fact_money` for the money cells alone (sql/cell-values.sql).
-- The labels stay in `row_dim` and `col_dim` (a LEFT JOIN there costs nothing to a query that
-- does not ask for them), so that a row here is a few dozen bytes: one row per row of
-- `shape_cell`, and shapes are shared by the reports that state the same cells.
--
-- Kept by the triggers below: a shape's cells are written once, when the shape is new
-- (src/store/write/rows.rs), and the codes are the contract's (never changed by gov-db; a
-- later migration that changed one would be followed here).

CREATE TABLE shape_cell_code (
    shape_id INTEGER NOT NULL REFERENCES shape(id),
    row_id   INTEGER NOT NULL,
    col_id   INTEGER NOT NULL,
    section  TEXT NOT NULL,
    "row"    TEXT NOT NULL,
    "column" TEXT NOT NULL,
    grp      TEXT NOT NULL,
    -- 1 for an amount of money (col_dim.kind = 'money'), whose value is in fact_money.
    money    INTEGER NOT NULL CHECK (money IN (0, 1)),
    PRIMARY KEY (shape_id, row_id, col_id)
) STRICT, WITHOUT ROWID;

-- A filter on a section and a column (or a row), as ad hoc sums over the cells have, reads
-- only the matching cells of each report's shape: 26 of its 200 for requests/total, where
-- the table alone would have each report's whole shape read and compared. Covering, so that
-- the table itself is not read again.
CREATE INDEX shape_cell_code_column
    ON shape_cell_code (shape_id, section, "column", "row", grp, money);
CREATE INDEX shape_cell_code_row
    ON shape_cell_code (shape_id, section, "row", "column", grp, money);

-- What the database already holds (a database made before this version).
INSERT INTO shape_cell_code (shape_id, row_id, col_id, section, "row", "column", grp, money)
SELECT sc.shape_id, sc.row_id, sc.col_id, s.code, rd.code, cd.code, rd.grp, cd.kind = 'money'
FROM shape_cell sc
JOIN row_dim rd ON rd.id = sc.row_id
JOIN col_dim cd ON cd.id = sc.col_id
JOIN section s ON s.id = rd.section_id;

CREATE TRIGGER shape_cell_code_insert AFTER INSERT ON shape_cell
BEGIN
    INSERT INTO shape_cell_code (shape_id, row_id, col_id, section, "row", "column", grp, money)
    SELECT NEW.shape_id, NEW.row_id, NEW.col_id, s.code, rd.code, cd.code, rd.grp,
           cd.kind = 'money'
    FROM row_dim rd
    JOIN col_dim cd ON cd.id = NEW.col_id
    JOIN section s ON s.id = rd.section_id
    WHERE rd.id = NEW.row_id;
END;

CREATE TRIGGER shape_cell_code_delete AFTER DELETE ON shape_cell
BEGIN
    DELETE FROM shape_cell_code
    WHERE shape_id = OLD.shape_id AND row_id = OLD.row_id AND col_id = OLD.col_id;
END;

CREATE TRIGGER shape_cell_code_row AFTER UPDATE OF code, grp, section_id ON row_dim
BEGIN
    UPDATE shape_cell_code
    SET "row" = NEW.code,
        grp = NEW.grp,
        section = (SELECT code FROM section WHERE id = NEW.section_id)
    WHERE row_id = NEW.id;
END;

CREATE TRIGGER shape_cell_code_column AFTER UPDATE OF code, kind ON col_dim
BEGIN
    UPDATE shape_cell_code
    SET "column" = NEW.code,
        money = NEW.kind = 'money'
    WHERE col_id = NEW.id;
END;

CREATE TRIGGER shape_cell_code_section AFTER UPDATE OF code ON section
BEGIN
    UPDATE shape_cell_code
    SET section = NEW.code
    WHERE row_id IN (SELECT id FROM row_dim WHERE section_id = NEW.id);
END;
