//! The app and the CLI on one store at once, as coordinators work: the app's
//! core records visits while `wwk stats`, `wwk report` and `wwk merge` run on
//! the same file. Nothing fails or says "locked", and every result equals
//! running the same steps one after the other.

use super::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wijkwaardenkaart::domain::visit::VisitInput;

/// Visits the app records: dated in 2030, outside the report's period.
fn visit(household: &str, n: usize) -> VisitInput {
    VisitInput {
        household_id: household.to_string(),
        campaign_id: None,
        outcome: if n.is_multiple_of(2) {
            "niet_thuis"
        } else {
            "gesprek"
        }
        .into(),
        note: String::new(),
        visited_at: Some(format!("2030-01-{:02}T10:{:02}:00Z", 1 + n % 28, n % 60)),
    }
}

fn report(e: &Env, db: &str, out: &str) -> serde_json::Value {
    let o = e
        .wwk(db)
        .args([
            "report",
            "--area",
            "GM0268",
            "--from",
            "2024-01-01",
            "--to",
            "2025-12-31",
        ])
        .arg("--out")
        .arg(e.path(out))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    no_locked(&o);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(e.path(out)).unwrap()).unwrap();
    json["generated_at"] = serde_json::Value::Null;
    json
}

fn stats(e: &Env, db: &str) -> serde_json::Value {
    let o = e.wwk(db).args(["--json", "stats"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    no_locked(&o);
    stdout_json(&o)
}

fn no_locked(o: &Output) {
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!all.to_lowercase().contains("locked"), "{all}");
}

/// The content of a store without the visits of 2030 (their ids and stamps
/// differ between two runs), and those visits as (household, time, outcome).
fn content(store: &Store) -> (Vec<String>, Vec<(String, String, String)>) {
    let rows = dump(store, false)
        .into_iter()
        .filter(|r| !(r.starts_with("visit|") && r.contains("|2030-")))
        .collect();
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT household_id, visited_at, outcome FROM visit WHERE visited_at LIKE '2030-%'",
        )
        .unwrap();
    let mut visits: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    visits.sort();
    (rows, visits)
}

#[test]
fn the_app_writes_while_stats_report_and_merge_run() {
    let e = Env::new();
    e.demo("hub.db", "Coördinator", 300, 31);
    e.demo("laptop.db", "Sanne", 300, 32);
    let (key, public) = e.keygen("coordinator.key");
    let file = e.export("laptop.db", "sanne.wwk", &public, &[]);
    std::fs::copy(e.path("hub.db"), e.path("reference.db")).unwrap();

    // The app: its core records visits on the hub as fast as it can.
    let mut app = e.open("hub.db");
    let households: Vec<String> = app
        .conn()
        .prepare("SELECT id FROM household WHERE deleted = 0 ORDER BY id LIMIT 200")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let households = households.clone();
        std::thread::spawn(move || {
            let mut done = Vec::new();
            while !stop.load(Ordering::Relaxed) || done.len() < 20 {
                let n = done.len();
                let input = visit(&households[n % households.len()], n);
                app.record_visit(&input)
                    .unwrap_or_else(|err| panic!("the app's write {n} failed: {err}"));
                done.push(input);
                // Hundreds of writes a second: far more than a worker at
                // the door, with a gap for the other program now and then.
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            (app, done)
        })
    };
    let before = stats(&e, "hub.db");
    let (stats_during, report_during) = std::thread::scope(|s| {
        let st = s.spawn(|| stats(&e, "hub.db"));
        let rp = s.spawn(|| report(&e, "hub.db", "during.json"));
        (st.join().unwrap(), rp.join().unwrap())
    });
    let merge = e.merge("hub.db", &[&file], &key, &[]);
    no_locked(&merge);
    assert!(merge.status.success(), "{}", stderr(&merge));
    let receipt = stdout_json(&merge);
    stop.store(true, Ordering::Relaxed);
    let (app, done) = writer.join().unwrap();
    assert!(done.len() >= 20);

    // The same steps one after the other on a copy of the hub as it was.
    let ref_report = report(&e, "reference.db", "reference.json");
    let ref_stats = stats(&e, "reference.db");
    let ref_merge = e.merge_ok("reference.db", &[&file], &key);
    let mut reference = e.open("reference.db");
    for input in &done {
        reference.record_visit(input).unwrap();
    }

    assert_eq!(
        report_during, ref_report,
        "the report equals the one made alone"
    );
    for (k, v) in ref_stats.as_object().unwrap() {
        if k == "visits" {
            let during = stats_during[k].as_u64().unwrap();
            assert!(
                during >= before[k].as_u64().unwrap()
                    && during <= v.as_u64().unwrap() + done.len() as u64
            );
        } else {
            assert_eq!(&stats_during[k], v, "stats field {k}");
        }
    }
    assert!(receipt["totals"]["new"].as_u64().unwrap() > 0, "{receipt}");
    assert_eq!(
        receipt["totals"], ref_merge["totals"],
        "the merge's receipt"
    );
    assert_eq!(
        content(&app),
        content(&reference),
        "the stores end up equal"
    );

    // Re-keying needs the store to itself: with the app open it waits, then
    // says so in Dutch, and the store keeps its passphrase.
    let out = e
        .wwk("hub.db")
        .args(["--json", "passwd"])
        .env("WWK_NEW_PASSPHRASE", "een heel ander wachtwoord")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let json = stdout_json(&out);
    assert_eq!(json["error"]["code"], "store_busy", "{json}");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(message.contains("in gebruik"), "{message}");
    assert!(!message.contains("locked"), "{message}");
    // SQLite's own words stay in `detail`, for support.
    assert!(json["error"]["detail"].as_str().unwrap().contains("SQLite"));
    drop(app);
    drop(reference);
    e.open("hub.db");
}
