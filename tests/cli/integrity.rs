//! What an import or an agency change leaves behind is what the user would expect from the
//! final state: checks across years see the import's own replacements, and undoing an agency
//! change moves every report it routed, so that one agency-year is never stored twice.

use crate::harness::{Env, fixture};

/// 晋江's 2024 report filed as `year`, with its carry-over set: `carried_in` and
/// `carried_out` in the 自然人 and 总计 columns, 本年新收 adjusted so that every identity of
/// the report still holds (新收 + 结转 = 办结 + 结转下年).
fn jinjiang(year: i64, carried_in: i64, carried_out: i64) -> String {
    let seed = std::fs::read_to_string(fixture("expected/jinjiang-2024.csv")).unwrap();
    // As printed: 203 new + 5 carried in = 205 processed + 3 carried out (自然人).
    let new_natural = 205 + carried_out - carried_in;
    let new_total = new_natural + 16;
    seed.lines()
        .skip(1)
        .map(|l| {
            let l = l.replace("晋江市人民政府,2024,", &format!("晋江市人民政府,{year},"));
            let l = match l.rsplit_once(',') {
                Some((key, _)) if key.ends_with("requests,received_new,natural_person") => {
                    format!("{key},{new_natural}")
                }
                Some((key, _)) if key.ends_with("requests,received_new,total") => {
                    format!("{key},{new_total}")
                }
                Some((key, _))
                    if key.ends_with("requests,carried_in,natural_person")
                        || key.ends_with("requests,carried_in,total") =>
                {
                    format!("{key},{carried_in}")
                }
                Some((key, _))
                    if key.ends_with("requests,carried_out,natural_person")
                        || key.ends_with("requests,carried_out,total") =>
                {
                    format!("{key},{carried_out}")
                }
                _ => l,
            };
            format!("{l}\n")
        })
        .collect()
}

fn dataset(env: &Env, file: &str, reports: &[(i64, i64, i64)]) -> std::path::PathBuf {
    let mut text = String::from("agency,year,section,row,column,value\n");
    for &(year, carried_in, carried_out) in reports {
        text.push_str(&jinjiang(year, carried_in, carried_out));
    }
    env.write(file, text)
}

/// A second version of a dataset, whose years agree with each other, replaces the first in
/// one import: the checks see the import's final state, not a neighbour it goes on to replace.
#[test]
fn replacing_both_years_of_a_carry_over_raises_no_error() {
    let env = Env::new();
    let v1 = dataset(&env, "v1.csv", &[(2023, 5, 5), (2024, 5, 3)]);
    let v2 = dataset(&env, "v2.csv", &[(2023, 5, 6), (2024, 6, 3)]);
    env.run(["import".as_ref(), v1.as_os_str()])
        .success()
        .stdout_has("checks: 0 errors");
    env.run(["import".as_ref(), v2.as_os_str()])
        .success()
        .stdout_has("0 new, 2 replaced")
        .stdout_has("checks: 0 errors");
    env.run(["check"]).success();

    // --strict takes the same consistent second version, as it takes it on a fresh database.
    let strict = Env::new();
    strict
        .run(["import".as_ref(), v1.as_os_str(), "--strict".as_ref()])
        .success();
    let v3 = dataset(&strict, "v3.csv", &[(2023, 5, 7), (2024, 7, 3)]);
    strict
        .run(["import".as_ref(), v3.as_os_str(), "--strict".as_ref()])
        .success()
        .stdout_has("0 new, 2 replaced")
        .stdout_has("checks: 0 errors");
}

/// A carry-over that does not hold in the final state is still an error, and under --strict
/// it refuses the whole import, leaving the database as it was.
#[test]
fn a_broken_carry_over_in_the_final_state_is_counted_and_refused_under_strict() {
    let env = Env::new();
    let v1 = dataset(&env, "v1.csv", &[(2023, 5, 5), (2024, 5, 3)]);
    env.run(["import".as_ref(), v1.as_os_str()]).success();
    let before = env.run(["export", "--full"]).success().stdout();
    // 2023 now carries 6 out, and 2024 still carries 5 in.
    let broken = dataset(&env, "broken.csv", &[(2023, 5, 6)]);
    env.run(["import".as_ref(), broken.as_os_str(), "--strict".as_ref()])
        .failure(1)
        .stderr_has("break identities across years: 2 errors")
        .stderr_has("broken.csv: 表三 column 自然人")
        .stderr_has("nothing was imported");
    assert_eq!(env.run(["export", "--full"]).success().stdout(), before);
    env.run(["import".as_ref(), broken.as_os_str()])
        .success()
        .stdout_has("checks: 2 errors");
    env.run(["check", "--severity", "error"])
        .failure(1)
        .stdout_has("2024");
}
