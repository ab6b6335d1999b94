//! Inputs that are not what they claim, at sizes that used to take gigabytes: each is
//! refused in bounded time, memory and output, naming the file and line and saying how large
//! it was, and the database is left as it was.

use crate::bounded::refused;
use crate::harness::{Env, repo};
use std::time::Duration;

/// Generous for a debug build on a shared machine; each case takes about a second.
const LIMIT: Duration = Duration::from_secs(20);

fn imported() -> Env {
    let env = Env::new();
    env.run(["import".as_ref(), repo().join("data").as_os_str()])
        .success();
    env
}

/// A sparse file of `len` NUL bytes: no disk, any size.
fn nuls(env: &Env, name: &str, len: u64) {
    std::fs::File::create(env.path(name))
        .unwrap()
        .set_len(len)
        .unwrap();
}

/// 300 MB of NULs as .csv took 3 GB of memory and printed a 600 MB error.
#[test]
fn a_file_of_nuls_is_refused_in_bounded_memory_and_words() {
    let env = imported();
    nuls(&env, "nul.csv", 300_000_000);
    refused(
        &env,
        ["import", "nul.csv"],
        LIMIT,
        &[
            "nul.csv:1: the line runs on past 64 MiB without a line end (a line of canonical CSV has at most 65536 bytes): this is not a CSV file, and the rest of it is not read",
        ],
    );
}

/// /dev/zero grew without limit, as a report and (through a link named .csv) as CSV.
#[test]
fn dev_zero_is_refused_as_a_report_and_as_csv() {
    let env = imported();
    refused(
        &env,
        ["import", "/dev/zero"],
        LIMIT,
        &[
            "/dev/zero: 67108865 bytes were read and it goes on: a published report is read up to 64 MiB as PDF or image and 8 MiB as text, HTML or Markdown",
        ],
    );
    std::os::unix::fs::symlink("/dev/zero", env.path("zero.csv")).unwrap();
    refused(
        &env,
        ["import", "zero.csv"],
        LIMIT,
        &["zero.csv:1: the line runs on past 64 MiB without a line end"],
    );
}

/// A 100 MB header was echoed whole in its error.
#[test]
fn a_huge_header_is_not_echoed() {
    let env = imported();
    // agency, then a sparse gap of 100 MB (no disk), then the line end and a data line.
    {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::File::create(env.path("header.csv")).unwrap();
        f.write_all(b"agency,").unwrap();
        f.seek(SeekFrom::Start(100_000_000)).unwrap();
        f.write_all(b"\nA,2024,requests,received_new,total,1\n")
            .unwrap();
    }
    refused(
        &env,
        ["import", "header.csv"],
        LIMIT,
        &["header.csv:1: the line runs on past 64 MiB without a line end"],
    );
    // Within the line limit, a header field is quoted cut, with its length.
    let mut header = b"agency,".to_vec();
    header.resize(60_000, b'y');
    header.extend_from_slice(b",section,row,column,value\nA,2024,requests,received_new,total,1\n");
    env.write("wide.csv", header);
    let run = refused(
        &env,
        ["import", "wide.csv"],
        LIMIT,
        &[&format!(
            "wide.csv:1: header field 2 is \"{}\"… (59993 characters), expected \"year\"",
            "y".repeat(200)
        )],
    );
    assert!(run.stderr.len() < 1000, "{}", run.stderr);
}

/// A line past 64 KiB among good ones: refused with its length, and the lines after it still
/// read (their problems listed too).
#[test]
fn a_long_line_is_refused_with_its_length() {
    let env = imported();
    let mut text = String::from("agency,year,section,row,column,value\n");
    text.push_str("A,2024,requests,received_new,total,1\n");
    text.push_str(&format!(
        "A,2024,requests,received_new,total,{}\n",
        "9".repeat(100_000)
    ));
    text.push_str("A,2024,requests,carried_in,total,x\n");
    env.write("long.csv", text);
    refused(
        &env,
        ["import", "long.csv"],
        LIMIT,
        &[
            "error: 2 problems in 1 of 1 files",
            "long.csv:3: the line is 100035 bytes long, past the 65536 bytes a line of canonical CSV may have; it was skipped unread",
            "long.csv:4: column value: \"x\" is not a whole number",
        ],
    );
}

/// Within the line limit, a value is quoted cut to 200 characters with its length.
#[test]
fn a_long_value_is_quoted_cut() {
    let env = imported();
    let value = format!("1{}", "x".repeat(30_000));
    env.write(
        "value.csv",
        format!(
            "agency,year,section,row,column,value\nA,2024,requests,received_new,total,{value}\n"
        ),
    );
    let run = refused(
        &env,
        ["import", "value.csv"],
        LIMIT,
        &[&format!(
            "value.csv:2: column value: \"1{}\"… (30001 characters) is not a whole number",
            "x".repeat(199)
        )],
    );
    assert!(run.stderr.len() < 1000, "{}", run.stderr);
}

/// A published report past its size bound is refused with its size, unread.
#[test]
fn an_oversized_report_is_refused_with_its_size() {
    let env = imported();
    nuls(&env, "big.txt", 9 << 20);
    refused(
        &env,
        ["import", "big.txt"],
        LIMIT,
        &[
            "big.txt: the file is 9437184 bytes (9.0 MiB): a published report is read up to 64 MiB as PDF or image and 8 MiB as text, HTML or Markdown",
        ],
    );
    nuls(&env, "huge.pdf", 300 << 20);
    refused(
        &env,
        ["import", "huge.pdf"],
        LIMIT,
        &["huge.pdf: the file is 314572800 bytes (300.0 MiB)"],
    );
}
