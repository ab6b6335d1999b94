//! Agency names as identities. A name becomes an agency's identity, so two spellings that
//! look the same must be the same name: otherwise an invisible difference (a BOM or a
//! zero-width space inside, NFD where the rest is NFC, full-width Ｌａｔｉｎ letters and
//! digits, a space more) makes a second agency that no one can tell from the first.
//!
//! One function, [`agency_name`], used by every reader (CSV, published reports) and by every
//! command that takes a name (`--agency`, `gov-db agency …`, through the store), so that a
//! name looked up is spelt as a name stored.

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
use unicode_width::UnicodeWidthChar;

/// The longest name taken: real ones are under 50 characters (a report's title is not taken
/// for one past 40); past it, a name is a paste of something else, and it would be printed
/// in every table and message.
pub const MAX_NAME: usize = 200;

/// Why a name cannot be an agency's.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the agency name is empty")]
    Empty,
    /// A control character (C0 or C1, other than white space) at this character position
    /// (1-based) of the name as given.
    #[error(
        "the agency name has a control character U+{code:04X} at character {at} (an invisible byte; remove it)"
    )]
    Control { code: u32, at: usize },
    #[error("the agency name is {0} characters long; a name has at most {MAX_NAME}")]
    TooLong(usize),
}

/// The name an agency is known by, from a name as printed or typed: format characters
/// (Unicode Cf: zero-width space and joiners, BOM, direction marks, soft hyphen) removed;
/// full-width ASCII (Ａ１（) folded to ASCII and the ideographic space to a space; Unicode
/// NFC; white space trimmed, removed next to a wide (CJK) character, where Chinese text has
/// no spaces (`淮安市 人民政府` is `淮安市人民政府`, as the title reader has always read it),
/// and collapsed to one space elsewhere. Control characters other than white space are
/// refused. Applying it twice gives the same name.
pub fn agency_name(raw: &str) -> Result<String, NameError> {
    // Nearly every name: Chinese characters and printable ASCII only, already as it should
    // be (both are NFC, neither is a format or control character or white space).
    let plain = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '!'..='~');
    let n = raw.chars().count();
    if n > 0 && n <= MAX_NAME && raw.chars().all(plain) {
        return Ok(raw.to_string());
    }
    let mut folded = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        if c.general_category() == GeneralCategory::Format {
            continue;
        }
        if c.is_control() && !c.is_whitespace() {
            return Err(NameError::Control {
                code: u32::from(c),
                at: i + 1,
            });
        }
        folded.push(match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        });
    }
    let mut out = String::with_capacity(folded.len());
    let mut space = false;
    for c in folded.nfc() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            let before = out.chars().next_back();
            let wide = |c: char| c.width() == Some(2);
            if before.is_some_and(|b| !wide(b)) && !wide(c) {
                out.push(' ');
            }
            space = false;
        }
        out.push(c);
    }
    match out.chars().count() {
        0 => Err(NameError::Empty),
        n if n > MAX_NAME => Err(NameError::TooLong(n)),
        _ => Ok(out),
    }
}

#[cfg(test)]
mod tests;
