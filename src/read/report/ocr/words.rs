//! Tesseract's words laid out as text: joined into lines in reading order, a label's lost
//! numbering point put back, and a word outside the tables read without confidence shown as
//! unread rather than as its guess.

use super::tess;

/// A word outside the tables (a title, a heading) read below this confidence is not taken.
const WORD_CONF: f64 = 60.0;
/// What stands for a word not taken: no agency's name or year holds it.
const UNREAD: &str = "\u{FFFD}";

/// A line outside the tables as text, each word read below [`WORD_CONF`] shown as U+FFFD:
/// a title misread (`平潭综合站AN章实验区`) would otherwise name a wrong agency.
pub fn sure_line(line: &[&tess::Word]) -> String {
    let shown: Vec<tess::Word> = line
        .iter()
        .map(|&w| {
            let mut w = w.clone();
            if w.conf < WORD_CONF {
                w.text = UNREAD.to_string();
            }
            w
        })
        .collect();
    join(&shown.iter().collect::<Vec<_>>())
}

pub fn han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A label cell's text with its numbering's point where OCR lost it (`4无正当理由` is
/// `4.无正当理由`): digits run into the words would be read as a number of the row.
pub fn label(text: String) -> String {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return text;
    }
    let rest = text[digits..].trim_start_matches([' ', ',', '，', '.', '、', '·']);
    match rest.chars().next() {
        Some(c) if han(c) => format!("{}.{rest}", &text[..digits]),
        _ => text,
    }
}

/// Words in reading order joined: no space between Chinese, one between Latin or digits.
pub fn join(words: &[&tess::Word]) -> String {
    let mut out = String::new();
    for w in words {
        let spaced = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && w.text
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if spaced {
            out.push(' ');
        }
        out.push_str(&w.text);
    }
    out
}

/// Words grouped into lines (a word joins a line it overlaps by half its height), each line
/// left to right: the lines' top and words.
pub fn lines(mut words: Vec<&tess::Word>) -> Vec<(usize, Vec<&tess::Word>)> {
    words.sort_by_key(|w| w.y + w.h / 2);
    let mut out: Vec<(usize, usize, Vec<&tess::Word>)> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some((top, bottom, line))
                if (w.y + w.h).min(*bottom) as isize - w.y.max(*top) as isize
                    >= (w.h.min(*bottom - *top) / 2) as isize =>
            {
                *top = (*top).min(w.y);
                *bottom = (*bottom).max(w.y + w.h);
                line.push(w);
            }
            _ => out.push((w.y, w.y + w.h, vec![w])),
        }
    }
    out.into_iter()
        .map(|(top, _, mut l)| {
            l.sort_by_key(|w| w.x);
            (top, l)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: usize, conf: f64) -> tess::Word {
        tess::Word {
            image: 1,
            x,
            y: 10,
            w: 40,
            h: 30,
            conf,
            text: text.into(),
        }
    }

    #[test]
    fn a_word_read_without_confidence_is_shown_unread() {
        let (a, b, c) = (
            word("平潭综合", 0, 91.0),
            word("站AN章", 50, 31.0),
            word("实验区", 100, 88.0),
        );
        assert_eq!(sure_line(&[&a, &b, &c]), "平潭综合\u{FFFD}实验区");
        let b = word("实验区", 50, 60.0);
        assert_eq!(sure_line(&[&a, &b]), "平潭综合实验区");
    }
}
