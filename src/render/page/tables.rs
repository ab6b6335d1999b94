//! A report on the page: its facts, and its three tables as the template prints them, each
//! number with where it was read and the findings about it.

use super::{Finding, esc};
use crate::contract::{Section, Template};
use crate::layout::{self, Content, Table};
use crate::store::{PageCell, PageReport, SqlValue};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The template's notice, as a report cites it.
fn notice(t: Template) -> &'static str {
    match t {
        Template::T2019 => "国办公开办函〔2019〕60号",
        Template::T2021 => "国办公开办函〔2021〕30号",
    }
}

pub(super) fn report_section(
    o: &mut String,
    agency: &str,
    report: &PageReport,
    findings: &[&Finding],
) {
    let template = report
        .template
        .and_then(|t| Template::parse(&t.to_string()))
        .unwrap_or_else(|| Template::expected_for_year(report.year));
    let _ = writeln!(
        o,
        "<section class=\"report\" id=\"y{0}\" data-year=\"{0}\">\n<h2>{1}{0}年政府信息公开工作年度报告</h2>",
        report.year,
        esc(&report.printed_name)
    );
    let mut facts = vec![
        format!("统计年度 {}", report.year),
        format!("模板 {} （{}）", template, notice(template)),
    ];
    if report.printed_name != agency {
        facts.push(format!("报告所印名称 {}", esc(&report.printed_name)));
    }
    let source = report.source.as_deref().unwrap_or("");
    facts.push(format!(
        "来源 <span class=\"source\">{}</span>",
        if source.is_empty() {
            "–".into()
        } else {
            esc(source)
        }
    ));
    if let Some(f) = &report.format {
        facts.push(format!("格式 {}", esc(f)));
    }
    if let Some(p) = &report.parser_version {
        facts.push(format!("解析 {}", esc(p)));
    }
    if let Some(h) = &report.content_hash {
        facts.push(format!("内容哈希 <code>{}</code>", esc(h)));
    }
    let _ = writeln!(o, "<p class=\"facts\">{}</p>", facts.join(" · "));
    let cells: HashMap<(&str, &str, &str), &PageCell> = report
        .cells
        .iter()
        .map(|c| ((c.section.as_str(), c.row.as_str(), c.column.as_str()), c))
        .collect();
    let six_as_one =
        template == Template::T2019 || report.cells.iter().any(|c| c.row == "other_processing");
    let tables = [
        layout::proactive(template),
        layout::requests(six_as_one),
        layout::appeals(),
    ];
    let marks = Marks {
        year: report.year,
        source,
        findings,
    };
    for table in &tables {
        let code = table.section.code();
        let _ = writeln!(
            o,
            "<h3>{} {}</h3>",
            table.section.table_number(),
            esc(&table.title)
        );
        grid(o, table, &cells, &marks);
        let own: Vec<usize> = (0..findings.len())
            .filter(|i| findings[*i].section.as_deref() == Some(code))
            .collect();
        finding_list(o, report.year, findings, &own);
    }
    let rest: Vec<usize> = (0..findings.len())
        .filter(|i| {
            let s = findings[*i].section.as_deref();
            !Section::ALL.iter().any(|x| Some(x.code()) == s)
        })
        .collect();
    if !rest.is_empty() {
        let _ = writeln!(o, "<h3>{}</h3>", esc(&crate::t!("page-whole-report")));
        finding_list(o, report.year, findings, &rest);
    }
    o.push_str("</section>\n");
}

/// What the cells of one report are marked with.
struct Marks<'a> {
    year: i64,
    source: &'a str,
    findings: &'a [&'a Finding],
}

impl Marks<'_> {
    /// The findings (by their index) about a cell: those naming it, and those about its whole
    /// row (no column) or its whole column (no row).
    fn about(&self, section: &str, row: &str, column: &str) -> Vec<usize> {
        (0..self.findings.len())
            .filter(|i| {
                let f = self.findings[*i];
                f.section.as_deref() == Some(section)
                    && f.row.as_deref().is_none_or(|r| r == row)
                    && f.column.as_deref().is_none_or(|c| c == column)
                    && (f.row.is_some() || f.column.is_some())
            })
            .collect()
    }
}

fn finding_anchor(year: i64, i: usize) -> String {
    format!("f{year}-{}", i + 1)
}

fn finding_list(o: &mut String, year: i64, findings: &[&Finding], which: &[usize]) {
    if which.is_empty() {
        return;
    }
    o.push_str("<ol class=\"findings\">\n");
    for &i in which {
        let f = findings[i];
        let cell = [&f.section, &f.row, &f.column]
            .iter()
            .map(|p| p.as_deref().unwrap_or("*"))
            .collect::<Vec<_>>()
            .join("/");
        let numbers = match (&f.expected, &f.actual) {
            (None, None) => String::new(),
            (e, a) => format!(
                " <span class=\"numbers\">{}</span>",
                crate::t!(
                    "page-numbers",
                    expected = format!("<b>{}</b>", esc(e.as_deref().unwrap_or("–"))),
                    actual = format!("<b>{}</b>", esc(a.as_deref().unwrap_or("–")))
                )
            ),
        };
        let review = f
            .review
            .as_deref()
            .map(|r| {
                let said = crate::t!("page-review", status = esc(r));
                format!(" <span class=\"review\">{said}</span>")
            })
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "<li id=\"{}\" value=\"{}\" class=\"{}\" data-rule=\"{}\"><span class=\"severity\">{}</span> \
             <b class=\"rule\">{}</b> <code>{}</code> <code class=\"id\">{}</code>{numbers}{review}<br>{}</li>",
            finding_anchor(year, i),
            i + 1,
            esc(&f.severity),
            esc(&f.rule),
            esc(&f.severity),
            esc(&f.rule),
            esc(&cell),
            esc(&f.id),
            esc(&f.message),
        );
    }
    o.push_str("</ol>\n");
}

/// One table of the layout as an HTML table: each item at its place with its spans, and an
/// empty cell wherever the layout leaves a place of the grid uncovered.
fn grid(
    o: &mut String,
    table: &Table,
    cells: &HashMap<(&str, &str, &str), &PageCell>,
    marks: &Marks<'_>,
) {
    let (height, width) = (table.height() as usize, usize::from(table.width()));
    let mut covered = vec![vec![false; width]; height];
    let starts: HashMap<(usize, usize), &layout::Item> = table
        .items
        .iter()
        .map(|i| ((i.row as usize, usize::from(i.col)), i))
        .collect();
    let _ = writeln!(
        o,
        "<table class=\"report-table\" data-section=\"{}\">",
        table.section.code()
    );
    for y in 0..height {
        o.push_str("<tr>");
        for x in 0..width {
            if covered[y][x] {
                continue;
            }
            let Some(item) = starts.get(&(y, x)) else {
                covered[y][x] = true;
                o.push_str("<td class=\"pad\"></td>");
                continue;
            };
            let (rows, cols) = (item.rows as usize, usize::from(item.cols));
            for line in covered.iter_mut().skip(y).take(rows) {
                for c in line.iter_mut().skip(x).take(cols) {
                    *c = true;
                }
            }
            let mut span = String::new();
            if rows > 1 {
                let _ = write!(span, " rowspan=\"{rows}\"");
            }
            if cols > 1 {
                let _ = write!(span, " colspan=\"{cols}\"");
            }
            match &item.content {
                Content::Label(t) if item.heading => {
                    let _ = write!(o, "<th{span}>{}</th>", esc(t));
                }
                Content::Label(t) => {
                    let _ = write!(o, "<td class=\"label\"{span}>{}</td>", esc(t));
                }
                Content::Empty => {
                    let _ = write!(o, "<td class=\"pad\"{span}></td>");
                }
                Content::Value { row, col } => {
                    let key = (table.section.code(), row.code, col.code);
                    value_cell(o, &span, key, cells.get(&key).copied(), marks);
                }
            }
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</table>\n");
}

fn value_cell(
    o: &mut String,
    span: &str,
    (section, row, column): (&str, &str, &str),
    cell: Option<&PageCell>,
    marks: &Marks<'_>,
) {
    let mut class = vec!["v"];
    let mut title = Vec::new();
    let text = match cell.map(|c| &c.value) {
        None => {
            class.push("absent");
            title.push(crate::t!("page-cell-absent"));
            String::new()
        }
        Some(SqlValue::Null) => {
            class.push("blank");
            title.push(crate::t!("page-cell-blank"));
            String::new()
        }
        Some(SqlValue::Int(i)) => i.to_string(),
        Some(SqlValue::Real(f)) => f.to_string(),
        Some(SqlValue::Text(t) | SqlValue::Decimal(t)) => t.clone(),
    };
    let origin = cell.and_then(|c| c.origin.as_deref());
    if cell.is_some() {
        title.push(match (marks.source, origin) {
            ("", Some(at)) => crate::t!("page-cell-read-at", at = crate::i18n::origin(at)),
            ("", None) => crate::t!("page-cell-no-source"),
            (s, Some(at)) => format!("{s}: {}", crate::i18n::origin(at)),
            (s, None) => crate::t!("page-cell-csv", source = s),
        });
    }
    let about = marks.about(section, row, column);
    let mut sup = String::new();
    for &i in &about {
        let f = marks.findings[i];
        let exact = f.row.is_some() && f.column.is_some();
        class.push(match f.severity.as_str() {
            "error" => "error",
            "warning" => "warning",
            _ => "info",
        });
        if exact {
            class.push("finding");
        } else {
            class.push("finding-line");
        }
        title.push(f.summary());
        let _ = write!(
            sup,
            "<a class=\"mark\" href=\"#{}\">{}</a>",
            finding_anchor(marks.year, i),
            i + 1
        );
    }
    class.sort_unstable();
    class.dedup();
    let origin_attr = origin
        .map(|at| format!(" data-origin=\"{}\"", esc(at)))
        .unwrap_or_default();
    let _ = write!(
        o,
        "<td class=\"{}\"{span} data-cell=\"{section}/{row}/{column}\"{origin_attr} title=\"{}\">{}{sup}</td>",
        class.join(" "),
        esc(&title.join("\n")),
        esc(&text),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> PageReport {
        let cell = |row: &str, column: &str, value: SqlValue| PageCell {
            section: "requests".into(),
            row: row.into(),
            column: column.into(),
            value,
            origin: Some("line 9".into()),
        };
        PageReport {
            year: 2024,
            printed_name: "甲<乙>".into(),
            template: Some(2021),
            format: Some("text".into()),
            source: Some("a&b.txt".into()),
            content_hash: None,
            parser_version: None,
            cells: vec![
                cell("received_new", "total", SqlValue::Int(7)),
                cell("received_new", "natural_person", SqlValue::Null),
                cell("carried_in", "total", SqlValue::Int(3)),
            ],
        }
    }

    fn finding(row: Option<&str>, column: Option<&str>) -> Finding {
        Finding {
            severity: "error".into(),
            rule: "r".into(),
            year: 2024,
            section: Some("requests".into()),
            row: row.map(Into::into),
            column: column.map(Into::into),
            expected: Some("4".into()),
            actual: Some("3".into()),
            message: "m<".into(),
            ..Finding::default()
        }
    }

    /// The `<td>` of one cell, as written.
    fn td<'a>(html: &'a str, code: &str) -> &'a str {
        let at = html.find(&format!("data-cell=\"{code}\"")).expect(code);
        let start = html[..at].rfind("<td").unwrap();
        &html[start..start + html[start..].find("</td>").unwrap()]
    }

    /// A finding on a cell marks that cell; one about a whole column tints every cell of the
    /// column and no other; each links to its place in the list under the table.
    #[test]
    fn findings_mark_their_cells() {
        let exact = finding(Some("carried_in"), Some("total"));
        let column = finding(None, Some("total"));
        let mut o = String::new();
        report_section(&mut o, "甲", &report(), &[&exact, &column]);
        let carried = td(&o, "requests/carried_in/total");
        assert!(
            carried.contains("class=\"error finding finding-line v\""),
            "{carried}"
        );
        assert!(carried.contains("href=\"#f2024-1\">1</a>"), "{carried}");
        assert!(carried.contains("href=\"#f2024-2\">2</a>"), "{carried}");
        assert!(carried.contains("(expected 4, printed 3)"), "{carried}");
        let received = td(&o, "requests/received_new/total");
        assert!(
            received.contains("class=\"error finding-line v\""),
            "{received}"
        );
        assert!(received.contains("title=\"a&amp;b.txt: line 9\n[error] r: m&lt;"));
        let person = td(&o, "requests/received_new/natural_person");
        assert!(person.contains("class=\"blank v\""), "{person}");
        let other = td(&o, "requests/granted/total");
        assert!(
            other.contains("class=\"absent error finding-line v\""),
            "{other}"
        );
        let untouched = td(&o, "requests/granted/natural_person");
        assert!(!untouched.contains("finding"), "{untouched}");
        assert!(o.contains("<li id=\"f2024-1\" value=\"1\" class=\"error\""));
        assert!(o.contains("甲&lt;乙&gt;2024年") && !o.contains("<乙>"));
    }
}
