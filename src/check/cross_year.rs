//! The cross-year identities: what a pair of consecutive years of one agency must agree on
//! (carry-over, documents in force), the year-on-year jumps worth a second look, and the
//! allowance for an agency reorganised between the two years.

use super::rules::{self, col_label, row_label};
use super::{Finding, Grid, Open, Severity, Slot, not_assessable};
use crate::contract::Section;
use crate::model::Report;

/// The findings about a pair of consecutive years of one agency (`prev.year + 1 ==
/// cur.year`): carry-over (5), documents in force (6) and year-on-year jumps. They belong to
/// `cur`. `prev` need only hold the rows of [`CROSS_YEAR_ROWS`].
pub fn check_pair(prev: &Report, cur: &Report) -> Vec<Finding> {
    debug_assert_eq!(prev.year + 1, cur.year);
    let (p, c) = (Grid::new(prev), Grid::new(cur));
    let mut out = Vec::new();
    let py = prev.year;
    // 5. this year's 二 = last year's 四, per column.
    if p.row_stated(rules::CARRIED_OUT) && c.row_stated(rules::CARRIED_IN) {
        let mut open = Vec::new();
        for col in rules::REQUEST_PARTS
            .into_iter()
            .chain([rules::REQUEST_TOTAL])
        {
            let (a, b) = (
                p.get((rules::CARRIED_OUT, col)),
                c.get((rules::CARRIED_IN, col)),
            );
            match (a.known(), b.known()) {
                (Some(x), Some(y)) if x != y => {
                    let mut f =
                        Finding::new("carry-over", Severity::Error, Some(Section::Requests));
                    f.row = Some("carried_in");
                    f.column = crate::contract::col_by_id(col).map(|c| c.code);
                    f.expected = Some(x);
                    f.actual = Some(y);
                    f.message = format!(
                        "表三 column {}: {} is {y}, but the {py} report's {} is {x}",
                        col_label(col),
                        row_label(rules::CARRIED_IN, cur.template),
                        row_label(rules::CARRIED_OUT, prev.template),
                    );
                    out.push(f);
                }
                (Some(_), Some(_)) | (None, None) | (Some(0), None) | (None, Some(0)) => {}
                _ => open.push(Open {
                    rule: "carry-over",
                    section: Section::Requests,
                    row: Some(rules::CARRIED_IN),
                    col: Some(col),
                    text: format!(
                        "表三 column {}: the {py} report's {} is {a}, this year's {} is {b}",
                        col_label(col),
                        row_label(rules::CARRIED_OUT, prev.template),
                        row_label(rules::CARRIED_IN, cur.template)
                    ),
                }),
            }
        }
        not_assessable(open, &mut out);
    }
    // 6. 现行有效 = last year's 现行有效 + 本年制发 − 本年废止 (2021 template).
    let mut open = Vec::new();
    for row in rules::DOCUMENT_ROWS {
        let before = p.get((row, rules::IN_FORCE));
        let issued = c.get((row, rules::ISSUED));
        let repealed = c.get((row, rules::REPEALED));
        let now = c.get((row, rules::IN_FORCE));
        // Only where both years print 现行有效件数 (the 2021 template's 表二).
        if before == Slot::Absent || now == Slot::Absent {
            continue;
        }
        let label = row_label(row, cur.template);
        match (before.known(), issued.known(), repealed.known(), now.known()) {
            (Some(b), Some(i), Some(r), Some(n)) => {
                if b + i - r != n {
                    let mut f = Finding::new("in-force", Severity::Warning, Some(Section::Proactive));
                    f.row = crate::contract::row_by_id(row).map(|r| r.code);
                    f.column = Some("in_force");
                    f.expected = Some(b + i - r);
                    f.actual = Some(n);
                    f.message = format!(
                        "表二 row {label}: 现行有效件数 is {n}, but the {py} report's 现行有效件数 {b} + 本年制发件数 {i} − 本年废止件数 {r} = {} (documents may also lapse without a repeal)",
                        b + i - r
                    );
                    out.push(f);
                }
            }
            _ => open.push(Open {
                rule: "in-force",
                section: Section::Proactive,
                row: Some(row),
                col: Some(rules::IN_FORCE),
                text: format!(
                    "表二 row {label}: the {py} report's 现行有效件数 {before}, this year's 本年制发件数 {issued}, 本年废止件数 {repealed}, 现行有效件数 {now}"
                ),
            }),
        }
    }
    not_assessable(open, &mut out);
    // Year-on-year jumps in new requests.
    if let (Some(a), Some(b)) = (
        p.request_total(rules::RECEIVED_NEW),
        c.request_total(rules::RECEIVED_NEW),
    ) && a.max(b) >= 50
        && (b > a.saturating_mul(10) || a > b.saturating_mul(10))
    {
        let mut f = Finding::new("yoy-jump", Severity::Warning, Some(Section::Requests));
        f.row = Some("received_new");
        f.column = Some("total");
        f.expected = Some(a);
        f.actual = Some(b);
        let ratio = if a == 0 || b == 0 {
            "from or to zero".to_string()
        } else if b > a {
            format!("{:.1}× up", b as f64 / a as f64)
        } else {
            format!("{:.1}× down", a as f64 / b as f64)
        };
        f.message = format!(
            "表三 {} 总计 went from {a} in {py} to {b} in {} ({ratio}); a jump beyond 10× is worth a second look",
            row_label(rules::RECEIVED_NEW, cur.template),
            cur.year
        );
        out.push(f);
    }
    out
}

/// Identity 5 holds "unless the agency was reorganised": when the two years' reports print
/// different names for the agency (洪泽县 → 洪泽区, a merger filed under one identity), a
/// carry-over that does not match is a warning, and says why.
pub fn allow_reorganisation(
    found: &mut [Finding],
    prev_name: &str,
    cur_name: &str,
    prev_year: i64,
) {
    if prev_name.is_empty() || cur_name.is_empty() || prev_name == cur_name {
        return;
    }
    for f in found.iter_mut().filter(|f| f.rule == "carry-over") {
        if f.severity == Severity::Error {
            f.severity = Severity::Warning;
        }
        f.message.push_str(&format!(
            " (the {prev_year} report was filed as {prev_name}: a reorganised agency may carry over differently)"
        ));
    }
}
