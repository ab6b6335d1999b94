//! Cutting canonical CSV into records, from the file's bytes. Nearly every line of a canonical
//! file holds no quote: such a line is cut at its commas directly (memchr), several times
//! faster than a general CSV parser, which was the largest single cost of a national import.
//! A line with a quote or a carriage return inside goes through csv_core, the parser the csv
//! crate is built on, so that both ways give the records the csv crate would (a property
//! test holds them to it).
//!
//! Here too, because only here are the raw bytes and their place in the file at hand:
//! - the file's encoding is decided at its first line past ASCII (encoding.rs), every line
//!   is checked against it, and a GBK line is handed on as UTF-8: a line that is not text of
//!   the file's encoding comes back with its line, byte offset and field, and no fields;
//! - a record longer than [`Limits::max_line`] is refused with its length (the rest of its
//!   line is skipped, not kept), so that memory stays bounded on any input: a file of NULs,
//!   `/dev/zero`, a 100 MB header.

use crate::read::encoding::{self, Enc, Evidence, LineFault, Strictness};
use std::io::{self, Read};

/// How long a record may be, and how far past that the end of its line is looked for.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_line: usize,
    pub max_scan: u64,
    pub sniff: usize,
}

/// A line of canonical CSV is under 100 bytes (agency, year, three codes, a value); 64 KiB
/// leaves room for any label, long source URL or note, 700 times over. Past it, the end of
/// the line is looked for through 64 MiB more to say how long it is; a "line" longer than
/// that (a file of NULs, /dev/zero) ends the reading of the file.
pub const LIMITS: Limits = Limits {
    max_line: 64 * 1024,
    max_scan: 64 * 1024 * 1024,
    sniff: encoding::SNIFF,
};

/// What is wrong with the bytes of a record, whose fields are then left empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Longer than the limit; `length` is its length in bytes when its end was found.
    TooLong { length: Option<u64>, quoted: bool },
    /// Not text of the file's encoding: on `line`, at byte `offset` of the input, in field
    /// `field` (0-based).
    Encoding {
        line: u64,
        offset: u64,
        field: usize,
        fault: LineFault,
        enc: Enc,
        evidence: Evidence,
    },
    /// The file starts with a UTF-16 byte order mark: commas are two bytes there.
    Utf16,
}

/// A record's first line and what was wrong with its bytes, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub number: u64,
    pub fault: Option<Fault>,
}

/// Records of a CSV stream, each with the number of the line it starts on.
pub struct Records<R> {
    input: R,
    buf: Vec<u8>,
    /// The unread part of `buf`.
    start: usize,
    end: usize,
    eof: bool,
    /// The number of the line at `start`, and its byte offset in the input.
    line: u64,
    offset: u64,
    core: csv_core::Reader,
    /// csv_core's output for one record: the fields end to end, and where each ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Decided at the first line past ASCII (ASCII reads the same in both encodings).
    encoding: Option<(Enc, Evidence)>,
    /// In a UTF-8 file, the last line checked and found valid, up to its last byte past
    /// ASCII: a line that starts with the same bytes and is ASCII after them is valid too
    /// (nearly every line of a sorted file: the same agency, then codes and a number).
    checked: Vec<u8>,
    began: bool,
    /// After a record whose end could not be found: nothing more is read.
    stopped: bool,
    limits: Limits,
}

const INITIAL_BUFFER: usize = 1 << 20;

impl<R: Read> Records<R> {
    pub fn new(input: R) -> Records<R> {
        Records::with_limits(input, LIMITS)
    }

    pub fn with_limits(input: R, limits: Limits) -> Records<R> {
        Records {
            input,
            buf: vec![0; INITIAL_BUFFER],
            start: 0,
            end: 0,
            eof: false,
            line: 1,
            offset: 0,
            core: csv_core::Reader::new(),
            fields: vec![0; 1024],
            ends: vec![0; 16],
            encoding: None,
            checked: Vec::new(),
            began: false,
            stopped: false,
            limits,
        }
    }

    /// Reads the next record into `record` and returns the line it starts on; None at the
    /// end of the input. Blank lines are skipped, as the csv crate skips them.
    pub fn next_record(&mut self, record: &mut csv::ByteRecord) -> io::Result<Option<Line>> {
        if !self.began {
            self.began = true;
            if let Some(fault) = self.byte_order_mark()? {
                record.clear();
                return Ok(Some(Line {
                    number: 1,
                    fault: Some(fault),
                }));
            }
        }
        loop {
            if self.stopped {
                return Ok(None);
            }
            let unread = &self.buf[self.start..self.end];
            let (line_len, next) = match memchr::memchr(b'\n', unread) {
                Some(i) => (i, i + 1),
                None if self.eof => (unread.len(), unread.len()),
                None if unread.len() > self.limits.max_line => return self.too_long(record),
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
            if line_len > self.limits.max_line {
                return self.too_long(record);
            }
            if self.encoding.is_none() && !text.is_ascii() {
                // The buffer may move: cut the line again.
                self.decide()?;
                continue;
            }
            let number = self.line;
            let (text_len, offset) = (text.len(), self.offset);
            let fault = self.check(0, text_len, number, offset);
            let text = &self.buf[self.start..self.start + text_len];
            record.clear();
            if fault.is_none() {
                let gbk = self.gbk_text(text);
                let mut from = 0;
                for comma in memchr::memchr_iter(b',', text) {
                    push_field(record, &text[from..comma], gbk);
                    from = comma + 1;
                }
                push_field(record, &text[from..], gbk);
            }
            self.line += 1;
            self.consume(next);
            if text_len == 0 {
                continue;
            }
            return Ok(Some(Line { number, fault }));
        }
    }

    /// A UTF-8 BOM is skipped and decides the encoding; a UTF-16 one is a fault.
    fn byte_order_mark(&mut self) -> io::Result<Option<Fault>> {
        while self.end - self.start < 3 && !self.eof {
            self.refill()?;
        }
        let head = &self.buf[self.start..self.end];
        if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            self.consume(3);
            let evidence = Evidence {
                bom: true,
                ..Evidence::default()
            };
            self.encoding = Some((Enc::Utf8, evidence));
        } else if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            self.stopped = true;
            return Ok(Some(Fault::Utf16));
        }
        Ok(None)
    }

    /// Decides the encoding from the text at `start` on: at least `sniff` bytes of it, or
    /// all that is left.
    fn decide(&mut self) -> io::Result<()> {
        while self.end - self.start < self.limits.sniff && !self.eof {
            self.refill()?;
        }
        let window_end = self.end.min(self.start + self.limits.sniff);
        let complete = self.eof && window_end == self.end;
        self.encoding = Some(encoding::decide(
            &self.buf[self.start..window_end],
            complete,
        ));
        Ok(())
    }

    /// Checks the record at `buf[start + from..start + to]` (starting on line `number`, at
    /// input offset `offset`) against the file's encoding.
    fn check(&mut self, from: usize, to: usize, number: u64, offset: u64) -> Option<Fault> {
        let raw = &self.buf[self.start + from..self.start + to];
        // UTF-8 is valid or not character by character, and an ASCII byte ends any
        // character: the same bytes through the last one past ASCII are valid again. (Not
        // GBK: there an ASCII letter may be the second byte of a character.)
        if !self.checked.is_empty()
            && raw.starts_with(&self.checked)
            && raw[self.checked.len()..].is_ascii()
        {
            return None;
        }
        let last = raw.iter().rposition(|b| !b.is_ascii())?;
        let (enc, evidence) = self.encoding.expect("decided before a line past ASCII");
        let head = &raw[..=last];
        let Err(fault) = encoding::check_line(enc, raw, Strictness::Csv) else {
            if enc == Enc::Utf8 {
                self.checked.clear();
                self.checked.extend_from_slice(head);
            }
            return None;
        };
        let at = fault.at();
        let before = &raw[..at];
        let mut quoted = false;
        let mut field = 0;
        for b in before {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => field += 1,
                _ => {}
            }
        }
        Some(Fault::Encoding {
            line: number + memchr::memchr_iter(b'\n', before).count() as u64,
            offset: offset + at as u64,
            field,
            fault,
            enc,
            evidence,
        })
    }

    /// Whether the fields of this (checked) text must be decoded from GBK.
    fn gbk_text(&self, text: &[u8]) -> bool {
        matches!(self.encoding, Some((Enc::Gb18030, _))) && !text.is_ascii()
    }

    /// A record past the limit: its line is skipped up to its end, looked for through
    /// `max_scan` bytes; past that, nothing more is read.
    fn too_long(&mut self, record: &mut csv::ByteRecord) -> io::Result<Option<Line>> {
        record.clear();
        let number = self.line;
        let mut length = 0u64;
        loop {
            let unread = &self.buf[self.start..self.end];
            if let Some(i) = memchr::memchr(b'\n', unread) {
                length += i as u64;
                self.consume(i + 1);
                self.line += 1;
                break;
            }
            length += unread.len() as u64;
            let n = unread.len();
            self.consume(n);
            if self.eof {
                break;
            }
            if length > self.limits.max_scan {
                self.stopped = true;
                return Ok(Some(Line {
                    number,
                    fault: Some(Fault::TooLong {
                        length: None,
                        quoted: false,
                    }),
                }));
            }
            self.refill()?;
        }
        Ok(Some(Line {
            number,
            fault: Some(Fault::TooLong {
                length: Some(length),
                quoted: false,
            }),
        }))
    }

    /// One record read by csv_core from `start`, over as many lines and reads as it takes;
    /// the record stays in the buffer until it is read whole, to be checked.
    fn general_record(&mut self, record: &mut csv::ByteRecord) -> io::Result<Option<Line>> {
        // Blank lines and line ends before the record are skipped (csv_core would skip them
        // too), so that its number is the line of its first byte.
        loop {
            while self.start < self.end && matches!(self.buf[self.start], b'\n' | b'\r') {
                if self.buf[self.start] == b'\n' {
                    self.line += 1;
                }
                self.consume(1);
            }
            if self.start < self.end || self.eof {
                break;
            }
            self.refill()?;
        }
        let number = self.line;
        self.core.reset();
        let (mut len, mut out, mut nends, mut newlines) = (0, 0, 0, 0u64);
        loop {
            let from = self.start + len;
            let (result, nin, nout, nend) = self.core.read_record(
                &self.buf[from..self.end],
                &mut self.fields[out..],
                &mut self.ends[nends..],
            );
            newlines += memchr::memchr_iter(b'\n', &self.buf[from..from + nin]).count() as u64;
            len += nin;
            out += nout;
            nends += nend;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {
                    if len > self.limits.max_line {
                        // A quote left open runs to the end of the file: stop here.
                        self.stopped = true;
                        record.clear();
                        return Ok(Some(Line {
                            number,
                            fault: Some(Fault::TooLong {
                                length: None,
                                quoted: true,
                            }),
                        }));
                    }
                    // At the end of the input, the empty slice of the next call says so.
                    self.refill()?;
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
                    let mut fault = (len > self.limits.max_line).then_some(Fault::TooLong {
                        length: Some(len as u64),
                        quoted: true,
                    });
                    let raw = &self.buf[self.start..self.start + len];
                    if fault.is_none() && !raw.is_ascii() && self.encoding.is_none() {
                        self.decide()?;
                    }
                    if fault.is_none() {
                        fault = self.check(0, len, number, self.offset);
                    }
                    record.clear();
                    if fault.is_none() {
                        let gbk = self.gbk_text(&self.buf[self.start..self.start + len]);
                        let mut from = 0;
                        for &to in &self.ends[..nends] {
                            push_field(record, &self.fields[from..to], gbk);
                            from = to;
                        }
                    }
                    self.line += newlines;
                    self.consume(len);
                    return Ok(Some(Line { number, fault }));
                }
                csv_core::ReadRecordResult::End => {
                    self.line += newlines;
                    self.consume(len);
                    return Ok(None);
                }
            }
        }
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        self.offset += n as u64;
    }

    /// Moves the unread part to the front of the buffer (growing it when full) and reads
    /// more after it; sets `eof` when there is no more. The buffer grows only while a line
    /// within the limits or the text the encoding is decided from fills it.
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

/// Adds a field, decoded from GBK to UTF-8 when the line is GBK (checked valid: a field cut
/// at ASCII commas and quotes is valid too, as no GBK byte sequence holds either).
#[inline]
fn push_field(record: &mut csv::ByteRecord, field: &[u8], gbk: bool) {
    if gbk && !field.is_ascii() {
        match encoding::decode_checked(Enc::Gb18030, field) {
            Some(text) => record.push_field(text.as_bytes()),
            None => record.push_field(field),
        }
    } else {
        record.push_field(field);
    }
}

#[cfg(test)]
mod tests;
