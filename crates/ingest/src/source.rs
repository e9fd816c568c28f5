//! Reading an input's bytes under a budget: regular files, named pipes and standard input are
//! read through `Read::take(limit + 1)`, so no input can make us hold more than the limit, and
//! special files (devices, sockets) are refused before a byte is read.
//!
//! The size a file system reports is only a hint (`/dev/zero` reports 0, a file can grow while
//! we read it): the budget is enforced on the bytes actually read, and again on every byte a
//! decompressor produces ([`gunzip`]).

use crate::ReadError;
use std::io::{ErrorKind, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// How much one input may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes read from the input, and bytes after decompression (gzip files, WARC members,
    /// gzip HTTP bodies), each counted against this budget.
    pub max_bytes: u64,
    /// How long a named pipe may stay silent before it is given up.
    pub pipe_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bytes: crate::DEFAULT_MAX_BYTES,
            pipe_timeout: Duration::from_secs(10),
        }
    }
}

impl Limits {
    /// The default limits with another byte budget.
    pub fn with_max_bytes(max_bytes: u64) -> Limits {
        Limits {
            max_bytes,
            ..Limits::default()
        }
    }
}

/// Where an input's bytes come from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    Path(&'a Path),
    Stdin,
}

/// Reads the whole input, refusing it as soon as it passes `limits.max_bytes`.
///
/// Regular files and standard input are read as they are; a named pipe is opened without
/// waiting for a writer and given up after `limits.pipe_timeout` without data; character and
/// block devices, sockets and directories are refused.
pub fn read_source(source: Source<'_>, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    match source {
        Source::Stdin => read_bounded(std::io::stdin().lock(), limits.max_bytes),
        Source::Path(path) => read_path(path, limits),
    }
}

fn read_path(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(io_error)?;
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(ReadError::Unreadable("is a directory".to_string()));
    }
    if kind.is_file() {
        if meta.len() > limits.max_bytes {
            return Err(ReadError::TooLarge {
                size: meta.len(),
                limit: limits.max_bytes,
            });
        }
        let file = std::fs::File::open(path).map_err(io_error)?;
        return read_bounded(file, limits.max_bytes);
    }
    special(path, &kind, limits)
}

#[cfg(unix)]
fn special(path: &Path, kind: &std::fs::FileType, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let what = if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_fifo() {
        // Opened without blocking: with no writer the open would otherwise wait forever.
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
            .map_err(io_error)?;
        return read_pipe(file, limits);
    } else {
        "not a regular file"
    };
    Err(ReadError::Unreadable(format!(
        "is {what}, not a file (refused: it may never end)"
    )))
}

#[cfg(not(unix))]
fn special(_: &Path, _: &std::fs::FileType, _: &Limits) -> Result<Vec<u8>, ReadError> {
    Err(ReadError::Unreadable("not a regular file".to_string()))
}

/// Reads a non-blocking pipe: polls while the writer is silent, gives up after the timeout.
/// A pipe nobody has opened for writing reads as end of input at once.
#[cfg(unix)]
fn read_pipe(mut file: std::fs::File, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut last = Instant::now();
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if (out.len() + n) as u64 > limits.max_bytes {
                    return Err(ReadError::OverLimit {
                        what: "input",
                        limit: limits.max_bytes,
                    });
                }
                out.extend_from_slice(&buf[..n]);
                last = Instant::now();
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                if last.elapsed() >= limits.pipe_timeout {
                    return Err(ReadError::Unreadable(format!(
                        "named pipe sent nothing for {} s; given up",
                        limits.pipe_timeout.as_secs_f32()
                    )));
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e)),
        }
    }
    if out.is_empty() {
        return Err(ReadError::Unreadable(
            "named pipe has no writer (nothing to read)".to_string(),
        ));
    }
    Ok(out)
}

/// Reads `r` to its end, or fails once more than `limit` bytes came out of it.
pub fn read_bounded(r: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(io_error)?;
    if out.len() as u64 > limit {
        return Err(ReadError::OverLimit {
            what: "input",
            limit,
        });
    }
    Ok(out)
}

/// Decompresses gzip data (one or more members), failing once the output passes `limit`
/// bytes: a few megabytes that inflate to gigabytes cost at most `limit`.
pub fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Malformed(format!("gzip stream is broken: {e}")))?;
    if out.len() as u64 > limit {
        return Err(ReadError::OverLimit {
            what: "decompressed data",
            limit,
        });
    }
    Ok(out)
}

fn io_error(e: std::io::Error) -> ReadError {
    ReadError::Unreadable(format!("cannot read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_bytes: u64) -> Limits {
        Limits {
            max_bytes,
            pipe_timeout: Duration::from_millis(300),
        }
    }

    fn message(r: Result<Vec<u8>, ReadError>) -> String {
        r.map(|b| format!("{} bytes", b.len()))
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn a_file_within_the_budget_is_read_and_one_over_is_refused() {
        let dir = tempdir();
        let p = dir.join("a.txt");
        std::fs::write(&p, "x".repeat(100)).unwrap();
        assert_eq!(
            message(read_source(Source::Path(&p), &limits(100))),
            "100 bytes"
        );
        assert_eq!(
            message(read_source(Source::Path(&p), &limits(99))),
            "100 bytes is over the 99-byte input limit (raise it with --max-input-size)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_without_reading() {
        for dev in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let p = Path::new(dev);
            if !p.exists() {
                panic!("{dev} is missing on this machine");
            }
            assert_eq!(
                message(read_source(Source::Path(p), &limits(1 << 20))),
                "is a character device, not a file (refused: it may never end)",
                "{dev}"
            );
        }
    }

    #[test]
    fn a_directory_is_not_an_input() {
        let dir = tempdir();
        assert_eq!(
            message(read_source(Source::Path(&dir), &limits(10))),
            "is a directory"
        );
    }

    #[test]
    fn an_endless_reader_stops_at_the_budget() {
        // /dev/zero through a plain reader: the budget, not the source, ends the read.
        let endless = std::io::repeat(b'a');
        assert_eq!(
            message(read_bounded(endless, 4096)),
            "input is over the 4096-byte input limit (raise it with --max-input-size)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_without_writer_does_not_block() {
        let dir = tempdir();
        let p = dir.join("fifo");
        mkfifo(&p);
        let t = Instant::now();
        assert_eq!(
            message(read_source(Source::Path(&p), &limits(1 << 20))),
            "named pipe has no writer (nothing to read)"
        );
        assert!(t.elapsed() < Duration::from_secs(5));
    }

    #[cfg(unix)]
    #[test]
    fn a_silent_writer_times_out_and_a_talking_one_is_read() {
        let dir = tempdir();
        let p = dir.join("fifo");
        mkfifo(&p);
        // Opened read-write, the pipe has a writer that says nothing (and opening never blocks).
        let hold = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&p)
            .unwrap();
        assert_eq!(
            message(read_source(Source::Path(&p), &limits(1 << 20))),
            "named pipe sent nothing for 0.3 s; given up"
        );
        std::io::Write::write_all(&mut &hold, b"Homs fell on Saturday.").unwrap();
        let closer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            drop(hold);
        });
        assert_eq!(
            message(read_source(Source::Path(&p), &limits(1 << 20))),
            "22 bytes"
        );
        closer.join().unwrap();
    }

    #[test]
    fn gzip_output_is_bounded() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        e.write_all(&vec![b'a'; 10 << 20]).unwrap();
        let gz = e.finish().unwrap();
        assert!(gz.len() < 100_000);
        assert_eq!(gunzip(&gz, 10 << 20).unwrap().len(), 10 << 20);
        assert_eq!(
            message(gunzip(&gz, 1 << 20)),
            "decompressed data is over the 1048576-byte input limit (raise it with --max-input-size)"
        );
    }

    pub(crate) fn tempdir() -> std::path::PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let d = std::env::temp_dir().join(format!(
            "corroborate-ingest-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[cfg(unix)]
    fn mkfifo(p: &Path) {
        let ok = std::process::Command::new("mkfifo")
            .arg(p)
            .status()
            .unwrap()
            .success();
        assert!(ok, "mkfifo failed");
    }
}
