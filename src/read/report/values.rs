//! A printed number as the contract's kind of value: counts, signed changes, money kept as
//! printed (and scaled from 元 to the contract's 万元 when the cell says 元).

use crate::contract::Kind as ValueKind;
use crate::model::Value;

/// A printed whole number for the identities the readers check (a row's cells add up to its
/// total, …): None when it is not one or past [`crate::contract::MAX_VALUE`], so that no sum
/// of them can overflow; such a cell is then refused by [`value`].
pub fn count(text: &str) -> Option<i64> {
    let v: i64 = text.parse().ok()?;
    (v.unsigned_abs() <= crate::contract::MAX_VALUE.unsigned_abs()).then_some(v)
}

/// A printed number as the column's kind of value, within [`crate::contract::MAX_VALUE`]. 元
/// in the cell scales it to the contract's 万元.
pub fn value(text: &str, kind: ValueKind) -> Result<Value, String> {
    let v = read_value(text, kind)?;
    match v.beyond_ceiling() {
        Some(why) => Err(why),
        None => Ok(v),
    }
}

fn read_value(text: &str, kind: ValueKind) -> Result<Value, String> {
    let (t, yuan) = match text.strip_suffix('元') {
        Some(t) => (t, true),
        None => (text, false),
    };
    match kind {
        ValueKind::Money => {
            let (int, frac) = t.split_once('.').unwrap_or((t, ""));
            if int.is_empty()
                || !int.bytes().all(|b| b.is_ascii_digit())
                || !frac.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(format!("{} is not an amount", crate::read::quote(text)));
            }
            if !yuan {
                return Ok(Value::Money(t.to_string()));
            }
            // Shift the decimal point four places: 75394432.52元 = 7539.443252万元.
            let digits = format!("{int}{frac}");
            let point = int.len() as i64 - 4;
            let (i, f) = if point > 0 {
                (
                    digits[..point as usize].to_string(),
                    digits[point as usize..].to_string(),
                )
            } else {
                (
                    "0".to_string(),
                    format!("{}{}", "0".repeat((-point) as usize), digits),
                )
            };
            let i = i.trim_start_matches('0');
            let f = f.trim_end_matches('0');
            let i = if i.is_empty() { "0" } else { i };
            Ok(Value::Money(if f.is_empty() {
                i.to_string()
            } else {
                format!("{i}.{f}")
            }))
        }
        _ if yuan => Err(format!(
            "{} is an amount of money where a count belongs",
            crate::read::quote(text)
        )),
        ValueKind::Count | ValueKind::Signed => match t.parse::<i64>() {
            Ok(v) if v >= 0 || kind == ValueKind::Signed => Ok(Value::Int(v)),
            Ok(v) => Err(format!("{v} is negative where a count belongs")),
            Err(e)
                if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) =>
            {
                Err(crate::model::too_large(crate::read::quote(t)))
            }
            Err(_) => Err(format!(
                "{} is not a whole number",
                crate::read::quote(text)
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_are_scaled_to_ten_thousands() {
        assert_eq!(
            value("75394432.52元", ValueKind::Money),
            Ok(Value::Money("7539.443252".into()))
        );
        assert_eq!(
            value("50000元", ValueKind::Money),
            Ok(Value::Money("5".into()))
        );
        assert_eq!(
            value("12元", ValueKind::Money),
            Ok(Value::Money("0.0012".into()))
        );
        assert_eq!(
            value("1002.3819", ValueKind::Money),
            Ok(Value::Money("1002.3819".into()))
        );
        assert!(value("1.5", ValueKind::Count).is_err());
        assert_eq!(value("-3", ValueKind::Signed), Ok(Value::Int(-3)));
    }

    #[test]
    fn values_past_the_ceiling_are_refused_and_not_counted() {
        assert_eq!(
            value("999999999999", ValueKind::Count),
            Ok(Value::Int(999_999_999_999))
        );
        for text in [
            "1000000000000",
            "9223372036854775807",
            "92233720368547758070",
        ] {
            let why = value(text, ValueKind::Count).unwrap_err();
            assert!(why.contains("is more than a cell may hold"), "{why}");
            // The identities see no number there, so no sum of them can overflow.
            assert_eq!(count(text), None);
        }
        assert_eq!(count("-999999999999"), Some(-999_999_999_999));
        assert!(value("1000000000000000元", ValueKind::Money).is_ok());
        assert!(value("10000000000000000元", ValueKind::Money).is_err());
    }
}
