//! Reading and writing synced records and the merge bookkeeping rows
//! (`merge_conflict`, `merge_base`) in the store's payload order, for the
//! merge and for conflict resolution.

use super::error::ExchangeError;
use super::record::{self, Rec};
use super::spec::TableSpec;
use super::value::Val;
use rusqlite::{params, Connection, OptionalExtension};

/// SQL for one table, built once per merge.
pub(crate) struct TableSql {
    select: String,
    insert: String,
    update: String,
    child_select: Vec<String>,
    child_insert: Vec<String>,
    child_delete: Vec<String>,
}

impl TableSql {
    pub(crate) fn new(spec: &TableSpec) -> TableSql {
        let cols = spec.column_list();
        let marks = (1..=spec.cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sets = spec
            .cols
            .iter()
            .enumerate()
            .skip(1)
            .map(|(i, c)| format!("{} = ?{}", c.name, i + 1))
            .collect::<Vec<_>>()
            .join(", ");
        TableSql {
            select: format!("SELECT {cols} FROM {} WHERE id = ?1", spec.name),
            insert: format!("INSERT INTO {} ({cols}) VALUES ({marks})", spec.name),
            update: format!("UPDATE {} SET {sets} WHERE id = ?1", spec.name),
            child_select: spec
                .children
                .iter()
                .map(|ch| {
                    format!(
                        "SELECT {} FROM {} WHERE {} = ?1 ORDER BY {}",
                        ch.column_list(),
                        ch.table,
                        ch.parent,
                        ch.order_by()
                    )
                })
                .collect(),
            child_insert: spec
                .children
                .iter()
                .map(|ch| {
                    let marks = (2..=ch.cols.len() + 1)
                        .map(|i| format!("?{i}"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!(
                        "INSERT INTO {} ({}, {}) VALUES (?1, {marks})",
                        ch.table,
                        ch.parent,
                        ch.column_list()
                    )
                })
                .collect(),
            child_delete: spec
                .children
                .iter()
                .map(|ch| format!("DELETE FROM {} WHERE {} = ?1", ch.table, ch.parent))
                .collect(),
        }
    }
}

/// A table being merged.
pub(crate) struct Table<'a> {
    pub idx: usize,
    pub spec: &'static TableSpec,
    pub sql: &'a TableSql,
}

pub(crate) fn load_main(
    conn: &Connection,
    t: &Table,
    id: &str,
) -> Result<Option<Rec>, ExchangeError> {
    let n = t.spec.cols.len();
    let vals = conn
        .prepare_cached(&t.sql.select)?
        .query_row([id], |r| {
            (0..n)
                .map(|i| r.get::<_, Val>(i))
                .collect::<Result<Vec<_>, _>>()
        })
        .optional()?;
    let Some(vals) = vals else { return Ok(None) };
    let mut children = Vec::with_capacity(t.spec.children.len());
    for (ch, sql) in t.spec.children.iter().zip(&t.sql.child_select) {
        let w = ch.cols.len();
        let rows = conn
            .prepare_cached(sql)?
            .query_map([id], |r| {
                (0..w)
                    .map(|i| r.get::<_, Val>(i))
                    .collect::<Result<Vec<_>, _>>()
            })?
            .collect::<Result<Vec<_>, _>>()?;
        children.push(rows);
    }
    Ok(Some(Rec { vals, children }))
}

pub(crate) fn write_children(conn: &Connection, t: &Table, rec: &Rec) -> Result<(), ExchangeError> {
    for (k, rows) in rec.children.iter().enumerate() {
        let mut stmt = conn.prepare_cached(&t.sql.child_insert[k])?;
        for row in rows {
            let mut p: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(row.len() + 1);
            p.push(&rec.vals[0]);
            p.extend(row.iter().map(|v| v as &dyn rusqlite::ToSql));
            stmt.execute(p.as_slice())?;
        }
    }
    Ok(())
}

pub(crate) fn insert(conn: &Connection, t: &Table, rec: &Rec) -> Result<(), ExchangeError> {
    conn.prepare_cached(&t.sql.insert)?
        .execute(rusqlite::params_from_iter(rec.vals.iter()))?;
    write_children(conn, t, rec)
}

pub(crate) fn update(
    conn: &Connection,
    t: &Table,
    rec: &Rec,
    old: &Rec,
) -> Result<(), ExchangeError> {
    if rec.vals != old.vals {
        conn.prepare_cached(&t.sql.update)?
            .execute(rusqlite::params_from_iter(rec.vals.iter()))?;
    }
    if rec.children != old.children {
        for sql in &t.sql.child_delete {
            conn.prepare_cached(sql)?.execute([rec.id()])?;
        }
        write_children(conn, t, rec)?;
    }
    Ok(())
}

/// A stored losing version.
#[derive(Debug, Clone)]
pub(crate) struct Loser {
    pub device: String,
    pub rec: Rec,
    pub origin: &'static str,
    /// Changed in this merge; `None` = delete.
    pub dirty: bool,
}

pub(crate) fn load_losers(
    conn: &Connection,
    spec: &TableSpec,
    id: &str,
) -> Result<Vec<Loser>, ExchangeError> {
    let mut stmt = conn.prepare_cached(
        "SELECT device_id, version, origin FROM merge_conflict WHERE table_name = ?1 AND record_id = ?2 ORDER BY device_id",
    )?;
    let rows = stmt
        .query_map(params![spec.name, id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(device, version, origin)| {
            let rec = record::decode(spec, version.as_bytes()).map_err(|e| {
                ExchangeError::Domain(crate::domain::DomainError::Invalid(format!(
                    "opgeslagen conflictversie van {} {id} is onleesbaar: {e}",
                    spec.what
                )))
            })?;
            Ok(Loser {
                device,
                rec,
                origin: if origin == "local" {
                    "local"
                } else {
                    "incoming"
                },
                dirty: false,
            })
        })
        .collect()
}

pub(crate) fn save_loser(
    conn: &Connection,
    spec: &TableSpec,
    l: &Loser,
    file: &str,
    now: &str,
    status: &str,
) -> Result<(), ExchangeError> {
    // Max-register columns merge into the current version; a losing version
    // does not keep its own value (that would depend on merge order).
    let mut rec = l.rec.clone();
    if let Some(i) = spec.max_col() {
        rec.vals[i] = Val::Null;
    }
    conn.prepare_cached(
        "INSERT INTO merge_conflict(table_name, record_id, device_id, updated_at, version, origin, detected_at, merge_file, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT(table_name, record_id, device_id) DO UPDATE SET updated_at = excluded.updated_at,
           version = excluded.version, origin = excluded.origin, detected_at = excluded.detected_at,
           merge_file = excluded.merge_file, status = excluded.status, resolution = NULL, resolved_at = NULL",
    )?
    .execute(params![
        spec.name,
        rec.id(),
        l.device,
        rec.updated_at(spec),
        record::encode_to_string(spec, &rec),
        l.origin,
        now,
        file,
        status
    ])?;
    Ok(())
}

pub(crate) fn delete_loser(
    conn: &Connection,
    spec: &TableSpec,
    id: &str,
    device: &str,
) -> Result<(), ExchangeError> {
    conn.prepare_cached(
        "DELETE FROM merge_conflict WHERE table_name = ?1 AND record_id = ?2 AND device_id = ?3",
    )?
    .execute(params![spec.name, id, device])?;
    Ok(())
}

/// The newest `updated_at` from `device` this store held for the record
/// before another device's write replaced it (see `merge_base`).
pub(crate) fn base_stamp(
    conn: &Connection,
    spec: &TableSpec,
    id: &str,
    device: &str,
) -> Result<Option<String>, ExchangeError> {
    Ok(conn
        .prepare_cached(
            "SELECT updated_at FROM merge_base WHERE table_name = ?1 AND record_id = ?2 AND device_id = ?3",
        )?
        .query_row(params![spec.name, id, device], |r| r.get(0))
        .optional()?)
}
