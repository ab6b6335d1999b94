//! Chinese help wrapped to the terminal as the English is. clap wraps help at spaces only, and
//! Chinese has none between words: a paragraph would run past the edge as one long "word".
//! So under Chinese the help clap renders is wrapped again here, line by line, by display width
//! (unicode-width: a Chinese character takes two columns): a line wider than the terminal is
//! broken between Chinese characters, or at a space, never inside a run of Latin letters or
//! digits, never before closing punctuation (，。）) nor after opening (（“), and continues under
//! the column its text started in (the help column beside a flag, or the paragraph's indent).

use unicode_width::UnicodeWidthChar;

/// The width clap wraps help to: the terminal's, else `COLUMNS`, else 100.
pub fn term_width() -> usize {
    if let Some((w, _)) = terminal_size::terminal_size() {
        return w.0.into();
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(100)
}

/// Display width of `text`, ANSI colour sequences (ESC … m) taking none.
pub fn width(text: &str) -> usize {
    let mut w = 0;
    let mut escape = false;
    for c in text.chars() {
        if c == '\u{1b}' {
            escape = true;
        } else if escape {
            escape = c != 'm';
        } else {
            w += c.width().unwrap_or(0);
        }
    }
    w
}

fn wide(c: char) -> bool {
    c.width() == Some(2)
}

/// Punctuation a line may not start with.
fn closing(c: char) -> bool {
    "，。、；：？！）」』》〉】”’,.;:?!)]}".contains(c)
}

/// Punctuation a line may not end with.
fn opening(c: char) -> bool {
    "（「『《〈【“‘([{".contains(c)
}

/// The pieces a line may be broken between: a run of Latin letters and digits (with what
/// sticks to it) is one piece, each Chinese character another, a space a piece of its own.
fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<char> = None;
    let mut escape = false;
    for (i, c) in text.char_indices() {
        if c == '\u{1b}' {
            escape = true;
        }
        if escape {
            escape = c != 'm';
            continue;
        }
        if let Some(p) = prev {
            let may_break =
                (c == ' ' || p == ' ' || wide(c) || wide(p)) && !closing(c) && !opening(p);
            if may_break && i > start {
                out.push(&text[start..i]);
                start = i;
            }
        }
        prev = Some(c);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Where the text of a help line starts: after the flag or command name and the gap of two or
/// more spaces that follows it, else after the line's own indent.
fn text_column(line: &str) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    if let Some(gap) = rest.find("  ") {
        let after = gap + rest[gap..].len() - rest[gap..].trim_start_matches(' ').len();
        if after < rest.len() {
            return indent + after;
        }
    }
    indent
}

/// `line` broken to lines of at most `max` columns where it can be (a piece wider than that
/// stays whole), continuing under its text's column.
fn wrap_line(line: &str, max: usize) -> Vec<String> {
    if width(line) <= max {
        return vec![line.to_string()];
    }
    let col = text_column(line);
    // A text column past half the width leaves too little: continue under the indent.
    let col = if col * 2 > max {
        line.len() - line.trim_start_matches(' ').len()
    } else {
        col
    };
    let (head, body) = line.split_at(col);
    let mut out = Vec::new();
    let mut current = head.to_string();
    let mut used = width(head);
    let mut fresh = true;
    for piece in pieces(body) {
        let w = width(piece);
        if !fresh && used + w > max && piece != " " {
            out.push(current.trim_end().to_string());
            current = " ".repeat(col);
            used = col;
            fresh = true;
        }
        if fresh && piece == " " && used == col && !out.is_empty() {
            continue;
        }
        current.push_str(piece);
        used += w;
        fresh = false;
    }
    out.push(current.trim_end().to_string());
    out
}

/// Every line of `text` at most `max` columns wide where it can be broken.
pub fn wrap(text: &str, max: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&wrap_line(line, max).join("\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_counted_two_columns_and_broken_between_characters() {
        assert_eq!(width("数据库 db"), 9);
        let text =
            "  --db <PATH>  数据库文件。写入的命令在第一次使用时创建它，其他命令要求它已存在";
        let lines = wrap(text, 40);
        for l in lines.lines() {
            assert!(width(l) <= 40, "{l:?} in\n{lines}");
        }
        let lines: Vec<&str> = lines.lines().collect();
        assert!(lines[0].starts_with("  --db <PATH>  数据库"), "{lines:?}");
        // Continuation lines start under the help column, never with closing punctuation.
        for l in &lines[1..] {
            assert!(l.starts_with(&" ".repeat(15)), "{l:?}");
            assert!(!l.trim_start().starts_with(['，', '。']), "{l:?}");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            text.replace(' ', ""),
            "nothing lost"
        );
    }

    #[test]
    fn latin_words_stay_whole_and_narrow_lines_are_untouched() {
        let text = "把 NAME 作为 CANONICAL 所指机关的一个名称，未知的 NAME 成为以后导入用的别名";
        let wrapped = wrap(text, 20);
        for l in wrapped.lines() {
            assert!(width(l) <= 20, "{l:?}");
        }
        assert!(
            wrapped.lines().any(|l| l.contains("CANONICAL")),
            "{wrapped}"
        );
        assert_eq!(wrap("short line\n  另一行", 80), "short line\n  另一行");
    }

    #[test]
    fn colours_take_no_width() {
        assert_eq!(width("\u{1b}[1m用法\u{1b}[0m"), 4);
    }
}
