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

/// The agency-years stored, as `name year` of the identity each is on.
fn stored(env: &Env) -> Vec<String> {
    env.run([
        "sql",
        "SELECT a.name || ' ' || r.year FROM report r JOIN agency a ON a.id = r.agency_id ORDER BY 1",
        "--format",
        "csv",
    ])
    .success()
    .stdout()
    .lines()
    .skip(1)
    .map(str::to_string)
    .collect()
}

/// A report printed as FROM, imported while FROM was merged into INTO, goes back with FROM's
/// name when the merge is undone; importing the same file again then changes nothing.
#[test]
fn undoing_a_merge_takes_back_the_reports_it_routed() {
    let env = Env::new();
    let into = crate::agency::seed_as(&env, "into.csv", "平潭综合实验区", 2022, 219);
    let from = crate::agency::seed_as(&env, "from.csv", "福建省平潭综合实验区", 2019, 219);
    let later = crate::agency::seed_as(&env, "later.csv", "福建省平潭综合实验区", 2020, 219);
    env.run(["import".as_ref(), into.as_os_str(), from.as_os_str()])
        .success();
    env.run(["agency", "merge", "福建省平潭综合实验区", "平潭综合实验区"])
        .success();
    env.run(["import".as_ref(), later.as_os_str()])
        .success()
        .stdout_has("1 new");
    assert_eq!(
        stored(&env),
        [
            "平潭综合实验区 2019",
            "平潭综合实验区 2020",
            "平潭综合实验区 2022"
        ]
    );
    env.run(["agency", "undo"])
        .success()
        .stdout_has("1 report imported since under a name it routed moved with the name (福建省平潭综合实验区 2020)");
    assert_eq!(
        stored(&env),
        [
            "平潭综合实验区 2022",
            "福建省平潭综合实验区 2019",
            "福建省平潭综合实验区 2020"
        ]
    );
    env.run(["import".as_ref(), later.as_os_str()])
        .success()
        .stdout_has("0 new, 0 replaced, 1 unchanged");
    assert_eq!(stored(&env).len(), 3);
}

/// The same for an alias of a name no report had printed: undone, the name's reports form
/// the identity an import would have made for them.
#[test]
fn undoing_an_alias_takes_back_the_reports_it_routed() {
    let env = Env::new();
    let into = crate::agency::seed_as(&env, "into.csv", "平潭综合实验区", 2022, 219);
    let later = crate::agency::seed_as(&env, "later.csv", "平潭县人民政府", 2020, 219);
    env.run(["import".as_ref(), into.as_os_str()]).success();
    env.run(["agency", "alias", "平潭县人民政府", "平潭综合实验区"])
        .success();
    env.run(["import".as_ref(), later.as_os_str()]).success();
    assert_eq!(stored(&env), ["平潭综合实验区 2020", "平潭综合实验区 2022"]);
    env.run(["agency", "undo"]).success();
    assert_eq!(stored(&env), ["平潭县人民政府 2020", "平潭综合实验区 2022"]);
    env.run(["import".as_ref(), later.as_os_str()])
        .success()
        .stdout_has("1 unchanged");
    assert_eq!(stored(&env).len(), 2);
}

/// Where the name's own identity has a report for that year, the undo is refused naming the
/// report, and nothing changes.
#[test]
fn an_undo_that_would_store_an_agency_year_twice_is_refused() {
    let env = Env::new();
    let first = crate::agency::seed_as(&env, "f.csv", "平潭县人民政府", 2020, 219);
    let other = crate::agency::seed_as(&env, "i.csv", "平潭综合实验区", 2022, 219);
    env.run(["import".as_ref(), first.as_os_str(), other.as_os_str()])
        .success();
    // 平潭县 is also known as 平潭; then 平潭 is moved over to 平潭综合实验区 (#2), and a
    // 2020 report printed as 平潭 lands there.
    env.run(["agency", "alias", "平潭", "平潭县人民政府"])
        .success();
    env.run(["agency", "alias", "平潭", "平潭综合实验区"])
        .success();
    let printed = crate::agency::seed_as(&env, "p.csv", "平潭", 2020, 218);
    env.run(["import".as_ref(), printed.as_os_str()])
        .success()
        .stdout_has("1 new");
    let before = stored(&env);
    assert_eq!(
        before,
        [
            "平潭县人民政府 2020",
            "平潭综合实验区 2020",
            "平潭综合实验区 2022"
        ]
    );
    env.run(["agency", "undo"])
        .failure(1)
        .stderr_has("cannot undo #2: the 2020 report printed as 平潭, imported after it, would go back to 平潭县人民政府, which has a report for 2020 already");
    assert_eq!(stored(&env), before);
}

/// Past the 50 problems listed, the rest of a file is still read, so that the count says how
/// much is wrong with it, and nothing of it is imported.
#[test]
fn the_count_of_problems_covers_the_whole_file() {
    let env = Env::new();
    let mut text = String::from("agency,year,section,row,column,value\n");
    for i in 0..199 {
        text.push_str(&format!("A,2024,requests,received_new,total,x{i}\n"));
    }
    let file = env.write("many.csv", text);
    env.run(["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("199 problems (50 shown) in 1 of 1 files; nothing was imported")
        .stderr_has("… and 149 more problems");
}
