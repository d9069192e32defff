//! The encrypted store: one SQLCipher file per installation.
//!
//! This module owns opening and creating the file (passphrase, pragmas, schema
//! migrations, newer-schema refusal), changing the passphrase, the installation's
//! identity (device id, worker profile) and the clock that stamps every synced
//! record. Reading and writing domain records lives in the sibling modules
//! (`store::records` and friends) as `impl Store` blocks.

mod cache;
mod error;
mod hlc;
mod memo;
pub(crate) mod meta;
mod migrations;
mod paths;
mod profile;
mod sqlcipher;
mod strength;

pub use cache::BulkCache;
pub use error::StoreError;
pub use hlc::{Hlc, Stamp, Stamper};
#[cfg(test)]
pub(crate) use migrations::migrate;
pub use migrations::{schema_version, SCHEMA_VERSION};
pub use paths::default_db_path;
pub use profile::Profile;
pub use strength::{passphrase_strength, Strength};

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Value of `meta.store_kind` in every store this program creates.
const STORE_KIND: &str = "wijkwaardenkaart";
/// First bytes of an unencrypted SQLite file.
const PLAIN_SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// Minimum passphrase length accepted when creating a store or changing the passphrase.
pub const MIN_PASSPHRASE_LEN: usize = 8;

/// An open, unlocked store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    profile: Profile,
    stamper: Stamper,
    memo: memo::Memo,
    read_only: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Creates a new encrypted store at `path`. Fails if a file already exists there.
    pub fn create(path: &Path, passphrase: &str, profile: &Profile) -> Result<Store, StoreError> {
        check_passphrase(passphrase)?;
        profile.validate()?;
        if path.is_dir() {
            return Err(StoreError::IsDirectory(path.to_path_buf()));
        }
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::Io(dir.to_path_buf(), e))?;
        }
        let result = Self::create_inner(path, passphrase, profile);
        if result.is_err() {
            // Never leave a half-initialised store behind.
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(with_suffix(path, suffix));
            }
        }
        result
    }

    fn create_inner(path: &Path, passphrase: &str, profile: &Profile) -> Result<Store, StoreError> {
        let mut conn = sqlcipher::open(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        apply_key(&conn, passphrase)?;
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        let device_id = uuid::Uuid::now_v7().to_string();
        let secret = crate::util::random_hex(32);
        {
            let tx = conn.transaction()?;
            for (k, v) in [
                ("store_kind", STORE_KIND),
                ("device_id", device_id.as_str()),
                ("store_secret", secret.as_str()),
                ("created_at", &crate::util::now_rfc3339()),
            ] {
                tx.execute("INSERT INTO meta(key, value) VALUES (?1, ?2)", (k, v))?;
            }
            profile::write(&tx, profile)?;
            crate::catalog::seed(&tx)?;
            tx.commit()?;
        }
        let store = Self::finish_open(conn, path, false)?;
        store.audit("init", &serde_json::json!({ "schema": SCHEMA_VERSION }))?;
        Ok(store)
    }

    /// Opens an existing store with its passphrase.
    pub fn open(path: &Path, passphrase: &str) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsDirectory(path.to_path_buf()));
        }
        if !path.is_file() {
            return Err(StoreError::NotFound(path.to_path_buf()));
        }
        let header = read_header(path)?;
        if header.len() < 16 {
            return Err(StoreError::NotAStore(path.to_path_buf()));
        }
        if header.starts_with(PLAIN_SQLITE_HEADER) {
            // An unencrypted SQLite file is never one of ours.
            return Err(StoreError::NotAStore(path.to_path_buf()));
        }
        // A file this user may not write (a copy on a read-only share, a
        // protected file) opens for reading only: SQLite then refuses every
        // write, and opening itself writes nothing.
        let read_only = !writable(path);
        let flags = if read_only {
            OpenFlags::SQLITE_OPEN_READ_ONLY
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let mut conn = sqlcipher::open(path, flags)?;
        apply_key(&conn, passphrase)?;
        // The first read tells whether the key decrypts the file.
        match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(_) => {}
            Err(e) if is_not_a_db(&e) => return Err(StoreError::WrongPassphrase),
            Err(e) => return Err(e.into()),
        }
        let kind: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'store_kind'", [], |r| {
                r.get(0)
            })
            .optional()
            .unwrap_or(None);
        let found = schema_version(&conn)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        if kind.as_deref() != Some(STORE_KIND) {
            return Err(StoreError::NotAStore(path.to_path_buf()));
        }
        if read_only {
            if found < SCHEMA_VERSION {
                return Err(StoreError::ReadOnlyOutdated {
                    from: found,
                    to: SCHEMA_VERSION,
                });
            }
            configure_reading(&conn)?;
            return Self::finish_open(conn, path, true);
        }
        configure(&conn)?;
        migrations::migrate(&mut conn)?;
        {
            // Deferred: an up-to-date catalogue (the usual case) is only read,
            // so opening never waits for another program's write.
            let tx = conn.transaction()?;
            crate::catalog::seed(&tx)?;
            tx.commit()?;
        }
        Self::finish_open(conn, path, false)
    }

    fn finish_open(
        mut conn: Connection,
        path: &Path,
        read_only: bool,
    ) -> Result<Store, StoreError> {
        // From here on a transaction is for writing: it takes the write lock
        // when it begins, waiting for it (busy_timeout) while another program
        // writes. A deferred one that read first could not wait when
        // upgrading: SQLite refuses at once if another program committed since
        // its snapshot. Reading takes a deferred one explicitly
        // (`Transaction::new_unchecked(.., Deferred)`). Opening (migrations,
        // catalogue refresh) runs before this, deferred, so an up-to-date
        // store is opened without waiting for the write lock.
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let profile = profile::read(&conn)?;
        let last = meta::get(&conn, "hlc_last")?;
        let clock = Arc::new(Mutex::new(Hlc::resume(last.as_deref())));
        let stamper = Stamper::new(clock, &profile.device_id, &profile.worker_name);
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            profile,
            stamper,
            memo: memo::Memo::default(),
            read_only,
        })
    }

    /// Changes the passphrase. The whole file is re-encrypted in one transaction.
    pub fn change_passphrase(&mut self, old: &str, new: &str) -> Result<(), StoreError> {
        check_passphrase(new)?;
        // Verify the old passphrase independently, so a stolen unlocked session
        // cannot silently re-key the store.
        {
            let probe = sqlcipher::open(&self.path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            apply_key(&probe, old)?;
            if let Err(e) = probe.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            }) {
                return Err(if is_not_a_db(&e) {
                    StoreError::WrongPassphrase
                } else {
                    e.into()
                });
            }
        }
        // SQLCipher re-keys only in rollback-journal mode.
        self.conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        let result = self.conn.pragma_update(None, "rekey", new);
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
        result?;
        self.audit("passwd", &serde_json::json!({}))?;
        Ok(())
    }

    /// The underlying connection, for the store's own modules and tests.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// True when the file could only be opened for reading: looking works,
    /// every change is refused with [`StoreError::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Refuses work that must leave a trace in the store (an audited export
    /// of personal data, bookkeeping) on a store opened for reading only,
    /// before anything is written elsewhere.
    pub fn require_writable(&self) -> Result<(), StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                Some("store opened read-only".into()),
            )));
        }
        Ok(())
    }

    /// Results derived from the contents, kept until they change.
    pub(crate) fn memo(&self) -> &memo::Memo {
        &self.memo
    }

    /// Mutable access, for transactions.
    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Updates the worker profile (name, team, device name).
    pub fn set_profile(&mut self, profile: Profile) -> Result<(), StoreError> {
        profile.validate()?;
        let mut profile = profile;
        profile.device_id = self.profile.device_id.clone();
        profile::write(&self.conn, &profile)?;
        self.stamper = self.stamper.for_author(&profile.worker_name);
        self.profile = profile;
        Ok(())
    }

    /// A fresh stamp (new id, creation time, clock reading) for a write by this installation.
    pub fn stamp(&self) -> Stamp {
        self.stamper.stamp()
    }

    /// A handle that stamps writes; usable while a transaction borrows the store.
    pub fn stamper(&self) -> Stamper {
        self.stamper.clone()
    }

    /// Advances the clock past a timestamp seen in data from another device.
    pub fn observe_clock(&self, remote_hlc: &str) {
        self.stamper.observe(remote_hlc);
    }

    /// The per-store secret used for keyed pseudonyms in anonymous tables.
    pub fn store_secret(&self) -> Result<String, StoreError> {
        meta::get(&self.conn, "store_secret")?
            .ok_or_else(|| StoreError::Migration("de opslag mist zijn geheime sleutel".into()))
    }

    /// Sets this connection's page cache (KiB) and frees the pages above it.
    /// The CLI keeps the larger default for its bulk commands; the desktop app,
    /// open all day next to a browser engine, asks for a smaller one (bulk
    /// operations raise it for their duration either way).
    pub fn set_page_cache(&self, kib: u32) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(kib))?;
        self.conn.execute_batch("PRAGMA shrink_memory")?;
        Ok(())
    }

    /// Appends an entry to the audit log of sensitive actions.
    pub fn audit(&self, action: &str, detail: &serde_json::Value) -> Result<(), StoreError> {
        audit_in(&self.conn, &self.profile, action, detail)
    }
}

/// Appends to the audit log inside an existing transaction.
pub fn audit_in(
    conn: &Connection,
    profile: &Profile,
    action: &str,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit_log(at, device_id, author, action, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            crate::util::now_rfc3339(),
            &profile.device_id,
            &profile.worker_name,
            action,
            detail.to_string(),
        ),
    )?;
    Ok(())
}

fn check_passphrase(passphrase: &str) -> Result<(), StoreError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_LEN {
        return Err(StoreError::WeakPassphrase(MIN_PASSPHRASE_LEN));
    }
    Ok(())
}

fn apply_key(conn: &Connection, passphrase: &str) -> Result<(), StoreError> {
    if passphrase.is_empty() {
        return Err(StoreError::WrongPassphrase);
    }
    // SQLCipher would otherwise log decryption failures to stderr; we report them ourselves.
    conn.pragma_update(None, "cipher_log_level", "NONE")?;
    conn.pragma_update(None, "key", passphrase)?;
    Ok(())
}

fn configure(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    // 64 MiB page cache: city-scale reports, merges and generation stay in memory.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

/// Settings of a connection that only reads (nothing is written to the file).
fn configure_reading(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

/// Whether this user may write the file (permissions, a read-only disk).
fn writable(path: &Path) -> bool {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .is_ok()
}

fn is_not_a_db(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase)
}

fn read_header(path: &Path) -> Result<Vec<u8>, StoreError> {
    use std::io::Read;
    let mut buf = vec![0u8; 16];
    let mut f = std::fs::File::open(path).map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    let n = f
        .read(&mut buf)
        .map_err(|e| StoreError::Io(path.to_path_buf(), e))?;
    buf.truncate(n);
    Ok(buf)
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}
