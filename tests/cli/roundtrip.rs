//! Property: any valid canonical CSV survives import → export unchanged, cell for cell,
//! blanks and amounts included.

use crate::harness::{Env, records};
use proptest::prelude::*;

/// Cells of the 2021 template's 表三 and 表四 and its 表二 fee, as (section, row, column).
fn cells() -> Vec<(&'static str, &'static str, &'static str)> {
    let mut out = vec![
        ("proactive", "fees", "amount_10k_yuan"),
        ("proactive", "rules", "issued"),
    ];
    for row in [
        "received_new",
        "carried_in",
        "granted",
        "withheld_state_secret",
        "other_misc",
        "total_processed",
        "carried_out",
    ] {
        for col in [
            "natural_person",
            "commercial_enterprise",
            "other_org",
            "total",
        ] {
            out.push(("requests", row, col));
        }
    }
    for row in ["admin_review", "litigation_direct"] {
        for col in ["upheld", "corrected", "pending", "total"] {
            out.push(("appeals", row, col));
        }
    }
    out
}

fn value(kind_money: bool) -> impl Strategy<Value = String> {
    if kind_money {
        prop_oneof![
            Just(String::new()),
            (0u32..100_000, 0u32..10_000, 1usize..5).prop_map(|(a, b, d)| format!(
                "{a}.{:0>width$}",
                b % 10u32.pow(d as u32),
                width = d
            )),
            (0u32..1000).prop_map(|a| a.to_string()),
        ]
        .boxed()
    } else {
        prop_oneof![3 => Just("0".to_string()), 1 => Just(String::new()), 3 => (1u64..100_000).prop_map(|v| v.to_string())].boxed()
    }
}

fn report_csv() -> impl Strategy<Value = String> {
    let cells = cells();
    let n = cells.len();
    (
        prop::sample::select(vec![
            "某县人民政府",
            "晋江市人民政府",
            "A, \"quoted\" agency",
        ]),
        2019i64..2026,
        prop::collection::vec(any::<bool>(), n),
        proptest::collection::vec(value(false), n),
        value(true),
    )
        .prop_map(move |(agency, year, keep, values, money)| {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["agency", "year", "section", "row", "column", "value"])
                .unwrap();
            for (i, (section, row, col)) in cells.iter().enumerate() {
                if !keep[i] && i > 0 {
                    continue;
                }
                let v = if i == 0 {
                    money.clone()
                } else {
                    values[i].clone()
                };
                w.write_record([agency, &year.to_string(), section, row, col, &v])
                    .unwrap();
            }
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn import_then_export_gives_back_every_cell(csv_text in report_csv()) {
        let env = Env::new();
        let file = env.write("in.csv", &csv_text);
        env.run(["import".as_ref(), file.as_os_str()]).success();
        let exported = env.run(["export"]).success().stdout();
        prop_assert_eq!(records(&exported), records(&csv_text));
    }
}
