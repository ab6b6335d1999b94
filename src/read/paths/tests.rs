//! The directory search on loops of links, duplicates, notes, FIFOs and paths that cannot be
//! read. Each search runs on a thread of its own with a time limit: a loop used to be walked
//! forever.

use super::*;
use proptest::prelude::*;
use std::os::unix::fs::symlink;
use std::time::Duration;

/// `expand` on another thread; panics past a few seconds.
fn expand_within(paths: Vec<PathBuf>) -> Vec<Input> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(expand(&paths));
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the search ends within 10 s")
}

/// The files found, relative to `root`, and the paths found unreadable.
fn found(root: &Path, inputs: &[Input]) -> (Vec<String>, Vec<String>) {
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).display().to_string();
    let mut files = Vec::new();
    let mut bad = Vec::new();
    for i in inputs {
        match i {
            Input::File(p) | Input::Image(p) => files.push(rel(p)),
            Input::Unreadable { path, .. } => bad.push(rel(path)),
        }
    }
    (files, bad)
}

fn touch(path: &Path) {
    std::fs::write(path, "agency,year,section,row,column,value\n").unwrap();
}

#[test]
fn links_to_the_directory_itself_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    touch(&root.join("a.csv"));
    symlink(".", root.join("x")).unwrap();
    symlink(".", root.join("y")).unwrap();
    let inputs = expand_within(vec![root.to_path_buf()]);
    assert_eq!(found(root, &inputs), (vec!["a.csv".into()], vec![]));
}

#[test]
fn a_link_to_the_parent_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    touch(&root.join("r.csv"));
    std::fs::create_dir(root.join("a")).unwrap();
    touch(&root.join("a/s.csv"));
    symlink("..", root.join("a/up")).unwrap();
    // Read once each (it was 41 times, until the links were too many to follow).
    let inputs = expand_within(vec![root.to_path_buf()]);
    assert_eq!(
        found(root, &inputs),
        (vec!["a/s.csv".into(), "r.csv".into()], vec![])
    );
    // Entered from below, the same.
    let inputs = expand_within(vec![root.join("a")]);
    assert_eq!(found(root, &inputs).0, vec!["a/s.csv", "a/up/r.csv"]);
}

#[test]
fn a_file_given_twice_or_linked_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    touch(&root.join("b.csv"));
    symlink(root.join("b.csv"), root.join("a.csv")).unwrap();
    let inputs = expand_within(vec![
        root.to_path_buf(),
        root.join("b.csv"),
        root.join("b.csv"),
    ]);
    assert_eq!(found(root, &inputs).0, vec!["a.csv"]);
}

#[test]
fn notes_are_left_out_of_a_directory_but_read_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in [
        "README",
        "README.md",
        "readme.txt",
        "LICENSE.txt",
        "CHANGELOG.md",
        "NOTICE",
        ".hidden.csv",
        "README_data.csv",
        "readme-2024.txt",
        "notes.ppt",
        "r.csv",
    ] {
        touch(&root.join(name));
    }
    let inputs = expand_within(vec![root.to_path_buf()]);
    assert_eq!(
        found(root, &inputs).0,
        vec!["README_data.csv", "r.csv", "readme-2024.txt"]
    );
    let inputs = expand_within(vec![root.join("README.md"), root.join("notes.ppt")]);
    assert_eq!(found(root, &inputs).0, vec!["README.md", "notes.ppt"]);
}

#[test]
fn a_fifo_is_read_when_named_and_left_out_of_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("pipe.csv"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("no mkfifo here: skipped");
        return;
    }
    touch(&root.join("r.csv"));
    let inputs = expand_within(vec![root.to_path_buf()]);
    assert_eq!(found(root, &inputs).0, vec!["r.csv"]);
    let inputs = expand_within(vec![root.join("pipe.csv")]);
    assert_eq!(found(root, &inputs).0, vec!["pipe.csv"]);
}

#[test]
fn what_cannot_be_read_is_listed_and_the_rest_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    touch(&root.join("r.csv"));
    symlink(root.join("gone.csv"), root.join("dangling.csv")).unwrap();
    symlink(root.join("gone"), root.join("dangling-note")).unwrap();
    let inputs = expand_within(vec![root.join("missing.csv"), root.to_path_buf()]);
    assert_eq!(
        found(root, &inputs),
        (
            vec!["r.csv".into()],
            vec!["missing.csv".into(), "dangling.csv".into()]
        )
    );
    let Input::Unreadable { error, .. } = &inputs[0] else {
        panic!("{inputs:?}");
    };
    assert!(error.to_string().starts_with("cannot read: "), "{error}");
}

#[test]
fn a_directory_that_cannot_be_listed_is_listed_as_unreadable() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    touch(&root.join("r.csv"));
    let locked = root.join("locked");
    std::fs::create_dir(&locked).unwrap();
    touch(&locked.join("s.csv"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable_anyway = std::fs::read_dir(&locked).is_ok();
    let inputs = expand_within(vec![root.to_path_buf()]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if readable_anyway {
        // Root reads it all the same; tests/cli/hostile.rs runs this case as another user.
        eprintln!("permissions do not bind this user: skipped");
        return;
    }
    assert_eq!(
        found(root, &inputs),
        (vec!["r.csv".into()], vec!["locked".into()])
    );
    let Input::Unreadable { error, .. } = &inputs[0] else {
        panic!("{inputs:?}");
    };
    assert!(
        error.to_string().contains("cannot list the directory"),
        "{error}"
    );
}

/// A small tree: directory `i > 0` lies in directory `parent[i] < i`; `files[i]` regular
/// files in each; and links, each in a directory, to a directory or a file anywhere in the
/// tree (ancestors, siblings, itself), named to be read or not.
#[derive(Clone, Debug)]
struct Tree {
    parent: Vec<usize>,
    files: Vec<u8>,
    links: Vec<(usize, usize, bool, bool)>,
}

fn tree() -> impl Strategy<Value = Tree> {
    (1usize..7)
        .prop_flat_map(|n| {
            let parents: Vec<BoxedStrategy<usize>> =
                (0..n).map(|i| (0..i.max(1)).boxed()).collect();
            (
                parents,
                prop::collection::vec(0u8..3, n),
                prop::collection::vec((0..n, 0..n, any::<bool>(), any::<bool>()), 0..10),
            )
        })
        .prop_map(|(parent, files, links)| Tree {
            parent,
            files,
            links,
        })
}

impl Tree {
    fn dir(&self, root: &Path, i: usize) -> PathBuf {
        if i == 0 {
            return root.to_path_buf();
        }
        self.dir(root, self.parent[i]).join(format!("d{i}"))
    }

    /// Makes the tree; returns its regular files.
    fn make(&self, root: &Path) -> Vec<PathBuf> {
        let mut regular = Vec::new();
        for i in 0..self.parent.len() {
            let d = self.dir(root, i);
            std::fs::create_dir_all(&d).unwrap();
            for f in 0..self.files[i] {
                let p = d.join(format!("f{f}.csv"));
                touch(&p);
                regular.push(p);
            }
        }
        for (k, &(from, to, to_file, relative)) in self.links.iter().enumerate() {
            let at = self.dir(root, from);
            let target = if to_file && self.files[to] > 0 {
                self.dir(root, to).join("f0.csv")
            } else {
                self.dir(root, to)
            };
            let link = at.join(format!("l{k}.csv"));
            let target = if relative {
                relative_to(&target, &at)
            } else {
                target
            };
            symlink(target, link).unwrap();
        }
        regular
    }
}

/// `target` as a path relative to the directory `from` (both under one root).
fn relative_to(target: &Path, from: &Path) -> PathBuf {
    let t: Vec<_> = target.components().collect();
    let f: Vec<_> = from.components().collect();
    let common = t.iter().zip(&f).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..f.len() {
        out.push("..");
    }
    for c in &t[common..] {
        out.push(c);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever links there are, the search ends and finds each regular file exactly once.
    #[test]
    fn any_tree_of_links_is_searched_once(t in tree()) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        let regular = t.make(&root);
        let inputs = expand_within(vec![root.clone()]);
        let mut got: Vec<PathBuf> = inputs
            .iter()
            .map(|i| match i {
                Input::File(p) | Input::Image(p) => std::fs::canonicalize(p).unwrap(),
                Input::Unreadable { path, error } => panic!("{}: {error}", path.display()),
            })
            .collect();
        got.sort();
        let mut want: Vec<PathBuf> = regular.iter().map(|p| std::fs::canonicalize(p).unwrap()).collect();
        want.sort();
        prop_assert_eq!(got, want);
    }
}
