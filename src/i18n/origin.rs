//! Where a number was read, said in the reader's language. The database keeps each place in
//! one language-neutral form (`line 97`, `table 2 row 4 cell 2`, `completed by hand (draft of
//! FILE)`: the forms `fact_origin` and the history's versions have always held, which scripts
//! read), and `show`, `check FILE` and the page say it again here; a form this does not know is
//! shown as kept.

use super::{Lang, lang};

/// `text` (one place, or several joined by `; `, each perhaps after `the 2024 report: `) in
/// this process's language.
pub fn origin(text: &str) -> String {
    origin_in(lang(), text)
}

/// [`origin`] in `lang`.
pub fn origin_in(lang: Lang, text: &str) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    text.split("; ")
        .map(|part| one(lang, part))
        .collect::<Vec<_>>()
        .join(&crate::t!(in lang, "origin-separator"))
}

fn numbers(text: &str, words: &[&[&str]]) -> Option<Vec<String>> {
    // `table 2 rows 4–5, 28–29 cell 2` against [["table"], ["row", "rows"], ["cell", "cells"]]:
    // each value a list of numbers and ranges, said with the list's separator.
    let joined = text.replace(", ", ",");
    let parts: Vec<&str> = joined.split(' ').collect();
    if parts.len() != words.len() * 2 {
        return None;
    }
    let mut out = Vec::new();
    for (pair, word) in parts.chunks(2).zip(words) {
        let value_ok = !pair[1].is_empty()
            && pair[1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '–' || c == ',');
        if !word.contains(&pair[0]) || !value_ok {
            return None;
        }
        out.push(pair[1].replace(',', "、"));
    }
    Some(out)
}

fn one(lang: Lang, part: &str) -> String {
    if let Some((year, rest)) = part
        .strip_prefix("the ")
        .and_then(|p| p.split_once(" report: "))
        && year.chars().all(|c| c.is_ascii_digit())
    {
        let at = one(lang, rest);
        return crate::t!(in lang, "origin-report", year = year, at = at);
    }
    if let Some(file) = part
        .strip_prefix("completed by hand (draft of ")
        .and_then(|p| p.strip_suffix(')'))
    {
        return crate::t!(in lang, "origin-by-hand", file = file);
    }
    let (row, cell): (&[&str], &[&str]) = (&["row", "rows"], &["cell", "cells"]);
    if let Some(n) = numbers(part, &[&["line", "lines"]]) {
        return crate::t!(in lang, "origin-line", line = n[0].as_str());
    }
    if let Some(n) = numbers(part, &[&["table"], row, cell]) {
        return crate::t!(in lang, "origin-cell",
            table = n[0].as_str(), row = n[1].as_str(), cell = n[2].as_str());
    }
    if let Some(n) = numbers(part, &[&["sheet"], row, cell]) {
        return crate::t!(in lang, "origin-sheet",
            sheet = n[0].as_str(), row = n[1].as_str(), cell = n[2].as_str());
    }
    part.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_said_in_chinese_and_kept_in_english() {
        let zh = |t| origin_in(Lang::Zh, t);
        assert_eq!(zh("line 97"), "第 97 行");
        assert_eq!(zh("lines 93–114"), "第 93–114 行");
        assert_eq!(zh("table 2 row 4 cell 2"), "表格 2 第 4 行第 2 格");
        assert_eq!(zh("lines 91–92, 115–116"), "第 91–92、115–116 行");
        assert_eq!(
            zh("table 2 rows 4–5, 28–29 cell 2"),
            "表格 2 第 4–5、28–29 行第 2 格"
        );
        assert_eq!(zh("sheet 1 row 3 cell 5"), "工作表 1 第 3 行第 5 格");
        assert_eq!(
            zh("completed by hand (draft of r/j.txt)"),
            "人工补填（r/j.txt 的草稿）"
        );
        assert_eq!(
            zh("line 92; the 2024 report: line 115"),
            "第 92 行；2024 年度报告：第 115 行"
        );
        // A form not known stays as kept.
        assert_eq!(
            zh("page 1 cell (1,2,3,4) OCR conf 90"),
            "page 1 cell (1,2,3,4) OCR conf 90"
        );
        assert_eq!(origin_in(Lang::En, "line 97"), "line 97");
    }
}
