//! Embedded schema migrations, one SQL file per step (`migrations/NNNN_name.sql`).
//!
//! To add a step: add the file and append it to `MIGRATIONS` below. Never edit a
//! step that has shipped.

use super::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const STEPS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_exchange.sql"),
    include_str!("migrations/0003_drafts.sql"),
    include_str!("migrations/0004_import_mapping.sql"),
    include_str!("migrations/0005_report_indexes.sql"),
    include_str!("migrations/0006_keyring.sql"),
    include_str!("migrations/0007_audit_keys.sql"),
    include_str!("migrations/0008_profile_indexes.sql"),
    include_str!("migrations/0009_retired_referral_targets.sql"),
    include_str!("migrations/0010_household_complex.sql"),
    include_str!("migrations/0011_check_steps.sql"),
    include_str!("migrations/0012_participation_steps.sql"),
    include_str!("migrations/0013_collective_action.sql"),
    include_str!("migrations/0014_complex_corporation.sql"),
    include_str!("migrations/0015_campaign_reach_band.sql"),
    include_str!("migrations/0016_programme_targets.sql"),
    include_str!("migrations/0017_deferred_search_index.sql"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrations()
        .to_latest(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

pub fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().unwrap();
    }

    #[test]
    fn migrating_an_empty_database_reaches_the_latest_version() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(tables > 15);
    }

    #[test]
    fn participation_recorded_before_0012_keeps_its_rows_and_bookkeeping() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 11).unwrap();
        conn.execute_batch(
            "INSERT INTO area(code, kind, name, parent_code) VALUES ('WK026807', 'stadsdeel', 'Dukenburg', NULL);
             INSERT INTO area(code, kind, name, parent_code) VALUES ('BU02680734', 'wijk', 'Lankforst', 'WK026807');
             INSERT INTO participation(id, created_at, updated_at, device_id, author, wijk_code, kind, topic, signalled_on)
             VALUES ('p1', '2026-03-01T10:00:00Z', 'h1', 'dev', 'Anna', 'BU02680734', 'vrijwilligerswerk', 'taal', '2026-03-01');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let row: (String, String, String) = conn
            .query_row(
                "SELECT kind, topic, status FROM participation_now WHERE id = 'p1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            row,
            (
                "vrijwilligerswerk".into(),
                "taal".into(),
                "interesse".into()
            )
        );
        // The conflict bookkeeping trigger came back with the rebuilt table.
        conn.execute(
            "UPDATE participation SET device_id = 'other' WHERE id = 'p1'",
            [],
        )
        .unwrap();
        let bases: i64 = conn
            .query_row(
                "SELECT count(*) FROM merge_base WHERE table_name = 'participation'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(bases, 1);
        conn.execute(
            "INSERT INTO participation(id, created_at, updated_at, device_id, author, wijk_code, kind, signalled_on)
             VALUES ('p2', 'x', 'h2', 'dev', 'Anna', 'BU02680734', 'taal_digitaal', '2026-03-02')",
            [],
        )
        .unwrap();
    }
}
