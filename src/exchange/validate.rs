//! Checks that need the store: every reference in every offered file must
//! resolve to a record in one of the files or already in the store, every
//! code and wijk must be known (after the catalogue documents that will be
//! applied), and the catalogue plan itself is decided here.

use super::bundle::{Bundle, CatalogDoc};
use super::error::{ExchangeError, Problem};
use super::spec::{self, Col, Kind, TABLES};
use super::value::Val;
use crate::catalog::LoadedCatalog;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A decoded file ready to merge.
pub(crate) struct Loaded {
    pub name: String,
    pub bundle: Bundle,
    /// When this payload was merged before (`merged_at`), if ever.
    pub already: Option<String>,
    /// Recognised from its manifest as merged before (or as a repeat of an
    /// earlier file in the batch): only the manifest was read.
    pub skipped: bool,
}

/// The catalogue documents to apply, in order: per catalogue, every offered
/// version newer than the store's, oldest first. Independent of file order.
pub(crate) fn catalog_plan(
    conn: &Connection,
    files: &[Loaded],
) -> Result<Vec<(String, CatalogDoc)>, ExchangeError> {
    let mut by_key: BTreeMap<&str, Vec<(&str, &CatalogDoc)>> = BTreeMap::new();
    for f in files {
        for d in &f.bundle.catalogs {
            by_key.entry(&d.key).or_default().push((&f.name, d));
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

/// Known codes per code table, regulation ids, wijken and values.
struct Known {
    codes: HashMap<&'static str, HashSet<String>>,
    regulations: HashSet<String>,
    wijken: HashSet<String>,
    values: HashSet<String>,
}

fn strings(conn: &Connection, sql: &str) -> Result<HashSet<String>, ExchangeError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn known(
    conn: &Connection,
    files: &[Loaded],
    plan: &[(String, CatalogDoc)],
) -> Result<Known, ExchangeError> {
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
                let add = |t: &'static str, it: Vec<String>, codes: &mut HashMap<_, HashSet<_>>| {
                    if let Some(s) = codes.get_mut(t) {
                        s.extend(it);
                    }
                };
                add(
                    "outcome_code",
                    c.outcomes.into_iter().map(|o| o.code).collect(),
                    &mut codes,
                );
                add(
                    "referral_target",
                    c.referral_targets.into_iter().map(|o| o.code).collect(),
                    &mut codes,
                );
                add(
                    "referral_status",
                    c.referral_statuses.into_iter().map(|o| o.code).collect(),
                    &mut codes,
                );
                add(
                    "check_status",
                    c.check_statuses.into_iter().map(|o| o.code).collect(),
                    &mut codes,
                );
            }
            LoadedCatalog::Regulations(r) => {
                regulations.extend(r.regulations.into_iter().map(|r| r.id))
            }
            LoadedCatalog::Values(_) => {}
        }
    }
    let wijken = strings(conn, "SELECT code FROM area WHERE kind = 'wijk'")?;
    let mut values = strings(conn, "SELECT id FROM value_catalog")?;
    for f in files {
        values.extend(f.bundle.tables[0].iter().map(|e| e.rec.id().to_string()));
    }
    Ok(Known {
        codes,
        regulations,
        wijken,
        values,
    })
}

/// Checks every reference of every record in every file.
pub(crate) fn check_references(conn: &Connection, files: &[Loaded]) -> Result<(), ExchangeError> {
    let plan = catalog_plan(conn, files)?;
    let known = known(conn, files, &plan)?;
    // Ids offered in any file, per table.
    let mut offered: Vec<HashSet<&str>> = vec![HashSet::new(); TABLES.len()];
    for f in files {
        for (ti, entries) in f.bundle.tables.iter().enumerate() {
            offered[ti].extend(entries.iter().map(|e| e.rec.id()));
        }
    }
    let mut in_store: HashMap<(&'static str, String), bool> = HashMap::new();
    for f in files {
        for (ti, spec) in TABLES.iter().enumerate() {
            for e in &f.bundle.tables[ti] {
                let fail = |target: &'static str, reference: &str| {
                    ExchangeError::file(
                        &f.name,
                        Problem::UnknownReference {
                            line: e.line,
                            what: spec.what,
                            id: e.rec.id().to_string(),
                            target,
                            reference: reference.to_string(),
                        },
                    )
                };
                for (col, v) in spec.cols.iter().zip(&e.rec.vals) {
                    check_value(conn, &known, &offered, &mut in_store, col, v, &fail)?;
                }
                for (ch, rows) in spec.children.iter().zip(&e.rec.children) {
                    for row in rows {
                        for (col, v) in ch.cols.iter().zip(row) {
                            check_value(conn, &known, &offered, &mut in_store, col, v, &fail)?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

fn check_value(
    conn: &Connection,
    known: &Known,
    offered: &[HashSet<&str>],
    in_store: &mut HashMap<(&'static str, String), bool>,
    col: &Col,
    v: &Val,
    fail: &dyn Fn(&'static str, &str) -> ExchangeError,
) -> Result<(), ExchangeError> {
    let Val::Text(s) = v else { return Ok(()) };
    match col.kind {
        Kind::Ref(table) => {
            let ti = TABLES
                .iter()
                .position(|t| t.name == table)
                .expect("synced table");
            if offered[ti].contains(s.as_str()) {
                return Ok(());
            }
            let key = (table, s.clone());
            let found = match in_store.get(&key) {
                Some(f) => *f,
                None => {
                    let f = conn
                        .prepare_cached(&format!("SELECT 1 FROM {table} WHERE id = ?1"))?
                        .query_row([s], |r| r.get::<_, i64>(0))
                        .optional()?
                        .is_some();
                    in_store.insert(key, f);
                    f
                }
            };
            if !found {
                return Err(fail(spec::what(table), s));
            }
        }
        Kind::Wijk if !known.wijken.contains(s) => return Err(fail("wijk", s)),
        Kind::WijkList => {
            let list: Vec<String> = serde_json::from_str(s).unwrap_or_default();
            if let Some(w) = list.iter().find(|w| !known.wijken.contains(*w)) {
                return Err(fail("wijk", w));
            }
        }
        Kind::Code(table) if !known.codes.get(table).is_some_and(|c| c.contains(s)) => {
            return Err(fail(spec::what(table), s))
        }
        Kind::ValueRef if !known.values.contains(s) => return Err(fail("waarde", s)),
        Kind::RegulationRef if !known.regulations.contains(s) => return Err(fail("regeling", s)),
        _ => {}
    }
    Ok(())
}
