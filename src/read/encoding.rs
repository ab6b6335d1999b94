//! Text encodings as found on Chinese systems: UTF-8 (with or without a BOM) and GBK/GB18030,
//! as spreadsheets and older sites write them. Detected from the bytes, never from a flag.

use encoding_rs::{Encoding, GB18030, UTF_8};
use std::io::{BufRead, BufReader, Read};

/// How far into a file we look before deciding its encoding.
const SNIFF: usize = 64 * 1024;

/// Picks the encoding of a byte prefix: a BOM wins; valid UTF-8 is UTF-8; otherwise GB18030
/// (a superset of GBK and GB2312).
pub fn detect(prefix: &[u8], complete: bool) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(prefix) {
        return enc;
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => UTF_8,
        // A multi-byte character cut by the end of the sniffed prefix is still UTF-8.
        Err(e) if !complete && e.error_len().is_none() => UTF_8,
        Err(_) => GB18030,
    }
}

/// Wraps a reader so that it yields UTF-8 whatever the file's encoding, without a BOM.
pub fn utf8_reader<R: Read + Send + 'static>(
    inner: R,
) -> std::io::Result<(Box<dyn Read + Send>, &'static Encoding)> {
    let mut buffered = BufReader::with_capacity(SNIFF, inner);
    let prefix = buffered.fill_buf()?;
    let complete = prefix.len() < SNIFF;
    let enc = detect(prefix, complete);
    if enc == UTF_8 {
        // Pass UTF-8 through untouched (the fast path); strip a BOM.
        if prefix.starts_with(&[0xEF, 0xBB, 0xBF]) {
            buffered.consume(3);
        }
        return Ok((Box::new(buffered), UTF_8));
    }
    let decoder = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(enc))
        .build(buffered);
    Ok((Box::new(decoder), enc))
}

/// Decodes a whole (small) file, such as a published report.
pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let enc = detect(&bytes[..bytes.len().min(SNIFF)], bytes.len() <= SNIFF);
    let (text, actual, _) = enc.decode(bytes);
    (text.into_owned(), actual)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_is_detected_and_decoded() {
        let (bytes, _, _) = GB18030.encode("晋江市人民政府,2024");
        let (text, enc) = decode(&bytes);
        assert_eq!(enc, GB18030);
        assert_eq!(text, "晋江市人民政府,2024");
    }

    #[test]
    fn utf8_with_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("总计".as_bytes());
        let (text, enc) = decode(&bytes);
        assert_eq!(enc, UTF_8);
        assert_eq!(text, "总计");
    }

    #[test]
    fn cut_utf8_prefix_is_still_utf8() {
        let bytes = "总计".as_bytes();
        assert_eq!(detect(&bytes[..4], false), UTF_8);
    }
}
