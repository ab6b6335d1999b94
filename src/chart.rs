//! Charts of a view's answer: bars and sparklines in the terminal (CJK names aligned by
//! display width: a Chinese character takes two columns), and the same chart as SVG.
//!
//! The SVG is written by hand rather than through a plotting crate so that its text layout
//! uses the same width measure as the terminal (unicode-width) and every label is a real
//! `<text>` element in a CJK-capable font list.

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
        _ => None,
    }
}

fn text(v: &SqlValue) -> String {
    match v {
        SqlValue::Text(t) => t.clone(),
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
                let title = format!("{} · {}", text(&r[m]), text(&r[y]));
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
                title: "Ranking (higher first)".into(),
                groups,
            })
        }
        "compare" => {
            let (a, y) = (col(rows, "agency")?, col(rows, "year")?);
            let metrics: Vec<(usize, &String)> = rows
                .columns
                .iter()
                .enumerate()
                .filter(|(_, c)| *c == "requests" || c.contains("_rate_"))
                .collect();
            let mut years: Vec<String> = rows.rows.iter().map(|r| text(&r[y])).collect();
            years.dedup();
            let mut groups = Vec::new();
            for year in &years {
                for (i, name) in &metrics {
                    groups.push(BarGroup {
                        title: format!("{name} · {year}"),
                        rate: name.contains("_rate_"),
                        bars: rows
                            .rows
                            .iter()
                            .filter(|r| text(&r[y]) == *year)
                            .map(|r| Bar {
                                label: text(&r[a]),
                                value: num(&r[*i]),
                                reference: text(&r[a]).starts_with("median"),
                            })
                            .collect(),
                    });
                }
            }
            Some(Chart::Bars {
                title: "Agencies beside the median (grey)".into(),
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
                        title: m.to_string(),
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
                title: format!(
                    "Trend {}–{} (dashed: across years without a report)",
                    x.first().copied().unwrap_or(0),
                    x.last().copied().unwrap_or(0)
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
                    "{} · {lo}–{hi} (▁ low … █ high per agency; blank: no report)",
                    p.title
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
                                format!("{:+.1} pp", (b - a) * 100.0)
                            } else if a > 0.0 {
                                format!(
                                    "CAGR {:+.1}%",
                                    ((b / a).powf(1.0 / (l - f) as f64) - 1.0) * 100.0
                                )
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
                        _ => "no data".into(),
                    };
                    let _ = writeln!(out, "{} {spark}  {summary}", fit(name, label_w));
                }
            }
        }
    }
    out
}

const FONT: &str = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'PingFang SC', \
'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
const COLORS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Width in pixels of `s` at `size` px: a CJK character is one em, others half.
fn text_px(s: &str, size: f64) -> f64 {
    s.width() as f64 * size * 0.55
}

/// The same chart as a standalone SVG document.
pub fn svg(chart: &Chart) -> String {
    let w = 860.0;
    let mut body = String::new();
    let mut y = 20.0;
    let title = match chart {
        Chart::Bars { title, .. } | Chart::Lines { title, .. } => title,
    };
    let _ = writeln!(
        body,
        r#"<text x="20" y="{}" font-size="18" font-weight="bold">{}</text>"#,
        y + 8.0,
        esc(title)
    );
    y += 30.0;
    match chart {
        Chart::Bars { groups, .. } => {
            let size = 13.0;
            let label_w = groups
                .iter()
                .flat_map(|g| &g.bars)
                .map(|b| text_px(&b.label, size))
                .fold(0.0, f64::max)
                .min(w / 3.0);
            let x0 = 20.0 + label_w + 10.0;
            let bar_w = w - x0 - 90.0;
            for g in groups {
                let _ = writeln!(
                    body,
                    r##"<text x="20" y="{}" font-size="14" font-weight="bold" fill="#333">{}</text>"##,
                    y + 12.0,
                    esc(&g.title)
                );
                y += 22.0;
                let max = if g.rate {
                    g.bars.iter().filter_map(|b| b.value).fold(1.0f64, f64::max)
                } else {
                    g.bars.iter().filter_map(|b| b.value).fold(0.0f64, f64::max)
                };
                for (i, b) in g.bars.iter().enumerate() {
                    let len = match b.value {
                        Some(v) if max > 0.0 && v > 0.0 => (v / max).min(1.0) * bar_w,
                        _ => 0.0,
                    };
                    let fill = if b.reference {
                        "#bbbbbb"
                    } else {
                        COLORS[i % COLORS.len()]
                    };
                    let _ = writeln!(
                        body,
                        r#"<text x="{}" y="{}" font-size="{size}" text-anchor="end">{}</text>"#,
                        x0 - 8.0,
                        y + 13.0,
                        esc(&b.label)
                    );
                    let _ = writeln!(
                        body,
                        r#"<rect x="{x0}" y="{}" width="{len:.1}" height="16" fill="{fill}"/>"#,
                        y + 2.0
                    );
                    let _ = writeln!(
                        body,
                        r##"<text x="{:.1}" y="{}" font-size="{size}" fill="#333">{}</text>"##,
                        x0 + len + 6.0,
                        y + 14.0,
                        esc(&fmt_value(b.value, g.rate))
                    );
                    y += 22.0;
                }
                y += 14.0;
            }
        }
        Chart::Lines { x, panels, .. } => {
            let names: Vec<&String> = panels
                .first()
                .map(|p| p.series.iter().map(|s| &s.0).collect())
                .unwrap_or_default();
            // Legend.
            let mut lx = 20.0;
            for (i, n) in names.iter().enumerate() {
                let c = COLORS[i % COLORS.len()];
                if lx + text_px(n, 13.0) + 40.0 > w {
                    lx = 20.0;
                    y += 20.0;
                }
                let _ = writeln!(
                    body,
                    r#"<rect x="{lx}" y="{}" width="14" height="4" fill="{c}"/><text x="{}" y="{}" font-size="13">{}</text>"#,
                    y - 4.0,
                    lx + 20.0,
                    y + 1.0,
                    esc(n)
                );
                lx += text_px(n, 13.0) + 44.0;
            }
            y += 16.0;
            let (pw, ph) = (w - 110.0, 170.0);
            let px0 = 80.0;
            for p in panels {
                let _ = writeln!(
                    body,
                    r##"<text x="20" y="{}" font-size="14" font-weight="bold" fill="#333">{}</text>"##,
                    y + 12.0,
                    esc(&p.title)
                );
                y += 24.0;
                let vals: Vec<f64> = p
                    .series
                    .iter()
                    .flat_map(|s| s.1.iter().flatten().copied())
                    .collect();
                let hi = vals.iter().copied().fold(0.0f64, f64::max);
                let hi = if p.rate {
                    hi.max(1.0)
                } else {
                    nice_ceiling(hi)
                };
                let top = y;
                let sx = |i: usize| {
                    if x.len() <= 1 {
                        px0 + pw / 2.0
                    } else {
                        px0 + pw * i as f64 / (x.len() - 1) as f64
                    }
                };
                let sy = |v: f64| top + ph - if hi > 0.0 { v / hi * ph } else { 0.0 };
                // Round steps: 2 × 10^k splits in 4, 1, 2.5 and 5 × 10^k in 5.
                let mantissa = hi / 10f64.powf(hi.log10().floor());
                let steps = if (mantissa - 2.0).abs() < 1e-9 { 4 } else { 5 };
                for k in 0..=steps {
                    let v = hi * k as f64 / steps as f64;
                    let yy = sy(v);
                    let _ = writeln!(
                        body,
                        r##"<line x1="{px0}" y1="{yy:.1}" x2="{}" y2="{yy:.1}" stroke="#e0e0e0"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#555">{}</text>"##,
                        px0 + pw,
                        px0 - 6.0,
                        yy + 4.0,
                        esc(&fmt_value(Some(v), p.rate))
                    );
                }
                for (i, yr) in x.iter().enumerate() {
                    let _ = writeln!(
                        body,
                        r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#555">{yr}</text>"##,
                        sx(i),
                        top + ph + 16.0
                    );
                }
                let _ = writeln!(
                    body,
                    r##"<line x1="{px0}" y1="{:.1}" x2="{}" y2="{:.1}" stroke="#888"/>"##,
                    top + ph,
                    px0 + pw,
                    top + ph
                );
                for (si, (_, pts)) in p.series.iter().enumerate() {
                    let c = COLORS[si % COLORS.len()];
                    // Runs of consecutive years with values are lines; a missing year breaks it.
                    let mut run: Vec<String> = Vec::new();
                    let flush = |run: &mut Vec<String>, body: &mut String| {
                        if run.len() > 1 {
                            let _ = writeln!(
                                body,
                                r#"<polyline points="{}" fill="none" stroke="{c}" stroke-width="2"/>"#,
                                run.join(" ")
                            );
                        }
                        run.clear();
                    };
                    let mut last: Option<(usize, f64)> = None;
                    for (i, v) in pts.iter().enumerate() {
                        match v {
                            Some(v) => {
                                // Across missing years: a dashed line, so the gap shows.
                                if let Some((j, u)) = last
                                    && j + 1 < i
                                {
                                    let _ = writeln!(
                                        body,
                                        r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{c}" stroke-width="1.5" stroke-dasharray="5,4"/>"#,
                                        sx(j),
                                        sy(u),
                                        sx(i),
                                        sy(*v)
                                    );
                                }
                                last = Some((i, *v));
                                run.push(format!("{:.1},{:.1}", sx(i), sy(*v)));
                                let _ = writeln!(
                                    body,
                                    r#"<circle cx="{:.1}" cy="{:.1}" r="3.5" fill="{c}"/>"#,
                                    sx(i),
                                    sy(*v)
                                );
                            }
                            None => flush(&mut run, &mut body),
                        }
                    }
                    flush(&mut run, &mut body);
                }
                y = top + ph + 40.0;
            }
        }
    }
    let h = y + 10.0;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\">\n\
<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{body}</svg>\n"
    )
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at or above `v`.
fn nice_ceiling(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(s.contains("晋江市人民政府</text>"));
        assert!(s.contains("Noto Sans CJK SC"));
    }
}
