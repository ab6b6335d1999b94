//! Values written straight into an output buffer, without a String per value: what CSV, JSON
//! and the table print for answers of hundreds of thousands of rows (a String for every value
//! cost about as much as the query itself). The text is the one rule of [`super::cell_text`]
//! and [`super::json_text`], which stay as the reference: the tests below hold the two equal
//! for arbitrary values.

use crate::store::SqlRef;
use std::borrow::Cow;
use std::io::Write;

/// Text as SQLite holds it, as [`crate::store::SqlValue::from_ref`] makes it: borrowed when it
/// is UTF-8 (always, for what gov-db writes), invalid sequences as U+FFFD otherwise.
pub(super) fn lossy(t: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(t)
}

/// A float in full: the shortest text that reads back as the same double, with its point
/// (serde_json's, through the same zmij); `NaN`, `inf` and `-inf` as Rust writes them.
fn push_real_full(buf: &mut Vec<u8>, f: f64) {
    if f.is_finite() {
        buf.extend_from_slice(zmij::Buffer::new().format_finite(f).as_bytes());
    } else {
        let _ = write!(buf, "{f}");
    }
}

fn push_int(buf: &mut Vec<u8>, i: i64) {
    buf.extend_from_slice(itoa::Buffer::new().format(i).as_bytes());
}

/// A value in full, as CSV prints it (see [`super::cell_text`] with full digits), appended to
/// `buf`.
pub(super) fn push_full(buf: &mut Vec<u8>, v: SqlRef<'_>, fraction: bool) {
    match v {
        SqlRef::Null => {}
        SqlRef::Int(i) if fraction => push_real_full(buf, i as f64),
        SqlRef::Int(i) => push_int(buf, i),
        SqlRef::Real(f) => push_real_full(buf, f),
        SqlRef::Text(t) => buf.extend_from_slice(lossy(t).as_bytes()),
        SqlRef::Decimal(t) => buf.extend_from_slice(t.as_bytes()),
        SqlRef::Blob(n) => {
            let _ = write!(buf, "<{n} bytes>");
        }
    }
}

/// A value rounded for reading, as the table prints it (see [`super::cell_text`]): a real
/// number with 4 decimals, never `-0.0000`.
pub(super) fn push_rounded(buf: &mut Vec<u8>, v: SqlRef<'_>, fraction: bool) {
    let real = |buf: &mut Vec<u8>, f: f64| {
        let start = buf.len();
        let _ = write!(buf, "{f:.4}");
        if &buf[start..] == b"-0.0000" {
            buf.remove(start);
        }
    };
    match v {
        SqlRef::Int(i) if fraction => real(buf, i as f64),
        SqlRef::Real(f) => real(buf, f),
        other => push_full(buf, other, fraction),
    }
}

/// A value as JSON text (see [`super::json_text`]), appended to `buf`.
pub(super) fn push_json(buf: &mut Vec<u8>, v: SqlRef<'_>, fraction: bool) {
    match v {
        SqlRef::Null => buf.extend_from_slice(b"null"),
        SqlRef::Int(i) if fraction => push_real_full(buf, i as f64),
        SqlRef::Int(i) => push_int(buf, i),
        SqlRef::Real(f) if f.is_finite() => push_real_full(buf, f),
        SqlRef::Real(_) => buf.extend_from_slice(b"null"),
        SqlRef::Text(t) => push_json_string(buf, &lossy(t)),
        SqlRef::Decimal(t) => match super::decimal_json(t) {
            Some(number) => buf.extend_from_slice(number.as_bytes()),
            None => push_json_string(buf, t),
        },
        SqlRef::Blob(n) => push_json_string(buf, &format!("<{n} bytes>")),
    }
}

/// A string as serde_json writes it (its own escaping, into the buffer).
pub(super) fn push_json_string(buf: &mut Vec<u8>, s: &str) {
    serde_json::to_writer(&mut *buf, s).expect("a string serialises into memory");
}

/// The display width of a value's text as the table measures it (tabled's: unicode-width of
/// the text), for text without control characters (see [`plain`]).
pub(super) fn width(text: &[u8]) -> usize {
    match std::str::from_utf8(text) {
        Ok(s) if s.is_ascii() => s.len(),
        Ok(s) => unicode_width::UnicodeWidthStr::width(s),
        Err(_) => unicode_width::UnicodeWidthStr::width(&*lossy(text)),
    }
}

/// Whether a text is one line of printable characters: no control character (a line break
/// or a tab, which tabled lays out on lines of their own or widens). The table prints such
/// cells itself; any other answer goes through tabled.
pub(super) fn plain(text: &str) -> bool {
    if text.is_ascii() {
        return !text.bytes().any(|b| b < b' ' || b == 0x7f);
    }
    !text.chars().any(char::is_control)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::store::SqlValue;
    use proptest::prelude::*;

    /// Any value gov-db or ad hoc SQL can hand over: integers of every size, floats of every
    /// kind (non-finite ones, -0.0, the smallest and largest), text with quotes, commas, line
    /// breaks, control characters and CJK, decimals as printed, invalid UTF-8, BLOBs.
    pub(crate) fn any_value() -> impl Strategy<Value = SqlValue> {
        prop_oneof![
            Just(SqlValue::Null),
            any::<i64>().prop_map(SqlValue::Int),
            (-3i64..3).prop_map(SqlValue::Int),
            any::<f64>().prop_map(SqlValue::Real),
            prop_oneof![
                Just(0.0),
                Just(-0.0),
                Just(-0.00001),
                Just(f64::NAN),
                Just(f64::INFINITY),
                Just(f64::NEG_INFINITY),
                Just(f64::MIN_POSITIVE),
                Just(1e16),
                // serde_json writes an exponent with its sign (`e+150`), ryu without.
                Just(8.895969543499061e150),
                Just(1e-7),
                Just(0.98660714),
                (-1e6f64..1e6),
            ]
            .prop_map(SqlValue::Real),
            "[a-z0-9 ,\"'\\n\\r\\t\\\\/晋江市人民政府（）、；“”\u{1}\u{7f}\u{200b}🙂é]{0,12}"
                .prop_map(SqlValue::Text),
            "-?[0-9]{0,4}(\\.[0-9]{0,4})?|x".prop_map(SqlValue::Decimal),
        ]
    }

    fn full(v: &SqlValue, fraction: bool) -> Vec<u8> {
        let mut buf = b"pre".to_vec();
        push_full(&mut buf, v.as_ref(), fraction);
        buf.split_off(3)
    }

    proptest! {
        #[test]
        fn full_text_is_the_reference(v in any_value(), fraction in any::<bool>()) {
            let want = super::super::cell_text(&v, fraction, super::super::Digits::Full);
            prop_assert_eq!(String::from_utf8(full(&v, fraction)).unwrap(), want);
        }

        #[test]
        fn rounded_text_is_the_reference(v in any_value(), fraction in any::<bool>()) {
            let want = super::super::cell_text(&v, fraction, super::super::Digits::Rounded);
            let mut buf = Vec::new();
            push_rounded(&mut buf, v.as_ref(), fraction);
            prop_assert_eq!(String::from_utf8(buf).unwrap(), want);
        }

        #[test]
        fn json_text_is_the_reference(v in any_value(), fraction in any::<bool>()) {
            let want = super::super::json_text(&v, fraction);
            let mut buf = Vec::new();
            push_json(&mut buf, v.as_ref(), fraction);
            prop_assert_eq!(String::from_utf8(buf).unwrap(), want);
        }

        /// Bytes that are not UTF-8 print as the owned value SQLite's row would have made.
        #[test]
        fn invalid_text_is_printed_as_the_owned_value(bytes in proptest::collection::vec(any::<u8>(), 0..12)) {
            let owned = SqlRef::Text(&bytes).to_owned();
            let mut buf = Vec::new();
            push_full(&mut buf, SqlRef::Text(&bytes), false);
            prop_assert_eq!(buf, full(&owned, false));
            let mut a = Vec::new();
            let mut b = Vec::new();
            push_json(&mut a, SqlRef::Text(&bytes), false);
            push_json(&mut b, owned.as_ref(), false);
            prop_assert_eq!(a, b);
        }
    }

    #[test]
    fn blobs_by_their_length() {
        assert_eq!(
            SqlRef::Blob(3).to_owned(),
            SqlValue::Text("<3 bytes>".into())
        );
        let mut buf = Vec::new();
        push_full(&mut buf, SqlRef::Blob(3), false);
        assert_eq!(buf, b"<3 bytes>");
    }
}
