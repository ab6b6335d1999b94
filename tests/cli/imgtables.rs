//! `gov-db import` on a web page whose tables are pictures (tests/fixtures/scans/
//! pingtan-2024-img/: the real pingtan-2024.html with each table replaced by an `<img>` of
//! its Chromium screenshot, the pictures beside it): the title and year come from the page,
//! the tables from the pictures by OCR, to the ground truth; each cell names its picture and
//! pixel box; a picture the page names that is not there is an error naming its `src` and
//! the heading of the table it stands for.

use crate::harness::{Env, fixture, records};
use crate::ocrread::{self, tesseract};
use std::path::PathBuf;

fn folder() -> PathBuf {
    fixture("scans").join("pingtan-2024-img")
}

#[test]
fn a_page_whose_tables_are_pictures_reads_to_the_ground_truth() {
    let page = folder().join("pingtan-2024.html");
    // No --agency, no --year: the page's title and statistics period give them.
    let truth = ocrread::truth(&fixture("readings/pingtan-2024.csv"));
    let Some(env) = ocrread::reads_to(&page, &[], &truth, "<img src=\"table") else {
        return;
    };
    let sql = "SELECT format FROM report";
    env.run(["sql", sql, "--format", "csv"])
        .success()
        .stdout_has("html");
    // Every number names the picture it was read from by OCR, and its box in its pixels.
    let sql = "SELECT origin FROM fact_origin";
    let origins = records(&env.run(["sql", sql, "--format", "csv"]).success().stdout());
    for (o, table) in [
        ("<img src=\"table2.png\"> cell (", "表二"),
        ("<img src=\"table3.png\"> cell (", "表三"),
        ("<img src=\"table4.png\"> cell (", "表四"),
    ] {
        assert!(
            origins.iter().any(|r| r[0].starts_with(o)),
            "{table}: {origins:?}"
        );
    }
    // `show` gives the same place for each cell: 表四's first cell, 行政复议 结果维持 (2), in
    // the left of table4.png's bottom row, inside the image.
    let show = env
        .run(["show", "--agency", "平潭综合实验区", "--year", "2024"])
        .success()
        .stdout();
    let line = show
        .lines()
        .find(|l| l.contains("admin_review") && l.contains("upheld"))
        .expect("表四's first cell");
    let img = image::open(folder().join("table4.png")).unwrap();
    let b = line
        .split("cell (")
        .nth(1)
        .expect("a box")
        .split(')')
        .next();
    let b: Vec<u32> = b.unwrap().split(',').map(|v| v.parse().unwrap()).collect();
    assert!(
        b[0] + b[2] <= img.width() / 4 && b[1] + b[3] <= img.height() && b[1] > img.height() / 2,
        "{line}: {b:?} in {}x{}",
        img.width(),
        img.height()
    );
}

#[test]
fn a_picture_the_page_names_that_is_not_beside_it_is_an_error_naming_it() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let dir = env.path("page");
    std::fs::create_dir(&dir).unwrap();
    for name in ["pingtan-2024.html", "table2.png", "table4.png"] {
        std::fs::copy(folder().join(name), dir.join(name)).unwrap();
    }
    env.run(["import".as_ref(), dir.join("pingtan-2024.html").as_os_str()])
        .failure(1)
        .stderr_has("表三: no table 三 found")
        .stderr_has("the page shows <img src=\"table3.png\"> where a table may be (under “三、收到和处理政府信息公开申请情况”)")
        .stderr_has(&format!("{} is not there", dir.join("table3.png").display()));
    let page = dir.join("pingtan-2024.html");
    env.run_in("zh_CN.UTF-8", ["import".as_ref(), page.as_os_str()])
        .failure(1)
        .stderr_has("页面在可能是表格之处显示 <img src=\"table3.png\">（在“三、收到和处理政府信息公开申请情况”下）")
        .stderr_has(&format!("{} 不存在", dir.join("table3.png").display()));
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert!(n.stdout().contains('0'), "{}", n.stdout());
}

/// A picture the page names that is beside it but cannot be decoded (cut short in a
/// download; a web server's error page saved under the picture's name) is no picture of
/// nothing: the page is refused naming its `src`, the heading it stands under, the file and
/// why, in the reader's language, and nothing is imported. Every picture is looked at before
/// any is read, so no Tesseract is needed to tell.
#[test]
fn a_picture_beside_the_page_that_cannot_be_decoded_refuses_the_page() {
    let real = std::fs::read(folder().join("table3.png")).unwrap();
    let cases: [(&str, Vec<u8>, &str); 2] = [
        (
            "cut short",
            real[..real.len() / 3].to_vec(),
            "cannot be read as a picture (",
        ),
        (
            "an error page",
            b"<html><body>404 Not Found</body></html>".to_vec(),
            "cannot be read as a picture (not a PNG, JPEG, TIFF, GIF, WebP or BMP picture)",
        ),
    ];
    for (case, bytes, why) in cases {
        let env = Env::new();
        let dir = env.path("page");
        std::fs::create_dir(&dir).unwrap();
        for name in ["pingtan-2024.html", "table2.png", "table4.png"] {
            std::fs::copy(folder().join(name), dir.join(name)).unwrap();
        }
        std::fs::write(dir.join("table3.png"), &bytes).unwrap();
        let page = dir.join("pingtan-2024.html");
        let run = env.run(["import".as_ref(), page.as_os_str()]);
        let err = run.failure(1).stderr();
        let named = format!(
            "<img src=\"table3.png\"> (under “三、收到和处理政府信息公开申请情况”): {} {why}",
            dir.join("table3.png").display()
        );
        assert!(err.contains(&named), "{case}: {err}");
        let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
        assert_eq!(records(&n.stdout()), [["0"]], "{case}");
        // In Chinese under --lang zh.
        let zh = env.run([
            "--lang".as_ref(),
            "zh".as_ref(),
            "import".as_ref(),
            page.as_os_str(),
        ]);
        let err = zh.failure(1).stderr();
        let named = format!(
            "“三、收到和处理政府信息公开申请情况”下的 <img src=\"table3.png\">：{} 无法作为图片读取",
            dir.join("table3.png").display()
        );
        assert!(err.contains(&named), "{case}: {err}");
    }
}

/// One of the page's pictures imported without the page is a picture of one of its tables,
/// not a report: refused before any reading, saying which page names it and to import that
/// page, in the reader's language; nothing imported. No Tesseract is needed to tell.
#[test]
fn a_picture_imported_without_the_page_naming_it_says_to_import_the_page() {
    let env = Env::new();
    let pic = folder().join("table3.png");
    let page = folder().join("pingtan-2024.html");
    let run = env.run(["import".as_ref(), pic.as_os_str()]);
    run.failure(1).stderr_has(&format!(
        "{}: a picture of one table of {}, not a report of its own: import the page, which reads its pictures with it",
        pic.display(),
        page.display()
    ));
    // Refused before the database is opened: it is not even made.
    assert!(!env.db().exists());
    let zh = env.run([
        "--lang".as_ref(),
        "zh".as_ref(),
        "import".as_ref(),
        pic.as_os_str(),
    ]);
    zh.failure(1).stderr_has(&format!(
        "{} 中一张表格的图片，不是单独的报告：请导入该网页，网页会一并读取其中的图片",
        page.display()
    ));
}

/// The page and its picture both given by name: the picture is read with the page (set aside,
/// said so), not refused for want of it. No OCR: the picture (a logo) holds no table.
#[test]
fn a_picture_given_by_name_with_the_page_naming_it_is_read_with_the_page() {
    let env = Env::new();
    let dir = env.path("page");
    std::fs::create_dir(&dir).unwrap();
    let html = std::fs::read_to_string(fixture("reports/pingtan-2024.html")).unwrap();
    let page = dir.join("page.html");
    std::fs::write(
        &page,
        html.replacen("<body", "<p><img src=\"logo.png\"></p><body", 1),
    )
    .unwrap();
    let logo = dir.join("logo.png");
    image::GrayImage::from_fn(60, 40, |x, _| image::Luma([if x < 30 { 40 } else { 230 }]))
        .save(&logo)
        .unwrap();
    let run = env.run(["import".as_ref(), page.as_os_str(), logo.as_os_str()]);
    run.success()
        .stdout_has("imported 1 report from 1 file")
        .stderr_has(&format!(
            "skipped: {}: a picture of a table of {}, read with it",
            logo.display(),
            page.display()
        ));
}

/// A page whose pictures are the site's own (absolute paths, not on disk) reads as it always
/// did, from its HTML tables, without OCR.
#[test]
fn a_page_with_the_sites_pictures_only_never_goes_through_ocr() {
    let env = Env::new();
    let page = fixture("reports/pingtan-2024.html");
    let out = env
        .run_with_path("/nonexistent", ["import".as_ref(), page.as_os_str()])
        .output;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sql = "SELECT DISTINCT substr(origin, 1, 6) FROM fact_origin";
    env.run(["sql", sql, "--format", "csv"])
        .success()
        .stdout_has("table ");
}

/// The page's folder imported whole: the pictures are read with the page, not as reports of
/// their own (each would be a report without a title), and listed as skipped, saying why.
#[test]
fn a_folder_holding_the_page_and_its_pictures_imports_the_page_once() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let run = env.run(["import".as_ref(), folder().as_os_str()]);
    let run = run.success();
    run.stdout_has("imported 1 report from 1 file");
    for n in ["table2.png", "table3.png", "table4.png"] {
        run.stderr_has(&format!(
            "skipped: {}: a picture of a table of {}, read with it",
            folder().join(n).display(),
            folder().join("pingtan-2024.html").display()
        ));
    }
    let got = records(&env.run(["export"]).success().stdout());
    let truth = std::fs::read_to_string(fixture("readings/pingtan-2024.csv")).unwrap();
    assert_eq!(got, records(&truth));
}

/// The same, read in Chinese: the pictures set aside are said in the reader's language.
#[test]
fn the_pictures_set_aside_are_said_in_chinese_under_zh() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let run = env.run([
        "import".as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
        folder().as_os_str(),
    ]);
    let run = run.success();
    run.stderr_has(&format!(
        "已跳过：{}：{} 中表格的图片，随该网页一并读取",
        folder().join("table3.png").display(),
        folder().join("pingtan-2024.html").display()
    ));
    assert!(!run.stderr().contains("read with it"), "{}", run.stderr());
}
