//! Wijkwaardenkaart core: everything the desktop app and the `wwk` CLI share.
//! ARCHITECTURE.md has the same list as a table, with where to add a thing.
//!
//! - [`store`]: the encrypted SQLCipher file, migrations, identity, clock, settings.
//! - [`catalog`]: values, regulations, codes and areas, loaded from `assets/`.
//! - [`domain`]: what workers record (campaigns, households, visits,
//!   conversations, voorzieningencheck, referrals, participation), search, stats.
//! - [`profile`]: every aggregate that leaves the store, as one suppressed model.
//! - [`report`]: that model as a PDF (or JSON), written atomically.
//! - [`tables`]: anonymous tables for analysts (CSV, XLSX).
//! - [`ingest`]: spreadsheets in (voorzieningenchecks, campaign addresses).
//! - [`exchange`]: encrypted `.wwk` files and the deterministic merge.
//! - [`privacy`]: small-number rules, scrubbing, pseudonyms, retention, a resident's rights.
//! - [`progress`]: the one progress report (with cancel) of every long operation.
//! - [`error`]: the error contract (`code()`, `is_invalid_input()`).
//! - [`demo`]: the deterministic synthetic Nijmegen dataset.
//! - [`util`]: time, randomness, atomic file writes.

pub mod catalog;
pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod ingest;
pub mod privacy;
pub mod profile;
pub mod progress;
pub mod report;
pub mod store;
pub mod tables;
pub mod util;

#[cfg(test)]
pub(crate) mod testutil;

pub use domain::DomainError;
pub use error::ErrorCode;
pub use store::{Store, StoreError};
