//! Where the program may write a file. One rule for every `--out` and every
//! path the app writes to: never the store itself or its journal files (by
//! path, canonical path or file identity, so `./v.db`, hard links and
//! symlinks to it are caught), never a device, FIFO, socket, directory or
//! anything under `/dev`, never through a symbolic link (refused, not
//! followed: the name the user sees is the file that gets written), and only
//! with an extension that fits the format.

use crate::error::ErrorCode;
use std::path::{Path, PathBuf};

/// Files next to a SQLite store that belong to it.
const STORE_SUFFIXES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{0} is de opslag zelf (of een bestand dat erbij hoort); kies een andere bestandsnaam, anders gaan alle gegevens verloren")]
    IsStore(PathBuf),
    #[error("{path} is {kind}, geen gewoon bestand; kies een bestandsnaam in een map")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{0} is een snelkoppeling (symbolische link); die wordt niet gevolgd. Kies het bestand zelf of een nieuwe naam")]
    Symlink(PathBuf),
    #[error("de map van {0} bestaat niet; kies een bestaande map")]
    NoDirectory(PathBuf),
    #[error("{path} heeft niet de juiste extensie; gebruik {expected}")]
    Extension { path: PathBuf, expected: String },
}

impl ErrorCode for OutputError {
    fn code(&self) -> &'static str {
        match self {
            OutputError::IsStore(_) => "output_is_store",
            OutputError::NotAFile { .. } => "output_not_a_file",
            OutputError::Symlink(_) => "output_symlink",
            OutputError::NoDirectory(_) => "output_no_directory",
            OutputError::Extension { .. } => "output_extension",
        }
    }

    fn is_invalid_input(&self) -> bool {
        true
    }
}

/// Checks that `target` may be written: see the module doc. `store` is the
/// open store's file, when there is one; `extensions` (lowercase, without the
/// dot) are the ones that fit the format (empty: any).
pub fn check(target: &Path, store: Option<&Path>, extensions: &[&str]) -> Result<(), OutputError> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = std::fs::canonicalize(&dir)
        .ok()
        .filter(|d| d.is_dir())
        .ok_or_else(|| OutputError::NoDirectory(target.to_path_buf()))?;
    if dir.starts_with("/dev") || dir.starts_with("/proc") || dir.starts_with("/sys") {
        return Err(OutputError::NotAFile {
            path: target.to_path_buf(),
            kind: "een systeembestand",
        });
    }
    let name = target
        .file_name()
        .ok_or_else(|| OutputError::NoDirectory(target.to_path_buf()))?;
    let full = dir.join(name);
    if let Ok(meta) = std::fs::symlink_metadata(&full) {
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Err(OutputError::Symlink(target.to_path_buf()));
        }
        if !kind.is_file() {
            return Err(OutputError::NotAFile {
                path: target.to_path_buf(),
                kind: describe(&kind),
            });
        }
    }
    if let Some(store) = store {
        if belongs_to_store(&full, store) {
            return Err(OutputError::IsStore(target.to_path_buf()));
        }
    }
    let ext = target
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !extensions.is_empty() && !ext.as_deref().is_some_and(|e| extensions.contains(&e)) {
        return Err(OutputError::Extension {
            path: target.to_path_buf(),
            expected: extensions
                .iter()
                .map(|e| format!(".{e}"))
                .collect::<Vec<_>>()
                .join(" of "),
        });
    }
    Ok(())
}

/// Whether `full` (a canonical directory joined with a file name) is the
/// store or one of its journal files: by name, or by file identity.
fn belongs_to_store(full: &Path, store: &Path) -> bool {
    let Some(store_dir) = store
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .and_then(|d| std::fs::canonicalize(d).ok())
    else {
        return false;
    };
    let Some(store_name) = store.file_name() else {
        return false;
    };
    // The store's own name may itself be a symlink: resolve it when it exists.
    let store_file = std::fs::canonicalize(store).unwrap_or_else(|_| store_dir.join(store_name));
    for suffix in STORE_SUFFIXES {
        let mut by_name = store_file.clone().into_os_string();
        by_name.push(suffix);
        let by_name = PathBuf::from(by_name);
        if full == by_name || same_file(full, &by_name) {
            return true;
        }
    }
    false
}

#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

fn describe(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() {
            return "een apparaat";
        }
        if kind.is_fifo() {
            return "een pijp (FIFO)";
        }
        if kind.is_socket() {
            return "een socket";
        }
    }
    if kind.is_dir() {
        "een map"
    } else {
        "geen gewoon bestand"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_and_its_journals_are_refused_by_name_link_and_identity() {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("v.db");
        std::fs::write(&store, b"opslag").unwrap();
        let pdf = &["pdf", "db", "db-wal"];
        for name in ["v.db", "v.db-wal", "v.db-shm", "v.db-journal"] {
            let e = check(
                &dir.path().join(name),
                Some(&store),
                &["db", "db-wal", "db-shm", "db-journal"],
            )
            .unwrap_err();
            assert_eq!(e.code(), "output_is_store", "{name}");
        }
        // A relative spelling of the same file.
        let rel = dir.path().join(".").join("v.db");
        assert_eq!(
            check(&rel, Some(&store), pdf).unwrap_err().code(),
            "output_is_store"
        );
        // A hard link to the store.
        let hard = dir.path().join("kopie.pdf");
        std::fs::hard_link(&store, &hard).unwrap();
        assert_eq!(
            check(&hard, Some(&store), pdf).unwrap_err().code(),
            "output_is_store"
        );
        // A symbolic link (to the store or anything else) is not followed.
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&store, &link).unwrap();
        assert_eq!(
            check(&link, Some(&store), pdf).unwrap_err().code(),
            "output_symlink"
        );
        // An ordinary new file next to it is fine.
        check(&dir.path().join("profiel.pdf"), Some(&store), pdf).unwrap();
    }

    #[test]
    fn devices_fifos_directories_and_wrong_extensions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            check(Path::new("/dev/null"), None, &["null"])
                .unwrap_err()
                .code(),
            "output_not_a_file"
        );
        let fifo = dir.path().join("pijp.csv");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            check(&fifo, None, &["csv"]).unwrap_err().code(),
            "output_not_a_file"
        );
        let sub = dir.path().join("map.csv");
        std::fs::create_dir(&sub).unwrap();
        assert_eq!(
            check(&sub, None, &["csv"]).unwrap_err().code(),
            "output_not_a_file"
        );
        let e = check(&dir.path().join("tabel.csv"), None, &["xlsx"]).unwrap_err();
        assert_eq!(e.code(), "output_extension");
        assert!(e.to_string().contains(".xlsx"), "{e}");
        assert_eq!(
            check(&dir.path().join("nergens/x.csv"), None, &["csv"])
                .unwrap_err()
                .code(),
            "output_no_directory"
        );
    }
}
