//! What `gov-db query` adds to a view's rows that SQL says badly: the coverage grid (one
//! column per year, with roll-ups per region), the medians beside a comparison, and the
//! compound annual growth rate of a trend (a percentage).

use crate::store::{Rows, SqlValue};
use std::collections::{BTreeMap, HashMap};

fn text(v: &SqlValue) -> String {
    match v {
        SqlValue::Text(t) | SqlValue::Decimal(t) => t.clone(),
        SqlValue::Int(i) => i.to_string(),
        SqlValue::Real(f) => f.to_string(),
        SqlValue::Null => String::new(),
    }
}

fn col(rows: &Rows, name: &str) -> usize {
    rows.columns
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("the view has a {name} column"))
}

/// The coverage view's long rows (agency, year, region_code, level, has_report) as a grid:
/// one row per agency, one column per year (✓ a report, · missing), `reports` and the
/// `missing` years; then one roll-up row per province and prefecture (k/n agencies reported)
/// and one for all agencies listed. `region_names` names the codes (from `region`).
pub fn coverage_grid(rows: &Rows, region_names: &HashMap<String, String>) -> Rows {
    let (a, y, rc, h) = (
        col(rows, "agency"),
        col(rows, "year"),
        col(rows, "region_code"),
        col(rows, "has_report"),
    );
    let mut years: Vec<i64> = rows
        .rows
        .iter()
        .filter_map(|r| match r[y] {
            SqlValue::Int(i) => Some(i),
            _ => None,
        })
        .collect();
    years.sort();
    years.dedup();
    // Agencies in the view's order, each with its region and the years it has.
    let mut order: Vec<(String, Option<String>)> = Vec::new();
    let mut has: HashMap<String, Vec<bool>> = HashMap::new();
    for r in &rows.rows {
        let name = text(&r[a]);
        let entry = has.entry(name.clone()).or_insert_with(|| {
            let region = match &r[rc] {
                SqlValue::Text(t) => Some(t.clone()),
                _ => None,
            };
            order.push((name.clone(), region));
            vec![false; years.len()]
        });
        if let (SqlValue::Int(yr), SqlValue::Int(1)) = (&r[y], &r[h])
            && let Ok(i) = years.binary_search(yr)
        {
            entry[i] = true;
        }
    }
    let mut columns = vec!["agency".to_string(), "region_code".to_string()];
    columns.extend(years.iter().map(i64::to_string));
    columns.push("reports".into());
    columns.push("missing".into());
    let mut out = Rows {
        columns,
        rows: Vec::new(),
    };
    for (name, region) in &order {
        let marks = &has[name];
        let mut row = vec![
            SqlValue::Text(name.clone()),
            region.clone().map_or(SqlValue::Null, SqlValue::Text),
        ];
        row.extend(
            marks
                .iter()
                .map(|m| SqlValue::Text(if *m { "✓" } else { "·" }.into())),
        );
        row.push(SqlValue::Int(marks.iter().filter(|m| **m).count() as i64));
        let missing: Vec<String> = years
            .iter()
            .zip(marks)
            .filter(|(_, m)| !**m)
            .map(|(y, _)| y.to_string())
            .collect();
        row.push(SqlValue::Text(missing.join(" ")));
        out.rows.push(row);
    }
    // Roll-ups: province (2 digits) and prefecture (4 digits) of each agency's code.
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, region) in &order {
        if let Some(code) = region {
            for len in [2, 4] {
                if code.len() >= len && (len == 2 || &code[2..4] != "00") {
                    groups
                        .entry(code[..len].to_string())
                        .or_default()
                        .push(name);
                }
            }
        }
    }
    let mut rollup = |label: String, code: Option<String>, members: &[&str]| {
        let mut row = vec![
            SqlValue::Text(label),
            code.map_or(SqlValue::Null, SqlValue::Text),
        ];
        let mut total = 0;
        let mut missing = 0;
        for (i, _) in years.iter().enumerate() {
            let k = members.iter().filter(|m| has[**m][i]).count();
            total += k;
            missing += members.len() - k;
            row.push(SqlValue::Text(format!("{k}/{}", members.len())));
        }
        row.push(SqlValue::Int(total as i64));
        row.push(SqlValue::Text(crate::t!("coverage-missing", n = missing)));
        out.rows.push(row);
    };
    if order.len() > 1 {
        for (prefix, members) in &groups {
            let full = format!("{prefix:0<6}");
            let name = region_names.get(&full).cloned().unwrap_or_default();
            rollup(
                format!(
                    "Σ {}",
                    if name.is_empty() {
                        prefix.clone()
                    } else {
                        name
                    }
                )
                .trim_end()
                .to_string(),
                Some(prefix.clone()),
                members,
            );
        }
        let all: Vec<&str> = order.iter().map(|o| o.0.as_str()).collect();
        rollup(crate::t!("coverage-all"), None, &all);
    }
    out
}

/// The median of the known values (None when there are none).
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    })
}

/// Appends, per year of `selected`, one row with the median of each numeric column over the
/// rows of `peers` for that year, labelled `median · {scope} (n=…)` (see [`median_rows`]).
pub fn append_medians(selected: &mut Rows, peers: &Rows, scope: &str) {
    let medians = median_rows(selected, peers, scope);
    selected.rows.extend(medians);
}

/// Per year of `selected`, one row with the median of each numeric column over the rows of
/// `peers` for that year, labelled `median · {scope} (n=…)`. `peers` may be `selected` itself
/// (its rows are every agency of the years asked when no agency or region is).
pub fn median_rows(selected: &Rows, peers: &Rows, scope: &str) -> Vec<Vec<SqlValue>> {
    let y = col(selected, "year");
    let a = col(selected, "agency");
    let mut years: Vec<SqlValue> = Vec::new();
    for r in &selected.rows {
        if !years.contains(&r[y]) && !crate::peers::is_summary(&text(&r[a])) {
            years.push(r[y].clone());
        }
    }
    let mut out = Vec::with_capacity(years.len());
    for year in years {
        let peer_rows: Vec<&Vec<SqlValue>> = peers.rows.iter().filter(|r| r[y] == year).collect();
        let mut row = Vec::with_capacity(selected.columns.len());
        for (i, c) in selected.columns.iter().enumerate() {
            row.push(match c.as_str() {
                "agency" => SqlValue::Text(crate::t!(
                    "peer-median-row",
                    median = crate::t!("peer-median"),
                    scope = scope,
                    n = peer_rows.len()
                )),
                "year" => year.clone(),
                "region_code" => SqlValue::Null,
                _ => {
                    let mut vals: Vec<f64> = peer_rows
                        .iter()
                        .filter_map(|r| match r[i] {
                            SqlValue::Int(v) => Some(v as f64),
                            SqlValue::Real(v) if v.is_finite() => Some(v),
                            _ => None,
                        })
                        .collect();
                    median(&mut vals).map_or(SqlValue::Null, SqlValue::Real)
                }
            });
        }
        out.push(row);
    }
    out
}

/// Adds `requests_cagr_pct` to the trend's rows: on each agency's last row, the compound
/// annual growth of requests between its first and last years with a value in the rows given,
/// as a percentage (56.8 for +56.8% a year), as `requests_change_pct` beside it is.
pub fn add_cagr(rows: &mut Rows) {
    let (a, y, q) = (
        col(rows, "agency"),
        col(rows, "year"),
        col(rows, "requests"),
    );
    rows.columns.push("requests_cagr_pct".into());
    let n = rows.rows.len();
    let mut start = 0;
    while start < n {
        let agency = rows.rows[start][a].clone();
        let end = (start..n).find(|&i| rows.rows[i][a] != agency).unwrap_or(n);
        let known: Vec<(i64, i64)> = rows.rows[start..end]
            .iter()
            .filter_map(|r| match (&r[y], &r[q]) {
                (SqlValue::Int(yr), SqlValue::Int(v)) => Some((*yr, *v)),
                _ => None,
            })
            .collect();
        let cagr = match (known.first(), known.last()) {
            (Some(&(fy, fv)), Some(&(ly, lv))) if ly > fy && fv > 0 => {
                Some(((lv as f64 / fv as f64).powf(1.0 / (ly - fy) as f64) - 1.0) * 100.0)
            }
            _ => None,
        };
        for i in start..end {
            let v = if i + 1 == end { cagr } else { None };
            rows.rows[i].push(v.map_or(SqlValue::Null, SqlValue::Real));
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_cagr() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&mut []), None);
        let mut rows = Rows {
            columns: vec!["agency".into(), "year".into(), "requests".into()],
            rows: vec![
                vec![
                    SqlValue::Text("A".into()),
                    SqlValue::Int(2019),
                    SqlValue::Int(100),
                ],
                vec![
                    SqlValue::Text("A".into()),
                    SqlValue::Int(2021),
                    SqlValue::Int(121),
                ],
                vec![
                    SqlValue::Text("B".into()),
                    SqlValue::Int(2021),
                    SqlValue::Int(0),
                ],
                vec![
                    SqlValue::Text("B".into()),
                    SqlValue::Int(2022),
                    SqlValue::Int(5),
                ],
            ],
        };
        add_cagr(&mut rows);
        assert_eq!(rows.rows[0][3], SqlValue::Null);
        match rows.rows[1][3] {
            SqlValue::Real(f) => assert!((f - 10.0).abs() < 1e-9, "{f}"),
            ref other => panic!("{other:?}"),
        }
        assert_eq!(rows.rows[3][3], SqlValue::Null, "no growth rate from 0");
    }
}
