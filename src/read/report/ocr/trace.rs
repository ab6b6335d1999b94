//! Where OCR's time goes, told on stderr when `GOV_DB_OCR_TRACE` is set (to anything): each
//! page's steps in gov-db (straightening, grid, cutting cells, settling) with the CPU time of
//! the thread that took them and the wall time, and each Tesseract run with how many images it
//! read and its wall time. `bench/ocr.sh` gives the CPU time of each program run; this gives
//! gov-db's own share, step by step. Lines start `ocr:`; nothing is told when it is unset.
//! When it names a folder, the images and lists Tesseract was given are copied into it (the
//! last document's), to be read again by hand.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The variable that turns the trace on.
pub const VAR: &str = "GOV_DB_OCR_TRACE";

/// Is the trace on?
pub fn on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os(VAR).is_some())
}

/// This thread's CPU time (user and system) so far, from `/proc/thread-self/stat` (in clock
/// ticks, 10 ms on Linux); zero where there is no such file.
fn thread_cpu() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return Duration::ZERO;
    };
    // The fields after the command's name (which may hold spaces) in parentheses: utime and
    // stime are the 12th and 13th of them.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let ticks: u64 = after
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|f| f.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// A step's start: its wall clock and its thread's CPU time.
pub struct Clock {
    wall: Instant,
    cpu: Duration,
}

impl Clock {
    pub fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: if on() { thread_cpu() } else { Duration::ZERO },
        }
    }

    /// Tells the step done since the start (or since the last step told), and starts the next.
    pub fn step(&mut self, page: usize, what: &str) {
        if !on() {
            return;
        }
        let (wall, cpu) = (self.wall.elapsed(), thread_cpu().saturating_sub(self.cpu));
        tell(format_args!(
            "ocr: page {page} {what}: {:.2} s cpu, {:.3} s wall",
            cpu.as_secs_f64(),
            wall.as_secs_f64()
        ));
        *self = Clock::start();
    }
}

/// Copies what is in `dir` (a document's images and lists) into the folder the trace names,
/// when it names one.
pub fn keep(dir: &std::path::Path) {
    let Some(to) = std::env::var_os(VAR).map(std::path::PathBuf::from) else {
        return;
    };
    if !to.is_dir() {
        return;
    }
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let _ = std::fs::copy(entry.path(), to.join(entry.file_name()));
    }
}

/// Tells a program's run: what it was, how many images it read, its wall time.
pub fn run(what: &str, images: usize, started: Instant) {
    if on() {
        tell(format_args!(
            "ocr: {what}: {images} images, {:.3} s wall",
            started.elapsed().as_secs_f64()
        ));
    }
}

/// One line on stderr; a trace that cannot be written is no error of the import's.
fn tell(args: std::fmt::Arguments<'_>) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{args}");
}
