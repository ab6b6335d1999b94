//! One agency on one HTML page that a person can open anywhere and send on (`gov-db page`):
//! its reports' three tables laid out as the templates print them (from `layout`), each number
//! with where it was read, `check`'s findings marked on the cells they are about, the trend
//! charts and the agency beside its peers.
//!
//! The page is self-contained: CSS inline, charts as inline SVG (drawn by `chart`, text as
//! `<text>` in the same CJK font list), no script, nothing fetched. Everything that comes from
//! a report or the database (names, sources, messages) goes through [`esc`], so that a name
//! like `<script>` is text on the page and never markup.

use crate::chart::{self, Bar, BarGroup, Chart};
use crate::contract::{Section, Template};
use crate::layout::{self, Content, Table};
use crate::peers::{QUANTILES, Standing};
use crate::store::{FINDING_COLUMNS, PageAgency, PageCell, PageReport, Rows, SqlValue};
use std::collections::HashMap;
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
    peers(&mut o, page);
    for report in &page.reports {
        let findings: Vec<&Finding> = page
            .findings
            .iter()
            .filter(|f| f.year == report.year)
            .collect();
        report_section(&mut o, &page.agency.name, report, &findings);
    }
    let _ = write!(
        o,
        "<footer><p>gov-db {} · 数字取自所列来源；悬停任一数字可见其读取位置（行号或网页表格的行与格）。\
         Every number shows where it was read when pointed at.</p></footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
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
        "<header>\n<h1 id=\"agency\">{}</h1>\n<p class=\"lede\">政府信息公开工作年度报告 · \
         Government information disclosure annual reports</p>",
        esc(&a.name)
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
    facts.push(format!(
        "{} 份报告 · check: {} errors, {} warnings, {} notes",
        page.reports.len(),
        count("error"),
        count("warning"),
        count("info")
    ));
    let _ = writeln!(o, "<p class=\"facts\">{}</p>", facts.join(" · "));
    if let Some(note) = &page.stale_note {
        let _ = writeln!(o, "<p class=\"note\">{}</p>", esc(note));
    }
    let _ = write!(
        o,
        "<nav><a href=\"#trend\">趋势 Trend</a> <a href=\"#peers\">同级比较 Peers</a>"
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
        "<section id=\"trend\">\n<h2>趋势 Trend</h2>\n<p class=\"note\">requests = 本年新收 + \
         上年结转; resolution_rate = 办结 ÷ requests; disclosure_rate = (予以公开 + 部分公开) ÷ 办结 \
         (sql/trend.sql).</p>"
    );
    match &page.trend {
        Some(c) => {
            let _ = writeln!(o, "<figure class=\"chart\">{}</figure>", inline_svg(c));
        }
        None => o.push_str("<p>No report to draw.</p>\n"),
    }
    o.push_str("</section>\n");
}

/// The compare view's columns as a reader knows them.
fn metric_label(metric: &str) -> &'static str {
    match metric {
        "requests" => "申请数（本年新收 + 上年结转）requests",
        "processed" => "办结数（三（七）总计）processed",
        "resolution_rate_of_requests" => "办结率 resolution rate",
        "disclosure_rate_of_processed" => "公开率（予以公开 + 部分公开）disclosure rate",
        "withheld_rate_of_processed" => "不予公开率 withheld rate",
        "correction_rate_of_decided" => "纠错率（复议、诉讼）correction rate",
        _ => "",
    }
}

fn is_rate(metric: &str) -> bool {
    metric.contains("_rate")
}

fn number_text(v: Option<f64>, rate: bool) -> String {
    match v {
        None => "–".into(),
        Some(f) if rate => format!("{:.1}%", f * 100.0),
        Some(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Some(f) => format!("{f:.1}"),
    }
}

fn peers(o: &mut String, page: &Page) {
    let _ = writeln!(
        o,
        "<section id=\"peers\">\n<h2>同级比较 Peers</h2>\n<p class=\"note\">The agencies with a \
         report the same year at the same level, nationally and in the same province. \
         Percentile: the share of peers with a lower value (ties count half), 0–100; P25/P50/P75 \
         interpolated between the sorted values (src/peers.rs, sql/compare.sql).</p>"
    );
    for (k, y) in page.peers.iter().enumerate() {
        let _ = writeln!(o, "<h3>{}年</h3>", y.year);
        let groups = [
            ("全国同级 nationally", &y.national),
            ("省内同级 in the province", &y.provincial),
        ];
        if groups.iter().all(|(_, g)| g.is_none()) {
            o.push_str("<p>No peer group: the agency's level or region code is unknown.</p>\n");
            continue;
        }
        let _ = write!(
            o,
            "<table class=\"peers\" data-year=\"{}\">\n<thead><tr><th rowspan=\"2\">指标 metric</th>\
             <th rowspan=\"2\">本机关 this agency</th>",
            y.year
        );
        for (label, g) in &groups {
            let what = match g {
                Some(s) => format!("{label}: {} (n={})", esc(&s.group), s.members),
                None => format!("{label}: –"),
            };
            let _ = write!(o, "<th colspan=\"4\">{what}</th>");
        }
        o.push_str("</tr>\n<tr>");
        for _ in &groups {
            o.push_str("<th>percentile</th>");
            for (q, _) in QUANTILES {
                let _ = write!(o, "<th>{q}</th>");
            }
        }
        o.push_str("</tr></thead>\n<tbody>\n");
        let metrics = groups
            .iter()
            .find_map(|(_, g)| g.as_ref())
            .map(|s| s.metrics.clone())
            .unwrap_or_default();
        for (i, m) in metrics.iter().enumerate() {
            let rate = is_rate(&m.metric);
            let _ = write!(
                o,
                "<tr data-metric=\"{0}\"><th scope=\"row\">{1} <code>{0}</code></th><td class=\"num\">{2}</td>",
                esc(&m.metric),
                metric_label(&m.metric),
                number_text(m.value, rate)
            );
            for (_, g) in &groups {
                match g.as_ref().and_then(|s| s.metrics.get(i)) {
                    Some(s) => {
                        let pct = s.percentile.map_or("–".into(), |p| format!("{p:.0}"));
                        let _ = write!(o, "<td class=\"num\">{pct}</td>");
                        for q in s.quartiles {
                            let _ = write!(o, "<td class=\"num\">{}</td>", number_text(q, rate));
                        }
                    }
                    None => o.push_str(&"<td class=\"num\">–</td>".repeat(4)),
                }
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table>\n");
        // One chart, for the newest year: the tables give every year's figures.
        if let Some(c) = peer_chart(page, y).filter(|_| k == 0) {
            let _ = writeln!(o, "<figure class=\"chart\">{}</figure>", inline_svg(&c));
        }
    }
    o.push_str("</section>\n");
}

/// The rates of one year as bars: the agency, then its groups' quartiles in grey.
fn peer_chart(page: &Page, y: &YearPeers) -> Option<Chart> {
    let first = y.national.as_ref().or(y.provincial.as_ref())?;
    let groups = first
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| is_rate(&m.metric))
        .map(|(i, m)| {
            let mut bars = vec![Bar {
                label: page.agency.name.clone(),
                value: m.value,
                reference: false,
            }];
            for (scope, s) in [("全国同级", &y.national), ("省内同级", &y.provincial)] {
                let Some(s) = s.as_ref().and_then(|s| s.metrics.get(i)) else {
                    continue;
                };
                for ((q, _), v) in QUANTILES.iter().zip(s.quartiles) {
                    bars.push(Bar {
                        label: format!("{q} · {scope}"),
                        value: v,
                        reference: true,
                    });
                }
            }
            BarGroup {
                title: format!("{} · {}", m.metric, y.year),
                bars,
                rate: true,
            }
        })
        .collect();
    Some(Chart::Bars {
        title: format!(
            "{}: the agency beside its peers' P25/P50/P75 (grey)",
            y.year
        ),
        groups,
    })
}

/// The template's notice, as a report cites it.
fn notice(t: Template) -> &'static str {
    match t {
        Template::T2019 => "国办公开办函〔2019〕60号",
        Template::T2021 => "国办公开办函〔2021〕30号",
    }
}

fn report_section(o: &mut String, agency: &str, report: &PageReport, findings: &[&Finding]) {
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
        o.push_str("<h3>关于整份报告的检查结果 Findings about the whole report</h3>\n");
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
                " <span class=\"numbers\">expected <b>{}</b>, printed <b>{}</b></span>",
                esc(e.as_deref().unwrap_or("–")),
                esc(a.as_deref().unwrap_or("–"))
            ),
        };
        let review = f
            .review
            .as_deref()
            .map(|r| format!(" <span class=\"review\">review: {}</span>", esc(r)))
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
            title.push("not in this report's template".to_string());
            String::new()
        }
        Some(SqlValue::Null) => {
            class.push("blank");
            title.push("left blank in the report".to_string());
            String::new()
        }
        Some(SqlValue::Int(i)) => i.to_string(),
        Some(SqlValue::Real(f)) => f.to_string(),
        Some(SqlValue::Text(t) | SqlValue::Decimal(t)) => t.clone(),
    };
    let origin = cell.and_then(|c| c.origin.as_deref());
    if cell.is_some() {
        title.push(match (marks.source, origin) {
            ("", Some(at)) => format!("read at {at}"),
            ("", None) => "source unknown".to_string(),
            (s, Some(at)) => format!("{s}: {at}"),
            (s, None) => format!("{s} (canonical CSV: no place within the file)"),
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

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(esc("晋江市人民政府"), "晋江市人民政府");
        assert_eq!(esc("a\u{0}b\tc"), "a\u{FFFD}b\tc");
    }
}
