//! `gov-db agency suggest`: likely duplicate identities, found from names alone (a parent
//! region's name as a prefix, one character apart) and never merged here: a person decides.
//!
//! Names close in writing are often different agencies: 泗阳县 and 沭阳县 are two counties,
//! 农业局 and 林业局 two departments. So the places a name starts with are read against the
//! region list (`crate::place`): two names whose places are different regions, or whose
//! departments are of different kinds, are never proposed, and a one-character difference is
//! evidence only where one side names no real place (沐阳县, an OCR's 沭阳县).

use super::{AgencyInfo, Suggestion};
use crate::place::{self, Index, Parsed};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Whether two names can be one agency as far as their places and kinds tell: where both
/// name real places, they share a region and the same kind of agency.
fn compatible(index: &Index, a: &Parsed, b: &Parsed) -> bool {
    if a.candidates.is_empty() || b.candidates.is_empty() {
        return true;
    }
    let shared = a.candidates.iter().any(|x| {
        b.candidates.iter().any(|y| {
            x.region == y.region
                || index.is_within(x.region, y.region)
                || index.is_within(y.region, x.region)
        })
    });
    shared && a.kind_key() == b.kind_key()
}

/// Pairs of identities whose names differ by a leading prefix (a parent region's name), or by
/// one character, and whose region codes, places and kinds do not contradict each other.
pub fn suggest(agencies: &[AgencyInfo], index: &Index) -> Vec<Suggestion> {
    let parsed: Vec<Parsed> = agencies
        .iter()
        .map(|a| place::parse(index, &a.name))
        .collect();
    let by_name: HashMap<&str, usize> = agencies
        .iter()
        .enumerate()
        .map(|(i, a)| (a.name.as_str(), i))
        .collect();
    // Why a pair is offered, and whether it is by one character.
    let mut pairs: BTreeMap<(usize, usize), (String, bool)> = BTreeMap::new();
    let mut add = |a: usize, b: usize, why: String, one_char: bool| {
        pairs.entry((a.min(b), a.max(b))).or_insert((why, one_char));
    };
    // A prefix: the shorter name is a tail of the longer one.
    for (ai, a) in agencies.iter().enumerate() {
        for (i, _) in a.name.char_indices().skip(1) {
            let tail = &a.name[i..];
            if tail.chars().count() < 3 {
                break;
            }
            if let Some(&b) = by_name.get(tail) {
                add(
                    ai,
                    b,
                    crate::t!("suggest-prefix", prefix = format!("{:?}", &a.name[..i])),
                    false,
                );
            }
        }
    }
    // One character replaced, or one inserted.
    let mut masks: HashMap<String, Vec<usize>> = HashMap::new();
    for (ai, a) in agencies.iter().enumerate() {
        let chars: Vec<char> = a.name.chars().collect();
        for i in 0..chars.len() {
            let mut m = chars.clone();
            m[i] = '\u{0}';
            masks.entry(m.into_iter().collect()).or_default().push(ai);
            let mut d = chars.clone();
            d.remove(i);
            let d: String = d.into_iter().collect();
            if let Some(&b) = by_name.get(d.as_str()) {
                add(
                    ai,
                    b,
                    crate::t!("suggest-one-char", chars = format!("{:?}", chars[i])),
                    true,
                );
            }
        }
    }
    for group in masks.values() {
        for (x, &a) in group.iter().enumerate() {
            for &b in &group[x + 1..] {
                let ca: Vec<char> = agencies[a].name.chars().collect();
                let cb: Vec<char> = agencies[b].name.chars().collect();
                let i = (0..ca.len()).find(|&i| ca[i] != cb[i]).unwrap_or(0);
                add(
                    a,
                    b,
                    crate::t!("suggest-one-char", chars = format!("{} / {}", ca[i], cb[i])),
                    true,
                );
            }
        }
    }
    let mut out = Vec::new();
    for ((ai, bi), why) in pairs {
        if !compatible(index, &parsed[ai], &parsed[bi]) {
            continue;
        }
        let (a, b) = (&agencies[ai], &agencies[bi]);
        // Region codes that disagree (neither a prefix of the other) rule a pair out.
        if let (Some(ra), Some(rb)) = (&a.region_code, &b.region_code) {
            let (pa, pb) = (trim_code(ra), trim_code(rb));
            if !pa.starts_with(&pb) && !pb.starts_with(&pa) {
                continue;
            }
        }
        let one_char = why.1;
        let why = why.0;
        let mut evidence = vec![why];
        match (&a.region_code, &b.region_code) {
            (Some(ra), Some(rb)) if ra == rb => {
                evidence.push(crate::t!("suggest-same-region", region = ra.as_str()))
            }
            (Some(ra), Some(rb)) => evidence.push(crate::t!(
                "suggest-regions-nest",
                a = ra.as_str(),
                b = rb.as_str()
            )),
            _ => {}
        }
        let ya: HashSet<i64> = a.years.iter().copied().collect();
        let shared: Vec<String> = b
            .years
            .iter()
            .filter(|y| ya.contains(y))
            .map(i64::to_string)
            .collect();
        if shared.is_empty() {
            if !a.years.is_empty() && !b.years.is_empty() {
                evidence.push(crate::t!(
                    "suggest-no-overlap",
                    a = span(&a.years),
                    b = span(&b.years)
                ));
            }
        } else {
            evidence.push(crate::t!("suggest-both-report", years = shared.join(", ")));
        }
        // The canonical one: for a one-character difference, the name with a region of
        // GB/T 2260 in it (沭阳县, not the OCR's 沐阳县); else the name of the later reports
        // (the current name), else the longer (it names the parent).
        let known = |p: &Parsed| {
            p.candidates.first().map(|c| {
                (
                    p.places.chars().count(),
                    p.places.clone(),
                    index.region(c.region).code.clone(),
                )
            })
        };
        let (ka, kb) = if one_char {
            (known(&parsed[ai]), known(&parsed[bi]))
        } else {
            (None, None)
        };
        let a_first = match (&ka, &kb) {
            (Some(x), Some(y)) if x.0 != y.0 => x.0 > y.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            _ => {
                let (ya, yb) = (a.years.iter().max(), b.years.iter().max());
                if ya != yb {
                    ya > yb
                } else {
                    a.name.chars().count() >= b.name.chars().count()
                }
            }
        };
        let (canon, other, kc, ko) = if a_first {
            (a, b, ka, kb)
        } else {
            (b, a, kb, ka)
        };
        if let Some((_, rn, code)) = &kc
            && ko.as_ref().map(|k| &k.1) != Some(rn)
        {
            evidence.push(format!("{rn} is a region of GB/T 2260 ({code})"));
        }
        out.push(Suggestion {
            name: other.name.clone(),
            canonical: canon.name.clone(),
            evidence,
        });
    }
    out
}

fn trim_code(code: &str) -> String {
    let mut p = code.to_string();
    while p.len() > 2 && p.ends_with("00") {
        p.truncate(p.len() - 2);
    }
    p
}

fn span(years: &[i64]) -> String {
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(id: i64, name: &str, region: Option<&str>, years: &[i64]) -> AgencyInfo {
        AgencyInfo {
            id,
            name: name.into(),
            region_code: region.map(str::to_string),
            level: None,
            parent: None,
            aliases: vec![],
            years: years.to_vec(),
        }
    }

    #[test]
    fn suggests_prefix_and_one_character() {
        let agencies = vec![
            info(1, "洪泽区人民政府", None, &[2021]),
            info(2, "淮安市洪泽区人民政府", Some("320813"), &[2022, 2023]),
            info(3, "沐阳县发展和改革局", None, &[2022]),
            info(4, "沭阳县发展和改革局", None, &[2023]),
            info(5, "晋江市人民政府", Some("350582"), &[2024]),
            info(6, "泉州市晋江市人民政府", Some("320100"), &[2023]),
        ];
        let s = suggest(&agencies, Index::bundled());
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].name, "洪泽区人民政府");
        assert_eq!(s[0].canonical, "淮安市洪泽区人民政府");
        assert!(s[0].evidence[0].contains("淮安市"), "{s:?}");
        assert_eq!(s[1].name, "沐阳县发展和改革局");
        assert_eq!(s[1].canonical, "沭阳县发展和改革局");
        assert!(s[1].evidence.iter().any(|e| e.contains("321322")), "{s:?}");
    }

    #[test]
    fn two_counties_or_two_kinds_are_never_one_agency() {
        let agencies = vec![
            info(1, "泗阳县人民政府", None, &[2023]),
            info(2, "沭阳县人民政府", None, &[2024]),
            info(3, "晋江市农业局", None, &[2023]),
            info(4, "晋江市林业局", None, &[2024]),
            info(5, "晋江市公安局", None, &[2023]),
            info(6, "晋江市公安处", None, &[2024]),
        ];
        let s = suggest(&agencies, Index::bundled());
        assert!(s.is_empty(), "{s:?}");
    }

    /// Every county of the list as `X人民政府` and `X公安局`: counties one character apart
    /// (泗阳县, 沭阳县), or one named inside another's name (东区, 河东区), are never
    /// proposed as one agency.
    #[test]
    fn no_two_counties_of_the_list_are_proposed() {
        let index = Index::bundled();
        let mut names: Vec<String> = index
            .regions()
            .iter()
            .filter(|r| r.level == place::Level::County)
            .flat_map(|r| [format!("{}人民政府", r.name), format!("{}公安局", r.name)])
            .collect();
        names.sort();
        names.dedup();
        let agencies: Vec<AgencyInfo> = names
            .iter()
            .enumerate()
            .map(|(i, n)| info(i as i64, n, None, &[2024]))
            .collect();
        let s = suggest(&agencies, index);
        assert!(s.is_empty(), "{} proposed, first {:?}", s.len(), s.first());
    }
}
