//! Text encodings as found on Chinese systems: UTF-8 (with or without a BOM) and GBK/GB18030,
//! as spreadsheets and older sites write them. Detected from the bytes, never from a flag.

use encoding_rs::{Encoding, GB18030, UTF_8};
use std::io::{BufReader, Cursor, Read};

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
///
/// The prefix the encoding is told from is read to its full length (or the end): a pipe
/// hands over what its writer has written so far, and a prefix cut short by that, taken for
/// the whole file, made a UTF-8 character cut at its end look like GB18030.
pub fn utf8_reader<R: Read + Send + 'static>(
    mut inner: R,
) -> std::io::Result<(Box<dyn Read + Send>, &'static Encoding)> {
    let mut prefix = Vec::with_capacity(SNIFF);
    (&mut inner).take(SNIFF as u64).read_to_end(&mut prefix)?;
    let complete = prefix.len() < SNIFF;
    let enc = detect(&prefix, complete);
    let bom = enc == UTF_8 && prefix.starts_with(&[0xEF, 0xBB, 0xBF]);
    let mut head = Cursor::new(prefix);
    if bom {
        head.set_position(3);
    }
    let buffered = BufReader::with_capacity(SNIFF, head.chain(inner));
    if enc == UTF_8 {
        // Pass UTF-8 through untouched (the fast path).
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

    /// Hands over at most `n` bytes a read, as a pipe may.
    struct Trickle(Cursor<Vec<u8>>, usize);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(self.1);
            self.0.read(&mut buf[..n])
        }
    }

    #[test]
    fn utf8_handed_over_a_few_bytes_at_a_time_stays_utf8() {
        // 4 bytes a read: the first read ends inside 总 (3 bytes); taken for the whole file,
        // it was not valid UTF-8, and the file was decoded as GB18030.
        let text = "ab总计,1\n".repeat(20_000);
        let (mut r, enc) = utf8_reader(Trickle(Cursor::new(text.clone().into_bytes()), 4)).unwrap();
        assert_eq!(enc, UTF_8);
        let mut got = String::new();
        r.read_to_string(&mut got).unwrap();
        assert_eq!(got, text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        let (mut r, _) = utf8_reader(Trickle(Cursor::new(bom), 2)).unwrap();
        let mut got = String::new();
        r.read_to_string(&mut got).unwrap();
        assert_eq!(got, text);
    }

    #[test]
    fn gbk_handed_over_a_few_bytes_at_a_time() {
        let text = "晋江市人民政府,2024\n".repeat(10_000);
        let (bytes, _, _) = GB18030.encode(&text);
        let (mut r, enc) = utf8_reader(Trickle(Cursor::new(bytes.into_owned()), 3)).unwrap();
        assert_eq!(enc, GB18030);
        let mut got = String::new();
        r.read_to_string(&mut got).unwrap();
        assert_eq!(got, text);
    }

    #[test]
    fn cut_utf8_prefix_is_still_utf8() {
        let bytes = "总计".as_bytes();
        assert_eq!(detect(&bytes[..4], false), UTF_8);
    }
}
