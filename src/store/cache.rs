//! The page cache of a store connection for work that reads much of the store
//! (anonymous tables, the purge, dashboards and the map of a whole stadsdeel or
//! the city): raised while it runs, then set back and its memory returned.

use rusqlite::Connection;

/// Page cache (KiB) for bulk reads and purges: a city store is larger than
/// SQLite's default 2 MB cache, and every page read again is decrypted again.
pub(crate) const BULK_CACHE_KIB: i64 = 256 * 1024;

/// The bulk page cache while it is alive: raised by [`BulkCache::raise`], set
/// back (and its memory returned) when dropped, also on errors and panics.
#[must_use = "the cache is set back as soon as the guard is dropped"]
pub struct BulkCache<'a> {
    conn: &'a Connection,
    before: i64,
}

impl<'a> BulkCache<'a> {
    /// Raises the page cache of `conn` for a bulk operation.
    pub fn raise(conn: &'a Connection) -> rusqlite::Result<BulkCache<'a>> {
        Self::raise_to(conn, BULK_CACHE_KIB)
    }

    /// Raises the page cache of `conn` to `kib` KiB.
    pub fn raise_to(conn: &'a Connection, kib: i64) -> rusqlite::Result<BulkCache<'a>> {
        let before: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -kib)?;
        Ok(BulkCache { conn, before })
    }
}

impl Drop for BulkCache<'_> {
    /// Restores the page cache, frees the pages above it and hands the freed
    /// memory back to the operating system (the desktop app stays open all
    /// day; without this its memory would stay at its peak).
    fn drop(&mut self) {
        let _ = self.conn.pragma_update(None, "cache_size", self.before);
        let _ = self.conn.execute_batch("PRAGMA shrink_memory");
        release_free_memory();
    }
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
