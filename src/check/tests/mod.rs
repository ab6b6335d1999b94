//! Unit tests of the rules over in-memory reports.

use super::*;
use crate::contract;
use crate::model::Cell;

mod claims;
mod cross_year;
mod every_cell;
mod random;

/// Parses a canonical CSV text (without header) into a report.
pub(super) fn report_from(csv: &str, year: i64, template: Template) -> Report {
    let mut cells = Vec::new();
    for line in csv.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split(',').collect();
        let section = Section::parse(f[0]).unwrap();
        let r = contract::row(section, f[1]).unwrap();
        let c = contract::col(section, f[2]).unwrap();
        let value = match f[3].trim() {
            "" => Value::Blank,
            v => v.parse().map(Value::Int).unwrap_or(Value::Money(v.into())),
        };
        cells.push(Cell {
            row: r.id,
            col: c.id,
            value,
            origin: None,
        });
    }
    let mut r = Report {
        agency: "测试".into(),
        year,
        template,
        region_code: None,
        source: None,
        format: "csv".into(),
        cells,
    };
    r.sort_cells();
    r
}

pub(super) fn fixture(name: &str) -> Report {
    let path = format!(
        "{}/tests/fixtures/expected/{name}.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let mut year = 0;
    let body: String = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.splitn(3, ',').collect();
            year = f[1].parse().unwrap();
            format!("{}\n", f[2])
        })
        .collect();
    let mut r = report_from(&body, year, Template::expected_for_year(year));
    r.agency = name.into();
    r
}

pub(super) fn set(r: &mut Report, section: Section, row: &str, col: &str, v: Value) {
    let rd = contract::row(section, row).unwrap();
    let cd = contract::col(section, col).unwrap();
    match r
        .cells
        .iter_mut()
        .find(|c| c.row == rd.id && c.col == cd.id)
    {
        Some(c) => c.value = v,
        None => {
            r.cells.push(Cell {
                row: rd.id,
                col: cd.id,
                value: v,
                origin: None,
            });
            r.sort_cells();
        }
    }
}

pub(super) fn get(r: &Report, row: &str, col: &str) -> i64 {
    r.get(row, col).and_then(Value::as_int).unwrap()
}

/// What `places` gives for the error that a column's outcomes do not add up to its 办结 total.
fn outcome_sum(
    column: &'static str,
) -> (
    &'static str,
    Severity,
    Option<&'static str>,
    Option<&'static str>,
) {
    (
        "outcome-sum",
        Severity::Error,
        Some("total_processed"),
        Some(column),
    )
}

pub(super) fn places(
    found: &[Finding],
) -> Vec<(&'static str, Severity, Option<&str>, Option<&str>)> {
    found
        .iter()
        .map(|f| (f.rule, f.severity, f.row, f.column))
        .collect()
}

pub(super) const FIXTURES: [&str; 3] = ["jinjiang-2024", "huaian-2024", "pingtan-2019"];

#[test]
fn fixtures_are_clean() {
    for name in FIXTURES {
        let r = fixture(name);
        let found = check_report(&r);
        assert!(found.is_empty(), "{name}: {found:#?}");
    }
}

#[test]
fn one_cell_changed_is_caught_at_its_row_and_column() {
    let mut r = fixture("jinjiang-2024");
    let v = get(&r, "granted", "natural_person");
    set(
        &mut r,
        Section::Requests,
        "granted",
        "natural_person",
        Value::Int(v + 1),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![
            ("row-total", Severity::Error, Some("granted"), Some("total")),
            outcome_sum("natural_person"),
        ],
        "{found:#?}"
    );
    assert_eq!(found[0].expected, Some(get(&r, "granted", "total") + 1));
    assert_eq!(found[0].actual, Some(get(&r, "granted", "total")));
    assert!(
        found[0]
            .message
            .contains("三、本年度办理结果（一）予以公开"),
        "{}",
        found[0].message
    );
    assert!(
        found[1].message.contains("（七）总计"),
        "{}",
        found[1].message
    );
}

#[test]
fn an_intake_cell_changed_breaks_identities_1_and_2() {
    let mut r = fixture("huaian-2024");
    set(
        &mut r,
        Section::Requests,
        "received_new",
        "legal_service_org",
        Value::Int(60),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![
            (
                "intake-equals-outcome",
                Severity::Error,
                None,
                Some("legal_service_org")
            ),
            (
                "row-total",
                Severity::Error,
                Some("received_new"),
                Some("total")
            ),
        ],
        "{found:#?}"
    );
    assert_eq!((found[0].expected, found[0].actual), (Some(60), Some(61)));
    assert!(
        found[0].message.contains(
            "一、本年新收政府信息公开申请数量 + 二、上年结转政府信息公开申请数量 = 60 + 0 = 60"
        ),
        "{}",
        found[0].message
    );
}

#[test]
fn an_appeals_total_printed_as_zero() {
    let mut r = fixture("huaian-2024");
    set(
        &mut r,
        Section::Appeals,
        "admin_review",
        "total",
        Value::Int(0),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![(
            "appeals-total",
            Severity::Error,
            Some("admin_review"),
            Some("total")
        )]
    );
    assert_eq!((found[0].expected, found[0].actual), (Some(351), Some(0)));
    assert!(
        found[0].message.contains("表四 row 行政复议"),
        "{}",
        found[0].message
    );
    assert!(
        found[0]
            .message
            .contains("结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 72 + 64 + 178 + 37 = 351"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_zeroed_total_processed() {
    let mut r = fixture("jinjiang-2024");
    set(
        &mut r,
        Section::Requests,
        "total_processed",
        "total",
        Value::Int(0),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![
            (
                "intake-equals-outcome",
                Severity::Error,
                None,
                Some("total")
            ),
            (
                "row-total",
                Severity::Error,
                Some("total_processed"),
                Some("total")
            ),
            outcome_sum("total"),
        ],
        "{found:#?}"
    );
}

#[test]
fn outcomes_that_do_not_add_up_while_intake_equals_outcome_holds() {
    // One case moved from 予以公开 to nowhere, and 总计 kept: 一+二 = 三+四 still holds.
    let mut r = fixture("huaian-2024");
    let g = get(&r, "granted", "natural_person");
    let t = get(&r, "granted", "total");
    set(
        &mut r,
        Section::Requests,
        "granted",
        "natural_person",
        Value::Int(g - 5),
    );
    set(
        &mut r,
        Section::Requests,
        "granted",
        "total",
        Value::Int(t - 5),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![outcome_sum("natural_person"), outcome_sum("total"),],
        "{found:#?}"
    );
    assert_eq!(
        (found[0].expected, found[0].actual),
        (Some(2932 - 5), Some(2932))
    );
}

#[test]
fn a_row_shifted_one_column_right() {
    let mut r = fixture("jinjiang-2024");
    // received_new: 203 9 0 0 4 3 | 219  →  blank 203 9 0 0 4 | 3
    let vals: Vec<i64> = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
    ]
    .iter()
    .map(|c| get(&r, "received_new", c))
    .collect();
    let cols = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    ];
    set(
        &mut r,
        Section::Requests,
        "received_new",
        cols[0],
        Value::Blank,
    );
    for (i, v) in vals.iter().enumerate() {
        set(
            &mut r,
            Section::Requests,
            "received_new",
            cols[i + 1],
            Value::Int(*v),
        );
    }
    let found = check_report(&r);
    let errors: Vec<_> = places(&found)
        .into_iter()
        .filter(|p| p.1 == Severity::Error)
        .collect();
    assert!(
        errors.contains(&(
            "row-total",
            Severity::Error,
            Some("received_new"),
            Some("total")
        )),
        "{found:#?}"
    );
    for c in [
        "commercial_enterprise",
        "legal_service_org",
        "other_org",
        "total",
    ] {
        assert!(
            errors.contains(&("intake-equals-outcome", Severity::Error, None, Some(c))),
            "{c}: {found:#?}"
        );
    }
    // 自然人 is blank now: 0 + 5 against 205 + 3 could hold, so it is not assessable, not an error.
    assert!(
        !errors.iter().any(|e| e.3 == Some("natural_person")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.severity == Severity::Info && f.rule == "intake-equals-outcome")
    );
}

#[test]
fn blank_cells_read_as_zero_raise_nothing() {
    // The organisation columns left blank throughout, as 沭阳县发改局 does.
    let mut r = fixture("jinjiang-2024");
    for c in &mut r.cells {
        if c.col >= 2 && c.col <= 6 && c.value.is_zero() {
            c.value = Value::Blank;
        }
    }
    assert!(check_report(&r).is_empty());
}

#[test]
fn a_total_column_filled_only_on_total_rows_is_not_assessable_not_an_error() {
    let mut r = fixture("huaian-2024");
    for c in &mut r.cells {
        let code = contract::row_by_id(c.row).unwrap().code;
        if c.col == 7 && !["received_new", "total_processed"].contains(&code) {
            c.value = Value::Blank;
        }
    }
    let found = check_report(&r);
    assert!(
        found.iter().all(|f| f.severity == Severity::Info),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.rule == "intake-equals-outcome" && f.message.contains("not assessable"))
    );
    assert!(found.iter().any(|f| f.rule == "outcome-sum"));
}

#[test]
fn blank_parts_that_already_exceed_the_total_are_an_error() {
    let mut r = fixture("huaian-2024");
    set(
        &mut r,
        Section::Appeals,
        "litigation_direct",
        "corrected",
        Value::Blank,
    );
    set(
        &mut r,
        Section::Appeals,
        "litigation_direct",
        "total",
        Value::Int(20),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![(
            "appeals-total",
            Severity::Error,
            Some("litigation_direct"),
            Some("total")
        )]
    );
    assert!(found[0].message.contains("blank"), "{}", found[0].message);
}

#[test]
fn the_printed_group_subtotal_of_other_processing() {
    let mut r = fixture("huaian-2024");
    // （六） printed with its own line: 71 + 6 + 110 = 187 in the total column.
    for (col, v) in [
        ("natural_person", 181),
        ("commercial_enterprise", 5),
        ("research_institution", 0),
        ("social_welfare_org", 0),
        ("legal_service_org", 1),
        ("other_org", 0),
        ("total", 187),
    ] {
        set(
            &mut r,
            Section::Requests,
            "other_processing",
            col,
            Value::Int(v),
        );
    }
    assert!(check_report(&r).is_empty(), "{:#?}", check_report(&r));
    set(
        &mut r,
        Section::Requests,
        "other_processing",
        "total",
        Value::Int(186),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![
            (
                "row-total",
                Severity::Error,
                Some("other_processing"),
                Some("total")
            ),
            (
                "group-subtotal",
                Severity::Error,
                Some("other_processing"),
                Some("total")
            ),
        ],
        "{found:#?}"
    );
}

#[test]
fn template_year_mismatch_is_a_warning() {
    let mut r = fixture("pingtan-2019");
    r.year = 2021;
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![("template-year", Severity::Warning, None, None)]
    );
    assert_eq!(
        (found[0].expected, found[0].actual),
        (Some(2021), Some(2019))
    );
}

#[test]
fn appeals_without_requests() {
    let mut r = fixture("pingtan-2019");
    for c in &mut r.cells {
        if (10..=35).contains(&c.row) {
            c.value = Value::Int(0);
        }
    }
    set(
        &mut r,
        Section::Appeals,
        "admin_review",
        "upheld",
        Value::Int(2),
    );
    set(
        &mut r,
        Section::Appeals,
        "admin_review",
        "total",
        Value::Int(2),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![("appeals-without-requests", Severity::Warning, None, None)]
    );
}

#[test]
fn every_rule_id_is_kebab_case_and_unique() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    assert!(
        ids.iter()
            .all(|i| i.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
    );
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len());
}

#[test]
fn other_processing_printed_on_one_line_beside_three_blank_rows() {
    // A 2021 report whose （六） numbers stand on the （六）其他处理 line, its three rows blank.
    let mut r = fixture("huaian-2024");
    let cols = [
        ("natural_person", 181),
        ("commercial_enterprise", 5),
        ("research_institution", 0),
        ("social_welfare_org", 0),
        ("legal_service_org", 1),
        ("other_org", 0),
        ("total", 187),
    ];
    for (col, v) in cols {
        set(
            &mut r,
            Section::Requests,
            "other_processing",
            col,
            Value::Int(v),
        );
        for row in ["other_no_correction", "other_unpaid_fee", "other_misc"] {
            set(&mut r, Section::Requests, row, col, Value::Blank);
        }
    }
    assert_eq!(check_report(&r), vec![]);
    // And the same line one short: caught as outcome-sum, not left open.
    set(
        &mut r,
        Section::Requests,
        "other_processing",
        "natural_person",
        Value::Int(180),
    );
    set(
        &mut r,
        Section::Requests,
        "other_processing",
        "total",
        Value::Int(186),
    );
    let found = check_report(&r);
    assert_eq!(
        places(&found),
        vec![outcome_sum("natural_person"), outcome_sum("total"),],
        "{found:#?}"
    );
}
