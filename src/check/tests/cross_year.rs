//! The cross-year identities over pairs of consecutive years.

use super::*;

fn next_year(prev: &Report) -> Report {
    let mut r = prev.clone();
    r.year += 1;
    for c in r.cells.iter_mut().filter(|c| c.row == 11) {
        let out = prev
            .cells
            .iter()
            .find(|p| p.row == 35 && p.col == c.col)
            .unwrap();
        c.value = out.value.clone();
    }
    r
}

#[test]
fn carry_over_matching_last_year_is_clean() {
    let prev = fixture("jinjiang-2024");
    let cur = next_year(&prev);
    let found = check_pair(&prev, &cur);
    // 现行有效 225 + 34 − 54 ≠ 225: documents lapse; a warning only.
    assert_eq!(
        places(&found),
        vec![(
            "in-force",
            Severity::Warning,
            Some("normative_documents"),
            Some("in_force")
        )]
    );
    assert_eq!((found[0].expected, found[0].actual), (Some(205), Some(225)));
}

#[test]
fn carry_over_changed_is_caught_per_column() {
    let mut prev = fixture("huaian-2024");
    let cur = next_year(&prev);
    set(
        &mut prev,
        Section::Requests,
        "carried_out",
        "natural_person",
        Value::Int(100),
    );
    let found = check_pair(&prev, &cur);
    assert_eq!(
        places(&found),
        vec![(
            "carry-over",
            Severity::Error,
            Some("carried_in"),
            Some("natural_person")
        )]
    );
    assert_eq!((found[0].expected, found[0].actual), (Some(100), Some(103)));
    assert!(found[0].message.contains("二、上年结转政府信息公开申请数量 is 103, but the 2024 report's 四、结转下年度继续办理 is 100"), "{}", found[0].message);
}

#[test]
fn carry_over_against_a_blank_is_not_assessable() {
    let mut prev = fixture("huaian-2024");
    let cur = next_year(&prev);
    set(
        &mut prev,
        Section::Requests,
        "carried_out",
        "total",
        Value::Blank,
    );
    let found = check_pair(&prev, &cur);
    assert_eq!(
        places(&found),
        vec![(
            "carry-over",
            Severity::Info,
            Some("carried_in"),
            Some("total")
        )]
    );
    assert!(
        found[0].message.contains("not assessable at 1 place"),
        "{}",
        found[0].message
    );
}

#[test]
fn yoy_jumps() {
    let prev = fixture("pingtan-2019");
    let mut cur = next_year(&prev);
    set(
        &mut cur,
        Section::Requests,
        "received_new",
        "total",
        Value::Int(231),
    );
    let found = check_pair(&prev, &cur);
    assert_eq!(
        places(&found),
        vec![(
            "yoy-jump",
            Severity::Warning,
            Some("received_new"),
            Some("total")
        )]
    );
    assert_eq!((found[0].expected, found[0].actual), (Some(23), Some(231)));
    set(
        &mut cur,
        Section::Requests,
        "received_new",
        "total",
        Value::Int(230),
    );
    assert!(check_pair(&prev, &cur).is_empty());
}

#[test]
fn a_carry_over_between_two_names_is_a_warning() {
    let mut prev = fixture("huaian-2024");
    let cur = next_year(&prev);
    set(
        &mut prev,
        Section::Requests,
        "carried_out",
        "natural_person",
        Value::Int(100),
    );
    let mut found = check_pair(&prev, &cur);
    allow_reorganisation(&mut found, "洪泽县人民政府", "淮安市洪泽区人民政府", 2024);
    assert_eq!(
        places(&found),
        vec![(
            "carry-over",
            Severity::Warning,
            Some("carried_in"),
            Some("natural_person")
        )]
    );
    assert!(
        found[0].message.contains("filed as 洪泽县人民政府"),
        "{}",
        found[0].message
    );
    let mut same = check_pair(&prev, &cur);
    allow_reorganisation(&mut same, "洪泽区", "洪泽区", 2024);
    assert_eq!(same[0].severity, Severity::Error);
}
