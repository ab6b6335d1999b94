//! Counts quoted in a report's text, told from table rows and checked against its tables.

use super::*;

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
