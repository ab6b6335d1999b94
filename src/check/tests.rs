//! Unit tests of the rules over in-memory reports.

use super::*;
use crate::contract;
use crate::model::Cell;

/// Parses a canonical CSV text (without header) into a report.
fn report_from(csv: &str, year: i64, template: Template) -> Report {
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

fn set(r: &mut Report, section: Section, row: &str, col: &str, v: Value) {
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

fn get(r: &Report, row: &str, col: &str) -> i64 {
    r.get(row, col).and_then(Value::as_int).unwrap()
}

fn places(found: &[Finding]) -> Vec<(&'static str, Severity, Option<&str>, Option<&str>)> {
    found
        .iter()
        .map(|f| (f.rule, f.severity, f.row, f.column))
        .collect()
}

const FIXTURES: [&str; 3] = ["jinjiang-2024", "huaian-2024", "pingtan-2019"];

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
            (
                "outcome-sum",
                Severity::Error,
                Some("total_processed"),
                Some("natural_person")
            ),
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
            (
                "outcome-sum",
                Severity::Error,
                Some("total_processed"),
                Some("total")
            ),
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
        vec![
            (
                "outcome-sum",
                Severity::Error,
                Some("total_processed"),
                Some("natural_person")
            ),
            (
                "outcome-sum",
                Severity::Error,
                Some("total_processed"),
                Some("total")
            ),
        ],
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

/// Cells printed with their unit (`203件`) in a table row are not sentences of the text.
#[test]
fn table_rows_are_not_narrative() {
    let text = "一、本年新收政府信息公开申请数量   203件  9件  0件  0件  4件  3件  219件\n\
                二、上年结转政府信息公开申请数量\t5件\t0件\t0件\t0件\t0件\t0件\t5件\n\
                | 行政诉讼 | 8件 | 0件 | 1件 |\n\
                全年受理信息公开申请 219 件。";
    let got: Vec<(ClaimKind, i64)> = narrative_claims(text)
        .iter()
        .map(|c| (c.kind, c.value))
        .collect();
    assert_eq!(got, vec![(ClaimKind::Received, 219)]);
}

#[test]
fn narrative_claims_are_found() {
    let text = "2024 年，全市受理信息公开申请 224 件，依法办结 221 件，结转下年度办理 3 件。积极协助化解 1 起行政复议案件。2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。办结率100%。";
    let claims = narrative_claims(text);
    let got: Vec<(ClaimKind, i64)> = claims.iter().map(|c| (c.kind, c.value)).collect();
    assert_eq!(
        got,
        vec![
            (ClaimKind::Received, 224),
            (ClaimKind::Processed, 221),
            (ClaimKind::CarriedOut, 3),
            (ClaimKind::Litigation, 1),
            (ClaimKind::Review, 2),
        ]
    );
    let r = fixture("jinjiang-2024");
    assert!(narrative::check_claims(&r, &claims[..3]).is_empty());
    let wrong = narrative_claims("全市收到信息公开申请 230 件。");
    let found = narrative::check_claims(&r, &wrong);
    assert_eq!(
        places(&found),
        vec![(
            "narrative",
            Severity::Warning,
            Some("received_new"),
            Some("total")
        )]
    );
    assert!(
        found[0].message.contains("全市收到信息公开申请 230 件"),
        "{}",
        found[0].message
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

/// The error findings a change to one cell of a clean report must raise, and no other.
fn expected_for(
    row: u8,
    col: u8,
) -> Vec<(&'static str, Option<&'static str>, Option<&'static str>)> {
    let rc = |id| contract::row_by_id(id).unwrap().code;
    let cc = |id| contract::col_by_id(id).unwrap().code;
    let mut out = Vec::new();
    if (40..=42).contains(&row) {
        out.push(("appeals-total", Some(rc(row)), Some("total")));
        return out;
    }
    if matches!(row, 10 | 11 | 34 | 35) {
        out.push(("intake-equals-outcome", None, Some(cc(col))));
    }
    out.push(("row-total", Some(rc(row)), Some("total")));
    if (12..=34).contains(&row) {
        out.push(("outcome-sum", Some("total_processed"), Some(cc(col))));
    }
    out
}

#[test]
fn every_cell_of_every_fixture_changed_alone_is_caught_at_that_cell() {
    let mut cases = 0;
    for name in FIXTURES {
        let clean = fixture(name);
        for (i, cell) in clean.cells.iter().enumerate() {
            if cell.row < 10 {
                continue; // 表二 has no within-report identity
            }
            let Value::Int(v) = cell.value else { continue };
            for changed in [v + 1, if v > 0 { 0 } else { 7 }] {
                let mut r = clean.clone();
                r.cells[i].value = Value::Int(changed);
                let found = check_report(&r);
                let mut got: Vec<_> = found
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| (f.rule, f.row, f.column))
                    .collect();
                let mut want = expected_for(cell.row, cell.col);
                got.sort();
                want.sort();
                let rd = contract::row_by_id(cell.row).unwrap().code;
                let cd = contract::col_by_id(cell.col).unwrap().code;
                assert_eq!(got, want, "{name} {rd}/{cd} {v} → {changed}: {found:#?}");
                assert!(
                    found.iter().all(|f| f.severity == Severity::Error),
                    "{name} {rd}/{cd}: {found:#?}"
                );
                cases += 1;
            }
        }
    }
    assert!(cases > 900, "{cases}");
}

#[test]
fn every_cell_made_blank_never_raises_an_error() {
    for name in FIXTURES {
        let clean = fixture(name);
        for i in 0..clean.cells.len() {
            let mut r = clean.clone();
            r.cells[i].value = Value::Blank;
            let found = check_report(&r);
            assert!(
                found.iter().all(|f| f.severity == Severity::Info),
                "{name} cell {i}: {found:#?}"
            );
        }
    }
}

fn real_text(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/reports/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn kinds(claims: &[Claim]) -> Vec<(ClaimKind, i64)> {
    claims.iter().map(|c| (c.kind, c.value)).collect()
}

#[test]
fn the_real_texts_quote_counts_that_match_their_tables() {
    use ClaimKind::*;
    let jinjiang = narrative_claims(&real_text("jinjiang-2024.txt"));
    assert_eq!(
        kinds(&jinjiang),
        vec![(Received, 224), (Processed, 221), (CarriedOut, 3)]
    );
    assert_eq!(
        narrative::check_claims(&fixture("jinjiang-2024"), &jinjiang),
        vec![]
    );
    // PDF text breaks sentences over lines; 上年度结转 is 二, not 四.
    for name in ["huaian-2024.layout.txt", "huaian-2024.pypdf.txt"] {
        let huaian = narrative_claims(&real_text(name));
        assert_eq!(
            kinds(&huaian),
            vec![
                (Received, 3119),
                (CarriedIn, 34),
                (Review, 351),
                (Litigation, 46)
            ],
            "{name}"
        );
        assert_eq!(
            narrative::check_claims(&fixture("huaian-2024"), &huaian),
            vec![],
            "{name}"
        );
    }
    let pingtan = narrative_claims(&real_text("pingtan-2022.txt"));
    assert_eq!(
        kinds(&pingtan),
        vec![(Received, 75), (Litigation, 1), (Review, 2)]
    );
    assert!(narrative_claims(&real_text("pingtan-2019.txt")).is_empty());
    // 沭阳县发改局: 网络问政 are not requests; 依申请信息公开 are.
    let shuyang = narrative_claims(
        "政府信息公开制度1条。全年受理网络问政182件。\n（二）依申请公开政府信息情况\n2023年度我局共收到依申请信息公开26件，及时回复申请人",
    );
    assert_eq!(kinds(&shuyang), vec![(Received, 26)]);
    assert!(narrative_claims("全年办结群众来信 35 件，收到建议提案 12 件。").is_empty());
}

#[test]
fn a_narrative_count_that_differs_names_the_sentence() {
    let text = real_text("jinjiang-2024.txt").replace("依法办结 221 件", "依法办结 212 件");
    let claims = narrative_claims(&text);
    let found = narrative::check_claims(&fixture("jinjiang-2024"), &claims);
    assert_eq!(
        places(&found),
        vec![(
            "narrative",
            Severity::Warning,
            Some("total_processed"),
            Some("total")
        )]
    );
    assert_eq!((found[0].expected, found[0].actual), (Some(221), Some(212)));
    assert!(
        found[0].message.contains(
            "“2024 年，全市受理信息公开申请 224 件，依法办结 212 件，结转下年度办理 3 件”"
        ),
        "{}",
        found[0].message
    );
    assert!(
        found[0].message.contains("（七）总计"),
        "{}",
        found[0].message
    );
}

mod random {
    //! Random reports that satisfy every identity, made blank or perturbed at random.

    use super::*;
    use proptest::prelude::*;

    /// A 2021-template report (表三 with （六） split, 表四) built from random counts so that
    /// every identity holds: `outcomes[col][i]` for the 21 outcome rows, `out` and `carried`
    /// per applicant column, 表四 parts per row.
    fn build(outcomes: &[Vec<i64>], out: &[i64], carried: &[i64], appeals: &[Vec<i64>]) -> Report {
        let mut cells = Vec::new();
        let mut push = |row: u8, col: u8, v: i64| {
            cells.push(Cell {
                row,
                col,
                value: Value::Int(v),
                origin: None,
            });
        };
        let outcome_rows: Vec<u8> = (12..=32).collect();
        let mut totals = [[0i64; 8]; 43];
        for c in 0..6 {
            let col = c as u8 + 1;
            let processed: i64 = outcomes[c].iter().sum();
            let carried_in = carried[c].min(processed + out[c]);
            let received = processed + out[c] - carried_in;
            for (row, v) in [
                (10u8, received),
                (11, carried_in),
                (34, processed),
                (35, out[c]),
            ]
            .into_iter()
            .chain(
                outcome_rows
                    .iter()
                    .copied()
                    .zip(outcomes[c].iter().copied()),
            ) {
                push(row, col, v);
                totals[usize::from(row)][0] += v;
            }
        }
        for row in [10u8, 11, 34, 35]
            .into_iter()
            .chain(outcome_rows.iter().copied())
        {
            push(row, 7, totals[usize::from(row)][0]);
        }
        for (i, parts) in appeals.iter().enumerate() {
            let row = 40 + i as u8;
            for (j, v) in parts.iter().enumerate() {
                push(row, 10 + j as u8, *v);
            }
            push(row, 14, parts.iter().sum());
        }
        let mut r = Report {
            agency: "随机".into(),
            year: 2024,
            template: Template::T2021,
            region_code: None,
            source: None,
            format: "csv".into(),
            cells,
        };
        r.sort_cells();
        r
    }

    fn counts(n: usize) -> impl Strategy<Value = Vec<i64>> {
        prop::collection::vec(
            prop_oneof![3 => Just(0i64), 2 => 0i64..5, 1 => 0i64..500],
            n,
        )
    }

    fn report() -> impl Strategy<Value = Report> {
        (
            prop::collection::vec(counts(21), 6),
            counts(6),
            counts(6),
            prop::collection::vec(counts(4), 3),
        )
            .prop_map(|(o, out, carried, a)| build(&o, &out, &carried, &a))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn valid_reports_are_clean(r in report()) {
            prop_assert_eq!(check_report(&r), vec![]);
        }

        /// Blanks (for zero or for "not stated") never make an error.
        #[test]
        fn blanks_never_make_an_error(r in report(), mask in prop::collection::vec(any::<bool>(), 200)) {
            let mut r = r;
            for (c, blank) in r.cells.iter_mut().zip(mask.iter().cycle()) {
                if *blank {
                    c.value = Value::Blank;
                }
            }
            let found = check_report(&r);
            prop_assert!(found.iter().all(|f| f.severity == Severity::Info), "{:#?}", found);
        }

        /// Nor do cells left out altogether.
        #[test]
        fn missing_cells_never_make_an_error(r in report(), keep in prop::collection::vec(any::<bool>(), 200)) {
            let mut r = r;
            let mut it = keep.iter().cycle();
            r.cells.retain(|_| *it.next().unwrap());
            let found = check_report(&r);
            prop_assert!(found.iter().all(|f| f.severity == Severity::Info), "{:#?}", found);
        }

        /// One cell changed is caught at that cell, and nowhere else.
        #[test]
        fn one_cell_changed_is_caught_there(r in report(), i in any::<prop::sample::Index>(), delta in 1i64..50) {
            let mut r = r;
            let i = i.index(r.cells.len());
            let Value::Int(v) = r.cells[i].value else { unreachable!() };
            r.cells[i].value = Value::Int(if v >= delta && delta % 2 == 0 { v - delta } else { v + delta });
            let (row, col) = (r.cells[i].row, r.cells[i].col);
            let mut got: Vec<_> = check_report(&r)
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| (f.rule, f.row, f.column))
                .collect();
            let mut want = expected_for(row, col);
            got.sort();
            want.sort();
            prop_assert_eq!(got, want);
        }
    }
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
        vec![
            (
                "outcome-sum",
                Severity::Error,
                Some("total_processed"),
                Some("natural_person")
            ),
            (
                "outcome-sum",
                Severity::Error,
                Some("total_processed"),
                Some("total")
            ),
        ],
        "{found:#?}"
    );
}
