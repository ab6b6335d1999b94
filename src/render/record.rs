//! One exported cell with its codes looked up in the contract and its number typed: what the
//! formats that are more than text (xlsx, parquet, the wide CSV) are written from.
//!
//! The store hands the export over as text, as the canonical CSV wants it; these writers need
//! to know a row's labels, whether a value is a count or an amount, and the amount's digits.

use crate::contract::{self, ColDef, Kind, RowDef, Section, Template};
use crate::store::ExportFields;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database holds a code this build does not know (a newer gov-db wrote it).
    #[error("the export has {what} {code:?}, which this gov-db does not know")]
    Unknown { what: &'static str, code: String },
    #[error("{agency} {year}: {row}/{col} holds {text:?}, which is not a number")]
    NotANumber {
        agency: String,
        year: i64,
        row: &'static str,
        col: &'static str,
        text: String,
    },
}

/// One stated cell of one report.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The name the report printed.
    pub agency: String,
    pub year: i64,
    pub row: &'static RowDef,
    pub col: &'static ColDef,
    /// None: the cell was left blank.
    pub value: Option<Number>,
    pub region_code: Option<String>,
    pub template: Option<Template>,
    pub source: Option<String>,
    pub level: Option<String>,
}

/// A stated number: a count, or an amount of money as a decimal (`mantissa` × 10^-`scale`) with
/// the text printed.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Count(i64),
    Money {
        mantissa: i128,
        scale: u32,
        text: String,
    },
}

impl Number {
    /// The number as a double, for a spreadsheet (an amount of 万元 has far fewer than 15
    /// significant digits, so nothing is lost there).
    pub fn as_f64(&self) -> f64 {
        match self {
            Number::Count(i) => *i as f64,
            Number::Money { text, .. } => text.parse().unwrap_or(f64::NAN),
        }
    }
}

/// A decimal's text (`1002.3819`, `01.50`, `5.`, `-3`) as its mantissa and the number of digits
/// after the point; None when it is not a decimal or has more digits than an i128 holds.
pub fn parse_decimal(text: &str) -> Option<(i128, u32)> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !digits(int) || !digits(frac) {
        return None;
    }
    let mut mantissa: i128 = 0;
    for b in int.bytes().chain(frac.bytes()) {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(b - b'0'))?;
    }
    Some((
        if negative { -mantissa } else { mantissa },
        u32::try_from(frac.len()).ok()?,
    ))
}

impl Record {
    pub fn from_fields(f: &ExportFields) -> Result<Record, Error> {
        let text = |i: usize| f[i].as_deref().unwrap_or_default();
        let unknown = |what, i: usize| Error::Unknown {
            what,
            code: text(i).to_string(),
        };
        // The store gives codes: compared as they are, once per exported line.
        let section = Section::ALL
            .into_iter()
            .find(|s| s.code() == text(2))
            .ok_or_else(|| unknown("section", 2))?;
        let row = contract::row(section, text(3)).ok_or_else(|| unknown("row", 3))?;
        let col = contract::col(section, text(4)).ok_or_else(|| unknown("column", 4))?;
        let agency = text(0).to_string();
        let year = text(1).parse().unwrap_or_default();
        let value = match &f[5] {
            None => None,
            Some(t) => Some(number(t, col).ok_or_else(|| Error::NotANumber {
                agency: agency.clone(),
                year,
                row: row.code,
                col: col.code,
                text: t.clone(),
            })?),
        };
        Ok(Record {
            agency,
            year,
            row,
            col,
            value,
            region_code: f[6].clone(),
            template: f[7].as_deref().and_then(Template::parse),
            source: f[8].clone(),
            level: f[9].clone(),
        })
    }

    /// Whether `other` belongs to the same report (the export gives a report's cells together).
    pub fn same_report(&self, other: &Record) -> bool {
        self.year == other.year && self.agency == other.agency
    }
}

fn number(text: &str, col: &ColDef) -> Option<Number> {
    match col.kind {
        Kind::Money => parse_decimal(text).map(|(mantissa, scale)| Number::Money {
            mantissa,
            scale,
            text: text.to_string(),
        }),
        Kind::Count | Kind::Signed => text.parse().ok().map(Number::Count),
    }
}

/// The records of a whole export cut into reports, in the order given.
pub fn reports(records: &[Record]) -> Vec<&[Record]> {
    records.chunk_by(|a, b| a.same_report(b)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal("1002.3819"), Some((10023819, 4)));
        assert_eq!(parse_decimal("01.50"), Some((150, 2)));
        assert_eq!(parse_decimal("5."), Some((5, 0)));
        assert_eq!(parse_decimal(".5"), Some((5, 1)));
        assert_eq!(parse_decimal("-3"), Some((-3, 0)));
        assert_eq!(parse_decimal("0"), Some((0, 0)));
        for bad in ["", ".", "x", "1.2.3", "1e5", "+1", "１"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
        assert_eq!(parse_decimal(&"9".repeat(40)), None);
    }

    #[test]
    fn a_record_from_the_store_fields() {
        let fields: ExportFields = [
            Some("晋江市人民政府".into()),
            Some("2024".into()),
            Some("proactive".into()),
            Some("fees".into()),
            Some("amount_10k_yuan".into()),
            Some("1002.3819".into()),
            Some("350582".into()),
            Some("2021".into()),
            None,
            Some("county".into()),
            None,
        ];
        let r = Record::from_fields(&fields).unwrap();
        assert_eq!(r.row.code, "fees");
        assert_eq!(r.template, Some(Template::T2021));
        assert_eq!(
            r.value,
            Some(Number::Money {
                mantissa: 10023819,
                scale: 4,
                text: "1002.3819".into()
            })
        );
        assert_eq!(r.value.unwrap().as_f64(), 1002.3819);
        let mut blank = fields.clone();
        blank[4] = Some("amount".into());
        assert!(Record::from_fields(&blank).is_err());
    }
}
