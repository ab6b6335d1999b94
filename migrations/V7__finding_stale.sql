-- gov-db schema, version 7: the agencies whose findings are stale.
--
-- Moving a report to another agency or year (`gov-db agency merge`, `split`, `undo`, or
-- plain SQL) changes which reports are consecutive years of one agency, and so the
-- cross-year findings of `gov-db check`. Until now any such move marked every finding stale
-- and the next command rechecked the whole database (a minute and more at a million
-- reports). Now the trigger lists the agencies on both sides of a move here, and the next
-- command rechecks their reports alone, then empties the table.

CREATE TABLE finding_stale (
    agency_id INTEGER PRIMARY KEY
) STRICT;

-- Made by gov-db at run time before this version.
DROP TRIGGER IF EXISTS finding_stale_when_report_moves;

CREATE TRIGGER finding_stale_when_report_moves
AFTER UPDATE OF agency_id, year ON report
WHEN OLD.agency_id IS NOT NEW.agency_id OR OLD.year IS NOT NEW.year
BEGIN
    INSERT OR IGNORE INTO finding_stale (agency_id) VALUES (OLD.agency_id), (NEW.agency_id);
END;
