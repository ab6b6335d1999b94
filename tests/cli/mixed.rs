//! A folder holding a report in every format gov-db reads, and files that are not reports,
//! imported in one call: every file has its line in `import --list` (imported, unchanged,
//! kept, refused or skipped, each with its reason), and none is left out silently.

use crate::harness::{Env, fixture, records_in_order};
use std::collections::BTreeMap;

fn installed(program: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()));
    if !found {
        eprintln!("{program} is not installed: its file is refused, saying how to install it");
    }
    found
}

#[test]
fn a_folder_of_every_format_lists_every_file_once() {
    let env = Env::new();
    let dir = env.path("reports");
    std::fs::create_dir(&dir).unwrap();
    let copy = |from: &str, to: &str| {
        std::fs::copy(fixture(from), dir.join(to)).unwrap();
    };
    copy("reports/jinjiang-2024.txt", "jinjiang-2024.txt");
    copy("reports/pingtan-2022.html", "pingtan-2022.html");
    // A report's text saved as Markdown (the format is told by the content, as for .txt).
    copy("reports/huaian-2024.layout.txt", "huaian-2024.md");
    copy("reports/huaian-2024.pdf", "huaian-2024.pdf");
    copy("office/pingtan-2024.docx", "pingtan-2024.docx");
    copy("office/pingtan-2019.doc", "pingtan-2019.doc");
    copy("office/shuyang-fgj-2023.xlsx", "shuyang-fgj-2023.xlsx");
    copy("office/jinjiang-2024.xls", "jinjiang-2024.xls");
    copy("office/shuyang-fgj-2023.ods", "shuyang-fgj-2023.ods");
    copy("scans/huaian-2024-scan.pdf", "huaian-2024-scan.pdf");
    copy("scans/pingtan-2019-tables.png", "pingtan-2019-tables.png");
    // Not reports: a page's style sheet and a logo.
    std::fs::write(dir.join("style.css"), "body { color: #333 }\n").unwrap();
    image::GrayImage::from_fn(200, 150, |x, y| {
        let (dx, dy) = (x as i32 - 100, y as i32 - 75);
        image::Luma([if dx * dx + dy * dy < 50 * 50 { 40 } else { 230 }])
    })
    .save(dir.join("logo.png"))
    .unwrap();

    let run = env.run([
        "import".as_ref(),
        "--keep-going".as_ref(),
        "--list".as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
        dir.as_os_str(),
    ]);
    // Files are refused (see below), so the import exits 1 having imported the rest.
    run.failure(1);
    let lines = records_in_order(&run.stdout());
    let by_name: BTreeMap<String, (String, String, String)> = lines
        .iter()
        .map(|l| {
            let name = l[0].rsplit('/').next().unwrap().to_string();
            (name, (l[3].clone(), l[5].clone(), l[6].clone()))
        })
        .collect();
    assert_eq!(lines.len(), 13, "one line per file:\n{}", run.stdout());
    assert_eq!(by_name.len(), 13, "no file listed twice:\n{}", run.stdout());
    let soffice = installed("soffice") || installed("libreoffice");
    let read = [
        ("jinjiang-2024.txt", "text"),
        ("pingtan-2022.html", "html"),
        ("huaian-2024.md", "text"),
        ("huaian-2024.pdf", "pdf"),
        ("pingtan-2024.docx", "docx"),
        ("shuyang-fgj-2023.xlsx", "xlsx"),
        ("jinjiang-2024.xls", "xls"),
        ("shuyang-fgj-2023.ods", "ods"),
    ];
    for (name, format) in read {
        let (f, result, detail) = &by_name[name];
        assert_eq!(f, format, "{name}");
        // The first reading of a report is new; the same report read again in another format
        // is unchanged, or leaves the fuller reading current.
        assert!(
            ["new", "unchanged", "kept"].contains(&result.as_str())
                || (name == "huaian-2024.md" && result == "replaced"),
            "{name}: {result} {detail}"
        );
    }
    // The scan's title is read (淮安市人民政府), so it is the first reading of 淮安 2024; it
    // leaves out 表二's pages, so the Markdown, read after it, replaces it with the fuller one.
    let (f, result, detail) = &by_name["huaian-2024-scan.pdf"];
    if installed("tesseract") {
        assert_eq!((f.as_str(), result.as_str()), ("scan", "new"), "{detail}");
        let (_, result, detail) = &by_name["huaian-2024.md"];
        assert_eq!(result, "replaced", "{detail}");
    } else {
        assert_eq!(result, "refused");
        assert!(detail.contains("Tesseract"), "{detail}");
    }
    let (f, result, detail) = &by_name["pingtan-2019.doc"];
    if soffice {
        assert_eq!((f.as_str(), result.as_str()), ("doc", "new"), "{detail}");
    } else {
        assert_eq!(result, "refused");
        assert!(detail.contains("LibreOffice"), "{detail}");
    }
    // The table image has no title to name the agency (one import cannot give --agency for
    // it alone; scans.rs reads it with it).
    let (_, result, detail) = &by_name["pingtan-2019-tables.png"];
    assert_eq!(result, "refused", "{detail}");
    assert!(
        detail.contains("--agency") || detail.contains("Tesseract"),
        "{detail}"
    );
    for (name, why) in [
        ("style.css", "not a report format (.css)"),
        ("logo.png", "an image without a ruled table (not a report)"),
    ] {
        let (_, result, detail) = &by_name[name];
        assert_eq!(
            (result.as_str(), detail.as_str()),
            ("skipped", why),
            "{name}"
        );
    }
    let imported = 8 + usize::from(soffice) + usize::from(installed("tesseract"));
    run.stderr_has(&format!(
        "imported {imported} reports from {imported} files into"
    ))
    // The logo counts as a file read (and found not to be a report); the style sheet does not.
    .stderr_has(&format!("{} of 12 files failed", 11 - imported))
    .stderr_has("pingtan-2019-tables.png");
    // Six reports (five without LibreOffice): 晋江 2024, 平潭 2022 and 2024, 淮安 2024, 沭阳 2023, and 平潭 2019 (.doc).
    let stored = env
        .run(["sql", "SELECT count(*) FROM report", "--format", "csv"])
        .success()
        .stdout();
    assert_eq!(
        stored.lines().nth(1),
        Some(if soffice { "6" } else { "5" }),
        "{stored}"
    );
}
