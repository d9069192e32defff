//! Review of versions that lost a merge: list them side by side with the
//! version in the store, and resolve by keeping the local or the incoming one.
//! Keeping the losing side writes it again as a new edit by this device, so it
//! wins on every machine from then on.

use super::error::ExchangeError;
use super::record::Rec;
use super::rows::{
    delete_loser, load_losers, load_main, save_loser, update, Loser, Table, TableSql,
};
use super::rule::{erase_personal, same_content};
use super::spec::{Role, TableSpec, TABLES};
use super::value::{max_val, Val};
use crate::store::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Which side of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// The version this store had before the merge.
    Local,
    /// The version from the merged file.
    Incoming,
}

impl Keep {
    fn as_str(self) -> &'static str {
        match self {
            Keep::Local => "local",
            Keep::Incoming => "incoming",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VersionView {
    pub updated_at: String,
    pub device_id: String,
    pub author: Option<String>,
    pub deleted: bool,
    /// This is the version currently in the store.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldDiff {
    pub field: String,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub local: serde_json::Value,
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub incoming: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub table: String,
    /// Dutch name of the kind of record.
    pub what: String,
    pub record_id: String,
    pub status: String,
    pub resolution: Option<String>,
    pub detected_at: String,
    pub merge_file: String,
    pub local: VersionView,
    pub incoming: VersionView,
    /// Fields whose recorded content differs.
    pub differences: Vec<FieldDiff>,
}

impl ConflictView {
    pub fn to_text(&self) -> String {
        let side = |v: &VersionView| {
            format!(
                "{} door {} op apparaat {}{}{}",
                v.updated_at,
                v.author.as_deref().unwrap_or("?"),
                v.device_id,
                if v.deleted { ", verwijderd" } else { "" },
                if v.current {
                    " (staat nu in de opslag)"
                } else {
                    ""
                }
            )
        };
        let mut s = format!(
            "Conflict {} · {} {} · {} · gevonden {} in {}\n  lokaal:      {}\n  binnengekomen: {}\n",
            self.id,
            self.what,
            self.record_id,
            match (self.status.as_str(), self.resolution.as_deref()) {
                ("resolved", Some(r)) => format!("opgelost ({})", if r == "local" { "lokaal behouden" } else { "binnengekomen behouden" }),
                _ => "open".to_string(),
            },
            self.detected_at,
            self.merge_file,
            side(&self.local),
            side(&self.incoming)
        );
        for d in &self.differences {
            s += &format!(
                "    {}: lokaal {} ↔ binnengekomen {}\n",
                d.field,
                short(&d.local),
                short(&d.incoming)
            );
        }
        s
    }
}

fn short(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 70 {
        format!("{}…", s.chars().take(70).collect::<String>())
    } else {
        s
    }
}

struct Row {
    id: i64,
    table: String,
    record_id: String,
    device_id: String,
    origin: String,
    status: String,
    resolution: Option<String>,
    detected_at: String,
    merge_file: String,
}

const ROW_SQL: &str = "SELECT id, table_name, record_id, device_id, origin, status, resolution, detected_at, merge_file FROM merge_conflict";

fn row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        table: r.get(1)?,
        record_id: r.get(2)?,
        device_id: r.get(3)?,
        origin: r.get(4)?,
        status: r.get(5)?,
        resolution: r.get(6)?,
        detected_at: r.get(7)?,
        merge_file: r.get(8)?,
    })
}

fn spec_of(table: &str) -> Result<&'static TableSpec, ExchangeError> {
    TABLES.iter().find(|t| t.name == table).ok_or_else(|| {
        ExchangeError::Domain(crate::domain::DomainError::Invalid(format!(
            "onbekende tabel \"{table}\" in de conflictenlijst"
        )))
    })
}

/// The record as it is in the store now.
fn main_rec(conn: &Connection, spec: &'static TableSpec, id: &str) -> Result<Rec, ExchangeError> {
    let sql = TableSql::new(spec);
    let t = Table {
        idx: 0,
        spec,
        sql: &sql,
    };
    load_main(conn, &t, id)?.ok_or_else(|| {
        ExchangeError::Domain(crate::domain::DomainError::NotFound {
            what: spec.what,
            id: id.to_string(),
        })
    })
}

fn loser_of(conn: &Connection, spec: &TableSpec, r: &Row) -> Result<Loser, ExchangeError> {
    load_losers(conn, spec, &r.record_id)?
        .into_iter()
        .find(|l| l.device == r.device_id)
        .ok_or(ExchangeError::ConflictNotFound(r.id))
}

fn json_of(spec_kind: super::spec::Kind, v: &Val) -> serde_json::Value {
    match (spec_kind, v) {
        (_, Val::Null) => serde_json::Value::Null,
        (super::spec::Kind::Bool, Val::Int(i)) => serde_json::Value::Bool(*i != 0),
        (_, Val::Int(i)) => serde_json::json!(i),
        (super::spec::Kind::StrList { .. } | super::spec::Kind::WijkList, Val::Text(s)) => {
            serde_json::from_str(s).unwrap_or(serde_json::Value::String(s.clone()))
        }
        (_, Val::Text(s)) => serde_json::Value::String(s.clone()),
    }
}

fn children_json(ch: &super::spec::ChildSpec, rows: &[Vec<Val>]) -> serde_json::Value {
    serde_json::Value::Array(
        rows.iter()
            .map(|r| {
                serde_json::Value::Array(
                    ch.cols
                        .iter()
                        .zip(r)
                        .map(|(c, v)| json_of(c.kind, v))
                        .collect(),
                )
            })
            .collect(),
    )
}

fn view(spec: &TableSpec, r: &Row, main: &Rec, loser: &Rec) -> ConflictView {
    let (local, incoming) = if r.origin == "local" {
        (loser, main)
    } else {
        (main, loser)
    };
    let version = |rec: &Rec, current: bool| VersionView {
        updated_at: rec.updated_at(spec).to_string(),
        device_id: rec.device_id(spec).to_string(),
        author: rec.get(spec, "author").as_str().map(str::to_string),
        deleted: rec.get(spec, "deleted").is_true(),
        current,
    };
    let mut differences = Vec::new();
    for (i, c) in spec.cols.iter().enumerate() {
        if c.role == Role::Content && local.vals[i] != incoming.vals[i] {
            differences.push(FieldDiff {
                field: c.name.to_string(),
                local: json_of(c.kind, &local.vals[i]),
                incoming: json_of(c.kind, &incoming.vals[i]),
            });
        }
    }
    for (k, ch) in spec.children.iter().enumerate() {
        if local.children[k] != incoming.children[k] {
            differences.push(FieldDiff {
                field: ch.name.to_string(),
                local: children_json(ch, &local.children[k]),
                incoming: children_json(ch, &incoming.children[k]),
            });
        }
    }
    ConflictView {
        id: r.id,
        table: r.table.clone(),
        what: spec.what.to_string(),
        record_id: r.record_id.clone(),
        status: r.status.clone(),
        resolution: r.resolution.clone(),
        detected_at: r.detected_at.clone(),
        merge_file: r.merge_file.clone(),
        local: version(local, r.origin != "local"),
        incoming: version(incoming, r.origin == "local"),
        differences,
    }
}

fn rows(conn: &Connection, all: bool) -> Result<Vec<Row>, ExchangeError> {
    let sql = if all {
        format!("{ROW_SQL} ORDER BY id")
    } else {
        format!("{ROW_SQL} WHERE status = 'open' ORDER BY id")
    };
    let mut stmt = conn.prepare(&sql)?;
    let out = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(out)
}

/// Conflicts to review (open ones whose content really differs from the
/// current version), or with `all` every stored one including resolved.
pub fn conflicts(store: &Store, all: bool) -> Result<Vec<ConflictView>, ExchangeError> {
    list(store.conn(), all)
}

pub(crate) fn list(conn: &Connection, all: bool) -> Result<Vec<ConflictView>, ExchangeError> {
    let mut out = Vec::new();
    for r in rows(conn, all)? {
        let spec = spec_of(&r.table)?;
        let main = main_rec(conn, spec, &r.record_id)?;
        let loser = loser_of(conn, spec, &r)?;
        if !all && same_content(spec, &main, &loser.rec) {
            continue;
        }
        out.push(view(spec, &r, &main, &loser.rec));
    }
    Ok(out)
}

/// Number of conflicts [`conflicts`] would list.
pub(crate) fn open_count(conn: &Connection) -> Result<u64, ExchangeError> {
    Ok(list(conn, false)?.len() as u64)
}

/// Resolves an open conflict by keeping one side; returns the resolved conflict.
pub fn resolve_conflict(
    store: &mut Store,
    id: i64,
    keep: Keep,
) -> Result<ConflictView, ExchangeError> {
    let profile = store.profile().clone();
    let stamper = store.stamper();
    let tx = store.conn_mut().transaction()?;
    let r = tx
        .query_row(
            &format!("{ROW_SQL} WHERE id = ?1 AND status = 'open'"),
            [id],
            row,
        )
        .optional()?
        .ok_or(ExchangeError::ConflictNotFound(id))?;
    let spec = spec_of(&r.table)?;
    let old = main_rec(&tx, spec, &r.record_id)?;
    let loser = loser_of(&tx, spec, &r)?;
    let now = crate::util::now_rfc3339();
    if keep.as_str() == r.origin {
        // Write the losing version again as a new edit by this device.
        let stamp = stamper.stamp();
        let mut new = loser.rec.clone();
        new.vals[spec.updated_at()] = Val::Text(stamp.hlc.clone());
        new.vals[spec.device_id()] = Val::Text(stamp.device_id.clone());
        if let Some(i) = spec.col("author") {
            new.vals[i] = Val::Text(stamp.author.clone());
        }
        if old.is_purged(spec) {
            erase_personal(spec, &mut new);
        }
        if let Some(i) = spec.max_col() {
            new.vals[i] = max_val(&old.vals[i], &new.vals[i]);
        }
        let sql = TableSql::new(spec);
        update(
            &tx,
            &Table {
                idx: 0,
                spec,
                sql: &sql,
            },
            &new,
            &old,
        )?;
        // The version that was current becomes its device's losing version.
        let old_dev = old.device_id(spec).to_string();
        if old_dev != stamp.device_id {
            let kept = Loser {
                device: old_dev,
                rec: old.clone(),
                origin: if r.origin == "local" {
                    "incoming"
                } else {
                    "local"
                },
                dirty: true,
            };
            save_loser(&tx, spec, &kept, &r.merge_file, &now, "resolved")?;
            tx.execute(
                "UPDATE merge_conflict SET resolution = ?2, resolved_at = ?3 WHERE table_name = ?1 AND record_id = ?4 AND device_id = ?5",
                params![spec.name, keep.as_str(), now, r.record_id, kept.device],
            )?;
        }
        // This device now holds the winner: it has no losing version any more.
        delete_loser(&tx, spec, &r.record_id, &stamp.device_id)?;
        stamper.persist(&tx)?;
    }
    tx.execute(
        "UPDATE merge_conflict SET status = 'resolved', resolution = ?2, resolved_at = ?3 WHERE id = ?1",
        params![id, keep.as_str(), now],
    )?;
    crate::store::audit_in(
        &tx,
        &profile,
        "merge",
        &serde_json::json!({
            "resolve_conflict": id,
            "table": r.table,
            "record_id": r.record_id,
            "keep": keep.as_str(),
        }),
    )?;
    let main = main_rec(&tx, spec, &r.record_id)?;
    let view_row = Row {
        status: "resolved".into(),
        resolution: Some(keep.as_str().into()),
        ..r
    };
    let resolved = view(spec, &view_row, &main, &loser.rec);
    tx.commit()?;
    Ok(resolved)
}
