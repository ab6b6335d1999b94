# gov-db's messages in English. Every id here is in locales/zh/gov-db.ftl too (a test holds
# them to each other). The help text of the commands is not here: it is the doc comments of
# the `Args` structs (src/cmd/), and its Chinese is in locales/zh/help.ftl.

## The edge: errors and their causes (src/error.rs)

error-prefix = error: { $message }
error-caused-by = caused by: { $cause }
problem-column = column { $column }
problems-more = … and { $n } more problems
no-database = no database at { $path } (gov-db import creates one; --db or GOV_DB names another)
empty-database = { $path } is empty: there is no gov-db database in it yet (gov-db import creates one; --db or GOV_DB names another)
stale-findings = note: the findings of { $n } { $n ->
        [one] report
       *[other] reports
    } are stale (agencies or rules changed since they were checked) and will be refreshed by the next gov-db command that can write to { $db }

## The command line (src/cmd/mod.rs, src/suggest.rs)

arg-not-a-year = { $given } is not a year
arg-not-a-statistics-year = { $year } is not a statistics year ({ $from }–{ $to })
arg-empty-name = a name cannot be empty
region-took = --region { $given }: { $took }
region-ambiguous = --region { $given } is the name of { $n } regions: { $regions }; give its code or a longer name
region-unknown = --region { $given } is neither a code prefix nor a region's name (gov-db region list names them)
unknown-name-list = { $kind ->
        [view] no view named { $given }; the views are: { $known } (gov-db query --list says what each answers)
       *[rule] no rule named { $given }; the rules are: { $known } (gov-db check --list-rules says what each states)
    }
unknown-name-near = { $kind ->
        [view] no view named { $given }; { $suggestion } (gov-db query --list says what each answers)
       *[rule] no rule named { $given }; { $suggestion } (gov-db check --list-rules says what each states)
    }
did-you-mean-one = did you mean { $name }?
did-you-mean-some = did you mean { $names } or { $last }?
did-you-mean-more = did you mean { $names } or one of { $n } more?

## gov-db import (src/cmd/import/)

import-no-files = no CSV or report files found in { $paths }
import-skip-notes = { $stem }: a folder's own notes
import-skip-format = not a report format (.{ $ext })
import-skip-no-extension = not a report format (no extension)
import-no-files-aside = left aside: { $path }: { $why }
import-no-files-more = …and { $n } more left aside
import-waiting = waiting for { $db }: another gov-db is writing…
import-cannot-read = cannot read: { $error }
import-problems = { $n } { $n ->
        [one] problem
       *[other] problems
    }{ $shown } in { $failed } of { $files } files; nothing was imported
import-shown = {" "}({ $shown } shown)
import-refused = { $why }; nothing was imported
import-files-failed = error: { $failed } of { $files } files failed and were not imported: { $paths }
import-warning = warning: { $path }: { $warning }
import-summary = imported { $reports } { $reports ->
        [one] report
       *[other] reports
    } from { $files } { $files ->
        [one] file
       *[other] files
    } into { $db }: { $new } new, { $replaced } replaced, { $unchanged } unchanged
import-summary-dry-run = would import { $reports } { $reports ->
        [one] report
       *[other] reports
    } from { $files } { $files ->
        [one] file
       *[other] files
    } into { $db }: { $new } new, { $replaced } replaced, { $unchanged } unchanged
import-checks = checks: { $tally } in the reports written
import-checks-hint = checks: { $tally } in the reports written (gov-db check lists them)
import-checks-dry-run = checks: { $tally } in the reports read
import-checks-dry-run-hint = checks: { $tally } in the reports read (import without --dry-run, then gov-db check lists them)
progress-files = {"{"}spinner{"}"} importing {"{"}pos{"}"}/{"{"}len{"}"} files {"{"}bar:30{"}"} {"{"}rate{"}"} {"{"}eta{"}"} {"{"}wide_msg{"}"}
progress-bytes = {"{"}spinner{"}"} importing {"{"}bytes{"}"}/{"{"}total_bytes{"}"} {"{"}bar:30{"}"} {"{"}binary_bytes_per_sec{"}"} {"{"}eta{"}"} {"{"}wide_msg{"}"}
progress-files-per-second = files/s

## gov-db check (src/cmd/check.rs, src/check/)

check-summary = checked { $reports } { $reports ->
        [one] report
       *[other] reports
    }: { $tally }
check-tally = { $errors } { $errors ->
        [one] error
       *[other] errors
    }, { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }, { $notes } { $notes ->
        [one] note
       *[other] notes
    }

## Column headers of the views and lists (table and Markdown in Chinese; CSV and JSON with
## --labels). A column missing here falls back to its code.

col-agency = agency
col-year = year
col-agency_id = agency id
col-region_code = region code
col-province = province
col-province_name = province name
col-region = region
col-level = level
col-parent = parent
col-names = names
col-first_year = first year
col-last_year = last year
col-reports = reports
col-review_upheld = review: upheld
col-review_corrected = review: corrected
col-review_other = review: other
col-review_pending = review: pending
col-review_total = review: total
col-review_correction_rate = review correction rate
col-litigation_upheld = litigation: upheld
col-litigation_corrected = litigation: corrected
col-litigation_other = litigation: other
col-litigation_pending = litigation: pending
col-litigation_total = litigation: total
col-litigation_correction_rate = litigation correction rate
col-category = category
col-category_label = category label
col-requests = requests
col-share = share
col-report_id = report id
col-template = template
col-section = section
col-row = row
col-column = column
col-grp = group
col-row_label = row label
col-column_label = column label
col-value = value
col-row_id = row id
col-col_id = column id
col-received_new = received new
col-carried_in = carried in
col-processed = processed
col-carried_out = carried out
col-resolution_rate = resolution rate
col-disclosure_rate = disclosure rate
col-resolution_rate_of_requests = resolution rate of requests
col-disclosure_rate_of_processed = disclosure rate of processed
col-withheld_rate_of_processed = withheld rate of processed
col-correction_rate_of_decided = correction rate of decided
col-has_report = has report
col-blanks = blanks
col-granted = granted
col-partly_granted = partly granted
col-withheld = withheld
col-unavailable = unavailable
col-not_processed = not processed
col-other = other
col-share_granted = share granted
col-share_partly_granted = share partly granted
col-share_withheld = share withheld
col-share_unavailable = share unavailable
col-share_not_processed = share not processed
col-share_other = share other
col-findings = findings
col-errors = errors
col-warnings = warnings
col-infos = notes
col-rules = rules
col-confirmed_errors = confirmed errors
col-explained_errors = explained errors
col-reading_errors = reading errors
col-unreviewed_errors = unreviewed errors
col-metric = metric
col-group = group
col-reason = reason
col-label = label
col-count = count
col-share_of_processed = share of processed
col-share_of_group = share of group
col-agencies = agencies
col-resolution_rate_pooled = resolution rate (pooled)
col-disclosure_rate_pooled = disclosure rate (pooled)
col-prev_year = previous year
col-requests_change = requests change
col-requests_change_pct = requests change (%)
col-resolution_rate_change_pp = resolution rate change (pp)
col-disclosure_rate_change_pp = disclosure rate change (pp)
col-id = id
col-severity = severity
col-rule = rule
col-expected = expected
col-actual = printed
col-review = review
col-message = message
col-identity = identity
col-states = states
col-name = name
col-description = description

## Rows (src/render/)

no-rows = (no rows)

## The findings' messages (src/check/): they quote the labels as the template prints them

check-missing = missing
check-blank = blank
check-place-row-column = { $table } row { $row }, column { $column }
check-place-row = { $table } row { $row }
check-place-column = { $table } column { $column }
check-side-named = { $name } add up to { $sum }
check-side-one = { $label } is { $value }
check-side-applicant-columns = the six applicant columns 自然人 … 法人或其他组织·其他
check-side-outcome-rows = the outcome rows （一） to （六）
check-identity = { $place }: { $left }, but { $right }
check-identity-blanks = {" "}(no value of the blank cells could make it hold: the side with them is already the larger)
check-open = { $place }: { $left } against { $right } with { $cells }{ $more }
check-open-more = {" "}and { $n } more
check-list-separator = ;{" "}
check-not-assessable = not assessable at { $n } { $n ->
        [one] place
       *[other] places
    }: a blank cell may be 0 or not stated, and the blank or missing cells may hold the difference: { $places }{ $more }
check-not-assessable-more = ; and { $n } more
check-template-year = the { $year } report uses the { $template } template ({ $notice }), but reports of { $year } use the { $expected } template ({ $expected_notice })
check-appeals-without-requests = 表三 states no requests (一、本年新收政府信息公开申请数量 0, 二、上年结转政府信息公开申请数量 0), but 表四 states { $review } 行政复议 and { $litigation } 行政诉讼 cases
check-carry-over = 表三 column { $column }: { $carried_in } is { $printed }, but the { $prev_year } report's { $carried_out } is { $expected }
check-carry-over-open = 表三 column { $column }: the { $prev_year } report's { $carried_out } is { $before }, this year's { $carried_in } is { $now }
check-in-force = 表二 row { $row }: 现行有效件数 is { $now }, but the { $prev_year } report's 现行有效件数 { $before } + 本年制发件数 { $issued } − 本年废止件数 { $repealed } = { $expected } (documents may also lapse without a repeal)
check-in-force-open = 表二 row { $row }: the { $prev_year } report's 现行有效件数 { $before }, this year's 本年制发件数 { $issued }, 本年废止件数 { $repealed }, 现行有效件数 { $now }
check-yoy-zero = from or to zero
check-yoy-up = { $ratio }× up
check-yoy-down = { $ratio }× down
check-yoy-jump = 表三 { $row } 总计 went from { $before } in { $prev_year } to { $now } in { $year } ({ $ratio }); a jump beyond 10× is worth a second look
check-reorganised = {" "}(the { $prev_year } report was filed as { $prev_name }: a reorganised agency may carry over differently)
check-narrative-litigation = 行政诉讼 总计 (未经复议直接起诉 + 复议后起诉)
check-narrative = the text says { $keyword } { $claimed } 件 in “{ $sentence }”, but { $what } is { $table } (the text may cover a narrower scope than the tables)

## What each rule states (gov-db check --list-rules; the same as src/check/rules.rs, a test
## holds them together)

rule-intake-equals-outcome = per column of 表三: 一 + 二 = 三（七）总计 + 四
rule-row-total = per row of 表三: 总计 = the six applicant columns
rule-outcome-sum = per column of 表三: （七）总计 = the outcome rows （一）…（六）
rule-appeals-total = per row of 表四: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计
rule-carry-over = per column of 表三: this year's 二、上年结转 = last year's 四、结转下年度继续办理 (a warning across two printed agency names)
rule-in-force = 表二: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数
rule-group-subtotal = per column of 表三: a printed （六）其他处理 = its rows 1–3
rule-template-year = the 2019 template for 2019–2020 reports, the 2021 template from 2021
rule-yoy-jump = 一、本年新收 changes at most 10× from last year when either year has 50 or more
rule-appeals-without-requests = no review or litigation cases in a year without any request
rule-narrative = counts quoted in the text match the tables

## The database (src/store/mod.rs)

store-missing = no database at { $path }
store-empty = { $path } is empty: there is no gov-db database in it yet
store-open = cannot open database { $path }
store-too-new = database { $path } was made by a newer gov-db (schema version { $found }, this build knows up to { $known }); upgrade gov-db rather than risk damaging it
store-needs-upgrade = database { $path } was made by an older gov-db (schema version { $found }; this build needs { $known }) and needs upgrading, which writes to it, but it cannot be written here (a read-only file, directory or file system): run gov-db once where it can write to the file (any command upgrades it), or read it with the gov-db that made it
store-foreign = { $path } is not a gov-db database (it holds tables, views or other schema of another program); nothing in it was changed
store-not-sqlite = { $path } is not a SQLite database; nothing in it was changed
store-cannot-write = cannot write to { $path }: the file, its directory or its file system is read-only; the commands that only read work on it
store-migrate = cannot migrate database { $path }
store-busy = the database is busy: another gov-db is writing to it; try again when it is done
store-full = the disk is full (or the database reached its size limit): nothing was changed; free some space where the database is, or where SQLite keeps its temporary files (SQLITE_TMPDIR, TMPDIR, else /var/tmp or /tmp), and try again
store-refused = refused under --strict: { $why }
store-view = in view { $view }: { $message }

## Other commands (src/cmd/)

cannot-write = cannot write { $path }: { $error }
wrote = wrote { $path }
sql-none = no SQL statement given (e.g. gov-db sql 'SELECT * FROM resolution_rates')
sql-changed = { $n } { $n ->
        [one] row
       *[other] rows
    } changed
shell-read-only = the shell opened the database read-only: start it with --write (gov-db shell --write) to change it
export-bom-csv = --bom is for CSV (--format csv)
export-wide-binary = --wide is for csv, json, table and markdown: the xlsx sheets are laid out as the template prints them, and parquet is the long form
review-empty-note = --note is empty: say why (what was compared with what, what the agency said)
draft-one-report = --draft writes the draft of one published report (text, HTML, Markdown or PDF): give one such file
draft-source-csv = --source names the published report that one completed draft (a CSV file) was drafted from: give one CSV file
draft-source-missing = --source { $path }: no such file (the published report the draft was made from)
draft-not-written = no draft written: { $file }: { $message }
draft-cannot-write = cannot write the draft { $path }: { $error }
draft-all-read = every one read
draft-to-fill = { $n } left to fill (empty, their note starting “{ $note }”); fill them in from the report, then: gov-db import --source { $report } { $draft }
draft-written = wrote the draft of { $report } to { $draft }: { $cells } cells, { $fill }

## Charts (src/chart.rs)

chart-ranking = Ranking (higher first)
chart-compare = Agencies beside the median (grey)
chart-trend = Trend { $from }–{ $to } (dashed: across years without a report)
chart-no-data = no data
chart-capped = the first { $shown } of { $n } agencies (narrow with --agency or --region)
col-view = view
col-answers = answers

## Canonical CSV: what is wrong with a line (src/read/csv/)

csv-not-an-amount = { $text } is not an amount (expected a decimal number such as 1002.3819, or empty for a blank cell)
csv-negative = { $value } is negative; counts are whole numbers of 0 or more
csv-not-a-whole-number = { $text } is not a whole number (leave the cell empty if the report left it blank)
csv-too-few-fields = expected { $expected } fields, found { $found }
csv-too-many-fields = expected { $expected } fields, found { $found } (quote a field that contains a comma)
csv-no-data-lines = the file has a header but no data lines
csv-empty-agency = the agency is empty
csv-not-a-year = { $text } is not a year (expected a statistics year such as 2024)
csv-unknown-section = unknown section { $text } (expected proactive, requests or appeals)
csv-unknown-row = unknown row { $text } in section { $section } (use a code of the data contract or the label as printed)
csv-unknown-column = unknown column { $text } in section { $section }
csv-left-to-fill = left to fill: the draft could not read this cell ({ $why }); write the number the report prints, or clear the note to leave the cell blank
csv-unknown-template = unknown template { $text } (expected 2019 or 2021)
csv-bad-region-code = { $text } is not a 6-digit 行政区划代码

## Published reports (src/read/report/)

report-workbook-no-agency-no-year = the workbook names neither the agency nor the statistics year (no title cell such as “…2024年政府信息公开工作年度报告”, no statistics period): give --agency and --year
report-workbook-no-agency = the workbook does not name the agency (no title cell such as “…2024年政府信息公开工作年度报告”, no statistics period): give --agency
report-workbook-no-year = the workbook does not state the statistics year (no title cell such as “…2024年政府信息公开工作年度报告”, no statistics period): give --year
report-no-agency = no title naming the agency found (…政府信息公开工作年度报告); give it with --agency
report-ocr-title-unplaced = the title read by OCR names “{ $agency }”, which starts with no place on the map (OCR may have misread it); check the scan and give the agency with --agency
report-no-year = no statistics year found in the title or the text; give it with --year
report-years-disagree = the title says {$title} but the statistics period says {$period}; give the report's year with --year
report-html-cut-short = the page ends before its </html>: cut short (a download that stopped?), and a table is missing; download the page again
report-workbook-no-tables = {$why}; the workbook has no tables at all
report-document-no-tables = {$why}; the document has no tables at all
pdf-install = reading PDF needs poppler's pdftotext, which is not installed; install it (Debian/Ubuntu: apt-get install poppler-utils; Fedora: dnf install poppler-utils; macOS: brew install poppler) or convert the PDF to text yourself with `pdftotext -layout report.pdf` and import the .txt
pdf-picture-too-large = page {$page} picture {$number} is {$width} × {$height} pixels, past the {$million} million a page scanned at 300 dpi or a screenshot of a report's tables has: refused before it was taken out of the PDF
ocr-unreadable-image = not an image that can be read: {$why}
ocr-too-many-pixels = {$width} × {$height} pixels, past the {$million} million a page scanned at 300 dpi or a screenshot of a report's tables has
ocr-page-too-large = page {$page} is {$wpt} × {$hpt} pt, {$width} × {$height} pixels at {$dpi} dpi, past the {$million} million a page scanned at {$dpi} dpi has: refused before it was made an image
pdf-cannot-run = cannot run pdftotext: { $error }
soffice-install = reading .doc and .wps files (Word 97–2003 and WPS binary format) and RTF needs LibreOffice, which is not installed; install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui (or libreoffice-writer); Fedora: dnf install libreoffice-writer; macOS: brew install --cask libreoffice) or save the file as .docx in Word or WPS and import that
soffice-install-printed = LibreOffice is not installed; install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui (or libreoffice-writer); Fedora: dnf install libreoffice-writer; macOS: brew install --cask libreoffice), or save the document as PDF in Word or WPS and import that
printed-unconverted = {$first}; it holds {$kind} pictures (drawings: a range pasted from Excel as a picture), whose tables are read as LibreOffice prints the document: {$why}
printed-unread = {$first}; it holds {$kind} pictures (drawings: a range pasted from Excel as a picture), so it was read as LibreOffice prints it too, and that print: {$why}
docpictures-why = picture {$n}: {$why}
docpictures-missing = its part is missing from the document
docpictures-unread = {$first}; of its pictures, which may hold the tables, these could not be read: {$pictures}
pictures-too-many = it holds {$n} pictures that may be tables, past the {$max} gov-db looks at in one report: refused before any was looked at
pictures-too-many-tables = {$n} of its pictures hold ruled tables, past the {$max} gov-db reads by OCR in one report: refused before any was read
docpictures-too-many = {$first}; {$why}
ocr-too-many-pages = {$n} of its pages have no text layer, past the {$max} gov-db reads by OCR in one report: refused before any was made an image
imgtables-not-looked-at = ; its {$n} pictures were not looked at for tables: more than the {$max} gov-db looks at in one page
imgtables-more = ; and {$n} more pictures like these

## show, region

show-no-report = { $agency } has no report for { $year } (gov-db query coverage shows the years it has)
region-bundled = the bundled list ({ $source })
region-loaded = loaded { $n } regions from { $source }
region-bad-code = line { $line }: { $code } is not a 6-digit code (or a township's 9 digits)
region-bad-level = line { $line }: level { $level } is not provincial, prefecture, county or township
region-empty-name = line { $line }: empty name
col-printed_name = printed name
col-format = format
col-source = source
col-content_hash = content hash
col-parser_version = parser version
col-imported_at = imported at
col-origin = where it was read

## gov-db check FILE… (src/cmd/check/draft.rs)

draft-check-same-as-previous = a FILE is the report of the same agency and year as a --previous FILE: --previous names last year's report
draft-check-unmatched-previous = --previous: no FILE is the next year's report of { $reports } (the rules across years compare consecutive years of one agency)
draft-check-against = {" "}against { $reports }
draft-check-summary = checked { $reports } draft { $reports ->
        [one] report
       *[other] reports
    } from { $files } { $files ->
        [one] file
       *[other] files
    }{ $against }, nothing written: { $tally }
draft-check-problems = { $n } { $n ->
        [one] problem
       *[other] problems
    } in { $what }{ $failed } of { $files } files; nothing was checked
col-table = table
col-read_at = read at
col-hint = hint

## History: versions, import log and undo, delete, correct

import-kept = {" "}({ $kept } left the fuller reading current: { $kept ->
        [one] it agreed
       *[other] each agreed
    } with the one stored wherever both state a cell, and stated fewer cells)
correct-no-reason = say why with --reason TEXT
correct-done = corrected { $agency } { $year }: version { $version }: { $change }
history-none = { $agency } has no report for { $year } and never had one
show-no-version = { $agency } { $year } has no version { $version } (gov-db history lists its versions)
col-version = version
col-status = status
col-at = at
col-by = by
col-cells = cells
col-change = change
col-run = run
col-started_at = started at
col-paths = paths
col-new = new
col-replaced = replaced
col-unchanged = unchanged
col-kept = kept
col-files = files
col-undone_at = undone at
col-file = file
col-result = result
col-detail = detail
col-printed = printed
undo-nothing = there is no import to undo
undo-no-run = there is no import #{ $run }
undo-already = import #{ $run } was undone already ({ $at })
undo-before-history = import #{ $run } was made by a gov-db without history: there is nothing to undo it with
undo-done = undid import #{ $run } ({ $paths }): { $removed } new { $removed ->
        [one] report
       *[other] reports
    } taken out, { $restored } replaced { $restored ->
        [one] report
       *[other] reports
    } put back
undo-agencies = ; { $agencies } { $agencies ->
        [one] agency
       *[other] agencies
    } it created taken out
undo-touched-import = import #{ $later } replaced it since; undo #{ $later } first
undo-touched-correction = it was corrected since (gov-db history shows the correction)
undo-touched-deletion = it was deleted since; take the deletion back first (gov-db delete --undo)
undo-touched-other = a later change replaced it
undo-touched = cannot undo import #{ $run }: it wrote version { $version } of { $agency } { $year }, and { $what }
delete-no-report = { $agency } has no report for { $year }
delete-done = deleted { $agency } { $year } (version { $version } is kept in its history; gov-db delete --undo --agency { $agency } --year { $year } brings it back)
delete-none-deleted = { $agency } has no deleted report for { $year }
delete-undo-occupied = { $agency } has a report for { $year } again (imported since the deletion): delete it first to bring the deleted one back
delete-undone = brought back { $agency } { $year } (version { $version }, as it was before the deletion)

## clap's errors on the command line (src/i18n/clap_error.rs; English prints clap's own)

clap-unknown-argument = unexpected argument '{ $arg }' found
clap-missing-value = a value is required for '{ $arg }' but none was supplied
clap-invalid-value = invalid value '{ $value }' for '{ $arg }'
clap-possible-values = [possible values: { $values }]
clap-value-validation = invalid value '{ $value }' for '{ $arg }': { $reason }
clap-invalid-subcommand = unrecognized subcommand '{ $name }'
clap-missing-required = the following required arguments were not provided:
clap-missing-subcommand = '{ $name }' requires a subcommand but one was not provided
clap-subcommands = [subcommands: { $names }]
clap-conflict-repeated = the argument '{ $arg }' cannot be used multiple times
clap-conflict = the argument '{ $arg }' cannot be used with { $other }
clap-conflict-others = one or more of the other specified arguments
clap-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
clap-number-of-values = { $expected } values required for '{ $arg }' but { $n } were provided
clap-no-equals = equal sign is needed when assigning values to '{ $arg }'
clap-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
clap-tip-similar = tip: { $kind ->
        [argument] a similar argument exists
        [value] a similar value exists
       *[subcommand] a similar subcommand exists
    }: { $names }
clap-tip-as-value = tip: to pass '{ $arg }' as a value, use '-- { $arg }'
clap-try-help = For more information, try '{ $flag }'.

## gov-db agency (src/cmd/agency.rs, src/store/identity/)

agency-op-alias = {$name} is a name of {$canonical}
agency-op-merge = merged {$from} into {$into}
agency-op-split = split {$names} out of {$from} into {$into} ({ $n ->
        [0] no reports
       *[other] reports {$years}
    })
agency-op-import = set region, level or parent of {$n} agencies
agency-unknown = no agency is known as {$name} (gov-db agency list names them)
agency-unknown-near = no agency is known as {$name}; {$suggestion}
agency-from-after-to = --from {$from} is after --to {$to}: the first year the name was used comes first
agency-split-what = say what to split out: --name NAME and/or --year YEAR
agency-no-duplicates = no likely duplicates
agency-all-placed = every agency is placed
agency-csv-no-name = no `name` column
agency-csv-empty-name = line {$line}: empty name
suggest-prefix = names differ by the prefix {$prefix}
suggest-one-char = names differ by one character ({$chars})
suggest-same-region = same region {$region}
suggest-regions-nest = regions {$a} and {$b} nest
suggest-no-overlap = reports do not overlap ({$a} / {$b})
suggest-both-report = both report {$years} (decide which is right before merging)
col-canonical = canonical
col-evidence = evidence
col-to_accept = to accept
col-candidates = candidates
col-why = why
col-years = years

## Other commands

sql-read-only = gov-db sql opens the database read-only: add --write to change it
review-finding = {$severity} {$rule} {$agency} {$year} {$cell} (expected {$expected}, actual {$actual})
chart-trend-legend = {$title} · {$from}–{$to} (▁ low … █ high per agency; blank: no report)
chart-pp = {$change} pp
chart-cagr = CAGR {$change}%

## import --dry-run: a published report as read (src/read/report/mod.rs)

dry-run-format = format:   {$format} ({$encoding})
dry-run-agency = agency:   {$agency} (from { $from ->
        [option] {$option}
        [period] statistics period
        [title] title
       *[none] not found
    })
dry-run-year = year:     {$year} (from { $from ->
        [option] {$option}
        [period] statistics period
        [title] title
       *[none] not found
    })
dry-run-template = template: {$template}
dry-run-title = title:    {$title}
dry-run-section = {$code} {$label} ({$n} rows)
dry-run-warning = warning: {$warning}
dry-run-not-read = not read: {$why}

## Reading published reports: why a table or row is refused (src/read/report/)

read-table-row = {$table}, row “{$label}” ({$code}): {$message}
read-table = {$table}: {$message}
read-at = {$message} ({$at})
read-printed = {$why}; printed: {$printed}
read-cell-count = expected {$expected} cells, found {$found}
read-too-many-cuts = too many ways of cutting the digits into {$cells} cells to be sure of one
read-no-cut-fits = no way of cutting the digits into {$cells} cells satisfies the table's identities (one reading: {$reading})
read-subtotal = subtotal line “{$label}”: {$why}
read-no-table-three = no table 三 found (no row “一、本年新收政府信息公开申请数量”)
read-table-twice = printed twice with different numbers (from {$first} and from {$second}): two reports in one file, or a table repeated with other numbers; import each report on its own, or remove the wrong table
read-row-not-found = row not found where the template puts it

## Images met in a directory (src/cmd/import/image.rs)

import-image-without-table = an image without a ruled table (not a report)
import-picture-of-page = a picture of a table of {$page}, read with it
import-picture-alone = a picture of one table of {$page}, not a report of its own: import the page, which reads its pictures with it
import-skipped = skipped: {$path}: {$why}

## gov-db history, correct and import undo: what a version changed (src/store/history/)

history-cells = { $n ->
        [one] 1 cell
       *[other] {$n} cells
    } { $what ->
        [changed] changed
        [added] added
        [corrected] added by the correction
       *[dropped] no longer stated
    }: {$cells}
history-separator = {"; "}
list-separator = {", "}
list-more = {" "}and {$n} more
history-correction = {$cells} (reason: {$reason})
history-template = template {$from} → {$to}
history-printed-name = printed name {$from} → {$to}
history-same-cells = the same cells, read again
history-corrections-stay = the { $n ->
        [one] 1 correction
       *[other] {$n} corrections
    } of version {$version} stay in its history
history-by-correction = correction
history-by-import = import #{$run}
history-first-reading = first reading
history-deleted = deleted (gov-db delete --undo brings it back)
undo-restored = {$agency} {$year} to version {$version}
undo-restored-list = {" "}({$list})

## Where a number was read (src/i18n/origin.rs; English shows the stored form itself)

origin-separator = {"; "}
origin-report = the {$year} report: {$at}
origin-by-hand = completed by hand (draft of {$file})
origin-printed = printed to PDF, {$at}
origin-line = line {$line}
origin-cell = table {$table} row {$row} cell {$cell}
origin-sheet = sheet {$sheet} row {$row} cell {$cell}
ocr-doubt = {$place}: read {$said}
ocr-doubt-separator = {"; "}
ocr-unsure = OCR could not read every number for sure, and {$why}: {$cells}
ocr-no-number = OCR read no number in { $n } { $n ->
        [one] cell
       *[other] cells
    } with ink: {$cells}
ocr-why-too-many = its readings make more than {$max} combinations to try against the identities
ocr-why-unread = the tables cannot be read
ocr-why-none-fits = no combination of Tesseract's readings of these cells meets every identity
ocr-why-several-fit = more than one combination of Tesseract's readings of these cells meets every identity
ocr-said = “{$text}” ({$conf}) at {$px} px{$how}
ocr-said-nothing = nothing at {$px} px{$how}
ocr-said-in-page = “{$text}” ({$conf}) in the page's reading
ocr-said-nothing-in-page = nothing in the page's reading
ocr-said-separator = {", "}
ocr-said-unit = “{$text}” (digits alone, {$conf}) with the unit read as {$units}
ocr-said-unit-or = {" and as "}
ocr-said-sealed = “{$text}” ({$conf}), but {$why}
ocr-said-and = {$said}; {$why}
ocr-seal-why = the seal's ring runs through or beside the figure and part of it may lie under the ring
ocr-stamped = nothing, for a stamp's ink crosses the cell and no figure stands clear of it
ocr-sealed-empty = nothing, for the seal's ring crosses the cell and a figure may lie under it
origin-ocr-page = page {$page}
origin-ocr-page-picture = page {$page} picture {$picture}
origin-ocr-picture = picture {$picture}
origin-ocr-cell = {$at} cell ({$cell})
origin-ocr-conf = {$at} OCR conf {$conf}
origin-ocr-alternative = {$at}, not sure: Tesseract's reading {$alt} of {$alts}, the one that meets the identities

## gov-db page: the page's own words (src/render/page/)

page-footer = 数字取自所列来源；悬停任一数字可见其读取位置（行号或网页表格的行与格）。Every number shows where it was read when pointed at.
page-lede = 政府信息公开工作年度报告 · Government information disclosure annual reports
page-facts = {$reports} 份报告 · check: {$errors} errors, {$warnings} warnings, {$notes} notes
page-trend = 趋势 Trend
page-peers = 同级比较 Peers
page-trend-note = requests = 本年新收 + 上年结转; resolution_rate = 办结 ÷ requests; disclosure_rate = (予以公开 + 部分公开) ÷ 办结 (sql/trend.sql).
page-no-trend = No report to draw.
page-peers-note = The agencies with a report the same year at the same level, nationally and in the same province. Percentile: the share of peers with a lower value (ties count half), 0–100; P25/P50/P75 interpolated between the sorted values (src/peers.rs, sql/compare.sql).
page-peers-national = 全国同级 nationally
page-peers-provincial = 省内同级 in the province
page-no-peers = No peer group: the agency's level or region code is unknown.
page-metric-heading = 指标 metric
page-this-agency = 本机关 this agency
page-percentile = percentile
page-peers-chart = {$year}: the agency beside its peers' P25/P50/P75 (grey)
page-metric = { $metric ->
        [requests] 申请数（本年新收 + 上年结转）requests
        [processed] 办结数（三（七）总计）processed
        [resolution_rate_of_requests] 办结率 resolution rate
        [disclosure_rate_of_processed] 公开率（予以公开 + 部分公开）disclosure rate
        [withheld_rate_of_processed] 不予公开率 withheld rate
       *[correction_rate_of_decided] 纠错率（复议、诉讼）correction rate
    }
page-whole-report = 关于整份报告的检查结果 Findings about the whole report
page-numbers = expected {$expected}, printed {$actual}
page-review = review: {$status}
page-cell-absent = not in this report's template
page-cell-blank = left blank in the report
page-cell-read-at = read at {$at}
page-cell-no-source = source unknown
page-cell-csv = {$source} (canonical CSV: no place within the file)

check-hint = its row and its column would both add up if {$place} were {$would_be} (printed: {$printed}); a hint to check against the source, not a correction

## More column labels

col-rank = rank
col-missing = missing
col-percentile = percentile
col-peer_group = peer group
col-peer_n = peers
col-peer_p25 = peers' P25
col-peer_p50 = peers' P50
col-peer_p75 = peers' P75
col-findings_per_report = findings per report
col-errors_per_report = errors per report
col-reports_with_errors = reports with errors
col-stale = stale
col-note = note
col-reviewed_at = reviewed at
col-op = operation

## Peers, medians and coverage (src/peers.rs, src/analysis.rs)

peer-group-level = level {$level}
peer-group-province = province {$code}
peer-median = median
peer-median-row = {$median} · {$scope} (n={$n})
peer-scope-all = all agencies
peer-scope-region = region {$region}
coverage-missing = {$n} agency-years
coverage-all = Σ all agencies

## import --list: what became of each file (src/store/write/tally.rs)

file-no-reports = no reports
file-reports = {$reports} reports: {$new} new, {$replaced} replaced, {$unchanged} unchanged{ $kept ->
        [0] {""}
       *[other] {" "}({$kept} kept the fuller reading)
    }
file-version = version {$version}
file-replaced = version {$version}: {$change}
file-unchanged = the same numbers as stored
file-kept-earlier = kept the fuller reading from {$earlier}, earlier in this import: this one states {$read} of its {$stored} cells, all the same
file-kept-stored = kept the fuller reading stored: this one states {$read} of its {$stored} cells, all the same
file-fuller = the fuller form of the reading from {$earlier}, earlier in this import: { $more ->
        [one] 1 more cell
       *[other] {$more} more cells
    }, the rest the same

## A web page's pictures of tables (src/read/report/imgtables.rs)

imgtables-undecoded = <img src="{$src}">: {$file} cannot be read as a picture ({$why}); a table published as a picture is read from the file beside the page, and the page is not read without it
imgtables-undecoded-under = <img src="{$src}"> (under “{$heading}”): {$file} cannot be read as a picture ({$why}); a table published as a picture is read from the file beside the page, and the page is not read without it
imgtables-not-an-image = not a PNG, JPEG, TIFF, GIF, WebP or BMP picture
imgtables-under = {" "}(under “{$heading}”)
imgtables-absent = ; the page shows <img src="{$src}"> where a table may be{$under}, but {$file} is not there (a table published as a picture is read from the file beside the page)
imgtables-unread-kind = ; the page shows <img src="{$src}">{$under}, and {$file} is there but gov-db cannot read it ({$kinds}): if it holds a table, save it as PNG
imgtables-held-undecoded = {$src}: the picture the page holds cannot be read ({$why}); a table published as a picture is read from it, and the page is not read without it
imgtables-held-undecoded-under = {$src} (under “{$heading}”): the picture the page holds cannot be read ({$why}); a table published as a picture is read from it, and the page is not read without it
imgtables-held-unread-kind = ; the page holds {$src}{$under}, which gov-db cannot read ({$kinds}): if it holds a table, save it as PNG
datauri-no-comma = a data: URI without the comma that ends its header
datauri-too-large = {$mb} MiB once decoded, past the {$max} MiB a picture is read up to
datauri-not-base64 = its base64 is broken at character {$at}

## Refusals of hostile containers and stuck programs (src/read/report/office/, program.rs)

program-timed-out = {$program} took longer than {$secs} s and was stopped (a report takes a few seconds; set {$var}=SECONDS to allow longer)
office-too-large = {$part} inflates to more than {$mb} MB: not read (a zip bomb, or not a report)
office-too-deep = {$part} nests elements more than {$max} deep (tables in tables, or a hostile file): not read
office-too-many-cells = sheet “{$sheet}” holds more than {$max} cells: not a report's tables
office-too-much-text = sheet “{$sheet}” (with those before it) shows more than {$mb} MB of text in its cells: not a report's tables
