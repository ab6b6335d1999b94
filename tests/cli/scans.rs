//! `gov-db import` on scanned reports and table images (tests/fixtures/scans/, made from the
//! real 淮安 PDF and 平潭 web page by its make.py): a scanned page goes through OCR and every
//! number is read for sure (or settled by the identities among Tesseract's own readings) or
//! the report is refused naming the cell; a PDF with a text layer never goes through OCR;
//! without Tesseract the error says how to install it; a picture in a folder of reports is
//! skipped, said so.

use crate::harness::{Env, fixture, records};
use crate::ocrread::{self, tesseract};
use std::path::{Path, PathBuf};
use std::process::Command;

fn scan(name: &str) -> PathBuf {
    fixture("scans").join(name)
}

/// A folder holding links to pdftotext and pdftoppm only: a PATH without Tesseract.
fn path_without_tesseract(env: &Env) -> PathBuf {
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).expect("bin dir");
    for tool in ["pdftotext", "pdftoppm"] {
        let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(tool))
            .find(|p| p.is_file());
        if let Some(p) = found {
            std::os::unix::fs::symlink(p, bin.join(tool)).expect("link");
        }
    }
    bin
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("gov-db")
}

fn import_with_path(env: &Env, path: &Path, file: &Path) -> std::process::Output {
    Command::new(bin())
        .arg("--db")
        .arg(env.db())
        .arg("import")
        .arg(file)
        .env("PATH", path)
        .output()
        .expect("gov-db runs")
}

#[test]
fn a_pdf_with_a_text_layer_never_goes_through_ocr() {
    let env = Env::new();
    let bin = path_without_tesseract(&env);
    let out = import_with_path(&env, &bin, &fixture("reports").join("huaian-2024.pdf"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sql = "SELECT format FROM report";
    let formats = env.run(["sql", sql, "--format", "csv"]).success().stdout();
    assert!(
        formats.contains("pdf") && !formats.contains("scan"),
        "{formats}"
    );
}

#[test]
fn without_tesseract_a_scan_says_how_to_install_it() {
    let env = Env::new();
    let bin = path_without_tesseract(&env);
    let out = import_with_path(&env, &bin, &scan("huaian-2024-scan.pdf"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("apt-get install tesseract-ocr tesseract-ocr-chi-sim"),
        "{err}"
    );
}

/// The ground truth's cells (表三 and 表四).
fn truth_of(name: &str) -> Vec<Vec<String>> {
    records(&std::fs::read_to_string(fixture("expected").join(name)).expect("truth"))
}

fn exported(env: &Env) -> Vec<Vec<String>> {
    records(&env.run(["export"]).success().stdout())
}

/// The agency the real PDF's text layer gives (its title).
fn agency_of_the_text_layer() -> String {
    let pdf = Env::new();
    pdf.run([
        "import".as_ref(),
        fixture("reports/huaian-2024.pdf").as_os_str(),
    ])
    .success();
    let out = pdf
        .run(["sql", "SELECT name FROM agency", "--format", "csv"])
        .success()
        .stdout();
    records(&out).remove(0).remove(0)
}

/// The clean 150 dpi scan (JPEG, pages 1, 4 and 5 of the real PDF): every number of 表三 and
/// 表四 read to the ground truth, and the 表二 rows on those pages as the text layer gives them,
/// each with its page, pixel box and confidence. The big title is read (the page's words read
/// with only the tables' rules erased, not the title's long bold strokes), so no `--agency` is
/// needed, and the agency is the one the text layer's title names.
#[test]
fn the_clean_scan_reads_to_the_ground_truth() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let scan = scan("huaian-2024-scan.pdf");
    env.run(["import".as_ref(), scan.as_os_str()]).success();
    let agency = env
        .run(["sql", "SELECT name FROM agency", "--format", "csv"])
        .success()
        .stdout();
    assert_eq!(records(&agency), [["淮安市人民政府"]]);
    assert_eq!(records(&agency)[0][0], agency_of_the_text_layer());
    let (proactive, tables): (Vec<_>, Vec<_>) = exported(&env)
        .into_iter()
        .partition(|r| r[2] == "proactive");
    assert_eq!(tables, truth_of("huaian-2024.csv"));
    // 表二's rows on these pages, as the PDF's text layer gives them.
    let pdf = Env::new();
    pdf.run([
        "import".as_ref(),
        fixture("reports/huaian-2024.pdf").as_os_str(),
    ])
    .success();
    let rows = ["penalties", "coercive_measures", "fees"];
    let from_text: Vec<_> = exported(&pdf)
        .into_iter()
        .filter(|r| r[2] == "proactive" && rows.contains(&r[3].as_str()))
        .collect();
    assert_eq!(proactive, from_text);
    let sql = "SELECT DISTINCT format FROM report";
    env.run(["sql", sql, "--format", "csv"])
        .success()
        .stdout_has("scan");
    // Each number's place: the page, the cell's box in pixels and Tesseract's confidence;
    // a cell Tesseract was not sure of says which of its readings the identities took.
    let sql = "SELECT origin FROM fact_origin";
    let origins = env.run(["sql", sql, "--format", "csv"]).success().stdout();
    assert!(
        origins.contains("page 2 cell (") && origins.contains("OCR conf"),
        "{origins}"
    );
    assert!(
        origins.contains("not sure: Tesseract's reading 1 of 2, the one that meets the identities"),
        "{origins}"
    );
}

/// The same pages turned 0.8°, 1° and −1.5°, lightly speckled, stamped and saved as JPEG.
/// Straightened, with specks and rules' remnants told from print (`ocr/ink.rs`) and the seal's
/// ring (red, gray in the scan, drawn over the figures) found as a circle and lifted off the
/// page (`ocr/seal.rs`), every cell reads but one. The cells whose figures the ring runs
/// through or beside are never read for sure: what Tesseract reads of the part in view is
/// offered to the identities, which settle them (among them the three refused before the ring
/// was lifted: the `0` of row (三)6 under its top, the `9` total of (三)7 and the `10` of
/// (四)1 beside it). The `0` of (三)8 under the ring's
/// side shows only a sliver, no reading finds a number, and the report is refused naming that
/// cell alone (page, box, what each reading said, and that the ring may hide part of it);
/// nothing is imported.
#[test]
fn a_tilted_scan_is_refused_naming_the_one_cell_the_seal_hides() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let run = env.run([
        "import".as_ref(),
        scan("huaian-2024-scan-tilted.pdf").as_os_str(),
    ]);
    let err = run
        .failure(1)
        .stderr_has("OCR read no number in 1 cell with ink: page 2 cell (1672,3063,197,98): read nothing at 24 px eng")
        .stderr_has("the seal's ring runs through or beside the figure and part of it may lie under the ring")
        .stderr();
    // The cells the ring made unreadable before it was lifted are read.
    for cell in [
        "(1869,2861,158,100)",
        "(2027,2961,146,102)",
        "(1672,3161,197,98)",
    ] {
        assert!(!err.contains(cell), "{cell}: {err}");
    }
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert_eq!(records(&n.stdout()), [["0"]]);
}

/// Speckled past reading (a dark pixel in 400, then smoothed: the specks grow into blots the
/// size of a stroke), turned 1.5° and −2° and stamped: refused, naming the cells where no
/// reading finds a number (6 of them, one the seal's ring runs through: lifted off, it leaves
/// no figure a reading finds), nothing imported.
#[test]
fn a_damaged_scan_is_refused_naming_the_cells_it_cannot_read() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let run = env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "淮安市人民政府".as_ref(),
        scan("huaian-2024-scan-damaged.pdf").as_os_str(),
    ]);
    run.failure(1)
        .stderr_has("OCR read no number in 6 cells with ink: page 1 cell")
        .stderr_has("page 1 cell (2026,2762,146,98)")
        .stderr_has("page 1 cell (1868,2860,158,100): read nothing at 24 px eng")
        .stderr_has("the seal's ring runs through or beside the figure and part of it may lie under the ring")
        .stderr_has("nothing in the page's reading");
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert_eq!(records(&n.stdout()), [["0"]]);
}

/// The real web report's tables as one long screenshot: 表三 and 表四 read, but 表二's
/// procurement cell prints its unit (`75394432.52元`), which the digits-only readings cannot
/// read (each ends differently, confidence 0), and 表二 has no identity to choose by: refused,
/// naming that cell's box, what each reading said and its confidence.
#[test]
fn a_table_image_of_a_web_report_is_refused_naming_the_cell_it_cannot_settle() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let run = env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "平潭综合实验区".as_ref(),
        "--year".as_ref(),
        "2019".as_ref(),
        scan("pingtan-2019-tables.png").as_os_str(),
    ]);
    run.failure(1)
        .stderr_has("more than one combination of Tesseract's readings of these cells meets every identity: page 1 cell (635,1234,377,58): read “75394432.52")
        .stderr_has("(0) at 24 px eng")
        .stderr_has("“75394432.52元” (89) in the page's reading");
    // The same refusal in Chinese: the reason, the cell's place and what each reading said.
    // Was: English whatever the language.
    let zh = env.run([
        "--lang".as_ref(),
        "zh".as_ref(),
        "import".as_ref(),
        "--agency".as_ref(),
        "平潭综合实验区".as_ref(),
        "--year".as_ref(),
        "2019".as_ref(),
        scan("pingtan-2019-tables.png").as_os_str(),
    ]);
    zh.failure(1)
        .stderr_has("OCR 未能确定读出每个数字，且Tesseract 对这些单元格的读法有不止一种组合满足全部勾稽关系：第 1 页单元格 (635,1234,377,58)：24 像素 eng 读作“75394432.52")
        .stderr_has("整页识别读作“75394432.52元”（89）");
    assert!(!zh.stderr().contains(" px "), "{}", zh.stderr());
}

/// A folder of reports holding a picture (no ruled table) imports, listing the picture as
/// skipped; no Tesseract is needed to tell.
#[test]
fn a_folder_with_a_picture_without_a_table_still_imports() {
    let env = Env::new();
    let dir = env.path("reports");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(
        fixture("reports/pingtan-2019.html"),
        dir.join("pingtan-2019.html"),
    )
    .unwrap();
    // A logo: a dark disc on a light ground, and a few short strokes of "text".
    let logo = image::GrayImage::from_fn(400, 300, |x, y| {
        let (dx, dy) = (x as i32 - 200, y as i32 - 150);
        let disc = dx * dx + dy * dy < 90 * 90;
        let stroke = (20..60).contains(&x) && y % 40 < 3;
        image::Luma([if disc || stroke { 40 } else { 230 }])
    });
    logo.save(dir.join("logo.png")).unwrap();
    image::DynamicImage::ImageLuma8(logo)
        .to_rgb8()
        .save(dir.join("photo.jpg"))
        .unwrap();
    let path = path_without_tesseract(&env);
    let out = import_with_path(&env, &path, &dir);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("imported 1 report from 1 file"), "{stdout}");
    for name in ["logo.png", "photo.jpg"] {
        assert!(
            stderr.contains(&format!(
                "skipped: {}: an image without a ruled table (not a report)",
                dir.join(name).display()
            )),
            "{stderr}"
        );
    }
    // The line in Chinese under a Chinese locale (the import's log keeps it in English).
    let zh = Command::new(bin())
        .arg("--db")
        .arg(env.db())
        .arg("import")
        .arg(&dir)
        .env("PATH", &path)
        .env("LC_ALL", "zh_CN.UTF-8")
        .env_remove("GOV_DB_LANG")
        .output()
        .expect("gov-db runs");
    let stderr = String::from_utf8_lossy(&zh.stderr);
    assert!(zh.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "已跳过：{}：图片中没有带格线的表格（不是报告）",
            dir.join("logo.png").display()
        )),
        "{stderr}"
    );
}

/// 晋江 2024, the real report we have as text alone, set as the Word document it was (its
/// tables ruled with the template's merged cells), printed by LibreOffice and scanned clean
/// at 150 dpi (make.py, jinjiang.py): pages 1, 4 and 5. Its rules are Writer's 0.5 pt gray,
/// which the scan leaves lighter than ink (and a JPEG lighter still where rules cross), its
/// 表三 breaks across pages inside row group （六）, and Tesseract reads the clean `54` of 表二 as
/// `4` at one size: every number reads to the ground truth. Given `--agency`: Tesseract
/// reads the bold title's `晋江` as one `工`, surely (see the fixtures' README): without
/// `--agency` the scan is refused, the name read starting with no place.
#[test]
fn the_jinjiang_scan_reads_to_the_ground_truth_given_its_agency() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    // Without --agency it is refused: the title's bold 晋江 is read as 工, and the name read,
    // 工市人民政府, starts with no place (it was stored, exit 0, before).
    env.run([
        "import".as_ref(),
        scan("jinjiang-2024-scan.pdf").as_os_str(),
    ])
    .failure(1)
    .stderr_has("starts with no place on the map")
    .stderr_has("--agency");
    assert_eq!(exported(&env).len(), 0);
    let args = ["--agency", "晋江市人民政府"];
    let truth = truth_of("jinjiang-2024.csv");
    ocrread::reads_to(&scan("jinjiang-2024-scan.pdf"), &args, &truth, "page ");
}

/// The same pages turned 0.7°, 1.2° and −0.8°, speckled (a pixel in 4000), a red seal over
/// the lower right corner of 表三 (page 2 of the file) and JPEG quality 40. Straightened
/// (the text alone gives the angle: the gray rules are too faint to count as ink for it):
/// refused, naming 6 cells where no reading finds a number (9 before the seal's ring was
/// lifted as a circle), nothing imported. Some are under
/// the seal's rings (rows （六）1 and （六）2): ring and figure are one piece of ink. The others
/// are cells merged over two to six rows in the columns 社会公益组织 to 其他: the faint rules
/// between them, turned twice (by the scan and back) and broken by specks beside them, are
/// not found, and a merged cell holds several figures.
#[test]
fn the_damaged_jinjiang_scan_is_refused_naming_the_cells_it_cannot_read() {
    if !tesseract() {
        return;
    }
    let env = Env::new();
    let run = env.run([
        "import".as_ref(),
        "--agency".as_ref(),
        "晋江市人民政府".as_ref(),
        scan("jinjiang-2024-scan-damaged.pdf").as_os_str(),
    ]);
    run.failure(1)
        .stderr_has(
            "OCR read no number in 6 cells with ink: page 2 cell (1689,1700,154,358): read ",
        )
        .stderr_has("page 2 cell (2044,1826,97,232): read ")
        .stderr_has("page 2 cell (1689,2058,154,126): read ")
        .stderr_has("page 2 cell (1843,2058,201,126): read ");
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert_eq!(records(&n.stdout()), [["0"]]);
}

/// The printed 晋江 document's tables as one PNG (pages 4 and 5 from 表二's heading to 表四's
/// last rule, stitched, gray): every number reads to the ground truth.
#[test]
fn the_jinjiang_table_image_reads_to_the_ground_truth() {
    let args = ["--agency", "晋江市人民政府", "--year", "2024"];
    let truth = truth_of("jinjiang-2024.csv");
    ocrread::reads_to(&scan("jinjiang-2024-tables.png"), &args, &truth, "page ");
}
