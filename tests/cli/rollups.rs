//! The totals per year, province and level kept at import (`region_cell_total`, migration
//! V13) and the outcomes per report and applicant column (`report_outcome`, V14) against a
//! plain GROUP BY over the cells, through every way reports and agencies change; and the
//! views rewritten for speed against their old definitions, kept here as the oracle.

use crate::agency::seed_as;
use crate::harness::{Env, fixture, synth_csv};

/// The rollup as stored (rows that still count a report) and as a GROUP BY over `cell_values`
/// and the agencies view computes it, each minus the other: `n` is 0 when they agree.
pub const ROLLUP_DIFFERENCES: &str = "
    WITH stored AS (
        SELECT year, province, level, row_id, col_id, reports, blanks, total
        FROM region_cell_total WHERE reports > 0
    ), recomputed AS (
        SELECT c.year, coalesce(substr(g.region_code, 1, 2), '') AS province,
               coalesce(g.level, '') AS level, c.row_id, c.col_id,
               count(*) AS reports, sum(c.value IS NULL) AS blanks,
               coalesce(sum(c.value), 0) AS total
        FROM cell_values c
        JOIN agencies g ON g.agency = c.agency
        JOIN col_dim cd ON cd.id = c.col_id AND cd.kind <> 'money'
        GROUP BY 1, 2, 3, 4, 5
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM recomputed))
         + (SELECT count(*) FROM (SELECT * FROM recomputed EXCEPT SELECT * FROM stored)) AS n,
           (SELECT count(*) FROM report) AS reports";

/// `report_outcome` as stored and as a GROUP BY over `cell_values` computes it (by the rows'
/// codes and groups), each minus the other: `n` is 0 when they agree.
pub const OUTCOME_DIFFERENCES: &str = "
    WITH stored AS (
        SELECT report_id, col_id, received_new, processed, granted, partly_granted, withheld,
               unavailable, not_processed, other
        FROM report_outcome
    ), recomputed AS (
        SELECT report_id, col_id,
               sum(CASE WHEN \"row\" = 'received_new' THEN value END),
               sum(CASE WHEN \"row\" = 'total_processed' THEN value END),
               sum(CASE WHEN \"row\" = 'granted' THEN value END),
               sum(CASE WHEN \"row\" = 'partly_granted' THEN value END),
               sum(CASE WHEN grp = 'withheld' THEN value END),
               sum(CASE WHEN grp = 'unavailable' THEN value END),
               sum(CASE WHEN grp = 'not_processed' THEN value END),
               coalesce(sum(CASE WHEN \"row\" IN ('other_no_correction', 'other_unpaid_fee',
                                                 'other_misc') THEN value END),
                        sum(CASE WHEN \"row\" = 'other_processing' THEN value END))
        FROM cell_values WHERE section = 'requests'
        GROUP BY report_id, col_id
    )
    SELECT (SELECT count(*) FROM (SELECT * FROM stored EXCEPT SELECT * FROM recomputed))
         + (SELECT count(*) FROM (SELECT * FROM recomputed EXCEPT SELECT * FROM stored)) AS n,
           (SELECT count(*) FROM stored) > 0 AS kept";

fn rollup_matches(env: &Env, step: &str) {
    let out = env
        .run(["sql", ROLLUP_DIFFERENCES, "--format", "csv"])
        .success()
        .stdout();
    assert!(
        out.starts_with("n,reports\n0,"),
        "after {step}, region_cell_total differs from the cells: {out}"
    );
    let out = env
        .run(["sql", OUTCOME_DIFFERENCES, "--format", "csv"])
        .success()
        .stdout();
    assert_eq!(
        out, "n,kept\n0,1\n",
        "after {step}, report_outcome differs from the cells"
    );
}

#[test]
fn region_totals_and_outcomes_stay_equal_to_the_cells() {
    let env = Env::new();
    let a = synth_csv(&env, "a.csv", 30, 3, 11);
    // The same agencies with other numbers, and a year more: replaced and new reports.
    let b = synth_csv(&env, "b.csv", 20, 4, 12);
    env.run(["import".as_ref(), a.as_os_str()]).success();
    rollup_matches(&env, "an import");
    env.run(["import".as_ref(), b.as_os_str()]).success();
    rollup_matches(&env, "an import that replaces reports");
    // Two forms of one report in one import, the one stating more kept.
    env.run(["import".as_ref(), fixture("reports").as_os_str()])
        .success();
    rollup_matches(&env, "published reports");
    let x = seed_as(&env, "x.csv", "洪泽区人民政府", 2021, 50);
    let y = seed_as(&env, "y.csv", "淮安市洪泽区人民政府", 2022, 60);
    env.run(["import".as_ref(), x.as_os_str(), y.as_os_str()])
        .success();
    rollup_matches(&env, "two agencies");
    env.run(["agency", "set", "洪泽区人民政府", "--region", "350582"])
        .success();
    rollup_matches(&env, "a region change");
    env.run(["agency", "set", "洪泽区人民政府", "--level", "prefecture"])
        .success();
    rollup_matches(&env, "a level change");
    env.run(["agency", "merge", "洪泽区人民政府", "淮安市洪泽区人民政府"])
        .success();
    rollup_matches(&env, "a merge");
    env.run([
        "agency",
        "split",
        "淮安市洪泽区人民政府",
        "--year",
        "2022",
        "--into",
        "洪泽区政府（测试）",
    ])
    .success();
    rollup_matches(&env, "a split");
    env.run(["agency", "undo"]).success();
    rollup_matches(&env, "undoing the split");
    env.run(["agency", "undo"]).success();
    rollup_matches(&env, "undoing the merge");
    env.run(["agency", "undo"]).success();
    env.run(["agency", "undo"]).success();
    rollup_matches(&env, "undoing the region and level");
    // History: an import that replaces reports, undone (the replaced versions come back);
    // a correction; a deletion and its undo.
    let d = synth_csv(&env, "d.csv", 10, 3, 14);
    env.run(["import".as_ref(), d.as_os_str()]).success();
    rollup_matches(&env, "another import that replaces reports");
    env.run(["import", "undo"]).success();
    rollup_matches(&env, "undoing that import");
    let out = env
        .run([
            "sql",
            "SELECT a.name, max(r.year) FROM report r JOIN agency a ON a.id = r.agency_id
             WHERE a.name LIKE '%模拟%' GROUP BY a.name ORDER BY a.name LIMIT 1",
            "--format",
            "csv",
        ])
        .success()
        .stdout();
    let (agency, year) = out.lines().nth(1).unwrap().split_once(',').unwrap();
    env.run([
        "correct",
        "--agency",
        agency,
        "--year",
        year,
        "requests.received_new.total=987654",
        "--reason",
        "test",
    ])
    .success();
    rollup_matches(&env, "a correction");
    env.run(["delete", "--agency", agency, "--year", year])
        .success();
    rollup_matches(&env, "a deletion");
    env.run(["delete", "--undo", "--agency", agency, "--year", year])
        .success();
    rollup_matches(&env, "a deletion taken back");
    // Every province and level summed is the national total of year_cell_total.
    env.run([
        "sql",
        "SELECT count(*) AS n FROM (
             SELECT year, row_id, col_id, sum(reports), sum(blanks), sum(total)
             FROM region_cell_total GROUP BY 1, 2, 3
             EXCEPT SELECT year, row_id, col_id, reports, blanks, total FROM year_cell_total)",
        "--format",
        "csv",
    ])
    .success()
    .stdout_has("n\n0\n");
    // A file undone inside an import (a bad one among good ones) leaves nothing behind.
    let bad = env.write(
        "bad.csv",
        "agency,year,section,row,column,value\n某县,2024,requests,granted,total,x\n",
    );
    let c = synth_csv(&env, "c.csv", 5, 2, 13);
    env.run(["import".as_ref(), c.as_os_str(), bad.as_os_str()]);
    rollup_matches(&env, "an import with a bad file");
}

/// The old definition of `cells` (before it was read in its order), the oracle.
const OLD_CELLS: &str =
    "SELECT report_id, agency, year, template, section, \"row\", \"column\", grp,
       row_label, column_label, value
FROM cell_values
ORDER BY agency, year, row_id, col_id";

/// The old definition of `proactive`, the oracle.
const OLD_PROACTIVE: &str = "SELECT agency, year, template, \"row\", row_label, \"column\",
       column_label, value
FROM cell_values
WHERE section = 'proactive'
ORDER BY agency, year, row_id, col_id";

/// The old definition of `outcomes-by-applicant` (grouped from every cell), the oracle.
const OLD_OUTCOMES: &str = "SELECT c.agency, c.year, c.\"column\" AS category,
       cd.label_zh AS category_label,
       SUM(CASE WHEN c.\"row\" = 'received_new' THEN c.value END) AS received_new,
       SUM(CASE WHEN c.\"row\" = 'total_processed' THEN c.value END) AS processed,
       SUM(CASE WHEN c.\"row\" = 'granted' THEN c.value END) AS granted,
       SUM(CASE WHEN c.\"row\" = 'partly_granted' THEN c.value END) AS partly_granted,
       SUM(CASE WHEN c.grp = 'withheld' THEN c.value END) AS withheld,
       SUM(CASE WHEN c.grp = 'unavailable' THEN c.value END) AS unavailable,
       SUM(CASE WHEN c.grp = 'not_processed' THEN c.value END) AS not_processed,
       coalesce(SUM(CASE WHEN c.\"row\" IN ('other_no_correction', 'other_unpaid_fee', 'other_misc') THEN c.value END),
                SUM(CASE WHEN c.\"row\" = 'other_processing' THEN c.value END)) AS other,
       CAST(SUM(CASE WHEN c.\"row\" IN ('granted', 'partly_granted') THEN c.value END) AS REAL)
           / NULLIF(SUM(CASE WHEN c.\"row\" = 'total_processed' THEN c.value END), 0) AS disclosure_rate
FROM cell_values c
JOIN col_dim cd ON cd.code = c.\"column\" AND cd.section_id = 2
WHERE c.section = 'requests'
GROUP BY c.agency, c.year, c.report_id, c.\"column\"
ORDER BY c.year, c.agency, cd.sort";

/// The old definition of `refusal-reasons` (a window over every cell), the oracle.
const OLD_REFUSALS: &str = "SELECT c.agency, c.year, c.grp AS \"group\", c.\"row\" AS reason,
       c.row_label AS label, c.value AS count,
       CAST(c.value AS REAL) / NULLIF(s.total_processed, 0) AS share_of_processed,
       CAST(c.value AS REAL) / NULLIF(SUM(c.value) OVER (PARTITION BY c.agency, c.year, c.report_id, c.grp), 0) AS share_of_group
FROM cell_values c
JOIN report_summary s ON s.report_id = c.report_id
JOIN row_dim rd ON rd.code = c.\"row\" AND rd.section_id = 2
WHERE c.section = 'requests'
  AND c.\"column\" = 'total'
  AND c.grp IN ('withheld', 'unavailable', 'not_processed')
ORDER BY c.year, c.agency, rd.sort";

/// The old definition of `applicant-mix` (every cell through `cell_values`), the oracle.
const OLD_MIX: &str = "WITH per_category AS (
    SELECT c.report_id, c.agency, c.year, c.\"column\" AS category, cd.label_zh AS category_label, cd.sort, c.value AS requests
    FROM cell_values c
    JOIN col_dim cd ON cd.code = c.\"column\" AND cd.section_id = 2
    WHERE c.section = 'requests' AND c.\"row\" = 'received_new' AND c.\"column\" <> 'total'
)
SELECT agency, year, category, category_label, requests,
       CAST(requests AS REAL) / NULLIF(SUM(requests) OVER (PARTITION BY agency, year, report_id), 0) AS share
FROM per_category
ORDER BY year, agency, sort";

/// The views rewritten for speed, each with its old definition.
const REWRITTEN: [(&str, &str); 5] = [
    ("applicant-mix", OLD_MIX),
    ("cells", OLD_CELLS),
    ("proactive", OLD_PROACTIVE),
    ("outcomes-by-applicant", OLD_OUTCOMES),
    ("refusal-reasons", OLD_REFUSALS),
];

/// `gov-db query VIEW FILTERS` and the old definition under the same filters print the same.
fn same_as_old(env: &Env, view: &str, old: &str, filter: &[&str]) {
    let mut args = vec!["query", view, "--format", "csv"];
    args.extend(filter);
    let new = env.run(&args).success().stdout();
    let mut conditions = Vec::new();
    for pair in filter.chunks(2) {
        match pair {
            ["--year", y] => conditions.push(format!("year = {y}")),
            ["--region", r] => conditions.push(format!(
                "agency IN (SELECT agency FROM agencies WHERE region_code LIKE '{r}%')"
            )),
            ["--agency", a] => conditions.push(format!("agency = '{a}'")),
            ["--level", l] => conditions.push(format!(
                "agency IN (SELECT agency FROM agencies WHERE level = '{l}')"
            )),
            other => panic!("no oracle for {other:?}"),
        }
    }
    let sql = if conditions.is_empty() {
        old.to_string()
    } else {
        format!("SELECT * FROM ({old}) WHERE {}", conditions.join(" AND "))
    };
    let oracle = env
        .run(["sql", sql.as_str(), "--format", "csv"])
        .success()
        .stdout();
    assert!(new.lines().count() > 1, "{view} {filter:?} selects nothing");
    assert!(
        new == oracle,
        "{view} {filter:?} differs from its old definition ({} lines against {})",
        new.lines().count(),
        oracle.lines().count()
    );
}

#[test]
fn rewritten_views_give_the_old_rows_on_the_fixtures_and_a_generated_database() {
    let env = Env::new();
    env.run(["import".as_ref(), fixture("reports").as_os_str()])
        .success();
    for (view, old) in REWRITTEN {
        same_as_old(&env, view, old, &[]);
        same_as_old(&env, view, old, &["--year", "2024"]);
        same_as_old(&env, view, old, &["--region", "35"]);
    }
    let generated = Env::new();
    let csv = synth_csv(&generated, "g.csv", 40, 3, 21);
    generated
        .run(["import".as_ref(), csv.as_os_str()])
        .success();
    let (year, agency) = {
        let out = generated
            .run([
                "sql",
                "SELECT max(year), min(name) FROM report JOIN agency ON agency.id = agency_id",
                "--format",
                "csv",
            ])
            .success()
            .stdout();
        let line = out.lines().nth(1).unwrap().to_string();
        let (y, a) = line.split_once(',').unwrap();
        (y.to_string(), a.to_string())
    };
    let region = generated
        .run([
            "sql",
            "SELECT substr(min(region_code), 1, 2) FROM agency",
            "--format",
            "csv",
        ])
        .success()
        .stdout()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let level = generated
        .run(["sql", "SELECT min(level) FROM agencies", "--format", "csv"])
        .success()
        .stdout()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    for (view, old) in REWRITTEN {
        same_as_old(&generated, view, old, &[]);
        same_as_old(&generated, view, old, &["--year", &year]);
        same_as_old(&generated, view, old, &["--region", &region]);
        same_as_old(&generated, view, old, &["--agency", &agency]);
        same_as_old(&generated, view, old, &["--level", &level]);
        same_as_old(
            &generated,
            view,
            old,
            &["--year", &year, "--region", &region],
        );
    }
    // A year without reports between others (the views loop over the years of
    // `statistics_year` between the first and the last): every report of the middle year
    // deleted, then the views again.
    let middle: i64 = year.parse::<i64>().unwrap() - 1;
    let agencies = generated
        .run([
            "sql",
            &format!(
                "SELECT a.name FROM report r JOIN agency a ON a.id = r.agency_id
                 WHERE r.year = {middle} ORDER BY 1"
            ),
            "--format",
            "csv",
        ])
        .success()
        .stdout();
    for name in agencies.lines().skip(1) {
        generated
            .run(["delete", "--agency", name, "--year", &middle.to_string()])
            .success();
    }
    for (view, old) in REWRITTEN {
        same_as_old(&generated, view, old, &[]);
        same_as_old(&generated, view, old, &["--agency", &agency]);
    }
    // cell_counts holds exactly the stated count cells that are not 0, with their values.
    generated
        .run([
            "sql",
            "WITH a AS (SELECT report_id, row_id, col_id, value FROM cell_values c
                        JOIN col_dim cd ON cd.id = c.col_id AND cd.kind <> 'money'
                        WHERE value IS NULL OR value <> 0),
                  b AS (SELECT report_id, row_id, col_id, value FROM cell_counts)
             SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b))
                  + (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a)) AS n,
                    (SELECT count(*) FROM b) > 1000 AS many",
            "--format",
            "csv",
        ])
        .success()
        .stdout_has("n,many\n0,1\n");
}

/// The definition of `cell_values` before V15 (every stated cell joined to `shape_cell`,
/// `row_dim`, `col_dim`, `section`, `fact` and `fact_money`), the oracle.
const OLD_CELL_VALUES: &str = "SELECT r.id AS report_id, a.name AS agency, r.year, r.template,
       s.code AS section, rd.code AS \"row\", cd.code AS \"column\", rd.grp AS grp,
       rd.label_zh AS row_label, cd.label_zh AS column_label,
       CASE WHEN cd.kind = 'money' THEN CAST(m.value AS REAL)
            WHEN f.report_id IS NULL THEN 0
            ELSE f.value END AS value,
       sc.row_id, sc.col_id
FROM report r
JOIN agency a ON a.id = r.agency_id
JOIN shape_cell sc ON sc.shape_id = r.shape_id
JOIN row_dim rd ON rd.id = sc.row_id
JOIN col_dim cd ON cd.id = sc.col_id
JOIN section s ON s.id = rd.section_id
LEFT JOIN fact f ON f.report_id = r.id AND f.row_id = sc.row_id AND f.col_id = sc.col_id
LEFT JOIN fact_money m ON m.report_id = r.id AND m.row_id = sc.row_id AND m.col_id = sc.col_id";

/// `cell_values` under `filter` (a WHERE clause, or "" for every cell) and its old definition
/// under the same give the same rows, columns and value types; returns how many rows.
fn cell_values_same_as_old(env: &Env, filter: &str) -> usize {
    let select = |from: &str| {
        format!(
            "SELECT *, typeof(value) AS value_type FROM {from} c {filter}
             ORDER BY report_id, row_id, col_id"
        )
    };
    let new = env
        .run(["sql", select("cell_values").as_str(), "--format", "csv"])
        .success()
        .stdout();
    let old = env
        .run([
            "sql",
            select(&format!("({OLD_CELL_VALUES})")).as_str(),
            "--format",
            "csv",
        ])
        .success()
        .stdout();
    assert!(
        new == old,
        "cell_values {filter:?} differs from its old definition ({} lines against {})",
        new.lines().count(),
        old.lines().count()
    );
    new.lines().count() - 1
}

#[test]
fn cell_values_gives_the_old_rows_under_every_kind_of_filter() {
    let env = Env::new();
    // Published reports (money, blanks, shapes of their own) and generated ones.
    env.run(["import".as_ref(), fixture("reports").as_os_str()])
        .success();
    let csv = synth_csv(&env, "g.csv", 30, 3, 31);
    env.run(["import".as_ref(), csv.as_os_str()]).success();
    let all = cell_values_same_as_old(&env, "");
    assert!(all > 1000, "only {all} cells");
    let agency = env
        .run(["sql", "SELECT min(name) FROM agency", "--format", "csv"])
        .success()
        .stdout()
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let filters = [
        format!("WHERE agency = '{agency}'"),
        "WHERE year = 2024".to_string(),
        "WHERE section = 'proactive'".to_string(),
        "WHERE section = 'requests' AND \"column\" = 'total'".to_string(),
        "WHERE section = 'requests' AND \"row\" = 'received_new'".to_string(),
        "WHERE section = 'requests' AND \"column\" = 'total' AND grp = 'withheld'".to_string(),
        "WHERE \"column\" = 'amount_10k_yuan'".to_string(),
        "WHERE value IS NULL".to_string(),
        "WHERE year = 2023 AND section = 'appeals' AND \"row\" = 'admin_review'".to_string(),
    ];
    for filter in &filters {
        let n = cell_values_same_as_old(&env, filter);
        assert!(n > 0 && n < all, "{filter} selects {n} of {all} cells");
    }
}

/// The views that list many rows per year read them in their order under any one filter:
/// no sort of every row selected (`USE TEMP B-TREE`, 1.6 s of `refusal-reasons --year` at
/// 200k reports), and no shape read whole for a few of its rows (`proactive` read 200 cells a
/// report for its 10). The plans of the statements `gov-db query` runs (src/store/sql/
/// filter.sql with the filter given), on a generated database.
#[test]
fn listings_are_read_in_their_order_under_every_filter() {
    let env = Env::new();
    let csv = synth_csv(&env, "g.csv", 20, 3, 5);
    env.run(["import".as_ref(), csv.as_os_str()]).success();
    let filters = [
        "1",
        "year >= 2024 AND year <= 2024",
        "year >= 2023",
        "agency = 'x'",
        "agency IN (SELECT agency FROM agencies WHERE region_code LIKE '35' || '%')",
        "agency IN (SELECT agency FROM agencies WHERE level = 'county')",
    ];
    for view in [
        "refusal_reasons",
        "outcomes_by_applicant",
        "applicant_mix",
        "proactive",
        "cells",
    ] {
        for filter in filters {
            let plan = env
                .run([
                    "sql",
                    &format!("EXPLAIN QUERY PLAN SELECT * FROM {view} WHERE {filter}"),
                    "--format",
                    "csv",
                ])
                .success()
                .stdout();
            assert!(
                !plan.contains("TEMP B-TREE"),
                "{view} WHERE {filter} sorts its rows:\n{plan}"
            );
            assert!(
                !plan.contains("SEARCH sc USING PRIMARY KEY (shape_id=?)\n") || view == "cells",
                "{view} WHERE {filter} reads each shape whole:\n{plan}"
            );
        }
    }
}
