//! Tests of `peers.rs`: groups, labels, standings, and percentiles and quartiles against a plain computation.

use super::*;
use proptest::prelude::*;

#[test]
fn quantiles_as_numpy_gives_them() {
    // numpy.percentile(x, [25, 50, 75]) with the default method, 'linear'.
    let q = |x: &[f64], p| quantile(x, p).unwrap();
    assert_eq!(q(&[1.0, 2.0, 3.0, 4.0], 0.25), 1.75);
    assert_eq!(q(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
    assert_eq!(q(&[1.0, 2.0, 3.0, 4.0], 0.75), 3.25);
    assert_eq!(q(&[10.0], 0.25), 10.0);
    assert_eq!(q(&[1.0, 3.0], 0.25), 1.5);
    assert_eq!(q(&[0.0, 0.0, 1.0, 5.0, 9.0], 0.75), 5.0);
    assert_eq!(quantile(&[], 0.5), None);
}

#[test]
fn percentiles_by_example() {
    let g = [1.0, 2.0, 2.0, 3.0, 10.0];
    assert_eq!(percentile(1.0, &g), Some(0.0));
    assert_eq!(percentile(2.0, &g), Some(100.0 * 1.5 / 4.0));
    assert_eq!(percentile(3.0, &g), Some(75.0));
    assert_eq!(percentile(10.0, &g), Some(100.0));
    assert_eq!(percentile(5.0, &[5.0]), None);
    assert_eq!(percentile(5.0, &[5.0, 5.0]), Some(50.0));
}

#[test]
fn groups_and_labels() {
    let by = [By::Province, By::Level];
    assert_eq!(
        group(&by, Some("county"), Some("350582")).as_deref(),
        Some("level county · province 35")
    );
    assert_eq!(group(&[By::Level], None, Some("350582")), None);
    assert_eq!(group(&[By::Province], Some("county"), None), None);
    assert!(is_summary("P25 · level county (n=3)"));
    assert!(is_summary("median · all agencies (n=3)"));
    assert!(!is_summary("P25县人民政府"));
}

/// One agency's standing is what `compare --peers` prints on its row and on its group's
/// P25/P50/P75 rows, from the same members: agencies of other years, of another group or
/// without a level are left out, and a missing value leaves the member out of that metric.
#[test]
fn standing_is_what_compare_prints() {
    let t = |s: &str| SqlValue::Text(s.into());
    let columns: Vec<String> = ["agency", "year", "region_code", "requests", "x_rate"]
        .map(String::from)
        .to_vec();
    let mut attributes = Attributes::new();
    let mut all = Rows {
        columns,
        rows: Vec::new(),
    };
    let members = [
        ("A", Some("350582"), Some("county"), 10, Some(0.5)),
        ("B", Some("350583"), Some("county"), 30, Some(0.25)),
        ("C", Some("350584"), Some("county"), 20, None),
        ("D", Some("320800"), Some("county"), 40, Some(1.0)),
        ("E", Some("350500"), Some("prefecture"), 99, Some(0.0)),
        ("F", None, None, 7, Some(0.9)),
    ];
    for (name, code, level, requests, rate) in members {
        attributes.insert(name.into(), (code.map(Into::into), level.map(Into::into)));
        for year in [2023, 2024] {
            all.rows.push(vec![
                t(name),
                SqlValue::Int(year),
                code.map_or(SqlValue::Null, t),
                SqlValue::Int(requests + year - 2024),
                rate.map_or(SqlValue::Null, SqlValue::Real),
            ]);
        }
    }
    for by in [vec![By::Level], vec![By::Level, By::Province]] {
        let mut rows = Rows {
            columns: all.columns.clone(),
            rows: vec![all.rows[1].clone()],
        };
        add_to_compare(&mut rows, &all, &attributes, &by);
        let s = standing(&all, &attributes, &by, "A", 2024).unwrap();
        let col = |name: &str| rows.columns.iter().position(|c| c == name).unwrap();
        assert_eq!(rows.rows[0][col("peer_group")], t(&s.group));
        assert_eq!(rows.rows[0][col("peer_n")], SqlValue::Int(s.members as i64));
        for m in &s.metrics {
            let real = |v: Option<f64>| v.map_or(SqlValue::Null, SqlValue::Real);
            let pct = &rows.rows[0][col(&format!("{}_percentile", m.metric))];
            assert_eq!(pct, &real(m.percentile), "{}", m.metric);
            for (k, q) in m.quartiles.iter().enumerate() {
                assert_eq!(rows.rows[1 + k][col(&m.metric)], real(*q), "{}", m.metric);
            }
        }
        assert_eq!(s.metrics[0].value, Some(10.0));
    }
    let national = standing(&all, &attributes, &[By::Level], "A", 2024).unwrap();
    assert_eq!(national.group, "level county");
    assert_eq!(national.members, 4);
    // requests of A, B, C, D in 2024: 10, 30, 20, 40; rates 0.5, 0.25, (none), 1.0.
    let requests = &national.metrics[0];
    assert_eq!(requests.quartiles, [Some(17.5), Some(25.0), Some(32.5)]);
    assert_eq!(requests.percentile, Some(0.0));
    let rate = &national.metrics[1];
    assert_eq!((rate.n, rate.percentile), (3, Some(50.0)));
    let provincial = standing(&all, &attributes, &[By::Level, By::Province], "A", 2024);
    assert_eq!(provincial.unwrap().members, 3);
    assert_eq!(standing(&all, &attributes, &[By::Level], "F", 2024), None);
    assert_eq!(standing(&all, &attributes, &[By::Level], "A", 2022), None);
}

/// The plain reading of the definition: over the other members, count the lower values
/// and half the equal ones.
fn plain_percentile(i: usize, xs: &[f64]) -> Option<f64> {
    if xs.len() < 2 {
        return None;
    }
    let mut score = 0.0;
    for (j, v) in xs.iter().enumerate() {
        if j != i {
            if *v < xs[i] {
                score += 1.0;
            } else if *v == xs[i] {
                score += 0.5;
            }
        }
    }
    Some(100.0 * score / (xs.len() - 1) as f64)
}

/// Linear interpolation read off its picture: the points (k ÷ (n − 1), x_k) joined by
/// straight lines, found by walking along them.
fn plain_quantile(sorted: &[f64], p: f64) -> f64 {
    let n = sorted.len();
    if n == 1 {
        return sorted[0];
    }
    let step = 1.0 / (n - 1) as f64;
    for k in 0..n - 1 {
        let (from, to) = (k as f64 * step, (k + 1) as f64 * step);
        if p <= to || k == n - 2 {
            let t = (p - from) / step;
            return sorted[k] + t * (sorted[k + 1] - sorted[k]);
        }
    }
    unreachable!()
}

proptest! {
    /// Over random groups (small integers, so that ties are common), the percentile is the
    /// plain count, is (average rank − 1) ÷ (n − 1) × 100, and lies in 0–100.
    #[test]
    fn percentile_is_the_plain_count(xs in proptest::collection::vec(0u8..6, 1..30)) {
        let xs: Vec<f64> = xs.into_iter().map(f64::from).collect();
        let mut sorted = xs.clone();
        sorted.sort_by(f64::total_cmp);
        for (i, x) in xs.iter().enumerate() {
            let got = percentile(*x, &sorted);
            let want = plain_percentile(i, &xs);
            prop_assert_eq!(got.is_some(), want.is_some());
            if let (Some(g), Some(w)) = (got, want) {
                prop_assert!((g - w).abs() < 1e-9, "{} vs {}", g, w);
                prop_assert!((0.0..=100.0).contains(&g));
                // Average rank (1-based) of the value among all members.
                let first = sorted.iter().position(|v| v == x).unwrap() + 1;
                let last = sorted.iter().rposition(|v| v == x).unwrap() + 1;
                let rank = (first + last) as f64 / 2.0;
                let by_rank = (rank - 1.0) / (xs.len() - 1) as f64 * 100.0;
                prop_assert!((g - by_rank).abs() < 1e-9);
            }
        }
    }

    /// Over random groups and levels, the quantile is the interpolation walked by hand; it
    /// rises with p, runs from the least value to the greatest, its P50 is the median,
    /// and a value of distinct ones sits at the quantile of its own percentile.
    #[test]
    fn quantile_is_the_linear_interpolation(
        xs in proptest::collection::vec(-1000i32..1000, 1..40),
        p in 0.0f64..=1.0,
    ) {
        let mut sorted: Vec<f64> = xs.into_iter().map(f64::from).collect();
        sorted.sort_by(f64::total_cmp);
        let q = quantile(&sorted, p).unwrap();
        prop_assert!((q - plain_quantile(&sorted, p)).abs() < 1e-6);
        prop_assert!(q >= sorted[0] && q <= sorted[sorted.len() - 1]);
        prop_assert_eq!(quantile(&sorted, 0.0), Some(sorted[0]));
        prop_assert_eq!(quantile(&sorted, 1.0), Some(sorted[sorted.len() - 1]));
        prop_assert!(quantile(&sorted, (p + 0.1).min(1.0)).unwrap() >= q);
        let median = crate::analysis::median(&mut sorted.clone()).unwrap();
        prop_assert!((quantile(&sorted, 0.5).unwrap() - median).abs() < 1e-9);
        let mut distinct = sorted.clone();
        distinct.dedup();
        for x in &distinct {
            let pct = percentile(*x, &distinct);
            if let Some(pct) = pct {
                prop_assert!((quantile(&distinct, pct / 100.0).unwrap() - x).abs() < 1e-6);
            }
        }
    }
}
