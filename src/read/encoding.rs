//! Text encodings as found on Chinese systems: UTF-8 (with or without a BOM) and GBK/GB18030,
//! as spreadsheets and older sites write them. Decided from the bytes, never from a flag, and
//! on evidence: a UTF-8 file with a stray byte is still UTF-8 (that line is wrong), not GBK.
//!
//! Decoding UTF-8 text as GB18030 garbles it without an error (most UTF-8 byte pairs are GBK
//! characters: 测试 becomes 娴嬭瘯), so the choice is made once per file and every line is
//! then checked against it: a line that is not valid in the file's encoding, or that is the
//! other encoding's text (a UTF-8 line pasted into a GBK file), is refused with its line and
//! byte offset rather than read as other characters.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};

/// How much text the encoding is decided from.
pub const SNIFF: usize = 64 * 1024;

/// The two encodings canonical CSV and published reports come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enc {
    Utf8,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
}

impl Enc {
    pub fn name(self) -> &'static str {
        match self {
            Enc::Utf8 => "UTF-8",
            Enc::Gb18030 => "GBK/GB18030",
        }
    }

    /// The name `import --dry-run` has always printed (encoding_rs's).
    pub fn label(self) -> &'static str {
        match self {
            Enc::Utf8 => "UTF-8",
            Enc::Gb18030 => "gb18030",
        }
    }
}

/// What the choice of an encoding rested on: in the text it was decided from, how many
/// characters of Chinese text read as UTF-8 and how many byte sequences did not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    pub utf8: usize,
    pub not_utf8: usize,
    /// Decided by a byte order mark.
    pub bom: bool,
}

impl std::fmt::Display for Evidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.bom {
            return f.write_str("it starts with a UTF-8 byte order mark");
        }
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "decided from {} Chinese character{} in UTF-8 against {} invalid sequence{}",
            self.utf8,
            plural(self.utf8),
            self.not_utf8,
            plural(self.not_utf8)
        )
    }
}

/// Picks the encoding of a stretch of text: UTF-8 when it is valid UTF-8, or when its
/// characters of Chinese text in UTF-8 are at least twice as many as its invalid sequences;
/// GBK otherwise. GBK text read as UTF-8 is mostly invalid, and what is valid by chance is
/// mostly two-byte characters (Latin, Cyrillic…); UTF-8 text with a few damaged bytes is
/// nearly all valid. Measured on CSV text of 1 to 5 lines (region names and random names),
/// 20,000 times each: no GBK text was taken for UTF-8; 1.5% of UTF-8 texts with one stray
/// byte were taken for GBK (their other lines are then refused as UTF-8 in a GBK file),
/// fewer the longer the text. Counting every UTF-8 character instead took 0.1% of the GBK
/// texts for UTF-8. `complete` says the stretch is the whole rest of the input (a character
/// cut by the end of a partial stretch is not evidence).
pub fn decide(window: &[u8], complete: bool) -> (Enc, Evidence) {
    let mut ev = Evidence::default();
    let mut chunks = window.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        ev.utf8 += chunk.valid().chars().filter(|c| chinese_text(*c)).count();
        let bad = chunk.invalid();
        if bad.is_empty() {
            continue;
        }
        let last = chunks.peek().is_none();
        let cut_short = std::str::from_utf8(bad)
            .is_err_and(|e| e.error_len().is_none() && e.valid_up_to() == 0);
        if !(last && !complete && cut_short) {
            ev.not_utf8 += 1;
        }
    }
    let enc = if ev.utf8 >= 2 * ev.not_utf8 {
        Enc::Utf8
    } else {
        Enc::Gb18030
    };
    (enc, ev)
}

/// Why a line is not text of its file's encoding. `at` is the byte offset in the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineFault {
    /// These bytes are not valid in the file's encoding.
    Invalid { at: usize, bytes: Vec<u8> },
    /// The line is UTF-8 text with Chinese characters, in a GBK file; `damaged` when some
    /// of its bytes are not UTF-8 either.
    Utf8InGbk { at: usize, damaged: bool },
    /// In a UTF-8 CSV file, a line past ASCII without a character of Chinese text: its
    /// bytes are GBK text as well (or GBK with a stray byte), and a line names a Chinese
    /// agency. Both readings, for the message.
    Ambiguous {
        at: usize,
        as_utf8: String,
        as_gbk: String,
    },
}

impl LineFault {
    pub fn at(&self) -> usize {
        match self {
            LineFault::Invalid { at, .. }
            | LineFault::Utf8InGbk { at, .. }
            | LineFault::Ambiguous { at, .. } => *at,
        }
    }

    /// The fault in words, for a file whose encoding is `enc` and whose byte `offset` it is.
    pub fn describe(&self, enc: Enc, evidence: &Evidence, offset: u64) -> String {
        let name = enc.name();
        match self {
            LineFault::Invalid { bytes, .. } => {
                let hex: Vec<String> = bytes.iter().map(|b| format!("0x{b:02X}")).collect();
                let (what, are) = if bytes.len() == 1 {
                    ("byte", "is")
                } else {
                    ("bytes", "are")
                };
                format!(
                    "{what} {} at byte offset {offset} {are} not valid {name}, the file's encoding ({evidence}); the line is refused, not read as another encoding",
                    hex.join(" "),
                )
            }
            LineFault::Utf8InGbk { damaged, .. } => format!(
                "the line is UTF-8 text{} (from byte offset {offset}) but the file is {name} ({evidence}); save the whole file in one encoding",
                if *damaged {
                    " with bytes that are not UTF-8 either"
                } else {
                    ""
                }
            ),
            LineFault::Ambiguous {
                as_utf8, as_gbk, ..
            } => format!(
                "from byte offset {offset}, the line has no Chinese character as UTF-8 ({}; as GBK it reads {}), and a line names a Chinese agency: refused rather than guessed (the file is {name}, {evidence}); save the whole file in one encoding",
                super::quote(as_utf8),
                super::quote(as_gbk)
            ),
        }
    }
}

/// How sure a line must be to be taken for the other encoding's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strictness {
    /// Canonical CSV: every line names an agency in Chinese, so a line of a GBK file that is
    /// valid UTF-8 at all, or a line of a UTF-8 file past ASCII without Chinese text, is
    /// ambiguous and refused.
    Csv,
    /// A published report: short lines of GBK text are now and then valid UTF-8 by chance
    /// (`时效`, `业` in the fixtures), and `©` lines are common in UTF-8 pages, so only a line
    /// with a Chinese character in UTF-8 is taken for UTF-8 in a GBK file.
    Document,
}

/// Checks one line (without its line end) against the file's encoding.
pub fn check_line(enc: Enc, line: &[u8], strictness: Strictness) -> Result<(), LineFault> {
    if line.is_ascii() {
        return Ok(());
    }
    match enc {
        Enc::Utf8 => match std::str::from_utf8(line) {
            Err(e) => {
                let at = e.valid_up_to();
                let len = e.error_len().unwrap_or(line.len() - at);
                Err(LineFault::Invalid {
                    at,
                    bytes: line[at..at + len.min(4)].to_vec(),
                })
            }
            Ok(text) => {
                // A CSV line names a Chinese agency. Past ASCII with no Chinese text, its
                // bytes are GBK as well: 平平 in GBK is ƽƽ in UTF-8, Café in UTF-8 is Caf茅 in
                // GBK, and a stray byte before GBK 江平 makes UTF-8 ཭ƽ (Tibetan, Latin). No
                // rule of characters tells those apart; the file's other lines do not either.
                if strictness == Strictness::Csv && !text.chars().any(chinese_text) {
                    let (gbk, _) = GB18030.decode_without_bom_handling(line);
                    let at = line.iter().position(|b| *b >= 0x80).unwrap_or(0);
                    return Err(LineFault::Ambiguous {
                        at,
                        as_utf8: non_ascii_words(text),
                        as_gbk: non_ascii_words(&gbk),
                    });
                }
                Ok(())
            }
        },
        Enc::Gb18030 => {
            // UTF-8 first: a UTF-8 line is often invalid GBK too (at a comma after an odd
            // byte), and "this line is UTF-8" is what helps.
            let p = Utf8Profile::of(line);
            let valid = p.invalid_runs == 0
                && match strictness {
                    Strictness::Csv => p.multibyte > 0,
                    Strictness::Document => p.cjk > 0,
                };
            // UTF-8 with a stray byte is often valid GBK (its bytes pair up anew). Two Chinese
            // characters in UTF-8, more than its broken runs, are UTF-8 text; as many as its
            // broken runs, when its GBK reading also has a character outside GB2312 (which
            // Chinese text in GBK seldom has, and UTF-8 read as GBK mostly does). Measured on
            // 33,348 GBK lines (region names, random names) and 29,593 UTF-8 lines with a stray
            // byte that are valid GBK: none of the first taken for UTF-8, 5 of the second
            // missed (short names); the fixtures' 18,144 lines as GBK: none taken either.
            let damaged = p.cjk >= 2
                && (p.cjk > p.invalid_runs
                    || (p.cjk == p.invalid_runs && gbk_walk(line).outside_gb2312));
            if valid || damaged {
                let at = line.iter().position(|b| *b >= 0x80).unwrap_or(0);
                return Err(LineFault::Utf8InGbk {
                    at,
                    damaged: !valid,
                });
            }
            let lone_0x80 = || gbk_walk(line).lone_0x80.map(|at| (at, 1));
            if let Some((at, len)) = first_gb18030_error(line).or_else(lone_0x80) {
                return Err(LineFault::Invalid {
                    at,
                    bytes: line[at..at + len.min(4)].to_vec(),
                });
            }
            Ok(())
        }
    }
}

/// What the characters of GBK text are, walked by their lead bytes. Expects text that
/// decodes.
#[derive(Default)]
struct GbkWalk {
    /// A byte 0x80 standing alone: Windows' code page 936 (and so encoding_rs, after the
    /// WHATWG standard) reads it as €, but GB18030 has no character there, and a stray byte
    /// is what it nearly always is.
    lone_0x80: Option<usize>,
    /// A character outside GB2312 (whose lead bytes are 0xA1–0xA9, symbols, and 0xB0–0xF7,
    /// characters, and trail bytes 0xA1–0xFE): the GBK extensions, user-defined areas and
    /// GB18030's four-byte forms.
    outside_gb2312: bool,
}

fn gbk_walk(bytes: &[u8]) -> GbkWalk {
    let mut walk = GbkWalk::default();
    let mut i = 0;
    while i < bytes.len() {
        i += match bytes[i] {
            0x80 => {
                walk.lone_0x80.get_or_insert(i);
                walk.outside_gb2312 = true;
                1
            }
            0x81..=0xFE if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                walk.outside_gb2312 = true;
                4
            }
            lead @ 0x81..=0xFE => {
                let trail = bytes.get(i + 1).copied().unwrap_or(0);
                if !matches!(lead, 0xA1..=0xA9 | 0xB0..=0xF7) || trail < 0xA1 {
                    walk.outside_gb2312 = true;
                }
                2
            }
            _ => 1,
        };
    }
    walk
}

/// How a line reads as UTF-8: characters past ASCII, Chinese ones among them, and the runs
/// of bytes that are not UTF-8.
#[derive(Default)]
struct Utf8Profile {
    multibyte: usize,
    cjk: usize,
    invalid_runs: usize,
}

impl Utf8Profile {
    fn of(bytes: &[u8]) -> Utf8Profile {
        let mut p = Utf8Profile::default();
        let mut in_run = false;
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars().filter(|c| !c.is_ascii()) {
                p.multibyte += 1;
                p.cjk += usize::from(is_cjk(c));
            }
            if !chunk.valid().is_empty() {
                in_run = false;
            }
            if !chunk.invalid().is_empty() {
                p.invalid_runs += usize::from(!in_run);
                in_run = true;
            }
        }
        p
    }
}

/// The words of a line that hold characters past ASCII, for showing an ambiguous line.
fn non_ascii_words(text: &str) -> String {
    text.split([',', ' ', '\t'])
        .filter(|w| !w.is_ascii())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A Chinese character (CJK unified or compatibility ideograph).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// A character of Chinese text: ideographs, and the CJK symbols, punctuation and
/// full-width forms printed with them.
fn chinese_text(c: char) -> bool {
    is_cjk(c)
        || matches!(c, '\u{2E80}'..='\u{33FF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Where the first malformed sequence of GB18030 text starts, and its length.
fn first_gb18030_error(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut out = vec![
        0u8;
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 4)
    ];
    let (result, read, _) = decoder.decode_to_utf8_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            let at = read - usize::from(bad) - usize::from(after);
            Some((at, usize::from(bad).max(1)))
        }
        _ => None,
    }
}

/// Decodes bytes already checked valid in `enc` (a CSV field cut out of a checked line).
pub fn decode_checked(enc: Enc, bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    match enc {
        Enc::Utf8 => std::str::from_utf8(bytes).ok().map(Into::into),
        Enc::Gb18030 => GB18030.decode_without_bom_handling_and_without_replacement(bytes),
    }
}

/// A published report that is not text of one encoding: where, and why.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DecodeError {
    /// 1-based, as an editor counts.
    pub line: Option<u64>,
    pub message: String,
}

/// Decodes a whole (bounded) published report, deciding its encoding from all of it; the
/// encoding's name is returned for `import --dry-run`. A BOM names the encoding (UTF-16
/// included, which Notepad writes as "Unicode").
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), DecodeError> {
    let bom: Option<(&'static Encoding, usize)> = Encoding::for_bom(bytes);
    if let Some((enc, len)) = bom
        && (enc == UTF_16LE || enc == UTF_16BE)
    {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[len..])
            .map(|t| (lone_cr_to_lf(t.into_owned()), enc.name()))
            .ok_or_else(|| DecodeError {
                line: None,
                message: format!(
                    "the file starts with a {} byte order mark but is not valid {} text",
                    enc.name(),
                    enc.name()
                ),
            });
    }
    let (body, enc, evidence) = match bom {
        Some((_, len)) => (
            &bytes[len..],
            Enc::Utf8,
            Evidence {
                bom: true,
                ..Evidence::default()
            },
        ),
        None => {
            let (enc, evidence) = decide(bytes, true);
            (bytes, enc, evidence)
        }
    };
    let mut offset = 0;
    for (i, line) in body.split(|b| *b == b'\n').enumerate() {
        if let Err(fault) = check_line(enc, line, Strictness::Document) {
            let at = (bytes.len() - body.len() + offset + fault.at()) as u64;
            return Err(DecodeError {
                line: Some(i as u64 + 1),
                message: fault.describe(enc, &evidence, at),
            });
        }
        offset += line.len() + 1;
    }
    let text = decode_checked(enc, body).ok_or_else(|| DecodeError {
        line: None,
        message: format!("the file is not valid {} text", enc.name()),
    })?;
    Ok((lone_cr_to_lf(text.into_owned()), enc.label()))
}

/// A carriage return not followed by a line feed ends a line, as in a file saved with the
/// old Mac line ends: read as one line, such a report's title ran into the lines around it
/// (the agency stored as `晋江市人民政府晋江市人民政府`).
fn lone_cr_to_lf(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests;
