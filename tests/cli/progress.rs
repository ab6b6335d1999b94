//! What an import says while it runs. The progress bar needs a terminal (its arithmetic and
//! what it draws are unit tests of src/cmd/import/progress.rs); the notice that an import is
//! waiting for another writer goes to stderr whatever it is, and is tested here.

use crate::harness::{Env, fixture};
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Kills the child when the test fails before waiting for it.
struct Reap(std::process::Child);

impl Drop for Reap {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn an_import_waiting_for_another_writer_says_so_once() {
    let env = Env::new();
    env.run([
        "import".as_ref(),
        fixture("expected/jinjiang-2024.csv").as_os_str(),
    ])
    .success();
    // Another writer holds the write lock.
    let other = rusqlite::Connection::open(env.db()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    let mut child = Reap(
        Command::new(assert_cmd::cargo::cargo_bin("gov-db"))
            .arg("--db")
            .arg(env.db())
            .arg("import")
            .arg(fixture("expected"))
            .env_remove("GOV_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let (tx, lines) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = tx.send(line.unwrap());
        }
    });
    let notice = format!(
        "waiting for {}: another gov-db is writing…",
        env.db().display()
    );
    let first = lines
        .recv_timeout(Duration::from_secs(15))
        .expect("no notice while the import waits for the write lock");
    assert_eq!(first, notice);
    // It waits on, without saying more, until the other writer is done.
    assert!(lines.recv_timeout(Duration::from_millis(500)).is_err());
    assert!(child.0.try_wait().unwrap().is_none(), "it did not wait");
    other.execute_batch("COMMIT").unwrap();
    drop(other);

    let status = child.0.wait().unwrap();
    let rest: Vec<String> = lines.iter().collect();
    assert!(status.success(), "{status:?}: {rest:?}");
    assert!(!rest.iter().any(|l| l.contains("waiting")), "{rest:?}");
    let count = env
        .run(["sql", "SELECT count(*) AS n FROM report", "--format", "csv"])
        .success()
        .stdout();
    assert_eq!(count, "n\n3\n");

    // Nothing is said when nobody holds the lock.
    let again = env.run(["import".as_ref(), fixture("expected").as_os_str()]);
    again.success();
    assert!(!again.stderr().contains("waiting"), "{}", again.stderr());
}
