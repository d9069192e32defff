//! Wijkwaardenkaart core: everything the desktop app and the `wwk` CLI share.
//!
//! - [`store`]: the encrypted SQLCipher file, migrations, identity and clock.
//! - [`catalog`]: values, regulations, codes and areas, loaded from `assets/`.
//! - [`domain`]: campaigns, households, visits, conversations, voorzieningencheck,
//!   referrals, participation, statistics and search.
//! - [`demo`]: the deterministic synthetic Nijmegen dataset.
//! - [`exchange`]: encrypted `.wwk` export files and the deterministic merge.

pub mod catalog;
pub mod demo;
pub mod domain;
pub mod exchange;
pub mod privacy;
pub mod report;
pub mod store;
pub mod util;

#[cfg(test)]
pub(crate) mod testutil;

pub use domain::DomainError;
pub use store::{Store, StoreError};
