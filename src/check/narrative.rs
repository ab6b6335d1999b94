//! Counts quoted in a report's text (收到/受理 … 件, 办结 … 件, 结转 … 件, 行政复议 … 件,
//! 行政诉讼 … 件) and their comparison with the tables.
//!
//! The hook for the published-report readers: call [`narrative_claims`] on the report's
//! text (everything outside the tables) and hand the claims to
//! `Importer::put_narrative` after `Importer::put`; the claims are stored in
//! `narrative_claim` and the mismatches become `narrative` warnings.

use super::{Finding, Grid, Severity, rules};
use crate::contract::Section;
use crate::model::Report;

/// What a quoted count is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// 收到/受理/新收 … 件: 一、本年新收 (or 一 + 二).
    Received,
    /// 办结 … 件: 三（七）总计.
    Processed,
    /// 上年结转 … 件: 二、上年结转.
    CarriedIn,
    /// 结转 … 件: 四、结转下年度继续办理.
    CarriedOut,
    /// 行政复议 … 件: 表四 行政复议 总计.
    Review,
    /// 行政诉讼 … 件: 表四 行政诉讼 总计 (both rows).
    Litigation,
}

impl ClaimKind {
    pub fn code(self) -> &'static str {
        match self {
            ClaimKind::Received => "received",
            ClaimKind::Processed => "processed",
            ClaimKind::CarriedIn => "carried_in",
            ClaimKind::CarriedOut => "carried_out",
            ClaimKind::Review => "review",
            ClaimKind::Litigation => "litigation",
        }
    }

    pub fn parse(s: &str) -> Option<ClaimKind> {
        [
            ClaimKind::Received,
            ClaimKind::Processed,
            ClaimKind::CarriedIn,
            ClaimKind::CarriedOut,
            ClaimKind::Review,
            ClaimKind::Litigation,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// One count quoted in the text, with the sentence it stands in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    pub value: i64,
    /// The keyword as printed (收到, 受理, 办结 …).
    pub keyword: String,
    pub sentence: String,
}

/// Longer keywords first where one starts another's text (上年度结转 before 结转).
const KEYWORDS: [(&str, ClaimKind); 11] = [
    ("收到", ClaimKind::Received),
    ("受理", ClaimKind::Received),
    ("新收", ClaimKind::Received),
    ("办结", ClaimKind::Processed),
    ("上一年度结转", ClaimKind::CarriedIn),
    ("上年度结转", ClaimKind::CarriedIn),
    ("上年度转结", ClaimKind::CarriedIn),
    ("上年结转", ClaimKind::CarriedIn),
    ("结转", ClaimKind::CarriedOut),
    ("行政复议", ClaimKind::Review),
    ("行政诉讼", ClaimKind::Litigation),
];

/// Finds the counts a report's text quotes: a keyword, then within the same clause (up to
/// the next ，；。 or keyword) a number followed by 件.
/// Lines are joined first: extracted PDF text breaks sentences anywhere.
/// A line of a table as text renders it: cells apart by tabs or pipes, or a row ending in three
/// or more numbers standing apart (a sentence puts words between its numbers and ends in words).
fn is_table_row(line: &str) -> bool {
    let t = line.trim();
    if t.contains('\t') || t.starts_with('|') {
        return true;
    }
    let trailing_numbers = t
        .split_whitespace()
        .rev()
        .take_while(|w| {
            let w = w.trim_end_matches('件');
            !w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ',')
        })
        .count();
    trailing_numbers >= 3
}

pub fn narrative_claims(text: &str) -> Vec<Claim> {
    let mut out = Vec::new();
    // Table rows are not narrative: a cell printed `203件` is not a sentence about 203 requests.
    let joined: String = text
        .lines()
        .filter(|l| !is_table_row(l))
        .flat_map(str::chars)
        .filter(|c| *c != '\r')
        .collect();
    for sentence in joined.split(['。', '！', '？', '；']) {
        let sentence = sentence.trim();
        // Only sentences about disclosure (网络问政, 建议提案 … are counted in 件 too).
        if !sentence.contains('件') || !(sentence.contains("申请") || sentence.contains("信息公开"))
        {
            continue;
        }
        let mut hits: Vec<(usize, usize, ClaimKind, &str)> = Vec::new();
        let mut i = 0;
        while i < sentence.len() {
            let rest = &sentence[i..];
            if let Some((kw, kind)) = KEYWORDS.iter().find(|(kw, _)| rest.starts_with(kw)) {
                hits.push((i, i + kw.len(), *kind, kw));
                i += kw.len();
            } else {
                i += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
        for (n, &(start, end, kind, kw)) in hits.iter().enumerate() {
            let stop = hits.get(n + 1).map_or(sentence.len(), |h| h.0);
            let clause = &sentence[end..stop];
            let clause = clause
                .find(['，', ',', '；', ';', '：'])
                .map_or(clause, |j| &clause[..j]);
            // 收到/受理 are said of anything: the clause must name the requests.
            let about_requests = match kind {
                ClaimKind::Received => clause.contains("申请"),
                ClaimKind::Processed | ClaimKind::CarriedIn | ClaimKind::CarriedOut => {
                    sentence.contains("申请")
                }
                ClaimKind::Review | ClaimKind::Litigation => true,
            };
            if !about_requests {
                continue;
            }
            if let Some(value) = count_before_jian(clause) {
                out.push(Claim {
                    kind,
                    value,
                    keyword: kw.to_string(),
                    sentence: excerpt(sentence, start),
                });
            }
        }
    }
    out
}

/// The sentence, or, when it is long (a table run into the text), the part around the keyword
/// at byte `at`: up to 40 characters before it and 80 from it.
fn excerpt(sentence: &str, at: usize) -> String {
    if sentence.chars().count() <= 160 {
        return sentence.to_string();
    }
    let before: Vec<char> = sentence[..at].chars().collect();
    let head: String = before[before.len().saturating_sub(40)..].iter().collect();
    let tail: String = sentence[at..].chars().take(80).collect();
    format!("…{}{tail}…", head.trim_start())
}

/// The first number in `clause` that is followed (spaces allowed) by 件.
fn count_before_jian(clause: &str) -> Option<i64> {
    let chars: Vec<char> = clause.chars().collect();
    let digit = |c: char| match c {
        '0'..='9' => Some(c as i64 - '0' as i64),
        '０'..='９' => Some(c as i64 - '０' as i64),
        _ => None,
    };
    let mut i = 0;
    while i < chars.len() {
        if digit(chars[i]).is_none() {
            i += 1;
            continue;
        }
        let mut v: i64 = 0;
        while i < chars.len()
            && let Some(d) = digit(chars[i])
        {
            v = v.saturating_mul(10).saturating_add(d);
            i += 1;
        }
        let mut j = i;
        while j < chars.len() && (chars[j].is_whitespace() || chars[j] == '\u{a0}') {
            j += 1;
        }
        if chars.get(j) == Some(&'件') {
            return Some(v);
        }
        i = j;
    }
    None
}

/// Warnings for claims that match no reading of the tables.
pub fn check_claims(report: &Report, claims: &[Claim]) -> Vec<Finding> {
    let grid = Grid::new(report);
    let mut out = Vec::new();
    for claim in claims {
        let t = |r| grid.request_total(r);
        let (section, row, table, accepted): (Section, u8, Option<i64>, Vec<i64>) = match claim.kind
        {
            ClaimKind::Received => {
                let new = t(rules::RECEIVED_NEW);
                let both = new.zip(t(rules::CARRIED_IN)).map(|(a, b)| a + b);
                (
                    Section::Requests,
                    rules::RECEIVED_NEW,
                    new,
                    new.into_iter().chain(both).collect(),
                )
            }
            ClaimKind::Processed => {
                let v = t(rules::TOTAL_PROCESSED);
                (
                    Section::Requests,
                    rules::TOTAL_PROCESSED,
                    v,
                    v.into_iter().collect(),
                )
            }
            ClaimKind::CarriedIn => {
                let v = t(rules::CARRIED_IN);
                (
                    Section::Requests,
                    rules::CARRIED_IN,
                    v,
                    v.into_iter().collect(),
                )
            }
            ClaimKind::CarriedOut => {
                let v = t(rules::CARRIED_OUT);
                (
                    Section::Requests,
                    rules::CARRIED_OUT,
                    v,
                    v.into_iter().collect(),
                )
            }
            ClaimKind::Review => {
                let v = grid.appeals_total(40);
                (Section::Appeals, 40, v, v.into_iter().collect())
            }
            ClaimKind::Litigation => {
                let (a, b) = (grid.appeals_total(41), grid.appeals_total(42));
                let sum = match (a, b) {
                    (None, None) => None,
                    _ => Some(a.unwrap_or(0) + b.unwrap_or(0)),
                };
                (Section::Appeals, 41, sum, sum.into_iter().collect())
            }
        };
        let Some(table) = table else { continue };
        if accepted.contains(&claim.value) {
            continue;
        }
        let mut f = Finding::new("narrative", Severity::Warning, Some(section));
        f.row = crate::contract::row_by_id(row).map(|r| r.code);
        f.column = Some("total");
        f.expected = Some(table);
        f.actual = Some(claim.value);
        let lang = super::text_lang();
        let what = match claim.kind {
            ClaimKind::Litigation => crate::t!(in lang, "check-narrative-litigation"),
            _ => format!(
                "{} {} 总计",
                rules::table_label(section),
                rules::row_label(row, report.template)
            ),
        };
        f.message = crate::t!(in lang, "check-narrative",
            keyword = claim.keyword.as_str(),
            claimed = claim.value,
            sentence = claim.sentence.as_str(),
            what = what,
            table = table
        );
        out.push(f);
    }
    out
}
