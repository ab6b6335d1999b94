//! Plain text as reports are found: copied from a web page (tab-separated cells), extracted
//! from a PDF (`pdftotext -layout`, pypdf: space-aligned columns, page numbers inside tables),
//! or flattened with every cell run together. All of it becomes one token stream.

use super::token::{self, Kind, Origin, Tok};

/// Is this line a page number or running footer that a PDF put inside a table?
pub fn is_page_furniture(line: &str) -> bool {
    let t: String = line
        .chars()
        .map(token::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return false;
    }
    let dashes = |c: char| matches!(c, '-' | '—' | '–' | '_' | '·');
    // - 3 -, -3-, — 3 —, 第 3 页, 第3页共6页, 3/6
    let inner = t.trim_matches(dashes);
    if t.starts_with(dashes)
        && t.ends_with(dashes)
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit())
        && inner.len() <= 3
    {
        return true;
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let after = &rest[digits.len()..];
            let of_total = after
                .strip_prefix('页')
                .map(|r| r.trim_start_matches(['/', ',', '，', '、']))
                .and_then(|r| r.strip_prefix('共'))
                .and_then(|r| r.strip_suffix('页'))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            if after == "页" || of_total {
                return true;
            }
        }
    }
    if let Some((a, b)) = t.split_once('/')
        && !a.is_empty()
        && !b.is_empty()
        && a.len() <= 3
        && b.len() <= 3
        && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    {
        return true;
    }
    false
}

/// Tokenizes a whole text. Lines with tabs are delimited table rows (the field index is the
/// column); other lines are space-aligned or free text.
pub fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(text.len() / 8);
    let lines: Vec<&str> = text.lines().collect();
    let skip = bare_page_numbers(&lines);
    for (i, line) in lines.iter().enumerate() {
        if skip.contains(&i) {
            continue;
        }
        let n = (i + 1) as u32;
        line_tokens(line, n, &mut out);
    }
    out
}

/// Lines that are only a number right before or after a page break (the form feed
/// `pdftotext` writes): page numbers, not cells.
fn bare_page_numbers(lines: &[&str]) -> Vec<usize> {
    let bare = |l: &str| {
        let t = l.trim_matches(|c: char| c.is_whitespace() || c == '\u{c}');
        !t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit())
    };
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !l.starts_with('\u{c}') {
            continue;
        }
        let before = (0..i).rev().find(|j| !lines[*j].trim().is_empty());
        let after = (i..lines.len()).find(|j| {
            !lines[*j]
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{c}')
                .is_empty()
        });
        out.extend(
            [before, after]
                .into_iter()
                .flatten()
                .filter(|j| bare(lines[*j])),
        );
    }
    out
}

/// Tokenizes one line numbered `n` (1-based), skipping page furniture.
pub fn line_tokens(line: &str, n: u32, out: &mut Vec<Tok>) {
    if line.trim().is_empty() || is_page_furniture(line) {
        return;
    }
    if line.contains('\t') {
        let fields: Vec<&str> = line.split('\t').collect();
        // A trailing run of empty fields is the editor's, not the table's.
        let used = fields
            .iter()
            .rposition(|f| !f.trim().is_empty())
            .map_or(0, |p| p + 1);
        for (j, field) in fields[..used].iter().enumerate() {
            push_cell(field, Origin::Line(n), n, j as u32, out);
        }
    } else {
        token::tokenize(line, Origin::Line(n), n, None, out);
    }
}

/// Tokenizes one delimited cell: empty is a pad, one number alone is atomic.
/// A count with its unit in a cell of its own (`12件`, `1,234件`, `5人次`), as the number's
/// text, its sign kept: `-5件` and `1,234件` were read as words and the cell stored as blank,
/// and `1,23件` as 1, exit 0. Digits grouped other than by thousands are given as printed,
/// for the cell to be refused as not a whole number; a negative is refused as such.
fn count_with_unit(folded: &str) -> Option<String> {
    let n = folded
        .strip_suffix("人次")
        .or_else(|| folded.strip_suffix(['件', '个', '项', '条', '次', '人']))?;
    let (sign, digits) = n.strip_prefix('-').map_or(("", n), |d| ("-", d));
    if !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '，' | '.'))
    {
        return None;
    }
    let mut groups = digits.split([',', '，']);
    let first = groups.next().unwrap_or_default();
    let thousands = first.len() <= 3 && groups.all(|g| g.len() == 3);
    let plain: String = digits
        .chars()
        .filter(|c| !matches!(c, ',' | '，'))
        .collect();
    if !thousands || plain.contains('.') {
        return Some(format!("{sign}{digits}"));
    }
    token::valid_single(&plain).then(|| format!("{sign}{plain}"))
}

pub fn push_cell(text: &str, origin: Origin, row: u32, x: u32, out: &mut Vec<Tok>) {
    if text.chars().all(|c| token::fold_char(c).is_whitespace()) {
        out.push(Tok {
            kind: Kind::Pad,
            text: String::new(),
            origin,
            row,
            x,
            grid: true,
            atomic: true,
        });
        return;
    }
    let before = out.len();
    // A count with its unit in a cell of its own (`12件`) is the count.
    let folded: String = text
        .chars()
        .map(token::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some(n) = count_with_unit(&folded) {
        out.push(Tok {
            kind: Kind::Num,
            text: n,
            origin,
            row,
            x,
            grid: true,
            atomic: true,
        });
        return;
    }
    token::tokenize(text, origin, row, Some(x), out);
    // A cell holding exactly one number is that number, whatever its padding.
    if out.len() == before + 1
        && out[before].kind == Kind::Num
        && token::valid_single(&out[before].text)
    {
        out[before].atomic = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_furniture() {
        for l in [
            "- 3 -",
            "-3-",
            "  — 12 —  ",
            "第 3 页",
            "第3页共6页",
            "第 3 页 / 共 6 页",
            "3/6",
            "·3·",
        ] {
            assert!(is_page_furniture(l), "{l}");
        }
        for l in ["3", "-3", "规章 1 0 11", "2024-2025"] {
            assert!(!is_page_furniture(l), "{l}");
        }
    }

    #[test]
    fn a_cell_with_its_unit_is_its_count() {
        let mut out = Vec::new();
        push_cell(" 12 件", Origin::Line(1), 1, 4, &mut out);
        assert_eq!(
            (out[0].kind, out[0].text.as_str(), out[0].atomic),
            (Kind::Num, "12", true)
        );
    }

    #[test]
    fn tab_rows_keep_field_positions() {
        let t = tokens("一、本年新收\t\t\t203\t\t0\n");
        let got: Vec<_> = t.iter().map(|t| (t.kind, t.x)).collect();
        assert_eq!(
            got,
            vec![
                (Kind::Label, 0),
                (Kind::Pad, 1),
                (Kind::Pad, 2),
                (Kind::Num, 3),
                (Kind::Pad, 4),
                (Kind::Num, 5)
            ]
        );
    }
}
