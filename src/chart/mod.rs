//! Charts of a view's answer: bars and sparklines in the terminal (CJK names aligned by
//! display width: a Chinese character takes two columns), and the same chart as SVG.
//!
//! The SVG is drawn with plotters' SVG backend (no font loading: the viewer renders the text),
//! so every label is a real `<text>` element in a CJK-capable font list; label areas are sized
//! with the same width measure as the terminal (unicode-width).

use crate::store::{Rows, SqlValue};
use std::fmt::Write as _;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One bar: a label and a value (None = no value: drawn empty, printed blank).
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// A reference line (a median), drawn differently from the agencies.
    pub reference: bool,
}

/// Bars that share one scale.
#[derive(Clone, Debug)]
pub struct BarGroup {
    pub title: String,
    pub bars: Vec<Bar>,
    /// Rates are drawn on 0..1 so that groups compare; counts on 0..max.
    pub rate: bool,
}

/// One line per series over the years of `x`.
#[derive(Clone, Debug)]
pub struct Panel {
    pub title: String,
    pub rate: bool,
    pub series: Vec<(String, Vec<Option<f64>>)>,
}

#[derive(Clone, Debug)]
pub enum Chart {
    Bars {
        title: String,
        groups: Vec<BarGroup>,
    },
    Lines {
        title: String,
        x: Vec<i64>,
        panels: Vec<Panel>,
    },
}

fn num(v: &SqlValue) -> Option<f64> {
    match v {
        SqlValue::Int(i) => Some(*i as f64),
        SqlValue::Real(f) if f.is_finite() => Some(*f),
        SqlValue::Decimal(t) => t.parse().ok(),
        _ => None,
    }
}

fn text(v: &SqlValue) -> String {
    match v {
        SqlValue::Text(t) | SqlValue::Decimal(t) => t.clone(),
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Real(f) => f.to_string(),
        SqlValue::Null => String::new(),
    }
}

fn col(rows: &Rows, name: &str) -> Option<usize> {
    rows.columns.iter().position(|c| c == name)
}

/// The chart for the answer of a view, for the views that have one.
pub fn for_view(view: &str, rows: &Rows) -> Option<Chart> {
    match view {
        "ranking" => {
            let (y, a, m, v) = (
                col(rows, "year")?,
                col(rows, "agency")?,
                col(rows, "metric")?,
                col(rows, "value")?,
            );
            let mut groups: Vec<BarGroup> = Vec::new();
            for r in &rows.rows {
                let title = format!(
                    "{} · {}",
                    crate::i18n::column_header(&text(&r[m]), true),
                    text(&r[y])
                );
                if groups.last().is_none_or(|g| g.title != title) {
                    groups.push(BarGroup {
                        rate: text(&r[m]).ends_with("_rate"),
                        title,
                        bars: Vec::new(),
                    });
                }
                groups.last_mut().expect("pushed").bars.push(Bar {
                    label: text(&r[a]),
                    value: num(&r[v]),
                    reference: false,
                });
            }
            Some(Chart::Bars {
                title: crate::t!("chart-ranking"),
                groups,
            })
        }
        "compare" => {
            let (a, y) = (col(rows, "agency")?, col(rows, "year")?);
            let metrics: Vec<(usize, &String)> = rows
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    (*c == "requests" || c.contains("_rate_")) && !c.ends_with("_percentile")
                })
                .collect();
            let mut years: Vec<String> = rows.rows.iter().map(|r| text(&r[y])).collect();
            years.dedup();
            let mut groups = Vec::new();
            for year in &years {
                for (i, name) in &metrics {
                    groups.push(BarGroup {
                        title: format!("{} · {year}", crate::i18n::column_header(name, true)),
                        rate: name.contains("_rate_"),
                        bars: rows
                            .rows
                            .iter()
                            .filter(|r| text(&r[y]) == *year)
                            .map(|r| Bar {
                                label: text(&r[a]),
                                value: num(&r[*i]),
                                reference: crate::peers::is_summary(&text(&r[a])),
                            })
                            .collect(),
                    });
                }
            }
            Some(Chart::Bars {
                title: crate::t!("chart-compare"),
                groups,
            })
        }
        "trend" => {
            let (a, y) = (col(rows, "agency")?, col(rows, "year")?);
            let mut x: Vec<i64> = rows
                .rows
                .iter()
                .filter_map(|r| num(&r[y]).map(|f| f as i64))
                .collect();
            x.sort();
            x.dedup();
            if let (Some(&lo), Some(&hi)) = (x.first(), x.last()) {
                x = (lo..=hi).collect();
            }
            let mut agencies: Vec<String> = rows.rows.iter().map(|r| text(&r[a])).collect();
            agencies.dedup();
            let panels = ["requests", "resolution_rate", "disclosure_rate"]
                .iter()
                .filter_map(|m| {
                    let c = col(rows, m)?;
                    Some(Panel {
                        title: crate::i18n::column_header(m, true),
                        rate: m.ends_with("_rate"),
                        series: agencies
                            .iter()
                            .map(|ag| {
                                let pts = x
                                    .iter()
                                    .map(|yr| {
                                        rows.rows
                                            .iter()
                                            .find(|r| {
                                                text(&r[a]) == *ag && num(&r[y]) == Some(*yr as f64)
                                            })
                                            .and_then(|r| num(&r[c]))
                                    })
                                    .collect();
                                (ag.clone(), pts)
                            })
                            .collect(),
                    })
                })
                .collect();
            Some(Chart::Lines {
                title: crate::t!(
                    "chart-trend",
                    from = x.first().copied().unwrap_or(0).to_string(),
                    to = x.last().copied().unwrap_or(0).to_string()
                ),
                x,
                panels,
            })
        }
        _ => None,
    }
}

/// The terminal's width in columns: the terminal's own, else $COLUMNS, else 100.
pub fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return usize::from(w).max(40);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100usize)
        .max(40)
}

/// Pads (or cuts, with …) `s` to exactly `w` display columns.
pub fn fit(s: &str, w: usize) -> String {
    let width = s.width();
    if width <= w {
        return format!("{s}{}", " ".repeat(w - width));
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let cw = ch.width().unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(ch);
        used += cw;
    }
    out.push('…');
    used += 1;
    out.push_str(&" ".repeat(w.saturating_sub(used)));
    out
}

fn fmt_value(v: Option<f64>, rate: bool) -> String {
    match v {
        None => "–".into(),
        Some(f) if rate => format!("{:.1}%", f * 100.0),
        Some(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Some(f) => format!("{f:.2}"),
    }
}

const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

fn bar_text(value: f64, max: f64, width: usize, reference: bool) -> String {
    if max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * width as f64 * 8.0).round() as usize;
    if reference {
        return "░".repeat(eighths.div_ceil(8).max(1));
    }
    let mut s = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        s.push(EIGHTHS[eighths % 8 - 1]);
    }
    s
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws the chart in `width` columns.
pub fn terminal(chart: &Chart, width: usize) -> String {
    let mut out = String::new();
    match chart {
        Chart::Bars { groups, .. } => {
            let label_w = groups
                .iter()
                .flat_map(|g| &g.bars)
                .map(|b| b.label.width())
                .max()
                .unwrap_or(0)
                .min(width / 3);
            for (gi, g) in groups.iter().enumerate() {
                if gi > 0 {
                    out.push('\n');
                }
                let _ = writeln!(out, "{}", g.title);
                let values: Vec<String> =
                    g.bars.iter().map(|b| fmt_value(b.value, g.rate)).collect();
                let value_w = values.iter().map(|v| v.width()).max().unwrap_or(1);
                let bar_w = width.saturating_sub(label_w + value_w + 2).max(1);
                let max = if g.rate {
                    g.bars.iter().filter_map(|b| b.value).fold(1.0f64, f64::max)
                } else {
                    g.bars.iter().filter_map(|b| b.value).fold(0.0f64, f64::max)
                };
                for (b, v) in g.bars.iter().zip(&values) {
                    let bar = bar_text(b.value.unwrap_or(0.0), max, bar_w, b.reference);
                    let _ = writeln!(
                        out,
                        "{} {}{} {v:>value_w$}",
                        fit(&b.label, label_w),
                        bar,
                        " ".repeat(bar_w.saturating_sub(bar.width())),
                    );
                }
            }
        }
        Chart::Lines { x, panels, .. } => {
            let label_w = panels
                .iter()
                .flat_map(|p| &p.series)
                .map(|s| s.0.width())
                .max()
                .unwrap_or(0)
                .min(width / 3);
            let (lo, hi) = (
                x.first().copied().unwrap_or(0),
                x.last().copied().unwrap_or(0),
            );
            // Each year gets `per` columns of sparkline; the rest of the line is the numbers.
            let tail_w = 34;
            let per = (width.saturating_sub(label_w + tail_w + 2) / x.len().max(1)).clamp(1, 6);
            for (pi, p) in panels.iter().enumerate() {
                if pi > 0 {
                    out.push('\n');
                }
                let _ = writeln!(
                    out,
                    "{}",
                    crate::t!(
                        "chart-trend-legend",
                        title = p.title.as_str(),
                        from = lo,
                        to = hi
                    )
                );
                for (name, pts) in &p.series {
                    let known: Vec<f64> = pts.iter().flatten().copied().collect();
                    let (mn, mx) = known
                        .iter()
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                            (a.min(*v), b.max(*v))
                        });
                    let mut spark = String::new();
                    for v in pts {
                        let c = match v {
                            None => ' ',
                            Some(v) if mx > mn => {
                                SPARKS[(((v - mn) / (mx - mn)) * 7.0).round() as usize]
                            }
                            Some(_) => SPARKS[3],
                        };
                        for _ in 0..per {
                            spark.push(c);
                        }
                    }
                    let first = pts.iter().position(Option::is_some);
                    let last = pts.iter().rposition(Option::is_some);
                    let summary = match (first, last) {
                        (Some(f), Some(l)) if f != l => {
                            let (a, b) = (pts[f].unwrap_or(0.0), pts[l].unwrap_or(0.0));
                            let change = if p.rate {
                                crate::t!("chart-pp", change = format!("{:+.1}", (b - a) * 100.0))
                            } else if a > 0.0 {
                                let cagr = ((b / a).powf(1.0 / (l - f) as f64) - 1.0) * 100.0;
                                crate::t!("chart-cagr", change = format!("{cagr:+.1}"))
                            } else {
                                String::new()
                            };
                            format!(
                                "{} {} → {} {} {change}",
                                x[f],
                                fmt_value(Some(a), p.rate),
                                x[l],
                                fmt_value(Some(b), p.rate)
                            )
                        }
                        (Some(f), _) => format!("{} {}", x[f], fmt_value(pts[f], p.rate)),
                        _ => crate::t!("chart-no-data"),
                    };
                    let _ = writeln!(out, "{} {spark}  {summary}", fit(name, label_w));
                }
            }
        }
    }
    out
}

mod svg;
pub use svg::{FONT, svg};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_chart_keeps_ten_lines() {
        let chart = Chart::Lines {
            title: "t".into(),
            x: vec![2023, 2024],
            panels: vec![Panel {
                title: "requests".into(),
                rate: false,
                series: (0..25)
                    .map(|i| (format!("机关{i}"), vec![Some(1.0), Some(i as f64)]))
                    .collect(),
            }],
        };
        let s = svg(&chart);
        assert!(s.contains("the first 10 of 25 agencies"), "{s}");
        assert!(s.contains("\n机关9\n</text>") && !s.contains("\n机关10\n</text>"));
    }

    #[test]
    fn cjk_labels_align() {
        assert_eq!(fit("晋江市人民政府", 16).width(), 16);
        assert_eq!(fit("ab", 4), "ab  ");
        let cut = fit("淮安市洪泽区人民政府", 9);
        assert_eq!(cut.width(), 9);
        assert!(cut.ends_with('…') || cut.ends_with(' '));
    }

    #[test]
    fn bars_fit_the_width() {
        let chart = Chart::Bars {
            title: "t".into(),
            groups: vec![BarGroup {
                title: "g".into(),
                rate: true,
                bars: vec![
                    Bar {
                        label: "晋江市人民政府".into(),
                        value: Some(0.6),
                        reference: false,
                    },
                    Bar {
                        label: "A".into(),
                        value: None,
                        reference: false,
                    },
                    Bar {
                        label: "median".into(),
                        value: Some(0.5),
                        reference: true,
                    },
                ],
            }],
        };
        let out = terminal(&chart, 60);
        let lines: Vec<&str> = out.lines().skip(1).collect();
        assert_eq!(lines.len(), 3);
        for l in &lines {
            assert_eq!(l.width(), 60, "{l:?}");
        }
        assert!(lines[1].ends_with('–'));
        let s = svg(&chart);
        assert!(
            s.contains("<text") && s.contains("\n晋江市人民政府\n</text>"),
            "{s}"
        );
        assert!(s.contains("Noto Sans CJK SC"));
    }
}
