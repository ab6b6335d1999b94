//! 表二 and 表四, read around a 表三 already found. 表二's rows are optional and vary by
//! template; a row whose cells cannot be told apart is left out with a warning (表二 has no
//! identity to settle a split by). 表四 is one run of fifteen cells, five per row.

use super::aligned::{self, Placed};
use super::cells::{self, Reading};
use super::index::{Index, values_between};
use super::settle::slots_text;
use super::split;
use super::token::{Kind, Origin, Tok};
use super::vocab::{
    AFTER_TABLES, APPEALS_START, RowRead, TableError, Tables, col_def, err, row_def, to_row,
};
use crate::contract::{self, ColDef, Section, Template};

const PROACTIVE: &[(&str, &[&str])] = &[
    ("rules", &["规章"]),
    ("normative_documents", &["规范性文件"]),
    ("licensing", &["行政许可"]),
    ("other_admin_services", &["对外管理服务"]),
    ("penalties", &["行政处罚"]),
    ("coercive_measures", &["行政强制"]),
    ("fees", &["事业性收费"]),
    ("procurement", &["集中采购"]),
];

pub(super) const HEAD_2021: &[&str] = &[
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年收费金额",
];
pub(super) const HEAD_2019: &[&str] = &[
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "采购项目数量",
    "对外管理服务",
];
/// Printed column order of each 表二 row.
fn proactive_cols(row: &str, t: Template) -> &'static [&'static str] {
    match (t, row) {
        (Template::T2021, "rules" | "normative_documents") => &["issued", "repealed", "in_force"],
        (Template::T2021, "fees") => &["amount_10k_yuan"],
        (Template::T2021, _) => &["decisions"],
        (Template::T2019, "rules" | "normative_documents") => {
            &["made", "published", "published_total"]
        }
        (Template::T2019, "fees") => &["prior_items", "change"],
        (Template::T2019, "procurement") => &["items", "amount_10k_yuan"],
        (Template::T2019, _) => &["prior_items", "change", "decisions"],
    }
}

pub(super) fn read_appeals(
    toks: &[Tok],
    ix: &Index,
    start: usize,
) -> Result<Vec<RowRead>, TableError> {
    let len = ix.text.len();
    let Some((s, _)) = ix.find(APPEALS_START, start, len) else {
        return Err(err(
            Section::Appeals,
            None,
            "table 四 not found (no heading with 行政复议 after 表三)",
        ));
    };
    let end = ix.find(AFTER_TABLES, s, len).map_or(len, |f| f.0);
    let all = values_between(toks, ix, s, end, true);
    // Header rows of a delimited table print empty cells too; only rows with values count.
    let with_values: std::collections::HashSet<u32> = all
        .iter()
        .filter(|v| v.kind != Kind::Pad)
        .map(|v| v.row)
        .collect();
    let vals: Vec<&Tok> = all
        .iter()
        .copied()
        .filter(|t| with_values.contains(&t.row))
        .collect();
    // Blank cells left the numeric line short: the header's positions place what is there.
    let head_row = match toks[ix.tok(s)].origin {
        Origin::Line(n) => n,
        Origin::Cell { .. } | Origin::Sheet { .. } | Origin::Scan { .. } => 0,
    };
    let placed = if ix.lines.is_empty() {
        Placed::NotApplicable
    } else {
        aligned::place_appeals(&vals, &ix.lines, head_row)
    };
    let resolved = match placed {
        Placed::Slots(s) => Reading::One(s),
        Placed::Refused(why) => {
            return Err(err(
                Section::Appeals,
                None,
                crate::t!("read-printed", why = why, printed = cells::raw(&vals)),
            ));
        }
        Placed::NotApplicable => cells::resolve(&vals, 15, 5, &split::sums_to_last, &[], true),
    };
    let slots = match resolved {
        Reading::One(s) => s,
        // The rows' identities are all 表四 has; they already picked this one.
        Reading::Many(mut m) if m.len() == 1 => m.remove(0),
        Reading::Many(m) => {
            let list: Vec<String> = m.iter().take(8).map(|r| slots_text(r)).collect();
            return Err(err(
                Section::Appeals,
                None,
                format!(
                    "printed {} reads as [{}]; cannot tell which",
                    cells::raw(&vals),
                    list.join("] or [")
                ),
            ));
        }
        Reading::None(why) => {
            return Err(err(
                Section::Appeals,
                None,
                why.with_printed(&cells::raw(&vals)),
            ));
        }
    };
    let cols: Vec<&ColDef> = contract::COLS
        .iter()
        .filter(|c| c.section == Section::Appeals)
        .collect();
    [
        "admin_review",
        "litigation_direct",
        "litigation_after_review",
    ]
    .iter()
    .zip(slots.chunks(5))
    .map(|(code, chunk)| to_row(row_def(Section::Appeals, code), &cols, chunk.to_vec()))
    .collect()
}

pub(super) fn read_proactive(
    toks: &[Tok],
    ix: &Index,
    start: usize,
    end: usize,
    template: Template,
    tables: &mut Tables,
) -> Result<(), TableError> {
    let mut anchors = Vec::new();
    let mut pos = start;
    for (code, keys) in PROACTIVE {
        let row = row_def(Section::Proactive, code);
        if !row.templates.contains(template) {
            continue;
        }
        if let Some((p, e)) = ix.find(keys, pos, end) {
            anchors.push((row, p));
            pos = e;
        }
    }
    for (i, (row, p)) in anchors.iter().enumerate() {
        let next = anchors.get(i + 1).map_or(end, |a| a.1);
        let v = values_between(toks, ix, *p, next, false);
        let codes = proactive_cols(row.code, template);
        let cols: Vec<&ColDef> = codes
            .iter()
            .map(|c| col_def(Section::Proactive, c))
            .collect();
        let why = match cells::resolve(&v, cols.len(), cols.len(), &split::any, &[], false) {
            // A number read for certain that no count or amount can be (negative, past the
            // ceiling, a fraction where a count belongs) fails the report as in 表三: left
            // out, the report was stored without it, exit 0.
            Reading::One(slots) => match to_row(row, &cols, slots) {
                Ok(r) => {
                    tables.proactive.push(r);
                    continue;
                }
                Err(e) if ix.partial => {
                    tables.unread.push(e);
                    continue;
                }
                Err(e) => return Err(e),
            },
            Reading::Many(m) => {
                let list: Vec<String> = m.iter().take(20).map(|r| slots_text(r)).collect();
                format!(
                    "printed {} could be [{}]{}",
                    cells::raw(&v),
                    list.join("] or ["),
                    if m.len() > 20 { " or more" } else { "" }
                )
            }
            Reading::None(why) => why.with_printed(&cells::raw(&v)),
        };
        tables
            .warnings
            .push(format!("表二 row “{}” left out: {why}", row.label_zh));
    }
    Ok(())
}
