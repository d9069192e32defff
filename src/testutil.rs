//! Helpers for the crate's unit tests: fresh encrypted stores on disk.

use crate::store::{Profile, Store};

/// The passphrase of every store made here.
pub(crate) const PASS: &str = "geheim-wachtwoord";

/// A new store in its own temporary directory. Keep the directory alive as
/// long as the store is used: dropping it deletes the file.
pub(crate) fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::create(
        &dir.path().join("s.db"),
        PASS,
        &Profile::new("Anna", "Team Oost", "laptop"),
    )
    .expect("create store");
    (dir, store)
}

/// A new store filled by the demo generator with `households` households.
pub(crate) fn demo_store(households: u32, seed: u64) -> (tempfile::TempDir, Store) {
    let (dir, mut store) = temp_store();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions { households, seed },
        &mut |_| true,
    )
    .expect("demo data");
    (dir, store)
}

/// The wijk with the most conversations (the demo's busiest).
pub(crate) fn busiest_wijk(store: &Store) -> String {
    store
        .stats_by_area()
        .expect("stats")
        .into_iter()
        .max_by_key(|a| a.conversations)
        .expect("a wijk")
        .code
}
