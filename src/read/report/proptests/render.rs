//! The ways a known report's lines are found printed: tab-separated, space-aligned, cramped,
//! wrapped, HTML, Markdown, run together, labels moved away from their numbers.

use super::known::{Known, Line, head};

pub(super) fn tabs(lines: &[Line], blank: &str) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.label);
        if !l.cells.is_empty() {
            s.push_str("\t\t");
        }
        for c in &l.cells {
            s.push('\t');
            s.push_str(c.as_deref().unwrap_or(blank));
        }
        s.push('\n');
    }
    s
}

pub(super) fn spaced(lines: &[Line], gap: usize) -> String {
    let mut s = String::new();
    for l in lines {
        let width = l.label.chars().count();
        s.push_str(&l.label);
        if !l.cells.is_empty() {
            s.push_str(&" ".repeat(60usize.saturating_sub(width) + 2));
        }
        for c in &l.cells {
            let t = c.as_deref().unwrap_or("");
            s.push_str(&format!(" {:>w$}", t, w = gap));
        }
        s.push('\n');
    }
    s
}

/// Columns too narrow for their numbers, as a PDF extractor lays them out: a cell wider than
/// `width` touches its neighbour (`178` and `37` print as `17837`).
pub(super) fn cramped(lines: &[Line], width: usize) -> String {
    let mut s = String::new();
    for l in lines {
        s.push_str(&l.label);
        if !l.cells.is_empty() {
            s.push_str("   ");
        }
        for c in &l.cells {
            s.push_str(&format!("{:>w$}", c.as_deref().unwrap_or(""), w = width));
        }
        s.push('\n');
    }
    s
}

/// Labels wrapped at `cut` characters, the cells on the label's first line (`first`) or on its
/// last, as PDF extractors print a tall row.
pub(super) fn wrapped(lines: &[Line], cut: usize, first: bool) -> String {
    let mut s = String::new();
    for l in lines {
        let chars: Vec<char> = l.label.chars().collect();
        let cells: String = l
            .cells
            .iter()
            .map(|c| format!(" {:>6}", c.as_deref().unwrap_or("")))
            .collect();
        if l.cells.is_empty() || chars.len() <= cut {
            s.push_str(&format!("{}{}\n", l.label, cells));
            continue;
        }
        let (a, b): (String, String) =
            (chars[..cut].iter().collect(), chars[cut..].iter().collect());
        if first {
            s.push_str(&format!("{a:<40}{cells}\n{b}\n"));
        } else {
            s.push_str(&format!("{a}\n{b:<40}{cells}\n"));
        }
    }
    s
}

pub(super) fn html(lines: &[Line], blank: &str) -> String {
    let mut s = String::from("<html><head><title>x</title></head><body>");
    let mut in_table = false;
    for l in lines {
        if l.cells.is_empty() {
            if in_table {
                s.push_str("</table>");
                in_table = false;
            }
            s.push_str(&format!("<p>{}</p>", l.label));
            continue;
        }
        if !in_table {
            s.push_str("<table border=1>");
            in_table = true;
        }
        s.push_str(&format!(
            "<tr><td colspan=\"2\"><p><span>{}</span></p></td>",
            l.label
        ));
        for c in &l.cells {
            s.push_str(&format!(
                "<td>&nbsp;{}&nbsp;</td>",
                c.as_deref().unwrap_or(blank)
            ));
        }
        s.push_str("</tr>");
    }
    s + "</table></body></html>"
}

/// Markdown as a converter writes a table whose spans it expanded: every covered grid cell
/// repeats the spanning cell's text, under a made-up header row.
pub(super) fn markdown_expanded(lines: &[Line], blank: &str) -> String {
    let mut s = String::new();
    let mut in_table = false;
    for l in lines {
        if l.cells.is_empty() {
            in_table = false;
            s.push_str(&format!("\n{}\n\n", l.label));
            continue;
        }
        if !in_table {
            s.push_str(
                "| Column1 | Column2 | Column3 | Column4 | Column5 |\n|---|---|---|---|---|\n",
            );
            in_table = true;
        }
        let label = if l.label.is_empty() { "" } else { &l.label };
        s.push_str(&format!("| {label} | {label} |"));
        let copies = if l.cells.len() == 1 { 3 } else { 1 };
        for c in &l.cells {
            for _ in 0..copies {
                s.push_str(&format!(" {} |", c.as_deref().unwrap_or(blank)));
            }
        }
        s.push('\n');
    }
    s
}

pub(super) fn run_together(lines: &[Line]) -> String {
    lines
        .iter()
        .map(|l| {
            format!(
                "{}{}",
                l.label,
                l.cells
                    .iter()
                    .map(|c| c.clone().unwrap_or_default())
                    .collect::<String>()
            )
        })
        .collect()
}

/// 表四's header as `pdftotext -layout` prints it: each heading over its cell's field, the
/// group titles on a line of their own.
pub(super) fn aligned_appeals_header(lines: &mut Vec<Line>) {
    let i = lines
        .iter()
        .position(|l| l.label.starts_with("结果维持"))
        .expect("表四 header");
    lines[i] = Line {
        label: String::new(),
        cells: ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
            .iter()
            .cycle()
            .take(15)
            .map(|w| Some(w.to_string()))
            .collect(),
    };
    lines.insert(i, head("未经复议直接起诉 复议后起诉"));
}

/// 表三's header as `pdftotext -layout` prints it: each applicant column's heading over its
/// cells' field.
pub(super) fn aligned_requests_header(lines: &mut [Line]) {
    let i = lines
        .iter()
        .position(|l| l.label == "自然人 法人或其他组织 总计")
        .expect("表三 header");
    lines[i] = head("法人或其他组织");
    lines[i + 1] = Line {
        label: String::new(),
        cells: [
            "自然人",
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
            "总计",
        ]
        .iter()
        .map(|w| Some(w.to_string()))
        .collect(),
    };
}

/// A department's 表三: only 自然人 and 总计 filled, on every row.
pub(super) fn sparse_requests(k: &mut Known) {
    for r in &mut k.requests {
        for c in &mut r[1..6] {
            *c = None;
        }
        r[6] = r[0];
    }
}

/// An extractor that prints 表三's numbers in order but its labels elsewhere.
pub(super) fn labels_moved(lines: &[Line]) -> String {
    let first = lines
        .iter()
        .position(|l| l.label.starts_with("一、本年新收"))
        .unwrap();
    let last = lines
        .iter()
        .position(|l| l.label.starts_with("四、结转下年度"))
        .unwrap();
    let mut s = String::new();
    for (i, l) in lines.iter().enumerate() {
        if (first..=last).contains(&i) {
            if i == first {
                s.push_str(&format!("{}\n", l.label));
            }
            for c in &l.cells {
                s.push_str(&format!("{}\n", c.as_deref().unwrap_or("")));
            }
            continue;
        }
        s.push_str(&l.label);
        for c in &l.cells {
            s.push_str(&format!(" {}", c.as_deref().unwrap_or("")));
        }
        s.push('\n');
    }
    // The labels after the numbers, as a block.
    let labels: Vec<String> = lines[first + 1..=last]
        .iter()
        .map(|l| l.label.clone())
        .collect();
    s.replace(
        "四、政府信息公开行政复议",
        &format!("{}\n四、政府信息公开行政复议", labels.join("\n")),
    )
}
