//! Pictures a web page holds in itself: `<img src="data:image/png;base64,iVBO…">`, as pages
//! saved whole by a browser, or written by some editors, carry their tables' pictures. The
//! bytes are decoded within a bound told from the URI's length before any is decoded, so a
//! page cannot make gov-db hold more than a picture file given by name may be; a URI that is
//! not well formed is refused saying where.

use base64::Engine;
use base64::engine::{GeneralPurpose, general_purpose};

/// Base64 as data: URIs write it: the standard alphabet, padded or not.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    general_purpose::PAD_INDIFFERENT,
);

/// Is this `src` a `data:` URI (any case)?
pub fn is_data(src: &str) -> bool {
    src.trim_start()
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
}

/// The URI's header: what comes before its comma (`data:image/png;base64`), all of it when
/// there is no comma; at most 100 characters.
fn header(src: &str) -> &str {
    let src = src.trim_start();
    let head = src.split(',').next().unwrap_or(src);
    match head.char_indices().nth(100) {
        Some((at, _)) => &head[..at],
        None => head,
    }
}

/// Does the URI declare a picture of a kind gov-db reads (`image/png`, `image/jpeg`,
/// `image/gif`, `image/webp`, `image/bmp`, `image/tiff`)? Its bytes tell too
/// (`ocr::is_image`); this is what it says it is.
pub fn declares_readable_image(src: &str) -> bool {
    let kind = header(src)["data:".len().min(header(src).len())..]
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    [
        "image/png",
        "image/jpeg",
        "image/jpg",
        "image/gif",
        "image/webp",
        "image/bmp",
        "image/tiff",
    ]
    .contains(&kind.as_str())
}

/// How the URI is named in messages and places: its header and an ellipsis
/// (`data:image/png;base64,…`), never its bytes.
pub fn short(src: &str) -> String {
    format!("{},…", header(src))
}

/// The bytes the URI holds (base64, or percent-encoded text), refused past `max` bytes as
/// its length tells before decoding, or where it is not well formed; why in the reader's
/// language.
pub fn bytes(src: &str, max: u64) -> Result<Vec<u8>, String> {
    let src = src.trim();
    let Some((head, payload)) = src.split_once(',') else {
        return Err(crate::t!("datauri-no-comma"));
    };
    let base64 = head
        .rsplit(';')
        .next()
        .is_some_and(|p| p.trim().eq_ignore_ascii_case("base64"));
    // What it decodes to at most: three bytes for four symbols, a byte for `%XX` or one.
    let symbols = payload.bytes().filter(|b| !b.is_ascii_whitespace()).count();
    let most = if base64 {
        base64::decoded_len_estimate(symbols)
    } else {
        symbols
    };
    if most as u64 > max {
        return Err(crate::t!(
            "datauri-too-large",
            mb = format!("{:.1}", most as f64 / 1048576.0),
            max = (max >> 20).to_string()
        ));
    }
    if !base64 {
        return Ok(percent_decoded(payload));
    }
    // Whitespace (a URI wrapped over lines) is no part of it.
    let clean: Vec<u8> = payload
        .bytes()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    BASE64.decode(&clean).map_err(|e| {
        let at = match e {
            base64::DecodeError::InvalidByte(at, _)
            | base64::DecodeError::InvalidLastSymbol { offset: at, .. } => at + 1,
            base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidPadding => {
                clean.len()
            }
        };
        crate::t!("datauri-not-base64", at = at.to_string())
    })
}

/// `%XX` sequences decoded, the rest taken as it is.
pub fn percent_decoded(text: &str) -> Vec<u8> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_percent_encoded_uris_are_decoded() {
        assert!(is_data("  DATA:image/png;base64,AA"));
        assert!(!is_data("table3.png"));
        assert_eq!(
            bytes("data:image/png;base64,iVBO\n Rw0K", 100),
            Ok(b"\x89PNG\r\n".to_vec())
        );
        assert_eq!(
            bytes("data:image/gif;base64,R0lGODlh", 100),
            Ok(b"GIF89a".to_vec())
        );
        assert_eq!(
            bytes("data:text/plain,a%20b%zz", 100),
            Ok(b"a b%zz".to_vec())
        );
        assert_eq!(
            short("data:image/png;base64,iVBORw0K"),
            "data:image/png;base64,…"
        );
        assert!(declares_readable_image("data:Image/PNG;base64,AA"));
        assert!(!declares_readable_image("data:image/svg+xml;base64,AA"));
        assert!(!declares_readable_image("data:"));
    }

    #[test]
    fn a_uri_past_the_bound_is_refused_before_decoding() {
        // 4,000 symbols decode to 3,000 bytes: past a bound of 2,999, refused from the length.
        let src = format!("data:image/png;base64,{}", "!".repeat(4000));
        let e = bytes(&src, 2999).unwrap_err();
        assert!(e.contains("once decoded"), "{e}");
        // Within the bound the symbols are decoded, and a bad one is named by its place.
        let e = bytes(&src, 3000).unwrap_err();
        assert!(e.contains("character 1"), "{e}");
        assert!(bytes("data:image/png;base64", 10).is_err());
    }
}
