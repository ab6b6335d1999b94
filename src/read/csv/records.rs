//! Cutting canonical CSV into records. Nearly every line of a canonical file holds no quote:
//! such a line is cut at its commas directly (memchr), several times faster than a general
//! CSV parser, which was the largest single cost of a national import. A line with a quote
//! or a carriage return inside goes through csv_core, the parser the csv crate is built on,
//! so that both ways give the records the csv crate would (a property test holds them to
//! it).

use std::io::{self, Read};

/// Records of a CSV stream, each with the number of the line it starts on.
pub struct Records<R> {
    input: R,
    buf: Vec<u8>,
    /// The unread part of `buf`.
    start: usize,
    end: usize,
    eof: bool,
    /// The number of the line at `start`.
    line: u64,
    core: csv_core::Reader,
    /// csv_core's output for one record: the fields end to end, and where each ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
}

const INITIAL_BUFFER: usize = 1 << 20;

impl<R: Read> Records<R> {
    pub fn new(input: R) -> Records<R> {
        Records {
            input,
            buf: vec![0; INITIAL_BUFFER],
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            core: csv_core::Reader::new(),
            fields: vec![0; 1024],
            ends: vec![0; 16],
        }
    }

    /// Reads the next record into `record` and returns the line it starts on; None at the
    /// end of the input. Blank lines are skipped, as the csv crate skips them.
    pub fn next_record(&mut self, record: &mut csv::ByteRecord) -> io::Result<Option<u64>> {
        loop {
            let unread = &self.buf[self.start..self.end];
            let (line_len, next) = match memchr::memchr(b'\n', unread) {
                Some(i) => (i, i + 1),
                None if self.eof => (unread.len(), unread.len()),
                None => {
                    self.refill()?;
                    continue;
                }
            };
            if next == 0 {
                return Ok(None);
            }
            let mut text = &unread[..line_len];
            if let [rest @ .., b'\r'] = text {
                text = rest;
            }
            if memchr::memchr2(b'"', b'\r', text).is_some() {
                return self.general_record(record);
            }
            let number = self.line;
            self.line += 1;
            self.start += next;
            if text.is_empty() {
                continue;
            }
            record.clear();
            let mut from = 0;
            for comma in memchr::memchr_iter(b',', text) {
                record.push_field(&text[from..comma]);
                from = comma + 1;
            }
            record.push_field(&text[from..]);
            return Ok(Some(number));
        }
    }

    /// One record read by csv_core from `start`, over as many lines and reads as it takes.
    fn general_record(&mut self, record: &mut csv::ByteRecord) -> io::Result<Option<u64>> {
        // Blank lines and line ends before the record are skipped (csv_core would skip them
        // too), so that its number is the line of its first byte.
        loop {
            while self.start < self.end && matches!(self.buf[self.start], b'\n' | b'\r') {
                if self.buf[self.start] == b'\n' {
                    self.line += 1;
                }
                self.start += 1;
            }
            if self.start < self.end || self.eof {
                break;
            }
            self.refill()?;
        }
        let number = self.line;
        self.core.reset();
        let (mut pos, mut out, mut nends) = (self.start, 0, 0);
        loop {
            let (result, nin, nout, nend) = self.core.read_record(
                &self.buf[pos..self.end],
                &mut self.fields[out..],
                &mut self.ends[nends..],
            );
            self.line += memchr::memchr_iter(b'\n', &self.buf[pos..pos + nin]).count() as u64;
            pos += nin;
            out += nout;
            nends += nend;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {
                    // csv_core keeps what it has read of the record; the buffer need not. At
                    // the end of the input, the empty slice of the next call says so.
                    self.start = pos;
                    self.refill()?;
                    pos = self.start;
                }
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.fields.len() * 2;
                    self.fields.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    self.start = pos;
                    record.clear();
                    let mut from = 0;
                    for &to in &self.ends[..nends] {
                        record.push_field(&self.fields[from..to]);
                        from = to;
                    }
                    return Ok(Some(number));
                }
                csv_core::ReadRecordResult::End => {
                    self.start = pos;
                    return Ok(None);
                }
            }
        }
    }

    /// Moves the unread part to the front of the buffer (growing it when full) and reads
    /// more after it; sets `eof` when there is no more.
    fn refill(&mut self) -> io::Result<()> {
        if self.eof {
            return Ok(());
        }
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.end == self.buf.len() {
            let n = self.buf.len() * 2;
            self.buf.resize(n, 0);
        }
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Records;
    use proptest::prelude::*;

    /// Every record of `input` with its line, through `Records` reading `chunk` bytes at a time.
    fn ours(input: &[u8], chunk: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
        struct Trickle<'a>(&'a [u8], usize);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(self.1).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut records = Records::new(Trickle(input, chunk));
        records.buf = vec![0; 8];
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while let Some(line) = records.next_record(&mut record).unwrap() {
            out.push((line, record.iter().map(<[u8]>::to_vec).collect()));
        }
        out
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

    #[test]
    fn plain_and_quoted_lines() {
        let input = b"agency,year\r\n\"a,b\",2024\n\"multi\nline\",1\n\nlast,\"\"\"q\"\"\"";
        assert_eq!(ours(input, 3), theirs(input));
        let lines: Vec<u64> = ours(input, 3).iter().map(|r| r.0).collect();
        assert_eq!(lines, [1, 2, 3, 6]);
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
    }
}
