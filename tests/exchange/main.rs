//! Export, verify, merge and conflicts through the real `wwk` binary, with
//! real encrypted files on disk and the standard `age` tool.

#[path = "../common/mod.rs"]
mod common;

mod bad;
mod cli;
mod concurrent;
mod crash;
mod fixtures;
mod scenario;
mod trajectory;

use common::{stderr, stdout_json, TestDir, PASS};
use std::path::{Path, PathBuf};
use std::process::Output;
use wijkwaardenkaart::Store;

/// A directory with stores, keys and export files.
pub struct Env {
    pub t: TestDir,
}

impl Default for Env {
    fn default() -> Env {
        Env { t: TestDir::new() }
    }
}

impl Env {
    pub fn new() -> Env {
        Env::default()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.t.path(name)
    }

    pub fn wwk(&self, db: &str) -> assert_cmd::Command {
        self.t.wwk(db)
    }

    /// `wwk init` with a named worker/device.
    pub fn init(&self, db: &str, worker: &str) {
        let out = self
            .wwk(db)
            .args([
                "init",
                "--worker",
                worker,
                "--team",
                "Team Oost",
                "--device",
                &format!("Laptop {worker}"),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// A store with demo data.
    pub fn demo(&self, db: &str, worker: &str, households: u32, seed: u64) {
        self.init(db, worker);
        let out = self
            .wwk(db)
            .args([
                "demo",
                "--households",
                &households.to_string(),
                "--seed",
                &seed.to_string(),
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }

    /// `wwk keygen`; returns the identity file and the public key.
    pub fn keygen(&self, name: &str) -> (PathBuf, String) {
        let path = self.path(name);
        let out = self
            .wwk("none.db")
            .args(["keygen", "--out"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let public = String::from_utf8(out.stdout).unwrap().trim().to_string();
        (path, public)
    }

    /// `wwk export` to a recipient; returns the file.
    pub fn export(&self, db: &str, file: &str, recipient: &str, extra: &[&str]) -> PathBuf {
        let path = self.path(file);
        let out = self
            .wwk(db)
            .args(["export", "--out"])
            .arg(&path)
            .args(["--recipient", recipient])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        path
    }

    /// `wwk --json merge FILES --identity KEY [extra]`.
    pub fn merge(&self, db: &str, files: &[&Path], identity: &Path, extra: &[&str]) -> Output {
        self.wwk(db)
            .args(["--json", "merge"])
            .args(files)
            .arg("--identity")
            .arg(identity)
            .args(extra)
            .output()
            .unwrap()
    }

    /// Merge that must succeed; returns the receipt.
    pub fn merge_ok(&self, db: &str, files: &[&Path], identity: &Path) -> serde_json::Value {
        let out = self.merge(db, files, identity, &[]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout_json(&out)
    }

    pub fn open(&self, db: &str) -> Store {
        Store::open(&self.path(db), PASS).unwrap()
    }

    /// Canonical content of a store: see [`dump`].
    pub fn dump(&self, db: &str, full: bool) -> Vec<String> {
        dump(&self.open(db), full)
    }
}

/// Everything that merges, in a canonical order: synced records, their
/// children, catalogues and stored losing versions (table, record, device,
/// version). With `full`, also the local audit log and merge bookkeeping, so
/// "nothing changed" can be checked exactly.
pub fn dump(store: &Store, full: bool) -> Vec<String> {
    let mut tables = vec![
        "value_catalog",
        "complex",
        "campaign",
        "household",
        "campaign_address",
        "visit",
        "conversation",
        "conversation_value",
        "conversation_theme",
        "quote",
        "benefit_check",
        "check_item",
        "referral",
        "participation",
        "outcome_code",
        "referral_target",
        "referral_status",
        "check_status",
        "regulation",
        "catalog_version",
    ];
    if full {
        tables.extend([
            "audit_log",
            "exchange_merge",
            "exchange_export",
            "merge_conflict",
            "meta",
        ]);
    }
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = store.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Null => "∅".to_string(),
                        rusqlite::types::ValueRef::Integer(i) => i.to_string(),
                        rusqlite::types::ValueRef::Real(f) => f.to_string(),
                        rusqlite::types::ValueRef::Text(s) => {
                            String::from_utf8_lossy(s).into_owned()
                        }
                        rusqlite::types::ValueRef::Blob(b) => format!("{b:?}"),
                    })
                    .collect();
                Ok(format!("{t}|{}", cells.join("|")))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        if t == "catalog_version" {
            // loaded_at is the local time a catalogue was applied.
            rows = rows
                .into_iter()
                .map(|r| r.rsplit_once('|').unwrap().0.to_string())
                .collect();
        }
        rows.sort();
        out.extend(rows);
    }
    if !full {
        let mut stmt = store
            .conn()
            .prepare("SELECT table_name, record_id, device_id, version FROM merge_conflict ORDER BY 1, 2, 3")
            .unwrap();
        out.extend(
            stmt.query_map([], |r| {
                Ok(format!(
                    "conflict|{}|{}|{}|{}",
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?
                ))
            })
            .unwrap()
            .map(Result::unwrap),
        );
    }
    out
}

/// Lines only in `a` / only in `b` (first few), for readable assertion messages.
pub fn diff(a: &[String], b: &[String]) -> String {
    let only = |x: &[String], y: &[String]| {
        let ys: std::collections::HashSet<&String> = y.iter().collect();
        x.iter()
            .filter(|l| !ys.contains(l))
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!("only left:\n{}\nonly right:\n{}", only(a, b), only(b, a))
}

pub fn assert_same(a: &[String], b: &[String], what: &str) {
    assert!(a == b, "{what}: {}", diff(a, b));
}

pub fn exit_code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

pub fn json_error_code(out: &Output) -> String {
    stdout_json(out)["error"]["code"]
        .as_str()
        .unwrap_or("")
        .to_string()
}
