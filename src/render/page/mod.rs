//! One agency on one HTML page that a person can open anywhere and send on (`gov-db page`):
//! its reports' three tables laid out as the templates print them (from `layout`), each number
//! with where it was read, `check`'s findings marked on the cells they are about, the trend
//! charts and the agency beside its peers.
//!
//! The page is self-contained: CSS inline, charts as inline SVG (drawn by `chart`, text as
//! `<text>` in the same CJK font list), no script, nothing fetched. Everything that comes from
//! a report or the database (names, sources, messages) goes through [`esc`], so that a name
//! like `<script>` is text on the page and never markup.

mod peers;
mod tables;

use crate::chart::{self, Chart};
use crate::peers::Standing;
use crate::store::{FINDING_COLUMNS, PageAgency, PageReport, Rows, SqlValue};
use std::fmt::Write as _;

/// Everything on the page, read by the command.
#[derive(Clone, Debug)]
pub struct Page {
    pub agency: PageAgency,
    /// Newest first.
    pub reports: Vec<PageReport>,
    /// `gov-db check`'s findings on these reports.
    pub findings: Vec<Finding>,
    /// The trend view's chart for the agency (None: fewer than one report).
    pub trend: Option<Chart>,
    /// Per year of a report, newest first.
    pub peers: Vec<YearPeers>,
    /// A note on findings that are stale (the database could not be written to refresh them).
    pub stale_note: Option<String>,
}

/// One finding as `gov-db check` lists it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finding {
    pub id: String,
    pub severity: String,
    pub rule: String,
    pub year: i64,
    pub section: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub review: Option<String>,
    pub message: String,
}

impl Finding {
    /// The findings of `gov-db check`'s rows (columns [`FINDING_COLUMNS`]).
    pub fn from_rows(rows: &Rows) -> Vec<Finding> {
        let at = |name: &str| {
            let i = rows.columns.iter().position(|c| c == name);
            i.unwrap_or_else(|| panic!("check's rows have {name} ({FINDING_COLUMNS:?})"))
        };
        let text = |v: &SqlValue| match v {
            SqlValue::Null => None,
            SqlValue::Int(i) => Some(i.to_string()),
            SqlValue::Real(f) => Some(f.to_string()),
            SqlValue::Text(t) | SqlValue::Decimal(t) => Some(t.clone()).filter(|t| !t.is_empty()),
        };
        rows.rows
            .iter()
            .map(|r| Finding {
                id: text(&r[at("id")]).unwrap_or_default(),
                severity: text(&r[at("severity")]).unwrap_or_default(),
                rule: text(&r[at("rule")]).unwrap_or_default(),
                year: match r[at("year")] {
                    SqlValue::Int(y) => y,
                    _ => 0,
                },
                section: text(&r[at("section")]),
                row: text(&r[at("row")]),
                column: text(&r[at("column")]),
                expected: text(&r[at("expected")]),
                actual: text(&r[at("actual")]),
                review: text(&r[at("review")]),
                message: text(&r[at("message")]).unwrap_or_default(),
            })
            .collect()
    }

    /// `carry-over: … (expected 3, printed 5)`.
    fn summary(&self) -> String {
        let mut s = format!("[{}] {}: {}", self.severity, self.rule, self.message);
        match (&self.expected, &self.actual) {
            (Some(e), Some(a)) => write!(s, " (expected {e}, printed {a})"),
            (Some(e), None) => write!(s, " (expected {e})"),
            (None, Some(a)) => write!(s, " (printed {a})"),
            (None, None) => Ok(()),
        }
        .expect("a String takes it");
        if let Some(r) = &self.review {
            s.push_str(&format!(" · review: {r}"));
        }
        s
    }
}

/// The agency against its peers in one year: the agencies of its level nationally and of its
/// level in its province (None: no such group, its level or code being unknown).
#[derive(Clone, Debug)]
pub struct YearPeers {
    pub year: i64,
    pub national: Option<Standing>,
    pub provincial: Option<Standing>,
}

/// Text made safe for HTML, between tags and inside a quoted attribute alike.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The page's style: fonts by name (the CJK list the SVG charts name), the tables framed as
/// printed, findings in the colours of their severity.
const CSS: &str = include_str!("page.css");

/// The whole page.
pub fn html(page: &Page) -> String {
    let name = esc(&page.agency.name);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"gov-db {}\">\n\
         <title>{name} · 政府信息公开工作年度报告</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION")
    );
    header(&mut o, page);
    trend(&mut o, page);
    peers::peers(&mut o, page);
    for report in &page.reports {
        let findings: Vec<&Finding> = page
            .findings
            .iter()
            .filter(|f| f.year == report.year)
            .collect();
        tables::report_section(&mut o, &page.agency.name, report, &findings);
    }
    let _ = write!(
        o,
        "<footer><p>gov-db {} · {}</p></footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&crate::t!("page-footer"))
    );
    o
}

/// A level's Chinese name beside its code.
fn level_text(level: &str) -> String {
    let zh = match level {
        "central" => "中央",
        "provincial" => "省级",
        "prefecture" => "地市级",
        "county" => "县级",
        "township" => "乡镇级",
        _ => return esc(level),
    };
    format!("{zh}（{level}）")
}

fn header(o: &mut String, page: &Page) {
    let a = &page.agency;
    let _ = writeln!(
        o,
        "<header>\n<h1 id=\"agency\">{}</h1>\n<p class=\"lede\">{}</p>",
        esc(&a.name),
        esc(&crate::t!("page-lede"))
    );
    let mut facts = Vec::new();
    if let Some(code) = &a.region_code {
        let region = a
            .region
            .as_deref()
            .map(|r| format!("（{}）", esc(r)))
            .unwrap_or_default();
        facts.push(format!("行政区划代码 {}{region}", esc(code)));
    }
    if let Some(level) = &a.level {
        facts.push(format!("层级 {}", level_text(level)));
    }
    if !a.names.is_empty() {
        let names: Vec<String> = a.names.iter().map(|n| esc(n)).collect();
        facts.push(format!("其他名称 {}", names.join(" / ")));
    }
    let count = |s: &str| page.findings.iter().filter(|f| f.severity == s).count();
    facts.push(esc(&crate::t!(
        "page-facts",
        reports = page.reports.len(),
        errors = count("error"),
        warnings = count("warning"),
        notes = count("info")
    )));
    let _ = writeln!(o, "<p class=\"facts\">{}</p>", facts.join(" · "));
    if let Some(note) = &page.stale_note {
        let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(note));
    }
    let _ = write!(
        o,
        "<nav><a href=\"#trend\">{}</a> <a href=\"#peers\">{}</a>",
        esc(&crate::t!("page-trend")),
        esc(&crate::t!("page-peers"))
    );
    for r in &page.reports {
        let _ = write!(o, " <a href=\"#y{0}\">{0}年</a>", r.year);
    }
    let _ = writeln!(o, "</nav>\n</header>");
}

/// An SVG document of `chart::svg` as an element of the page (without its XML declaration).
fn inline_svg(chart: &Chart) -> String {
    let svg = chart::svg(chart);
    match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    }
}

fn trend(o: &mut String, page: &Page) {
    let _ = writeln!(
        o,
        "<section id=\"trend\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>",
        esc(&crate::t!("page-trend")),
        esc(&crate::t!("page-trend-note"))
    );
    match &page.trend {
        Some(c) => {
            let _ = writeln!(o, "<figure class=\"chart\">{}</figure>", inline_svg(c));
        }
        None => {
            let _ = writeln!(o, "<p>{}</p>", esc(&crate::t!("page-no-trend")));
        }
    }
    o.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("晋江市人民政府"), "晋江市人民政府");
        assert_eq!(esc("a\u{0}b\tc"), "a\u{FFFD}b\tc");
    }

    /// The page names the fonts the SVG charts name, in the same order.
    #[test]
    fn the_page_and_the_charts_name_the_same_fonts() {
        let body = CSS.split("body {").nth(1).unwrap();
        let list = body
            .split("font-family:")
            .nth(1)
            .unwrap()
            .split(';')
            .next()
            .unwrap();
        let page: Vec<String> = list
            .split(',')
            .map(|f| f.trim().trim_matches('"').to_string())
            .collect();
        let charts: Vec<&str> = chart::FONT.split(',').map(str::trim).collect();
        assert_eq!(page, charts);
    }
}
