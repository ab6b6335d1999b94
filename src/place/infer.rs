//! Where an agency is, from the name it printed: the places its name starts with (淮安市洪泽区
//! of 淮安市洪泽区人民政府), each narrowing the one before, and what follows them (人民政府: the
//! government; 公安局: a department of it). A name that stays ambiguous (鼓楼区 is in four
//! cities) is settled by the report's own text only where the text names exactly one
//! candidate's city or province; otherwise it is left unplaced with its candidates, never
//! guessed.

use super::{Entry, Index, Level, Via};

/// What an agency is, as its name says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The government of its region (人民政府, 管委会, 街道办事处, or the zone's bare name).
    Government,
    /// A department of a government, or a central agency's office in a region.
    Department,
    /// An agency of the central government (公安部, 国家发展和改革委员会).
    Central,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Government => "government",
            Kind::Department => "department",
            Kind::Central => "central",
        }
    }
}

/// What follows the places in a government's name.
const GOVERNMENT: [&str; 10] = [
    "",
    "人民政府",
    "政府",
    "管委会",
    "管理委员会",
    "人民政府办事处",
    "街道办事处",
    "办事处",
    "行政公署",
    "行署",
];

/// How central agencies' names start, and end where they name no place (公安部).
const CENTRAL_START: [&str; 6] = [
    "国务院",
    "国家",
    "中华人民共和国",
    "中央",
    "中国人民银行",
    "海关总署",
];
const CENTRAL_END: [&str; 3] = ["部", "总局", "总署"];

/// At most this many candidates of an ambiguous name are kept with it.
const CANDIDATES_KEPT: usize = 12;

/// A region a name may stand for.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub region: usize,
    /// The region's level, or the exception's (平潭综合实验区: county).
    pub level: Level,
    pub via: Via,
}

/// What a name says by itself.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// The regions the last place named may be, narrowed by the places before it.
    pub candidates: Vec<Candidate>,
    /// The places as printed (淮安市洪泽区).
    pub places: String,
    /// The rest: the kind of agency (公安局), empty for a government.
    pub body: String,
    pub kind: Option<Kind>,
    /// A central agency's office in a region (国家税务总局晋江市税务局): no local parent.
    pub vertical: bool,
}

impl Parsed {
    /// The department kind a name says, the same for every form of a government's name.
    pub fn kind_key(&self) -> &str {
        let b = self.body.as_str();
        if GOVERNMENT.contains(&b) {
            return "";
        }
        b.strip_prefix("人民政府")
            .or_else(|| b.strip_prefix("政府"))
            .unwrap_or(b)
    }
}

/// Where an agency is placed, with how and why.
#[derive(Clone, Debug, Default)]
pub struct Placement {
    /// The region's code (9 digits for a township), None when unplaced or central.
    pub code: Option<String>,
    pub level: Option<&'static str>,
    pub kind: Option<Kind>,
    /// For a department: the region whose government it belongs to.
    pub parent_code: Option<String>,
    /// `name`, `name and text`, `exception`, `former name`, `central`, or, unplaced,
    /// `ambiguous` or `no region`.
    pub method: &'static str,
    /// When unplaced: the regions it may be, as `350102 福建省福州市鼓楼区`.
    pub candidates: Vec<String>,
    pub evidence: Vec<String>,
}

impl Placement {
    pub fn is_placed(&self) -> bool {
        self.code.is_some() || self.kind == Some(Kind::Central)
    }
}

fn candidates(entries: &[Entry], index: &Index) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for e in entries {
        if out.iter().any(|c| c.region == e.region) {
            continue;
        }
        let level = match &e.via {
            Via::Exception { level, .. } => *level,
            _ => index.region(e.region).level,
        };
        out.push(Candidate {
            region: e.region,
            level,
            via: e.via.clone(),
        });
    }
    // A name that is a region's and a place's within it (金门县 and its township 金门县) is
    // the region.
    let all: Vec<usize> = out.iter().map(|c| c.region).collect();
    out.retain(|c| {
        !all.iter()
            .any(|&o| o != c.region && index.is_within(c.region, o))
    });
    out
}

/// Reads the places a name starts with and what follows them.
pub fn parse(index: &Index, name: &str) -> Parsed {
    let name = name.trim();
    let mut pos = 0;
    let mut cands: Vec<Candidate> = Vec::new();
    while let Some((len, entries)) = index.longest_at(&name[pos..]) {
        let next = candidates(&entries, index);
        if cands.is_empty() {
            cands = next;
        } else {
            // A place within one named before narrows it (南京市鼓楼区); one that is not ends
            // the places (the rest is the agency's kind).
            let within: Vec<Candidate> = next
                .into_iter()
                .filter(|c| {
                    cands
                        .iter()
                        .any(|p| p.region != c.region && index.is_within(c.region, p.region))
                })
                .collect();
            if within.is_empty() {
                break;
            }
            cands = within;
        }
        pos += len;
    }
    if !cands.is_empty() {
        let body = name[pos..].trim_matches(|c: char| c.is_whitespace() || "（）()".contains(c));
        let kind = if GOVERNMENT.contains(&body) {
            Kind::Government
        } else {
            Kind::Department
        };
        return Parsed {
            candidates: cands,
            places: name[..pos].to_string(),
            body: body.to_string(),
            kind: Some(kind),
            vertical: false,
        };
    }
    let central = CENTRAL_START.iter().any(|s| name.starts_with(s));
    if central {
        // A central agency's office in a region names the region after the agency.
        for (i, _) in name.char_indices().skip(2) {
            if let Some((len, entries)) = index.longest_at(&name[i..]) {
                let cands: Vec<Candidate> = candidates(&entries, index)
                    .into_iter()
                    .filter(|c| c.level != Level::Township)
                    .collect();
                if !cands.is_empty() {
                    return Parsed {
                        candidates: cands,
                        places: name[i..i + len].to_string(),
                        body: format!("{}{}", &name[..i], &name[i + len..]),
                        kind: Some(Kind::Department),
                        vertical: true,
                    };
                }
            }
        }
    }
    let central = central || CENTRAL_END.iter().any(|s| name.ends_with(s));
    Parsed {
        candidates: Vec::new(),
        places: String::new(),
        body: name.to_string(),
        kind: central.then_some(Kind::Central),
        vertical: false,
    }
}

fn describe(index: &Index, region: usize) -> String {
    format!("{} {}", index.region(region).code, index.full_name(region))
}

/// Places an agency by the name it printed and, where the name is ambiguous, the text of its
/// report.
pub fn infer(index: &Index, name: &str, text: Option<&str>) -> Placement {
    let parsed = parse(index, name);
    let mut evidence = Vec::new();
    match (parsed.candidates.len(), parsed.kind) {
        (0, Some(Kind::Central)) => Placement {
            level: Some("central"),
            kind: Some(Kind::Central),
            method: "central",
            evidence: vec![format!(
                "{name} names no region and reads as a central agency's name"
            )],
            ..Placement::default()
        },
        (0, _) => {
            evidence.push(format!("{name} starts with no region's name"));
            let near = misread(index, name);
            if let Some((printed, regions)) = &near {
                let names: Vec<String> = regions.iter().map(|&r| describe(index, r)).collect();
                evidence.push(format!(
                    "{printed} is in no region list; one character apart: {}",
                    names.join(", ")
                ));
            }
            Placement {
                method: "no region",
                candidates: near
                    .map(|(_, r)| r.iter().map(|&i| describe(index, i)).collect())
                    .unwrap_or_default(),
                evidence,
                ..Placement::default()
            }
        }
        (1, _) => {
            let c = &parsed.candidates[0];
            if let Via::Former { certain: false, .. } = c.via {
                evidence.push(note(index, &parsed, c));
                evidence.push("the older list does not say for sure which code took over".into());
                return Placement {
                    method: "ambiguous",
                    candidates: vec![describe(index, c.region)],
                    evidence,
                    ..Placement::default()
                };
            }
            evidence.push(note(index, &parsed, c));
            placed(index, &parsed, c, method_of(c, "name"), evidence)
        }
        (_, _) => {
            let all: Vec<String> = parsed
                .candidates
                .iter()
                .map(|c| describe(index, c.region))
                .collect();
            evidence.push(format!(
                "{} is the name of {} regions",
                parsed.places,
                all.len()
            ));
            let (left, found) = match text {
                Some(t) => by_text(index, &parsed.candidates, t),
                None => ((0..parsed.candidates.len()).collect(), Vec::new()),
            };
            if text.is_none() {
                evidence
                    .push("no report text to tell them apart (a CSV gives the name only)".into());
            } else if found.is_empty() {
                evidence.push("the report's text names none of their cities or provinces".into());
            }
            evidence.extend(found);
            let certain = |c: &Candidate| !matches!(c.via, Via::Former { certain: false, .. });
            if let [one] = left.as_slice()
                && certain(&parsed.candidates[*one])
            {
                let c = &parsed.candidates[*one];
                return placed(index, &parsed, c, method_of(c, "name and text"), evidence);
            }
            let mut left: Vec<String> = left
                .iter()
                .map(|&i| describe(index, parsed.candidates[i].region))
                .collect();
            if left.is_empty() {
                left = all;
            }
            // 城关镇 is the name of hundreds: a person needs the first few and the count.
            if left.len() > CANDIDATES_KEPT {
                evidence.push(format!(
                    "{} candidates in all; the first {CANDIDATES_KEPT} are listed",
                    left.len()
                ));
                left.truncate(CANDIDATES_KEPT);
            }
            Placement {
                method: "ambiguous",
                candidates: left,
                evidence,
                ..Placement::default()
            }
        }
    }
}

fn method_of(c: &Candidate, plain: &'static str) -> &'static str {
    match c.via {
        Via::Current => plain,
        Via::Former { .. } => "former name",
        Via::Exception { .. } => "exception",
    }
}

/// What the name said, in words: `淮安市洪泽区 is 320813 江苏省淮安市洪泽区`.
fn note(index: &Index, parsed: &Parsed, c: &Candidate) -> String {
    let r = index.region(c.region);
    match &c.via {
        Via::Current => format!("{} is {}", parsed.places, describe(index, c.region)),
        Via::Former {
            code, last_edition, ..
        } => format!(
            "{} was {code} until the {last_edition} edition of the list; now {}",
            parsed.places,
            describe(index, c.region)
        ),
        Via::Exception { note, .. } => format!(
            "{} is on {} {} by the table of exceptions: {note}",
            parsed.places, r.code, r.name
        ),
    }
}

fn placed(
    index: &Index,
    parsed: &Parsed,
    c: &Candidate,
    method: &'static str,
    mut evidence: Vec<String>,
) -> Placement {
    let code = index.region(c.region).code.clone();
    let kind = parsed.kind.unwrap_or(Kind::Department);
    let parent_code = (kind == Kind::Department && !parsed.vertical).then(|| code.clone());
    match (kind, parsed.vertical) {
        (Kind::Government, _) if parsed.body.is_empty() => {
            evidence.push("the name is the place's own: its government".into());
        }
        (Kind::Government, _) => {
            evidence.push(format!("{} after the place: its government", parsed.body));
        }
        (_, false) => evidence.push(format!(
            "{} after the place: a department of its government",
            parsed.body
        )),
        (_, true) => evidence.push(format!(
            "{}: a central agency's office there, not a department of its government",
            parsed.body
        )),
    }
    Placement {
        code: Some(code),
        level: Some(c.level.as_str()),
        kind: Some(kind),
        parent_code,
        method,
        candidates: Vec::new(),
        evidence,
    }
}

/// The candidates the text names a place of, nearest place first: the candidate written
/// after its city or province (泉州市晋江市), then its city, then its province (福建省, 福建,
/// 《福建省政府信息公开办法》). The first tier that names any candidate decides: one named
/// settles it, several are what is left. Returns the candidates left (indices) and evidence.
fn by_text(index: &Index, cands: &[Candidate], text: &str) -> (Vec<usize>, Vec<String>) {
    let terms = |c: &Candidate, tier: usize| -> Vec<String> {
        let ancestors = index.ancestors(c.region);
        let own = &index.region(c.region).name;
        if tier == 0 {
            return ancestors
                .iter()
                .take(2)
                .map(|&a| format!("{}{own}", index.region(a).name))
                .collect();
        }
        let Some(&a) = ancestors.get(tier - 1) else {
            return Vec::new();
        };
        let r = index.region(a);
        let mut t = vec![r.name.clone()];
        if r.level == Level::Provincial
            && let Some(s) = super::short_form(&r.name)
        {
            t.push(s.to_string());
        }
        t
    };
    for tier in 0..=3 {
        let mut hits = Vec::new();
        let mut evidence = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            if let Some((term, at)) = terms(c, tier)
                .into_iter()
                .find_map(|t| text.find(&t).map(|at| (t, at)))
            {
                hits.push(i);
                evidence.push(format!(
                    "the report's text has {term} (\"{}\"): {}",
                    snippet(text, at, term.len()),
                    describe(index, c.region)
                ));
            }
        }
        if !hits.is_empty() {
            return (hits, evidence);
        }
    }
    ((0..cands.len()).collect(), Vec::new())
}

/// The text around a match, on one line.
fn snippet(text: &str, at: usize, len: usize) -> String {
    let before: String = {
        let mut v: Vec<char> = text[..at].chars().rev().take(12).collect();
        v.reverse();
        v.into_iter().collect()
    };
    let after: String = text[at + len..].chars().take(12).collect();
    format!("…{before}{}{after}…", &text[at..at + len])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// At most this many regions one character from a misread place are offered.
const MISREAD_SHOWN: usize = 3;

/// A misread place (沐阳县 for 沭阳县): the name's start up to a place's ending, and the
/// counties and cities one character from it. Evidence only: never a placement.
fn misread(index: &Index, name: &str) -> Option<(String, Vec<usize>)> {
    name.char_indices()
        .take(8)
        .enumerate()
        .filter(|&(n, (_, c))| n >= 2 && "县区市省旗州盟".contains(c))
        .find_map(|(_, (i, c))| {
            let printed = &name[..i + c.len_utf8()];
            let near = index.one_apart(printed);
            // Many regions one character away (X阳县) say nothing about which was meant.
            (!near.is_empty() && near.len() <= MISREAD_SHOWN).then(|| (printed.to_string(), near))
        })
}
