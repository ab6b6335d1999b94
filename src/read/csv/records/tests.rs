use super::{Fault, Limits, Records};
use crate::read::encoding::{Enc, LineFault};
use proptest::prelude::*;

/// Hands out at most `.1` bytes per read, as a pipe may.
struct Trickle<'a>(&'a [u8], usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(self.1).min(out.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

type Read = (u64, Option<Fault>, Vec<Vec<u8>>);

/// Every record of `input` with its line and fault, through `Records` reading `chunk` bytes
/// at a time from a buffer that starts tiny.
fn read_all(input: &[u8], chunk: usize, limits: Limits) -> Vec<Read> {
    let mut records = Records::with_limits(Trickle(input, chunk), limits);
    records.buf = vec![0; 8];
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    while let Some(line) = records.next_record(&mut record).unwrap() {
        out.push((
            line.number,
            line.fault,
            record.iter().map(<[u8]>::to_vec).collect(),
        ));
    }
    out
}

fn ours(input: &[u8], chunk: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
    read_all(input, chunk, super::LIMITS)
        .into_iter()
        .map(|(line, fault, fields)| {
            assert_eq!(fault, None);
            (line, fields)
        })
        .collect()
}

/// The same through the csv crate, as gov-db read CSV before. Its line numbers are where
/// its parser stood before the record: before the \n of a CRLF and before blank lines.
/// Here each counts from the record's first byte, past those.
fn theirs(input: &[u8]) -> Vec<(u64, Vec<Vec<u8>>)> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    while rdr.read_byte_record(&mut record).unwrap() {
        let from = record.position().unwrap().byte() as usize;
        let skipped = input[from..]
            .iter()
            .take_while(|b| matches!(b, b'\n' | b'\r'))
            .count();
        let line = 1 + input[..from + skipped]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        out.push((line, record.iter().map(<[u8]>::to_vec).collect()));
    }
    out
}

fn fields(line: &str) -> Vec<Vec<u8>> {
    line.split(',').map(|f| f.as_bytes().to_vec()).collect()
}

#[test]
fn plain_and_quoted_lines() {
    let input = b"agency,year\r\n\"a,b\",2024\n\"multi\nline\",1\n\nlast,\"\"\"q\"\"\"";
    assert_eq!(ours(input, 3), theirs(input));
    let lines: Vec<u64> = ours(input, 3).iter().map(|r| r.0).collect();
    assert_eq!(lines, [1, 2, 3, 6]);
}

const SMALL: Limits = Limits {
    max_line: 32,
    max_scan: 1000,
    sniff: 16,
};

#[test]
fn a_line_past_the_limit_is_refused_with_its_length_and_reading_goes_on() {
    let long = "x".repeat(100);
    let input = format!("a,b\n{long},1\nc,d\n");
    let read = read_all(input.as_bytes(), 7, SMALL);
    assert_eq!(read.len(), 3);
    assert_eq!(read[0], (1, None, fields("a,b")));
    assert_eq!(
        read[1],
        (
            2,
            Some(Fault::TooLong {
                length: Some(102),
                quoted: false
            }),
            vec![]
        )
    );
    assert_eq!(read[2], (3, None, fields("c,d")));
}

#[test]
fn a_line_without_an_end_stops_the_reading_in_bounded_memory() {
    // 300 KB of NULs through 1000 bytes of scanning: refused, and the buffer never held it.
    let input = vec![0u8; 300_000];
    let mut records = Records::with_limits(Trickle(&input, 4096), SMALL);
    let mut record = csv::ByteRecord::new();
    let line = records.next_record(&mut record).unwrap().unwrap();
    assert_eq!(
        line.fault,
        Some(Fault::TooLong {
            length: None,
            quoted: false
        })
    );
    assert_eq!(records.next_record(&mut record).unwrap(), None);
    assert!(
        records.buf.len() <= super::INITIAL_BUFFER,
        "the buffer grew"
    );
    // Without its end in sight but at the end of the input, its length is known.
    let read = read_all(&input[..500], 64, SMALL);
    assert_eq!(
        read[0].1,
        Some(Fault::TooLong {
            length: Some(500),
            quoted: false
        })
    );
}

#[test]
fn an_open_quote_stops_the_reading_at_the_limit() {
    let input = format!("a,b\n\"open,{}\nc,d\n", "y\n".repeat(40));
    let read = read_all(input.as_bytes(), 5, SMALL);
    assert_eq!(read.len(), 2);
    assert_eq!(
        read[1].1,
        Some(Fault::TooLong {
            length: None,
            quoted: true
        })
    );
}

#[test]
fn gbk_lines_come_out_as_utf8() {
    let (gbk, _, _) =
        encoding_rs::GB18030.encode("agency,year\n某县人民政府,2024\n\"某县,人民政府\",2023\n");
    let read = read_all(&gbk, 3, super::LIMITS);
    assert_eq!(read[1], (2, None, fields("某县人民政府,2024")));
    assert_eq!(
        read[2],
        (
            3,
            None,
            vec!["某县,人民政府".as_bytes().to_vec(), b"2023".to_vec()]
        )
    );
}

#[test]
fn a_stray_byte_in_utf8_is_refused_with_its_line_offset_and_field() {
    let mut input = "agency,year\n某县人民政府,2024\nx,某县".as_bytes().to_vec();
    let stray = input.len();
    input.push(0xA0);
    input.extend_from_slice(b",2024\nnext,1\n");
    let read = read_all(&input, 5, super::LIMITS);
    let Some(Fault::Encoding {
        line,
        offset,
        field,
        fault,
        enc,
        ..
    }) = &read[2].1
    else {
        panic!("{read:?}")
    };
    assert_eq!(
        (*line, *offset, *field, *enc),
        (3, stray as u64, 1, Enc::Utf8)
    );
    assert_eq!(
        fault,
        &LineFault::Invalid {
            at: 2 + "某县".len(),
            bytes: vec![0xA0]
        }
    );
    assert_eq!(read[2].2, Vec::<Vec<u8>>::new());
    assert_eq!(read[3], (4, None, fields("next,1")));
}

#[test]
fn a_utf8_line_in_a_gbk_file_is_refused() {
    let (mut input, _, _) = encoding_rs::GB18030.encode("agency,year\n某县人民政府,2024\n");
    let input = input.to_mut();
    input.extend_from_slice("淮安市人民政府,2024\n".as_bytes());
    let read = read_all(input, 5, super::LIMITS);
    assert_eq!(read[1].1, None);
    assert!(
        matches!(
            &read[2].1,
            Some(Fault::Encoding {
                line: 3,
                field: 0,
                fault: LineFault::Utf8InGbk { .. },
                enc: Enc::Gb18030,
                ..
            })
        ),
        "{read:?}"
    );
}

#[test]
fn the_encoding_is_decided_past_an_ascii_head() {
    // 200 ASCII lines, then GBK: decided GBK from where the text starts, not UTF-8 from a
    // head that says nothing.
    let mut text = String::from("agency,year\n");
    for i in 0..200 {
        text.push_str(&format!("agency{i},2024\n"));
    }
    text.push_str("某县人民政府,2024\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let read = read_all(&gbk, 64, SMALL);
    assert_eq!(
        read.last().unwrap(),
        &(202, None, fields("某县人民政府,2024"))
    );
}

#[test]
fn a_utf16_file_is_named() {
    let read = read_all(b"\xff\xfea\x00,\x00", 3, super::LIMITS);
    assert_eq!(read, vec![(1, Some(Fault::Utf16), vec![])]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_same_records_as_the_csv_crate(
        input in proptest::collection::vec(
            prop_oneof![Just(b'a'), Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(b' ')],
            0..80,
        ),
        chunk in 1usize..20,
    ) {
        prop_assert_eq!(ours(&input, chunk), theirs(&input));
    }

    /// Lines within the limit read as the csv crate reads them; a line past it is refused
    /// with its line number, and the lines after it read as before.
    #[test]
    fn the_limit_refuses_only_the_long_lines(
        lines in proptest::collection::vec(0usize..60, 1..12),
        chunk in 1usize..20,
    ) {
        let text: String = lines
            .iter()
            .enumerate()
            .map(|(i, n)| format!("{i},{}\n", "z".repeat(*n)))
            .collect();
        let read = read_all(text.as_bytes(), chunk, SMALL);
        prop_assert_eq!(read.len(), lines.len());
        for (i, (n, r)) in lines.iter().zip(&read).enumerate() {
            let len = format!("{i},").len() + n;
            prop_assert_eq!(r.0, i as u64 + 1);
            if len > SMALL.max_line {
                prop_assert_eq!(&r.1, &Some(Fault::TooLong { length: Some(len as u64), quoted: false }));
            } else {
                prop_assert_eq!(&r.1, &None);
                prop_assert_eq!(&r.2, &fields(&format!("{i},{}", "z".repeat(*n))));
            }
        }
    }
}
