//! Settings and bookkeeping in the store's `meta` table (key → text), one
//! place for its SQL. Works on a plain connection or inside a transaction.

use super::{Store, StoreError};
use rusqlite::{Connection, OptionalExtension};

/// The value of a `meta` key, if set.
pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

/// Sets a `meta` key, or removes it with `None`.
pub fn set(conn: &Connection, key: &str, value: Option<&str>) -> rusqlite::Result<()> {
    match value {
        Some(v) => conn
            .prepare_cached(
                "INSERT INTO meta(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            )?
            .execute((key, v))?,
        None => conn
            .prepare_cached("DELETE FROM meta WHERE key = ?1")?
            .execute([key])?,
    };
    Ok(())
}

impl Store {
    /// The value of a `meta` key (a setting), if set.
    pub fn meta_get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(get(self.conn(), key)?)
    }

    /// Sets a `meta` key, or removes it with `None`.
    pub fn meta_set(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        Ok(set(self.conn(), key, value)?)
    }
}
