//! The ceiling on a cell (below 10^12: no agency counts a trillion of anything in a year) and
//! totals that never wrap: two reports of 5×10^18 made a negative national total with exit 0,
//! and 9223372036854775807 gave a raw SQL error with no file or line.

use crate::bounded::{accepted, refused};
use crate::harness::{Env, repo};
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(20);
const HEADER: &str = "agency,year,section,row,column,value\n";

fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

#[test]
fn two_reports_past_the_ceiling_are_refused_with_file_line_and_cell() {
    let env = imported();
    for name in ["甲机关", "乙机关"] {
        env.write(
            &format!("{name}.csv"),
            format!("{HEADER}{name},2024,requests,received_new,total,5000000000000000000\n"),
        );
    }
    refused(
        &env,
        ["import", "甲机关.csv", "乙机关.csv"],
        LIMIT,
        &[
            "error: 2 problems in 2 of 2 files; nothing was imported",
            "甲机关.csv:2: column value: 5000000000000000000 is more than a cell may hold (at most 999999999999: no agency counts a trillion of anything in a year)",
            "乙机关.csv:2: column value: 5000000000000000000 is more than a cell may hold",
        ],
    );
}

#[test]
fn i64_max_in_a_full_report_is_refused_by_line_not_by_sql() {
    let env = imported();
    let text = std::fs::read_to_string(repo().join("data/huaian-2024.csv")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(",carried_in,total,"))
        .unwrap();
    let changed: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == line {
                format!("{},9223372036854775807", &l[..l.rfind(',').unwrap()])
            } else {
                l.to_string()
            }
        })
        .collect();
    env.write("max.csv", changed.join("\n"));
    let run = refused(
        &env,
        ["import", "max.csv"],
        LIMIT,
        &[&format!(
            "max.csv:{}: column value: 9223372036854775807 is more than a cell may hold",
            line + 1
        )],
    );
    assert!(!run.stderr.contains("REAL"), "{}", run.stderr);
    // Past i64 too, and negative in a signed cell.
    env.write(
        "past.csv",
        format!("{HEADER}甲,2024,requests,received_new,total,92233720368547758070\n"),
    );
    refused(
        &env,
        ["import", "past.csv"],
        LIMIT,
        &["past.csv:2: column value: \"92233720368547758070\" is more than a cell may hold"],
    );
}

#[test]
fn a_published_report_past_the_ceiling_is_refused_with_its_table_row_and_cell() {
    let env = imported();
    let text = std::fs::read_to_string(repo().join("data/jinjiang-2024.txt")).unwrap();
    let changed: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("一、本年新收") {
                let mut cells: Vec<&str> = l.split('\t').collect();
                cells[3] = "5000000000000000000";
                cells[9] = "5000000000000000016";
                cells.join("\t")
            } else {
                l.to_string()
            }
        })
        .collect();
    env.write("huge.txt", changed.join("\n"));
    refused(
        &env,
        ["import", "huge.txt"],
        LIMIT,
        &[
            "huge.txt: 表三, row “本年新收政府信息公开申请数量” (received_new): 自然人 at line 91: 5000000000000000000 is more than a cell may hold",
        ],
    );
}

#[test]
fn an_amount_past_the_ceiling_is_refused() {
    let env = imported();
    env.write(
        "fees.csv",
        format!("{HEADER}甲,2024,proactive,fees,amount_10k_yuan,12345678901234.5\n"),
    );
    refused(
        &env,
        ["import", "fees.csv"],
        LIMIT,
        &[
            "fees.csv:2: column value: an amount of 14 digits before the point is more than a cell may hold (below 10^12 万元",
        ],
    );
}

/// Up to the ceiling, values import and the national total is their exact sum.
#[test]
fn at_the_ceiling_values_import_and_sum_exactly() {
    let env = Env::new();
    let mut text = String::from(HEADER);
    for name in ["甲", "乙", "丙"] {
        text.push_str(&format!(
            "{name},2024,requests,received_new,total,999999999999\n"
        ));
    }
    env.write("max.csv", text);
    accepted(&env, ["import", "max.csv"], LIMIT);
    env.run(["query", "national", "--year", "2024", "--format", "csv"])
        .success()
        .stdout_has(
            "2024,requests,received_new,total,本年新收政府信息公开申请数量,总计,3,0,2999999999997,",
        );
}
