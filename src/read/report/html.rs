//! HTML pages as agencies publish them: Word exports (rowspan/colspan, `&nbsp;` padding,
//! `<o:p>` and nested spans), editor-made tables, blank cells, headers stacked one character
//! per line. Tables become grid rows (the grid column is the cell's position); the text
//! around them becomes lines, so headings and the title are found as in plain text
//! (`page.rs` makes that form, the one Word documents and workbooks are given in too).
//!
//! The tree is walked edge by edge (open, close) rather than by recursion, so a page's depth
//! never reaches the stack; how deep a page may nest at all is `nesting.rs`'s.

use super::nesting::{Nesting, TooDeep};
use super::page::{Builder, Page};
use super::token::Origin;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};
use std::collections::HashSet;

const BLOCKS: &[&str] = &[
    "td",
    "th",
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "tr",
    "table",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "center",
];
const SKIP: &[&str] = &[
    "script", "style", "head", "noscript", "template", "iframe", "svg", "button", "select",
    "option",
];

/// Does the page open `<html` and end before its `</html>`: cut short, as a download that
/// stopped leaves it?
pub(super) fn cut_short(html: &str) -> bool {
    let bytes = html.as_bytes();
    let at = |pat: &[u8]| {
        bytes
            .windows(pat.len())
            .position(|w| w.eq_ignore_ascii_case(pat))
    };
    at(b"<html").is_some_and(|open| {
        !bytes[open..]
            .windows(7)
            .any(|w| w.eq_ignore_ascii_case(b"</html>"))
    })
}

pub fn read(html: &str) -> Result<Page, TooDeep> {
    read_with(html, &mut |_, _| {})
}

/// Told of each `<img>` of a page as it is met, in document order: its `src`, and the page
/// as built so far (to put what the picture holds in its place).
pub type OnImage<'a> = dyn FnMut(&str, &mut Builder) + 'a;

/// [`read`], telling `on_image` of each picture where it stands.
pub fn read_with(html: &str, on_image: &mut OnImage<'_>) -> Result<Page, TooDeep> {
    let slim = slim(html)?;
    let doc = Html::parse_document(&slim);
    let mut w = Walker {
        page: Builder::new(),
        on_image,
    };
    // The <title> first: it often is the report's title, and is all some pages state.
    if let Some(title) = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "title")
    {
        w.page.line_only(&title.text().collect::<String>());
    }
    w.walk(doc.root_element());
    Ok(w.page.finish())
}

/// Tables holding tables: page layout (older sites frame the whole article in one), whose
/// cells are read as text and inner tables as tables. One pass: a table holds a table when
/// some table's nearest table above is it.
fn layout_tables(root: ElementRef<'_>) -> HashSet<ego_tree::NodeId> {
    let mut open: Vec<ego_tree::NodeId> = Vec::new();
    let mut layout = HashSet::new();
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) if is_element(n, "table") => {
                if let Some(outer) = open.last() {
                    layout.insert(*outer);
                }
                open.push(n.id());
            }
            Edge::Close(n) if is_element(n, "table") => {
                open.pop();
            }
            _ => {}
        }
    }
    layout
}

fn is_element(node: ego_tree::NodeRef<'_, Node>, name: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == name)
}

struct Walker<'a, 'b> {
    page: Builder,
    on_image: &'a mut OnImage<'b>,
}

impl Walker<'_, '_> {
    /// The text under `root` as lines, and its tables (those not holding tables) as rows.
    fn walk(&mut self, root: ElementRef<'_>) {
        let layout = layout_tables(root);
        // An element whose content is not walked (skipped, or a table read as a table).
        let mut inside: Option<ego_tree::NodeId> = None;
        for edge in root.traverse() {
            match edge {
                Edge::Open(n) if inside.is_none() && n.id() != root.id() => match n.value() {
                    Node::Text(t) => self.page.text(&t.text),
                    Node::Element(e) => {
                        let name = e.name();
                        if SKIP.contains(&name) {
                            inside = Some(n.id());
                        } else if name == "table" && !layout.contains(&n.id()) {
                            if let Some(table) = ElementRef::wrap(n) {
                                self.table(table);
                            }
                            inside = Some(n.id());
                        } else if BLOCKS.contains(&name) {
                            self.page.flush();
                        } else if name == "img"
                            && let Some(src) = e.attr("src")
                        {
                            self.page.flush();
                            (self.on_image)(src, &mut self.page);
                        }
                    }
                    _ => {}
                },
                Edge::Close(n) if inside == Some(n.id()) => inside = None,
                Edge::Close(n)
                    if inside.is_none()
                        && n.id() != root.id()
                        && n.value()
                            .as_element()
                            .is_some_and(|e| BLOCKS.contains(&e.name())) =>
                {
                    self.page.flush();
                }
                _ => {}
            }
        }
    }

    fn table(&mut self, table: ElementRef<'_>) {
        let t = self.page.table();
        // Rows of this table, not of a table nested in one of its cells.
        let mut rows = Vec::new();
        collect_rows(table, &mut rows);
        // Grid columns still taken by a cell spanning rows from above: column -> rows left.
        let mut taken: Vec<u32> = Vec::new();
        for (r, tr) in rows.iter().enumerate() {
            self.page.row();
            let mut col = 0usize;
            let mut cell_no = 0u32;
            for td in tr.children().filter_map(ElementRef::wrap) {
                let e = td.value();
                if e.name() != "td" && e.name() != "th" {
                    continue;
                }
                cell_no += 1;
                while taken.get(col).is_some_and(|n| *n > 0) {
                    col += 1;
                }
                let span = |a: &str| {
                    e.attr(a)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 1000)
                };
                let (cs, rs) = (span("colspan"), span("rowspan"));
                if taken.len() < col + cs {
                    taken.resize(col + cs, 0);
                }
                for slot in &mut taken[col..col + cs] {
                    *slot = rs as u32;
                }
                let mut text = String::new();
                cell_text(td, &mut text);
                let origin = Origin::Cell {
                    table: t,
                    row: r as u32 + 1,
                    cell: cell_no,
                };
                self.page.cell(&text, origin, col as u32);
                col += cs;
            }
            for n in &mut taken {
                *n = n.saturating_sub(1);
            }
        }
    }
}

/// The page without what cannot hold a number or a label (scripts, styles, comments, and
/// every attribute but the spans): Word exports are mostly inline styles, and the parser's
/// time grows with the bytes it is given.
fn slim(html: &str) -> Result<String, TooDeep> {
    slim_counting(html, &mut Nesting::default())
}

/// [`slim`], counting the depth of the tags it keeps in `nesting`.
pub(super) fn slim_counting(html: &str, nesting: &mut Nesting) -> Result<String, TooDeep> {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 3);
    let mut name = String::with_capacity(16);
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        push_text(&mut out, &html[text_from..lt]);
        if html[lt..].starts_with("<!--") {
            i = html[lt..].find("-->").map_or(html.len(), |e| lt + e + 3);
            text_from = i;
            continue;
        }
        // The tag's end, skipping quoted attribute values.
        let mut j = lt + 1;
        let mut quote = 0u8;
        while j < b.len() {
            match (quote, b[j]) {
                (0, b'"' | b'\'') => quote = b[j],
                (0, b'>') => break,
                (q, c) if q != 0 && c == q => quote = 0,
                _ => {}
            }
            j += 1;
        }
        let tag = &html[lt + 1..j.min(html.len())];
        i = (j + 1).min(html.len());
        text_from = i;
        let closing = tag.starts_with('/');
        name.clear();
        name.extend(
            tag.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '!')
                .map(|c| c.to_ascii_lowercase()),
        );
        if name.is_empty() {
            out.push_str("&lt;");
            i = lt + 1;
            text_from = i;
            continue;
        }
        if !closing && matches!(name.as_str(), "script" | "style") {
            i = closing_tag(html, i, &name);
            text_from = i;
            continue;
        }
        // A picture keeps its source: a table may be published as one.
        if name == "img" {
            if !closing && let Some(src) = attr_text(tag, "src") {
                out.push_str("<img src=\"");
                for c in src.chars() {
                    match c {
                        '&' => out.push_str("&amp;"),
                        '"' => out.push_str("&quot;"),
                        '<' => out.push_str("&lt;"),
                        c => out.push(c),
                    }
                }
                out.push_str("\">");
            }
            continue;
        }
        // A superscript or subscript (a footnote mark) is set apart from the text around
        // it: `217<sup>1</sup>` was read as 2171.
        if matches!(name.as_str(), "sup" | "sub") {
            out.push(' ');
            continue;
        }
        // Inline formatting says nothing about the table; the parser need not see it.
        if INLINE.contains(&name.as_str()) {
            continue;
        }
        if closing {
            nesting.end(&name);
        } else if !nesting.start(&name) {
            let line = html[..lt].bytes().filter(|c| *c == b'\n').count() + 1;
            return Err(TooDeep { line });
        }
        out.push('<');
        if closing {
            out.push('/');
        }
        out.push_str(&name);
        if !closing && matches!(name.as_str(), "td" | "th") {
            for attr in ["rowspan", "colspan"] {
                if let Some(v) = attr_value(tag, attr) {
                    out.push(' ');
                    out.push_str(attr);
                    out.push_str("=\"");
                    out.push_str(&v);
                    out.push('"');
                }
            }
        }
        out.push('>');
    }
    push_text(&mut out, &html[text_from.min(html.len())..]);
    Ok(out)
}

/// Text between tags, with runs of ASCII white space (insignificant in HTML) cut to one.
fn push_text(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push(c);
            space = false;
        }
    }
}

const INLINE: &[&str] = &[
    "span",
    "font",
    "o:p",
    "b",
    "i",
    "u",
    "em",
    "strong",
    "a",
    "sup",
    "sub",
    "small",
    "big",
    "ins",
    "del",
    "s",
    "strike",
    "label",
    "abbr",
    "input",
    "w:sdt",
    "w:sdtpr",
    "st1:chsdate",
    "code",
    "mark",
    "nobr",
    "wbr",
];

/// Where the element opened before `from` ends: past its closing tag, in any case.
fn closing_tag(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(p) = html[i..].find("</") {
        let at = i + p + 2;
        if b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return html[at..].find('>').map_or(html.len(), |g| at + g + 1);
        }
        i = at;
    }
    html.len()
}

/// A numeric attribute's value in a tag's text, however it is quoted or cased.
fn attr_value(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if before_ok && let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start().trim_start_matches(['"', '\'']);
            let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                return Some(digits);
            }
        }
    }
    None
}

/// A text attribute's value in a tag's text (`src="a b.png"`, `src='x'`, `src=x`), as
/// written, its character references decoded.
pub(super) fn attr_text(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = tag[from..].trim_start();
        if before_ok && let Some(v) = rest.strip_prefix('=') {
            let v = v.trim_start();
            let raw = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or(""),
                _ => v
                    .split(|c: char| c.is_ascii_whitespace() || c == '/')
                    .next()
                    .unwrap_or(""),
            };
            let text = Html::parse_fragment(raw).root_element().text().collect();
            return Some(text);
        }
    }
    None
}

/// The rows of a table, not of a table nested in one of its cells.
fn collect_rows<'a>(table: ElementRef<'a>, out: &mut Vec<ElementRef<'a>>) {
    // A row, or a nested table, whose content is not looked into.
    let mut inside: Option<ego_tree::NodeId> = None;
    for edge in table.traverse() {
        match edge {
            Edge::Open(n) if inside.is_none() && n.id() != table.id() => {
                if let Some(e) = ElementRef::wrap(n) {
                    match e.value().name() {
                        "tr" => {
                            out.push(e);
                            inside = Some(n.id());
                        }
                        "table" => inside = Some(n.id()),
                        _ => {}
                    }
                }
            }
            Edge::Close(n) if inside == Some(n.id()) => inside = None,
            _ => {}
        }
    }
}

/// A cell's text; line breaks inside it become spaces (a number never spans them).
fn cell_text(cell: ElementRef<'_>, out: &mut String) {
    let mut skipped: Option<ego_tree::NodeId> = None;
    let block = |n: ego_tree::NodeRef<'_, Node>| {
        n.value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "br" | "p" | "div"))
    };
    for edge in cell.traverse() {
        match edge {
            Edge::Open(n) if skipped.is_none() && n.id() != cell.id() => match n.value() {
                Node::Text(t) => out.push_str(&t.text),
                Node::Element(e) if SKIP.contains(&e.name()) => skipped = Some(n.id()),
                Node::Element(_) if block(n) => out.push(' '),
                _ => {}
            },
            Edge::Close(n) if skipped == Some(n.id()) => skipped = None,
            Edge::Close(n) if skipped.is_none() && n.id() != cell.id() && block(n) => {
                out.push(' ');
            }
            _ => {}
        }
    }
}

#[cfg(test)]
#[path = "html_oracle.rs"]
mod oracle;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::report::token::Kind;

    #[test]
    fn spans_put_cells_in_their_grid_columns() {
        let page = read(
            "<table><tr><td rowspan=2>三</td><td colspan=2>（一）予以公开</td><td>7</td><td>&nbsp;</td></tr>\
             <tr><td>1.</td><td>国家秘密</td><td>0</td><td>—</td></tr></table>",
        )
        .unwrap();
        let got: Vec<_> = page
            .tokens
            .iter()
            .map(|t| (t.kind, t.text.as_str(), t.x))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Label, "三", 0),
                (Kind::Label, "（一）予以公开", 1),
                (Kind::Num, "7", 3),
                (Kind::Pad, "", 4),
                (Kind::Label, "1.", 1),
                (Kind::Label, "国家秘密", 2),
                (Kind::Num, "0", 3),
                (Kind::Blank, "—", 4),
            ]
        );
        assert_eq!(page.tokens[2].origin.to_string(), "table 1 row 1 cell 3");
    }

    #[test]
    fn each_picture_is_told_where_it_stands() {
        let html = "<p>二、主动公开</p><p><IMG class=x SRC='表 二.png?v=1&amp;x' /></p>\
                    <img alt=a><p>三、收到</p><img src=t3.png>";
        let mut seen = Vec::new();
        let page = read_with(html, &mut |src, b| {
            seen.push((src.to_string(), b.last_line().map(str::to_string)));
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                (
                    "表 二.png?v=1&x".to_string(),
                    Some("二、主动公开".to_string())
                ),
                ("t3.png".to_string(), Some("三、收到".to_string())),
            ]
        );
        assert_eq!(page.lines, ["二、主动公开", "三、收到"]);
    }

    #[test]
    fn slim_keeps_spans_and_text_only() {
        let s = slim(
            "<TD style=\"a>b\" ROWSPAN='3' colspan=2 class=x>1<!-- c --></TD><script>if (a<b) x()</script>",
        )
        .unwrap();
        assert_eq!(s, "<td rowspan=\"3\" colspan=\"2\">1</td>");
    }

    #[test]
    fn a_layout_table_around_the_article_is_read_as_text() {
        let page = read(
            "<table><tr><td><p>三、收到和处理</p><table><tr><td>（七）总计</td><td>23</td></tr></table></td></tr></table>",
        )
        .unwrap();
        let got: Vec<_> = page
            .tokens
            .iter()
            .map(|t| (t.kind, t.text.as_str(), t.origin.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Kind::Label, "三、收到和处理", "line 1".to_string()),
                (
                    Kind::Label,
                    "（七）总计",
                    "table 1 row 1 cell 1".to_string()
                ),
                (Kind::Num, "23", "table 1 row 1 cell 2".to_string()),
            ]
        );
    }

    #[test]
    fn text_around_tables_becomes_lines() {
        let page = read(
            "<html><head><title>T</title></head><body><p>二、主动<span>公开</span></p><p>x</p></body></html>",
        )
        .unwrap();
        assert_eq!(page.lines, vec!["T", "二、主动公开", "x"]);
    }
}
