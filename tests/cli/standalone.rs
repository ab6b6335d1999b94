//! The repository stands alone: a clone with nothing beside it builds and passes its tests, so
//! no tracked file may name a path outside it (the fixtures, the data contract and the examples'
//! files are copied in, with where they came from).

use crate::harness::repo;
use std::path::{Component, Path, PathBuf};

/// The files git tracks (or, outside a checkout, every file but the build's and git's own).
fn tracked_files(root: &Path) -> Vec<PathBuf> {
    let listed = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z"])
        .output();
    if let Ok(out) = listed
        && out.status.success()
        && !out.stdout.is_empty()
    {
        return out
            .stdout
            .split(|&b| b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
            .filter(|p| p.is_file())
            .collect();
    }
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "target" && name != ".git" {
                    stack.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files
}

/// `base` joined with `rel`, `..` taken lexically; None when it climbs above the filesystem root.
fn resolve(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in Path::new(rel).components() {
        match part {
            Component::ParentDir if !out.pop() => return None,
            Component::Normal(p) => out.push(p),
            _ => {}
        }
    }
    Some(out)
}

/// Every relative path of `text` that starts by climbing (`../x`, `../../y/z`).
fn climbing_paths(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let path_byte = |b: u8| b.is_ascii_alphanumeric() || b"._-/".contains(&b);
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = text[i..].find("../") {
        let start = i + at;
        // Only where a path starts: not the tail of `a/../b` or `...`.
        let starts_path = start == 0 || !path_byte(bytes[start - 1]);
        let mut end = start;
        while end < bytes.len() && path_byte(bytes[end]) {
            end += 1;
        }
        if starts_path {
            found.push(&text[start..end]);
        }
        i = end.max(start + 3);
    }
    found
}

/// A path climbs out of the repository when it does so from the file's own folder, or from the
/// repository root (where a command or test would run it) without naming a file next to the
/// file that holds it.
#[test]
fn no_tracked_file_refers_to_a_path_outside_the_repository() {
    let root = repo().canonicalize().unwrap();
    let mut outside = Vec::new();
    for file in tracked_files(&root) {
        let name = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // Lock files name no paths of ours; published pages kept byte for byte as evidence
        // (data/, tests/fixtures/) link to their own site's pages; this file's own examples.
        let published_page = (name.starts_with("data/") || name.starts_with("tests/fixtures/"))
            && (name.ends_with(".html") || name.ends_with(".htm"));
        if name.ends_with(".lock") || published_page || name == "tests/cli/standalone.rs" {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue; // not text: a PDF, a picture
        };
        let dir = file.parent().unwrap();
        for rel in climbing_paths(&text) {
            let inside = |p: Option<PathBuf>| p.is_some_and(|p| p.starts_with(&root));
            let from_file = resolve(dir, rel);
            let beside_file = from_file.as_ref().is_some_and(|p| p.exists());
            if !inside(from_file) || (!beside_file && !inside(resolve(&root, rel))) {
                outside.push(format!("{name}: {rel}"));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "tracked files refer to paths outside the repository (copy what they need in):\n{}",
        outside.join("\n")
    );
}

#[test]
fn climbing_paths_are_found_where_a_path_starts() {
    assert_eq!(
        climbing_paths("see `../elsewhere/spec/x.md` and a/../b, ... or ../../y)"),
        vec!["../elsewhere/spec/x.md", "../../y"]
    );
}
