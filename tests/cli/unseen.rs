//! Reports in layouts the shared fixtures do not have, read end to end: import, the stored
//! numbers, the rates over blank cells, and checks that raise no false error.

use crate::harness::{Env, repo};

fn value(env: &Env, row: &str, column: &str) -> String {
    let sql = format!(
        "SELECT coalesce(value, 'blank') FROM cells WHERE section = 'requests' AND \"row\" = '{row}' AND \"column\" = '{column}'"
    );
    let out = env.run(["sql", &sql, "--format", "csv"]).success().stdout();
    out.lines().nth(1).unwrap_or("").to_string()
}

#[test]
fn a_2019_report_with_a_total_column_filled_only_on_total_rows() {
    let env = Env::new();
    let file = repo().join("tests/fixtures/shanghai-office-2019.html");
    env.run(["import".as_ref(), file.as_os_str()])
        .success()
        .stdout_has("imported 1 report")
        .stdout_has("0 errors");
    env.run(["sql", "SELECT name FROM agency", "--format", "csv"])
        .success()
        .stdout_has("上海市人民政府办公厅");
    for (row, column, expected) in [
        ("received_new", "natural_person", "821"),
        ("received_new", "total", "859"),
        ("received_new", "research_institution", "blank"),
        ("granted", "natural_person", "258"),
        ("granted", "total", "blank"),
        ("withheld_process_info", "commercial_enterprise", "1"),
        ("unavailable_not_held", "legal_service_org", "1"),
        ("rejected_duplicate", "commercial_enterprise", "4"),
        ("other_processing", "natural_person", "blank"),
        ("total_processed", "total", "805"),
        ("carried_out", "total", "72"),
    ] {
        assert_eq!(value(&env, row, column), expected, "{row}/{column}");
    }
    // 予以公开 + 部分公开 over the six columns where 总计 is blank: (258+12+1+1+3) / 805.
    let rates = env
        .run(["query", "resolution-rates", "--format", "json"])
        .success()
        .stdout();
    let rates: serde_json::Value = serde_json::from_str(&rates).unwrap();
    let disclosure = rates[0]["disclosure_rate"].as_f64().unwrap();
    assert!((disclosure - 275.0 / 805.0).abs() < 1e-12, "{rates}");
    // Blank 总计 cells make the row totals not assessable, never an error.
    env.run(["check"]).success().stderr_has("0 errors");
    // The procurement amount was printed in 元: 251000元 is 25.1 万元.
    env.run(["export"])
        .success()
        .stdout_has("proactive,procurement,amount_10k_yuan,25.1")
        .stdout_has("appeals,admin_review,total,7");
}
