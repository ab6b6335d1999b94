//! The page's section on peers: the agency's figures beside its groups' percentiles and
//! quartiles, per year, and the rates of the newest year as bars.

use super::{Page, YearPeers, esc, inline_svg};
use crate::chart::{Bar, BarGroup, Chart};
use crate::peers::QUANTILES;
use std::fmt::Write as _;

/// The compare view's columns as a reader knows them.
fn metric_label(metric: &str) -> String {
    match metric {
        "requests"
        | "processed"
        | "resolution_rate_of_requests"
        | "disclosure_rate_of_processed"
        | "withheld_rate_of_processed"
        | "correction_rate_of_decided" => crate::t!("page-metric", metric = metric),
        _ => String::new(),
    }
}

fn is_rate(metric: &str) -> bool {
    metric.contains("_rate")
}

fn number_text(v: Option<f64>, rate: bool) -> String {
    match v {
        None => "–".into(),
        Some(f) if rate => format!("{:.1}%", f * 100.0),
        Some(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Some(f) => format!("{f:.1}"),
    }
}

pub(super) fn peers(o: &mut String, page: &Page) {
    let _ = writeln!(
        o,
        "<section id=\"peers\">\n<h2>{}</h2>\n<p class=\"note\">{}</p>",
        esc(&crate::t!("page-peers")),
        esc(&crate::t!("page-peers-note"))
    );
    for (k, y) in page.peers.iter().enumerate() {
        let _ = writeln!(o, "<h3>{}年</h3>", y.year);
        let groups = [
            (crate::t!("page-peers-national"), &y.national),
            (crate::t!("page-peers-provincial"), &y.provincial),
        ];
        if groups.iter().all(|(_, g)| g.is_none()) {
            let _ = writeln!(o, "<p>{}</p>", esc(&crate::t!("page-no-peers")));
            continue;
        }
        let _ = write!(
            o,
            "<table class=\"peers\" data-year=\"{}\">\n<thead><tr><th rowspan=\"2\">{}</th>\
             <th rowspan=\"2\">{}</th>",
            y.year,
            esc(&crate::t!("page-metric-heading")),
            esc(&crate::t!("page-this-agency"))
        );
        for (label, g) in &groups {
            let what = match g {
                Some(s) => format!("{label}: {} (n={})", esc(&s.group), s.members),
                None => format!("{label}: –"),
            };
            let _ = write!(o, "<th colspan=\"4\">{what}</th>");
        }
        o.push_str("</tr>\n<tr>");
        for _ in &groups {
            let _ = write!(o, "<th>{}</th>", esc(&crate::t!("page-percentile")));
            for (q, _) in QUANTILES {
                let _ = write!(o, "<th>{q}</th>");
            }
        }
        o.push_str("</tr></thead>\n<tbody>\n");
        let metrics = groups
            .iter()
            .find_map(|(_, g)| g.as_ref())
            .map(|s| s.metrics.clone())
            .unwrap_or_default();
        for (i, m) in metrics.iter().enumerate() {
            let rate = is_rate(&m.metric);
            let _ = write!(
                o,
                "<tr data-metric=\"{0}\"><th scope=\"row\">{1} <code>{0}</code></th><td class=\"num\">{2}</td>",
                esc(&m.metric),
                metric_label(&m.metric),
                number_text(m.value, rate)
            );
            for (_, g) in &groups {
                match g.as_ref().and_then(|s| s.metrics.get(i)) {
                    Some(s) => {
                        let pct = s.percentile.map_or("–".into(), |p| format!("{p:.0}"));
                        let _ = write!(o, "<td class=\"num\">{pct}</td>");
                        for q in s.quartiles {
                            let _ = write!(o, "<td class=\"num\">{}</td>", number_text(q, rate));
                        }
                    }
                    None => o.push_str(&"<td class=\"num\">–</td>".repeat(4)),
                }
            }
            o.push_str("</tr>\n");
        }
        o.push_str("</tbody></table>\n");
        // One chart, for the newest year: the tables give every year's figures.
        if let Some(c) = peer_chart(page, y).filter(|_| k == 0) {
            let _ = writeln!(o, "<figure class=\"chart\">{}</figure>", inline_svg(&c));
        }
    }
    o.push_str("</section>\n");
}

/// The rates of one year as bars: the agency, then its groups' quartiles in grey.
fn peer_chart(page: &Page, y: &YearPeers) -> Option<Chart> {
    let first = y.national.as_ref().or(y.provincial.as_ref())?;
    let groups = first
        .metrics
        .iter()
        .enumerate()
        .filter(|(_, m)| is_rate(&m.metric))
        .map(|(i, m)| {
            let mut bars = vec![Bar {
                label: page.agency.name.clone(),
                value: m.value,
                reference: false,
            }];
            for (scope, s) in [("全国同级", &y.national), ("省内同级", &y.provincial)] {
                let Some(s) = s.as_ref().and_then(|s| s.metrics.get(i)) else {
                    continue;
                };
                for ((q, _), v) in QUANTILES.iter().zip(s.quartiles) {
                    bars.push(Bar {
                        label: format!("{q} · {scope}"),
                        value: v,
                        reference: true,
                    });
                }
            }
            BarGroup {
                title: format!("{} · {}", m.metric, y.year),
                bars,
                rate: true,
            }
        })
        .collect();
    Some(Chart::Bars {
        title: crate::t!("page-peers-chart", year = y.year),
        groups,
    })
}
