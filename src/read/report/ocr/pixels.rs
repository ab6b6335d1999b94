//! Images read into gray pixels within a bound. An image's size is in its header: a PNG of a
//! few kilobytes can declare 60,000 × 60,000 pixels (gigabytes once decoded), so the size is
//! checked before anything is decoded. A table image narrower than 1600 pixels is doubled for
//! Tesseract; the image crate's `resize` keeps the whole image as four `f32` channels between
//! its two passes (16 bytes a pixel: 200 MB for a screenshot of a report's tables), so the
//! doubling is done here a row at a time, with the same filter and the same arithmetic: the
//! pixels are those `resize(.., FilterType::Triangle)` gives (a test compares them).

use super::OcrError;
use image::GrayImage;
use std::io::Cursor;
use std::path::Path;

/// The most pixels an image (a page, a table) may have as read, after doubling: a page
/// scanned at 300 dpi has 8.7 million (A4), a long screenshot of a report's three tables 26.
pub const MAX_PIXELS: u64 = 48_000_000;

/// An image file's bytes as gray pixels, refused before decoding when it is larger than
/// [`MAX_PIXELS`].
pub fn gray(bytes: &[u8]) -> Result<GrayImage, OcrError> {
    let reader = || {
        image::ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| OcrError::Image(e.to_string()))
    };
    let (w, h) = reader()?
        .into_dimensions()
        .map_err(|e| OcrError::Image(e.to_string()))?;
    check(w, h)?;
    Ok(reader()?
        .decode()
        .map_err(|e| OcrError::Image(e.to_string()))?
        .into_luma8())
}

/// A page pdftoppm wrote, as [`gray`] reads an image.
pub fn gray_file(path: &Path, page: usize) -> Result<GrayImage, OcrError> {
    let bytes = std::fs::read(path).map_err(|e| OcrError::Run(format!("page {page}: {e}")))?;
    gray(&bytes).map_err(|e| OcrError::Run(format!("page {page}: {e}")))
}

fn check(w: u32, h: u32) -> Result<(), OcrError> {
    let n = u64::from(w) * u64::from(h);
    if n > MAX_PIXELS {
        return Err(OcrError::Image(crate::t!(
            "ocr-too-many-pixels",
            width = w.to_string(),
            height = h.to_string(),
            million = (MAX_PIXELS / 1_000_000).to_string()
        )));
    }
    Ok(())
}

/// Twice as wide and high, as `image::imageops::resize` with `FilterType::Triangle` makes it,
/// one output row at a time. Refused past [`MAX_PIXELS`].
pub fn doubled(img: &GrayImage) -> Result<GrayImage, OcrError> {
    let (w, h) = img.dimensions();
    check(w.saturating_mul(2), h.saturating_mul(2))?;
    if w == 0 || h == 0 {
        return Ok(GrayImage::new(w * 2, h * 2));
    }
    let rows = weights(h, h * 2);
    let cols = weights(w, w * 2);
    let mut out = GrayImage::new(w * 2, h * 2);
    let src = img.as_raw();
    let mut line = vec![0f32; w as usize];
    for (y, (top, ws)) in rows.iter().enumerate() {
        // The vertical pass for this row, as resize keeps it: f32, not rounded.
        for (x, v) in line.iter_mut().enumerate() {
            let mut t = 0.0f32;
            for (i, wt) in ws.iter().enumerate() {
                let p = src[(*top as usize + i) * w as usize + x];
                t += f32::from(p) * wt;
            }
            *v = t;
        }
        let row = &mut out.as_mut()[y * 2 * w as usize..(y + 1) * 2 * w as usize];
        for (x, (left, ws)) in cols.iter().enumerate() {
            let mut t = 0.0f32;
            for (i, wt) in ws.iter().enumerate() {
                t += line[*left as usize + i] * wt;
            }
            row[x] = t.clamp(0.0, 255.0).round() as u8;
        }
    }
    Ok(out)
}

/// For each output pixel along one axis, the first input pixel it takes and the weights of
/// the pixels from there: the triangle filter, as `resize` computes them.
fn weights(from: u32, to: u32) -> Vec<(u32, Vec<f32>)> {
    let ratio = from as f32 / to as f32;
    let sratio = if ratio < 1.0 { 1.0 } else { ratio };
    let support = sratio;
    (0..to)
        .map(|o| {
            let input = (o as f32 + 0.5) * ratio;
            let left = ((input - support).floor() as i64).clamp(0, i64::from(from) - 1) as u32;
            let right = ((input + support).ceil() as i64)
                .clamp(i64::from(left) + 1, i64::from(from)) as u32;
            let input = input - 0.5;
            let mut ws: Vec<f32> = (left..right)
                .map(|i| {
                    let x = (i as f32 - input) / sratio;
                    if x.abs() < 1.0 { 1.0 - x.abs() } else { 0.0 }
                })
                .collect();
            let sum: f32 = ws.iter().sum();
            for w in &mut ws {
                *w /= sum;
            }
            (left, ws)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubled_is_the_image_crates_triangle_resize() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for (w, h) in [(1, 1), (2, 3), (17, 5), (64, 33)] {
            let img = GrayImage::from_fn(w, h, |_, _| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                image::Luma([seed as u8])
            });
            let theirs =
                image::imageops::resize(&img, w * 2, h * 2, image::imageops::FilterType::Triangle);
            assert_eq!(doubled(&img).unwrap(), theirs, "{w}×{h}");
        }
    }

    #[test]
    fn an_image_declaring_too_many_pixels_is_refused_before_decoding() {
        // A PNG header (and no pixels) declaring 60,000 × 60,000 pixels.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let ihdr = [
            &60_000u32.to_be_bytes()[..],
            &60_000u32.to_be_bytes(),
            &[8, 0, 0, 0, 0],
        ]
        .concat();
        let mut crc_input = b"IHDR".to_vec();
        crc_input.extend(&ihdr);
        png.extend(&ihdr);
        png.extend(crc32(&crc_input).to_be_bytes());
        // An empty data chunk: the header is read up to where the pixels start.
        png.extend(b"\0\0\0\0IDAT");
        png.extend(crc32(b"IDAT").to_be_bytes());
        let e = gray(&png).unwrap_err().to_string();
        assert!(e.contains("60000 × 60000 pixels"), "{e}");
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut c = !0u32;
        for b in data {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
}
