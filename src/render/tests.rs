//! Tests of the renderer: every format of the same rows, the number rule, streamed JSON.

use super::*;

fn sample() -> Rows {
    Rows {
        columns: vec!["agency".into(), "rate".into(), "n".into()],
        rows: vec![vec![
            SqlValue::Text("晋江|市".into()),
            SqlValue::Real(0.98660714),
            SqlValue::Null,
        ]],
    }
}

fn text(format: Format) -> String {
    let mut out = Vec::new();
    render(&sample(), format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The objects of an array in column order, as serde_json serialises a map it keeps in
/// order: what the streamed JSON must equal.
struct Ordered<'a>(&'a [String], Vec<serde_json::Value>);

impl serde::Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter().zip(&self.1) {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Row by row, JSON comes out as serde_json's pretty printer writes the whole array, keys
/// in column order (here not alphabetical).
#[test]
fn streamed_json_is_the_pretty_printed_array() {
    for n in [0, 1, 3] {
        let mut rows = sample();
        rows.rows = (0..n)
            .map(|i| {
                vec![
                    SqlValue::Text(format!("a\"{i}")),
                    SqlValue::Real(0.5),
                    SqlValue::Int(i),
                ]
            })
            .collect();
        let list: Vec<Ordered> = rows
            .rows
            .iter()
            .map(|r| {
                let value = |v: &SqlValue| match v {
                    SqlValue::Text(t) => serde_json::Value::from(t.as_str()),
                    SqlValue::Real(f) => serde_json::Value::from(*f),
                    SqlValue::Int(i) => serde_json::Value::from(*i),
                    other => panic!("{other:?}"),
                };
                Ordered(&rows.columns, r.iter().map(value).collect())
            })
            .collect();
        let mut out = Vec::new();
        render(&rows, Format::Json, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string_pretty(&list).unwrap() + "\n"
        );
    }
}

#[test]
fn formats() {
    assert!(text(Format::Table).contains("0.9866"));
    assert!(!text(Format::Table).contains("0.98660714"));
    assert_eq!(text(Format::Csv), "agency,rate,n\n晋江|市,0.98660714,\n");
    assert!(text(Format::Json).contains("\"rate\": 0.98660714"));
    assert!(text(Format::Json).contains("\"n\": null"));
    assert!(text(Format::Markdown).contains("| 晋江\\|市 | 0.9866 |  |"));
}

/// A rate is a real number in every row, whatever type SQLite gave it; a count stays an
/// integer, and a REAL in a count column (a median) is a real number.
#[test]
fn one_number_rule() {
    let rows = Rows {
        columns: vec![
            "requests".into(),
            "resolution_rate".into(),
            "change_pp".into(),
            "change_pct".into(),
        ],
        rows: vec![
            vec![
                SqlValue::Int(218),
                SqlValue::Int(1),
                SqlValue::Int(0),
                SqlValue::Real(226.08695652173913),
            ],
            vec![
                SqlValue::Real(224.0),
                SqlValue::Real(0.98660714),
                SqlValue::Real(-0.00001),
                SqlValue::Null,
            ],
        ],
    };
    let out = |format| {
        let mut out = Vec::new();
        render(&rows, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    let table = out(Format::Table);
    assert!(
        table.contains("│      218 │          1.0000 │    0.0000 │   226.0870 │"),
        "{table}"
    );
    assert!(
        table.contains("│ 224.0000 │          0.9866 │    0.0000 │            │"),
        "{table}"
    );
    assert_eq!(
        out(Format::Markdown),
        "| requests | resolution_rate | change_pp | change_pct |\n\
         | ---: | ---: | ---: | ---: |\n\
         | 218 | 1.0000 | 0.0000 | 226.0870 |\n\
         | 224.0000 | 0.9866 | 0.0000 |  |\n"
    );
    assert_eq!(
        out(Format::Csv),
        "requests,resolution_rate,change_pp,change_pct\n\
         218,1.0,0.0,226.08695652173913\n\
         224.0,0.98660714,-0.00001,\n"
    );
    let json = out(Format::Json);
    assert!(
        json.contains("\"requests\": 218,\n    \"resolution_rate\": 1.0,\n    \"change_pp\": 0.0,"),
        "{json}"
    );
    assert!(json.contains("\"requests\": 224.0,"), "{json}");
}

/// Money kept as printed: as it is in a table and CSV, a JSON number with its digits.
#[test]
fn decimals_keep_their_digits() {
    let rows = Rows {
        columns: vec!["value".into()],
        rows: ["1002.3819", "01.50", "5.", "0", "7539.443252", "x"]
            .iter()
            .map(|t| vec![SqlValue::Decimal(t.to_string())])
            .collect(),
    };
    let out = |format| {
        let mut out = Vec::new();
        render(&rows, format, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    };
    assert_eq!(
        out(Format::Csv),
        "value\n1002.3819\n01.50\n5.\n0\n7539.443252\nx\n"
    );
    assert!(out(Format::Table).contains("│ 7539.443252 │"));
    let json = out(Format::Json);
    let values: Vec<&str> = json
        .lines()
        .filter_map(|l| l.strip_prefix("    \"value\": "))
        .collect();
    assert_eq!(
        values,
        ["1002.3819", "1.50", "5", "0", "7539.443252", "\"x\""]
    );
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
}

#[test]
fn fractional_columns_by_name() {
    for c in [
        "resolution_rate",
        "disclosure_rate_of_processed",
        "resolution_rate_pooled",
        "share",
        "share_granted",
        "share_of_group",
        "requests_change_pct",
        "requests_cagr_pct",
        "resolution_rate_change_pp",
        "findings_per_report",
    ] {
        assert!(fractional(c), "{c}");
    }
    for c in [
        "requests",
        "processed",
        "value",
        "reports",
        "year",
        "separate",
        "rates",
    ] {
        assert!(!fractional(c), "{c}");
    }
}
