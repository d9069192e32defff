//! Opening SQLCipher connections safely from several threads at once.
//!
//! SQLCipher finishes its own set-up (crypto provider, private heap) in
//! `sqlite3_initialize` *after* SQLite has marked itself initialised. A second
//! thread that opens a connection in that window sees SQLite as ready, and its
//! `PRAGMA key` fails with "An error occurred with PRAGMA key or rekey" because
//! SQLCipher is not yet. Every connection the store opens therefore goes through
//! [`open`], which completes the initialisation exactly once (and waits for
//! SQLCipher when another thread began it), with all other threads waiting on
//! a Rust `OnceLock` until it is done.

use rusqlite::{ffi, Connection, OpenFlags};
use std::path::Path;
use std::sync::OnceLock;

/// Opens `path` after SQLite and SQLCipher are fully initialised. From the
/// first read on, a lock another program holds is waited for (up to
/// [`BUSY_TIMEOUT`]) instead of failing at once.
pub(crate) fn open(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    initialise()?;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// How long a statement waits for another program's lock.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Runs `sqlite3_initialize` once per process and remembers its result.
fn initialise() -> rusqlite::Result<()> {
    static RESULT: OnceLock<i32> = OnceLock::new();
    let rc = *RESULT.get_or_init(|| {
        // SAFETY: sqlite3_initialize takes no arguments and may be called at any
        // time; the OnceLock makes every caller wait until this block is done.
        let rc = unsafe { ffi::sqlite3_initialize() };
        if rc == ffi::SQLITE_OK {
            wait_for_sqlcipher();
        }
        rc
    });
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rusqlite::Error::SqliteFailure(
            ffi::Error::new(rc),
            Some("SQLCipher kon niet worden gestart".into()),
        ))
    }
}

/// If a connection opened elsewhere (not through [`open`]) started SQLite's
/// initialisation first, `sqlite3_initialize` returns at once while SQLCipher
/// may still be setting up in that thread. Keying a throwaway in-memory
/// database tells when it is ready; give it up to a second.
fn wait_for_sqlcipher() {
    for _ in 0..1000 {
        let ready = Connection::open_in_memory()
            .and_then(|c| c.pragma_update(None, "key", "probe"))
            .is_ok();
        if ready {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_opened_from_many_threads_at_once_can_all_be_keyed() {
        let dir = tempfile::tempdir().unwrap();
        let threads = 12;
        let barrier = std::sync::Barrier::new(threads);
        std::thread::scope(|s| {
            for t in 0..threads {
                let (dir, barrier) = (dir.path(), &barrier);
                s.spawn(move || {
                    barrier.wait();
                    let conn = open(
                        &dir.join(format!("{t}.db")),
                        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
                    )
                    .unwrap();
                    conn.pragma_update(None, "key", "correct horse battery")
                        .expect("PRAGMA key on a fresh connection");
                });
            }
        });
    }
}
