//! Markdown from PDF-to-Markdown converters: pipe tables whose header rows are often
//! unlabeled or wrong (the converter guessed them), cells with `<br>` and `**`. Header rows
//! carry no meaning here: rows are found by their labels, cells by their position.

use super::text;
use super::token::{Kind, Origin, Tok};

/// Does this text hold a pipe table (a row, and a `|---|` separator under it)?
pub fn has_table(text: &str) -> bool {
    text.lines().any(|l| is_separator(l.trim()))
}

fn is_separator(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

pub fn tokens(md: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let lines: Vec<&str> = md.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let n = (i + 1) as u32;
        let t = line.trim();
        if is_separator(t) {
            continue;
        }
        if let Some(inner) = t.strip_prefix('|') {
            let inner = inner.strip_suffix('|').unwrap_or(inner);
            // A converter's header row (`Column1`, `列2`) names nothing: a cell of words and
            // digits there is all words. A header of bare numbers is a data row promoted.
            let header = lines.get(i + 1).is_some_and(|l| is_separator(l.trim()));
            for (j, cell) in inner.split('|').enumerate() {
                let cell = clean(cell);
                let mixed = cell.chars().any(|c| c.is_ascii_digit())
                    && cell
                        .chars()
                        .any(|c| !c.is_ascii_digit() && !c.is_whitespace() && c != '.');
                if header && mixed {
                    out.push(Tok {
                        kind: Kind::Label,
                        text: cell,
                        origin: Origin::Line(n),
                        row: n,
                        x: j as u32,
                        grid: true,
                        atomic: false,
                    });
                } else {
                    text::push_cell(&cell, Origin::Line(n), n, j as u32, &mut out);
                }
            }
            continue;
        }
        let t = t.trim_start_matches(['#', '>', ' ']);
        text::line_tokens(&clean(t), n, &mut out);
    }
    out
}

/// The text lines, without Markdown's marks, for finding the title.
pub fn lines(md: &str) -> Vec<String> {
    md.lines()
        .map(|l| clean(l.trim().trim_start_matches(['#', '>', ' '])))
        .collect()
}

fn clean(s: &str) -> String {
    s.replace("<br>", " ")
        .replace("<br/>", " ")
        .replace("<br />", " ")
        .replace("**", "")
        .replace("__", "")
        .replace("\\|", "|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_rows_become_grid_cells() {
        let md = "| 一 | 二 |\n|---|:--:|\n| （七）总计 | 23 |  |\n";
        assert!(has_table(md));
        let t = tokens(md);
        let row3: Vec<_> = t
            .iter()
            .filter(|t| t.row == 3)
            .map(|t| (t.kind, t.x))
            .collect();
        assert_eq!(row3, vec![(Kind::Label, 0), (Kind::Num, 1), (Kind::Pad, 2)]);
    }
}
