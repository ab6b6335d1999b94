//! The compact encoding of a superseded reading, one blob per version in `report_version`.
//!
//! Five versions of every report must not multiply the database: a row per cell would cost
//! what `fact` costs again for every version. The set of cells a reading states is already
//! stored once per distinct set (`shape`), so the blob holds only what varies: the values that
//! are not 0 (as `fact` does), in the shape's order, each after the count of zeros before it;
//! where each cell was read (`line N`, `table T row R cell C`: a tag and varints); the counts
//! the text quoted; and the corrections a person made. A typical reading takes a few hundred
//! bytes.

use crate::check::{Claim, ClaimKind};
use crate::model::{Cell, Value};

/// A reading's cells and what goes with them, as stored in a version's blob.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    /// Every stated cell, sorted by row and column, with the values current in that version
    /// (corrected ones included) and where each was read.
    pub cells: Vec<Cell>,
    /// The counts the report's text quoted (`narrative_claim`).
    pub claims: Vec<Claim>,
    /// The cells a person corrected, against the printed reading.
    pub corrections: Vec<Correction>,
}

/// A cell a person corrected: what was printed and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    pub row: u8,
    pub col: u8,
    /// The value printed; None when the report did not state the cell at all.
    pub printed: Option<Value>,
    pub reason: String,
    /// The version that made the correction.
    pub version: i64,
}

impl Reading {
    /// The cells as the report printed them: each corrected cell back to its printed value
    /// (or left out, where the report did not state it).
    pub fn printed_cells(&self) -> Vec<Cell> {
        printed_cells(&self.cells, &self.corrections)
    }
}

/// `cells` with each corrected cell back to what was printed.
pub fn printed_cells(cells: &[Cell], corrections: &[Correction]) -> Vec<Cell> {
    let mut out = Vec::with_capacity(cells.len());
    for c in cells {
        match corrections
            .iter()
            .find(|k| (k.row, k.col) == (c.row, c.col))
        {
            None => out.push(c.clone()),
            Some(k) => {
                if let Some(v) = &k.printed {
                    out.push(Cell {
                        value: v.clone(),
                        ..c.clone()
                    });
                }
            }
        }
    }
    out
}

/// The first byte of every blob: the encoding's version.
const FORMAT: u8 = 1;

/// The blob of a reading (cells sorted by row and column, as the shape lists them).
pub fn encode(reading: &Reading) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + reading.cells.len() * 2);
    out.push(FORMAT);
    varint(&mut out, reading.cells.len() as u64);
    let stated: Vec<(usize, &Cell)> = reading
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.value.is_zero())
        .collect();
    varint(&mut out, stated.len() as u64);
    let mut next = 0;
    for (i, c) in stated {
        varint(&mut out, (i - next) as u64);
        next = i + 1;
        value(&mut out, Some(&c.value));
    }
    if reading.cells.iter().any(|c| c.origin.is_some()) {
        out.push(1);
        for c in &reading.cells {
            origin(&mut out, c.origin.as_deref());
        }
    } else {
        out.push(0);
    }
    varint(&mut out, reading.claims.len() as u64);
    for c in &reading.claims {
        out.push(CLAIM_KINDS.iter().position(|k| *k == c.kind).unwrap_or(0) as u8);
        varint(&mut out, zigzag(c.value));
        text(&mut out, &c.keyword);
        text(&mut out, &c.sentence);
    }
    varint(&mut out, reading.corrections.len() as u64);
    for k in &reading.corrections {
        varint(&mut out, u64::from(k.row));
        varint(&mut out, u64::from(k.col));
        value(&mut out, k.printed.as_ref());
        text(&mut out, &k.reason);
        varint(&mut out, k.version as u64);
    }
    out
}

/// The reading of a blob, given its shape's cells (row and column ids, in order).
pub fn decode(blob: &[u8], shape: &[(u8, u8)]) -> Result<Reading, String> {
    let mut r = Bytes { blob, at: 0 };
    if r.byte()? != FORMAT {
        return Err("a version blob of an unknown format".into());
    }
    let n = r.varint()? as usize;
    if n != shape.len() {
        return Err(format!(
            "a version blob of {n} cells for a shape of {}",
            shape.len()
        ));
    }
    let mut cells: Vec<Cell> = shape
        .iter()
        .map(|&(row, col)| Cell {
            row,
            col,
            value: Value::Int(0),
            origin: None,
        })
        .collect();
    let stated = r.varint()?;
    let mut next = 0usize;
    for _ in 0..stated {
        let i = next + r.varint()? as usize;
        let v = r.value()?.ok_or("a version blob with a cell left out")?;
        cells
            .get_mut(i)
            .ok_or("a version blob past its shape")?
            .value = v;
        next = i + 1;
    }
    if r.byte()? == 1 {
        for c in &mut cells {
            c.origin = r.origin()?;
        }
    }
    let mut claims = Vec::new();
    for _ in 0..r.varint()? {
        let kind = *CLAIM_KINDS
            .get(usize::from(r.byte()?))
            .ok_or("a version blob with an unknown claim")?;
        let value = unzigzag(r.varint()?);
        claims.push(Claim {
            kind,
            value,
            keyword: r.text()?,
            sentence: r.text()?,
        });
    }
    let mut corrections = Vec::new();
    for _ in 0..r.varint()? {
        let row = r.varint()? as u8;
        let col = r.varint()? as u8;
        corrections.push(Correction {
            row,
            col,
            printed: r.value()?,
            reason: r.text()?,
            version: r.varint()? as i64,
        });
    }
    Ok(Reading {
        cells,
        claims,
        corrections,
    })
}

const CLAIM_KINDS: [ClaimKind; 6] = [
    ClaimKind::Received,
    ClaimKind::Processed,
    ClaimKind::CarriedIn,
    ClaimKind::CarriedOut,
    ClaimKind::Review,
    ClaimKind::Litigation,
];

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

fn text(out: &mut Vec<u8>, s: &str) {
    varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A value: 0 none (a cell not stated), 1 an integer, 2 blank, 3 an amount as printed.
fn value(out: &mut Vec<u8>, v: Option<&Value>) {
    match v {
        None => out.push(0),
        Some(Value::Int(i)) => {
            out.push(1);
            varint(out, zigzag(*i));
        }
        Some(Value::Blank) => out.push(2),
        Some(Value::Money(s)) => {
            out.push(3);
            text(out, s);
        }
    }
}

/// Where a cell was read: 0 nowhere (canonical CSV), 1 `line N`, 2 `table T row R cell C`,
/// 3 any other text.
fn origin(out: &mut Vec<u8>, o: Option<&str>) {
    let Some(o) = o else {
        out.push(0);
        return;
    };
    let numbers = |rest: &str, words: &[&str]| -> Option<Vec<u64>> {
        let parts: Vec<&str> = rest.split(' ').collect();
        if parts.len() != words.len() * 2 {
            return None;
        }
        let mut out = Vec::new();
        for (pair, word) in parts.chunks(2).zip(words) {
            let n: u64 = pair[1].parse().ok()?;
            // Only a text that prints back the same: `line 07` stays text.
            (pair[0] == *word && n.to_string() == pair[1]).then_some(())?;
            out.push(n);
        }
        Some(out)
    };
    if let Some(n) = numbers(o, &["line"]) {
        out.push(1);
        varint(out, n[0]);
    } else if let Some(n) = numbers(o, &["table", "row", "cell"]) {
        out.push(2);
        n.iter().for_each(|n| varint(out, *n));
    } else {
        out.push(3);
        text(out, o);
    }
}

struct Bytes<'a> {
    blob: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn byte(&mut self) -> Result<u8, String> {
        let b = *self.blob.get(self.at).ok_or("a version blob cut short")?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err("a version blob with a bad number".into())
    }

    fn text(&mut self) -> Result<String, String> {
        let n = self.varint()? as usize;
        let end = self.at.checked_add(n).ok_or("a version blob cut short")?;
        let bytes = self
            .blob
            .get(self.at..end)
            .ok_or("a version blob cut short")?;
        self.at = end;
        String::from_utf8(bytes.to_vec()).map_err(|_| "a version blob with bad text".into())
    }

    fn value(&mut self) -> Result<Option<Value>, String> {
        Ok(match self.byte()? {
            0 => None,
            1 => Some(Value::Int(unzigzag(self.varint()?))),
            2 => Some(Value::Blank),
            3 => Some(Value::Money(self.text()?)),
            _ => return Err("a version blob with an unknown value".into()),
        })
    }

    fn origin(&mut self) -> Result<Option<String>, String> {
        Ok(match self.byte()? {
            0 => None,
            1 => Some(format!("line {}", self.varint()?)),
            2 => {
                let (t, r, c) = (self.varint()?, self.varint()?, self.varint()?);
                Some(format!("table {t} row {r} cell {c}"))
            }
            3 => Some(self.text()?),
            _ => return Err("a version blob with an unknown origin".into()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: u8, col: u8, value: Value, origin: Option<&str>) -> Cell {
        Cell {
            row,
            col,
            value,
            origin: origin.map(str::to_string),
        }
    }

    #[test]
    fn a_reading_comes_back_as_it_went_in() {
        let reading = Reading {
            cells: vec![
                cell(1, 20, Value::Int(0), Some("line 7")),
                cell(1, 21, Value::Int(3), Some("table 2 row 4 cell 2")),
                cell(7, 29, Value::Money("1002.3819".into()), Some("line 07")),
                cell(10, 1, Value::Blank, None),
                cell(10, 7, Value::Int(-4), Some("页 3")),
                cell(11, 7, Value::Int(300_000), Some("line 91")),
            ],
            claims: vec![Claim {
                kind: ClaimKind::Processed,
                value: 212,
                keyword: "办结".into(),
                sentence: "依法办结 212 件。".into(),
            }],
            corrections: vec![Correction {
                row: 11,
                col: 7,
                printed: Some(Value::Int(30)),
                reason: "a digit too many".into(),
                version: 2,
            }],
        };
        let shape: Vec<(u8, u8)> = reading.cells.iter().map(|c| (c.row, c.col)).collect();
        let blob = encode(&reading);
        assert_eq!(decode(&blob, &shape).unwrap(), reading);
        assert!(decode(&blob[..blob.len() - 1], &shape).is_err());
        assert!(decode(&blob, &shape[1..]).is_err());
        let printed = reading.printed_cells();
        assert_eq!(printed[5].value, Value::Int(30));
    }

    #[test]
    fn zeros_and_csv_readings_cost_little() {
        let cells: Vec<Cell> = (0..200)
            .map(|i| {
                cell(
                    10 + i / 7,
                    1 + i % 7,
                    Value::Int(i64::from(i % 5 == 0)),
                    None,
                )
            })
            .collect();
        let blob = encode(&Reading {
            cells,
            ..Reading::default()
        });
        // 40 values of 1, each after a gap: three bytes apiece, and a few of framing.
        assert!(blob.len() < 130, "{}", blob.len());
    }
}
