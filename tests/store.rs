//! The encrypted store on disk: create, open, rekey, refusal of foreign and newer files.

mod common;
use common::{TestDir, PASS};
use wijkwaardenkaart::store::{Profile, Store, StoreError, SCHEMA_VERSION};

#[test]
fn a_store_reopens_with_its_passphrase_and_keeps_the_profile() {
    let t = TestDir::new();
    let device = t.store("a.db").profile().device_id.clone();
    let s = Store::open(&t.path("a.db"), PASS).unwrap();
    assert_eq!(s.profile().device_id, device);
    assert_eq!(s.profile().worker_name, "Test Werker");
    assert_eq!(s.counts().unwrap().areas, 53);
}

#[test]
fn a_wrong_passphrase_is_reported_as_such() {
    let t = TestDir::new();
    drop(t.store("a.db"));
    let err = Store::open(&t.path("a.db"), "niet het wachtwoord").unwrap_err();
    assert!(matches!(err, StoreError::WrongPassphrase), "{err:?}");
    assert!(err.to_string().contains("wachtwoord is onjuist"));
}

#[test]
fn plain_sqlite_cannot_read_the_file() {
    let t = TestDir::new();
    drop(t.store("a.db"));
    let bytes = std::fs::read(t.path("a.db")).unwrap();
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "header must be encrypted"
    );
    let out = std::process::Command::new("sqlite3")
        .arg(t.path("a.db"))
        .arg(".tables")
        .output()
        .expect("the sqlite3 shell is installed (scripts/setup)");
    assert!(
        !out.status.success(),
        "sqlite3 read the store: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a database"));
    // Also through a plain (unkeyed) connection.
    let conn = rusqlite::Connection::open(t.path("a.db")).unwrap();
    assert!(conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
            .get::<_, i64>(0))
        .is_err());
}

#[test]
fn changing_the_passphrase_locks_out_the_old_one() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    s.save_campaign(&campaign()).unwrap();
    assert!(matches!(
        s.change_passphrase("fout fout fout", "nieuw wachtwoord 1"),
        Err(StoreError::WrongPassphrase)
    ));
    s.change_passphrase(PASS, "nieuw wachtwoord 1").unwrap();
    drop(s);
    assert!(matches!(
        Store::open(&t.path("a.db"), PASS),
        Err(StoreError::WrongPassphrase)
    ));
    let s = Store::open(&t.path("a.db"), "nieuw wachtwoord 1").unwrap();
    assert_eq!(s.counts().unwrap().campaigns, 1, "data survives the rekey");
}

#[test]
fn short_passphrases_are_refused() {
    let t = TestDir::new();
    let err = Store::create(&t.path("a.db"), "kort", &Profile::new("a", "b", "c")).unwrap_err();
    assert!(matches!(err, StoreError::WeakPassphrase(8)));
    assert!(!t.path("a.db").exists(), "no file is left behind");
}

#[test]
fn a_store_from_a_newer_version_is_refused() {
    let t = TestDir::new();
    let s = t.store("a.db");
    s.conn()
        .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(s);
    let err = Store::open(&t.path("a.db"), PASS).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { .. }), "{err:?}");
    assert!(err.to_string().contains("nieuwere versie"));
}

#[test]
fn foreign_files_are_not_stores() {
    let t = TestDir::new();
    let plain = t.path("plain.db");
    rusqlite::Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE x(a);")
        .unwrap();
    assert!(matches!(
        Store::open(&plain, PASS),
        Err(StoreError::NotAStore(_))
    ));
    std::fs::write(t.path("empty.db"), b"").unwrap();
    assert!(matches!(
        Store::open(&t.path("empty.db"), PASS),
        Err(StoreError::NotAStore(_))
    ));
    assert!(matches!(
        Store::open(&t.path("missing.db"), PASS),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let t = TestDir::new();
    drop(t.store("a.db"));
    let err = Store::create(&t.path("a.db"), PASS, &Profile::new("a", "b", "c")).unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists(_)));
    Store::open(&t.path("a.db"), PASS).expect("the existing store is untouched");
}

#[test]
fn the_store_uses_wal_and_foreign_keys() {
    let t = TestDir::new();
    let s = t.store("a.db");
    let mode: String = s
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    let fk: i64 = s
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!((mode.as_str(), fk), ("wal", 1));
}

#[test]
fn sensitive_actions_are_audited() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    s.change_passphrase(PASS, "nog een wachtwoord").unwrap();
    let actions: Vec<String> = s
        .conn()
        .prepare("SELECT action FROM audit_log ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(actions, vec!["init", "passwd"]);
}

fn campaign() -> wijkwaardenkaart::domain::campaign::CampaignInput {
    wijkwaardenkaart::domain::campaign::CampaignInput {
        id: None,
        name: "Meijhorst voorjaar".into(),
        team: "Team Dukenburg".into(),
        goal: 600,
        period_start: "2026-03-01".into(),
        period_end: "2026-04-30".into(),
        areas: vec!["BU02680733".into()],
        complex_id: None,
        reach_band: Default::default(),
        programme: None,
    }
}

#[test]
fn catalogue_files_are_validated_before_use() {
    use wijkwaardenkaart::catalog::{CodesCatalog, RegulationsCatalog, ValuesCatalog};
    ValuesCatalog::parse(wijkwaardenkaart::catalog::defaults::VALUES).unwrap();
    CodesCatalog::parse(wijkwaardenkaart::catalog::defaults::CODES).unwrap();
    let regs = RegulationsCatalog::parse(wijkwaardenkaart::catalog::defaults::REGULATIONS).unwrap();
    assert_eq!(regs.year, 2026);
    for r in &regs.regulations {
        assert!(!r.estimate.source.is_empty(), "{} has a source", r.id);
    }
    let dup = r#"{"catalog":"values","version":"1","language":"nl","values":[{"id":"a","label":"A"},{"id":"a","label":"B"}]}"#;
    assert!(ValuesCatalog::parse(dup)
        .unwrap_err()
        .to_string()
        .contains("twee keer"));
    let mut bad: serde_json::Value =
        serde_json::from_str(wijkwaardenkaart::catalog::defaults::REGULATIONS).unwrap();
    bad["regulations"][0]["screen"]["rent_bands"] = serde_json::json!(["kasteel"]);
    let err = RegulationsCatalog::parse(&bad.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("kasteel"), "{err}");
    let mut bad: serde_json::Value =
        serde_json::from_str(wijkwaardenkaart::catalog::defaults::CODES).unwrap();
    bad["outcomes"][0]["key"] = "gesprek".into();
    assert!(CodesCatalog::parse(&bad.to_string())
        .unwrap_err()
        .to_string()
        .contains("sneltoets"));
}

/// Opening a store writes nothing when it is up to date: the app may hold it
/// while the CLI opens it (issue: "every open writes to the store").
#[test]
fn opening_an_up_to_date_store_writes_nothing() {
    let t = TestDir::new();
    drop(t.store("s.db"));
    let s = Store::open(&t.path("s.db"), PASS).unwrap();
    assert_eq!(s.conn().total_changes(), 0, "open wrote to the store");
}
