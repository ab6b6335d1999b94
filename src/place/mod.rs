//! Agencies placed on the map by themselves: the region list (GB/T 2260 with townships,
//! the codes older editions had, and a table of exceptions) held in memory as an index of
//! names, and the inference of an agency's region, level and parent government from the name
//! it printed (`infer.rs`), with the report's own text where the name alone is ambiguous.
//!
//! Nothing here speaks SQL: the store builds the index from its tables once per import (or
//! per command) and writes what the inference found, with its evidence.

mod infer;
pub mod lists;
#[cfg(test)]
mod tests;

pub use infer::{Candidate, Kind, Parsed, Placement, infer, parse};

use std::collections::HashMap;
use std::sync::OnceLock;

/// A region's level in GB/T 2260 (the township's is the statistical code's 乡级).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Provincial,
    Prefecture,
    County,
    Township,
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "provincial" => Level::Provincial,
            "prefecture" => Level::Prefecture,
            "county" => Level::County,
            "township" => Level::Township,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Provincial => "provincial",
            Level::Prefecture => "prefecture",
            Level::County => "county",
            Level::Township => "township",
        }
    }
}

/// One region of the list.
#[derive(Clone, Debug)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub level: Level,
    /// The region it is part of, by its index.
    pub parent: Option<usize>,
}

/// How a name leads to a region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// The region's name in the list.
    Current,
    /// A name or code of an older edition; `certain` when the code that took over is known
    /// for sure (the same code, or the same name stem), not only the one code gained.
    Former {
        code: String,
        last_edition: i64,
        certain: bool,
    },
    /// A name of the table of exceptions, with the level an agency of it has.
    Exception { level: Level, note: String },
}

/// A region a name stands for, and how.
#[derive(Clone, Debug)]
pub struct Entry {
    pub region: usize,
    pub via: Via,
}

/// Names the list uses for a grouping rather than a place (北京 1101 市辖区, 重庆 5002 县, 省直辖
/// 县级行政区划): never matched, and skipped when a region's parents are named.
const PLACEHOLDERS: [&str; 4] = [
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// Endings a short form leaves out (泉州市 → 泉州, 福建省 → 福建), longest first.
const SUFFIXES: [&str; 18] = [
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "街道",
    "地区",
    "省",
    "市",
    "县",
    "区",
    "盟",
    "旗",
    "镇",
    "乡",
];

/// The region list as an index of names. Built once per import or command that needs it,
/// from 45k regions: sorted vectors of indices searched by halves, not maps of owned names,
/// so that building it costs a sort rather than 100k allocations.
pub struct Index {
    /// Sorted by code.
    regions: Vec<Region>,
    /// Regions (not placeholders) sorted by name.
    names: Vec<u32>,
    /// Regions with a short form, sorted by it, with the short form's length in bytes: made
    /// when a person's `--region` first needs it, never by an import.
    short: OnceLock<Vec<(u32, u16)>>,
    /// Names of older editions and of the exceptions (a few hundred), sorted by name.
    other: Vec<(String, Vec<Entry>)>,
    /// The longest name, in characters.
    longest: usize,
    /// Names of counties and above with one character masked, for a misread name (沐阳县).
    masked: OnceLock<HashMap<String, Vec<usize>>>,
}

/// A code as a prefix of the codes within it: 350500 → 3505, 350000 → 35; a township's
/// 9 digits stay as they are.
pub fn code_prefix(code: &str) -> &str {
    let mut p = code;
    if p.len() == 6 {
        while p.len() > 2 && p.ends_with("00") {
            p = &p[..p.len() - 2];
        }
    }
    p
}

/// The short form of a name (泉州市 → 泉州), if it has one of two characters or more.
pub fn short_form(name: &str) -> Option<&str> {
    SUFFIXES.iter().find_map(|s| {
        let stem = name.strip_suffix(s)?;
        (stem.chars().count() >= 2).then_some(stem)
    })
}

impl Index {
    /// Builds the index from the list, the former codes and the exceptions. A former code
    /// whose successor is not in the list, or an exception on a code not in it, is left out.
    pub fn new(
        mut list: Vec<lists::ListedRegion>,
        former: &[lists::Former],
        exceptions: &[lists::Exception],
    ) -> Index {
        list.sort_unstable_by(|a, b| a.code.cmp(&b.code));
        let find = |code: &str| list.binary_search_by(|r| r.code.as_str().cmp(code)).ok();
        let parents: Vec<Option<usize>> = list
            .iter()
            .map(|r| r.parent_code.as_deref().and_then(find))
            .collect();
        let regions: Vec<Region> = list
            .into_iter()
            .zip(parents)
            .map(|(r, parent)| Region {
                level: Level::parse(&r.level).unwrap_or(Level::County),
                code: r.code,
                name: r.name,
                parent,
            })
            .collect();
        let mut index = Index {
            names: Vec::new(),
            short: OnceLock::new(),
            other: Vec::new(),
            longest: 0,
            masked: OnceLock::new(),
            regions,
        };
        let regions = &index.regions;
        let mut names: Vec<u32> = (0..regions.len() as u32)
            .filter(|&i| !PLACEHOLDERS.contains(&regions[i as usize].name.as_str()))
            .collect();
        names.sort_unstable_by(|&a, &b| regions[a as usize].name.cmp(&regions[b as usize].name));
        let longest = names
            .iter()
            .map(|&i| regions[i as usize].name.chars().count())
            .max()
            .unwrap_or(0);
        index.names = names;
        let mut other: HashMap<String, Vec<Entry>> = HashMap::new();
        for f in former {
            let Some(region) = f.now_code.as_deref().and_then(|c| index.by_code(c)) else {
                continue;
            };
            // A name the list still has is that place (加格达奇区 is 232761 now, whatever
            // code it had before): an older edition's meaning of it is dropped.
            if PLACEHOLDERS.contains(&f.name.as_str()) || index.current(&f.name).next().is_some() {
                continue;
            }
            other.entry(f.name.clone()).or_default().push(Entry {
                region,
                via: Via::Former {
                    code: f.code.clone(),
                    last_edition: f.last_edition,
                    certain: f.how != "only new code",
                },
            });
        }
        for e in exceptions {
            let (Some(region), Some(level)) = (index.by_code(&e.code), Level::parse(&e.level))
            else {
                continue;
            };
            other.entry(e.name.clone()).or_default().push(Entry {
                region,
                via: Via::Exception {
                    level,
                    note: e.note.clone(),
                },
            });
        }
        index.longest = longest.max(other.keys().map(|n| n.chars().count()).max().unwrap_or(0));
        let mut other: Vec<(String, Vec<Entry>)> = other.into_iter().collect();
        other.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        index.other = other;
        index
    }

    /// The index of the bundled lists (for tests and for a database without its own).
    pub fn bundled() -> &'static Index {
        static INDEX: OnceLock<Index> = OnceLock::new();
        INDEX.get_or_init(|| Index::new(lists::regions(), &lists::former(), &lists::exceptions()))
    }

    pub fn region(&self, i: usize) -> &Region {
        &self.regions[i]
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.regions
            .binary_search_by(|r| r.code.as_str().cmp(code))
            .ok()
    }

    /// The regions of the list named `name` (not the older editions' or exceptions').
    fn current<'a>(&'a self, name: &'a str) -> impl Iterator<Item = usize> + 'a {
        let key = |&i: &u32| self.regions[i as usize].name.as_str();
        let start = self.names.partition_point(|i| key(i) < name);
        self.names[start..]
            .iter()
            .take_while(move |i| key(i) == name)
            .map(|&i| i as usize)
    }

    /// The regions a full name stands for, with how: the list's, else an older edition's,
    /// and the table of exceptions'.
    pub fn named(&self, name: &str) -> Vec<Entry> {
        let mut out: Vec<Entry> = self
            .current(name)
            .map(|region| Entry {
                region,
                via: Via::Current,
            })
            .collect();
        if let Ok(k) = self.other.binary_search_by(|(n, _)| n.as_str().cmp(name)) {
            out.extend(self.other[k].1.iter().cloned());
        }
        out
    }

    fn is_placeholder(&self, i: usize) -> bool {
        PLACEHOLDERS.contains(&self.regions[i].name.as_str())
    }

    /// The regions `i` is part of that have a name of their own, nearest first.
    pub fn ancestors(&self, i: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut at = self.regions[i].parent;
        while let Some(p) = at {
            if !self.is_placeholder(p) {
                out.push(p);
            }
            at = self.regions[p].parent;
        }
        out
    }

    /// Whether `i` is `within` or part of it.
    pub fn is_within(&self, i: usize, within: usize) -> bool {
        let mut at = Some(i);
        while let Some(r) = at {
            if r == within {
                return true;
            }
            at = self.regions[r].parent;
        }
        false
    }

    /// `福建省泉州市晋江市`: the region with the names of the regions it is part of.
    pub fn full_name(&self, i: usize) -> String {
        let mut parts: Vec<&str> = self
            .ancestors(i)
            .iter()
            .rev()
            .map(|&a| self.regions[a].name.as_str())
            .collect();
        parts.push(&self.regions[i].name);
        parts.concat()
    }

    /// The longest name of the index that `text` starts with: its length in bytes and entries.
    /// The names starting with the text read so far are narrowed a character at a time, so
    /// that a text no name starts with (人民政府, 公安局) is given up after a character or two.
    pub fn longest_at(&self, text: &str) -> Option<(usize, Vec<Entry>)> {
        let regions = &self.regions[..];
        let (mut names, mut other) = (&self.names[..], &self.other[..]);
        let mut best = None;
        for (n, (i, c)) in text.char_indices().enumerate().take(self.longest) {
            let prefix = &text[..i + c.len_utf8()];
            names = starting_with(names, prefix, |i| regions[*i as usize].name.as_str());
            other = starting_with(other, prefix, |(name, _)| name.as_str());
            if names.is_empty() && other.is_empty() {
                break;
            }
            let exact = names
                .first()
                .is_some_and(|&x| regions[x as usize].name == prefix)
                || other.first().is_some_and(|(name, _)| name == prefix);
            if n >= 1 && exact {
                best = Some(prefix.len());
            }
        }
        best.map(|e| (e, self.named(&text[..e])))
    }

    /// The regions a name given by a person stands for (`--region 泉州`): the regions of that
    /// full name, else of that short form (泉州 for 泉州市), else places one within the other
    /// (泉州市晋江市), keeping the highest level where one name is several levels' (吉林 is a
    /// province before it is a city).
    pub fn lookup(&self, given: &str) -> Vec<usize> {
        let g = given.trim();
        let mut found: Vec<usize> = self.named(g).iter().map(|e| e.region).collect();
        if found.is_empty() {
            let stem = |&(i, len): &(u32, u16)| &self.regions[i as usize].name[..usize::from(len)];
            let short = self.short.get_or_init(|| {
                let mut short: Vec<(u32, u16)> = self
                    .names
                    .iter()
                    .filter_map(|&i| {
                        let s = short_form(&self.regions[i as usize].name)?;
                        Some((i, s.len() as u16))
                    })
                    .collect();
                short.sort_unstable_by(|a, b| stem(a).cmp(stem(b)));
                short
            });
            let start = short.partition_point(|s| stem(s) < g);
            found = short[start..]
                .iter()
                .take_while(|s| stem(s) == g)
                .map(|&(i, _)| i as usize)
                .collect();
        }
        if found.is_empty() {
            let parsed = parse(self, g);
            if parsed.body.is_empty() {
                found = parsed.candidates.iter().map(|c| c.region).collect();
            }
        }
        found.sort_unstable();
        found.dedup();
        if let Some(top) = found.iter().map(|&i| self.regions[i].level).min() {
            found.retain(|&i| self.regions[i].level == top);
        }
        found
    }

    /// Counties and above whose name is one character away from `name` (same length).
    pub fn one_apart(&self, name: &str) -> Vec<usize> {
        let masked = self.masked.get_or_init(|| {
            let mut m: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, r) in self.regions.iter().enumerate() {
                if r.level == Level::Township || self.is_placeholder(i) {
                    continue;
                }
                for key in masks(&r.name) {
                    m.entry(key).or_default().push(i);
                }
            }
            m
        });
        let mut out: Vec<usize> = masks(name)
            .filter_map(|k| masked.get(&k))
            .flatten()
            .copied()
            .filter(|&i| self.regions[i].name != name)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The part of a slice sorted by `key` whose keys start with `prefix`: a run, since every
/// key starting with it sorts after it and before any greater key that does not.
fn starting_with<'a, T>(sorted: &'a [T], prefix: &str, key: impl Fn(&'a T) -> &'a str) -> &'a [T] {
    let first = |pred: &dyn Fn(&'a T) -> bool, from: usize| {
        // The first index at or after `from` where `pred` stops holding (it holds, then not).
        let (mut lo, mut hi) = (from, sorted.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(&sorted[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    };
    let start = first(&|x| key(x) < prefix, 0);
    let end = first(&|x| key(x).starts_with(prefix), start);
    &sorted[start..end]
}

/// A name with each character in turn replaced by NUL.
fn masks(name: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = name.chars().collect();
    (0..chars.len()).map(move |i| {
        let mut m = chars.clone();
        m[i] = '\0';
        m.into_iter().collect()
    })
}
