//! gov-db on hostile input, under bounds: a deadline (the child is killed past it), its peak
//! memory (max RSS, from wait4), what it prints (kept up to a cap, counted whole), and the
//! database's bytes and contents before and after.

use crate::harness::Env;
use sha2::{Digest, Sha256};
use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A finished run of gov-db under bounds.
pub struct Bounded {
    pub code: i32,
    pub stderr: String,
    /// Bytes written to stderr, kept or not.
    pub stderr_len: usize,
    pub max_rss_mib: u64,
}

/// The peak memory any refused input may take: a debug build reading the bundled data takes
/// about 20 MiB; a line or a file past its limit must never be held whole.
pub const MAX_RSS_MIB: u64 = 160;

/// How much of each output stream is kept for the assertions.
const KEEP: usize = 1 << 20;

/// `gov-db --db <env's db> ARGS…`, killed (and the test failed) past `limit`.
// The child is reaped by wait4 (for its rusage), which clippy does not see; a wait() after
// it could reap another test's child that reused the pid.
#[allow(clippy::zombie_processes)]
pub fn run<I, S>(env: &Env, args: I, limit: Duration) -> Bounded
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
        .arg("--db")
        .arg(env.db())
        .args(args)
        .env_remove("GOV_DB")
        .env("HOME", env.dir.path())
        .current_dir(env.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gov-db starts");
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
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: pid is our own child, not yet reaped; both pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gov-db did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    out.join().unwrap();
    let (stderr, stderr_len) = err.join().unwrap();
    Bounded {
        code: if libc::WIFEXITED(status) {
            libc::WEXITSTATUS(status)
        } else {
            -1
        },
        stderr,
        stderr_len,
        max_rss_mib: (usage.ru_maxrss as u64) >> 10,
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

/// Runs an import that must be refused: exit code 1 within `limit` and [`MAX_RSS_MIB`], a
/// short stderr holding each of `needles`, and the database exactly as it was.
#[track_caller]
pub fn refused<I, S>(env: &Env, args: I, limit: Duration, needles: &[&str]) -> Bounded
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let before = db_state(env);
    let run = run(env, args, limit);
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
    assert!(
        run.max_rss_mib <= MAX_RSS_MIB,
        "{} MiB at its peak (bounded to {MAX_RSS_MIB} MiB)",
        run.max_rss_mib
    );
    assert_eq!(db_state(env), before, "the database changed");
    run
}
