//! Helpers for the unit and property tests of this module: an in-memory store
//! schema and a canonical dump of everything that merges.

use super::export::dump_table;
use super::record;
use super::spec::TABLES;
use rusqlite::Connection;

/// An unencrypted in-memory database with the full schema and the default catalogues.
pub fn memory_db() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    crate::store::migrate(&mut conn).expect("migrations");
    crate::catalog::seed(&conn).expect("catalogues");
    conn
}

/// Every synced record (children included) in payload encoding, sorted, plus
/// the stored losing versions: equal dumps mean equal merge results.
pub fn dump(conn: &Connection, with_conflicts: bool) -> Vec<String> {
    let mut out = Vec::new();
    for spec in &TABLES {
        dump_table(conn, spec, None, &mut |rec| {
            out.push(format!(
                "{} {}",
                spec.name,
                record::encode_to_string(spec, rec)
            ));
        })
        .unwrap();
    }
    if with_conflicts {
        let mut stmt = conn
            .prepare("SELECT table_name, record_id, device_id, version FROM merge_conflict ORDER BY 1, 2, 3")
            .unwrap();
        let rows = stmt
            .query_map([], |r| {
                Ok(format!(
                    "conflict {} {} {} {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?
                ))
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}
