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
    // A Word report's metafile tables, read as LibreOffice printed them (read/report/printed.rs).
    if let Some(at) = part.strip_prefix("printed to PDF, ") {
        let at = one(lang, at);
        return crate::t!(in lang, "origin-printed", at = at);
    }
    if let Some(file) = part
        .strip_prefix("completed by hand (draft of ")
        .and_then(|p| p.strip_suffix(')'))
    {
        return crate::t!(in lang, "origin-by-hand", file = file);
    }
    if let Some(said) = ocr_place(lang, part) {
        return said;
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

/// A place read by OCR: `WHO cell (x,y,w,h)`, WHO a page (`page 2`), a picture of a page or
/// document (`page 4 picture 1`, `picture 3`) or a web page's picture (`<img src="t.png">`,
/// kept as written), then perhaps ` OCR conf NN` and the alternative taken.
fn ocr_place(lang: Lang, part: &str) -> Option<String> {
    let (who, rest) = part.split_once(" cell (")?;
    let (cell_box, rest) = rest.split_once(')')?;
    if !cell_box.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return None;
    }
    fn n(v: &str) -> Option<&str> {
        (!v.is_empty() && v.bytes().all(|b| b.is_ascii_digit())).then_some(v)
    }
    let words: Vec<&str> = who.split(' ').collect();
    let who = match words[..] {
        ["page", p] => crate::t!(in lang, "origin-ocr-page", page = n(p)?),
        ["page", p, "picture", k] => {
            crate::t!(in lang, "origin-ocr-page-picture", page = n(p)?, picture = n(k)?)
        }
        ["picture", k] => crate::t!(in lang, "origin-ocr-picture", picture = n(k)?),
        ["picture", k, ref img @ ..] if img.first().is_some_and(|w| w.starts_with("<img")) => {
            let picture = crate::t!(in lang, "origin-ocr-picture", picture = n(k)?);
            format!("{picture} {}", img.join(" "))
        }
        _ if who.starts_with("<img ") => who.to_string(),
        _ => return None,
    };
    let mut at = crate::t!(in lang, "origin-ocr-cell", at = who, cell = cell_box);
    let Some(rest) = rest.strip_prefix(" OCR conf ") else {
        return rest.is_empty().then_some(at);
    };
    let (conf, rest) = rest.split_once(',').unwrap_or((rest, ""));
    at = crate::t!(in lang, "origin-ocr-conf", at = at, conf = n(conf)?);
    if rest.is_empty() {
        return Some(at);
    }
    let alt = rest.strip_prefix(" not sure: Tesseract's reading ")?;
    let (alt, alts) = alt.split_once(" of ")?;
    let alts = alts.strip_suffix(", the one that meets the identities")?;
    Some(crate::t!(in lang, "origin-ocr-alternative", at = at, alt = n(alt)?, alts = n(alts)?))
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
        assert_eq!(zh("page 1 line (1,2)"), "page 1 line (1,2)");
        assert_eq!(zh("pages 1 cell (1,2,3,4)"), "pages 1 cell (1,2,3,4)");
        // Places read by OCR, with their confidence and the reading taken.
        assert_eq!(
            zh("page 1 cell (1,2,3,4) OCR conf 90"),
            "第 1 页单元格 (1,2,3,4)，OCR 置信度 90"
        );
        assert_eq!(zh("page 2 cell (5,6,7,8)"), "第 2 页单元格 (5,6,7,8)");
        assert_eq!(
            zh(
                "page 4 picture 1 cell (1,2,3,4) OCR conf 7, not sure: Tesseract's reading 1 of 2, the one that meets the identities"
            ),
            "第 4 页第 1 张图片单元格 (1,2,3,4)，OCR 置信度 7，不确定：取 Tesseract 的第 1 种读法（共 2 种），即满足勾稽关系的那一种"
        );
        assert_eq!(
            zh("picture 3 cell (1,2,3,4) OCR conf 96"),
            "第 3 张图片单元格 (1,2,3,4)，OCR 置信度 96"
        );
        assert_eq!(
            zh("<img src=\"t 3.png\"> cell (1,2,3,4)"),
            "<img src=\"t 3.png\">单元格 (1,2,3,4)"
        );
        assert_eq!(
            zh("picture 2 <img src=\"data:image/png;base64,…\"> cell (1,2,3,4)"),
            "第 2 张图片 <img src=\"data:image/png;base64,…\">单元格 (1,2,3,4)"
        );
        // A Word report's metafile tables, read as LibreOffice printed them.
        assert_eq!(zh("printed to PDF, line 97"), "打印为 PDF 后第 97 行");
        assert_eq!(
            zh("printed to PDF, page 3 picture 1 cell (1,2,3,4) OCR conf 96"),
            "打印为 PDF 后第 3 页第 1 张图片单元格 (1,2,3,4)，OCR 置信度 96"
        );
        let en = "page 4 picture 1 cell (1,2,3,4) OCR conf 7";
        assert_eq!(origin_in(Lang::En, en), en);
        assert_eq!(origin_in(Lang::En, "line 97"), "line 97");
    }
}
