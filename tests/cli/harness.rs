//! A temp directory with a database, and a command builder that prints everything (command,
//! exit status, stdout, stderr) when an expectation fails.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("gov.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write temp file");
        p
    }

    /// `gov-db --db <temp db> ARGS…`
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_on(&self.db(), args)
    }

    /// `gov-db --db DB ARGS…`
    pub fn run_on<I, S>(&self, db: &Path, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_full(db, args, b"", "C")
    }

    /// `gov-db --db <temp db> ARGS…` under the locale `LANG=locale` (`zh_CN.UTF-8`).
    pub fn run_in<I, S>(&self, locale: &str, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_full(&self.db(), args, b"", locale)
    }

    /// `gov-db --db <temp db> ARGS…` with `input` on standard input.
    pub fn run_stdin<I, S>(&self, args: I, input: &str) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_full(&self.db(), args, input.as_bytes(), "C")
    }

    /// `gov-db --db <temp db> ARGS…` with `PATH=path`: the programs gov-db finds there alone
    /// (fakes, or none).
    pub fn run_with_path<I, S>(&self, path: impl AsRef<std::ffi::OsStr>, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_cmd(&self.db(), args, b"", "C", Some(path.as_ref()))
    }

    fn run_full<I, S>(&self, db: &Path, args: I, input: &[u8], locale: &str) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.run_cmd(db, args, input, locale, None)
    }

    fn run_cmd<I, S>(
        &self,
        db: &Path,
        args: I,
        input: &[u8],
        locale: &str,
        path: Option<&std::ffi::OsStr>,
    ) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = assert_cmd::Command::cargo_bin("gov-db").expect("binary built");
        if let Some(path) = path {
            cmd.env("PATH", path);
        }
        cmd.arg("--db")
            .arg(db)
            .env_remove("GOV_DB")
            .env_remove("GOV_DB_JOBS")
            .env("HOME", self.dir.path())
            .envs(locale_env(locale))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("GOV_DB_LANG")
            .current_dir(self.dir.path())
            .write_stdin(input.to_vec());
        let args: Vec<std::ffi::OsString> =
            args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        cmd.args(&args);
        let output = cmd.output().expect("gov-db runs");
        Run { args, output }
    }
}

impl Env {
    /// `gov-db --db <temp db> ARGS…` with `input` on standard input, and standard output a
    /// pipe whose reading end is closed before gov-db starts: every write to it fails, as in
    /// `gov-db … | head -0` (or `| true`), whenever gov-db comes to print.
    pub fn run_closed_stdout<I, S>(&self, args: I, input: &str) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        use std::io::Write;
        use std::process::Stdio;
        let args: Vec<std::ffi::OsString> =
            args.into_iter().map(|a| a.as_ref().to_owned()).collect();
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
            .arg("--db")
            .arg(self.db())
            .args(&args)
            .env_remove("GOV_DB")
            .env("HOME", self.dir.path())
            .envs(locale_env("C"))
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("GOV_DB_LANG")
            .current_dir(self.dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .spawn()
            .expect("gov-db starts");
        // gov-db may be gone before it reads its input: that is its business.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
        let output = child.wait_with_output().expect("gov-db runs");
        Run { args, output }
    }
}

/// The language gov-db speaks follows the locale: a test says which it runs under (English,
/// `C`, unless it asks for another), whatever the locale of the machine running the tests.
fn locale_env(locale: &str) -> [(&'static str, String); 1] {
    [("LANG", locale.to_string())]
}

/// A finished command, with expectations that show the whole run when they fail.
pub struct Run {
    pub args: Vec<std::ffi::OsString>,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    fn describe(&self) -> String {
        format!(
            "gov-db {:?}\nexit: {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args,
            self.output.status.code(),
            self.stdout(),
            self.stderr()
        )
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert!(
            self.output.status.success(),
            "expected success\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn failure(&self, code: i32) -> &Run {
        assert_eq!(
            self.code(),
            code,
            "expected exit code {code}\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.describe()
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.describe()
        );
        self
    }

    /// Stdout, stderr and the exit status in one text, for snapshots; the temp dir's path is
    /// replaced by `[TMP]` so snapshots do not depend on it.
    pub fn transcript(&self, tmp: &Path) -> String {
        let tmp = tmp.display().to_string();
        format!(
            "status: {}\n--- stdout\n{}--- stderr\n{}",
            self.code(),
            self.stdout().replace(&tmp, "[TMP]"),
            self.stderr().replace(&tmp, "[TMP]")
        )
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/NAME`: the real reports and ground truth copied into the repository.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Parses canonical CSV text into sorted records without the header, so that files can be
/// compared whatever their line endings and line order.
pub fn records(csv_text: &str) -> Vec<Vec<String>> {
    let mut out = records_in_order(csv_text);
    out.sort();
    out
}

/// The records of CSV text without the header, in the order printed.
pub fn records_in_order(csv_text: &str) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_text.as_bytes());
    rdr.records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// Writes N agencies × Y years of synthetic reports (bench/synth.rs) as canonical CSV in the
/// environment's directory.
pub fn synth_csv(env: &Env, name: &str, agencies: u64, years: u64, seed: u64) -> PathBuf {
    use std::io::Write;
    let path = env.path(name);
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    crate::synth::generate(agencies, years, seed, &mut w).unwrap();
    w.flush().unwrap();
    path
}

/// Each object of pretty-printed JSON as its keys and the raw text of their values, in the
/// order printed (serde_json's own map would sort the keys, and its parser may miss the last
/// digit of a float).
pub fn raw_objects(json: &str) -> Vec<Vec<(String, String)>> {
    let mut out = Vec::new();
    for line in json.lines() {
        match line {
            "  {" => out.push(Vec::new()),
            l if l.starts_with("    \"") => {
                let (key, value) = l[4..].split_once("\": ").expect("a key line");
                let key = serde_json::from_str::<String>(&format!("{key}\"")).unwrap();
                let value = value.strip_suffix(',').unwrap_or(value).to_string();
                out.last_mut().expect("inside an object").push((key, value));
            }
            _ => {}
        }
    }
    out
}

/// The schema version this build migrates to: the highest `V{n}__…sql` of `migrations/`.
pub fn latest_schema_version() -> i64 {
    std::fs::read_dir(repo().join("migrations"))
        .unwrap()
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_prefix('V')?.split("__").next()?.parse().ok()
        })
        .max()
        .expect("migrations")
}
