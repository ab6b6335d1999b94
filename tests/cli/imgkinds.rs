//! Pictures of a report's tables in the kinds sites publish besides PNG and JPEG: GIF, WebP
//! and BMP, beside a saved page, in a folder or given by name; and pictures a page holds in
//! itself as `data:` URIs. Each is read as a PNG beside the page is, or refused naming the
//! picture: a picture of a kind gov-db does not read (an SVG) in a page that does not read is
//! named in its error, never left out unsaid. (Hostile `data:` URIs: hostile.rs.)

use crate::harness::{Env, fixture, records};
use crate::ocrread::{self, tesseract};
use image::{GrayImage, ImageFormat, Luma};
use std::path::{Path, PathBuf};

fn folder() -> PathBuf {
    fixture("scans").join("pingtan-2024-img")
}

/// The real page (pingtan-2024-img) in `dir`, each of its pictures `tableN.png` saved as
/// `tableN.EXT` in the kind given (its gray pixels, as OCR reads them), the page naming it so.
fn page_with_kinds(dir: &Path, kinds: &[(&str, &str, ImageFormat)]) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut html = std::fs::read_to_string(folder().join("pingtan-2024.html")).unwrap();
    for (table, ext, format) in kinds {
        let png = folder().join(format!("{table}.png"));
        // Gray in RGB: the kinds' encoders all take it, and GIF's palette holds it whole.
        let gray = image::DynamicImage::ImageLuma8(image::open(&png).unwrap().into_luma8());
        gray.to_rgb8()
            .save_with_format(dir.join(format!("{table}.{ext}")), *format)
            .unwrap();
        html = html.replace(&format!("\"{table}.png\""), &format!("\"{table}.{ext}\""));
    }
    for table in ["table2", "table3", "table4"] {
        if !html.contains(&format!("\"{table}.png\"")) {
            continue;
        }
        std::fs::copy(
            folder().join(format!("{table}.png")),
            dir.join(format!("{table}.png")),
        )
        .unwrap();
    }
    let page = dir.join("pingtan-2024.html");
    std::fs::write(&page, html).unwrap();
    page
}

/// Was: the GIF and WebP pictures (and BMP) were passed over unsaid, and the page failed
/// with `表二: no table 二 found`, naming no picture.
#[test]
fn pictures_saved_as_gif_webp_and_bmp_read_to_the_ground_truth() {
    let dir = Env::new();
    let page = page_with_kinds(
        &dir.path("page"),
        &[
            ("table2", "gif", ImageFormat::Gif),
            ("table3", "webp", ImageFormat::WebP),
            ("table4", "bmp", ImageFormat::Bmp),
        ],
    );
    let truth = ocrread::truth(&fixture("readings/pingtan-2024.csv"));
    let Some(env) = ocrread::reads_to(&page, &[], &truth, "<img src=\"table") else {
        return;
    };
    let sql = "SELECT origin FROM fact_origin";
    let origins = env.run(["sql", sql, "--format", "csv"]).success().stdout();
    for src in ["table2.gif", "table3.webp", "table4.bmp"] {
        let named = format!("<img src=\"\"{src}\"\"> cell (");
        assert!(origins.contains(&named), "{src}: {origins}");
    }
}

/// A picture with no table in a folder, in each kind: decoded and found to hold no table
/// (skipped as such), not passed over by its name's ending. No Tesseract needed.
#[test]
fn gif_webp_and_bmp_pictures_in_a_folder_are_looked_at() {
    let env = Env::new();
    let dir = env.path("photos");
    std::fs::create_dir(&dir).unwrap();
    let logo = GrayImage::from_fn(60, 40, |x, _| Luma([if x < 30 { 40 } else { 230 }]));
    let logo = image::DynamicImage::ImageLuma8(logo).to_rgb8();
    for (ext, format) in [
        ("gif", ImageFormat::Gif),
        ("webp", ImageFormat::WebP),
        ("bmp", ImageFormat::Bmp),
        ("tif", ImageFormat::Tiff),
    ] {
        logo.save_with_format(dir.join(format!("logo.{ext}")), format)
            .unwrap();
    }
    let run = env.run(["import".as_ref(), dir.as_os_str()]);
    for ext in ["gif", "webp", "bmp", "tif"] {
        run.stderr_has(&format!(
            "skipped: {}: an image without a ruled table (not a report)",
            dir.join(format!("logo.{ext}")).display()
        ));
    }
}

/// A GIF declaring 60,000 × 60,000 pixels in a few bytes, given by name: refused from its
/// header, before it is decoded (gigabytes), naming the file; nothing stored.
#[test]
fn a_gif_declaring_billions_of_pixels_is_refused_before_decoding() {
    let env = Env::new();
    let mut gif = b"GIF89a".to_vec();
    gif.extend(60_000u16.to_le_bytes());
    gif.extend(60_000u16.to_le_bytes());
    gif.extend([0x80, 0, 0]); // a global palette of 2 colours, then it
    gif.extend([0, 0, 0, 255, 255, 255]);
    gif.extend([0x2C, 0, 0, 0, 0]);
    gif.extend(60_000u16.to_le_bytes());
    gif.extend(60_000u16.to_le_bytes());
    gif.extend([0, 2, 2, 0x4C, 0x01, 0, 0x3B]);
    let file = env.write("huge.gif", gif);
    env.run(["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("huge.gif")
        .stderr_has("60000 × 60000 pixels, past the 48 million");
    // …and in Chinese under zh, the image's name with it.
    env.run_in("zh_CN.UTF-8", ["import".as_ref(), file.as_os_str()])
        .failure(1)
        .stderr_has("huge.gif")
        .stderr_has("不是可以读取的图片：60000 × 60000 像素，超过 300 dpi 扫描页或报告表格截图的 48 百万像素");
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert!(n.stdout().contains('0'), "{}", n.stdout());
}

/// The page does not read without its 表三, published as an SVG gov-db cannot read: its error
/// names the picture, the heading it stands under and why, in both languages.
#[test]
fn a_picture_of_a_kind_not_read_is_named_when_the_page_does_not_read() {
    let env = Env::new();
    let dir = env.path("page");
    let page = page_with_kinds(&dir, &[]);
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, html.replace("\"table3.png\"", "\"table3.svg\"")).unwrap();
    std::fs::remove_file(dir.join("table3.png")).unwrap();
    std::fs::write(
        dir.join("table3.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"9\" height=\"9\"/></svg>",
    )
    .unwrap();
    // Tesseract reads table2 and table4 when it is installed; without it, the page is
    // refused for want of it. Either way table3.svg is not read: with Tesseract the error is
    // the page's, and names it.
    if !tesseract() {
        return;
    }
    env.run(["import".as_ref(), page.as_os_str()])
        .failure(1)
        .stderr_has("表三: no table 三 found")
        .stderr_has(&format!(
            "the page shows <img src=\"table3.svg\"> (under “三、收到和处理政府信息公开申请情况”), and {} is there but gov-db cannot read it (not a PNG, JPEG, TIFF, GIF, WebP or BMP picture)",
            dir.join("table3.svg").display()
        ));
    env.run([
        "--lang".as_ref(),
        "zh".as_ref(),
        "import".as_ref(),
        page.as_os_str(),
    ])
    .failure(1)
    .stderr_has("网页中有 <img src=\"table3.svg\">（在“三、收到和处理政府信息公开申请情况”下）");
    let n = env.run(["sql", "SELECT count(*) FROM report", "--format", "csv"]);
    assert!(n.stdout().contains('0'), "{}", n.stdout());
}

/// The page saved whole, as a browser may: its pictures held in it as `data:` URIs, nothing
/// beside it. Each is read as the file was, its cells named by its number among the page's
/// pictures and its kind. Was: not read (a `data:` src names no file), the page refused with
/// `表二: no table 二 found`.
#[test]
fn a_page_holding_its_pictures_as_data_uris_reads_to_the_ground_truth() {
    use base64::Engine;
    let env = Env::new();
    let mut html = std::fs::read_to_string(folder().join("pingtan-2024.html")).unwrap();
    for table in ["table2", "table3", "table4"] {
        let png = std::fs::read(folder().join(format!("{table}.png"))).unwrap();
        let data = base64::engine::general_purpose::STANDARD.encode(png);
        // Wrapped at 76 characters, as some editors write it.
        let lines: Vec<&str> = data
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        let src = format!("\"data:image/png;base64,{}\"", lines.join("\n"));
        html = html.replace(&format!("\"{table}.png\""), &src);
    }
    let page = env.write("saved.html", html);
    let truth = ocrread::truth(&fixture("readings/pingtan-2024.csv"));
    let Some(read) = ocrread::reads_to(&page, &[], &truth, "picture ") else {
        return;
    };
    let sql = "SELECT DISTINCT substr(origin, 1, instr(origin, ' cell (')) FROM fact_origin";
    let places = read.run(["sql", sql, "--format", "csv"]).success().stdout();
    let places: Vec<Vec<String>> = records(&places);
    assert_eq!(places.len(), 3, "{places:?}");
    for p in &places {
        assert!(
            p[0].ends_with(" <img src=\"data:image/png;base64,…\"> "),
            "{places:?}"
        );
    }
}

/// The page holding an SVG where 表三 stands: not read, and named in the page's error.
#[test]
fn a_held_picture_of_a_kind_not_read_is_named_when_the_page_does_not_read() {
    let env = Env::new();
    let html = std::fs::read_to_string(fixture("reports/pingtan-2024.html")).unwrap();
    // The page's own 表三 cut out, an SVG in its place.
    let at = html.find("三、收到和处理政府信息公开申请情况").unwrap();
    let start = at + html[at..].find("<table").unwrap();
    let end = start + html[start..].find("</table>").unwrap() + "</table>".len();
    let page = env.write(
        "svg.html",
        format!(
            "{}<img src=\"data:image/svg+xml,%3Csvg%3E%3C/svg%3E\">{}",
            &html[..start],
            &html[end..]
        ),
    );
    env.run(["import".as_ref(), page.as_os_str()])
        .failure(1)
        .stderr_has("the page holds picture ")
        .stderr_has(
            " <img src=\"data:image/svg+xml,…\"> (under “三、收到和处理政府信息公开申请情况”), which gov-db cannot read",
        );
}

/// A page whose tables are its own HTML, with the pictures a site embeds: a lazy-loading
/// placeholder with nothing in it, a 1 × 1 GIF, an SVG icon. They hold no table and the page
/// reads as it did, without Tesseract.
#[test]
fn a_page_with_small_held_pictures_reads_from_its_html() {
    let env = Env::new();
    let html = std::fs::read_to_string(fixture("reports/pingtan-2024.html")).unwrap();
    let icons = "<img src=\"data:image/gif;base64,\"><img src=\"data:image/gif;base64,\
                 R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\">\
                 <img src=\"data:image/svg+xml,%3Csvg%3E%3C/svg%3E\">";
    let page = env.write(
        "icons.html",
        html.replacen("<body", &format!("<p>{icons}</p><body"), 1),
    );
    let out = env
        .run_with_path("/nonexistent", ["import".as_ref(), page.as_os_str()])
        .output;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = records(&env.run(["export"]).success().stdout());
    let truth = ocrread::truth(&fixture("readings/pingtan-2024.csv"));
    assert_eq!(got, truth);
}
