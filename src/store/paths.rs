//! Where the store lives by default: the platform data directory, shared by app and CLI.

use std::path::PathBuf;

/// `…/wijkwaardenkaart/wijkwaardenkaart.db` in the platform data directory
/// (on Linux `~/.local/share/wijkwaardenkaart/`). `WWK_DB` overrides it.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("WWK_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let base = directories::BaseDirs::new()
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("wijkwaardenkaart").join("wijkwaardenkaart.db")
}
