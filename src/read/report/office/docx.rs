//! A Word document's own structure (WordprocessingML, the XML inside a `.docx`): paragraphs
//! in order (the title, the statistics period, the narrative) and tables as Word holds them,
//! rows (`w:tr`) of cells (`w:tc`) with their horizontal spans (`w:gridSpan`, and
//! `w:gridBefore` for a row that starts to the right) and vertical merges (`w:vMerge`). They
//! are handed to the table reader exactly as an HTML page's are (`page.rs`): a cell at its
//! grid column, a merged cell once, where it starts, with its place as `table T row R cell
//! C` (cells counted as Word shows them, a merged one once). A table holding tables is page
//! layout, as in HTML: its cells are read as text and the tables inside as tables.
//!
//! Only what Word shows is read: deleted revisions, field codes, hidden text and the
//! fallback copy of a drawing's text are not.

use super::zipped::{self, Archive};
use super::{OfficeError, Read};
use crate::read::report::detect::Format;
use crate::read::report::page::Builder;
use crate::read::report::token::Origin;
use quick_xml::events::{BytesStart, Event};

/// Elements nested deeper than this are refused: Word's own documents stay far below it
/// even with tables in tables, and a hostile one is stopped before it costs anything.
const MAX_DEPTH: usize = 1000;

enum Block {
    Para(String),
    Table(Table),
    /// A picture in the body (`a:blip r:embed`), by its relationship's id: a table pasted
    /// as a picture, read by OCR when the document's tables are not found in its text.
    Picture(String),
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

#[derive(Default)]
struct Row {
    /// Grid columns left empty before the first cell (`w:gridBefore`).
    before: u32,
    cells: Vec<Cell>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Merge {
    None,
    /// The first cell of a vertical merge.
    Restart,
    /// A cell merged into the one above: Word shows only the first.
    Continue,
}

struct Cell {
    span: u32,
    merge: Merge,
    blocks: Vec<Block>,
}

/// What is open while the XML is walked.
enum Open {
    Table(Table),
    Row(Row),
    Cell(Cell),
    Para(String),
}

/// Reads a `.docx` (or a file converted to one).
pub fn read(bytes: &[u8], format: Format) -> Result<Read, OfficeError> {
    read_with(bytes, format, &mut |_, _| {})
}

/// [`read`], each picture of the body put in the page by `picture` (its index among the
/// body's pictures, in order) where it stands.
pub fn read_with(
    bytes: &[u8],
    format: Format,
    picture: &mut dyn FnMut(usize, &mut Builder),
) -> Result<Read, OfficeError> {
    let mut zip = Archive::open(bytes)?;
    let (_, body) = body(&mut zip)?;
    let mut page = Builder::new();
    // The document's title property first, as a page's <title>: it often is the report's
    // title (a page saved as Word keeps its <title> there), and a line that is not one is
    // passed over when the title is looked for.
    if let Some(title) = core_title(&mut zip)? {
        page.line_only(&title);
    }
    let mut tables = 0;
    let mut seen = 0;
    emit(&body, &mut page, &mut tables, &mut |b| {
        picture(seen, b);
        seen += 1;
    });
    Ok(Read {
        format,
        encoding: "UTF-8",
        page: page.finish(),
        tables,
    })
}

/// The main part's name and its body as blocks.
fn body(zip: &mut Archive<'_>) -> Result<(String, Vec<Block>), OfficeError> {
    let part = zip
        .main_part()?
        .filter(|p| zip.has(p))
        .unwrap_or_else(|| "word/document.xml".to_string());
    if !zip.has(&part) {
        return Err(OfficeError::Refused(
            "a zip without word/document.xml: not a Word document".into(),
        ));
    }
    let xml = zip.part(&part)?;
    let body = parse(&xml, &part)?;
    Ok((part, body))
}

/// The bytes of each picture of the body, in order (a picture whose part is missing or
/// outside the file, an empty one), read within the archive's caps.
pub fn pictures(bytes: &[u8]) -> Result<Vec<Vec<u8>>, OfficeError> {
    let mut zip = Archive::open(bytes)?;
    let (part, body) = body(&mut zip)?;
    let mut ids = Vec::new();
    collect_pictures(&body, &mut ids);
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    // `word/document.xml`'s relationships are in `word/_rels/document.xml.rels`.
    let (dir, name) = part.rsplit_once('/').unwrap_or(("", part.as_str()));
    let rels_part = if dir.is_empty() {
        format!("_rels/{name}.rels")
    } else {
        format!("{dir}/_rels/{name}.rels")
    };
    let targets = if zip.has(&rels_part) {
        relationships(&zip.part(&rels_part)?)
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for id in ids {
        let target = targets.iter().find(|(i, _)| *i == id).map(|(_, t)| t);
        let path = target.map(|t| match t.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None if dir.is_empty() => t.clone(),
            None => format!("{dir}/{t}"),
        });
        out.push(match path {
            Some(p) if zip.has(&p) => zip.part(&p)?,
            _ => Vec::new(),
        });
    }
    Ok(out)
}

/// The body's pictures' relationship ids, in the order [`emit`] meets them.
fn collect_pictures(blocks: &[Block], ids: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Picture(id) => ids.push(id.clone()),
            Block::Table(t) if t.holds_tables() => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    collect_pictures(&cell.blocks, ids);
                }
            }
            _ => {}
        }
    }
}

/// (Id, Target) of each internal relationship in a `.rels` part.
fn relationships(xml: &[u8]) -> Vec<(String, String)> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let external = zipped::attr(&e, "TargetMode").as_deref() == Some("External");
                if let (false, Some(id), Some(target)) =
                    (external, zipped::attr(&e, "Id"), zipped::attr(&e, "Target"))
                {
                    out.push((id, target));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The title in the document's properties (`docProps/core.xml`), if it has one.
fn core_title(zip: &mut Archive<'_>) -> Result<Option<String>, OfficeError> {
    const CORE: &str = "docProps/core.xml";
    if !zip.has(CORE) {
        return Ok(None);
    }
    let xml = zip.part(CORE)?;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut in_title = false;
    let mut title = String::new();
    loop {
        // A broken properties part is no reason to refuse the document.
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => in_title = e.local_name().as_ref() == "title",
            Ok(Event::Text(t)) if in_title => title.push_str(&t.xml10_content()),
            Ok(Event::End(_)) if in_title => break,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    let title = title.trim();
    Ok((!title.is_empty()).then(|| title.to_string()))
}

/// The document's body as blocks: paragraphs and tables, in order.
fn parse(xml: &[u8], part: &str) -> Result<Vec<Block>, OfficeError> {
    let bad = |e: quick_xml::Error| OfficeError::Xml {
        part: part.to_string(),
        message: e.to_string(),
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut w = Walk::default();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(bad)?;
        match event {
            Event::Start(e) => {
                w.depth += 1;
                if w.depth > MAX_DEPTH {
                    return Err(OfficeError::TooDeep {
                        part: part.to_string(),
                        max: MAX_DEPTH,
                    });
                }
                if w.skip_from.is_none() {
                    w.start(&e);
                }
            }
            Event::Empty(e) if w.skip_from.is_none() => {
                w.start(&e);
                // An empty element has nothing to skip.
                w.skip_from = None;
                w.end(e.local_name().as_ref());
            }
            Event::End(e) => {
                if w.skip_from == Some(w.depth) {
                    w.skip_from = None;
                } else if w.skip_from.is_none() {
                    w.end(e.local_name().as_ref());
                }
                w.depth = w.depth.saturating_sub(1);
            }
            Event::Text(t) if w.in_text() => w.push_text(&t.xml10_content()),
            Event::CData(t) if w.in_text() => w.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if w.in_text() => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                if let Some(c) = c {
                    w.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // Whatever a broken file left open still counts, innermost first.
    while let Some(open) = w.stack.pop() {
        w.close(open);
    }
    Ok(w.body)
}

#[derive(Default)]
struct Walk {
    body: Vec<Block>,
    stack: Vec<Open>,
    depth: usize,
    /// The depth of an element whose content is not shown (deleted text, field codes…).
    skip_from: Option<usize>,
    /// Inside `w:t`, the only element whose text is the document's.
    text: bool,
    /// Inside `w:r`: a tab or break there is in the text (in `w:pPr` it is a tab stop).
    run: bool,
    /// The run's text is hidden (`w:vanish`).
    hidden: bool,
    /// The run is raised or lowered (`w:vertAlign`): a footnote mark, set apart by spaces
    /// from the text around it (`217` and a superscript `1` were read as 2171).
    raised: bool,
    /// Pictures met in the paragraph being read, put after it when it closes.
    pictures: Vec<String>,
}

impl Walk {
    fn in_text(&self) -> bool {
        self.text && !self.hidden && self.skip_from.is_none()
    }

    fn push_text(&mut self, s: &str) {
        if let Some(Open::Para(p)) = self.stack.last_mut() {
            p.push_str(s);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            "tbl" => self.stack.push(Open::Table(Table::default())),
            "tr" => self.stack.push(Open::Row(Row::default())),
            "tc" => self.stack.push(Open::Cell(Cell {
                span: 1,
                merge: Merge::None,
                blocks: Vec::new(),
            })),
            "p" => self.stack.push(Open::Para(String::new())),
            "r" => {
                self.run = true;
                self.hidden = false;
                self.raised = false;
            }
            "t" => self.text = true,
            "vertAlign" if self.run => {
                let raised = matches!(
                    zipped::attr(e, "val").as_deref(),
                    Some("superscript" | "subscript")
                );
                if raised && !self.raised {
                    self.push_text(" ");
                }
                self.raised |= raised;
            }
            "tab" if self.run => self.push_text("\t"),
            "br" | "cr" if self.run => self.push_text("\n"),
            "noBreakHyphen" if self.run => self.push_text("-"),
            "vanish" if self.run => {
                let off = matches!(
                    zipped::attr(e, "val").as_deref(),
                    Some("0" | "false" | "off")
                );
                self.hidden = !off;
            }
            "blip" => {
                if let Some(id) = zipped::attr(e, "embed") {
                    self.pictures.push(id);
                }
            }
            // A picture in Word's older drawing markup (VML: `w:pict/v:shape/v:imagedata
            // r:id`), which a range pasted from Excel as a metafile is often held in.
            "imagedata" => {
                if let Some(id) = zipped::attr(e, "id") {
                    self.pictures.push(id);
                }
            }
            "gridSpan" => {
                let n = number(e).unwrap_or(1).clamp(1, 1000);
                if let Some(Open::Cell(c)) = self.stack.last_mut() {
                    c.span = n;
                }
            }
            "vMerge" => {
                let restart = zipped::attr(e, "val").as_deref() == Some("restart");
                if let Some(Open::Cell(c)) = self.stack.last_mut() {
                    c.merge = if restart {
                        Merge::Restart
                    } else {
                        Merge::Continue
                    };
                }
            }
            "gridBefore" => {
                let n = number(e).unwrap_or(0).min(1000);
                if let Some(Open::Row(r)) = self.stack.last_mut() {
                    r.before = n;
                }
            }
            // Not shown: deleted or moved-away text, field instructions, the fallback copy
            // of content Word shows from its first choice, paragraph properties (their tab
            // stops are not tabs).
            "del" | "delText" | "moveFrom" | "instrText" | "delInstrText" | "Fallback" | "pPr" => {
                self.skip_from = Some(self.depth)
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        let closes = |o: &Open| {
            matches!(
                (o, name),
                (Open::Table(_), "tbl")
                    | (Open::Row(_), "tr")
                    | (Open::Cell(_), "tc")
                    | (Open::Para(_), "p")
            )
        };
        match name {
            "t" => self.text = false,
            "r" => {
                if self.raised {
                    self.push_text(" ");
                }
                self.run = false;
                self.hidden = false;
                self.raised = false;
            }
            // Close up to the element that ends (a broken file may leave some open).
            "tbl" | "tr" | "tc" | "p" if self.stack.iter().any(closes) => {
                while let Some(open) = self.stack.pop() {
                    let done = closes(&open);
                    self.close(open);
                    if done {
                        break;
                    }
                }
            }
            _ => {}
        }
    }

    /// Puts a finished element where it belongs: a paragraph or table in the innermost cell
    /// (or the body), a row in its table, a cell in its row.
    fn close(&mut self, open: Open) {
        let block = match open {
            Open::Row(r) => {
                if let Some(Open::Table(t)) = self.stack.last_mut() {
                    t.rows.push(r);
                }
                return;
            }
            Open::Cell(c) => {
                if let Some(Open::Row(r)) = self.stack.last_mut() {
                    r.cells.push(c);
                }
                return;
            }
            Open::Table(t) => Block::Table(t),
            Open::Para(p) => Block::Para(p),
        };
        // A paragraph inside a paragraph (a text box) is read after the text before it.
        let home = self.stack.iter_mut().rev().find_map(|o| match o {
            Open::Cell(c) => Some(&mut c.blocks),
            _ => None,
        });
        let is_para = matches!(block, Block::Para(_));
        let pictures = if is_para {
            std::mem::take(&mut self.pictures)
        } else {
            Vec::new()
        };
        let blocks = home.unwrap_or(&mut self.body);
        blocks.push(block);
        blocks.extend(pictures.into_iter().map(Block::Picture));
    }
}

fn number(e: &BytesStart<'_>) -> Option<u32> {
    zipped::attr(e, "val")?.trim().parse().ok()
}

impl Table {
    fn holds_tables(&self) -> bool {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .flat_map(|c| &c.blocks)
            .any(|b| matches!(b, Block::Table(_)))
    }
}

/// Blocks into the page: paragraphs as lines (a break in one starts a new line), tables as
/// tables, a table holding tables as text around its tables.
fn emit(
    blocks: &[Block],
    page: &mut Builder,
    tables: &mut u32,
    picture: &mut dyn FnMut(&mut Builder),
) {
    for b in blocks {
        match b {
            Block::Picture(_) => {
                page.flush();
                picture(page);
            }
            Block::Para(text) => {
                for line in text.split('\n') {
                    page.text(line);
                    page.flush();
                }
            }
            Block::Table(t) if t.holds_tables() => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    page.flush();
                    emit(&cell.blocks, page, tables, picture);
                }
            }
            Block::Table(t) => {
                *tables += 1;
                table(t, page);
            }
        }
    }
}

fn table(t: &Table, page: &mut Builder) {
    let n = page.table();
    // Grid columns where the previous row's cells start: a merged cell continues one of them.
    let mut above: Vec<u32> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        page.row();
        let mut col = row.before;
        let mut cell_no = 0;
        let mut starts = Vec::with_capacity(row.cells.len());
        for cell in &row.cells {
            let x = col;
            col = col.saturating_add(cell.span);
            starts.push(x);
            if cell.merge == Merge::Continue && above.contains(&x) {
                continue;
            }
            cell_no += 1;
            let origin = Origin::Cell {
                table: n,
                row: r as u32 + 1,
                cell: cell_no,
            };
            page.cell(&cell_text(&cell.blocks), origin, x);
        }
        above = starts;
    }
}

/// A cell's text on one line: its paragraphs, breaks and tabs become spaces (a number never
/// spans them), as an HTML cell's `<p>` and `<br>` do.
fn cell_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for b in blocks {
        if let Block::Para(p) = b {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(
                p.chars()
                    .map(|c| if c == '\n' || c == '\t' { ' ' } else { c }),
            );
        }
    }
    out
}

#[cfg(test)]
#[path = "docx_tests.rs"]
mod tests;
