//! Verify and merge, streamed: first the start of every offered file (its
//! manifest and catalogue section: a file merged before is recognised there
//! and read no further, and the catalogue plan is decided), then the files
//! one by one, decoded on a second core while the previous one is checked
//! and applied (`apply`) in one transaction. Any problem in any file rolls
//! everything back, so a merge is still all or nothing; at most two decoded
//! files are in memory at once.
//!
//! The merge rule itself (per record) is described in `apply`: identity by
//! id, the newer (`updated_at`, `device_id`) version wins, losing versions
//! from other devices are kept for review, `purged` is sticky; the result is
//! the same in any order and merging a file twice changes nothing.

use super::apply::{Applier, Offered};
use super::bundle::{Bundle, CatalogDoc, Manifest};
use super::error::ExchangeError;
use super::keys::{Opener, Unlock};
use super::receipt::{FileSummary, MergeReceipt, VerifyReport};
use super::spec::TABLES;
use super::validate::{catalog_plan, RefCheck};
use super::{report, Phase, Progress, Source};
use crate::store::Store;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// Run the whole merge and report, then roll back.
    pub dry_run: bool,
}

/// When this payload was merged into the store before, if ever.
fn merged_before(conn: &Connection, payload_id: &str) -> Result<Option<String>, ExchangeError> {
    Ok(conn
        .query_row(
            "SELECT merged_at FROM exchange_merge WHERE payload_sha256 = ?1 ORDER BY id LIMIT 1",
            [payload_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// Page cache (KiB) of a merge. Its pages are mostly written once; a city
/// merge ran faster with 64 MB than with 256 MB (dirty pages go to the WAL
/// as it goes instead of all at commit) or 16 MB, and stays far below
/// 400 MB (BENCHMARKS.md, "Exchange").
pub const MERGE_CACHE_KIB: i64 = 64 * 1024;

/// What the first pass learns of a file from the start of its plaintext.
struct FileHead {
    manifest: Manifest,
    catalogs: Vec<CatalogDoc>,
    /// When the store merged this payload before, if ever.
    already: Option<String>,
    /// Merge only: merged before, or a repeat of an earlier file of this
    /// batch, so not read further.
    skip: bool,
}

/// Reads the start of every file: decrypting and unpacking only the
/// manifest and the catalogue section. With `skip_merged`, a file whose
/// payload the store merged before, or that repeats an earlier file of the
/// batch, is marked to be skipped.
fn read_heads(
    conn: &Connection,
    sources: &[Source],
    opener: &Opener,
    skip_merged: bool,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Vec<FileHead>, ExchangeError> {
    if sources.is_empty() {
        return Err(ExchangeError::NoFiles);
    }
    let total = sources.len() as u64;
    let mut seen: HashSet<String> = HashSet::new();
    let mut heads = Vec::with_capacity(sources.len());
    for (i, src) in sources.iter().enumerate() {
        let name = src.name();
        report(progress, Phase::Checking, i as u64, total, Some(&name))?;
        let bytes = src.read()?;
        let (manifest, catalogs) = opener
            .head(&bytes)
            .and_then(|mut head| super::bundle::read_head(&mut head))
            .map_err(|p| ExchangeError::file(&name, p))?;
        let id = manifest.payload.id();
        let already = merged_before(conn, &id)?;
        let repeat = !seen.insert(id);
        heads.push(FileHead {
            manifest,
            catalogs,
            skip: skip_merged && (already.is_some() || repeat),
            already,
        });
    }
    Ok(heads)
}

fn plan_of(
    conn: &Connection,
    sources: &[Source],
    heads: &[FileHead],
) -> Result<Vec<(String, CatalogDoc)>, ExchangeError> {
    let names: Vec<String> = sources.iter().map(Source::name).collect();
    let offered: Vec<(&str, &[CatalogDoc])> = names
        .iter()
        .zip(heads)
        .filter(|(_, h)| !h.skip)
        .map(|(n, h)| (n.as_str(), h.catalogs.as_slice()))
        .collect();
    catalog_plan(conn, &offered)
}

fn decode_source(opener: &Opener, src: &Source) -> Result<Bundle, ExchangeError> {
    let name = src.name();
    let bytes = src.read()?;
    let plain = opener
        .decrypt(&bytes)
        .map_err(|p| ExchangeError::file(&name, p))?;
    drop(bytes);
    super::bundle::decode(&plain).map_err(|p| ExchangeError::file(&name, p))
}

/// Decodes the chosen files in order on a second thread and hands each to
/// `each` as soon as it is ready; the decoder stays at most one file ahead.
/// A file `each` is done with goes back to the decoder's thread to be freed
/// there, where it was allocated. The first error (decoding or from `each`)
/// ends the stream.
fn stream(
    opener: &Opener,
    sources: &[Source],
    chosen: &[usize],
    mut each: impl FnMut(usize, &Bundle) -> Result<(), ExchangeError>,
) -> Result<(), ExchangeError> {
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Bundle, ExchangeError>>(0);
        let (done_tx, done_rx) = std::sync::mpsc::channel::<Bundle>();
        s.spawn(move || {
            for &i in chosen {
                while let Ok(done) = done_rx.try_recv() {
                    drop(done);
                }
                let decoded = decode_source(opener, &sources[i]);
                let failed = decoded.is_err();
                // A closed channel: the receiver stopped at an error.
                if tx.send(decoded).is_err() || failed {
                    break;
                }
            }
            // The rest, until the applier hangs up.
            for done in done_rx {
                drop(done);
            }
        });
        for &i in chosen {
            let bundle = rx.recv().expect("the decoder sends one result per file")?;
            let result = each(i, &bundle);
            // Only fails when the decoder has ended; then this thread frees it.
            let _ = done_tx.send(bundle);
            result?;
        }
        Ok(())
    })
}

/// Full validation of the files against the store; changes nothing.
pub fn verify(
    store: &Store,
    sources: &[Source],
    unlock: &Unlock,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<VerifyReport, ExchangeError> {
    let conn = store.conn();
    let opener = Opener::new(unlock)?;
    let heads = read_heads(conn, sources, &opener, false, progress)?;
    let plan = plan_of(conn, sources, &heads)?;
    let mut check = RefCheck::new(conn, &plan, true)?;
    let total = sources.len() as u64;
    let all: Vec<usize> = (0..sources.len()).collect();
    let mut files = Vec::with_capacity(sources.len());
    stream(&opener, sources, &all, |i, bundle| {
        let name = sources[i].name();
        report(progress, Phase::Checking, i as u64, total, Some(&name))?;
        check.file(conn, &name, bundle)?;
        files.push(FileSummary::of(&name, bundle, heads[i].already.clone()));
        Ok(())
    })?;
    check.finish(conn)?;
    report(progress, Phase::Checking, total, total, None)?;
    Ok(VerifyReport { files })
}

/// Merges the files into the store in one transaction and returns the
/// receipt. Stories and quotes that came in are searchable once
/// [`Store::index_search`] has caught up (see `domain::search`).
pub fn merge(
    store: &mut Store,
    sources: &[Source],
    unlock: &Unlock,
    opts: &MergeOptions,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<MergeReceipt, ExchangeError> {
    let opener = Opener::new(unlock)?;
    let heads = read_heads(store.conn(), sources, &opener, true, progress)?;
    let plan = plan_of(store.conn(), sources, &heads)?;
    let _cache = crate::store::BulkCache::raise_to(store.conn(), MERGE_CACHE_KIB)?;
    let profile = store.profile().clone();
    let stamper = store.stamper();
    let merged_at = crate::util::now_rfc3339();
    let chosen: Vec<usize> = (0..heads.len()).filter(|i| !heads[*i].skip).collect();
    let mut incoming = vec![0u64; TABLES.len()];
    for i in &chosen {
        for (n, spec) in incoming.iter_mut().zip(&TABLES) {
            *n += heads[*i]
                .manifest
                .counts
                .get(spec.name)
                .copied()
                .unwrap_or(0);
        }
    }
    let total = heads
        .iter()
        .map(|h| h.manifest.counts.values().sum::<u64>())
        .sum();
    // The caller holds `&mut Store`: no other transaction can be open.
    let tx = store.conn().unchecked_transaction()?;
    // A record may refer to one in a later file: the applier checks every
    // reference once all files are in (and names the record that fails);
    // the store's own foreign keys wait for the commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON")?;
    if incoming[super::spec::index_of("conversation")] > 0 {
        crate::domain::search_index::defer_indexing(&tx)?;
    }
    let mut applier = Applier::new(&tx, &plan, &incoming, total, &merged_at)?;
    // Skipped files are booked in their place among the decoded ones.
    let mut skipped = heads
        .into_iter()
        .enumerate()
        .filter(|(_, h)| h.skip)
        .peekable();
    let book = |applier: &mut Applier, (i, h): (usize, FileHead)| {
        let offered = Offered::Skipped {
            manifest: Box::new(h.manifest),
            already: h.already,
        };
        applier.file(&sources[i].name(), offered, &mut |_| true)
    };
    stream(&opener, sources, &chosen, |i, bundle| {
        while let Some(head) = skipped.next_if(|(j, _)| *j < i) {
            book(&mut applier, head)?;
        }
        applier.file(&sources[i].name(), Offered::Decoded(bundle), progress)
    })?;
    for head in skipped {
        book(&mut applier, head)?;
    }
    let (mut receipt, max_hlc) = applier.finish(progress)?;
    receipt.dry_run = opts.dry_run;
    if opts.dry_run {
        // Dropping the transaction rolls everything back.
        return Ok(receipt);
    }
    crate::store::audit_in(&tx, &profile, "merge", &receipt.audit_detail())?;
    if let Some(max) = max_hlc {
        stamper.observe(&max);
    }
    stamper.persist(&tx)?;
    tx.commit()?;
    Ok(receipt)
}
