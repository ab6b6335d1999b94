//! Zips made by hand for the tests of Office files: a deflate bomb (gigabytes from a couple of
//! megabytes, a stream no compressor would write), entries with whatever sizes they should
//! declare, and parts of a real file taken out and put back.

/// A raw deflate stream that inflates to `size` bytes of `x` in about size / 1032 bytes: one
/// dynamic Huffman block whose only codes are the literal `x`, a match of 258 (1 bit) at
/// distance 1 (1 bit), and the end of the block.
pub fn bomb(size: u64) -> Vec<u8> {
    let mut w = Bits::default();
    w.int(1, 1); // the last block
    w.int(2, 2); // dynamic Huffman codes
    w.int(29, 5); // 286 literal/length codes
    w.int(0, 5); // 1 distance code
    w.int(14, 4); // 18 code length codes, in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
    for len in [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2] {
        w.int(len, 3);
    }
    // Code length codes: 18 is `0`, 1 is `10`, 2 is `11`.
    let zeros = |w: &mut Bits, n: u64| {
        w.code(0b0, 1);
        w.int(n - 11, 7);
    };
    zeros(&mut w, 120); // literals 0..119
    w.code(0b11, 2); // `x` (120): 2 bits
    zeros(&mut w, 135); // 121..255
    w.code(0b11, 2); // end of block (256): 2 bits
    zeros(&mut w, 28); // lengths 257..284
    w.code(0b10, 2); // length 258 (285): 1 bit
    w.code(0b10, 2); // distance 1: 1 bit
    // Literal/length codes: 285 is `0`, `x` is `10`, the end `11`; distance 1 is `0`: `x`,
    // then each match of 258 is two zero bits, then the end.
    w.code(0b10, 2);
    w.zeros(2 * ((size - 1) / 258));
    w.code(0b11, 2);
    w.finish()
}

#[derive(Default)]
pub struct Bits {
    acc: u64,
    n: u32,
    out: Vec<u8>,
}

impl Bits {
    /// An integer, least significant bit first (header fields, extra bits).
    fn int(&mut self, v: u64, n: u32) {
        for i in 0..n {
            self.bit((v >> i) & 1);
        }
    }
    /// A Huffman code, most significant bit first.
    fn code(&mut self, v: u64, n: u32) {
        for i in (0..n).rev() {
            self.bit((v >> i) & 1);
        }
    }
    fn bit(&mut self, b: u64) {
        self.acc |= b << self.n;
        self.n += 1;
        if self.n == 8 {
            self.out.push(self.acc as u8);
            self.acc = 0;
            self.n = 0;
        }
    }
    /// `n` zero bits, whole bytes at a time where they fall on them.
    fn zeros(&mut self, mut n: u64) {
        while self.n != 0 && n > 0 {
            self.bit(0);
            n -= 1;
        }
        self.out.extend(std::iter::repeat_n(0u8, (n / 8) as usize));
        for _ in 0..n % 8 {
            self.bit(0);
        }
    }
    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// Bytes as a raw deflate stream of one stored block (no compression).
pub fn deflate_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let chunks: Vec<&[u8]> = if data.is_empty() {
        vec![&[]]
    } else {
        data.chunks(65_535).collect()
    };
    for (i, c) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        out.extend((c.len() as u16).to_le_bytes());
        out.extend((!(c.len() as u16)).to_le_bytes());
        out.extend(*c);
    }
    out
}

pub fn zip_raw(entries: &[(&str, Vec<u8>, u64)]) -> Vec<u8> {
    zip_raw_owned(
        entries
            .iter()
            .map(|(n, d, s)| (n.to_string(), d.clone(), *s, 0))
            .collect(),
    )
}

/// A zip of entries given as raw deflate streams, with the uncompressed size and CRC to
/// declare (a bomb's CRC is left 0: what is read past the cap is never checked).
pub fn zip_raw_owned(entries: Vec<(String, Vec<u8>, u64, u32)>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data, size, crc) in &entries {
        let (size, crc) = (*size, *crc);
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes()); // made by
            }
            h.extend(20u16.to_le_bytes()); // needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(0u32.to_le_bytes()); // time, date
            h.extend(crc.to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((size as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend(0u16.to_le_bytes()); // comment
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(data);
        central.extend(header(0x0201_4b50, true));
    }
    let at = out.len() as u32;
    let n = entries.len() as u16;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(n.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE), bit by bit: for the few small parts a test zip holds.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A zip of these parts, in order.
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let entries: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&entries)
}

pub fn unzip_all(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

pub fn unzip(bytes: &[u8], name: &str) -> Vec<u8> {
    unzip_all(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, d)| d)
        .unwrap()
}

/// The zip with one part replaced.
pub fn rezip(bytes: &[u8], name: &str, data: &[u8]) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = unzip_all(bytes)
        .into_iter()
        .map(|(n, d)| {
            if n == name {
                (n, data.to_vec())
            } else {
                (n, d)
            }
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&refs)
}
