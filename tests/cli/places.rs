//! Agencies placed on the map by themselves (issue 14): the real reports of the repository
//! placed by their names, an ambiguous name settled by the report's text or left for a
//! person, a person's word that no import replaces, departments that find their government,
//! and townships.

use crate::agency::seed_as;
use crate::harness::{Env, fixture, repo};

fn json(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&env.run(all).success().stdout()).unwrap()
}

/// The row of `agency_place` of an agency, by a name of it.
fn place(env: &Env, agency: &str) -> serde_json::Value {
    let rows = json(
        env,
        &[
            "sql",
            &format!(
                "SELECT a.region_code AS agency_code, a.level AS agency_level, pa.name AS parent,
                        p.code, p.level, p.kind, p.parent_code, p.method, p.candidates,
                        p.evidence, p.by_person
                 FROM agency a LEFT JOIN agency_place p ON p.agency_id = a.id
                 LEFT JOIN agency pa ON pa.id = a.parent_id
                 WHERE a.name = '{agency}'"
            ),
        ],
    );
    rows[0].clone()
}

fn import(env: &Env, args: &[&std::ffi::OsStr]) {
    let mut all: Vec<&std::ffi::OsStr> = vec!["import".as_ref()];
    all.extend(args);
    env.run(all).success();
}

#[test]
fn the_real_reports_are_placed_by_their_names() {
    let env = Env::new();
    let reports = repo().join("tests/fixtures/reports");
    for f in [
        "jinjiang-2024.txt",
        "pingtan-2019.html",
        "shuyang-fgj-2023.html",
    ] {
        import(&env, &[reports.join(f).as_os_str()]);
    }
    import(&env, &[repo().join("data/huaian-2024.csv").as_os_str()]);
    let jj = place(&env, "晋江市人民政府");
    assert_eq!(jj["code"], "350582");
    assert_eq!(jj["agency_code"], "350582");
    assert_eq!(jj["level"], "county");
    assert_eq!(jj["kind"], "government");
    assert_eq!(jj["method"], "name");
    assert_eq!(jj["by_person"], 0);
    let pt = place(&env, "平潭综合实验区");
    assert_eq!(pt["code"], "350128");
    assert_eq!(pt["method"], "exception");
    let sy = place(&env, "沭阳县发展和改革局");
    assert_eq!(sy["code"], "321322");
    assert_eq!(sy["kind"], "department");
    assert_eq!(sy["parent_code"], "321322");
    // Its government has no report here: no parent yet.
    assert_eq!(sy["parent"], serde_json::Value::Null);
    let ha = place(&env, "淮安市人民政府");
    assert_eq!(ha["code"], "320800");
    assert_eq!(ha["level"], "prefecture");
}

/// 鼓楼区 is in 福州, 南京, 徐州 and 开封; 朝阳区 in 北京 and 长春. The real texts of the
/// repository's reports, filed under those names: 平潭's 2019 report cites
/// 《福建省政府信息公开办法》 (福州's 鼓楼区 is the only one in 福建), 晋江's names 泉州 and 福建
/// (neither 北京 nor 长春): placed by the first, left unplaced by the second, never a wrong
/// code.
#[test]
fn an_ambiguous_name_is_settled_by_the_text_or_left_for_a_person() {
    let env = Env::new();
    let reports = repo().join("tests/fixtures/reports");
    env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "鼓楼区人民政府".as_ref(),
        reports.join("pingtan-2019.txt").as_os_str(),
    ])
    .success();
    let gl = place(&env, "鼓楼区人民政府");
    assert_eq!(gl["code"], "350102", "{gl}");
    assert_eq!(gl["method"], "name and text");
    let evidence = gl["evidence"].as_str().unwrap();
    assert!(evidence.contains("福建省"), "{evidence}");
    assert!(evidence.contains("4 regions"), "{evidence}");
    env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "朝阳区人民政府".as_ref(),
        reports.join("jinjiang-2024.txt").as_os_str(),
    ])
    .success();
    let cy = place(&env, "朝阳区人民政府");
    assert_eq!(cy["code"], serde_json::Value::Null, "{cy}");
    assert_eq!(cy["agency_code"], serde_json::Value::Null, "{cy}");
    assert_eq!(cy["method"], "ambiguous");
    // A CSV has the name only.
    let csv = seed_as(&env, "gl.csv", "鼓楼区公安局", 2024, 10);
    import(&env, &[csv.as_os_str()]);
    let unplaced = json(&env, &["agency", "unplaced"]);
    let unplaced = unplaced.as_array().unwrap();
    assert_eq!(unplaced.len(), 2, "{unplaced:?}");
    let row = |name: &str| unplaced.iter().find(|r| r["agency"] == name).unwrap();
    let cy = row("朝阳区人民政府");
    assert_eq!(
        cy["candidates"],
        "110105 北京市朝阳区; 220104 吉林省长春市朝阳区"
    );
    assert!(
        cy["evidence"]
            .as_str()
            .unwrap()
            .contains("names none of their cities or provinces"),
        "{cy}"
    );
    let gl = row("鼓楼区公安局");
    assert_eq!(gl["why"], "ambiguous");
    assert!(
        gl["evidence"].as_str().unwrap().contains("no report text"),
        "{gl}"
    );
    assert_eq!(gl["candidates"].as_str().unwrap().matches(';').count(), 3);
    // A person chooses; the agency leaves the list and no import moves it again.
    env.run(["agency", "set", "朝阳区人民政府", "--region", "110105"])
        .success();
    let left = json(&env, &["agency", "unplaced"]);
    assert_eq!(left.as_array().unwrap().len(), 1, "{left}");
    env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "朝阳区人民政府".as_ref(),
        "--year".as_ref(),
        "2023".as_ref(),
        reports.join("pingtan-2024.html").as_os_str(),
    ])
    .success();
    let cy = place(&env, "朝阳区人民政府");
    assert_eq!(cy["code"], "110105");
    assert_eq!(cy["by_person"], 1);
    assert_eq!(cy["method"], "person");
}

#[test]
fn a_persons_code_always_wins() {
    let env = Env::new();
    // Set before any report: the import keeps the person's code, right or wrong.
    let list = env.write(
        "agencies.csv",
        "name,region_code,level,parent\n晋江市人民政府,350500,prefecture,\n",
    );
    env.run(["agency".as_ref(), "import".as_ref(), list.as_os_str()])
        .success();
    import(&env, &[fixture("expected/jinjiang-2024.csv").as_os_str()]);
    let jj = place(&env, "晋江市人民政府");
    assert_eq!(jj["agency_code"], "350500");
    assert_eq!(jj["code"], "350500");
    assert_eq!(jj["by_person"], 1);
    // A code cleared by a person stays cleared.
    let csv = seed_as(&env, "pt.csv", "平潭综合实验区", 2024, 10);
    import(&env, &[csv.as_os_str()]);
    assert_eq!(place(&env, "平潭综合实验区")["code"], "350128");
    env.run([
        "agency",
        "set",
        "平潭综合实验区",
        "--region",
        "",
        "--level",
        "",
    ])
    .success();
    let again = seed_as(&env, "pt2.csv", "平潭综合实验区", 2024, 12);
    import(&env, &[again.as_os_str()]);
    let pt = place(&env, "平潭综合实验区");
    assert_eq!(pt["agency_code"], serde_json::Value::Null, "{pt}");
    assert_eq!(pt["by_person"], 1);
    // Undoing the person's change brings the inference back, evidence and all.
    env.run(["agency", "undo"]).success();
    let pt = place(&env, "平潭综合实验区");
    assert_eq!(pt["agency_code"], "350128");
    assert_eq!(pt["by_person"], 0);
    assert_eq!(pt["method"], "exception");
}

#[test]
fn a_department_finds_its_government_in_either_order() {
    let env = Env::new();
    let police = seed_as(&env, "police.csv", "平潭综合实验区公安局", 2024, 10);
    import(&env, &[police.as_os_str()]);
    let p = place(&env, "平潭综合实验区公安局");
    assert_eq!(p["code"], "350128");
    assert_eq!(p["kind"], "department");
    assert_eq!(p["parent"], serde_json::Value::Null);
    import(&env, &[repo().join("data/pingtan-2022.csv").as_os_str()]);
    assert_eq!(
        place(&env, "平潭综合实验区公安局")["parent"],
        "平潭综合实验区"
    );
    // The other way round: the government first.
    let office = seed_as(&env, "office.csv", "平潭综合实验区管委会办公室", 2024, 10);
    import(&env, &[office.as_os_str()]);
    let o = place(&env, "平潭综合实验区管委会办公室");
    assert_eq!(o["parent"], "平潭综合实验区", "{o}");
    let list = json(&env, &["agency", "list", "--region", "平潭"]);
    assert_eq!(list.as_array().unwrap().len(), 3, "{list}");
}

#[test]
fn a_township_is_placed_under_its_county() {
    let env = Env::new();
    let town = seed_as(&env, "town.csv", "晋江市青阳街道办事处", 2024, 10);
    import(&env, &[town.as_os_str()]);
    let t = place(&env, "晋江市青阳街道办事处");
    assert_eq!(t["code"], "350582001");
    assert_eq!(t["agency_code"], "350582");
    assert_eq!(t["agency_level"], "township");
    let by_level = json(&env, &["agency", "list", "--level", "township"]);
    assert_eq!(by_level.as_array().unwrap().len(), 1);
    env.run(["agency", "list", "--region", "晋江市青阳街道"])
        .success()
        .stdout_has("晋江市青阳街道办事处")
        .stderr_has("a township");
    env.run(["agency", "list", "--region", "青阳街道"])
        .failure(2)
        .stderr_has("is the name of 3 regions");
}

/// `agency import` of a list without codes places each new agency by its name (so coverage
/// rolls up the agencies expected), and undoing the import undoes that too.
#[test]
fn an_agency_list_without_codes_is_placed_and_undone_whole() {
    let env = Env::new();
    let list = env.write(
        "agencies.csv",
        "name\n泉州市人民政府\n晋江市公安局\n晋江市人民政府\n鼓楼区人民政府\n",
    );
    env.run(["agency".as_ref(), "import".as_ref(), list.as_os_str()])
        .success();
    let police = place(&env, "晋江市公安局");
    assert_eq!(police["code"], "350582");
    assert_eq!(police["by_person"], 0);
    assert_eq!(police["parent"], "晋江市人民政府");
    assert_eq!(place(&env, "泉州市人民政府")["level"], "prefecture");
    assert_eq!(place(&env, "鼓楼区人民政府")["method"], "ambiguous");
    let cov = json(&env, &["query", "coverage", "--region", "泉州"]);
    assert_eq!(
        cov.as_array().unwrap().len(),
        0,
        "no reports, no years: {cov}"
    );
    let listed = json(&env, &["agency", "list", "--region", "泉州"]);
    assert_eq!(listed.as_array().unwrap().len(), 3, "{listed}");
    env.run(["agency", "undo"]).success();
    let all = json(&env, &["agency", "list"]);
    assert_eq!(all.as_array().unwrap().len(), 0, "{all}");
    let places = json(&env, &["sql", "SELECT count(*) AS n FROM agency_place"]);
    assert_eq!(places[0]["n"], 0);
}
