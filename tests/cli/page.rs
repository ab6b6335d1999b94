//! `gov-db page`: one agency's page, read back as a browser reads it. The structure is checked
//! without a browser (html5ever, through the scraper crate, parses it as browsers do); then
//! headless Chromium renders it to PNG and dumps its DOM, whose text must hold the agency, the
//! tables' labels, every number of the bundled CSV, the place each number was read and a
//! finding of `check`, with nothing in the console. Chromium is what `.ci/run` installs; where
//! it is missing outside CI the browser test says so and passes, and in CI it fails.

use crate::harness::{Env, records, repo};
use scraper::{ElementRef, Html, Selector};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The bundled data (data/) and, as in the README, the 2024 report of 晋江 filed again as 2025:
/// a cross-year error (carry-over) on 表三's 上年结转.
fn env() -> Env {
    let env = Env::new();
    let data = repo().join("data");
    env.run(["import".as_ref(), data.as_os_str()]).success();
    let jinjiang = data.join("jinjiang-2024.txt");
    env.run([
        "import".as_ref(),
        "--year".as_ref(),
        "2025".as_ref(),
        jinjiang.as_os_str(),
    ])
    .success();
    env
}

fn page(env: &Env, agency: &str, file: &str) -> (PathBuf, String) {
    let path = env.path(file);
    env.run([
        "page".as_ref(),
        "--agency".as_ref(),
        agency.as_ref(),
        "-o".as_ref(),
        path.as_os_str(),
    ])
    .success();
    let text = std::fs::read_to_string(&path).expect("the page was written");
    (path, text)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

/// The cell of a report's table that holds section/row/column of the year's report.
fn cell<'a>(doc: &'a Html, year: i64, code: &str) -> ElementRef<'a> {
    let s = sel(&format!("section#y{year} td[data-cell=\"{code}\"]"));
    let mut found = doc.select(&s);
    let c = found
        .next()
        .unwrap_or_else(|| panic!("no cell {code} in {year}"));
    assert!(found.next().is_none(), "cell {code} twice in {year}");
    c
}

/// The value a cell shows, without the marks of its findings.
fn shown(c: ElementRef<'_>) -> String {
    c.children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// Every stated cell of the CSV files given is on the page, in its year's table, as printed.
fn numbers_are_the_csv(doc: &Html, files: &[PathBuf]) -> usize {
    let mut n = 0;
    for f in files {
        for r in records(&std::fs::read_to_string(f).unwrap()) {
            let year: i64 = r[1].parse().unwrap();
            let c = cell(doc, year, &format!("{}/{}/{}", r[2], r[3], r[4]));
            assert_eq!(
                shown(c),
                r[5],
                "{} {year} {}/{}/{}",
                f.display(),
                r[2],
                r[3],
                r[4]
            );
            n += 1;
        }
    }
    n
}

/// The grid of each table is whole: every row covers the same columns, with no overlap, once
/// the row and column spans are laid out as a browser lays them out.
fn grids_are_whole(doc: &Html) -> usize {
    let mut tables = 0;
    for table in doc.select(&sel("table.report-table")) {
        let mut taken: Vec<Vec<bool>> = Vec::new();
        for (y, tr) in table.select(&sel("tr")).enumerate() {
            let mut x = 0;
            for c in tr.select(&sel("td, th")) {
                let span = |a: &str| c.value().attr(a).map_or(1, |v| v.parse::<usize>().unwrap());
                let (rows, cols) = (span("rowspan"), span("colspan"));
                loop {
                    if taken.get(y).and_then(|r| r.get(x)).copied() != Some(true) {
                        break;
                    }
                    x += 1;
                }
                for line in y..y + rows {
                    if taken.len() <= line {
                        taken.resize(line + 1, Vec::new());
                    }
                    for col in x..x + cols {
                        if taken[line].len() <= col {
                            taken[line].resize(col + 1, false);
                        }
                        assert!(
                            !taken[line][col],
                            "overlap at {line},{col}: {}",
                            table.html()
                        );
                        taken[line][col] = true;
                    }
                }
                x += cols;
            }
        }
        let width = taken[0].len();
        for (y, line) in taken.iter().enumerate() {
            assert_eq!(line.len(), width, "row {y} of {}", table.html());
            assert!(
                line.iter().all(|t| *t),
                "a hole in row {y} of {}",
                table.html()
            );
        }
        tables += 1;
    }
    tables
}

#[test]
fn the_page_holds_the_tables_numbers_places_findings_and_peers() {
    let env = env();
    let (_, pingtan) = page(&env, "平潭综合实验区", "pingtan.html");
    let doc = Html::parse_document(&pingtan);
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "平潭综合实验区"
    );
    // Three reports, newest first, three tables each, their grids whole.
    let years: Vec<&str> = doc
        .select(&sel("section.report"))
        .map(|s| s.value().attr("data-year").unwrap())
        .collect();
    assert_eq!(years, ["2024", "2022", "2019"]);
    assert_eq!(grids_are_whole(&doc), 9);
    for s in doc.select(&sel("section.report")) {
        let sections: Vec<&str> = s
            .select(&sel("table.report-table"))
            .map(|t| t.value().attr("data-section").unwrap())
            .collect();
        assert_eq!(sections, ["proactive", "requests", "appeals"]);
    }
    // Every number of the two canonical CSV files, in its place.
    let csv = [
        repo().join("data/pingtan-2019.csv"),
        repo().join("data/pingtan-2022.csv"),
    ];
    assert!(numbers_are_the_csv(&doc, &csv) > 200);
    // The 2019 template's labels (表二 has 上一年项目数量; （六）其他处理 one row).
    let y2019 = text(doc.select(&sel("section#y2019")).next().unwrap());
    for label in [
        "上一年项目数量",
        "（六）其他处理",
        "第二十条第（九）项",
        "行政复议",
    ] {
        assert!(y2019.contains(label), "{label}");
    }
    // A CSV gives no place within itself; a web page gives its table, row and cell.
    let c = cell(&doc, 2019, "requests/received_new/total");
    assert!(
        c.value()
            .attr("title")
            .unwrap()
            .contains("pingtan-2019.csv (canonical CSV")
    );
    let c = cell(&doc, 2024, "requests/received_new/natural_person");
    assert_eq!(shown(c), "217");
    assert_eq!(c.value().attr("data-origin"), Some("table 2 row 4 cell 2"));
    assert!(
        c.value()
            .attr("title")
            .unwrap()
            .contains("pingtan-2024.html: table 2 row 4 cell 2")
    );

    // Peers: the quartiles `query compare --peers level` prints for the same group.
    let compare = env
        .run([
            "query", "compare", "--year", "2024", "--peers", "level", "--format", "json",
        ])
        .success()
        .stdout();
    let compare: serde_json::Value = serde_json::from_str(&compare).unwrap();
    let rows = compare.as_array().unwrap();
    let row = |label: &str| {
        rows.iter()
            .find(|r| r["agency"].as_str().unwrap().starts_with(label))
            .unwrap_or_else(|| panic!("{label}"))
    };
    let peers = doc
        .select(&sel(
            "table.peers[data-year=\"2024\"] tr[data-metric=\"disclosure_rate_of_processed\"] td",
        ))
        .map(text)
        .collect::<Vec<_>>();
    let pct = |v: &serde_json::Value| format!("{:.1}%", v.as_f64().unwrap() * 100.0);
    let own = row("平潭综合实验区");
    assert_eq!(peers[0], pct(&own["disclosure_rate_of_processed"]));
    assert_eq!(
        peers[1],
        format!(
            "{:.0}",
            own["disclosure_rate_of_processed_percentile"]
                .as_f64()
                .unwrap()
        )
    );
    for (k, q) in ["P25", "P50", "P75"].iter().enumerate() {
        let p = row(&format!("{q} · level county"));
        assert_eq!(peers[2 + k], pct(&p["disclosure_rate_of_processed"]), "{q}");
    }
    assert_eq!(doc.select(&sel("section#trend svg")).count(), 1);

    // Findings on their cells: 晋江 2025's 上年结转 against 2024's 结转下年度.
    let (_, html) = page(&env, "晋江市人民政府", "jinjiang.html");
    let doc = Html::parse_document(&html);
    let c = cell(&doc, 2025, "requests/carried_in/total");
    let class = c.value().attr("class").unwrap();
    assert!(
        class.contains("finding") && class.contains("error"),
        "{class}"
    );
    let title = c.value().attr("title").unwrap();
    assert!(
        title.contains("[error] carry-over:") && title.contains("(expected 3, printed 5)"),
        "{title}"
    );
    let mark = c.select(&sel("a.mark")).next().expect("a mark");
    let target = mark
        .value()
        .attr("href")
        .unwrap()
        .trim_start_matches('#')
        .to_string();
    let item = doc
        .select(&sel(&format!("li#{target}")))
        .next()
        .expect("the finding listed");
    assert_eq!(item.value().attr("data-rule"), Some("carry-over"));
    assert!(text(item).contains("expected 3, printed 5"));
    // No finding on a cell no rule is about.
    let clean = cell(&doc, 2025, "requests/received_new/total");
    assert!(!clean.value().attr("class").unwrap().contains("finding"));
    assert_eq!(doc.select(&sel("section#y2024 td.finding")).count(), 0);
    // Where each number was read, as `gov-db show` says (README: line 91).
    let c = cell(&doc, 2024, "requests/received_new/total");
    assert_eq!(shown(c), "219");
    assert!(
        c.value()
            .attr("title")
            .unwrap()
            .contains("jinjiang-2024.txt: line 91")
    );

    // Self-contained: no script, nothing fetched (the one URL is SVG's namespace).
    for page in [&pingtan, &html] {
        assert!(!page.contains("<script") && !page.contains("<link") && !page.contains(" src="));
        let urls = page.matches("http").count();
        assert_eq!(
            urls,
            page.matches("xmlns=\"http://www.w3.org/2000/svg\"").count()
        );
    }
}

#[test]
fn one_year_and_standard_output() {
    let env = env();
    let to_file = page(&env, "晋江市人民政府", "p.html").1;
    let plain = env
        .run(["page", "--agency", "晋江市人民政府"])
        .success()
        .stdout();
    let dash = env.run(["page", "--agency", "晋江", "-o", "-"]);
    dash.failure(1).stderr_has("did you mean 晋江市人民政府?");
    let dash = env
        .run(["page", "--agency", "晋江市人民政府", "-o", "-"])
        .success()
        .stdout();
    assert_eq!(plain, to_file);
    assert_eq!(dash, to_file);
    let one = env
        .run(["page", "--agency", "晋江市人民政府", "--year", "2024"])
        .success()
        .stdout();
    let doc = Html::parse_document(&one);
    assert_eq!(doc.select(&sel("section.report")).count(), 1);
    assert_eq!(doc.select(&sel("table.peers")).count(), 1);
    assert_eq!(doc.select(&sel("td.finding")).count(), 0);
    env.run(["page", "--agency", "晋江市人民政府", "--year", "2023"])
        .failure(1)
        .stderr_has("晋江市人民政府 has no report for 2023");
    let missing = env.path("none.db");
    env.run_on(&missing, ["page", "--agency", "晋江市人民政府"])
        .failure(3)
        .stderr_has("no database at");
    assert!(!missing.exists());
    assert!(
        !env.path("p.html")
            .with_file_name(".p.html.partial")
            .exists()
    );
}

/// A name in a report is text on the page, never markup: a script or an image in it is not
/// one in the document a browser makes of the page.
#[test]
fn a_hostile_name_stays_text() {
    let env = Env::new();
    let name = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;\"'</h1>";
    let mut w = csv::Writer::from_writer(Vec::new());
    let original = std::fs::read_to_string(repo().join("data/pingtan-2019.csv")).unwrap();
    let mut first = true;
    for line in csv::Reader::from_reader(original.as_bytes()).records() {
        let mut r: Vec<String> = line.unwrap().iter().map(str::to_string).collect();
        if first {
            w.write_record(["agency", "year", "section", "row", "column", "value"])
                .unwrap();
            first = false;
        }
        r[0] = name.to_string();
        w.write_record(&r).unwrap();
    }
    env.write("hostile.csv", w.into_inner().unwrap());
    env.run(["import", "hostile.csv"]).success();
    let html = env.run(["page", "--agency", name]).success().stdout();
    let doc = Html::parse_document(&html);
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), name);
    assert_eq!(doc.select(&sel("script, img")).count(), 0, "{html}");
    assert!(text(doc.select(&sel("title")).next().unwrap()).starts_with(name));
    for h in doc.select(&sel("h2")) {
        assert!(!h.inner_html().contains('<'), "{}", h.html());
    }
    // In the chart's SVG too (plotters escapes its text).
    let legend = doc
        .select(&sel("section#trend svg text"))
        .map(text)
        .collect::<Vec<_>>();
    assert!(legend.iter().any(|t| t.trim() == name), "{legend:?}");
}

/// Whether this is CI (`CI=true`, as CI services set it), where every test must run.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Chromium on the PATH, as Debian's package names it (or as other systems do).
fn chromium() -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths).find_map(|d| {
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .map(|n| d.join(n))
            .find(|p| p.is_file())
    })
}

/// Headless Chromium on the page with nothing of its own going out; its stdout and stderr
/// (where the console goes with --enable-logging=stderr).
fn headless(browser: &Path, dir: &Path, page: &Path, what: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir_in(dir).unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(what)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "chromium failed\n{stderr}");
    (stdout, stderr)
}

/// What the page said on the console (`INFO:CONSOLE:1] "…"`, `ERROR:CONSOLE…`, an uncaught
/// exception): a page without script says nothing, and a resource it failed to load is said
/// there too.
fn console(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect()
}

#[test]
fn chromium_renders_the_page() {
    let Some(browser) = chromium() else {
        assert!(
            !in_ci(),
            "chromium is not installed, and CI must run this test (.ci/run installs it)"
        );
        eprintln!("skipped: chromium is not installed (apt-get install -y chromium)");
        return;
    };
    let env = env();
    let (path, _) = page(&env, "晋江市人民政府", "jinjiang.html");
    let png = env.path("jinjiang.png");
    let (_, stderr) = headless(
        &browser,
        env.dir.path(),
        &path,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,4000",
        ],
    );
    assert_eq!(console(&stderr), Vec::<&str>::new(), "{stderr}");
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1280, 4000));
    // A blank page of that size compresses to a few kilobytes; tables, text and charts do not.
    assert!(bytes.len() > 60_000, "a PNG of {} bytes", bytes.len());

    let (dom, stderr) = headless(&browser, env.dir.path(), &path, &["--dump-dom"]);
    assert_eq!(console(&stderr), Vec::<&str>::new(), "{stderr}");
    // The console is seen: a page that fails is caught by the same look.
    let bad = env.write(
        "bad.html",
        "<!DOCTYPE html><img src=\"missing.png\"><script>nonexistent();</script>",
    );
    let (_, said) = headless(&browser, env.dir.path(), &bad, &["--dump-dom"]);
    assert!(
        console(&said).iter().any(|l| l.contains("Uncaught")),
        "{said}"
    );
    let doc = Html::parse_document(&dom);
    let body = text(doc.select(&sel("body")).next().expect("a body"));
    for want in [
        "晋江市人民政府",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "一、本年新收政府信息公开申请数量",
        "（三）不予公开",
        "第二十条第（一）项",
        "1002.3819",
        "carry-over",
        "the 2024 report's 四、结转下年度继续办理 is 3",
        "P25",
    ] {
        assert!(body.contains(want), "the rendered page lacks {want:?}");
    }
    // Every number of the report, as exported, in its place in the rendered document.
    let export = env.path("jinjiang.csv");
    env.run([
        "export".as_ref(),
        "--agency".as_ref(),
        "晋江市人民政府".as_ref(),
        "-o".as_ref(),
        export.as_os_str(),
    ])
    .success();
    assert!(numbers_are_the_csv(&doc, &[export]) > 200);
    let c = cell(&doc, 2025, "requests/carried_in/total");
    assert!(c.value().attr("class").unwrap().contains("finding"));
    assert!(c.value().attr("title").unwrap().contains("carry-over"));
    assert_eq!(doc.select(&sel("svg")).count(), 2);
}
