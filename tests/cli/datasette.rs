//! The database served by Datasette with gov-db's metadata: the metadata is valid for
//! Datasette (it refuses to start otherwise), the views carry their titles and formulas, and
//! the canned queries answer with their named parameters. Datasette is a Python program that
//! `.ci/run` installs; where it is missing outside CI the test says so and passes.

use crate::harness::{Env, repo};
use std::process::Command;

/// Datasette as its Python module: found wherever pip put it, whatever the PATH.
fn datasette() -> Command {
    let mut cmd = Command::new("python3");
    cmd.args(["-m", "datasette"]);
    cmd
}

fn datasette_installed() -> bool {
    let found = datasette()
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "datasette is not installed, and CI must run this test (.ci/run installs it)"
        );
        eprintln!("skipped: datasette is not installed (pip install datasette)");
    }
    found
}

/// `datasette gov.db -m metadata.json --get PATH`, as JSON.
fn get(env: &Env, metadata: &std::path::Path, path: &str) -> serde_json::Value {
    let out = datasette()
        .arg(env.db())
        .arg("-m")
        .arg(metadata)
        .arg("--get")
        .arg(path)
        .output()
        .expect("datasette runs");
    assert!(
        out.status.success(),
        "datasette --get {path}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{path}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn the_database_is_a_datasette_site_with_gov_db_metadata() {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env.run(["agency", "set", "晋江市人民政府", "--region", "350582"])
        .success();
    env.run(["agency", "set", "平潭综合实验区", "--region", "350128"])
        .success();
    let metadata = env.path("metadata.json");
    env.run(["datasette".as_ref(), "-o".as_ref(), metadata.as_os_str()])
        .success();
    let text = std::fs::read_to_string(&metadata).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    let tables = &parsed["databases"]["gov"]["tables"];
    assert_eq!(
        tables["resolution_rates"]["title"],
        "Requests received and processed per agency and year, with resolution and disclosure rates."
    );
    assert!(
        tables["resolution_rates"]["description"]
            .as_str()
            .unwrap()
            .contains("resolution_rate"),
        "{}",
        tables["resolution_rates"]
    );
    assert_eq!(tables["import_seen"]["hidden"], true);
    assert_eq!(tables["row_dim"]["label_column"], "label_zh");
    if !datasette_installed() {
        return;
    }

    // The view's page has its title and formulas from sql/.
    let view = get(&env, &metadata, "/gov/resolution_rates.json?_shape=objects");
    assert_eq!(
        view["rows"].as_array().unwrap().len(),
        6,
        "{}",
        view["rows"]
    );
    let site = get(&env, &metadata, "/-/metadata.json");
    assert_eq!(
        site["databases"]["gov"]["tables"]["trend"]["title"],
        tables["trend"]["title"]
    );

    // Canned queries with named parameters.
    let trend = get(
        &env,
        &metadata,
        "/gov/agency_trend.json?agency=平潭综合实验区&_shape=array",
    );
    let years: Vec<i64> = trend
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2019, 2022, 2024]);
    let ranking = get(
        &env,
        &metadata,
        "/gov/region_ranking.json?region=35&year=2024&_shape=array",
    );
    let agencies: Vec<&str> = ranking
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["agency"].as_str().unwrap())
        .collect();
    assert_eq!(agencies, ["平潭综合实验区", "晋江市人民政府"]);
    let cells = get(
        &env,
        &metadata,
        "/gov/report_cells.json?agency=晋江市人民政府&year=2024&_shape=array",
    );
    let received = cells
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["row"] == "received_new" && c["column"] == "total")
        .expect("本年新收 总计");
    assert_eq!(received["value"], 219);
    assert_eq!(received["row_label"], "本年新收政府信息公开申请数量");
}
