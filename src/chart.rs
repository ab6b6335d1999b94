//! Charts of a view's answer: bars and sparklines in the terminal (CJK names aligned by
//! display width: a Chinese character takes two columns), and the same chart as SVG.
//!
//! The SVG is drawn with plotters' SVG backend (no font loading: the viewer renders the text),
//! so every label is a real `<text>` element in a CJK-capable font list; label areas are sized
//! with the same width measure as the terminal (unicode-width).

use crate::store::{Rows, SqlValue};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
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
                        title: format!("{name} · {year}"),
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

/// CJK-capable fonts first; written as the SVG's font-family list.
pub const FONT: &str = "Noto Sans CJK SC, Source Han Sans SC, Noto Sans SC, PingFang SC, \
Hiragino Sans GB, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif";
const COLORS: [RGBColor; 10] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xe3, 0x77, 0xc2),
    RGBColor(0x17, 0xbe, 0xcf),
    RGBColor(0xbc, 0xbd, 0x22),
    RGBColor(0x7f, 0x7f, 0x7f),
];
const GREY: RGBColor = RGBColor(0xbb, 0xbb, 0xbb);

/// Width in pixels of `s` at `size` px: a CJK character is one em, others about half. (The
/// plotting crate's own estimate counts bytes, so label areas are sized here.)
fn text_px(s: &str, size: f64) -> f64 {
    s.width() as f64 * size * 0.55
}

const W: u32 = 860;
const MAX_LINES: usize = 10;

/// The same chart as a standalone SVG document, drawn with plotters' SVG backend: every label
/// is a `<text>` element in a CJK-capable font list.
pub fn svg(chart: &Chart) -> String {
    // A line chart stays readable with a handful of lines: keep the first MAX_LINES.
    let capped;
    let chart = match chart {
        Chart::Lines { title, x, panels }
            if panels.first().is_some_and(|p| p.series.len() > MAX_LINES) =>
        {
            let n = panels[0].series.len();
            capped = Chart::Lines {
                title: format!(
                    "{title}\nthe first {MAX_LINES} of {n} agencies (narrow with --agency or --region)"
                ),
                x: x.clone(),
                panels: panels
                    .iter()
                    .map(|p| Panel {
                        series: p.series.iter().take(MAX_LINES).cloned().collect(),
                        ..p.clone()
                    })
                    .collect(),
            };
            &capped
        }
        other => other,
    };
    let mut buf = String::new();
    let height = match chart {
        Chart::Bars { groups, .. } => {
            50 + groups
                .iter()
                .map(|g| 40 + 22 * g.bars.len() as u32)
                .sum::<u32>()
        }
        Chart::Lines { panels, .. } => {
            // The legend wraps: about four names a line.
            let names = panels.first().map_or(0, |p| p.series.len()) as u32;
            100 + 20 * names.div_ceil(4) + 230 * panels.len() as u32
        }
    };
    {
        let root = SVGBackend::with_string(&mut buf, (W, height)).into_drawing_area();
        // Drawing into a String cannot fail; an error would only lose part of a picture.
        let _ = draw(&root, chart);
        let _ = root.present();
    }
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{buf}")
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

fn draw(root: &Area<'_>, chart: &Chart) -> DrawResult {
    root.fill(&WHITE)?;
    let title = match chart {
        Chart::Bars { title, .. } | Chart::Lines { title, .. } => title,
    };
    // The first line of the title is the heading; a second one is a note under it.
    let mut lines = title.lines();
    root.draw(&Text::new(
        lines.next().unwrap_or("").to_string(),
        (20, 12),
        (FONT, 24).into_font().style(FontStyle::Bold),
    ))?;
    let mut top = 45;
    for note in lines {
        root.draw(&Text::new(note.to_string(), (20, top - 6), (FONT, 16)))?;
        top += 20;
    }
    let body = root.margin(top, 0, 0, 0);
    match chart {
        Chart::Bars { groups, .. } => draw_bars(&body, groups),
        Chart::Lines { x, panels, .. } => draw_lines(&body, x, panels),
    }
}

fn draw_bars(area: &Area<'_>, groups: &[BarGroup]) -> DrawResult {
    let label_px = groups
        .iter()
        .flat_map(|g| &g.bars)
        .map(|b| text_px(&b.label, 13.0))
        .fold(0.0, f64::max)
        .min(f64::from(W) / 3.0) as u32
        + 12;
    let mut top = 0u32;
    for g in groups {
        let n = g.bars.len();
        let h = 40 + 22 * n as u32;
        let panel = area.clone().shrink((0, top), (W, h));
        top += h;
        let max = g.bars.iter().filter_map(|b| b.value).fold(0.0f64, f64::max);
        // Rates on 0..100% at least, so that groups compare; counts on 0..max.
        let max = max.max(1.0);
        let mut c = ChartBuilder::on(&panel)
            .caption(&g.title, (FONT, 18).into_font().style(FontStyle::Bold))
            .margin_left(10)
            .margin_right(80)
            .margin_bottom(6)
            .y_label_area_size(label_px)
            .x_label_area_size(0)
            .build_cartesian_2d(0f64..max, (0..n).into_segmented())?;
        let labels: Vec<String> = g.bars.iter().map(|b| b.label.clone()).collect();
        // Segment 0 is at the bottom: the first bar goes to the top.
        let row = |i: usize| n - 1 - i;
        c.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_labels(n)
            .y_label_style((FONT, 16))
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(k) if *k < n => labels[n - 1 - *k].clone(),
                _ => String::new(),
            })
            .axis_style(WHITE)
            .draw()?;
        for (i, b) in g.bars.iter().enumerate() {
            let v = b.value.unwrap_or(0.0).max(0.0);
            let color = if b.reference {
                GREY
            } else {
                COLORS[i % COLORS.len()]
            };
            let mut rect = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(row(i))),
                    (v, SegmentValue::Exact(row(i) + 1)),
                ],
                color.filled(),
            );
            rect.set_margin(3, 3, 0, 0);
            c.draw_series(std::iter::once(rect))?;
            // The value, 6 px right of the bar's end.
            c.draw_series(std::iter::once(
                EmptyElement::at((v, SegmentValue::CenterOf(row(i))))
                    + Text::new(
                        fmt_value(b.value, g.rate),
                        (6, 0),
                        (FONT, 16)
                            .into_font()
                            .color(&RGBColor(0x33, 0x33, 0x33))
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    ),
            ))?;
        }
    }
    Ok(())
}

fn draw_lines(area: &Area<'_>, x: &[i64], panels: &[Panel]) -> DrawResult {
    // Legend: one swatch and name per series, wrapped to the width.
    let names: Vec<&String> = panels
        .first()
        .map(|p| p.series.iter().map(|s| &s.0).collect())
        .unwrap_or_default();
    let (mut lx, mut ly) = (20i32, 0i32);
    for (i, n) in names.iter().enumerate() {
        let wpx = text_px(n, 13.0) as i32 + 44;
        if lx + wpx > W as i32 {
            lx = 20;
            ly += 20;
        }
        let c = COLORS[i % COLORS.len()];
        area.draw(&Rectangle::new(
            [(lx, ly + 5), (lx + 14, ly + 9)],
            c.filled(),
        ))?;
        area.draw(&Text::new((*n).clone(), (lx + 20, ly), (FONT, 16)))?;
        lx += wpx;
    }
    let body = area.margin(ly as u32 + 25, 0, 0, 0);
    let (lo, hi) = (
        x.first().copied().unwrap_or(0),
        x.last().copied().unwrap_or(0),
    );
    let (xlo, xhi) = if lo == hi { (lo - 1, hi + 1) } else { (lo, hi) };
    for (p, panel_area) in panels
        .iter()
        .zip(body.split_evenly((panels.len().max(1), 1)))
    {
        let vals: Vec<f64> = p
            .series
            .iter()
            .flat_map(|s| s.1.iter().flatten().copied())
            .collect();
        let top = vals.iter().copied().fold(0.0f64, f64::max);
        let top = if p.rate {
            top.max(1.0)
        } else {
            nice_ceiling(top)
        };
        let mut c = ChartBuilder::on(&panel_area)
            .caption(&p.title, (FONT, 18).into_font().style(FontStyle::Bold))
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(8)
            .x_label_area_size(24)
            .y_label_area_size(60)
            .build_cartesian_2d(xlo..xhi, 0f64..top)?;
        let rate = p.rate;
        c.configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .bold_line_style(RGBColor(0xe0, 0xe0, 0xe0))
            .x_labels((xhi - xlo + 1) as usize)
            .x_label_formatter(&|y| y.to_string())
            .y_labels(6)
            .y_label_formatter(&|v| fmt_value(Some(*v), rate))
            .label_style((FONT, 13))
            .axis_style(RGBColor(0x88, 0x88, 0x88))
            .draw()?;
        for (si, (_, pts)) in p.series.iter().enumerate() {
            let color = COLORS[si % COLORS.len()];
            let known: Vec<(i64, f64)> = x
                .iter()
                .zip(pts)
                .filter_map(|(yr, v)| v.map(|v| (*yr, v)))
                .collect();
            // Consecutive years: a solid line; across a missing year: a dashed one.
            for w in known.windows(2) {
                let seg = vec![w[0], w[1]];
                if w[1].0 == w[0].0 + 1 {
                    c.draw_series(LineSeries::new(seg, color.stroke_width(2)))?;
                } else {
                    c.draw_series(DashedLineSeries::new(seg, 6, 4, color.stroke_width(2)))?;
                }
            }
            c.draw_series(
                known
                    .iter()
                    .map(|&(yr, v)| Circle::new((yr, v), 3, color.filled())),
            )?;
        }
    }
    Ok(())
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
