//! The reader's shape, kept: among the reader's files, no file uses one that uses it, however
//! indirectly. Shared vocabulary lives in a lower module (`vocab.rs`, `index.rs`) rather
//! than in the file that uses the most of it. Test modules are left out (they use anything).

use std::collections::{BTreeMap, BTreeSet};

/// The reader's modules each file names as `super::NAME` outside its tests.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/read/report");
    let mut files = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            files.insert(
                name,
                std::fs::read_to_string(path.join("mod.rs")).unwrap_or_default(),
            );
        } else if path.extension().is_some_and(|x| x == "rs") {
            files.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(name, text)| {
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            let mut used = BTreeSet::new();
            // `super::NAME…` and `use super::{NAME, …}`.
            for (i, _) in code.match_indices("super::") {
                let rest = &code[i + "super::".len()..];
                let names = match rest.strip_prefix('{') {
                    Some(list) => &list[..list.find('}').unwrap_or(0)],
                    None => rest,
                };
                for word in names.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                    if modules.contains(word) && word != name {
                        used.insert(word.to_string());
                    }
                    if names.len() == rest.len() {
                        break;
                    }
                }
            }
            (name.clone(), used)
        })
        .collect()
}

#[test]
fn no_file_of_the_reader_uses_one_that_uses_it() {
    let uses = uses();
    assert!(uses["table"].contains("vocab") && uses["sections"].contains("index"));
    // Depth first from each file: reaching it again is a cycle.
    for start in uses.keys() {
        let mut stack: Vec<Vec<&str>> = vec![vec![start.as_str()]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = *path.last().unwrap();
            for next in &uses[last] {
                let mut longer = path.clone();
                longer.push(next);
                assert!(next != start, "a cycle: {}", longer.join(" → "));
                if seen.insert(next.as_str()) {
                    stack.push(longer);
                }
            }
        }
    }
}
