//! Encrypted exchange between laptops and coordinators: the `.wwk` file.
//!
//! This module owns the file format (an age-encrypted manifest + payload, see
//! [`bundle`]), keys ([`keys`]), export with a scope ([`export()`]), full
//! validation without changes ([`verify()`]), the deterministic merge of many
//! files in one transaction with receipts ([`merge()`]), and the review of
//! versions that lost a merge ([`conflicts()`], [`resolve_conflict()`]).
//!
//! Every entry point takes paths or bytes and returns serialisable summaries,
//! so the CLI and the app's screens stay thin adapters; long operations report
//! the shared [`Progress`] and can be cancelled (nothing is kept).

mod apply;
pub mod bundle;
mod conflicts;
mod error;
mod export;
pub mod keyring;
pub mod keys;
mod merge;
mod receipt;
pub mod record;
mod rows;
pub mod rule;
pub mod spec;
mod validate;
pub mod value;

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod proptests;
#[cfg(test)]
pub(crate) mod testutil;

pub use bundle::{Bundle, Manifest, FORMAT_VERSION};
pub use conflicts::{conflicts, resolve_conflict, ConflictView, FieldDiff, Keep, VersionView};
pub use error::{ExchangeError, Problem};
pub use export::{export, ExportOptions, ExportReceipt};
pub use keyring::{KeyKind, SavedKey};
pub use keys::{
    parse_recipient, public_keys_of, write_identity_file, GeneratedKey, Protection, Unlock,
};
pub use merge::{merge, verify, MergeOptions, MERGE_CACHE_KIB};
pub use receipt::{Counts, FileReceipt, FileSummary, MergeReceipt, VerifyReport};

use crate::progress::Progress;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What an export contains. Filters combine (all must match); records they
/// reference (a visit's household, a conversation's campaign…) always come along,
/// so every file can be merged on its own. Tombstones travel like other records.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// A wijk (`BU…`), stadsdeel (`WK…`) or the city (`GM0268`).
    #[serde(default)]
    pub area: Option<String>,
    /// One campaign: its walk list, visits, conversations and what hangs off them.
    #[serde(default)]
    pub campaign: Option<String>,
    /// Records changed on or after this date (`YYYY-MM-DD`).
    #[serde(default)]
    pub since: Option<String>,
}

impl Scope {
    pub fn is_everything(&self) -> bool {
        self.area.is_none() && self.campaign.is_none() && self.since.is_none()
    }

    /// "alles", or the filters in Dutch.
    pub fn describe(&self) -> String {
        if self.is_everything() {
            return "alles".into();
        }
        let mut parts = Vec::new();
        if let Some(a) = &self.area {
            parts.push(format!("gebied {a}"));
        }
        if let Some(c) = &self.campaign {
            parts.push(format!("ronde {c}"));
        }
        if let Some(s) = &self.since {
            parts.push(format!("gewijzigd sinds {s}"));
        }
        parts.join(", ")
    }
}

/// A file offered for verify or merge.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk, named by its path in messages.
    Path(PathBuf),
    /// Bytes already read (drag and drop); `name` is used in messages.
    Bytes { name: String, bytes: Vec<u8> },
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Path(p) => p.display().to_string(),
            Source::Bytes { name, .. } => name.clone(),
        }
    }

    pub(crate) fn read(&self) -> Result<std::borrow::Cow<'_, [u8]>, ExchangeError> {
        match self {
            Source::Bytes { bytes, .. } => {
                if bytes.len() as u64 > keys::MAX_FILE_BYTES {
                    return Err(self.too_large());
                }
                Ok(std::borrow::Cow::Borrowed(bytes))
            }
            Source::Path(p) => {
                let unreadable = |e: std::io::Error| {
                    ExchangeError::file(
                        &self.name(),
                        Problem::Unreadable(crate::util::reason::io(&e).into()),
                    )
                };
                let meta = std::fs::metadata(p).map_err(unreadable)?;
                if !meta.is_file() {
                    return Err(ExchangeError::file(
                        &self.name(),
                        Problem::Unreadable("geen gewoon bestand".into()),
                    ));
                }
                if meta.len() > keys::MAX_FILE_BYTES {
                    return Err(self.too_large());
                }
                Ok(std::borrow::Cow::Owned(
                    std::fs::read(p).map_err(unreadable)?,
                ))
            }
        }
    }

    fn too_large(&self) -> ExchangeError {
        ExchangeError::file(
            &self.name(),
            Problem::TooLarge {
                max_mb: keys::MAX_FILE_BYTES >> 20,
            },
        )
    }
}

/// Where a long operation is; reported as the Dutch stage of a [`Progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Reading the store (export) or a file (merge).
    Reading,
    /// Decrypting and checking a file.
    Checking,
    /// Writing records into the store.
    Applying,
    /// Encrypting and writing the export file.
    Writing,
}

impl Phase {
    fn label(self) -> &'static str {
        match self {
            Phase::Reading => "Lezen",
            Phase::Checking => "Ontsleutelen en controleren",
            Phase::Applying => "Samenvoegen in de opslag",
            Phase::Writing => "Versleutelen en wegschrijven",
        }
    }
}

pub(crate) fn report(
    progress: &mut dyn FnMut(&Progress) -> bool,
    phase: Phase,
    done: u64,
    total: u64,
    file: Option<&str>,
) -> Result<(), ExchangeError> {
    crate::progress::send(
        progress,
        Progress::new(phase.label(), done, total).in_file(file),
    )
    .map_err(|_| ExchangeError::Cancelled)
}
