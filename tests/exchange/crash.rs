//! Crash safety: the process is killed (SIGKILL) at random moments during
//! export and merge. Afterwards the store opens, passes `PRAGMA
//! integrity_check`, and holds either the state before or the whole merge;
//! the export file is either absent or complete. The merge streams two
//! laptops' files and then catches the search index up; after a kill in
//! either phase, search (once it has caught up) finds exactly what it finds
//! after an uninterrupted merge.

use super::common::PASS;
use super::{dump, Env};
use rand::{Rng, SeedableRng};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wijkwaardenkaart::Store;

fn integrity(store: &Store) -> String {
    store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

/// Runs `wwk` with `args` and kills it after `delay`; true when it finished first.
fn run_and_kill(db: &std::path::Path, args: &[&std::ffi::OsStr], delay: Duration) -> bool {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("wwk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("WWK_PASSPHRASE", PASS)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    false
}

/// What `wwk search eenzaam` prints (catching the index up first).
fn search(e: &super::Env, db: &str) -> String {
    let out = e
        .wwk(db)
        .args(["search", "eenzaam", "--limit", "500"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Stories and quotes the search index lacks (or holds twice), and whether
/// it still counts itself as behind.
fn index_gap(store: &Store) -> i64 {
    let pending: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM search_pending", [], |r| r.get(0))
        .unwrap();
    let diff: i64 = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM conversation WHERE story <> '') + (SELECT count(*) FROM quote)
                  - (SELECT count(*) FROM search_fts)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    pending + diff.abs()
}

#[test]
fn killing_merge_and_export_leaves_a_consistent_store() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.demo("src.db", "Fatima", 1500, 21);
    e.demo("src2.db", "Joost", 600, 22);
    let file = e.export("src.db", "src.wwk", &public, &[]);
    let file2 = e.export("src2.db", "src2.wwk", &public, &[]);
    e.init("pristine.db", "Coordinator");
    let before = e.dump("pristine.db", false);
    std::fs::copy(e.path("pristine.db"), e.path("full.db")).unwrap();
    let start = Instant::now();
    e.merge_ok("full.db", &[&file2, &file], &key);
    let full_time = start.elapsed();
    let after = e.dump("full.db", false);
    assert_ne!(before, after);
    let found = search(&e, "full.db");
    assert!(found.contains("eenzaam"), "{found}");
    assert_eq!(index_gap(&e.open("full.db")), 0);

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    let mut interrupted = 0;
    for i in 0..8 {
        let name = format!("m{i}.db");
        let db = e.path(&name);
        std::fs::copy(e.path("pristine.db"), &db).unwrap();
        let delay =
            Duration::from_millis(rng.random_range(50..(full_time.as_millis() as u64).max(100)));
        let args = [
            "merge".as_ref(),
            file2.as_os_str(),
            file.as_os_str(),
            "--identity".as_ref(),
            key.as_os_str(),
        ];
        if !run_and_kill(&db, &args, delay) {
            interrupted += 1;
        }
        let store = Store::open(&db, PASS).expect("the store opens after a kill");
        assert_eq!(integrity(&store), "ok");
        let now = dump(&store, false);
        assert!(
            now == before || now == after,
            "run {i} (killed after {delay:?}): neither before nor complete"
        );
        drop(store);
        if now == after {
            // `wwk search` finishes what the killed merge left of the index.
            assert_eq!(
                search(&e, &name),
                found,
                "run {i}: search after catching up"
            );
            assert_eq!(index_gap(&e.open(&name)), 0, "run {i}");
        }
    }
    assert!(interrupted > 0, "at least one merge was really interrupted");

    for i in 0..4 {
        let out = e.path(&format!("x{i}.wwk"));
        let delay = Duration::from_millis(rng.random_range(50..1500));
        let args = [
            "export".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
            "--recipient".as_ref(),
            public.as_ref(),
        ];
        run_and_kill(&e.path("src.db"), &args, delay);
        let store = Store::open(&e.path("src.db"), PASS).expect("the store opens after a kill");
        assert_eq!(integrity(&store), "ok");
        drop(store);
        if out.exists() {
            // A file under the target name is always complete.
            let v = e
                .wwk("full.db")
                .args(["verify"])
                .arg(&out)
                .arg("--identity")
                .arg(&key)
                .output()
                .unwrap();
            assert!(
                v.status.success(),
                "export {i}: {}",
                String::from_utf8_lossy(&v.stderr)
            );
        }
    }
}
