//! Small shared helpers: time formatting, randomness, atomic file writes, and
//! the rule for where a file may be written ([`output`]).

pub mod output;
pub mod reason;

use rand::RngCore;
use std::io::Write;
use std::path::Path;

/// Now as RFC 3339 UTC with milliseconds.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `n` random bytes from the OS generator, hex encoded.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// Writes `bytes` to `target` atomically: a temp file in the same directory,
/// fsync, rename, fsync of the directory. A crash leaves either the old file or
/// the new one, never a partial file under the target name.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_mode(target, bytes, 0o666)
}

/// Like [`write_atomic`], but the file is readable by its owner only (0600 on
/// Unix) from the moment it exists: for secret keys.
pub fn write_atomic_private(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_mode(target, bytes, 0o600)
}

fn write_atomic_mode(target: &Path, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", random_hex(6)));
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, mode);
        #[cfg(not(unix))]
        let _ = mode;
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, target)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    #[test]
    fn atomic_write_replaces_the_target_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.txt");
        std::fs::write(&target, "oud").unwrap();
        super::write_atomic(&target, b"nieuw").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "nieuw");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
