//! What the section, row, column and value fields of a canonical CSV line mean: the
//! contract's codes (or the labels printed in reports) to ids, and the value's text to a
//! count, an amount or a blank; a byte-level fast path for the common case.

use crate::contract::{self, Kind, Section};
use crate::model::Value;
use crate::read::quote;
use std::collections::HashMap;

/// The common values without decoding: empty, a count of at most 18 digits, a signed count, a
/// plain decimal amount. Anything else (spaces, signs, full-width digits, errors) is None and
/// goes through [`parse_value`].
pub(super) fn fast_value(bytes: &[u8], kind: Kind) -> Option<Value> {
    if bytes.is_empty() {
        return Some(Value::Blank);
    }
    match kind {
        Kind::Count | Kind::Signed => {
            let (negative, digits) = match bytes {
                [b'-', rest @ ..] if kind == Kind::Signed => (true, rest),
                _ => (false, bytes),
            };
            // 12 digits at most: within contract::MAX_VALUE, so no check is needed here.
            if digits.is_empty() || digits.len() > 12 {
                return None;
            }
            let mut v: i64 = 0;
            for &b in digits {
                if !b.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + i64::from(b - b'0');
            }
            Some(Value::Int(if negative { -v } else { v }))
        }
        Kind::Money => {
            let valid = bytes[0].is_ascii_digit()
                && *bytes.last()? != b'.'
                && bytes.iter().all(|b| b.is_ascii_digit() || *b == b'.')
                && bytes.iter().filter(|b| **b == b'.').count() <= 1;
            // ASCII digits and one dot: valid UTF-8.
            let v = Value::Money(String::from_utf8_lossy(bytes).into_owned());
            (valid && v.beyond_ceiling().is_none()).then_some(v)
        }
    }
}

/// Parses a value as the contract writes it: empty is blank; counts are whole numbers.
pub fn parse_value(text: &str, kind: Kind) -> Result<Value, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Value::Blank);
    }
    let folded: String;
    let t = if t.bytes().all(|b| b.is_ascii()) {
        t
    } else {
        folded = contract::normalize_label(t);
        folded.as_str()
    };
    match kind {
        Kind::Money => {
            let valid = t.split_once('.').map_or(
                !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()),
                |(a, b)| {
                    !a.is_empty()
                        && !b.is_empty()
                        && a.bytes().all(|x| x.is_ascii_digit())
                        && b.bytes().all(|x| x.is_ascii_digit())
                },
            );
            if valid {
                let v = Value::Money(t.to_string());
                match v.beyond_ceiling() {
                    Some(why) => Err(why),
                    None => Ok(v),
                }
            } else {
                Err(crate::t!("csv-not-an-amount", text = quote(text)))
            }
        }
        Kind::Count | Kind::Signed => match t.parse::<i64>() {
            Ok(v) if let Some(why) = Value::Int(v).beyond_ceiling() => Err(why),
            Ok(v) if v >= 0 || kind == Kind::Signed => Ok(Value::Int(v)),
            Ok(v) => Err(crate::t!("csv-negative", value = v.to_string())),
            Err(e)
                if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) =>
            {
                Err(crate::model::too_large(quote(t)))
            }
            Err(_) => Err(crate::t!("csv-not-a-whole-number", text = quote(text))),
        },
    }
}

/// Lookups from the text of a line to ids, with the label-matching slow path cached.
pub(super) struct Codes {
    rows: HashMap<(Section, String), Option<u8>>,
    cols: HashMap<(Section, String), Option<u8>>,
    /// Per section (by id − 1): the contract's row codes and column codes with their ids
    /// (and column kinds), for the byte-level fast path.
    fast_rows: [Vec<(&'static [u8], u8)>; 3],
    fast_cols: [Vec<(&'static [u8], u8, Kind)>; 3],
    /// The last row matched by the fast path: consecutive lines mostly share it.
    last_row: (usize, Vec<u8>, u8),
}

impl Codes {
    pub(super) fn new() -> Codes {
        let mut fast_rows: [Vec<(&'static [u8], u8)>; 3] = Default::default();
        let mut fast_cols: [Vec<(&'static [u8], u8, Kind)>; 3] = Default::default();
        for r in contract::ROWS {
            fast_rows[usize::from(r.section.id() - 1)].push((r.code.as_bytes(), r.id));
        }
        for c in contract::COLS {
            fast_cols[usize::from(c.section.id() - 1)].push((c.code.as_bytes(), c.id, c.kind));
        }
        Codes {
            rows: HashMap::new(),
            cols: HashMap::new(),
            fast_rows,
            fast_cols,
            last_row: (usize::MAX, Vec::new(), 0),
        }
    }

    /// Row id, column id and column kind of a line given exactly in the contract's codes.
    pub(super) fn fast_cell(
        &mut self,
        section: &[u8],
        row: &[u8],
        col: &[u8],
    ) -> Option<(u8, u8, Kind)> {
        let s = match section {
            b"requests" => 1,
            b"appeals" => 2,
            b"proactive" => 0,
            _ => return None,
        };
        let r = if self.last_row.0 == s && self.last_row.1 == row {
            self.last_row.2
        } else {
            let (_, id) = *self.fast_rows[s].iter().find(|(code, _)| *code == row)?;
            self.last_row.0 = s;
            self.last_row.1.clear();
            self.last_row.1.extend_from_slice(row);
            self.last_row.2 = id;
            id
        };
        let (_, c, kind) = *self.fast_cols[s].iter().find(|(code, ..)| *code == col)?;
        Some((r, c, kind))
    }

    pub(super) fn section(&self, text: &str) -> Option<Section> {
        match text {
            "requests" => Some(Section::Requests),
            "appeals" => Some(Section::Appeals),
            "proactive" => Some(Section::Proactive),
            other => Section::parse(other),
        }
    }

    pub(super) fn row(&mut self, section: Section, text: &str) -> Option<u8> {
        if let Some(found) = self.rows.get(&(section, text.to_string())) {
            return *found;
        }
        let found = contract::row_by_name(section, text).map(|r| r.id);
        self.rows.insert((section, text.to_string()), found);
        found
    }

    pub(super) fn col(&mut self, section: Section, text: &str) -> Option<u8> {
        if let Some(found) = self.cols.get(&(section, text.to_string())) {
            return *found;
        }
        let found = contract::col_by_name(section, text).map(|c| c.id);
        self.cols.insert((section, text.to_string()), found);
        found
    }
}
