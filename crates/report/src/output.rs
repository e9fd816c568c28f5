//! Writing a report file safely: to a temporary file in the same folder, renamed over the
//! target only once it is whole (a full disk or a kill leaves the old file, never half a new
//! one), and never over a file the program must not destroy (the store it reads from).

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a report file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write the report over {path}: it is the store (pick another --out)")]
    IsProtected { path: String },
    #[error("writing {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` atomically, refusing when `path` is (by name, through symlinks, or
/// as a hard link) one of `protected`.
pub fn write_atomically(path: &Path, bytes: &[u8], protected: &[&Path]) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    let io = |source: std::io::Error| OutputError::Io {
        path: shown.clone(),
        source,
    };
    if protected.iter().any(|p| same_file(path, p)) {
        return Err(OutputError::IsProtected { path: shown });
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io(std::io::Error::other("not a file name")))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    Ok(())
}

/// Do `a` and `b` name one file? Compared canonically (symlinks resolved) and, on Unix, by
/// device and inode (hard links). A path that does not exist yet is compared by its folder.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (canonical(a), canonical(b)) {
        (Some(x), Some(y)) => x == y,
        _ => false,
    }
}

fn canonical(p: &Path) -> Option<PathBuf> {
    if let Ok(c) = p.canonicalize() {
        return Some(c);
    }
    let parent = match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(p.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tempdir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("corroborate-out-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn write(path: &Path, protected: &[&Path]) -> String {
        write_atomically(path, b"# Dossier\n", protected)
            .map(|_| "written".to_string())
            .unwrap_or_else(|e| e.to_string())
    }

    /// Issue 17: `analyze --out` naming the `--db` file left "database disk image is malformed".
    #[test]
    fn the_store_is_never_overwritten() {
        let d = tempdir("store");
        let db = d.join("c.db");
        std::fs::write(&db, "SQLite format 3\0").unwrap();
        let refused = format!(
            "refusing to write the report over {}: it is the store (pick another --out)",
            db.display()
        );
        assert_eq!(write(&db, &[&db]), refused);
        // The same file by another name: through `..`, a symlink, a hard link.
        let sub = d.join("sub");
        std::fs::create_dir(&sub).unwrap();
        let dotted = sub.join("../c.db");
        assert!(write(&dotted, &[&db]).starts_with("refusing"));
        #[cfg(unix)]
        {
            let link = d.join("link.md");
            std::os::unix::fs::symlink(&db, &link).unwrap();
            assert!(write(&link, &[&db]).starts_with("refusing"));
            let hard = d.join("hard.md");
            std::fs::hard_link(&db, &hard).unwrap();
            assert!(write(&hard, &[&db]).starts_with("refusing"));
        }
        assert_eq!(std::fs::read(&db).unwrap(), b"SQLite format 3\0");
        // A store that does not exist yet is still protected by its name.
        let fresh = d.join("new.db");
        assert!(write(&fresh, &[&fresh]).starts_with("refusing"));
        std::fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let d = tempdir("atomic");
        let out = d.join("dossier.md");
        assert_eq!(write(&out, &[]), "written");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "# Dossier\n");
        // Renaming over a folder fails after the temporary file was written: it is removed.
        let folder = d.join("folder");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("keep"), "x").unwrap();
        assert!(write(&folder, &[]).starts_with("writing"));
        assert!(folder.join("keep").exists());
        let names: Vec<String> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
        std::fs::remove_dir_all(&d).ok();
    }
}
