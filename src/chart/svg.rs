//! The SVG drawing of a chart, with plotters' SVG backend: every label is a real `<text>`
//! element in a CJK-capable font list, and label areas are sized with the terminal's width
//! measure (unicode-width), since the plotting crate's own estimate counts bytes.

use super::{BarGroup, Chart, Panel, fmt_value};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use unicode_width::UnicodeWidthStr;

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
