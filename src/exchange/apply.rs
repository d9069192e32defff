//! Applying checked files to the store, one file at a time, inside the
//! caller's transaction: the catalogue plan first, then per file its
//! references (see `validate::RefCheck`) and its records, table by table, by
//! the merge rule (`merge_record`), and the file's bookkeeping row. A merge
//! feeds the files as they are decoded, so at most a file or two is in
//! memory; what a file leaves open is checked by [`Applier::finish`].
//!
//! Per record the rule is a join of per-device newest versions, so the order
//! in which files (or tables across files) are applied changes nothing.
//! Records of one file may refer to records of a later one, so a merge
//! defers the store's foreign keys to its commit.

use super::bundle::{Bundle, CatalogDoc, Manifest};
use super::error::{ExchangeError, Problem};
use super::receipt::{Counts, FileReceipt, FileSummary, MergeReceipt, Outcome};
use super::record::Rec;
use super::rows::{
    base_stamp, delete_loser, insert, load_losers, load_main, save_loser, update, Loser, Table,
    TableSql,
};
use super::rule::{cmp_versions, erase_personal, same_content, same_version};
use super::spec::TABLES;
use super::validate::RefCheck;
use super::value::max_val;
use super::{report, Phase, Progress};
use rusqlite::{params, Connection};
use rustc_hash::FxHashSet;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

/// Incoming records per table above which the table's ids are loaded at once.
#[cfg(not(test))]
const BULK_LOOKUP: u64 = 2000;
/// Low in unit tests, so the property tests cover both ways of looking up.
#[cfg(test)]
const BULK_LOOKUP: u64 = 2;

/// Ids seen, by a 64-bit hash: no string is kept. Two ids with the same
/// hash only cost the second a lookup in the store, so the set can say
/// "certainly new" but never wrongly.
#[derive(Default)]
pub(crate) struct IdSet(FxHashSet<u64>);

impl IdSet {
    /// True when `id` was not in the set (and is now).
    fn insert(&mut self, id: &str) -> bool {
        use std::hash::BuildHasher;
        self.0.insert(rustc_hash::FxBuildHasher.hash_one(id))
    }
}

/// A file as the applier takes it.
pub(crate) enum Offered<'b> {
    /// Decoded and checked in itself: its records are applied. Borrowed, so
    /// the decoder's thread, which allocated it, also frees it (freeing
    /// across threads made the allocator's locks a tenth of a city merge).
    Decoded(&'b Bundle),
    /// Merged before (`already`: when), or a repeat within this batch:
    /// known by its manifest only, and not applied again.
    Skipped {
        manifest: Box<Manifest>,
        already: Option<String>,
    },
}

/// Applies files in order inside one transaction.
pub(crate) struct Applier<'c> {
    conn: &'c Connection,
    merged_at: String,
    sql: Vec<TableSql>,
    refs: RefCheck,
    conflicted: HashSet<(usize, String)>,
    /// Per table, the ids in the store, when many records of it come in.
    known_ids: Vec<Option<IdSet>>,
    catalogs_applied: Vec<String>,
    receipts: Vec<FileReceipt>,
    payloads: HashSet<String>,
    max_hlc: Option<String>,
    done: u64,
    total: u64,
}

impl<'c> Applier<'c> {
    /// Applies the catalogue plan. `incoming`: per table, how many records
    /// the files to apply carry; `total`: records in all files (for progress).
    pub(crate) fn new(
        conn: &'c Connection,
        plan: &[(String, CatalogDoc)],
        incoming: &[u64],
        total: u64,
        merged_at: &str,
    ) -> Result<Applier<'c>, ExchangeError> {
        let refs = RefCheck::new(conn, plan, false)?;
        let mut catalogs_applied = Vec::new();
        for (file, doc) in plan {
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
        let mut conflicted = HashSet::new();
        {
            let mut stmt = conn.prepare("SELECT table_name, record_id FROM merge_conflict")?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            for row in rows {
                let (table, id) = row?;
                if let Some(i) = TABLES.iter().position(|t| t.name == table) {
                    conflicted.insert((i, id));
                }
            }
        }
        // For large merges, a table's ids are read once instead of looking
        // up every incoming record.
        let mut known_ids = Vec::with_capacity(TABLES.len());
        for (spec, n) in TABLES.iter().zip(incoming) {
            known_ids.push(if *n > BULK_LOOKUP {
                let mut stmt = conn.prepare(&format!("SELECT id FROM {}", spec.name))?;
                let mut ids = IdSet::default();
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    ids.insert(r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
                }
                Some(ids)
            } else {
                None
            });
        }
        Ok(Applier {
            conn,
            merged_at: merged_at.to_string(),
            sql: TABLES.iter().map(TableSql::new).collect(),
            refs,
            conflicted,
            known_ids,
            catalogs_applied,
            receipts: Vec::new(),
            payloads: HashSet::new(),
            max_hlc: None,
            done: 0,
            total,
        })
    }

    /// Applies one file (or books a skipped one) and writes its
    /// `exchange_merge` row.
    pub(crate) fn file(
        &mut self,
        name: &str,
        offered: Offered<'_>,
        progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Result<(), ExchangeError> {
        let mut tables: BTreeMap<String, Counts> = TABLES
            .iter()
            .map(|t| (t.name.to_string(), Counts::default()))
            .collect();
        let (summary, skipped) = match offered {
            Offered::Skipped { manifest, already } => {
                // Merging is idempotent and the store only moves forward, so
                // every record of a payload merged before is already known.
                for (table, n) in &manifest.counts {
                    if let Some(c) = tables.get_mut(table) {
                        c.duplicate += n;
                    }
                    self.done += n;
                }
                let summary = FileSummary::of(name, &Bundle::manifest_only(*manifest), already);
                (summary, true)
            }
            Offered::Decoded(bundle) => {
                self.refs.file(self.conn, name, bundle)?;
                let summary = FileSummary::of(name, bundle, None);
                self.records(name, bundle, &mut tables, progress)?;
                (summary, false)
            }
        };
        self.book(summary, skipped, tables)
    }

    fn records(
        &mut self,
        name: &str,
        bundle: &Bundle,
        tables: &mut BTreeMap<String, Counts>,
        progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Result<(), ExchangeError> {
        for (ti, (spec, entries)) in TABLES.iter().zip(&bundle.tables).enumerate() {
            let t = Table {
                idx: ti,
                spec,
                sql: &self.sql[ti],
            };
            let counts = tables.get_mut(spec.name).expect("every table counted");
            for e in entries {
                let at = e.rec.updated_at(spec);
                if self.max_hlc.as_deref().is_none_or(|m| at > m) {
                    self.max_hlc = Some(at.to_string());
                }
                let o = merge_record(
                    self.conn,
                    &t,
                    &e.rec,
                    name,
                    &self.merged_at,
                    &mut self.conflicted,
                    &mut self.known_ids[ti],
                )?;
                counts.add(o);
                self.done += 1;
                if self.done.is_multiple_of(4096) {
                    report(progress, Phase::Applying, self.done, self.total, Some(name))?;
                }
            }
        }
        Ok(())
    }

    fn book(
        &mut self,
        mut summary: FileSummary,
        skipped: bool,
        tables: BTreeMap<String, Counts>,
    ) -> Result<(), ExchangeError> {
        let id = summary.payload_id.clone();
        if summary.already_merged.is_none() && !self.payloads.insert(id.clone()) {
            summary.already_merged =
                Some(format!("{} (eerder in deze samenvoeging)", self.merged_at));
        }
        summary.skipped = skipped;
        let r = FileReceipt::new(summary, tables);
        let s = &r.summary;
        self.conn
            .prepare_cached(
                "INSERT INTO exchange_merge(merged_at, file_name, payload_sha256, source_device, worker, team, exported_at, receipt)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                self.merged_at,
                s.file,
                id,
                s.source_device,
                s.worker,
                s.team,
                s.exported_at,
                serde_json::to_string(&r).expect("serialisable")
            ])?;
        self.receipts.push(r);
        Ok(())
    }

    /// Checks what the files left open and returns the receipt, and the
    /// greatest `updated_at` applied (the store's clock moves past it).
    pub(crate) fn finish(
        self,
        progress: &mut dyn FnMut(&Progress) -> bool,
    ) -> Result<(MergeReceipt, Option<String>), ExchangeError> {
        report(progress, Phase::Applying, self.total, self.total, None)?;
        self.refs.finish(self.conn)?;
        let open_conflicts = super::conflicts::open_count(self.conn)?;
        let receipt = MergeReceipt::new(
            &self.merged_at,
            self.receipts,
            self.catalogs_applied,
            open_conflicts,
        );
        Ok((receipt, self.max_hlc))
    }
}

/// Applies decoded files that are all at hand inside the caller's
/// transaction, as a merge does: the property tests and the fuzzer.
#[cfg(test)]
pub(crate) fn apply(
    conn: &Connection,
    files: &[super::validate::Loaded],
    merged_at: &str,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<MergeReceipt, ExchangeError> {
    let offered: Vec<(&str, &[CatalogDoc])> = files
        .iter()
        .map(|f| (f.name.as_str(), f.bundle.catalogs.as_slice()))
        .collect();
    let plan = super::validate::catalog_plan(conn, &offered)?;
    let mut seen = HashSet::new();
    let skip: Vec<bool> = files
        .iter()
        .map(|f| !seen.insert(f.bundle.payload_id()) || f.already.is_some())
        .collect();
    let mut incoming = vec![0u64; TABLES.len()];
    for (f, _) in files.iter().zip(&skip).filter(|(_, s)| !**s) {
        for (n, t) in incoming.iter_mut().zip(&f.bundle.tables) {
            *n += t.len() as u64;
        }
    }
    let total = files.iter().map(|f| f.bundle.record_count()).sum();
    let mut a = Applier::new(conn, &plan, &incoming, total, merged_at)?;
    for (f, skip) in files.iter().zip(skip) {
        let offered = if skip {
            Offered::Skipped {
                manifest: Box::new(f.bundle.manifest.clone()),
                already: f.already.clone(),
            }
        } else {
            Offered::Decoded(&f.bundle)
        };
        a.file(&f.name, offered, progress)?;
    }
    Ok(a.finish(progress)?.0)
}

/// Merges one incoming version into the store.
fn merge_record(
    conn: &Connection,
    t: &Table,
    incoming: &Rec,
    file: &str,
    now: &str,
    conflicted: &mut HashSet<(usize, String)>,
    known_ids: &mut Option<IdSet>,
) -> Result<Outcome, ExchangeError> {
    let spec = t.spec;
    // With the table's ids at hand, a record that is certainly new needs no lookup.
    let certainly_new = known_ids
        .as_mut()
        .is_some_and(|ids| ids.insert(incoming.id()));
    let old = if certainly_new {
        None
    } else {
        load_main(conn, t, incoming.id())?
    };
    let Some(old) = old else {
        if incoming.is_purged(spec) {
            let mut v = incoming.clone();
            erase_personal(spec, &mut v);
            insert(conn, t, &v)?;
        } else {
            insert(conn, t, incoming)?;
        }
        return Ok(Outcome::New);
    };
    let mut v = incoming.clone();
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
