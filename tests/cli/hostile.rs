//! Hostile inputs to `gov-db import`: links that loop, pages nested thousands deep, text
//! that repeats a row thousands of times, pictures held in a page that declare billions of
//! pixels or megabytes of broken base64, FIFOs, paths that are missing or cannot be read.
//!
//! Each runs the real binary under two bounds, and fails if either is crossed:
//! - time: the child is killed after a limit of seconds (a debug build, on a busy machine:
//!   the limits are ten times what the inputs take here in a release build, and far below
//!   what they took before: minutes, or forever);
//! - memory: the child's address space is capped (RLIMIT_AS, set by the shell's `ulimit -v`
//!   before it execs gov-db, so no unsafe code runs in the test): an input that makes memory
//!   grow ends in an allocation failure, not a machine out of memory.
//!
//! And each asserts what the promise says: a clear error naming the file, of bounded size,
//! exit status 1, and the database byte for byte as it was.

use crate::harness::{Env, repo};
use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The address space a gov-db import may take here: an import of the bundled data needs
/// under 128 MB.
const MEMORY_KB: u64 = 512 * 1024;

/// What a bounded run gave.
struct Bounded {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

impl Bounded {
    fn describe(&self) -> String {
        format!(
            "exit {:?} after {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code,
            self.took,
            self.stdout,
            self.stderr.chars().take(4000).collect::<String>()
        )
    }

    /// Failed as bad input does: exit 1, the error naming `needle` (the file), stderr short.
    #[track_caller]
    fn refused(&self, needle: &str) -> &Self {
        assert_eq!(self.code, Some(1), "{}", self.describe());
        assert!(self.stderr.contains(needle), "{}", self.describe());
        assert!(
            self.stderr.len() < 8_000,
            "{} bytes of error\n{}",
            self.stderr.len(),
            self.describe()
        );
        self
    }

    #[track_caller]
    fn success(&self) -> &Self {
        assert_eq!(self.code, Some(0), "{}", self.describe());
        self
    }
}

/// `gov-db --db DB ARGS…` in the environment's directory, under `ulimit -v MEMORY_KB`,
/// killed (and the test failed) after `limit`. `wrap` may put a command in front (another
/// user's, say).
fn bounded_with<S: AsRef<OsStr>>(env: &Env, wrap: &[&str], args: &[S], limit: Duration) -> Bounded {
    let gov_db = assert_cmd::cargo::cargo_bin("gov-db");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KB} && exec \"$@\""))
        .arg("sh")
        .args(wrap)
        .arg(&gov_db)
        .arg("--db")
        .arg(env.db())
        .args(args)
        .env_remove("GOV_DB")
        .env("HOME", env.dir.path())
        .current_dir(env.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("sh starts");
    // Read both pipes as they fill, so that a child writing much never blocks on them.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = pipe.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "gov-db {:?} still running after {limit:?}: killed\n--- stderr\n{}",
                args.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
                err.join().unwrap().chars().take(2000).collect::<String>()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let run = Bounded {
        code: status.code(),
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
        took: started.elapsed(),
    };
    eprintln!(
        "{:?}: {:?} in {:?}",
        args.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
        run.code,
        run.took
    );
    run
}

fn bounded<S: AsRef<OsStr>>(env: &Env, args: &[S], limit: Duration) -> Bounded {
    bounded_with(env, &[], args, limit)
}

/// The database file's bytes (and its WAL's, if one is left).
fn db_bytes(env: &Env) -> Vec<Vec<u8>> {
    ["", "-wal"]
        .iter()
        .map(|s| std::fs::read(format!("{}{s}", env.db().display())).unwrap_or_default())
        .collect()
}

/// An environment whose database holds the bundled data, and its state to compare with.
struct Before {
    env: Env,
    bytes: Vec<Vec<u8>>,
    export: String,
}

fn before() -> Before {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    let bytes = db_bytes(&env);
    let export = env.run(["export", "--full"]).success().stdout();
    Before { env, bytes, export }
}

impl Before {
    /// The database is exactly as it was.
    #[track_caller]
    fn unchanged(&self) {
        assert_eq!(
            self.env.run(["export", "--full"]).success().stdout(),
            self.export
        );
        assert!(
            db_bytes(&self.env) == self.bytes,
            "the database file changed"
        );
    }

    fn import(&self, args: &[&OsStr], limit: Duration) -> Bounded {
        let mut all: Vec<OsString> = vec!["import".into()];
        all.extend(args.iter().map(|a| a.to_os_string()));
        bounded(&self.env, &all, limit)
    }
}

const TITLE: &str = "晋江市人民政府2024年政府信息公开工作年度报告\n";

#[test]
fn html_nested_ten_thousand_tables_deep() {
    // Was: the stack overflowed (SIGABRT, exit 134, no file named).
    let b = before();
    let page = b.env.write("nested.html", "<table><tr><td>".repeat(10_000));
    b.import(&[page.as_os_str()], Duration::from_secs(10))
        .refused("nested.html: elements nested more than 200 deep (at line 1)");
    b.unchanged();
}

#[test]
fn html_nested_two_hundred_thousand_divs_deep() {
    // Was: minutes (the parser's time grows with the square of the depth), then SIGABRT.
    let b = before();
    let page = b
        .env
        .write("divs.html", format!("{TITLE}{}x", "<div>".repeat(200_000)));
    b.import(&[page.as_os_str()], Duration::from_secs(10))
        .refused("divs.html: elements nested more than 200 deep (at line 2)");
    b.unchanged();
}

#[test]
fn text_repeating_the_first_row_five_thousand_times() {
    // Was: over 100 s (each repetition tried as 表三's start, reading on to the end).
    let b = before();
    let row = "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n";
    let text = b
        .env
        .write("many.txt", format!("{TITLE}{}", row.repeat(5_000)));
    b.import(&[text.as_os_str()], Duration::from_secs(30))
        .refused(
            "many.txt: 表三: the first row's words (“本年新收”) are printed more than 16 times",
        );
    b.unchanged();
}

#[test]
fn text_with_a_hundred_thousand_numbers_in_table_four() {
    // Was: 39 s, and an error quoting every number (200 KB).
    let b = before();
    let real = std::fs::read_to_string(repo().join("data/jinjiang-2024.txt")).unwrap();
    // 表四's heading, a hundred thousand numbers, then 表四 as printed.
    let at = real.find("四、政府信息公开行政复议").unwrap();
    let (head, tail) = real.split_at(at);
    let heading = &tail[..tail.find('\n').unwrap()];
    let numbers = "1\n".repeat(100_000);
    let file = b
        .env
        .write("appeals.txt", format!("{head}{heading}\n{numbers}{tail}"));
    b.import(&[file.as_os_str()], Duration::from_secs(30))
        .refused("appeals.txt: ");
    b.unchanged();
}

/// A page holding its 表三 as a `data:` URI (`<img src="data:image/gif;base64,…">`): a GIF
/// declaring 60,000 × 60,000 pixels in a few bytes (gigabytes decoded) is refused from its
/// header, and 6 MB of base64 broken at its end is refused saying where, each naming the
/// picture by its number and kind, never its bytes. Was: a `data:` picture was not read.
#[test]
fn data_uri_pictures_are_refused_in_bounded_time_and_memory() {
    use base64::Engine;
    let b = before();
    let mut gif = b"GIF89a".to_vec();
    for _ in 0..2 {
        gif.extend(60_000u16.to_le_bytes());
        gif.extend(60_000u16.to_le_bytes());
        gif.extend([0x80, 0, 0, 0, 0, 0, 255, 255, 255, 0x2C, 0, 0, 0, 0]);
    }
    let giant = base64::engine::general_purpose::STANDARD.encode(&gif);
    let broken = format!("{}!AAA", "A".repeat(6 << 20));
    for (name, data, says) in [
        ("giant", giant, "60000 × 60000 pixels, past the 48 million"),
        (
            "broken",
            broken,
            "its base64 is broken at character 6291457",
        ),
    ] {
        let page = b.env.write(
            &format!("{name}.html"),
            format!("<p>{TITLE}</p><p>三、收到和处理政府信息公开申请情况</p><img src=\"data:image/gif;base64,{data}\">"),
        );
        b.import(&[page.as_os_str()], Duration::from_secs(20))
            .refused(&format!("{name}.html: "))
            .refused("picture 1 <img src=\"data:image/gif;base64,…\"> (under “三、收到和处理政府信息公开申请情况”): the picture the page holds cannot be read")
            .refused(says);
    }
    b.unchanged();
}

#[test]
fn directories_linked_to_themselves_are_walked_once() {
    // Was: `x -> .` and `y -> .` walked forever, memory growing; `up -> ..` read each file 41
    // times.
    let env = Env::new();
    let dir = env.path("loop");
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::copy(repo().join("data/huaian-2024.csv"), dir.join("huaian.csv")).unwrap();
    std::fs::copy(
        repo().join("data/pingtan-2022.csv"),
        dir.join("a/pingtan.csv"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", dir.join("x")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("y")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("a/up")).unwrap();
    let run = bounded(
        &env,
        &["import".as_ref(), dir.as_os_str()],
        Duration::from_secs(10),
    );
    run.success();
    assert!(
        run.stdout.contains("imported 2 reports from 2 files into")
            && run.stdout.contains(": 2 new, 0 replaced"),
        "{}",
        run.describe()
    );
    // Entered below the loop, the same two files.
    let run = bounded(
        &env,
        &["import".as_ref(), dir.join("a").as_os_str()],
        Duration::from_secs(10),
    );
    run.success();
    assert!(run.stdout.contains("from 2 files"), "{}", run.describe());
}

#[test]
fn a_missing_path_is_a_problem_of_the_import() {
    let b = before();
    let new = b.env.path("new.csv");
    std::fs::copy(
        repo().join("tests/fixtures/expected/pingtan-2019.csv"),
        &new,
    )
    .unwrap();
    let missing = b.env.path("missing.csv");
    // Without --keep-going: nothing is imported, the path is named, and the rest was read.
    let run = b.import(
        &[new.as_os_str(), missing.as_os_str()],
        Duration::from_secs(10),
    );
    run.refused("missing.csv: cannot read: No such file or directory");
    assert!(
        run.stderr
            .contains("1 problem in 1 of 2 files; nothing was imported"),
        "{}",
        run.describe()
    );
    b.unchanged();
    // Only missing paths: the same, without a database made where there was none.
    let fresh = Env::new();
    let run = bounded(
        &fresh,
        &["import".as_ref(), missing.as_os_str()],
        Duration::from_secs(10),
    );
    run.refused("missing.csv: cannot read");
    assert!(!fresh.db().exists(), "a database was created");
    // With --keep-going: it is listed as a failed file and the rest is imported. (Was: the
    // whole import aborted, nothing imported.)
    let run = b.import(
        &[
            "--keep-going".as_ref(),
            missing.as_os_str(),
            new.as_os_str(),
        ],
        Duration::from_secs(10),
    );
    run.refused("error: 1 of 2 files failed and were not imported: ");
    assert!(
        run.stdout.contains("imported 1 report from 1 file"),
        "{}",
        run.describe()
    );
}

#[test]
fn a_directory_that_cannot_be_listed_is_named_and_exits_1() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // Was: "Permission denied (os error 13)" without the path, exit 3.
    let b = before();
    let dir = b.env.path("in");
    std::fs::create_dir_all(dir.join("locked")).unwrap();
    std::fs::copy(
        repo().join("data/pingtan-2022.csv"),
        dir.join("locked/p.csv"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/expected/pingtan-2019.csv"),
        dir.join("p19.csv"),
    )
    .unwrap();
    // Root reads a directory whatever its mode: run gov-db as nobody, who needs to reach
    // the test's directory, its files and the database.
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let wrap: &[&str] = if root {
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    let everyone = |p: &Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    if root {
        everyone(b.env.dir.path(), 0o777);
        for suffix in ["", "-wal", "-shm"] {
            let p = std::path::PathBuf::from(format!("{}{suffix}", b.env.db().display()));
            if p.exists() {
                everyone(&p, 0o666);
            }
        }
        for p in [dir.as_path(), &dir.join("locked")] {
            everyone(p, 0o755);
        }
        everyone(&dir.join("p19.csv"), 0o644);
    }
    everyone(&dir.join("locked"), 0o000);
    let args = ["import".as_ref(), dir.as_os_str()];
    let run = bounded_with(&b.env, wrap, &args, Duration::from_secs(10));
    if root && matches!(run.code, Some(126 | 127)) {
        eprintln!(
            "cannot run gov-db as another user here: skipped\n{}",
            run.describe()
        );
        everyone(&dir.join("locked"), 0o755);
        return;
    }
    run.refused("locked: cannot list the directory: Permission denied");
    b.unchanged();
    // With --keep-going the rest is imported.
    let args = ["import".as_ref(), "--keep-going".as_ref(), dir.as_os_str()];
    let run = bounded_with(&b.env, wrap, &args, Duration::from_secs(10));
    run.refused("1 of 2 files failed and were not imported: ");
    assert!(
        run.stdout.contains("imported 1 report from 1 file"),
        "{}",
        run.describe()
    );
    everyone(&dir.join("locked"), 0o755);
}

/// Makes a FIFO at `path`; false where there is no `mkfifo`.
fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

/// `cat FROM > FIFO` in the background, killed when dropped.
struct Writer(std::process::Child);

impl Writer {
    fn start(from: &Path, fifo: &Path) -> Writer {
        let child = Command::new("sh")
            .arg("-c")
            .arg("cat \"$0\" > \"$1\"")
            .arg(from)
            .arg(fifo)
            .spawn()
            .unwrap();
        Writer(child)
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_fifo_is_opened_once() {
    // Was: opened once to tell its kind (taking 512 bytes) and again to read it: the reading
    // started 512 bytes in, or waited forever for a writer.
    let env = Env::new();
    for (name, from) in [
        ("csv.fifo", repo().join("data/pingtan-2022.csv")),
        ("report.fifo", repo().join("data/jinjiang-2024.txt")),
    ] {
        let fifo = env.path(name);
        if !mkfifo(&fifo) {
            eprintln!("no mkfifo here: skipped");
            return;
        }
        let _writer = Writer::start(&from, &fifo);
        let run = bounded(
            &env,
            &["import".as_ref(), "--dry-run".as_ref(), fifo.as_os_str()],
            Duration::from_secs(10),
        );
        run.success();
        assert!(
            run.stdout.contains("would import 1 report from 1 file"),
            "{}",
            run.describe()
        );
    }
    // The same file from a FIFO and from disk: the same numbers.
    let fifo = env.path("again.fifo");
    assert!(mkfifo(&fifo));
    let _writer = Writer::start(&repo().join("data/pingtan-2022.csv"), &fifo);
    bounded(
        &env,
        &["import".as_ref(), fifo.as_os_str()],
        Duration::from_secs(10),
    )
    .success();
    let file = repo().join("data/pingtan-2022.csv");
    let again = bounded(
        &env,
        &["import".as_ref(), file.as_os_str()],
        Duration::from_secs(10),
    );
    assert!(
        again.stdout.contains("0 new, 0 replaced, 1 unchanged"),
        "{}",
        again.describe()
    );
}

#[test]
fn process_substitution_is_read_once() {
    if Command::new("bash").arg("-c").arg("true").status().is_err() {
        eprintln!("no bash here: skipped");
        return;
    }
    let env = Env::new();
    let gov_db = assert_cmd::cargo::cargo_bin("gov-db");
    let script = "ulimit -v \"$2\" && exec \"$0\" --db \"$1\" import <(cat \"$3\")";
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(&gov_db)
        .arg(env.db())
        .arg(MEMORY_KB.to_string())
        .arg(repo().join("data/huaian-2024.csv"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("gov-db import <(cat …) still running after 10 s: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("imported 1 report from 1 file"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_directory_search_leaves_out_notes_and_fifos_and_reads_a_named_note() {
    let env = Env::new();
    let dir = env.path("in");
    std::fs::create_dir(&dir).unwrap();
    let csv = repo().join("data/huaian-2024.csv");
    // README_data.csv is data; README.md and LICENSE are the directory's notes.
    std::fs::copy(&csv, dir.join("README_data.csv")).unwrap();
    std::fs::write(dir.join("README.md"), "# Reports\n").unwrap();
    std::fs::write(dir.join("LICENSE"), "MIT\n").unwrap();
    let fifo_made = mkfifo(&dir.join("waiting.csv"));
    let run = bounded(
        &env,
        &["import".as_ref(), dir.as_os_str()],
        Duration::from_secs(10),
    );
    run.success();
    assert!(
        run.stdout.contains("imported 1 report from 1 file"),
        "{}",
        run.describe()
    );
    if !fifo_made {
        eprintln!("no mkfifo here: the FIFO case is skipped");
    }
    // Named, a note is read, and is not a report.
    let note = dir.join("README.md");
    bounded(
        &env,
        &["import".as_ref(), note.as_os_str()],
        Duration::from_secs(10),
    )
    .refused("README.md: ");
}
