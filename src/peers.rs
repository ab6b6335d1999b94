//! Peer groups for `compare` and `ranking` (`--peers level`, `province`, `level,province`):
//! where an agency stands among agencies like it, and the spread of the group, as a reader
//! asks it ("is a county's 60% disclosure high for a county in 福建?").
//!
//! Definitions, stated once here and in the views' headers (sql/compare.sql, sql/ranking.sql):
//!
//! - peer group: the agencies with a report in the same statistics year and, per `--peers`, the
//!   same level (as the agencies view has it) and/or the same province (the first two digits of
//!   the region code). An agency whose level or code is unknown has no group. A metric's group
//!   is the members with a value for it (a NULL rate is no value); ranking's members are the
//!   agencies it ranks (`--min-requests`), whatever `--agency`, `--region` or `--limit` show.
//! - percentile (0–100): the share of the agency's peers (the group without the agency) with a
//!   lower value, a tie counting one half: 100 × (lower + equal ÷ 2) ÷ (n − 1). The lowest value
//!   of a group is 0, the highest 100, the middle one 50; with n = 1 it is NULL. The same as
//!   (average rank − 1) ÷ (n − 1) × 100, pandas' `(s.rank() - 1) / (s.count() - 1) * 100`. It
//!   orders values, whatever their meaning: a high withheld_rate has a high percentile.
//! - quantiles P25, P50, P75: linear interpolation between the sorted values (numpy's default,
//!   Hyndman and Fan's type 7): h = (n − 1) × p, Q = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋+1] − x[⌊h⌋]),
//!   x counted from 0. P50 is the median; an agency whose value is Q(p) of a group of distinct
//!   values has percentile 100 × p.

use crate::store::{AgencyAttributes as Attributes, Rows, SqlValue};
use std::collections::{BTreeMap, BTreeSet};

/// What a peer group has in common besides the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum By {
    /// The agency's level (central, provincial, prefecture, county, township).
    Level,
    /// The agency's province: the first two digits of its region code.
    Province,
}

/// The group an agency belongs to, as a label (`level county · province 35`), or None when
/// its level or code, as `by` needs them, is unknown.
pub fn group(by: &[By], level: Option<&str>, region_code: Option<&str>) -> Option<String> {
    let mut by = by.to_vec();
    by.sort();
    by.dedup();
    let parts: Option<Vec<String>> = by
        .iter()
        .map(|b| match b {
            By::Level => level.map(|l| crate::t!("peer-group-level", level = l)),
            By::Province => region_code
                .filter(|c| c.len() >= 2 && c.is_char_boundary(2))
                .map(|c| crate::t!("peer-group-province", code = &c[..2])),
        })
        .collect();
    parts.map(|p| p.join(" · "))
}

/// The percentile of `value` in a group whose values, `value` among them, are `sorted`
/// (ascending, no NaN): see the module's comment. None for a group of one.
pub fn percentile(value: f64, sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    if n < 2 {
        return None;
    }
    let lower = sorted.partition_point(|v| *v < value);
    let not_higher = sorted.partition_point(|v| *v <= value);
    // The agency's own value is one of the equal ones, not a peer's.
    let equal = not_higher.saturating_sub(lower).saturating_sub(1);
    Some(100.0 * (lower as f64 + equal as f64 / 2.0) / (n - 1) as f64)
}

/// The quantile `p` (0–1) of `sorted` (ascending) by linear interpolation; None when empty.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let below = h.floor() as usize;
    let above = (below + 1).min(last);
    Some(sorted[below] + (h - below as f64) * (sorted[above] - sorted[below]))
}

/// The quantiles the views print beside the median, with their row labels.
pub const QUANTILES: [(&str, f64); 3] = [("P25", 0.25), ("P50", 0.5), ("P75", 0.75)];

/// Whether a row of compare is a summary (a median or a quantile) rather than an agency.
pub fn is_summary(label: &str) -> bool {
    label.starts_with(&format!("{} · ", crate::t!("peer-median")))
        || QUANTILES
            .iter()
            .any(|(q, _)| label.starts_with(&format!("{q} · ")))
}

/// Groups' values, each sorted once, for many look-ups.
#[derive(Debug, Default)]
pub struct Groups {
    values: BTreeMap<(i64, String), Vec<f64>>,
    /// Members per group, values or not.
    members: BTreeMap<(i64, String), usize>,
}

impl Groups {
    /// Adds one member of the group `key` in `year`, with its value if it has one.
    pub fn add(&mut self, year: i64, key: &str, value: Option<f64>) {
        let k = (year, key.to_string());
        *self.members.entry(k.clone()).or_default() += 1;
        let values = self.values.entry(k).or_default();
        if let Some(v) = value.filter(|v| v.is_finite()) {
            values.push(v);
        }
    }

    /// Sorts every group's values; call once after the last [`Groups::add`].
    pub fn seal(&mut self) {
        for v in self.values.values_mut() {
            v.sort_by(f64::total_cmp);
        }
    }

    /// The sorted values of a group (empty when it has none).
    pub fn values(&self, year: i64, key: &str) -> &[f64] {
        self.values
            .get(&(year, key.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// How many agencies the group has that year.
    pub fn members(&self, year: i64, key: &str) -> usize {
        self.members
            .get(&(year, key.to_string()))
            .copied()
            .unwrap_or(0)
    }
}

fn number(v: &SqlValue) -> Option<f64> {
    match v {
        SqlValue::Int(i) => Some(*i as f64),
        SqlValue::Real(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

fn position(rows: &Rows, name: &str) -> usize {
    rows.columns
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("the view has a {name} column"))
}

/// The group of the agency of a row, None when it has none (or the row is a summary).
fn key_of(row: &[SqlValue], agency: usize, attributes: &Attributes, by: &[By]) -> Option<String> {
    let SqlValue::Text(name) = &row[agency] else {
        return None;
    };
    let (code, level) = attributes.get(name)?;
    group(by, level.as_deref(), code.as_deref())
}

fn year_of(row: &[SqlValue], year: usize) -> Option<i64> {
    match row[year] {
        SqlValue::Int(y) => Some(y),
        _ => None,
    }
}

/// Adds to `compare`'s rows each agency's `peer_group`, `peer_n` and, per number column,
/// `{column}_percentile`, and then per year and group shown, the rows `P25 · {group} (n=…)`,
/// `P50 · …` and `P75 · …`, the group's quantiles of each number column. `all` is the view's
/// rows for the same years without any other filter: the groups are drawn from them.
pub fn add_to_compare(rows: &mut Rows, all: &Rows, attributes: &Attributes, by: &[By]) {
    let groups = compare_groups(all, attributes, by);
    add_groups_to_compare(rows, &groups, attributes, by);
}

/// What the groups of [`add_to_compare`] are drawn from, for the agencies of `rows`: the
/// levels and the provinces (the first two digits of the code) `by` groups them by, each None
/// when `by` does not group by it. Any row of compare whose agency has both (of one of the
/// levels, in one of the provinces) may be a peer of an agency shown; no other is. Empty
/// lists when no agency shown has a group.
pub fn wanted(
    rows: &Rows,
    attributes: &Attributes,
    by: &[By],
) -> (Option<Vec<String>>, Option<Vec<String>>) {
    let a = position(rows, "agency");
    let mut levels = BTreeSet::new();
    let mut provinces = BTreeSet::new();
    for r in &rows.rows {
        let SqlValue::Text(name) = &r[a] else {
            continue;
        };
        let Some((code, level)) = attributes.get(name) else {
            continue;
        };
        if group(by, level.as_deref(), code.as_deref()).is_none() {
            continue;
        }
        if let Some(l) = level {
            levels.insert(l.clone());
        }
        if let Some(c) = code
            .as_deref()
            .filter(|c| c.len() >= 2 && c.is_char_boundary(2))
        {
            provinces.insert(c[..2].to_string());
        }
    }
    let by_level = by.contains(&By::Level);
    let by_province = by.contains(&By::Province);
    (
        by_level.then(|| levels.into_iter().collect()),
        by_province.then(|| provinces.into_iter().collect()),
    )
}

/// The groups of compare's number columns, one [`Groups`] per number column, drawn from
/// `all` (compare's rows; its summary rows, if any, have no group).
fn compare_groups(all: &Rows, attributes: &Attributes, by: &[By]) -> Vec<Groups> {
    let (a, y) = (position(all, "agency"), position(all, "year"));
    let numbers = number_columns(all);
    let mut groups: Vec<Groups> = numbers.iter().map(|_| Groups::default()).collect();
    for r in &all.rows {
        if let (Some(key), Some(year)) = (key_of(r, a, attributes, by), year_of(r, y)) {
            for (g, c) in groups.iter_mut().zip(&numbers) {
                g.add(year, &key, number(&r[*c]));
            }
        }
    }
    groups.iter_mut().for_each(Groups::seal);
    groups
}

fn number_columns(rows: &Rows) -> Vec<usize> {
    (0..rows.columns.len())
        .filter(|i| !matches!(rows.columns[*i].as_str(), "agency" | "year" | "region_code"))
        .collect()
}

/// [`add_to_compare`] with the groups drawn from `rows` themselves: when they are every
/// agency of the years asked (no --agency, --region or --level), so that nothing is read
/// twice. Median rows already appended have no group and are left out of them.
pub fn add_to_compare_from_itself(rows: &mut Rows, attributes: &Attributes, by: &[By]) {
    let groups = compare_groups(rows, attributes, by);
    add_groups_to_compare(rows, &groups, attributes, by);
}

fn add_groups_to_compare(rows: &mut Rows, groups: &[Groups], attributes: &Attributes, by: &[By]) {
    let (a, y) = (position(rows, "agency"), position(rows, "year"));
    let numbers = number_columns(rows);
    let mut shown: BTreeMap<i64, BTreeSet<String>> = BTreeMap::new();
    for r in &mut rows.rows {
        let key = key_of(r, a, attributes, by).zip(year_of(r, y));
        let summary = matches!(&r[a], SqlValue::Text(t) if is_summary(t));
        let Some((key, year)) = key.filter(|_| !summary) else {
            r.extend(std::iter::repeat_n(SqlValue::Null, 2 + numbers.len()));
            continue;
        };
        let members = groups[0].members(year, &key);
        let percentiles: Vec<SqlValue> = numbers
            .iter()
            .zip(groups)
            .map(|(c, g)| {
                number(&r[*c])
                    .and_then(|v| percentile(v, g.values(year, &key)))
                    .map_or(SqlValue::Null, SqlValue::Real)
            })
            .collect();
        r.push(SqlValue::Text(key.clone()));
        r.push(SqlValue::Int(members as i64));
        r.extend(percentiles);
        shown.entry(year).or_default().insert(key);
    }
    let width = rows.columns.len();
    rows.columns.push("peer_group".into());
    rows.columns.push("peer_n".into());
    for c in &numbers {
        let name = format!("{}_percentile", rows.columns[*c]);
        rows.columns.push(name);
    }
    for (year, keys) in shown {
        for key in keys {
            let members = groups[0].members(year, &key);
            for (label, p) in QUANTILES {
                let mut row = vec![SqlValue::Null; width];
                row[a] = SqlValue::Text(format!("{label} · {key} (n={members})"));
                row[y] = SqlValue::Int(year);
                for (c, g) in numbers.iter().zip(groups) {
                    row[*c] =
                        quantile(g.values(year, &key), p).map_or(SqlValue::Null, SqlValue::Real);
                }
                row.push(SqlValue::Text(key.clone()));
                row.push(SqlValue::Int(members as i64));
                row.extend(std::iter::repeat_n(SqlValue::Null, numbers.len()));
                rows.rows.push(row);
            }
        }
    }
}

/// Adds to `ranking`'s rows the agency's `peer_group`, `peer_n`, its `percentile` in the
/// group and the group's `peer_p25`, `peer_p50` and `peer_p75` of the metric. `all` is the
/// ranking of the same years, metric and --min-requests without any other filter or limit.
pub fn add_to_ranking(rows: &mut Rows, all: &Rows, attributes: &Attributes, by: &[By]) {
    let (a, y, v) = (
        position(rows, "agency"),
        position(rows, "year"),
        position(rows, "value"),
    );
    let mut groups = Groups::default();
    for r in &all.rows {
        if let (Some(key), Some(year)) = (key_of(r, a, attributes, by), year_of(r, y)) {
            groups.add(year, &key, number(&r[v]));
        }
    }
    groups.seal();
    for r in &mut rows.rows {
        let Some((key, year)) = key_of(r, a, attributes, by).zip(year_of(r, y)) else {
            r.extend(std::iter::repeat_n(SqlValue::Null, 6));
            continue;
        };
        let values = groups.values(year, &key);
        let real = |x: Option<f64>| x.map_or(SqlValue::Null, SqlValue::Real);
        let pct = number(&r[v]).and_then(|x| percentile(x, values));
        r.push(SqlValue::Text(key.clone()));
        r.push(SqlValue::Int(groups.members(year, &key) as i64));
        r.push(real(pct));
        for (_, p) in QUANTILES {
            r.push(real(quantile(values, p)));
        }
    }
    for c in [
        "peer_group",
        "peer_n",
        "percentile",
        "peer_p25",
        "peer_p50",
        "peer_p75",
    ] {
        rows.columns.push(c.into());
    }
}

/// Where one agency stands in its peer group in one year, for each number column of the
/// `compare` view: what `compare --peers` prints on the agency's row and its group's P rows,
/// for one agency (the page of `gov-db page`).
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// The group's label (`level county · province 35`).
    pub group: String,
    /// The agencies of the group that year, values or not.
    pub members: usize,
    pub metrics: Vec<MetricStanding>,
}

/// One number column of a [`Standing`].
#[derive(Clone, Debug, PartialEq)]
pub struct MetricStanding {
    /// The column's name in `compare` (`disclosure_rate_of_processed`).
    pub metric: String,
    /// The agency's own value (None: none, e.g. a rate over 0).
    pub value: Option<f64>,
    /// Its percentile in the group (see the module's comment).
    pub percentile: Option<f64>,
    /// The group's P25, P50 and P75 ([`QUANTILES`]).
    pub quartiles: [Option<f64>; 3],
    /// The members with a value.
    pub n: usize,
}

/// The standing of `agency` in `year` among the agencies of `all` (compare's rows, unfiltered)
/// that share its group by `by`; None when its level or code, as `by` needs them, is unknown,
/// or it has no row that year.
pub fn standing(
    all: &Rows,
    attributes: &Attributes,
    by: &[By],
    agency: &str,
    year: i64,
) -> Option<Standing> {
    let (a, y) = (position(all, "agency"), position(all, "year"));
    let (code, level) = attributes.get(agency)?;
    let key = group(by, level.as_deref(), code.as_deref())?;
    let own = all.rows.iter().find(|r| {
        year_of(r, y) == Some(year) && matches!(&r[a], SqlValue::Text(t) if t == agency)
    })?;
    let members: Vec<&Vec<SqlValue>> = all
        .rows
        .iter()
        .filter(|r| year_of(r, y) == Some(year))
        .filter(|r| key_of(r, a, attributes, by).as_deref() == Some(key.as_str()))
        .collect();
    let metrics = (0..all.columns.len())
        .filter(|i| !matches!(all.columns[*i].as_str(), "agency" | "year" | "region_code"))
        .map(|c| {
            let mut values: Vec<f64> = members.iter().filter_map(|r| number(&r[c])).collect();
            values.sort_by(f64::total_cmp);
            let value = number(&own[c]);
            MetricStanding {
                metric: all.columns[c].clone(),
                value,
                percentile: value.and_then(|v| percentile(v, &values)),
                quartiles: QUANTILES.map(|(_, p)| quantile(&values, p)),
                n: values.len(),
            }
        })
        .collect();
    Some(Standing {
        group: key,
        members: members.len(),
        metrics,
    })
}

#[cfg(test)]
#[path = "peers_tests.rs"]
mod tests;
