//! Finds 表二, 表三 and 表四 in a token stream and reads each row's cells.
//!
//! Rows are found by short key phrases of their labels, searched in the fixed order the
//! templates print them, over the labels' text joined together: a label wrapped over lines,
//! split by a page break, printed around its numbers or with a typo in its tail is still found
//! by its phrase. A row's cells are the values printed between its phrase and the next row's.

use super::cells::{self, Slot};
use super::index::{Index, MAX_STARTS, values_between};
use super::requests::read_requests;
use super::sections::{HEAD_2019, HEAD_2021, read_appeals, read_proactive};
use super::token::{Kind, Tok};
use super::vocab::{
    AFTER_TABLES, APPEALS_START, CLOSING, OTHER_ONE, OTHER_THREE, REQUESTS, err, not_found,
    progress, row_def, to_row,
};
pub use super::vocab::{CellRead, RowRead, TableError, Tables};
use crate::contract::{self, ColDef, RowDef, Section, Template};

/// Reads the three tables. `year` only settles the template when no label does.
pub fn read(toks: &[Tok], year: Option<i64>) -> Result<Tables, TableError> {
    read_lines(toks, &[], year)
}

/// Reads the three tables of plain text, whose `lines` (`Origin::Line(n)` is `lines[n - 1]`)
/// give the header words' positions for numeric lines left short by blank cells.
pub fn read_lines(toks: &[Tok], lines: &[String], year: Option<i64>) -> Result<Tables, TableError> {
    let mut ix = Index::new(toks);
    ix.lines = lines.to_vec();
    let mut first_err = None;
    let starts = ix.starts_of_requests();
    // The phrase of the first row may also occur in the narrative: try each occurrence.
    for (i, &pos) in starts.at.iter().enumerate() {
        match read_at(toks, &ix, pos, year) {
            Ok(t) => return printed_once(toks, &ix, &starts.at[i + 1..], year, t),
            // Keep the failure that got furthest into the template: that is the table.
            Err(e) => {
                if first_err
                    .as_ref()
                    .is_none_or(|f: &TableError| progress(&e) > progress(f))
                {
                    first_err = Some(e);
                }
            }
        }
    }
    if let Some(t) = read_in_order(toks, &ix, year) {
        return Ok(t);
    }
    if let Some(t) = read_unlabeled(toks, &ix, &starts.at, year) {
        return t;
    }
    let found =
        first_err.unwrap_or_else(|| err(Section::Requests, None, crate::t!("read-no-table-three")));
    if starts.more {
        return Err(err(
            Section::Requests,
            None,
            format!(
                "the first row's words (“本年新收”) are printed more than {MAX_STARTS} times (a report prints them in its table and at most a few times in its text); 表三 was looked for at the first {MAX_STARTS}, and none reads: {found}"
            ),
        ));
    }
    Err(found)
}

/// `t`, the 表三 read first, unless another complete 表三 is printed after it (read from a
/// `later` place of its first row's words) with other
/// numbers: a document holding two reports (or a table printed twice, once wrong) would
/// otherwise be stored as its first, the other's numbers lost without a word. The same
/// table printed again (a page repeated) reads the same and changes nothing.
fn printed_once(
    toks: &[Tok],
    ix: &Index,
    later: &[usize],
    year: Option<i64>,
    t: Tables,
) -> Result<Tables, TableError> {
    let first_at = t.requests.first().and_then(|r| r.cells.first());
    for &pos in later {
        let Ok(other) = read_at(toks, ix, pos, year) else {
            continue;
        };
        if numbers(&other.requests) != numbers(&t.requests) {
            let at = |c: Option<&CellRead>| c.map_or_else(String::new, |c| c.origin.to_string());
            return Err(err(
                Section::Requests,
                None,
                crate::t!(
                    "read-table-twice",
                    first = at(first_at),
                    second = at(other.requests.first().and_then(|r| r.cells.first()))
                ),
            ));
        }
    }
    Ok(t)
}

/// A table's numbers by row and column, wherever they were read.
fn numbers(rows: &[RowRead]) -> Vec<(&'static str, &'static str, &crate::model::Value)> {
    rows.iter()
        .flat_map(|r| {
            r.cells
                .iter()
                .map(move |c| (r.row.code, c.col.code, &c.value))
        })
        .collect()
}

/// Reads the three tables as [`read_lines`] does, but leaves out what cannot be read
/// instead of failing. The first row's phrase may also occur in the narrative: of the
/// readings from each occurrence, the one that leaves out least (the last one of those).
pub fn read_lines_partial(
    toks: &[Tok],
    lines: &[String],
    year: Option<i64>,
) -> Result<Tables, TableError> {
    let mut ix = Index::new(toks);
    ix.lines = lines.to_vec();
    ix.partial = true;
    let mut best: Option<Tables> = None;
    let mut failed: Option<TableError> = None;
    let mut from = 0;
    while let Some((pos, end)) = ix.find(REQUESTS[0].1, from, ix.text.len()) {
        match read_at(toks, &ix, pos, year) {
            Ok(t) => {
                if best
                    .as_ref()
                    .is_none_or(|b| t.unread.len() <= b.unread.len())
                {
                    best = Some(t);
                }
            }
            Err(e) => {
                if failed.as_ref().is_none_or(|f| progress(&e) > progress(f)) {
                    failed = Some(e);
                }
            }
        }
        from = end;
    }
    best.ok_or_else(|| {
        failed.unwrap_or_else(|| err(Section::Requests, None, crate::t!("read-no-table-three")))
    })
}

pub(super) fn read_at(
    toks: &[Tok],
    ix: &Index,
    start: usize,
    year: Option<i64>,
) -> Result<Tables, TableError> {
    let len = ix.text.len();
    // 表三's anchors, in order.
    let mut anchors: Vec<(&'static RowDef, usize, usize)> = Vec::new();
    let mut pos = start;
    for (i, (code, keys)) in REQUESTS.iter().enumerate() {
        let row = row_def(Section::Requests, code);
        // The next row's phrase bounds where this one may be.
        let next: &[&str] = match REQUESTS.get(i + 1) {
            Some(n) => n.1,
            None => &["其他处理", "逾期不补", "不补正", "总计"],
        };
        let limit = ix.find(next, pos, len).map_or(len, |f| f.0);
        let (p, e) = match ix.find(keys, pos, len) {
            Some(f) if f.0 < limit => f,
            found => super::labels::fuzzy(&ix.text, row.label_zh, pos, limit)
                .or(found)
                .ok_or_else(|| not_found(Section::Requests, code))?,
        };
        anchors.push((row, p, e));
        pos = e;
    }
    let total_at = ix.find(CLOSING[0].1, pos, len).map_or(len, |f| f.0);
    let three_at = ix.find(OTHER_THREE[0].1, pos, total_at);
    let three = three_at.is_some();
    // Some reports print （六）其他处理 as a line of its own with numbers, above its three
    // rows: that line is `other_processing`, kept beside them.
    if let Some((first, _)) = three_at
        && let Some((p, e)) = ix.find(&["其他处理"], pos, first)
        && values_between(toks, ix, p, first, false)
            .iter()
            .any(|t| t.kind == Kind::Num)
    {
        anchors.push((row_def(Section::Requests, "other_processing"), p, e));
        pos = e;
    }
    let other_rows = if three { OTHER_THREE } else { OTHER_ONE };
    for (code, keys) in other_rows.iter().chain(CLOSING) {
        // 3.其他 misread (an OCR reading of a scan: 3、洪他) is the row numbered 3 after
        // the other two, before the total.
        let misc = || {
            let limit = ix.find(CLOSING[0].1, pos, len).map_or(len, |f| f.0);
            ix.find(&["3、", "3."], pos, limit)
        };
        let (p, e) = ix
            .find(keys, pos, len)
            .filter(|f| *code != "other_misc" || f.0 < total_at)
            .or_else(|| (*code == "other_misc").then(misc).flatten())
            .ok_or_else(|| not_found(Section::Requests, code))?;
        anchors.push((row_def(Section::Requests, code), p, e));
        pos = e;
    }
    let subtotals = super::subtotal::find(toks, ix, &anchors);
    pull_back_wrapped(toks, ix, &mut anchors);
    let req_end = ix
        .find(APPEALS_START, pos, len)
        .or_else(|| ix.find(AFTER_TABLES, pos, len))
        .map_or(len, |f| f.0);
    let (requests, notes, unread) = read_requests(toks, ix, &anchors, &subtotals, req_end)?;
    let mut t = finish(toks, ix, start, three, requests, req_end, year)?;
    t.warnings.extend(notes);
    t.unread.splice(0..0, unread);
    Ok(t)
}

/// 表二 and 表四 around a 表三 already read, and the template all three say.
fn finish(
    toks: &[Tok],
    ix: &Index,
    start: usize,
    three: bool,
    requests: Vec<RowRead>,
    req_end: usize,
    year: Option<i64>,
) -> Result<Tables, TableError> {
    // 表二 lies before 表三's heading.
    let req_head = ix
        .rfind(
            &[
                "收到和处理政府信息公开申请",
                "本列数据的勾稽关系",
                "申请人情况",
            ],
            start,
        )
        .map_or(start, |p| p.min(start));
    let pro_start = ix
        .rfind(&["主动公开政府信息情况"], req_head)
        .or_else(|| ix.find(&["第二十条", "信息内容"], 0, req_head).map(|f| f.0));

    let head_tpl = pro_start.and_then(|s| {
        let region = &ix.text[s..req_head];
        let new = HEAD_2021.iter().any(|k| region.contains(k));
        let old = HEAD_2019.iter().any(|k| region.contains(k));
        match (new, old) {
            (true, false) => Some(Ok(Template::T2021)),
            (false, true) => Some(Ok(Template::T2019)),
            (true, true) => Some(Err(())),
            _ => None,
        }
    });
    // 表三 decides when 表二's header disagrees with it or with itself (real reports mix the
    // templates); 表二 is then left out rather than read under the wrong columns.
    let by_requests = if three {
        Template::T2021
    } else {
        year.map_or(Template::T2021, Template::expected_for_year)
    };
    let (template, proactive_problem) = match (head_tpl, three) {
        (Some(Err(())), _) => (
            by_requests,
            Some("表二 left out: its header mixes the 2019 and 2021 templates' columns"),
        ),
        (Some(Ok(Template::T2019)), true) => (
            Template::T2021,
            Some(
                "表二 left out: it has the 2019 template's columns, but 表三 prints （六） as the 2021 template's three rows",
            ),
        ),
        (Some(Ok(t)), _) => (t, None),
        (None, _) => (by_requests, None),
    };

    let mut tables = Tables {
        template: Some(template),
        ..Tables::default()
    };
    tables.requests = requests;
    // A report that does not print 表四 at all keeps its other tables; one that prints it
    // unreadably fails.
    if ix.find(APPEALS_START, req_end, ix.text.len()).is_some() {
        match read_appeals(toks, ix, req_end) {
            Ok(rows) => tables.appeals = rows,
            Err(e) if ix.partial => tables.unread.push(e),
            Err(e) => return Err(e),
        }
    } else {
        tables
            .warnings
            .push("表四 not found: no heading with 行政复议 after 表三".into());
    }
    if let Some(why) = proactive_problem {
        tables.warnings.push(why.into());
    } else if let Some(s) = pro_start {
        read_proactive(toks, ix, s, req_head, template, &mut tables)?;
        proactive_once(toks, ix, s, template, &tables)?;
    } else {
        tables
            .warnings
            .push("表二 not found: no heading “主动公开政府信息情况” before 表三".into());
    }
    Ok(tables)
}

/// A 表二 printed whole before the one read (from `start`, its last heading before 表三) with
/// other numbers fails the report: the document holds two, and which is the report's cannot
/// be told (the first was left out without a word).
fn proactive_once(
    toks: &[Tok],
    ix: &Index,
    start: usize,
    template: Template,
    read: &Tables,
) -> Result<(), TableError> {
    let Some(earlier) = ix.rfind(&["主动公开政府信息情况"], start) else {
        return Ok(());
    };
    // A table, not a report's opening words naming its parts (主动公开政府信息情况 among
    // them) over a narrative that counts 行政许可 and 规章: its column headings are there.
    let region = &ix.text[earlier..start];
    let headed = |keys: &[&str]| keys.iter().filter(|k| region.contains(*k)).count() >= 2;
    if !region.contains("信息内容") || !(headed(HEAD_2021) || headed(HEAD_2019)) {
        return Ok(());
    }
    let mut other = Tables::default();
    if read_proactive(toks, ix, earlier, start, template, &mut other).is_err() {
        return Ok(());
    }
    if other.proactive.len() < read.proactive.len()
        || numbers(&other.proactive) == numbers(&read.proactive)
    {
        return Ok(());
    }
    let at = |t: &Tables| {
        t.proactive
            .first()
            .and_then(|r| r.cells.first())
            .map_or_else(String::new, |c| c.origin.to_string())
    };
    Err(err(
        Section::Proactive,
        None,
        crate::t!("read-table-twice", first = at(&other), second = at(read)),
    ))
}

/// The last resort for 表三 when its labels are not where its numbers are (an extractor that
/// moved the first column elsewhere): exactly the template's count of plain numbers between
/// its first row and 表四, taken row by row, and accepted only if every identity of the table
/// holds — row totals, 一 + 二 = (七) + 四, and (七) = the outcome rows.
fn read_in_order(toks: &[Tok], ix: &Index, year: Option<i64>) -> Option<Tables> {
    let len = ix.text.len();
    let (start, _) = ix.find(REQUESTS[0].1, 0, len)?;
    let (app, _) = ix.find(APPEALS_START, start, len)?;
    let vals: Vec<&Tok> = values_between(toks, ix, start, app, false)
        .into_iter()
        .filter(|t| t.kind != Kind::Pad)
        .collect();
    if !vals.iter().all(|t| t.kind == Kind::Num && t.atomic) {
        return None;
    }
    let three = ix.find(OTHER_THREE[0].1, start, app).is_some();
    let other = if three { OTHER_THREE } else { OTHER_ONE };
    let defs: Vec<&'static RowDef> = REQUESTS
        .iter()
        .chain(other)
        .chain(CLOSING)
        .map(|(code, _)| row_def(Section::Requests, code))
        .collect();
    if vals.len() != defs.len() * 7 {
        return None;
    }
    let rows: Vec<Vec<Slot>> = vals
        .chunks(7)
        .map(|c| {
            c.iter()
                .map(|t| Slot {
                    text: Some(t.text.clone()),
                    origin: t.origin,
                })
                .collect()
        })
        .collect();
    let row_sums = rows.iter().all(|r| {
        let v: Vec<i64> = r
            .iter()
            .filter_map(|s| super::values::count(s.text.as_deref()?))
            .collect();
        v.len() == 7 && v[..6].iter().sum::<i64>() == v[6]
    });
    if !row_sums {
        return None;
    }
    accept(
        toks,
        ix,
        (start, app),
        three,
        &defs,
        rows,
        year,
        "表三's labels are out of order in the text: its numbers were taken in the template's row order, every identity of the table holding",
    )
    .ok()
}

/// 表三 when some rows' labels were printed away from their numbers, leaving bare runs of
/// seven numbers (`unlabeled.rs`): accepted only if every identity of the tables holds.
fn read_unlabeled(
    toks: &[Tok],
    ix: &Index,
    starts: &[usize],
    year: Option<i64>,
) -> Option<Result<Tables, TableError>> {
    let len = ix.text.len();
    // The first row's phrase may also occur in the narrative: try each occurrence.
    let (start, app, (three, defs, vals)) = starts.iter().find_map(|&start| {
        let app = ix
            .find(APPEALS_START, start, len)
            .or_else(|| ix.find(AFTER_TABLES, start, len))
            .map_or(len, |f| f.0);
        super::unlabeled::rows(toks, ix, start, app).map(|found| (start, app, found))
    })?;
    let rows: Vec<Vec<Slot>> = vals
        .iter()
        .map(|r| {
            r.iter()
                .map(|t| Slot {
                    text: Some(t.text.clone()),
                    origin: t.origin,
                })
                .collect()
        })
        .collect();
    let read = accept(
        toks,
        ix,
        (start, app),
        three,
        &defs,
        rows,
        year,
        "表三: some rows' labels are printed away from their numbers: their bare runs of seven numbers were taken for the template rows missing where they stand, every identity of the table holding",
    );
    match read {
        Ok(t) => Some(Ok(t)),
        Err(Some(e)) => Some(Err(e)),
        Err(None) => None,
    }
}

/// 表三 read as `rows` under `defs`, kept only when its column identities and 表四's row
/// identities hold: `Err(None)` when 表三's do not, `Err(Some(_))` when 表三's hold but 表四
/// cannot be read or its rows do not add up.
#[allow(clippy::too_many_arguments)]
fn accept(
    toks: &[Tok],
    ix: &Index,
    (start, app): (usize, usize),
    three: bool,
    defs: &[&'static RowDef],
    rows: Vec<Vec<Slot>>,
    year: Option<i64>,
    note: &str,
) -> Result<Tables, Option<TableError>> {
    if !super::settle::columns_hold(defs, &rows) {
        return Err(None);
    }
    let cols: Vec<&ColDef> = contract::COLS
        .iter()
        .filter(|c| c.section == Section::Requests)
        .collect();
    let requests = defs
        .iter()
        .zip(rows)
        .map(|(row, slots)| to_row(row, &cols, slots))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| None)?;
    let mut t = finish(toks, ix, start, three, requests, app, year).map_err(Some)?;
    // The extractor that moved 表三's labels may have moved 表四's cells too.
    let broken = t.appeals.iter().find(|r| {
        let v: Vec<i64> = r.cells.iter().filter_map(|c| c.value.as_int()).collect();
        v.len() != 5 || v[..4].iter().sum::<i64>() != v[4]
    });
    if let Some(r) = broken {
        let printed: Vec<&Tok> = values_between(toks, ix, app, ix.text.len(), true)
            .into_iter()
            .filter(|t| t.kind != Kind::Pad)
            .collect();
        let read: Vec<String> = r.cells.iter().map(|c| c.value.to_string()).collect();
        return Err(Some(err(
            Section::Appeals,
            Some(r.row),
            format!(
                "表三 read with its labels out of order, but 表四's numbers are out of order too and nothing settles which row each belongs to: in the order printed they make this row [{}], whose four results do not add up to its total; printed: {}",
                read.join(", "),
                cells::raw(&printed)
            ),
        )));
    }
    t.warnings.push(note.into());
    Ok(t)
}

/// A label wrapped with its numbers on the first line (`5.属于三类 7 0 … / 内部事务信息`) has its
/// key phrase after the numbers: the anchor moves back to the label's first line when that
/// line is the start of the row's label.
fn pull_back_wrapped(toks: &[Tok], ix: &Index, anchors: &mut [(&'static RowDef, usize, usize)]) {
    for i in 0..anchors.len() {
        let k = ix.tok(anchors[i].1);
        let prev_tok = if i == 0 {
            0
        } else {
            ix.tok(anchors[i - 1].1) + 1
        };
        let Some(j) = (prev_tok..k).rev().find(|j| toks[*j].kind == Kind::Label) else {
            continue;
        };
        if !toks[j + 1..k].iter().any(|t| t.kind == Kind::Num) {
            continue;
        }
        let full = contract::strip_numbering(&contract::normalize_label(anchors[i].0.label_zh));
        if starts_label(&contract::normalize_label(&toks[j].text), &full)
            && let Some(start) = ix.start_of(j)
        {
            anchors[i].1 = start;
        }
    }
}

/// Does a line of label text end with the start of this row's label: its numbering alone
/// (`四、`, `（三）不予公开 1.`), or numbering and the label's first words (`5.属于三类`)?
fn starts_label(line: &str, full: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let chars: Vec<char> = line.chars().collect();
    (0..chars.len()).any(|p| {
        // The tail must begin where a label begins: at the line's start or at its numbering.
        let starts_numbering = numeral(chars[p]) && (p == 0 || !numeral(chars[p - 1]));
        if p > 0 && !starts_numbering {
            return false;
        }
        let tail: String = chars[p..].iter().collect();
        if tail.chars().all(|c| numeral(c) || c == '.') {
            return true;
        }
        let words = contract::strip_numbering(&tail);
        if p > 0 && words.len() == tail.len() {
            return false;
        }
        words.chars().count() >= 2 && words != full && full.starts_with(&words)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_line_of_a_wrapped_label_is_known_by_its_start() {
        let full = "属于国家秘密";
        for line in [
            "1.属于国家",
            "三不予公开1.",
            "三不予公开1.属于",
            "1.",
            "属于国家",
        ] {
            assert!(starts_label(line, full), "{line}");
        }
        for line in ["国家秘密", "2.重复申请", "不予公开", "三不予公开", ""] {
            assert!(!starts_label(line, full), "{line}");
        }
        assert!(starts_label("四", "结转下年度继续办理"));
    }
}
