//! The CSV reader on mixes of encodings: UTF-8 lines, GBK lines and stray bytes interleaved
//! in one file. Whatever the mix, the file is refused naming its lines, or every line is read
//! with the agency and value it was written with: never a name in another encoding's
//! characters.

use super::*;
use proptest::prelude::*;

/// Characters of agency names, with 时, 效 and 业, whose GBK bytes are valid UTF-8 by
/// chance (a name of them alone reads as Cyrillic and Latin letters in UTF-8).
const CHARS: &str = "淮安市人民政府晋江平潭综合实验区沭阳县发展和改革局浙省公安厅时效业";

#[derive(Clone, Debug)]
struct Line {
    agency: usize,
    value: u32,
    gbk: bool,
    /// A byte past ASCII put at this fraction of the line.
    stray: Option<(f64, u8)>,
}

fn name() -> impl Strategy<Value = String> {
    let chars: Vec<char> = CHARS.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 2..9).prop_map(|v| v.into_iter().collect())
}

fn line(agencies: usize) -> impl Strategy<Value = Line> {
    (
        0..agencies,
        0u32..100_000,
        any::<bool>(),
        prop::option::weighted(0.15, (0.0f64..1.0, 0x80u8..=0xFF)),
    )
        .prop_map(|(agency, value, gbk, stray)| Line {
            agency,
            value,
            gbk,
            stray,
        })
}

fn case() -> impl Strategy<Value = (Vec<String>, Vec<Line>)> {
    prop::collection::vec(name(), 1..5).prop_flat_map(|names| {
        let n = names.len();
        (Just(names), prop::collection::vec(line(n), 1..40))
    })
}

/// The file: a header, then line i states agency's year 1990 + i, so every line is a report
/// of its own and a line left out is seen.
fn file(names: &[String], lines: &[Line]) -> Vec<u8> {
    let mut out = b"agency,year,section,row,column,value\n".to_vec();
    for (i, l) in lines.iter().enumerate() {
        let text = format!(
            "{},{},requests,received_new,total,{}",
            names[l.agency],
            1990 + i,
            l.value
        );
        let mut bytes = if l.gbk {
            encoding_rs::GB18030.encode(&text).0.into_owned()
        } else {
            text.into_bytes()
        };
        if let Some((at, b)) = l.stray {
            let at = (at * bytes.len() as f64) as usize;
            bytes.insert(at.min(bytes.len()), b);
        }
        out.extend_from_slice(&bytes);
        out.push(b'\n');
    }
    out
}

/// Reads a file of at most 40 lines, on a thread given 10 seconds (a hang fails the case;
/// memory is bounded by the reader's own line limit, tested in records.rs).
fn read_bytes(bytes: Vec<u8>) -> (Vec<Report>, Problems) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut problems = Problems::default();
        let mut reports = Vec::new();
        read(
            Box::new(std::io::Cursor::new(bytes)),
            Path::new("mix.csv"),
            &mut problems,
            &mut |r| {
                reports.push(r);
                Ok(())
            },
        )
        .unwrap();
        let _ = tx.send((reports, problems));
    });
    rx.recv_timeout(std::time::Duration::from_secs(10))
        .expect("the CSV reader finished within 10 s")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn a_mix_of_encodings_is_refused_by_line_or_read_as_written((names, lines) in case()) {
        let (reports, problems) = read_bytes(file(&names, &lines));
        // A file with a problem is refused whole (one import is one transaction; under
        // --keep-going the file is left out), so its problems must name lines; a file read
        // without one must give back every line as it was written.
        for p in &problems.list {
            prop_assert!(p.line.is_some(), "a problem without its line: {p}");
        }
        if problems.is_empty() {
            prop_assert_eq!(reports.len(), lines.len());
            for r in &reports {
                let i = usize::try_from(r.year - 1990).unwrap();
                let want = &lines[i];
                prop_assert_eq!(
                    &r.agency, &names[want.agency],
                    "line {} was read under another name ({})", i + 2, &r.agency
                );
                prop_assert_eq!(r.get("received_new", "total"), Some(&Value::Int(i64::from(want.value))));
            }
        }
        // A file in one encoding with no stray byte reads whole, unless a GBK name's bytes
        // are valid UTF-8 too (时效): such a line says nothing of its encoding, and is refused.
        let one_encoding = lines.iter().all(|l| l.gbk == lines[0].gbk);
        let damaged = lines.iter().any(|l| l.stray.is_some());
        let ambiguous = lines.iter().any(|l| {
            l.gbk && std::str::from_utf8(&encoding_rs::GB18030.encode(&names[l.agency]).0).is_ok()
        });
        if one_encoding && !damaged && !ambiguous {
            prop_assert!(problems.is_empty(), "{}", problems);
        }
    }
}
