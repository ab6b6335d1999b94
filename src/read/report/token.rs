//! The one shape every format is reduced to: a stream of label text, numbers and blank cells,
//! each with the place it was printed. Text, HTML, Markdown and PDF differ only in how they
//! produce this stream; finding the tables in it is done once, in `table.rs`.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Words: row and column labels, headings, prose.
    Label,
    /// Digits as printed, possibly several numbers run together.
    Num,
    /// A cell marked empty on purpose: `/`, `—`, `-`, `无`.
    Blank,
    /// An empty cell of a table whose cells are delimited (HTML, tabs, Markdown): either a blank
    /// value or padding left by a spanning label; only its position can tell.
    Pad,
}

/// Where a token was printed, in the terms a reader of the source would use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Line(u32),
    Cell {
        table: u32,
        row: u32,
        cell: u32,
    },
    /// A workbook's cell: the sheet in tab order, the row and column numbers as the
    /// spreadsheet shows them (column C is cell 3), counted from 1.
    Sheet {
        sheet: u32,
        row: u32,
        cell: u32,
    },
    /// A cell of a scanned table read by OCR: the page (from 1), the cell's box in pixels on
    /// the straightened 300 dpi page, and Tesseract's confidence in what was read (0–100).
    Scan {
        page: u32,
        x: u32,
        y: u32,
        w: u32,
        h: u32,
        conf: u8,
        /// Which of Tesseract's readings of a doubtful cell the table's identities chose (from
        /// 1), of how many; 0 of 0 for a cell read for sure.
        alt: u8,
        alts: u8,
    },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Line(n) => write!(f, "line {n}"),
            Origin::Cell { table, row, cell } => write!(f, "table {table} row {row} cell {cell}"),
            Origin::Sheet { sheet, row, cell } => write!(f, "sheet {sheet} row {row} cell {cell}"),
            Origin::Scan {
                page,
                x,
                y,
                w,
                h,
                conf,
                alt,
                alts,
            } => {
                write!(f, "page {page} cell ({x},{y},{w},{h}) OCR conf {conf}")?;
                if *alt > 0 {
                    write!(
                        f,
                        ", not sure: Tesseract's reading {alt} of {alts}, the one that meets the identities"
                    )?;
                }
                Ok(())
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: Kind,
    pub text: String,
    pub origin: Origin,
    /// The physical row (text line or table row) the token belongs to.
    pub row: u32,
    /// Horizontal position: the grid column of a delimited table, or the character column of
    /// the token's centre in space-aligned text. Used to place numbers when blanks leave a row
    /// short.
    pub x: u32,
    /// Whether `x` is an exact grid column (delimited tables) rather than a character position.
    pub grid: bool,
    /// A number that stands alone (white space or a cell boundary on both sides): it is one
    /// number, never several run together.
    pub atomic: bool,
}

/// Characters as printed in Chinese documents folded to the ASCII forms the tokenizer knows.
pub fn fold_char(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '－' | '−' => '-',
        '／' => '/',
        '\u{a0}' | '\u{3000}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{200b}' | '\u{feff}' => {
            ' '
        }
        // Table rules drawn with characters (lynx, w3m, plain-text exports) separate cells.
        '|' | '│' | '┃' | '║' | '¦' | '┆' | '┊' => ' ',
        _ => c,
    }
}

fn is_blank_marker(word: &str) -> bool {
    matches!(
        word,
        "/" | "\\"
            | "-"
            | "--"
            | "---"
            | "—"
            | "——"
            | "–"
            | "－"
            | "一一"
            | "无"
            | "空"
            | "×"
            | "╱"
    )
}

/// Characters that, right after digits, show the digits are prose (`2024年`, `3件`, `100%`).
fn is_prose_unit(c: char) -> bool {
    matches!(
        c,
        '年' | '月'
            | '日'
            | '号'
            | '件'
            | '条'
            | '个'
            | '项'
            | '次'
            | '人'
            | '余'
            | '%'
            | '％'
            | '‰'
            | '家'
            | '期'
            | '场'
            | '篇'
            | '份'
            | '名'
            | '天'
            | '页'
            | '位'
            | '批'
            | '类'
            | '部'
            | '章'
    )
}

fn is_ascii_wordish(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '-' | '/' | ':' | '_' | '@' | '#' | '&' | '=' | '+')
}

/// Cuts one line (or one table cell) into tokens. `x_of` maps a character column of the line
/// to the token's `x`; `grid` says whether that is a delimited cell.
pub fn tokenize(line: &str, origin: Origin, row: u32, grid_x: Option<u32>, out: &mut Vec<Tok>) {
    let chars: Vec<char> = line.chars().map(fold_char).collect();
    let whole_cell = grid_x.is_some();
    let push =
        |out: &mut Vec<Tok>, kind: Kind, text: String, start: usize, end: usize, atomic: bool| {
            let x = grid_x.unwrap_or(((start + end) / 2) as u32);
            // Consecutive label pieces of one line are one label.
            if kind == Kind::Label
                && let Some(last) = out.last_mut()
                && last.kind == Kind::Label
                && last.row == row
                && last.origin == origin
            {
                last.text.push(' ');
                last.text.push_str(&text);
                return;
            }
            out.push(Tok {
                kind,
                text,
                origin,
                row,
                x,
                grid: whole_cell,
                atomic,
            });
        };
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let word = &chars[start..i];
        let word_str: String = word.iter().collect();
        if is_blank_marker(&word_str) {
            push(out, Kind::Blank, word_str, start, i, true);
            continue;
        }
        split_word(word, start, &mut |kind, text, s, e, atomic| {
            push(out, kind, text, s, e, atomic)
        });
    }
}

/// Splits a word with no white space into label and number pieces: `（七）总计23` is a label
/// and a number, `00000002.其他` is a number and the numbering of the next label.
fn split_word(
    word: &[char],
    offset: usize,
    emit: &mut dyn FnMut(Kind, String, usize, usize, bool),
) {
    let n = word.len();
    let mut label = String::new();
    let mut label_start = offset;
    let mut i = 0;
    let flush_label =
        |label: &mut String,
         label_start: usize,
         end: usize,
         emit: &mut dyn FnMut(Kind, String, usize, usize, bool)| {
            if !label.is_empty() {
                emit(Kind::Label, std::mem::take(label), label_start, end, false);
            }
        };
    while i < n {
        let c = word[i];
        // A sign on a word of its own (本年增/减: `-3`, `+5`).
        let neg = matches!(c, '-' | '+') && i == 0 && n > 1 && word[1].is_ascii_digit();
        if !(c.is_ascii_digit() || neg) {
            if label.is_empty() {
                label_start = offset + i;
            }
            label.push(c);
            i += 1;
            continue;
        }
        let s = i;
        if neg {
            i += 1;
        }
        while i < n && word[i].is_ascii_digit() {
            i += 1;
        }
        // Thousands separators inside one number: 3,985,758.
        while i + 3 < n
            && word[i] == ','
            && word[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && (i + 4 == n || !word[i + 4].is_ascii_digit())
        {
            i += 4;
        }
        if i + 1 < n && word[i] == '.' && word[i + 1].is_ascii_digit() {
            i += 1;
            while i < n && word[i].is_ascii_digit() {
                i += 1;
            }
        }
        let next = word.get(i).copied();
        let prev = if s > 0 { Some(word[s - 1]) } else { None };
        let digits: String = word[s..i]
            .iter()
            .filter(|c| !matches!(**c, ',' | '+'))
            .collect();
        let numbering = matches!(next, Some('.' | '、'))
            && word.get(i + 1).is_none_or(|c| !c.is_ascii_digit())
            && !digits.contains('.')
            && !neg;
        if numbering {
            // The last digit numbers the label that follows (`2.其他…`); digits before it are
            // the previous row's cells run together.
            let cut = i - 1;
            if cut > s {
                flush_label(&mut label, label_start, offset + s, emit);
                let text: String = word[s..cut].iter().collect();
                emit(Kind::Num, text, offset + s, offset + cut, false);
            }
            if label.is_empty() {
                label_start = offset + cut;
            }
            label.extend(&word[cut..=i]);
            i += 1;
            continue;
        }
        // `(1)` and `（五）`-style numbering in brackets is part of a label.
        let bracketed = prev.is_some_and(|c| matches!(c, '(' | '（' | '〔' | '['))
            && next.is_some_and(|c| matches!(c, ')' | '）' | '〕' | ']'));
        let prose = bracketed
            || next.is_some_and(|c| is_prose_unit(c) || is_ascii_wordish(c) || c == '.')
            || prev.is_some_and(|c| is_ascii_wordish(c) || c == '.' || c.is_ascii_digit());
        if prose {
            if label.is_empty() {
                label_start = offset + s;
            }
            label.extend(&word[s..i]);
            continue;
        }
        flush_label(&mut label, label_start, offset + s, emit);
        let mut text = digits;
        // A unit printed in the cell stays with the number: 元 changes its scale.
        let mut end = i;
        if next == Some('元') {
            text.push('元');
            end += 1;
        } else if next == Some('万') && word.get(i + 1) == Some(&'元') {
            end += 2;
        }
        let atomic = s == 0 && end == n && valid_single(&text);
        emit(Kind::Num, text, offset + s, offset + end, atomic);
        i = end;
    }
    flush_label(&mut label, label_start, offset + n, emit);
}

/// A number printed on its own: no leading zero unless it is zero itself.
pub fn valid_single(text: &str) -> bool {
    let t = text.trim_start_matches('-').trim_end_matches('元');
    let int = t.split('.').next().unwrap_or("");
    !int.is_empty() && (int == "0" || !int.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(Kind, String, bool)> {
        let mut out = Vec::new();
        tokenize(s, Origin::Line(1), 1, None, &mut out);
        out.into_iter()
            .map(|t| (t.kind, t.text, t.atomic))
            .collect()
    }

    #[test]
    fn numbering_is_cut_from_cells_run_together() {
        let t = toks("1.属于国家秘密00000002.其他法律行政法规禁止公开");
        assert_eq!(
            t,
            vec![
                (Kind::Label, "1.属于国家秘密".into(), false),
                (Kind::Num, "0000000".into(), false),
                (Kind::Label, "2.其他法律行政法规禁止公开".into(), false),
            ]
        );
    }

    #[test]
    fn spaced_numbers_are_atomic_unless_zero_padded() {
        let t = toks("（七）总计23 0 00 0 023四、结转");
        let nums: Vec<_> = t
            .iter()
            .filter(|t| t.0 == Kind::Num)
            .map(|t| (t.1.as_str(), t.2))
            .collect();
        assert_eq!(
            nums,
            vec![
                ("23", false),
                ("0", true),
                ("00", false),
                ("0", true),
                ("023", false)
            ]
        );
    }

    #[test]
    fn prose_numbers_and_markers() {
        let t = toks("2024年 电话：0517-83605210 / — 1002.3819 ３５");
        let kinds: Vec<_> = t.iter().map(|t| (t.0, t.1.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (Kind::Label, "2024年 电话：0517-83605210"),
                (Kind::Blank, "/"),
                (Kind::Blank, "—"),
                (Kind::Num, "1002.3819"),
                (Kind::Num, "35"),
            ]
        );
    }

    #[test]
    fn bracketed_numbering_is_label() {
        let t = toks("第二十条第(1)项 （2）予以公开 7");
        let nums: Vec<_> = t
            .iter()
            .filter(|t| t.0 == Kind::Num)
            .map(|t| t.1.as_str())
            .collect();
        assert_eq!(nums, vec!["7"]);
    }

    #[test]
    fn drawn_rules_separate_cells() {
        let t = toks("│ 203│9│0 │");
        let nums: Vec<_> = t.iter().map(|t| (t.0, t.1.as_str(), t.2)).collect();
        assert_eq!(
            nums,
            vec![
                (Kind::Num, "203", true),
                (Kind::Num, "9", true),
                (Kind::Num, "0", true)
            ]
        );
    }

    #[test]
    fn signed_changes() {
        let t = toks("行政许可 396 -3 +5");
        let nums: Vec<_> = t
            .iter()
            .filter(|t| t.0 == Kind::Num)
            .map(|t| (t.1.as_str(), t.2))
            .collect();
        assert_eq!(nums, vec![("396", true), ("-3", true), ("5", true)]);
    }

    #[test]
    fn units_stay_with_their_number() {
        let t = toks("政府集中采购13575394432.52元");
        assert_eq!(t[1], (Kind::Num, "13575394432.52元".into(), false));
    }
}
