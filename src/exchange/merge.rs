//! Verify and merge: decrypt and check every offered file first, then apply
//! all of them in one transaction, record per record, with the merge rule:
//!
//! - identity by id; a record not in the store is new;
//! - the same version again is a duplicate (no change);
//! - otherwise the version with the greater (`updated_at`, `device_id`) wins
//!   (ties broken by content hash), so tombstones win over older edits;
//! - an older version from the device that wrote the current one is
//!   superseded ("geweigerd"); a differing version from another device is a
//!   conflict: the winner is kept, the loser goes into `merge_conflict`
//!   (at most one row per device: its newest losing version);
//! - `purged` is sticky: once any side is purged, personal fields stay erased;
//!   max-register columns (`household.last_contact`) take the maximum.
//!
//! Per record this is a join of per-device newest versions, so the result is
//! the same in any order, in any grouping, and merging a file twice changes
//! nothing.

use super::bundle::Bundle;
use super::error::{ExchangeError, Problem};
use super::keys::{Opener, Unlock};
use super::receipt::{Counts, FileReceipt, FileSummary, MergeReceipt, Outcome, VerifyReport};
use super::record::Rec;
use super::rows::{
    base_stamp, delete_loser, insert, load_losers, load_main, save_loser, update, Loser, Table,
    TableSql,
};
use super::rule::{cmp_versions, erase_personal, same_content, same_version};
use super::spec::TABLES;
use super::validate::{self, Loaded};
use super::value::max_val;
use super::{report, Phase, Progress, Source};
use crate::store::Store;
use rusqlite::{params, Connection, OptionalExtension};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

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

/// Decrypts, decodes and checks every file; nothing is written. With
/// `skip_merged`, a file whose payload the store merged before (or that
/// repeats an earlier file of this batch) is recognised from its manifest,
/// the first line, and not decrypted or decoded further.
fn load_all(
    conn: &Connection,
    sources: &[Source],
    unlock: &Unlock,
    skip_merged: bool,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Vec<Loaded>, ExchangeError> {
    if sources.is_empty() {
        return Err(ExchangeError::NoFiles);
    }
    let opener = Opener::new(unlock)?;
    let total = sources.len() as u64;
    // First the manifests: a file merged before needs nothing more.
    let mut skipped: Vec<Option<(Bundle, String)>> = Vec::with_capacity(sources.len());
    let mut seen: HashSet<String> = HashSet::new();
    for src in sources {
        if !skip_merged {
            skipped.push(None);
            continue;
        }
        let name = src.name();
        let bytes = src.read()?;
        let line = opener
            .first_line(&bytes, super::bundle::MAX_MANIFEST_LINE)
            .map_err(|p| ExchangeError::file(&name, p))?;
        let line = line.strip_suffix(b"\n").unwrap_or(&line);
        // A manifest that does not read is reported by the full check below.
        let Ok(manifest) = super::bundle::decode_manifest(line) else {
            skipped.push(None);
            continue;
        };
        let id = manifest.payload.id();
        let before = match merged_before(conn, &id)? {
            Some(at) => Some(at),
            None if !seen.insert(id) => Some(String::new()),
            None => None,
        };
        skipped.push(before.map(|at| (Bundle::manifest_only(manifest), at)));
    }
    // Files are decrypted and decoded on several cores, a few at a time; the
    // first failing file in the given order is reported.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    // Files not skipped are read again by `decode_source` instead of keeping
    // every file's bytes from the first pass: the page cache makes the second
    // read cheap, and only a few files are in memory at once.
    let todo: Vec<&Source> = sources
        .iter()
        .zip(&skipped)
        .filter(|(_, k)| k.is_none())
        .map(|(s, _)| s)
        .collect();
    let mut bundles = Vec::with_capacity(todo.len());
    for (c, chunk) in todo.chunks(threads).enumerate() {
        report(
            progress,
            Phase::Checking,
            (c * threads) as u64,
            total,
            Some(&chunk[0].name()),
        )?;
        let results: Vec<Result<Bundle, ExchangeError>> = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|src| {
                    let opener = &opener;
                    s.spawn(move || decode_source(opener, src))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for r in results {
            bundles.push(r?);
        }
    }
    let mut bundles = bundles.into_iter();
    let mut out = Vec::with_capacity(sources.len());
    for (src, skip) in sources.iter().zip(skipped) {
        let name = src.name();
        let loaded = match skip {
            // Repeated within this batch: the apply step says so.
            Some((bundle, at)) => Loaded {
                name,
                already: (!at.is_empty()).then_some(at),
                bundle,
                skipped: true,
            },
            None => {
                let bundle = bundles.next().expect("one bundle per file not skipped");
                let already = merged_before(conn, &bundle.payload_id())?;
                Loaded {
                    name,
                    bundle,
                    already,
                    skipped: false,
                }
            }
        };
        out.push(loaded);
    }
    report(progress, Phase::Checking, total, total, None)?;
    validate::check_references(conn, &out)?;
    Ok(out)
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

/// Full validation of the files against the store; changes nothing.
pub fn verify(
    store: &Store,
    sources: &[Source],
    unlock: &Unlock,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<VerifyReport, ExchangeError> {
    let files = load_all(store.conn(), sources, unlock, false, progress)?;
    Ok(VerifyReport {
        files: files
            .iter()
            .map(|f| FileSummary::of(&f.name, &f.bundle, f.already.clone()))
            .collect(),
    })
}

/// Merges the files into the store in one transaction and returns the receipt.
pub fn merge(
    store: &mut Store,
    sources: &[Source],
    unlock: &Unlock,
    opts: &MergeOptions,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<MergeReceipt, ExchangeError> {
    let files = load_all(store.conn(), sources, unlock, true, progress)?;
    let _cache = crate::store::BulkCache::raise(store.conn())?;
    merge_loaded(store, &files, opts, progress)
}

fn merge_loaded(
    store: &Store,
    files: &[Loaded],
    opts: &MergeOptions,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<MergeReceipt, ExchangeError> {
    let profile = store.profile().clone();
    let stamper = store.stamper();
    let merged_at = crate::util::now_rfc3339();
    // The caller holds `&mut Store`: no other transaction can be open.
    let tx = store.conn().unchecked_transaction()?;
    let mut receipt = apply(&tx, files, &merged_at, progress)?;
    receipt.dry_run = opts.dry_run;
    if opts.dry_run {
        // Dropping the transaction rolls everything back.
        return Ok(receipt);
    }
    crate::store::audit_in(&tx, &profile, "merge", &receipt.audit_detail())?;
    if let Some(max) = max_incoming_hlc(files) {
        stamper.observe(&max);
    }
    stamper.persist(&tx)?;
    tx.commit()?;
    Ok(receipt)
}

/// The greatest `updated_at` in the files (the store's clock moves past it).
fn max_incoming_hlc(files: &[Loaded]) -> Option<String> {
    files
        .iter()
        .flat_map(|f| {
            TABLES
                .iter()
                .zip(&f.bundle.tables)
                .flat_map(|(spec, entries)| entries.iter().map(move |e| e.rec.updated_at(spec)))
        })
        .max()
        .map(str::to_string)
}

/// Merges one incoming version into the store.
fn merge_record(
    conn: &Connection,
    t: &Table,
    incoming: &Rec,
    file: &str,
    now: &str,
    conflicted: &mut HashSet<(usize, String)>,
    known_ids: &mut Option<HashSet<String>>,
) -> Result<Outcome, ExchangeError> {
    let spec = t.spec;
    let mut v = incoming.clone();
    // With the table's ids at hand, a record that is certainly new needs no lookup.
    let certainly_new = known_ids
        .as_mut()
        .is_some_and(|ids| ids.insert(v.id().to_string()));
    let old = if certainly_new {
        None
    } else {
        load_main(conn, t, v.id())?
    };
    let Some(old) = old else {
        if v.is_purged(spec) {
            erase_personal(spec, &mut v);
        }
        insert(conn, t, &v)?;
        return Ok(Outcome::New);
    };
    let purged = old.is_purged(spec) || v.is_purged(spec);
    let mut main = old.clone();
    if purged {
        erase_personal(spec, &mut v);
        erase_personal(spec, &mut main);
    }
    if let Some(i) = spec.max_col() {
        let m = max_val(&main.vals[i], &v.vals[i]);
        main.vals[i] = m.clone();
        v.vals[i] = m;
    }
    let key = (t.idx, v.id().to_string());
    let mut losers = if conflicted.contains(&key) {
        load_losers(conn, spec, v.id())?
    } else {
        Vec::new()
    };
    let mut removed: Vec<String> = Vec::new();
    if purged {
        for l in &mut losers {
            let before = l.rec.clone();
            erase_personal(spec, &mut l.rec);
            l.dirty |= l.rec != before;
        }
    }
    let vdev = v.device_id(spec).to_string();
    let mdev = main.device_id(spec).to_string();
    let known = losers.iter().position(|l| l.device == vdev);
    let outcome = if same_version(spec, &v, &main) {
        Outcome::Duplicate
    } else if let Some(k) = known.filter(|k| {
        let l = &losers[*k].rec;
        same_version(spec, l, &v) || cmp_versions(spec, l, &v) == Ordering::Greater
    }) {
        if same_version(spec, &losers[k].rec, &v) {
            Outcome::Duplicate
        } else {
            Outcome::Rejected
        }
    } else if vdev == mdev && cmp_versions(spec, &v, &main) == Ordering::Less {
        Outcome::Rejected
    } else if let Some(base) =
        base_stamp(conn, spec, v.id(), &vdev)?.filter(|b| v.updated_at(spec) <= b.as_str())
    {
        // This store already held this version (or a newer one from that
        // device) before a write from another device replaced it.
        if v.updated_at(spec) == base {
            Outcome::Duplicate
        } else {
            Outcome::Rejected
        }
    } else if cmp_versions(spec, &v, &main) == Ordering::Greater {
        let outcome = if vdev == mdev || same_content(spec, &v, &main) {
            Outcome::Updated
        } else {
            Outcome::Conflict
        };
        if vdev != mdev {
            // The old winner is kept as its device's newest losing version.
            losers.retain(|l| l.device != mdev);
            losers.push(Loser {
                device: mdev.clone(),
                rec: main.clone(),
                origin: "local",
                dirty: true,
            });
        }
        if let Some(k) = losers.iter().position(|l| l.device == vdev) {
            removed.push(losers.remove(k).device);
        }
        main = v;
        outcome
    } else {
        // Loses against the current version, from another device, and newer
        // than anything known from that device.
        let outcome = if same_content(spec, &v, &main) {
            Outcome::Duplicate
        } else {
            Outcome::Conflict
        };
        losers.retain(|l| l.device != vdev);
        losers.push(Loser {
            device: vdev,
            rec: v,
            origin: "incoming",
            dirty: true,
        });
        outcome
    };
    let changed = main != old;
    if changed {
        update(conn, t, &main, &old)?;
    }
    for device in removed {
        delete_loser(conn, spec, main.id(), &device)?;
    }
    for l in losers.iter().filter(|l| l.dirty) {
        save_loser(conn, spec, l, file, now, "open")?;
        conflicted.insert(key.clone());
    }
    Ok(match outcome {
        Outcome::Duplicate | Outcome::Rejected if changed => Outcome::Updated,
        o => o,
    })
}

/// Incoming records per table above which the table's ids are loaded at once.
#[cfg(not(test))]
const BULK_LOOKUP: usize = 2000;
/// Low in unit tests, so the property tests cover both ways of looking up.
#[cfg(test)]
const BULK_LOOKUP: usize = 2;

/// Applies decoded files inside the caller's transaction and writes the
/// merge bookkeeping. Used by [`merge`] and by the property tests.
pub(crate) fn apply(
    conn: &Connection,
    files: &[Loaded],
    merged_at: &str,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<MergeReceipt, ExchangeError> {
    // Catalogue documents first, so every code the records use exists.
    let plan = validate::catalog_plan(conn, files)?;
    let mut catalogs_applied = Vec::new();
    for (file, doc) in &plan {
        crate::catalog::load_file(conn, &doc.json).map_err(|e| {
            ExchangeError::file(
                file,
                Problem::Catalog {
                    key: doc.key.clone(),
                    reason: e.to_string(),
                },
            )
        })?;
        catalogs_applied.push(format!("{} {}", doc.key, doc.version));
    }
    let mut conflicted: HashSet<(usize, String)> = HashSet::new();
    {
        let mut stmt = conn.prepare("SELECT table_name, record_id FROM merge_conflict")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (table, id) = row?;
            if let Some(i) = TABLES.iter().position(|t| t.name == table) {
                conflicted.insert((i, id));
            }
        }
    }
    let total: u64 = files.iter().map(|f| f.bundle.record_count()).sum();
    // Payloads merged before, or earlier in this batch, are not applied again.
    let mut first_seen: HashSet<String> = HashSet::new();
    let skip: Vec<bool> = files
        .iter()
        .map(|f| !first_seen.insert(f.bundle.payload_id()) || f.already.is_some())
        .collect();
    let mut done = 0u64;
    let mut per_file: Vec<BTreeMap<String, Counts>> = vec![BTreeMap::new(); files.len()];
    for (ti, spec) in TABLES.iter().enumerate() {
        let sql = TableSql::new(spec);
        let t = Table {
            idx: ti,
            spec,
            sql: &sql,
        };
        // For large merges, load the table's ids once instead of looking up
        // every incoming record.
        let incoming: usize = files
            .iter()
            .zip(&skip)
            .filter(|(_, s)| !**s)
            .map(|(f, _)| f.bundle.tables[ti].len())
            .sum();
        let mut known_ids = if incoming > BULK_LOOKUP {
            let mut stmt = conn.prepare(&format!("SELECT id FROM {}", spec.name))?;
            let ids = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<HashSet<_>, _>>()?;
            Some(ids)
        } else {
            None
        };
        for (fi, f) in files.iter().enumerate() {
            let counts = per_file[fi].entry(spec.name.to_string()).or_default();
            if skip[fi] {
                // Merged before: merging is idempotent and the store only
                // moves forward, so every record is already known.
                let n = f
                    .bundle
                    .manifest
                    .counts
                    .get(spec.name)
                    .copied()
                    .unwrap_or(0);
                counts.duplicate += n;
                done += n;
                continue;
            }
            for e in &f.bundle.tables[ti] {
                let o = merge_record(
                    conn,
                    &t,
                    &e.rec,
                    &f.name,
                    merged_at,
                    &mut conflicted,
                    &mut known_ids,
                )?;
                counts.add(o);
                done += 1;
                if done.is_multiple_of(4096) {
                    report(progress, Phase::Applying, done, total, Some(&f.name))?;
                }
            }
        }
    }
    report(progress, Phase::Applying, total, total, None)?;
    let mut receipts = Vec::with_capacity(files.len());
    let mut seen: HashSet<String> = HashSet::new();
    for (f, tables) in files.iter().zip(per_file) {
        let sha = f.bundle.payload_id();
        let already = f.already.clone().or_else(|| {
            (!seen.insert(sha.clone()))
                .then(|| format!("{merged_at} (eerder in deze samenvoeging)"))
        });
        let mut summary = FileSummary::of(&f.name, &f.bundle, already);
        summary.skipped = f.skipped;
        let r = FileReceipt::new(summary, tables);
        conn.prepare_cached(
            "INSERT INTO exchange_merge(merged_at, file_name, payload_sha256, source_device, worker, team, exported_at, receipt)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            merged_at,
            f.name,
            sha,
            f.bundle.manifest.source_device,
            f.bundle.manifest.worker,
            f.bundle.manifest.team,
            f.bundle.manifest.exported_at,
            serde_json::to_string(&r).expect("serialisable")
        ])?;
        receipts.push(r);
    }
    let open_conflicts = super::conflicts::open_count(conn)?;
    Ok(MergeReceipt::new(
        merged_at,
        receipts,
        catalogs_applied,
        open_conflicts,
    ))
}
