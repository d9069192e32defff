//! Test helpers: temporary stores on disk and the real `wwk` binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use wijkwaardenkaart::store::{Profile, Store};

pub const PASS: &str = "correct horse battery";

pub struct TestDir {
    pub dir: tempfile::TempDir,
}

impl TestDir {
    pub fn new() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A fresh store file with a test profile.
    pub fn store(&self, name: &str) -> Store {
        Store::create(
            &self.path(name),
            PASS,
            &Profile::new("Test Werker", "Team Test", "Testlaptop"),
        )
        .expect("create store")
    }

    /// A fresh store filled with the deterministic demo dataset.
    pub fn demo_store(&self, name: &str, households: u32, seed: u64) -> Store {
        let mut s = self.store(name);
        wijkwaardenkaart::demo::generate(
            &mut s,
            wijkwaardenkaart::demo::DemoOptions { households, seed },
            &mut |_| true,
        )
        .expect("demo data");
        s
    }

    /// Opens a store in this directory with the test passphrase.
    pub fn open(&self, name: &str) -> Store {
        Store::open(&self.path(name), PASS).expect("open store")
    }

    /// `wwk --db <db>` with the test passphrase in the environment.
    pub fn wwk(&self, db: &str) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("wwk").expect("wwk binary");
        cmd.arg("--db")
            .arg(self.path(db))
            .env("WWK_PASSPHRASE", PASS)
            .env_remove("WWK_NEW_PASSPHRASE");
        cmd
    }
}

pub fn stdout_json(out: &std::process::Output) -> serde_json::Value {
    let s = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&s)
        .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}): {s}"))
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn exists(p: &Path) -> bool {
    p.exists()
}

/// The wijk with the most conversations (the demo's busiest).
pub fn busiest_wijk(store: &Store) -> String {
    store
        .stats_by_area()
        .expect("stats")
        .into_iter()
        .max_by_key(|a| a.conversations)
        .expect("a wijk")
        .code
}
