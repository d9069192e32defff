//! Results derived from the store's contents (the profile's per-wijk counts),
//! kept in memory until the contents change, so that the app's second view of
//! the same counts (the city after the map, a dashboard opened again) does not
//! read the store again.
//!
//! A result is valid while the connection's content stamp is unchanged:
//! `total_changes()` moves with every row this connection writes, and
//! `PRAGMA data_version` with every commit by another connection (another
//! program on the same file). The stamp is taken before the result is made,
//! so a change made meanwhile makes the next lookup miss, never hit stale.

use rusqlite::Connection;
use std::any::Any;
use std::sync::{Arc, Mutex};

/// Results kept at once (a profile with its previous period).
const SLOTS: usize = 2;

type Slot = (String, (i64, u64), Arc<dyn Any + Send + Sync>);

#[derive(Default)]
pub(crate) struct Memo {
    slots: Mutex<Vec<Slot>>,
}

fn stamp(conn: &Connection) -> rusqlite::Result<(i64, u64)> {
    let version: i64 = conn.pragma_query_value(None, "data_version", |r| r.get(0))?;
    Ok((version, conn.total_changes()))
}

impl Memo {
    /// The value kept under `key`, if the contents did not change since.
    pub fn get<T: Any + Send + Sync>(
        &self,
        conn: &Connection,
        key: &str,
    ) -> rusqlite::Result<Option<Arc<T>>> {
        let now = stamp(conn)?;
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots.retain(|(_, s, _)| *s == now);
        Ok(slots
            .iter()
            .find(|(k, _, _)| k == key)
            .and_then(|(_, _, v)| Arc::clone(v).downcast::<T>().ok()))
    }

    /// The value kept under `key`, or `make`'s, kept for next time.
    pub fn get_or<T, E>(
        &self,
        conn: &Connection,
        key: &str,
        make: impl FnOnce() -> Result<T, E>,
    ) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        E: From<rusqlite::Error>,
    {
        if let Some(v) = self.get::<T>(conn, key)? {
            return Ok(v);
        }
        let now = stamp(conn)?;
        let value = Arc::new(make()?);
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots.retain(|(k, _, _)| k != key);
        if slots.len() >= SLOTS {
            slots.remove(0);
        }
        slots.push((key.to_string(), now, value.clone()));
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch("CREATE TABLE t(x)").unwrap();
        c
    }

    #[test]
    fn kept_until_this_connection_writes() {
        let c = conn();
        let memo = Memo::default();
        let made = std::cell::Cell::new(0);
        let get = |memo: &Memo, c: &Connection| {
            *memo
                .get_or(c, "k", || {
                    made.set(made.get() + 1);
                    c.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0))
                })
                .unwrap()
        };
        assert_eq!(get(&memo, &c), 0);
        assert_eq!(get(&memo, &c), 0);
        c.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(get(&memo, &c), 1);
        assert_eq!(made.get(), 2);
    }

    #[test]
    fn another_connections_commit_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let a = Connection::open(&path).unwrap();
        a.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t(x)")
            .unwrap();
        let b = Connection::open(&path).unwrap();
        let memo = Memo::default();
        let count =
            |c: &Connection| c.query_row("SELECT count(*) FROM t", [], |r| r.get::<_, i64>(0));
        assert_eq!(*memo.get_or(&a, "k", || count(&a)).unwrap(), 0);
        b.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(*memo.get_or(&a, "k", || count(&a)).unwrap(), 1);
    }
}
