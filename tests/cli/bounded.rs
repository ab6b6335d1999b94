//! gov-db on hostile input, under bounds: a deadline (the child is killed past it), a memory
//! limit it runs under, what it prints (kept up to a cap, counted whole), and the database's
//! bytes and contents before and after.
//!
//! Memory is bounded by RLIMIT_DATA (heap and private writable mappings), set in the child
//! before it runs gov-db: past it an allocation fails and gov-db aborts, which fails the
//! test. A peak RSS read through wait4 would not do: Linux carries the high-water mark of
//! the spawning process (this test binary, holding other tests' inputs) across the exec.

use crate::harness::Env;
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A finished run of gov-db under bounds.
pub struct Bounded {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Bytes written to stderr, kept or not.
    pub stderr_len: usize,
}

/// The memory gov-db runs under here: a debug build imports the bundled data within 64 MiB
/// (measured with prlimit --data), the largest input held whole is a 64 MiB PDF; the defects
/// took gigabytes (gov-db 0.1 aborts on 300 MB of NULs even under 1 GiB).
pub const MAX_DATA_MIB: u64 = 128;

/// How much of each output stream is kept for the assertions.
const KEEP: usize = 1 << 20;

/// `gov-db --db <env's db> ARGS…` under [`MAX_DATA_MIB`], killed (and the test failed)
/// past `limit`.
pub fn run<I, S>(env: &Env, args: I, limit: Duration) -> Bounded
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    run_with(env, args, &[], limit)
}

/// [`run`] with variables set in gov-db's environment (`PATH`, a time limit).
pub fn run_with<I, S>(env: &Env, args: I, vars: &[(&str, &OsStr)], limit: Duration) -> Bounded
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("gov-db"));
    cmd.envs(vars.iter().copied());
    cmd.arg("--db")
        .arg(env.db())
        .args(args)
        .env_remove("GOV_DB")
        .env("HOME", env.dir.path())
        .current_dir(env.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let limit_data = || {
        let bytes = MAX_DATA_MIB << 20;
        let rlimit = libc::rlimit {
            rlim_cur: bytes,
            rlim_max: bytes,
        };
        // SAFETY: setrlimit is async-signal-safe, and the pointer is to a live value.
        if unsafe { libc::setrlimit(libc::RLIMIT_DATA, &rlimit) } == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    // SAFETY: the closure only calls setrlimit between fork and exec.
    unsafe { cmd.pre_exec(limit_data) };
    let mut child = cmd.spawn().expect("gov-db starts");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let (mut kept, mut total, mut buf) = (Vec::new(), 0usize, vec![0u8; 1 << 16]);
            while let Ok(n) = r.read(&mut buf) {
                if n == 0 {
                    break;
                }
                total += n;
                let room = KEEP.saturating_sub(kept.len()).min(n);
                kept.extend_from_slice(&buf[..room]);
            }
            (String::from_utf8_lossy(&kept).into_owned(), total)
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gov-db did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let (stdout, _) = out.join().unwrap();
    let (stderr, stderr_len) = err.join().unwrap();
    Bounded {
        // A signal (an abort past the memory limit) has no code: -1.
        code: status.code().unwrap_or(-1),
        stdout,
        stderr,
        stderr_len,
    }
}

/// The database's file digest and its whole export: equal before and after means nothing
/// changed, to the byte.
#[derive(Debug, PartialEq, Eq)]
pub struct DbState {
    digest: String,
    export: String,
}

pub fn db_state(env: &Env) -> DbState {
    let bytes = std::fs::read(env.db()).expect("the database exists");
    let digest = format!("{:x}", Sha256::digest(&bytes));
    let export = env.run(["export", "--full"]).success().stdout();
    DbState { digest, export }
}

/// Runs an import that must be refused: exit code 1 within `limit` and [`MAX_DATA_MIB`], a
/// short stderr holding each of `needles`, and the database exactly as it was.
#[track_caller]
pub fn refused<I, S>(env: &Env, args: I, limit: Duration, needles: &[&str]) -> Bounded
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    refused_with(env, args, &[], limit, needles)
}

/// [`refused`] with variables set in gov-db's environment.
#[track_caller]
pub fn refused_with<I, S>(
    env: &Env,
    args: I,
    vars: &[(&str, &OsStr)],
    limit: Duration,
    needles: &[&str],
) -> Bounded
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let before = db_state(env);
    let run = run_with(env, args, vars, limit);
    assert_eq!(run.code, 1, "exit code\n--- stderr\n{}", run.stderr);
    for n in needles {
        assert!(
            run.stderr.contains(n),
            "stderr lacks {n:?}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr_len < 64 * 1024,
        "{} bytes of errors (bounded to 64 KiB)",
        run.stderr_len
    );
    assert_eq!(db_state(env), before, "the database changed");
    run
}

/// Runs a command on hostile input that must succeed, within `limit` and [`MAX_DATA_MIB`];
/// returns its stdout.
#[track_caller]
pub fn accepted<I, S>(env: &Env, args: I, limit: Duration) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let run = run(env, args, limit);
    assert_eq!(run.code, 0, "exit code\n--- stderr\n{}", run.stderr);
    run.stdout
}
