//! The page cache of a store connection for work that reads much of the store
//! (anonymous tables, the purge, dashboards and the map of a whole stadsdeel or
//! the city): raised while it runs, then set back and its memory returned.

use rusqlite::Connection;

/// Page cache (KiB) for bulk reads and purges: a city store is larger than
/// SQLite's default 2 MB cache, and every page read again is decrypted again.
pub(crate) const BULK_CACHE_KIB: i64 = 256 * 1024;

/// Sets the page cache for a bulk operation and returns the previous setting.
pub(crate) fn bulk_cache(conn: &Connection) -> rusqlite::Result<i64> {
    let before: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
    Ok(before)
}

/// Restores the page cache after a bulk operation, frees the pages above it
/// and hands the freed memory back to the operating system (the desktop app
/// stays open all day; without this its memory would stay at its peak).
pub(crate) fn restore_cache(conn: &Connection, before: i64) {
    let _ = conn.pragma_update(None, "cache_size", before);
    let _ = conn.execute_batch("PRAGMA shrink_memory");
    release_free_memory();
}

/// Returns free heap memory to the operating system where the allocator keeps
/// it (glibc keeps freed memory of its per-thread arenas mapped).
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            /// glibc: `int malloc_trim(size_t pad)`, releases free memory at
            /// the top of the heap and free pages inside every arena.
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim has no preconditions; it only inspects and
        // releases the allocator's own free memory.
        unsafe {
            malloc_trim(0);
        }
    }
}
