-- gov-db schema, version 8: a person's verdict on a finding of `gov-db check`.
--
-- Findings are derived data: their rows are deleted and written again whenever a report is
-- rewritten or rechecked, so a review cannot point at a finding's row id. It is keyed by what
-- the finding is about: the agency identity, the statistics year, the rule, the cell
-- (section, row, column; NULL where the finding is about a whole row, column or report) and
-- the two numbers (expected, actual). A finding with the same key is the same finding, and
-- carries the review through re-imports of the same numbers. When a number the finding is
-- about changes (this report's or, across years, last year's), or the finding goes away, no
-- finding has the key any more: the review is stale, and `gov-db review --list` says why.
--
-- `finding_key` is the SHA-256 of the key (src/store/reviews.rs); its first 10 hex digits are
-- the finding's `id` that `gov-db check` prints and `gov-db review` takes. It keeps one review
-- per finding, NULLs included (a UNIQUE over the columns would take two NULLs as different).
-- `agency_id` has no foreign key: `gov-db agency undo` may delete an identity a split made,
-- and a review of its reports must then go stale, not block the undo.
-- `severity` and `message` are the finding's as reviewed, for a stale review to show.

CREATE TABLE review (
    id          INTEGER PRIMARY KEY,
    finding_key TEXT NOT NULL UNIQUE,
    agency_id   INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    rule        TEXT NOT NULL,
    section     TEXT,
    row_code    TEXT,
    col_code    TEXT,
    expected    INTEGER,
    actual      INTEGER,
    severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('confirmed', 'explained', 'reading-error')),
    note        TEXT NOT NULL,
    reviewed_at TEXT NOT NULL
) STRICT;

CREATE INDEX review_report ON review(agency_id, year);
