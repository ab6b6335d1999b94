//! The external programs a report is read with (pdftotext, pdftoppm, tesseract, soffice),
//! stuck: each is replaced by a script put first on PATH that never finishes and starts a
//! child that would leave a mark if it outlived it. The import must stop the program and its
//! children at the time limit (`GOV_DB_PROGRAM_TIMEOUT`), refuse the file naming it and the
//! program, exit 1, leave the database as it was, and finish within seconds.

use crate::bounded::{MAX_DATA_MIB, refused_with};
use crate::harness::{Env, fixture, repo};
use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Far below the 300 s the stuck programs would take, and room for a debug build on a machine
/// at load 20 (the table image is laid out for some seconds before Tesseract is asked: 30 s
/// was passed there).
const LIMIT: Duration = Duration::from_secs(60);

/// An environment with the bundled reports imported, and a `bin` folder for the fakes.
fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    std::fs::create_dir(env.path("bin")).unwrap();
    env
}

/// A program `name` in the env's `bin` that never ends: it starts a child that touches
/// `NAME.outlived` after 3 s, and sleeps. `before` runs first (to answer a question).
fn stuck(env: &Env, name: &str, before: &str) -> PathBuf {
    let marker = env.path(&format!("{name}.outlived"));
    let script = env.path("bin").join(name);
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n{before}\n(sleep 3; touch '{}') &\nsleep 300\n",
            marker.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    marker
}

/// PATH with the env's `bin` first.
fn path(env: &Env) -> OsString {
    let mut dirs = vec![env.path("bin")];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// `gov-db import FILE` with the fakes first on PATH and a 1 s limit: refused naming the file
/// and the program that took too long, in bounded time and memory, the database unchanged;
/// the program's child was killed with it.
fn stopped(env: &Env, file: &Path, program: &str, marker: &Path) {
    let path = path(env);
    let started = Instant::now();
    let name = file.file_name().unwrap().to_str().unwrap();
    refused_with(
        env,
        ["import".as_ref(), file.as_os_str()],
        &[
            ("PATH", path.as_os_str()),
            ("GOV_DB_PROGRAM_TIMEOUT", "1".as_ref()),
        ],
        LIMIT,
        &[name, &format!("{program} took longer than 1 s")],
    );
    // Within LIMIT, or refused_with failed the test (a debug build lays out a table image
    // for some seconds before Tesseract is asked).
    let took = started.elapsed();
    // What the stuck program started in the background was killed with it.
    std::thread::sleep(Duration::from_secs(4).saturating_sub(took));
    assert!(!marker.exists(), "a child of the stuck {program} still ran");
    eprintln!("{program}: refused in {took:?} under {MAX_DATA_MIB} MiB");
}

#[test]
fn a_stuck_pdftotext_is_stopped() {
    let env = imported();
    let marker = stuck(&env, "pdftotext", "");
    let file = env.path("huaian.pdf");
    std::fs::copy(fixture("reports/huaian-2024.pdf"), &file).unwrap();
    stopped(&env, &file, "pdftotext", &marker);
}

#[test]
fn a_stuck_pdftoppm_is_stopped() {
    // The scan's pages have no text (the real pdftotext says so); pdftoppm makes them images.
    let env = imported();
    let marker = stuck(&env, "pdftoppm", "");
    let file = env.path("scan.pdf");
    std::fs::copy(fixture("scans/huaian-2024-scan.pdf"), &file).unwrap();
    stopped(&env, &file, "pdftoppm", &marker);
}

#[test]
fn a_stuck_tesseract_is_stopped() {
    // It answers the question for its languages at once, and then never reads the image.
    let env = imported();
    let marker = stuck(
        &env,
        "tesseract",
        "case \"$1\" in --list-langs|--version) printf 'eng\\nchi_sim\\n'; exit 0;; esac",
    );
    let file = env.path("tables.png");
    std::fs::copy(fixture("scans/pingtan-2019-tables.png"), &file).unwrap();
    stopped(&env, &file, "tesseract", &marker);
}

#[test]
fn a_stuck_libreoffice_is_stopped() {
    let env = imported();
    let marker = stuck(&env, "soffice", "");
    let file = env.path("report.doc");
    std::fs::copy(fixture("office/shuyang-fgj-2023.doc"), &file).unwrap();
    stopped(&env, &file, "LibreOffice (soffice)", &marker);
}

/// A program that ends in time is not stopped: the limit set to 1 s still reads a PDF.
#[test]
fn a_program_within_the_limit_reads_as_before() {
    let env = Env::new();
    let run = crate::bounded::run_with(
        &env,
        [
            "import".as_ref(),
            fixture("reports/huaian-2024.pdf").as_os_str(),
        ],
        &[("GOV_DB_PROGRAM_TIMEOUT", "1".as_ref())],
        LIMIT,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    env.run(["export"]).success().stdout_has("淮安");
}

/// The refusal in the reader's language under `--lang zh`, as the table reader's are.
#[test]
fn a_stuck_program_is_said_in_chinese_under_zh() {
    let env = imported();
    stuck(&env, "pdftotext", "");
    let file = env.path("huaian.pdf");
    std::fs::copy(fixture("reports/huaian-2024.pdf"), &file).unwrap();
    let path = path(&env);
    refused_with(
        &env,
        [
            "--lang".as_ref(),
            "zh".as_ref(),
            "import".as_ref(),
            file.as_os_str(),
        ],
        &[
            ("PATH", path.as_os_str()),
            ("GOV_DB_PROGRAM_TIMEOUT", "1".as_ref()),
        ],
        LIMIT,
        &[
            "huaian.pdf",
            "pdftotext 运行超过 1 秒，已被停止（一份报告只需几秒；如需更长时间，请设置 GOV_DB_PROGRAM_TIMEOUT=秒数）",
        ],
    );
}
