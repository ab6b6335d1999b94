//! The agency and statistics year, from the report's title as agencies write it:
//! `晋江市人民政府 2024 年 政府信息公开工作年度报告`, `2019年上海市人民政府办公厅政府信息公开工作年度报告`,
//! `平潭综合实验区2022年度…`, or the agency alone on the line above `2024 年政府信息公开工作年度报告`.

/// What the title says. `line` is where it was found, for the dry-run's account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Title {
    pub agency: Option<String>,
    pub year: Option<i64>,
    pub line: Option<String>,
}

const REPORT_WORDS: &[&str] = &[
    "政府信息公开工作年度报告",
    "政府信息公开年度报告",
    "政务公开工作年度报告",
    "信息公开工作年度报告",
    "政府信息公开工作年报",
    "信息公开年报",
    // `…2024年度政府信息公开工作报告`: the 年度 stands with the year.
    "政府信息公开工作报告",
    "政府信息公开报告",
];

/// Finds the title among the first lines of the document's text.
pub fn find(lines: &[String]) -> Title {
    // The last short line (an agency on its own line above the title), the line before this
    // one, and the last short line before that (for a title wrapped over two lines).
    let mut prev = String::new();
    let mut last = String::new();
    let mut prev_of_last = String::new();
    for line in lines.iter().take(400) {
        let t: String = line
            .chars()
            .map(super::token::fold_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        let t = arabic_dates(&t);
        if t.is_empty() {
            continue;
        }
        let hit = REPORT_WORDS
            .iter()
            .filter_map(|w| t.find(w).map(|at| (at, std::cmp::Reverse(w.len()))))
            .min();
        let found = if let Some((at, std::cmp::Reverse(len))) = hit {
            parse_head(strip_label(&t[..at]), &prev, year_after(&t[at + len..]))
        } else {
            // A title wrapped over two lines: the report words run across the break.
            let joined = format!("{last}{t}");
            let across = |w: &&str| {
                joined
                    .find(*w)
                    .filter(|at| *at < last.len() && at + w.len() > last.len())
            };
            match REPORT_WORDS.iter().filter_map(across).min() {
                Some(at) if last.chars().count() <= 40 => {
                    parse_head(strip_label(&joined[..at]), &prev_of_last, None)
                }
                _ => None,
            }
        };
        if let Some(title) = found {
            return Title {
                line: Some(line.trim().to_string()),
                ..title
            };
        }
        prev_of_last = prev.clone();
        if t.chars().count() <= 40 {
            prev = t.clone();
        }
        last = t;
    }
    Title::default()
}

/// Drops what a page or a converter puts before a title (`标题:`, `名称`, `#`).
/// A breadcrumb's or a list's bullet before it (`•`, `■`, `《`, or a Symbol font's bullet in
/// the private use area, U+F0B7, as a page printed to PDF gives it) is no part of a name.
fn strip_label(s: &str) -> &str {
    fn lead(s: &str) -> &str {
        s.trim_start_matches(|c: char| !c.is_alphanumeric())
    }
    let s = lead(s);
    let s = match s.rfind([':', '：']) {
        Some(p) => &s[p + s[p..].chars().next().map_or(1, char::len_utf8)..],
        None => s,
    };
    let s = lead(s);
    s.strip_prefix("名称")
        .or_else(|| s.strip_prefix("标题"))
        .unwrap_or(s)
}

/// How the names of agencies end, for a title that has no year.
const AGENCY_ENDINGS: &[&str] = &[
    "政府",
    "办公室",
    "办公厅",
    "委员会",
    "管委会",
    "管理委员会",
    "局",
    "厅",
    "委",
    "部",
    "署",
    "院",
    "中心",
    "办",
    "处",
    "所",
    "站",
    "街道",
    "镇",
    "乡",
    "集团",
    "公司",
];

/// The year in brackets after the report words: `…工作年度报告（2024年度）`.
fn year_after(tail: &str) -> Option<i64> {
    let tail = tail.trim_start_matches(['（', '(', '【', '[']);
    let digits = tail.get(..4)?;
    let rest = &tail[4..];
    let year: i64 = digits.parse().ok()?;
    let ends = rest.is_empty() || rest.starts_with(['年', '）', ')', '】', ']']);
    (digits.bytes().all(|b| b.is_ascii_digit()) && ends && (1990..=2100).contains(&year))
        .then_some(year)
}

/// The agency and year in the words before the report words (`head`); `prev` is the short
/// line above, for an agency on a line of its own; `year_after` the year printed after the
/// report words, if any.
fn parse_head(head: &str, prev: &str, year_after: Option<i64>) -> Option<Title> {
    // The year: four digits followed by 年 or 年度.
    let chars: Vec<(usize, char)> = head.char_indices().collect();
    let mut year = None;
    let mut span = (head.len(), head.len());
    for w in 0..chars.len() {
        let digits: String = chars[w..].iter().take(4).map(|c| c.1).collect();
        if digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && (w == 0 || !chars[w - 1].1.is_ascii_digit())
        {
            let after = chars.get(w + 4).map(|c| c.1);
            if after == Some('年') || after.is_none() {
                let y: i64 = digits.parse().ok()?;
                if (1990..=2100).contains(&y) {
                    year = Some(y);
                    let mut end = chars
                        .get(w + 4)
                        .map_or(head.len(), |c| c.0 + c.1.len_utf8());
                    if head[end..].starts_with('度') {
                        end += '度'.len_utf8();
                    }
                    span = (chars[w].0, end);
                    break;
                }
            }
        }
    }
    if year.is_none() {
        year = year_after;
    }
    let before = head[..span.0].trim_end_matches(['（', '(']);
    let after = head[span.1..].trim_start_matches(['）', ')']);
    // The agency stands before the year or after it, not on both sides: words on both
    // sides are a sentence that mentions the report.
    if !before.is_empty() && !after.is_empty() {
        return None;
    }
    let mut agency = if !before.is_empty() { before } else { after }.to_string();
    for tail in ["关于", "的"] {
        if let Some(s) = agency.strip_suffix(tail) {
            agency = s.to_string();
        }
    }
    if let Some(s) = agency.strip_prefix("关于") {
        agency = s.to_string();
    }
    if agency.is_empty() && !prev.is_empty() && !prev.contains(['。', '，', ',']) {
        agency = strip_label(prev).to_string();
    }
    // An agency's name is words: a line of codes or numbers above the title is not one.
    let cjk = agency
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    // A word OCR could not read for sure stands as U+FFFD: such a line names no agency.
    if agency
        .chars()
        .any(|c| c.is_ascii_digit() || c == '\u{FFFD}')
        || (!agency.is_empty() && cjk < 2)
    {
        agency.clear();
    }
    // A sentence that mentions a report is not its title.
    if agency.contains(['。', '，', ',', '；', '《']) || agency.chars().count() > 40 {
        return None;
    }
    // A title without a year (the statistics period gives it) names the agency as agencies
    // are named, or it is not taken for a title.
    // An ending alone is no name: `政府信息公开年报`, a site's menu or a page's breadcrumb, is
    // not the title of 政府's report.
    if year.is_none()
        && (!AGENCY_ENDINGS.iter().any(|e| agency.ends_with(e))
            || AGENCY_ENDINGS.contains(&agency.as_str()))
    {
        return None;
    }
    Some(Title {
        agency: (!agency.is_empty()).then_some(agency),
        year,
        line: None,
    })
}

/// The statistics period stated in the text (`统计期限自2024年1月1日至2024年12月31日`), when it
/// is one calendar year.
pub fn period_year(text: &str) -> Option<i64> {
    let t: String = text
        .chars()
        .take(20_000)
        .map(super::token::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = arabic_dates(&t);
    let at = t.find("年1月1日")?;
    let y: i64 = t[..at].get(at.saturating_sub(4)..)?.parse().ok()?;
    let rest = &t[at + "年1月1日".len()..];
    let end = rest.find("12月31日")?;
    if end > 40 {
        return None;
    }
    // `至2024年12月31日`, or `至12月31日` with the year left out.
    let to = &rest[..end];
    let Some(to) = to.strip_suffix('年') else {
        return rest[..end]
            .chars()
            .all(|c| !c.is_ascii_digit())
            .then_some(y);
    };
    let y2: i64 = to.get(to.len().saturating_sub(4)..)?.parse().ok()?;
    (y == y2).then_some(y)
}

/// Dates in Chinese numerals as reports print them in titles and periods, in Arabic ones:
/// `二〇二四年` (also with ○ or 零) → `2024年`, `十二月三十一日` → `12月31日`. Other numerals
/// (counts in the text) are left alone.
fn arabic_dates(s: &str) -> String {
    fn digit(c: char) -> Option<u32> {
        Some(match c {
            '〇' | '○' | '零' | 'Ｏ' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    }
    /// 一 … 九, 十, 十一 … 十九, 二十 … 三十一.
    fn small(run: &[char]) -> Option<u32> {
        match run {
            ['十'] => Some(10),
            [a] => digit(*a).filter(|d| *d > 0),
            ['十', b] => digit(*b).filter(|d| *d > 0).map(|d| 10 + d),
            [a, '十'] => digit(*a).filter(|d| (2..=3).contains(d)).map(|d| d * 10),
            [a, '十', b] => {
                let (a, b) = (digit(*a)?, digit(*b)?);
                ((2..=3).contains(&a) && b > 0).then_some(a * 10 + b)
            }
            _ => None,
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| digit(**c).is_some() || **c == '十')
            .count();
        if run > 0 {
            let unit = chars.get(i + run).copied();
            let numerals = &chars[i..i + run];
            if unit == Some('年') && run == 4 && !numerals.contains(&'十') {
                let year: String = numerals
                    .iter()
                    .filter_map(|c| digit(*c).and_then(|d| char::from_digit(d, 10)))
                    .collect();
                out.push_str(&year);
                i += run;
                continue;
            }
            if matches!(unit, Some('月' | '日'))
                && let Some(n) = small(numerals)
            {
                out.push_str(&n.to_string());
                i += run;
                continue;
            }
            out.extend(numerals);
            i += run;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(lines: &[&str]) -> (Option<String>, Option<i64>) {
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let t = find(&lines);
        (t.agency, t.year)
    }

    #[test]
    fn the_titles_agencies_write() {
        assert_eq!(
            title(&["晋江市人民政府 2024 年 政府信息公开工作年度报告"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        assert_eq!(
            title(&["2019年上海市人民政府办公厅政府信息公开工作年度报告"]),
            (Some("上海市人民政府办公厅".into()), Some(2019))
        );
        assert_eq!(
            title(&["标题: 平潭综合实验区2022年度政府信息公开工作年度报告"]),
            (Some("平潭综合实验区".into()), Some(2022))
        );
        assert_eq!(
            title(&["   淮安市人民政府", "  2024 年政府信息公开工作年度报告"]),
            (Some("淮安市人民政府".into()), Some(2024))
        );
        assert_eq!(
            title(&["沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"]),
            (Some("沭阳县发展和改革局".into()), Some(2023))
        );
        assert_eq!(title(&["关于政府信息公开年度报告的说明"]), (None, None));
        // A site's breadcrumb above the title names no agency.
        assert_eq!(
            title(&[
                "政府信息公开年报",
                "平潭综合实验区2024年度政府信息公开工作年度报告"
            ]),
            (Some("平潭综合实验区".into()), Some(2024))
        );
        // …also when the breadcrumb's bullet is printed before it: a Symbol font's (U+F0B7,
        // LibreOffice's print of the page), or any other.
        for bullet in ["\u{F0B7}", "•", "■ ", "· ", "※"] {
            assert_eq!(
                title(&[
                    &format!("{bullet}政府信息公开年报"),
                    "平潭综合实验区2024年度政府信息公开工作年度报告"
                ]),
                (Some("平潭综合实验区".into()), Some(2024)),
                "{bullet}"
            );
        }
        assert_eq!(
            title(&["《晋江市人民政府2024年政府信息公开工作年度报告》"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        assert_eq!(
            title(&["关于XX县民政局2021年度政府信息公开工作年度报告"]),
            (Some("XX县民政局".into()), Some(2021))
        );
        assert_eq!(
            title(&[
                "索引号：014314799/2024-00002",
                "2024年政府信息公开工作年度报告"
            ]),
            (None, Some(2024))
        );
        // A word OCR did not read for sure (U+FFFD) leaves the agency unnamed, not misnamed.
        assert_eq!(
            title(&["平潭综合\u{FFFD}实验区2024年度政府信息公开工作年度报告"]),
            (None, Some(2024))
        );
    }

    #[test]
    fn the_year_in_brackets_after_the_report_words() {
        assert_eq!(
            title(&["晋江市人民政府政府信息公开工作年度报告（2024年）"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        assert_eq!(
            title(&["XX县教育局政府信息公开工作年度报告(2023年度)"]),
            (Some("XX县教育局".into()), Some(2023))
        );
        // No year at all: the agency, when the words are an agency's name (the statistics
        // period gives the year).
        assert_eq!(
            title(&["XX县教育局政府信息公开工作年度报告"]),
            (Some("XX县教育局".into()), None)
        );
        assert_eq!(title(&["关于做好政府信息公开工作年度报告"]), (None, None));
    }

    #[test]
    fn titles_wrapped_over_two_lines() {
        assert_eq!(
            title(&["晋江市人民政府2024年政府信息公开", "工作年度报告"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        assert_eq!(
            title(&["晋江市人民政府", "2024年政府信息公开工作", "年度报告"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        // Two sentences that happen to meet at a break are not a title.
        assert_eq!(
            title(&["本机关2024年依法做好政府信息公开", "工作年度报告的编制。"]),
            (None, None)
        );
    }

    #[test]
    fn years_in_chinese_numerals_and_other_title_words() {
        assert_eq!(
            title(&["晋江市人民政府二〇二四年政府信息公开工作年度报告"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        assert_eq!(
            title(&["XX县人民政府办公室二○二三年度政府信息公开工作报告"]),
            (Some("XX县人民政府办公室".into()), Some(2023))
        );
        assert_eq!(
            title(&["晋江市人民政府2024年度政府信息公开工作报告"]),
            (Some("晋江市人民政府".into()), Some(2024))
        );
        assert_eq!(
            period_year("统计期限自二〇二四年一月一日至二〇二四年十二月三十一日。"),
            Some(2024)
        );
        assert_eq!(
            arabic_dates("二十三日，三十一日，十月，一千二百件"),
            "23日，31日，10月，一千二百件"
        );
        assert_eq!(arabic_dates("第二十条第（一）项"), "第二十条第（一）项");
    }

    #[test]
    fn period_gives_the_statistics_year() {
        assert_eq!(
            period_year("统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。"),
            Some(2024)
        );
        assert_eq!(
            period_year("自2019年1月1日起至2019年12月31日止"),
            Some(2019)
        );
        assert_eq!(period_year("2023年1月1日至2024年12月31日"), None);
        assert_eq!(
            period_year("统计期限为2024年1月1日至12月31日。"),
            Some(2024)
        );
        assert_eq!(period_year("2024年1月1日至2025年3月12月31日"), None);
    }
}
