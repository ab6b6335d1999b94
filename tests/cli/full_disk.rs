//! A full disk is "disk full" for every command, a read included: a WAL database is read
//! through its `-shm` file, which cannot grow on a full disk (SQLite says "disk I/O error"),
//! and a large sort spills to temporary files, which cannot be written there ("database or
//! disk is full", which gov-db said as if an import had failed). Where a small file system
//! can be mounted (root, Linux); skipped elsewhere, saying so.

use crate::harness::{Env, repo};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A tmpfs of `size` at `at`, unmounted when dropped; None where none can be mounted.
struct Small(PathBuf);

impl Small {
    fn mount(at: &Path, size: &str) -> Option<Small> {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| Small(at.to_path_buf()))
    }

    /// Writes zeros into a file until the file system is full.
    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.0.join("filler")).unwrap();
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
}

impl Drop for Small {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

const FULL: &str = "error: the disk is full (or the database reached its size limit): nothing was changed; free some space where the database is, or where SQLite keeps its temporary files (SQLITE_TMPDIR, TMPDIR, else /var/tmp or /tmp), and try again";

#[test]
fn a_read_on_a_full_disk_says_the_disk_is_full() {
    let env = Env::new();
    // Room for a new database, which holds the region list (about 2 MB), and the bundled data.
    let Some(disk) = Small::mount(&env.path("disk"), "8m") else {
        eprintln!("no tmpfs could be mounted here: skipped");
        return;
    };
    let db = disk.0.join("gov.db");
    env.run_on(&db, ["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    disk.fill();
    let run = env.run_on(&db, ["query", "resolution-rates"]);
    run.failure(3).stderr_has(FULL);
    assert!(!run.stderr().contains("I/O"), "{}", run.stderr());
}

#[test]
fn a_sort_that_spills_onto_a_full_disk_says_the_disk_is_full() {
    let env = Env::new();
    let db = env.db();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    let Some(tmp) = Small::mount(&env.path("tmp"), "64k") else {
        eprintln!("no tmpfs could be mounted here: skipped");
        return;
    };
    tmp.fill();
    let sort = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
                SELECT count(*) FROM (SELECT i, randomblob(200) AS r FROM n ORDER BY r)";
    let run = assert_cmd::Command::cargo_bin("gov-db")
        .unwrap()
        .arg("--db")
        .arg(&db)
        .args(["sql", sort])
        .env_remove("GOV_DB")
        .env("SQLITE_TMPDIR", &tmp.0)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(3), "{stderr}");
    assert_eq!(stderr.lines().next(), Some(FULL), "{stderr}");
    assert!(!stderr.contains("import"), "{stderr}");
}
