//! The views across agencies and years: coverage, compare (with medians), trend (with CAGR),
//! the --region and --level filters, and the charts in the terminal and as SVG.

use crate::agency::seed_as;
use crate::harness::{Env, fixture, records_in_order, repo, synth_csv};
use unicode_width::UnicodeWidthStr;

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&env.run(all).success().stdout()).unwrap()
}

/// The bundled data, imported: its agencies are placed on the map by the import itself
/// (晋江 350582, 淮安 320800, 平潭综合实验区 350128, 沭阳县发展和改革局 321322).
fn bundled() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

/// The agencies a query answers about, in the order it gives them, once each.
fn agencies_in(rows: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows.as_array().unwrap() {
        let a = r["agency"].as_str().unwrap().to_string();
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out
}

/// Issue 14: after `gov-db import data/`, with no other step, the regions filter by name at
/// any level and coverage rolls the agencies up per province and prefecture.
#[test]
fn the_bundled_data_is_placed_with_no_manual_step() {
    let env = bundled();
    let fujian = ["平潭综合实验区", "晋江市人民政府"];
    for given in ["福建省", "福建", "35"] {
        let rows = json(&env, &["query", "resolution-rates", "--region", given]);
        assert_eq!(agencies_in(&rows), fujian, "--region {given}");
    }
    for given in ["泉州市", "泉州", "晋江", "3505"] {
        let rows = json(&env, &["query", "resolution-rates", "--region", given]);
        assert_eq!(agencies_in(&rows), ["晋江市人民政府"], "--region {given}");
    }
    // The region a name was taken as is said on stderr; a code needs no saying.
    env.run(["query", "resolution-rates", "--region", "泉州"])
        .success()
        .stderr_has("--region 泉州: 福建省泉州市 (3505)");
    let out = env.run(["query", "resolution-rates", "--region", "3505"]);
    assert_eq!(out.success().stderr(), "");
    let county = json(&env, &["query", "resolution-rates", "--level", "county"]);
    assert_eq!(
        agencies_in(&county),
        ["平潭综合实验区", "沭阳县发展和改革局", "晋江市人民政府"]
    );
    let pref = json(
        &env,
        &["query", "resolution-rates", "--level", "prefecture"],
    );
    assert_eq!(agencies_in(&pref), ["淮安市人民政府"]);
    // An ambiguous name lists the regions it may be (exit 2).
    env.run(["query", "resolution-rates", "--region", "鼓楼"])
        .failure(2)
        .stderr_has("is the name of 4 regions: 320106 江苏省南京市鼓楼区");
    let grid = json(
        &env,
        &["query", "coverage", "--from", "2019", "--to", "2025"],
    );
    let rows = grid.as_array().unwrap();
    let code_of =
        |agency: &str| rows.iter().find(|r| r["agency"] == agency).unwrap()["region_code"].clone();
    assert_eq!(code_of("晋江市人民政府"), "350582");
    assert_eq!(code_of("淮安市人民政府"), "320800");
    assert_eq!(code_of("平潭综合实验区"), "350128");
    assert_eq!(code_of("沭阳县发展和改革局"), "321322");
    let roll = |code: &str| {
        rows.iter()
            .find(|r| r["region_code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(roll("35")["agency"], "Σ 福建省");
    assert_eq!(roll("35")["2024"], "2/2");
    assert_eq!(roll("3501")["agency"], "Σ 福州市");
    assert_eq!(roll("3505")["2024"], "1/1");
    assert_eq!(roll("32")["agency"], "Σ 江苏省");
    assert_eq!(roll("32")["2023"], "1/2");
    assert_eq!(roll("3213")["agency"], "Σ 宿迁市");
    // How each was placed, with the evidence.
    let placed = json(
        &env,
        &[
            "sql",
            "SELECT a.name, p.code, p.level, p.kind, p.method, p.evidence, p.by_person
             FROM agency_place p JOIN agency a ON a.id = p.agency_id ORDER BY p.code",
        ],
    );
    let pt = &placed[2];
    assert_eq!(pt["name"], "平潭综合实验区");
    assert_eq!(pt["method"], "exception");
    assert_eq!(pt["kind"], "government");
    assert!(pt["evidence"].as_str().unwrap().contains("平潭县"), "{pt}");
    assert_eq!(placed[1]["name"], "沭阳县发展和改革局");
    assert_eq!(placed[1]["kind"], "department");
    assert_eq!(placed[1]["by_person"], 0);
    env.run(["agency", "unplaced"])
        .success()
        .stdout_has("every agency is placed");
}

#[test]
fn coverage_shows_each_year_and_the_gaps() {
    let env = bundled();
    let grid = json(
        &env,
        &["query", "coverage", "--from", "2019", "--to", "2025"],
    );
    let rows = grid.as_array().unwrap();
    let pingtan = rows
        .iter()
        .find(|r| r["agency"] == "平潭综合实验区")
        .unwrap();
    assert_eq!(pingtan["2019"], "✓");
    assert_eq!(pingtan["2020"], "·");
    assert_eq!(pingtan["2022"], "✓");
    assert_eq!(pingtan["reports"], 3);
    assert_eq!(pingtan["missing"], "2020 2021 2023 2025");
    let jj = rows
        .iter()
        .find(|r| r["agency"] == "晋江市人民政府")
        .unwrap();
    assert_eq!(jj["2024"], "✓");
    assert_eq!(jj["2025"], "·");
    // Roll-ups per province and prefecture, named from the region list, and for all.
    let fujian = rows.iter().find(|r| r["region_code"] == "35").unwrap();
    assert_eq!(fujian["agency"], "Σ 福建省");
    assert_eq!(fujian["2024"], "2/2");
    let quanzhou = rows.iter().find(|r| r["region_code"] == "3505").unwrap();
    assert_eq!(quanzhou["agency"], "Σ 泉州市");
    let all = rows
        .iter()
        .find(|r| r["agency"] == "Σ all agencies")
        .unwrap();
    // Four agencies (晋江, 淮安, 平潭, 沭阳发改局), six reports, all within 2019–2025.
    assert_eq!(all["2024"], "3/4");
    assert_eq!(all["2019"], "1/4");
    assert_eq!(all["missing"], "22 agency-years");
    // Filters: a region prefix, a level.
    let fj = json(
        &env,
        &["query", "coverage", "--from", "2023", "--region", "3505"],
    );
    assert_eq!(fj.as_array().unwrap().len(), 1, "{fj}");
    let county = json(&env, &["query", "coverage", "--level", "prefecture"]);
    assert_eq!(county[0]["agency"], "淮安市人民政府");
    // The table reads as a grid.
    env.run(["query", "coverage", "--from", "2019", "--to", "2025"])
        .success()
        .stdout_has("│ 2019 │ 2020 │");
}

#[test]
fn compare_puts_agencies_beside_the_medians() {
    let env = bundled();
    let rows = json(
        &env,
        &[
            "query",
            "compare",
            "--year",
            "2024",
            "--agency",
            "晋江市人民政府",
            "--agency",
            "淮安市人民政府",
        ],
    );
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[0]["agency"], "晋江市人民政府");
    assert_eq!(rows[0]["requests"], 224);
    let r = rows[0]["resolution_rate_of_requests"].as_f64().unwrap();
    assert!((r - 221.0 / 224.0).abs() < 1e-9);
    assert_eq!(rows[2]["agency"], "median · all agencies (n=3)");
    let m = rows[2]["disclosure_rate_of_processed"].as_f64().unwrap();
    let (a, b) = (
        rows[0]["disclosure_rate_of_processed"].as_f64().unwrap(),
        rows[1]["disclosure_rate_of_processed"].as_f64().unwrap(),
    );
    // 2024 has three reports: 晋江 0.6018, 淮安 0.5954 and 平潭 0.4587, so 淮安's is the median.
    assert!(a > b);
    assert!((m - b).abs() < 1e-12);
    // A name nobody has is refused, not silently dropped.
    env.run([
        "query",
        "compare",
        "--agency",
        "晋江市人民政府",
        "--agency",
        "无此机关",
    ])
    .failure(1)
    .stderr_has("no agency is known as \"无此机关\"");
    // By region: the agencies there, the national and the regional median.
    let fj = json(
        &env,
        &["query", "compare", "--year", "2024", "--region", "35"],
    );
    let fj = fj.as_array().unwrap();
    assert_eq!(fj.len(), 4, "{fj:?}");
    assert_eq!(fj[3]["agency"], "median · region 35 (n=2)");
    assert_eq!(fj[3]["requests"], 221.0);
}

#[test]
fn a_rate_without_a_denominator_is_blank() {
    let env = Env::new();
    // TEST DATA: the seed report with nothing received, carried in or processed.
    let seed = std::fs::read_to_string(fixture("expected/jinjiang-2024.csv")).unwrap();
    let mut empty = String::new();
    for line in seed.lines() {
        let f: Vec<&str> = line.split(',').collect();
        if f.len() == 6 && f[2] == "requests" {
            empty.push_str(&format!("{},{},{},{},{},0\n", f[0], f[1], f[2], f[3], f[4]));
        } else {
            empty.push_str(line);
            empty.push('\n');
        }
    }
    let p = env.write("empty.csv", empty);
    env.run(["import".as_ref(), p.as_os_str()]).success();
    let rows = json(&env, &["query", "compare"]);
    assert_eq!(rows[0]["requests"], 0);
    assert!(rows[0]["resolution_rate_of_requests"].is_null(), "{rows}");
    assert!(rows[0]["disclosure_rate_of_processed"].is_null(), "{rows}");
    let csv = env
        .run(["query", "compare", "--format", "csv"])
        .success()
        .stdout();
    assert!(!csv.contains("NaN") && !csv.contains("inf"), "{csv}");
}

#[test]
fn trend_has_change_columns_and_cagr_over_the_range() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "晋江市人民政府", 2021, 95);
    let b = seed_as(&env, "b.csv", "晋江市人民政府", 2022, 195);
    env.run([
        "import".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    let rows = json(&env, &["query", "trend"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    // requests: 100 (2021), 200 (2022), 224 (2024); the gap shows in prev_year.
    assert_eq!(rows[1]["requests_change"], 100);
    // Percentages as the names say (_pct: × 100): 100 → 200 is +100%.
    assert_eq!(rows[1]["requests_change_pct"], 100.0);
    assert!((rows[2]["requests_change_pct"].as_f64().unwrap() - 12.0).abs() < 1e-9);
    assert_eq!(rows[2]["prev_year"], 2022);
    assert!(rows[0]["requests_cagr_pct"].is_null() && rows[1]["requests_cagr_pct"].is_null());
    let cagr = rows[2]["requests_cagr_pct"].as_f64().unwrap();
    assert!(
        (cagr - (2.24f64.powf(1.0 / 3.0) - 1.0) * 100.0).abs() < 1e-9,
        "{cagr}"
    );
    assert!(rows[2].get("requests_cagr").is_none(), "{:?}", rows[2]);
    // Over a narrower range the CAGR follows it.
    let rows = json(&env, &["query", "trend", "--from", "2022"]);
    let cagr = rows[1]["requests_cagr_pct"].as_f64().unwrap();
    assert!(
        (cagr - (1.12f64.sqrt() - 1.0) * 100.0).abs() < 1e-9,
        "{cagr}"
    );
    // Beside the rates' change in percentage points, which were already × 100.
    let jj = json(&env, &["query", "trend", "--year", "2024"]);
    let pp = jj[0]["disclosure_rate_change_pp"].as_f64().unwrap();
    let (now, before) = (
        rows[1]["disclosure_rate"].as_f64().unwrap(),
        rows[0]["disclosure_rate"].as_f64().unwrap(),
    );
    assert!((pp - (now - before) * 100.0).abs() < 1e-9, "{pp}");
}

#[test]
fn region_and_level_filter_every_view() {
    let env = bundled();
    let rates = json(&env, &["query", "resolution-rates", "--region", "3505"]);
    assert_eq!(rates.as_array().unwrap().len(), 1);
    assert_eq!(rates[0]["agency"], "晋江市人民政府");
    let rates = json(&env, &["query", "resolution-rates", "--region", "淮安市"]);
    assert_eq!(rates[0]["agency"], "淮安市人民政府");
    let pref = json(&env, &["query", "outcomes", "--level", "prefecture"]);
    assert_eq!(pref.as_array().unwrap().len(), 1);
    assert_eq!(pref[0]["agency"], "淮安市人民政府");
    let ranked = json(
        &env,
        &["query", "ranking", "--metric", "requests", "--region", "35"],
    );
    assert_eq!(ranked.as_array().unwrap().len(), 4, "{ranked}");
    env.run(["query", "outcomes", "--level", "city"]).failure(2);
    env.run(["query", "outcomes", "--region", "无此地"])
        .failure(2)
        .stderr_has("neither a code prefix nor a region");
}

#[test]
fn charts_fit_the_width_and_align_cjk_names() {
    let env = bundled();
    let out = env
        .run(["query", "compare", "--year", "2024", "--chart"])
        .success()
        .stdout();
    assert!(out.contains("disclosure_rate_of_processed · 2024"), "{out}");
    assert!(out.contains('█') && out.contains('░'), "{out}");
    // Every bar line of the chart is as wide as the others: names padded by display width.
    let bars: Vec<&str> = out
        .lines()
        .filter(|l| l.contains('█') || l.contains('░') || l.ends_with('%'))
        .collect();
    let w = bars[0].width();
    assert!(bars.iter().all(|l| l.width() == w), "{out}");
    assert!(w <= 200, "{w}");
    let ranking = env
        .run(["query", "ranking", "--year", "2024", "--chart"])
        .success()
        .stdout();
    assert!(ranking.contains("晋江市人民政府 █"), "{ranking}");
    let trend = env.run(["query", "trend", "--chart"]).success().stdout();
    assert!(trend.contains("requests · 2019–2024"), "{trend}");
    assert!(trend.contains("2024 224"), "{trend}");
    env.run(["query", "outcomes", "--chart"])
        .failure(2)
        .stderr_has("--chart and --svg draw trend, compare and ranking");
}

#[test]
fn svg_charts_are_real_text_in_a_cjk_font() {
    let env = bundled();
    for (view, file) in [
        ("compare", "c.svg"),
        ("trend", "t.svg"),
        ("ranking", "r.svg"),
    ] {
        let path = env.path(file);
        env.run([
            "query".as_ref(),
            view.as_ref(),
            "--svg".as_ref(),
            path.as_os_str(),
        ])
        .success()
        .stderr_has("wrote");
        let svg = std::fs::read_to_string(&path).unwrap();
        assert!(svg.starts_with("<?xml"), "{view}");
        assert!(svg.contains("Noto Sans CJK SC"), "{view}");
        assert!(svg.contains("<text"), "{view}");
        assert!(svg.contains("\n晋江市人民政府\n</text>"), "{view}: {svg}");
        assert!(svg.trim_end().ends_with("</svg>"), "{view}");
    }
}

#[test]
fn region_totals_pool_the_agencies_of_a_region() {
    let env = bundled();
    let rows = json(&env, &["query", "region-totals", "--year", "2024"]);
    let rows = rows.as_array().unwrap();
    let fujian = rows.iter().find(|r| r["region_code"] == "35").unwrap();
    assert_eq!(fujian["region"], "福建省");
    assert_eq!(fujian["agencies"], 2);
    assert_eq!(fujian["requests"], 224 + 218);
    let jiangsu = rows.iter().find(|r| r["region_code"] == "32").unwrap();
    assert_eq!(jiangsu["level"], "prefecture");
    let r = jiangsu["resolution_rate_pooled"].as_f64().unwrap();
    assert!((r - 3050.0 / 3153.0).abs() < 1e-12);
    // Every agency of the bundled data is placed: 2019 has 平潭 alone.
    let y2019 = json(&env, &["query", "region-totals", "--year", "2019"]);
    assert_eq!(y2019[0]["region"], "福建省");
    let county = json(&env, &["query", "region-totals", "--level", "county"]);
    assert!(
        county
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["level"] == "county")
    );
    // 福建省 and 福州市 for 平潭 (2019, 2022), 江苏省 and 宿迁市 for 沭阳 (2023), and in
    // 2024 福建省 (平潭 and 晋江), 福州市 and 泉州市.
    assert_eq!(county.as_array().unwrap().len(), 9, "{county}");
    // A view that is not per agency says so rather than ignore the filter.
    env.run(["query", "region-totals", "--agency", "晋江市人民政府"])
        .failure(2)
        .stderr_has("region-totals does not take --agency");
}

/// The top of a ranking is read off the metric's index with the limit inside the SQL: it must
/// be the head of the whole ranking, and the whole ranking what a plain RANK() over the
/// reports' totals gives, whatever the metric and filters.
#[test]
fn a_ranking_cut_short_is_the_head_of_the_whole_one() {
    let env = Env::new();
    let csv = synth_csv(&env, "synth.csv", 150, 3, 21);
    env.run(["import".as_ref(), csv.as_os_str()]).success();
    env.run([
        "sql",
        "--write",
        "UPDATE agency SET level = NULL,
             region_code = CASE id % 3 WHEN 0 THEN '350582' WHEN 1 THEN '320800' END",
    ])
    .success();
    let formulas = [
        ("requests", "CAST(s.received_new + s.carried_in AS REAL)"),
        (
            "resolution_rate",
            "CAST(s.total_processed AS REAL) / NULLIF(s.received_new + s.carried_in, 0)",
        ),
        (
            "disclosure_rate",
            "CAST(s.granted + s.partly_granted AS REAL) / NULLIF(s.total_processed, 0)",
        ),
        (
            "withheld_rate",
            "CAST(s.withheld AS REAL) / NULLIF(s.total_processed, 0)",
        ),
        (
            "correction_rate",
            "CAST(s.review_corrected + s.litigation_corrected AS REAL) / NULLIF(s.review_upheld \
             + s.review_corrected + s.review_other + s.litigation_upheld + s.litigation_corrected \
             + s.litigation_other, 0)",
        ),
    ];
    let filters: [(&[&str], &str); 5] = [
        (&[], "1"),
        (&["--year", "2023"], "r.year = 2023"),
        (&["--from", "2023"], "r.year >= 2023"),
        (&["--region", "3505"], "a.region_code LIKE '3505%'"),
        (&["--level", "prefecture"], "a.region_code = '320800'"),
    ];
    let mut ranked_rows = 0;
    for (metric, formula) in formulas {
        for (flags, condition) in filters {
            for min_requests in ["10", "0"] {
                let oracle = format!(
                    "SELECT year, RANK() OVER (PARTITION BY year ORDER BY v DESC), agency, v, n
                     FROM (SELECT r.year, a.name AS agency, {formula} AS v,
                                  s.received_new + s.carried_in AS n
                           FROM report r JOIN agency a ON a.id = r.agency_id
                           JOIN report_summary s ON s.report_id = r.id WHERE {condition})
                     WHERE v IS NOT NULL AND n >= {min_requests}
                     ORDER BY 1, 2, n DESC, agency"
                );
                let want = records_in_order(
                    &env.run(["sql", &oracle, "--format", "csv"])
                        .success()
                        .stdout(),
                );
                let mut args = vec![
                    "query",
                    "ranking",
                    "--metric",
                    metric,
                    "--min-requests",
                    min_requests,
                ];
                args.extend(flags);
                args.extend(["--format", "csv"]);
                let whole = records_in_order(&env.run(&args).success().stdout());
                let shown: Vec<Vec<&str>> = whole
                    .iter()
                    .map(|r| vec![r[0].as_str(), r[1].as_str(), r[2].as_str(), r[5].as_str()])
                    .collect();
                let expected: Vec<Vec<&str>> = want
                    .iter()
                    .map(|r| vec![r[0].as_str(), r[1].as_str(), r[2].as_str(), r[4].as_str()])
                    .collect();
                assert_eq!(
                    shown, expected,
                    "{metric} {flags:?} --min-requests {min_requests}"
                );
                for (got, want) in whole.iter().zip(&want) {
                    let (g, w): (f64, f64) = (got[4].parse().unwrap(), want[3].parse().unwrap());
                    assert!((g - w).abs() < 1e-9, "{metric}: {got:?} vs {want:?}");
                }
                args.extend(["--limit", "7"]);
                let head = records_in_order(&env.run(&args).success().stdout());
                assert_eq!(head, whole[..whole.len().min(7)], "{metric} {flags:?}");
                ranked_rows += whole.len();
            }
        }
    }
    // The data ranks something under every filter, so the comparisons above are not empty.
    assert!(ranked_rows > 2000, "{ranked_rows}");
}

/// A database whose views an older gov-db installed (here a trend whose requests_change_pct
/// was a fraction) gets this gov-db's views at the next command: the views are recreated
/// when their SQL differs from what the database last had.
#[test]
fn an_older_databases_views_are_replaced() {
    let env = Env::new();
    let a = seed_as(&env, "a.csv", "晋江市人民政府", 2023, 95);
    env.run([
        "import".as_ref(),
        a.as_os_str(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    for statement in [
        "DROP VIEW trend",
        "CREATE VIEW trend AS SELECT agency, year, CAST(requests - prev AS REAL) / prev \
         AS requests_change_pct FROM (SELECT agency, year, received_new + carried_in AS requests, \
         LAG(received_new + carried_in) OVER (PARTITION BY agency ORDER BY year) AS prev \
         FROM resolution_rates)",
        "UPDATE meta SET value = 'an older gov-db' WHERE key = 'views_digest'",
    ] {
        env.run(["sql", "--write", statement]).success();
    }
    let rows = json(&env, &["sql", "SELECT * FROM trend WHERE year = 2024"]);
    assert!((rows[0]["requests_change_pct"].as_f64().unwrap() - 124.0).abs() < 1e-9);
    assert!(rows[0]["resolution_rate_change_pp"].is_f64(), "{rows}");
}

/// Issue 15: `query trend` filters the reports before it finds each one's previous report;
/// its answer with --year, --from/--to, --agency, --region or --level is the trend view's
/// over every agency filtered afterwards, gaps in a series included (the previous report of
/// the year asked may be two years back, or none).
#[test]
fn trend_filtered_first_is_the_view_filtered_afterwards() {
    let env = Env::new();
    let csv = synth_csv(&env, "synth.csv", 40, 4, 15);
    env.run(["import".as_ref(), csv.as_os_str()]).success();
    let sql =
        |q: &str| records_in_order(&env.run(["sql", q, "--format", "csv"]).success().stdout());
    let agencies = sql("SELECT agency, region_code, level FROM agencies ORDER BY agency");
    let years: Vec<i64> = sql("SELECT DISTINCT year FROM report ORDER BY year")
        .iter()
        .map(|r| r[0].parse().unwrap())
        .collect();
    let (first, last) = (years[0], years[years.len() - 1]);
    // Gaps: some agencies lose the year before the last, one its first year too.
    for a in agencies.iter().step_by(5) {
        env.run([
            "delete",
            "--agency",
            &a[0],
            "--year",
            &(last - 1).to_string(),
        ])
        .success();
    }
    env.run([
        "delete",
        "--agency",
        &agencies[5][0],
        "--year",
        &first.to_string(),
    ])
    .success();
    let everything = sql("SELECT * FROM trend");
    let region_of = |agency: &str| {
        agencies
            .iter()
            .find(|a| a[0] == agency)
            .map(|a| (a[1].clone(), a[2].clone()))
            .unwrap()
    };
    let gap = everything
        .iter()
        .find(|r| r[1] == last.to_string() && r[2] == (last - 2).to_string());
    assert!(gap.is_some(), "a series with a gap before {last}");
    let province = agencies[0][1][..2].to_string();
    let level = agencies[0][2].clone();
    let (y, from, to) = (
        last.to_string(),
        (first + 1).to_string(),
        (last - 1).to_string(),
    );
    type Keep<'a> = Box<dyn Fn(&Vec<String>) -> bool + 'a>;
    let cases: Vec<(Vec<&str>, Keep)> = vec![
        (vec!["--year", &y], Box::new(|r| r[1] == y)),
        (
            vec!["--from", &from, "--to", &to],
            Box::new(|r| r[1] >= from && r[1] <= to),
        ),
        (
            vec!["--agency", &agencies[0][0]],
            Box::new(|r| r[0] == agencies[0][0]),
        ),
        (
            vec!["--region", &province],
            Box::new(|r| region_of(&r[0]).0.starts_with(&province)),
        ),
        (
            vec!["--level", &level],
            Box::new(|r| region_of(&r[0]).1 == level),
        ),
        (
            vec!["--region", &province, "--year", &y],
            Box::new(|r| r[1] == y && region_of(&r[0]).0.starts_with(&province)),
        ),
        (vec![], Box::new(|_| true)),
    ];
    for (filter, keep) in cases {
        let mut args = vec!["query", "trend", "--format", "csv"];
        args.extend(&filter);
        let got: Vec<Vec<String>> = records_in_order(&env.run(&args).success().stdout())
            .into_iter()
            .map(|mut r| {
                r.truncate(everything[0].len());
                r
            })
            .collect();
        let want: Vec<Vec<String>> = everything.iter().filter(|r| keep(r)).cloned().collect();
        assert!(!want.is_empty(), "{filter:?} selects something");
        assert_eq!(got, want, "{filter:?}");
    }
}

/// Issue 15: compare's median lines come from the reports' numbers alone (not the view's
/// rows of every agency, named and sorted), or from the rows shown when they are every
/// agency: still the median of every agency of the year, nationally, in the region and at the
/// level asked, whatever agencies are shown.
#[test]
fn compare_medians_are_those_of_the_view_over_every_agency() {
    let env = Env::new();
    let csv = synth_csv(&env, "synth.csv", 40, 2, 21);
    env.run(["import".as_ref(), csv.as_os_str()]).success();
    let sql =
        |q: &str| records_in_order(&env.run(["sql", q, "--format", "csv"]).success().stdout());
    let all = sql("SELECT * FROM compare");
    let agencies = sql("SELECT agency, region_code, level FROM agencies ORDER BY agency");
    let attributes = |agency: &str| agencies.iter().find(|a| a[0] == agency).unwrap().clone();
    let (a, province) = (agencies[1][0].clone(), agencies[1][1][..2].to_string());
    let level = agencies[1][2].clone();
    let median = |rows: &[&Vec<String>], i: usize| -> Option<f64> {
        let mut v: Vec<f64> = rows.iter().filter_map(|r| r[i].parse().ok()).collect();
        v.sort_by(|x, y| x.total_cmp(y));
        let n = v.len();
        (n > 0).then(|| {
            if n % 2 == 1 {
                v[n / 2]
            } else {
                (v[n / 2 - 1] + v[n / 2]) / 2.0
            }
        })
    };
    // Without --agency or --region, the medians are drawn from the rows shown (every agency of
    // the years and level asked): the same lines.
    for (args, in_scope, lines) in [
        (vec!["--agency", &a, "--region", &province], false, 4),
        (vec!["--agency", &a, "--level", &level], true, 2),
        (vec!["--year", "2024"], false, 1),
        (vec!["--level", &level], true, 2),
        (vec![], false, 2),
    ] {
        let mut all_args = vec!["query", "compare", "--format", "csv"];
        all_args.extend(&args);
        let got = records_in_order(&env.run(&all_args).success().stdout());
        let medians: Vec<&Vec<String>> =
            got.iter().filter(|r| r[0].starts_with("median")).collect();
        assert_eq!(medians.len(), lines, "{args:?}: {got:?}");
        for m in medians {
            let regional = m[0].contains("region");
            let peers: Vec<&Vec<String>> = all
                .iter()
                .filter(|r| r[1] == m[1])
                .filter(|r| !in_scope || attributes(&r[0])[2] == level)
                .filter(|r| !regional || attributes(&r[0])[1].starts_with(&province))
                .collect();
            assert!(m[0].ends_with(&format!("(n={})", peers.len())), "{m:?}");
            for i in 3..m.len() {
                let want = median(&peers, i);
                let have: Option<f64> = m[i].parse().ok();
                match (want, have) {
                    (Some(w), Some(h)) => {
                        assert!((w - h).abs() <= 1e-9 * w.abs().max(1.0), "{m:?} {i}")
                    }
                    (w, h) => assert_eq!(w, h, "{m:?} {i}"),
                }
            }
        }
    }
}
