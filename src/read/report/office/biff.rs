//! An Excel 97–2003 workbook (`.xls`, WPS `.et`) measured before calamine reads it.
//!
//! calamine cannot be bounded from outside for this format: opening the workbook lays out
//! every sheet at once. For each sheet it reserves room for the area its DIMENSIONS record
//! declares, makes a dense range from the first cell's row and column to the last one's (two
//! cells at A1 and IV65536 are 16 million), and copies a shared string into every cell that
//! shows it (one string of 30,000 characters shown by 100,000 cells is 9 GB); and it reads its
//! streams by their declared sizes. A file of a few hundred kilobytes could take gigabytes,
//! or abort the import on a failed allocation.
//!
//! So the compound file is opened here first through the `cfb` crate, which checks its
//! sector tables (a chain that loops, a sector used twice); its Workbook stream must not
//! claim more bytes than the file holds; and the stream's records are walked as calamine
//! walks them, adding up what calamine would lay out: each sheet's declared and used area
//! (twice when it has formulas, which calamine lays out as a second range) and the text its
//! cells copy. Past [`MAX_AREA`] cells or [`MAX_TEXT`] bytes the file is refused before
//! calamine sees it.

use super::OfficeError;
use std::io::{Cursor, Read};

/// The cells calamine may lay out for a whole workbook: a report's tables take about 500.
/// At about 40 bytes a cell while a sheet is read (the cells, then its range), a million is
/// 40 MB.
pub const MAX_AREA: u64 = 1_000_000;
/// The bytes of text calamine may copy into cells.
pub const MAX_TEXT: u64 = 32 << 20;

/// Refuses a workbook calamine would take too much memory to read.
pub fn check(bytes: &[u8]) -> Result<(), OfficeError> {
    let refuse = |m: String| Err(OfficeError::Refused(m));
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| OfficeError::Refused(format!("a damaged compound (OLE2) file: {e}")))?;
    let streams: Vec<(std::path::PathBuf, String, u64)> = cfb
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| (e.path().to_path_buf(), e.name().to_string(), e.len()))
        .collect();
    for (_, name, len) in &streams {
        if *len > bytes.len() as u64 {
            return refuse(format!(
                "its stream “{name}” claims {len} bytes, more than the whole file ({} bytes): a damaged or hostile file",
                bytes.len()
            ));
        }
    }
    let Some((path, _, _)) = ["Workbook", "Book"]
        .iter()
        .find_map(|want| streams.iter().find(|(_, n, _)| n == want))
    else {
        // calamine says so itself.
        return Ok(());
    };
    let mut stream = Vec::new();
    cfb.open_stream(path)
        .and_then(|s| s.take(bytes.len() as u64).read_to_end(&mut stream))
        .map_err(|e| OfficeError::Refused(format!("a damaged compound (OLE2) file: {e}")))?;
    measure(&stream)
}

/// One record: its type, its data and the data of the CONTINUE records after it.
struct Record<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// The records from the start of `stream`, as calamine splits them; stops at a record that
/// runs past the end (calamine fails there).
fn records(mut stream: &[u8]) -> impl Iterator<Item = Record<'_>> {
    fn split<'a>(s: &mut &'a [u8]) -> Option<(u16, &'a [u8])> {
        if s.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([s[0], s[1]]);
        let len = u16::from_le_bytes([s[2], s[3]]) as usize;
        let data = s.get(4..4 + len)?;
        *s = &s[4 + len..];
        Some((typ, data))
    }
    std::iter::from_fn(move || {
        let (typ, data) = split(&mut stream)?;
        let mut cont = Vec::new();
        while stream.len() > 4 && u16::from_le_bytes([stream[0], stream[1]]) == 0x003C {
            cont.push(split(&mut stream)?.1);
        }
        Some(Record { typ, data, cont })
    })
}

fn u16_at(d: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u16::from_le_bytes(
        d.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn u32_at(d: &[u8], at: usize) -> Option<u64> {
    Some(u64::from(u32::from_le_bytes(
        d.get(at..at + 4)?.try_into().ok()?,
    )))
}

/// Walks the Workbook stream as calamine does: the sheets' positions and the shared strings
/// from every record, then each sheet's records from its position to its end.
fn measure(stream: &[u8]) -> Result<(), OfficeError> {
    let mut sheets = Vec::new();
    let mut strings: Vec<u64> = Vec::new();
    for r in records(stream) {
        match r.typ {
            0x0085 => sheets.extend(u32_at(r.data, 0)),
            0x00FC => strings = sst_lengths(&r),
            _ => {}
        }
    }
    let (mut area, mut text) = (0u64, 0u64);
    for (i, pos) in sheets.iter().enumerate() {
        let Some(sheet) = stream.get(*pos as usize..) else {
            continue;
        };
        let (mut rows, mut cols) = ((u64::MAX, 0u64), (u64::MAX, 0u64));
        let mut cells = 0u64;
        let mut formulas = false;
        let mut depth = 0usize;
        let mut seen_bof = false;
        let mut see = |row: u64, col: u64| {
            rows = (rows.0.min(row), rows.1.max(row));
            cols = (cols.0.min(col), cols.1.max(col));
        };
        for r in records(sheet) {
            let d = r.data;
            match r.typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A if depth == 0 => break,
                0x000A => depth -= 1,
                // Nested substreams (charts) are skipped by calamine: not counted.
                _ if depth > 0 => {}
                0x0200 => area = area.saturating_add(declared(d, i)?),
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if d.len() >= 4 => {
                    see(u16_at(d, 0).unwrap_or(0), u16_at(d, 2).unwrap_or(0));
                    cells += 1;
                    formulas |= r.typ == 0x0006;
                    if r.typ == 0x00FD
                        && let Some(&n) = u32_at(d, 6).and_then(|i| strings.get(i as usize))
                    {
                        // Up to 3 bytes of UTF-8 a character.
                        text = text.saturating_add(3 * n);
                    }
                }
                0x00BD if d.len() >= 6 => {
                    let (first, last) = (
                        u16_at(d, 2).unwrap_or(0),
                        u16_at(d, d.len() - 2).unwrap_or(0),
                    );
                    let row = u16_at(d, 0).unwrap_or(0);
                    see(row, first);
                    see(row, last.max(first));
                    cells += last.saturating_sub(first) + 1;
                }
                _ => {}
            }
        }
        if cells > 0 {
            let used = (rows.1 - rows.0 + 1) * (cols.1 - cols.0 + 1);
            area = area
                .saturating_add(cells)
                .saturating_add(used * if formulas { 2 } else { 1 });
        }
        if area > MAX_AREA {
            return Err(OfficeError::Refused(format!(
                "sheet {} (with those before it) would lay out more than {MAX_AREA} cells (rows {} to {}, columns {} to {}): too large to be a report's tables",
                i + 1,
                rows.0.min(rows.1) + 1,
                rows.1 + 1,
                cols.0.min(cols.1) + 1,
                cols.1 + 1
            )));
        }
        if text > MAX_TEXT {
            return Err(OfficeError::Refused(format!(
                "sheet {} (with those before it) shows more than {} MB of text in its cells: not a report's tables",
                i + 1,
                MAX_TEXT >> 20
            )));
        }
    }
    Ok(())
}

/// The area a DIMENSIONS record makes calamine reserve, as calamine reads the record; one it
/// would fail on (a last row before the first) is refused.
fn declared(d: &[u8], sheet: usize) -> Result<u64, OfficeError> {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4), u16_at(d, 6)),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
        // calamine refuses the workbook.
        _ => return Ok(0),
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
        return Ok(0);
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return Ok(1);
    }
    if rl - 1 < rf || cl - 1 < cf {
        return Err(OfficeError::Refused(format!(
            "sheet {}'s used range (DIMENSIONS record) ends before it starts: a damaged file",
            sheet + 1
        )));
    }
    let area = (rl - rf) * (cl - cf);
    if area > MAX_AREA {
        return Err(OfficeError::Refused(format!(
            "sheet {} declares a used range of {} rows × {} columns (its DIMENSIONS record), more than the {MAX_AREA} cells gov-db lays out: too large to be a report's tables",
            sheet + 1,
            rl - rf,
            cl - cf
        )));
    }
    Ok(area)
}

/// The length in characters of each string of the shared string table (SST), read as calamine
/// reads it (a string's characters may go on in a CONTINUE record, which starts with a byte
/// saying whether they are one or two bytes wide). Where the table is damaged, the strings
/// read up to there.
fn sst_lengths(r: &Record<'_>) -> Vec<u64> {
    let mut out = Vec::new();
    let mut chunks = r.cont.iter().copied();
    let Some(mut data) = r.data.get(8..) else {
        return out;
    };
    // Moves on `n` bytes, across CONTINUE records; false at the end.
    fn skip<'a>(
        data: &mut &'a [u8],
        chunks: &mut impl Iterator<Item = &'a [u8]>,
        mut n: usize,
    ) -> bool {
        while n > 0 {
            if data.is_empty() {
                match chunks.next() {
                    Some(c) => *data = c,
                    None => return false,
                }
            }
            let l = n.min(data.len());
            *data = &data[l..];
            n -= l;
        }
        true
    }
    loop {
        if data.is_empty() {
            match chunks.next() {
                Some(c) => data = c,
                None => return out,
            }
            continue;
        }
        if data.len() < 3 {
            return out;
        }
        let cch = u16::from_le_bytes([data[0], data[1]]) as usize;
        let flags = data[2];
        data = &data[3..];
        let mut high = flags & 1 != 0;
        let mut runs = 0;
        let mut ext = 0;
        if flags & 0x8 != 0 {
            let Some(n) = u16_at(data, 0) else { return out };
            runs = n as usize;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(n) = u32_at(data, 0) else { return out };
            ext = n as usize;
            data = &data[4..];
        }
        out.push(cch as u64);
        let mut left = cch;
        while left > 0 {
            let width = if high { 2 } else { 1 };
            let here = (data.len() / width).min(left);
            data = &data[here * width..];
            left -= here;
            if left > 0 {
                match chunks.next() {
                    Some(c) if !c.is_empty() => {
                        high = c[0] & 1 != 0;
                        data = &c[1..];
                    }
                    _ => return out,
                }
            }
        }
        if !skip(&mut data, &mut chunks, runs * 4 + ext) {
            return out;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_are_measured_across_continue_records() {
        // "abc"; four two-byte characters, the last two continued as one-byte ones; "z".
        let mut data = vec![0u8; 8];
        data.extend([3, 0, 0]);
        data.extend(b"abc");
        data.extend([4, 0, 1]);
        data.extend([0x11, 0x4e, 0x12, 0x4e]);
        let mut cont = vec![0u8];
        cont.extend(b"de");
        cont.extend([1, 0, 0, b'z']);
        let r = Record {
            typ: 0x00FC,
            data: &data,
            cont: vec![&cont],
        };
        assert_eq!(sst_lengths(&r), vec![3, 4, 1]);
    }

    #[test]
    fn a_dimensions_record_is_read_as_calamine_reads_it() {
        let rec = |rf: u32, rl: u32, cf: u16, cl: u16| {
            [
                &rf.to_le_bytes()[..],
                &rl.to_le_bytes(),
                &cf.to_le_bytes(),
                &cl.to_le_bytes(),
                &[0, 0],
            ]
            .concat()
        };
        assert_eq!(declared(&rec(0, 18, 0, 10), 0).unwrap(), 180);
        assert_eq!(declared(&rec(0, 0, 0, 0), 0).unwrap(), 1);
        assert!(declared(&rec(0, 65_536, 0, 256), 0).is_err());
        assert!(declared(&rec(20, 5, 0, 3), 0).is_err());
    }
}
