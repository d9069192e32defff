//! Checks that need the store: every reference in every offered file must
//! resolve to a record in one of the files or already in the store, every
//! code and wijk must be known (after the catalogue documents that will be
//! applied), and the catalogue plan itself is decided here. Files are
//! checked one at a time ([`RefCheck`]), as a merge streams them.

use super::bundle::{Bundle, CatalogDoc};
use super::error::{ExchangeError, Problem};
use super::spec::{self, Col, Kind, TABLES};
use super::value::Val;
use crate::catalog::LoadedCatalog;
use rusqlite::{Connection, OptionalExtension};
use rustc_hash::FxHashSet;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A decoded file at hand (the property tests and the fuzzer).
#[cfg(test)]
pub(crate) struct Loaded {
    pub name: String,
    pub bundle: Bundle,
    /// When this payload was merged before (`merged_at`), if ever.
    pub already: Option<String>,
}

/// The catalogue documents to apply, in order: per catalogue, every offered
/// version newer than the store's, oldest first. Independent of file order.
/// `offered` pairs a file's name with the catalogue documents it carries.
pub(crate) fn catalog_plan(
    conn: &Connection,
    offered: &[(&str, &[CatalogDoc])],
) -> Result<Vec<(String, CatalogDoc)>, ExchangeError> {
    let mut by_key: BTreeMap<&str, Vec<(&str, &CatalogDoc)>> = BTreeMap::new();
    for (file, docs) in offered {
        for d in *docs {
            by_key.entry(&d.key).or_default().push((file, d));
        }
    }
    let mut plan = Vec::new();
    for (key, mut docs) in by_key {
        let mut current: Option<String> = conn
            .query_row(
                "SELECT version FROM catalog_version WHERE catalog = ?1",
                [key],
                |r| r.get(0),
            )
            .optional()?;
        docs.sort_by(|a, b| (&a.1.version, &a.1.json).cmp(&(&b.1.version, &b.1.json)));
        for (file, doc) in docs {
            if current.as_deref().is_none_or(|c| doc.version.as_str() > c) {
                current = Some(doc.version.clone());
                plan.push((file.to_string(), doc.clone()));
            }
        }
    }
    Ok(plan)
}

/// Known codes per code table, regulation ids and wijken.
struct Known {
    codes: HashMap<&'static str, HashSet<String>>,
    regulations: HashSet<String>,
    wijken: HashSet<String>,
}

fn strings(conn: &Connection, sql: &str) -> Result<HashSet<String>, ExchangeError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What the store knows once the catalogue plan is applied.
fn known(conn: &Connection, plan: &[(String, CatalogDoc)]) -> Result<Known, ExchangeError> {
    let mut codes = HashMap::new();
    for t in [
        "outcome_code",
        "referral_target",
        "referral_status",
        "check_status",
    ] {
        codes.insert(t, strings(conn, &format!("SELECT code FROM {t}"))?);
    }
    let mut regulations = strings(conn, "SELECT id FROM regulation")?;
    for (_, doc) in plan {
        match LoadedCatalog::parse(&doc.json).map_err(crate::domain::DomainError::from)? {
            LoadedCatalog::Codes(c) => {
                let mut add = |t: &'static str, it: Vec<String>| {
                    if let Some(s) = codes.get_mut(t) {
                        s.extend(it);
                    }
                };
                add(
                    "outcome_code",
                    c.outcomes.into_iter().map(|o| o.code).collect(),
                );
                add(
                    "referral_target",
                    c.referral_targets.into_iter().map(|o| o.code).collect(),
                );
                add(
                    "referral_status",
                    c.referral_statuses.into_iter().map(|o| o.code).collect(),
                );
                add(
                    "check_status",
                    c.check_statuses.into_iter().map(|o| o.code).collect(),
                );
            }
            LoadedCatalog::Regulations(r) => {
                regulations.extend(r.regulations.into_iter().map(|r| r.id))
            }
            LoadedCatalog::Values(_) => {}
        }
    }
    let wijken = strings(conn, "SELECT code FROM area WHERE kind = 'wijk'")?;
    Ok(Known {
        codes,
        regulations,
        wijken,
    })
}

/// A reference to a record that is neither in its own file nor (yet) in the
/// store: it may come with a later file, so it is checked at the end.
struct Pending {
    file: String,
    line: u64,
    what: &'static str,
    id: String,
    /// Index in [`TABLES`] of the table referred to.
    table: usize,
    reference: String,
}

impl Pending {
    fn error(self) -> ExchangeError {
        ExchangeError::file(
            &self.file,
            Problem::UnknownReference {
                line: self.line,
                what: self.what,
                id: self.id,
                target: spec::what(TABLES[self.table].name),
                reference: self.reference,
            },
        )
    }
}

/// Checks the references of files one at a time, so a merge never holds
/// more than a file or two. Codes, wijken and regulations are known up front
/// (the catalogue plan is decided from every file's catalogue section before
/// any record is read); a reference to another record must resolve within its
/// own file, in the store (where a merge has applied the earlier files) or,
/// for a verify, in an earlier file. What stays open is looked up again in
/// [`RefCheck::finish`], after the last file.
pub(crate) struct RefCheck {
    known: Known,
    /// Records found in the store (a merge only adds records, so a found
    /// record stays found; a miss is not cached).
    found: FxHashSet<(usize, String)>,
    /// Verify: the ids of every file checked so far, per table.
    offered: Option<Vec<FxHashSet<String>>>,
    pending: Vec<Pending>,
}

impl RefCheck {
    /// `keep_ids`: remember every checked file's ids (a verify, which does
    /// not apply the files); a merge finds the earlier files in the store.
    pub(crate) fn new(
        conn: &Connection,
        plan: &[(String, CatalogDoc)],
        keep_ids: bool,
    ) -> Result<RefCheck, ExchangeError> {
        Ok(RefCheck {
            known: known(conn, plan)?,
            found: FxHashSet::default(),
            offered: keep_ids.then(|| vec![FxHashSet::default(); TABLES.len()]),
            pending: Vec::new(),
        })
    }

    /// Checks every reference of every record in one file.
    pub(crate) fn file(
        &mut self,
        conn: &Connection,
        name: &str,
        bundle: &Bundle,
    ) -> Result<(), ExchangeError> {
        let own: Vec<FxHashSet<&str>> = bundle
            .tables
            .iter()
            .map(|entries| entries.iter().map(|e| e.rec.id()).collect())
            .collect();
        for (ti, spec) in TABLES.iter().enumerate() {
            for e in &bundle.tables[ti] {
                let at = Site {
                    file: name,
                    line: e.line,
                    what: spec.what,
                    id: e.rec.id(),
                };
                for (col, v) in spec.cols.iter().zip(&e.rec.vals) {
                    self.value(conn, &own, &at, col, v)?;
                }
                for (ch, rows) in spec.children.iter().zip(&e.rec.children) {
                    for row in rows {
                        for (col, v) in ch.cols.iter().zip(row) {
                            self.value(conn, &own, &at, col, v)?;
                        }
                    }
                }
            }
        }
        if let Some(offered) = &mut self.offered {
            for (ids, entries) in offered.iter_mut().zip(&bundle.tables) {
                ids.extend(entries.iter().map(|e| e.rec.id().to_string()));
            }
        }
        Ok(())
    }

    /// Looks up what stayed open, now that every file was read (and, for a
    /// merge, applied). The first reference that still does not resolve, in
    /// file order, is the error.
    pub(crate) fn finish(self, conn: &Connection) -> Result<(), ExchangeError> {
        for p in self.pending {
            let offered = self
                .offered
                .as_ref()
                .is_some_and(|o| o[p.table].contains(&p.reference));
            if !offered && !in_store(conn, p.table, &p.reference)? {
                return Err(p.error());
            }
        }
        Ok(())
    }

    fn value(
        &mut self,
        conn: &Connection,
        own: &[FxHashSet<&str>],
        at: &Site,
        col: &Col,
        v: &Val,
    ) -> Result<(), ExchangeError> {
        let Val::Text(s) = v else { return Ok(()) };
        let fail = |target: &'static str, reference: &str| {
            ExchangeError::file(
                at.file,
                Problem::UnknownReference {
                    line: at.line,
                    what: at.what,
                    id: at.id.to_string(),
                    target,
                    reference: reference.to_string(),
                },
            )
        };
        let table = match col.kind {
            Kind::Ref(table) => spec::index_of(table),
            Kind::ValueRef => VALUE_TABLE,
            Kind::Wijk if !self.known.wijken.contains(s) => return Err(fail("wijk", s)),
            Kind::WijkList => {
                let list: Vec<String> = serde_json::from_str(s).unwrap_or_default();
                if let Some(w) = list.iter().find(|w| !self.known.wijken.contains(*w)) {
                    return Err(fail("wijk", w));
                }
                return Ok(());
            }
            Kind::Code(table) if !self.known.codes.get(table).is_some_and(|c| c.contains(s)) => {
                return Err(fail(spec::what(table), s))
            }
            Kind::RegulationRef if !self.known.regulations.contains(s) => {
                return Err(fail("regeling", s))
            }
            _ => return Ok(()),
        };
        if own[table].contains(s.as_str())
            || self
                .offered
                .as_ref()
                .is_some_and(|o| o[table].contains(s.as_str()))
        {
            return Ok(());
        }
        let key = (table, s.clone());
        if self.found.contains(&key) {
            return Ok(());
        }
        if in_store(conn, table, s)? {
            self.found.insert(key);
            return Ok(());
        }
        self.pending.push(Pending {
            file: at.file.to_string(),
            line: at.line,
            what: at.what,
            id: at.id.to_string(),
            table,
            reference: s.clone(),
        });
        Ok(())
    }
}

/// Where a value is checked: a record of a file.
struct Site<'a> {
    file: &'a str,
    line: u64,
    what: &'static str,
    id: &'a str,
}

/// Values travel as records of the first table.
const VALUE_TABLE: usize = 0;

fn in_store(conn: &Connection, table: usize, id: &str) -> Result<bool, ExchangeError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT 1 FROM {} WHERE id = ?1",
            TABLES[table].name
        ))?
        .query_row([id], |r| r.get::<_, i64>(0))
        .optional()?
        .is_some())
}

/// Checks every reference of every record in files that are all at hand
/// (the property tests and the fuzzer), as a verify does.
#[cfg(test)]
pub(crate) fn check_references(conn: &Connection, files: &[Loaded]) -> Result<(), ExchangeError> {
    let offered: Vec<(&str, &[CatalogDoc])> = files
        .iter()
        .map(|f| (f.name.as_str(), f.bundle.catalogs.as_slice()))
        .collect();
    let plan = catalog_plan(conn, &offered)?;
    let mut check = RefCheck::new(conn, &plan, true)?;
    for f in files {
        check.file(conn, &f.name, &f.bundle)?;
    }
    check.finish(conn)
}
