//! `query compare|ranking --peers`: each agency's percentile in its peer group and the group's
//! quartiles, checked against the definitions computed plainly here from the view's own rows
//! (over synthetic agencies spread over two provinces and two levels).

use crate::harness::{Env, synth_csv};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// Each agency's (region code, level) as the test set them.
type Attributes = BTreeMap<String, (Option<String>, Option<String>)>;

/// 60 synthetic agencies × 2 years; agency i is in province 35 or 32 and is a county or a
/// prefecture by i, and every eleventh has neither code nor level.
fn env() -> (Env, Attributes) {
    let env = Env::new();
    let csv = synth_csv(&env, "synth.csv", 60, 2, 11);
    env.run(["import".as_ref(), csv.as_os_str()]).success();
    let names: Vec<String> = json(&env, &["query", "compare", "--year", "2024"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["agency"].as_str().unwrap().to_string())
        .filter(|n| !n.starts_with("median"))
        .collect();
    let mut list = String::from("name,region_code,level,parent\n");
    let mut attributes = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        let (code, level) = match i {
            i if i % 11 == 0 => (None, None),
            i => (
                Some(format!(
                    "{}{:04}",
                    if i % 2 == 0 { 35 } else { 32 },
                    100 + i
                )),
                Some(if i % 3 == 0 { "prefecture" } else { "county" }.to_string()),
            ),
        };
        list.push_str(&format!(
            "{name},{},{},\n",
            code.clone().unwrap_or_default(),
            level.clone().unwrap_or_default()
        ));
        attributes.insert(name.clone(), (code, level));
    }
    env.write("agencies.csv", list);
    env.run(["agency", "import", "agencies.csv"]).success();
    // Those listed without a code were placed from their names (福建省…): a person clears them.
    for (name, (code, _)) in &attributes {
        if code.is_none() {
            env.run(["agency", "set", name, "--region", "", "--level", ""])
                .success();
        }
    }
    (env, attributes)
}

fn json(env: &Env, args: &[&str]) -> Json {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&env.run(&all).success().stdout()).unwrap()
}

/// The definition read plainly: over the other members, the lower values and half the equal.
fn percentile(x: f64, group: &[f64]) -> Option<f64> {
    if group.len() < 2 {
        return None;
    }
    let lower = group.iter().filter(|v| **v < x).count() as f64;
    let equal = group.iter().filter(|v| **v == x).count() as f64 - 1.0;
    Some(100.0 * (lower + equal / 2.0) / (group.len() - 1) as f64)
}

/// numpy's default percentile ('linear').
fn quantile(group: &[f64], p: f64) -> Option<f64> {
    let mut s = group.to_vec();
    s.sort_by(f64::total_cmp);
    let h = (s.len().checked_sub(1)? as f64) * p;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(s[lo] + (h - lo as f64) * (s[hi] - s[lo]))
}

fn close(got: &Json, want: Option<f64>, what: &str) {
    match want {
        None => assert!(got.is_null(), "{what}: {got} for none"),
        Some(w) => {
            let g = got.as_f64().unwrap_or_else(|| panic!("{what}: {got}"));
            assert!((g - w).abs() < 1e-9, "{what}: {g} vs {w}");
        }
    }
}

fn group_of(
    attrs: &(Option<String>, Option<String>),
    level: bool,
    province: bool,
) -> Option<String> {
    let mut parts = Vec::new();
    if level {
        parts.push(format!("level {}", attrs.1.as_ref()?));
    }
    if province {
        parts.push(format!("province {}", &attrs.0.as_ref()?[..2]));
    }
    Some(parts.join(" · "))
}

#[test]
fn compare_gives_percentiles_and_quartiles_of_the_peer_groups() {
    let (env, attributes) = env();
    let all = json(&env, &["query", "compare", "--year", "2024"]);
    let agencies: Vec<&Json> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| !r["agency"].as_str().unwrap().starts_with("median"))
        .collect();
    let metrics = [
        "requests",
        "processed",
        "resolution_rate_of_requests",
        "disclosure_rate_of_processed",
        "withheld_rate_of_processed",
        "correction_rate_of_decided",
    ];
    // Shown: the agencies of province 35, of one level, or every agency (whose rows are then
    // the groups' members, not read again); their peers are every agency of the group.
    let shown: [&[&str]; 3] = [&["--region", "35"], &["--level", "county"], &[]];
    for ((peers, level, province), filter) in [
        ("level", true, false),
        ("province", false, true),
        ("level,province", true, true),
    ]
    .into_iter()
    .flat_map(|p| shown.iter().map(move |f| (p, *f)))
    {
        let mut args = vec!["query", "compare", "--year", "2024", "--peers", peers];
        args.extend(filter);
        let rows = json(&env, &args);
        let rows = rows.as_array().unwrap();
        let members = |key: &str| -> Vec<&Json> {
            agencies
                .iter()
                .copied()
                .filter(|r| {
                    group_of(&attributes[r["agency"].as_str().unwrap()], level, province).as_deref()
                        == Some(key)
                })
                .collect()
        };
        let mut checked = 0;
        let mut quartile_rows = 0;
        for row in rows {
            let name = row["agency"].as_str().unwrap();
            if name.starts_with("median") {
                assert!(row["peer_group"].is_null());
                continue;
            }
            let Some(key) = row["peer_group"].as_str().map(str::to_string) else {
                // Shown, but without the code or level its group needs.
                assert_eq!(group_of(&attributes[name], level, province), None, "{name}");
                assert!(row["requests_percentile"].is_null(), "{name}");
                continue;
            };
            let group = members(&key);
            assert_eq!(row["peer_n"], group.len(), "{name}");
            for m in metrics {
                let values: Vec<f64> = group.iter().filter_map(|r| r[m].as_f64()).collect();
                if let Some((label, _)) = name.split_once(" · ") {
                    let p = match label {
                        "P25" => 0.25,
                        "P50" => 0.5,
                        "P75" => 0.75,
                        other => panic!("{other}"),
                    };
                    assert!(
                        name.ends_with(&format!("{key} (n={})", group.len())),
                        "{name}"
                    );
                    close(&row[m], quantile(&values, p), &format!("{name} {m}"));
                    assert!(row[format!("{m}_percentile")].is_null());
                } else {
                    let want = row[m].as_f64().and_then(|x| percentile(x, &values));
                    close(
                        &row[format!("{m}_percentile")],
                        want,
                        &format!("{name} {m}"),
                    );
                }
            }
            if name.contains(" · ") {
                quartile_rows += 1;
            } else {
                assert_eq!(
                    group_of(&attributes[name], level, province).as_deref(),
                    Some(key.as_str())
                );
                checked += 1;
            }
        }
        assert!(
            checked >= 10,
            "{peers} {filter:?}: {checked} agencies checked"
        );
        assert!(quartile_rows >= 3, "{peers} {filter:?}");
        // P50 is the median: with one group per level, the county P50 is the median of the
        // counties of every province.
        if peers == "level" {
            let p50 = rows
                .iter()
                .find(|r| {
                    r["agency"]
                        .as_str()
                        .unwrap()
                        .starts_with("P50 · level county")
                })
                .unwrap();
            let mut counties: Vec<f64> = members("level county")
                .iter()
                .filter_map(|r| r["requests"].as_f64())
                .collect();
            counties.sort_by(f64::total_cmp);
            let n = counties.len();
            let median = if n % 2 == 1 {
                counties[n / 2]
            } else {
                (counties[n / 2 - 1] + counties[n / 2]) / 2.0
            };
            close(&p50["requests"], Some(median), "P50 = median");
        }
    }
    // An agency without a code or level has no group, and no percentile.
    let lone = attributes.iter().find(|(_, a)| a.0.is_none()).unwrap().0;
    let rows = json(
        &env,
        &[
            "query", "compare", "--year", "2024", "--agency", lone, "--peers", "level",
        ],
    );
    assert!(rows[0]["peer_group"].is_null() && rows[0]["requests_percentile"].is_null());
}

#[test]
fn ranking_gives_the_percentile_and_quartiles_of_the_ranked_peers() {
    let (env, attributes) = env();
    let metric = "resolution_rate";
    let all = json(
        &env,
        &["query", "ranking", "--year", "2024", "--metric", metric],
    );
    let ranked = all.as_array().unwrap();
    let rows = json(
        &env,
        &[
            "query", "ranking", "--year", "2024", "--metric", metric, "--peers", "province",
            "--limit", "15",
        ],
    );
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 15);
    for row in rows {
        let name = row["agency"].as_str().unwrap();
        let Some(key) = group_of(&attributes[name], false, true) else {
            assert!(row["peer_group"].is_null() && row["percentile"].is_null());
            continue;
        };
        assert_eq!(row["peer_group"], key.as_str());
        let values: Vec<f64> = ranked
            .iter()
            .filter(|r| {
                group_of(&attributes[r["agency"].as_str().unwrap()], false, true).as_deref()
                    == Some(key.as_str())
            })
            .map(|r| r["value"].as_f64().unwrap())
            .collect();
        assert_eq!(row["peer_n"], values.len());
        let x = row["value"].as_f64().unwrap();
        close(&row["percentile"], percentile(x, &values), name);
        close(&row["peer_p25"], quantile(&values, 0.25), name);
        close(&row["peer_p50"], quantile(&values, 0.5), name);
        close(&row["peer_p75"], quantile(&values, 0.75), name);
    }
    // numpy agrees, where Python has it: its default percentile on every group's values.
    numpy_agrees(rows, ranked, &attributes);
    // The other views take no --peers; an unknown grouping is refused by clap.
    env.run(["query", "trend", "--peers", "level"])
        .failure(2)
        .stderr_has("--peers is for compare and ranking");
    env.run(["query", "compare", "--peers", "city"]).failure(2);
    // CSV and the chart still work with the added columns.
    let csv = env
        .run([
            "query", "ranking", "--year", "2024", "--peers", "level", "--format", "csv",
        ])
        .success()
        .stdout();
    assert!(csv.starts_with("year,rank,agency,metric,value,requests,peer_group,peer_n,percentile,peer_p25,peer_p50,peer_p75\n"));
    let chart = env
        .run([
            "query", "compare", "--year", "2024", "--region", "35", "--peers", "level", "--chart",
        ])
        .success()
        .stdout();
    assert!(!chart.contains("_percentile"), "{chart}");
}

/// numpy.percentile (its default method) of each ranked group's values equals the
/// peer_p25/p50/p75 printed; skipped with a message where Python has no numpy.
fn numpy_agrees(rows: &[Json], ranked: &[Json], attributes: &Attributes) {
    let mut groups: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for r in ranked {
        if let Some(key) = group_of(&attributes[r["agency"].as_str().unwrap()], false, true) {
            groups
                .entry(key)
                .or_default()
                .push(r["value"].as_f64().unwrap());
        }
    }
    let script = "import json, sys, numpy\n\
                  groups = json.loads(sys.stdin.read())\n\
                  print(json.dumps({k: list(numpy.percentile(v, [25, 50, 75])) for k, v in groups.items()}))";
    let run = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = run else {
        eprintln!("skipped: no python3 to compare with numpy");
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(serde_json::to_string(&groups).unwrap().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    if !out.status.success() {
        eprintln!(
            "skipped: numpy is not installed (pip install numpy): {}",
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        );
        return;
    }
    let numpy: BTreeMap<String, Vec<f64>> = serde_json::from_slice(&out.stdout).unwrap();
    let mut compared = 0;
    for row in rows {
        let Some(key) = row["peer_group"].as_str() else {
            continue;
        };
        for (i, column) in ["peer_p25", "peer_p50", "peer_p75"].iter().enumerate() {
            close(
                &row[*column],
                Some(numpy[key][i]),
                &format!("numpy {key} {column}"),
            );
        }
        compared += 1;
    }
    assert!(compared > 0);
}
