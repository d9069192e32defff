//! Uitwisselen through the mock runtime on real store files: a laptop exports
//! to a coordinator's saved key, the coordinator verifies, merges (dry run,
//! then for real, then again), reviews a conflict, and refuses a bad file.

use super::Harness;
use crate::state::AppState;
use serde_json::{json, Value};

const CHANNEL: &str = "__CHANNEL__:1";

fn households(h: &Harness) -> u64 {
    h.ok("counts", json!({}))["households"].as_u64().unwrap()
}

fn path(h: &Harness, name: &str) -> String {
    h.dir.path().join(name).display().to_string()
}

fn rename_campaign(h: &Harness, id: &str, name: &str) {
    h.ok(
        "save_campaign",
        json!({"input": {"id": id, "name": name, "team": "Team Dukenburg", "goal": 20,
            "period_start": "2026-03-01", "period_end": "2026-04-30", "areas": ["BU02680734"], "complex_id": null}}),
    );
}

fn export(h: &Harness, name: &str, key: &str) -> Value {
    h.ok(
        "export_file",
        json!({"path": path(h, name), "scope": {}, "protection": {"kind": "recipients", "keys": [key]},
            "onProgress": CHANNEL}),
    )
}

#[test]
fn export_to_a_saved_key_then_verify_merge_and_resolve_a_conflict() {
    let laptop = Harness::new().created();
    let coord = Harness::new().created();
    let campaign = laptop.campaign_with_addresses(20);

    // The coordinator generates a key; only the public half is shown.
    let key_path = path(&coord, "coordinator.key");
    let own = coord.ok(
        "generate_key",
        json!({"label": "Coördinator", "path": key_path}),
    );
    assert_eq!(own["kind"], "own");
    assert!(!own.to_string().contains("AGE-SECRET-KEY"));
    let e = coord.err(
        "generate_key",
        json!({"label": "Nog een", "path": key_path}),
    );
    assert_eq!(e["code"], "file_exists");
    let public = own["public_key"].as_str().unwrap().to_string();

    // The laptop saves it and exports everything to it.
    let e = laptop.err(
        "add_coordinator_key",
        json!({"label": "Coördinator", "publicKey": "age1fout"}),
    );
    assert_eq!(e["code"], "recipient_invalid");
    laptop.ok(
        "add_coordinator_key",
        json!({"label": "Coördinator", "publicKey": public}),
    );
    let keys = laptop.ok("exchange_keys", json!({}));
    assert_eq!(keys[0]["public_key"], public.as_str());
    let receipt = export(&laptop, "laptop.wwk", &public);
    assert_eq!(receipt["counts"]["household"], 20);
    assert_eq!(receipt["protection"], "sleutel");
    let file = receipt["file"].as_str().unwrap().to_string();

    // Verify changes nothing; a dry run neither.
    let unlock = json!({"kind": "identity", "path": key_path});
    let report = coord.ok(
        "verify_files",
        json!({"paths": [file], "unlock": unlock, "onProgress": CHANNEL}),
    );
    assert_eq!(report["files"][0]["worker"], "Anna de Boer");
    assert_eq!(report["files"][0]["device_name"], "laptop 3");
    assert_eq!(households(&coord), 0);
    let merge = |dry: bool| {
        coord.ok(
            "merge_files",
            json!({"paths": [file], "unlock": unlock, "dryRun": dry, "onProgress": CHANNEL}),
        )
    };
    let dry = merge(true);
    assert_eq!(dry["dry_run"], true);
    assert!(dry["totals"]["new"].as_u64().unwrap() > 20);
    assert_eq!(households(&coord), 0);

    let first = merge(false);
    assert_eq!(first["files"][0]["result"]["new"], first["totals"]["new"]);
    assert_eq!(first["files"][0]["already_merged"], Value::Null);
    assert_eq!(households(&coord), 20);
    let again = merge(false);
    assert!(again["files"][0]["already_merged"].is_string());
    assert_eq!(again["totals"]["new"], 0);
    let total = |r: &Value, k: &str| r["totals"][k].as_u64().unwrap();
    assert_eq!(
        total(&again, "duplicate"),
        total(&first, "new") + total(&first, "duplicate")
    );

    // Both sides rename the campaign: a conflict for the coordinator.
    rename_campaign(&coord, &campaign, "Lankforst (coördinator)");
    rename_campaign(&laptop, &campaign, "Lankforst (laptop)");
    let file2 = export(&laptop, "laptop2.wwk", &public)["file"]
        .as_str()
        .unwrap()
        .to_string();
    let r = coord.ok(
        "merge_files",
        json!({"paths": [file2], "unlock": unlock, "dryRun": false, "onProgress": CHANNEL}),
    );
    assert_eq!(r["totals"]["conflict"], 1);
    assert_eq!(r["open_conflicts"], 1);
    let open = coord.ok("exchange_conflicts", json!({"all": false}));
    let c = &open[0];
    assert_eq!(c["table"], "campaign");
    let diff = c["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "name")
        .expect("name differs");
    let names = [diff["local"].clone(), diff["incoming"].clone()];
    assert!(names.contains(&json!("Lankforst (laptop)")));
    let id = c["id"].as_i64().unwrap();
    let local_name = diff["local"].clone();
    let incoming_name = diff["incoming"].clone();
    coord.ok("resolve_conflict", json!({"id": id, "keep": "incoming"}));
    assert_eq!(
        coord.ok("exchange_conflicts", json!({"all": false})),
        json!([])
    );
    let list = coord.ok("campaign_list", json!({}));
    assert_eq!(list[0]["name"], incoming_name);
    assert_ne!(local_name, incoming_name);
    let e = coord.err("resolve_conflict", json!({"id": id, "keep": "local"}));
    assert_eq!(e["code"], "conflict_not_found");
}

#[test]
fn a_bad_file_is_refused_with_a_dutch_message_naming_it_and_nothing_changes() {
    let laptop = Harness::new().created();
    let coord = Harness::new().created();
    laptop.campaign_with_addresses(5);
    let key_path = path(&coord, "c.key");
    let own = coord.ok("generate_key", json!({"label": "Ik", "path": key_path}));
    let good = export(&laptop, "goed.wwk", own["public_key"].as_str().unwrap())["file"].clone();
    let bad = path(&coord, "kapot.wwk");
    std::fs::write(&bad, b"dit is geen exportbestand").unwrap();
    let unlock = json!({"kind": "identity", "path": key_path});
    for cmd in ["verify_files", "merge_files"] {
        let e = coord.err(
            cmd,
            json!({"paths": [good, bad], "unlock": unlock, "dryRun": false, "onProgress": CHANNEL}),
        );
        assert_eq!(e["code"], "bundle_not_age");
        let msg = e["message"].as_str().unwrap();
        assert!(
            msg.contains("kapot.wwk") && msg.contains("geen versleuteld"),
            "{msg}"
        );
    }
    assert_eq!(households(&coord), 0);
    let e = coord.err(
        "merge_files",
        json!({"paths": [good], "unlock": {"kind": "passphrase", "passphrase": "een-lang-wachtwoord"},
            "dryRun": false, "onProgress": CHANNEL}),
    );
    assert_eq!(e["code"], "bundle_needs_identity");
    let e = laptop.err(
        "export_file",
        json!({"path": path(&laptop, "x.wwk"), "scope": {},
            "protection": {"kind": "passphrase", "passphrase": "kort"}, "onProgress": CHANNEL}),
    );
    assert_eq!(e["code"], "weak_passphrase");
    assert!(!laptop.dir.path().join("x.wwk").exists());
    let e = laptop.err(
        "export_file",
        json!({"path": path(&laptop, "x.wwk"), "scope": {},
            "protection": {"kind": "recipients", "keys": []}, "onProgress": CHANNEL}),
    );
    assert_eq!(e["code"], "no_recipients");

    // Keys: import from an identity file, remove.
    let imported = laptop.ok(
        "import_key_file",
        json!({"label": "Coördinator", "path": key_path}),
    );
    assert_eq!(imported[0]["public_key"], own["public_key"]);
    assert_eq!(imported[0]["kind"], "coordinator");
    let e = laptop.err("import_key_file", json!({"label": "X", "path": bad}));
    assert_eq!(e["code"], "identity_invalid");
    laptop.ok("remove_key", json!({"id": imported[0]["id"]}));
    assert_eq!(laptop.ok("exchange_keys", json!({})), json!([]));
}

#[test]
fn a_cancelled_merge_keeps_nothing() {
    let laptop = Harness::new().created();
    laptop.campaign_with_addresses(10);
    let file = laptop.dir.path().join("p.wwk");
    let pass = "een-lang-wachtwoord";
    laptop.ok(
        "export_file",
        json!({"path": file, "scope": {"area": "BU02680734"},
            "protection": {"kind": "passphrase", "passphrase": pass}, "onProgress": CHANNEL}),
    );
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::new(dir.path().join("c.db"));
    state.set_store(Some(
        wijkwaardenkaart::Store::create(
            &state.db_path,
            super::PASS,
            &wijkwaardenkaart::store::Profile::new("C", "T", "L"),
        )
        .unwrap(),
    ));
    let paths = [file.display().to_string()];
    let unlock = || crate::commands::exchange::UnlockInput::Passphrase {
        passphrase: pass.into(),
    };
    let e = crate::commands::exchange::run_merge(&state, &paths, unlock(), false, |_| {
        state
            .cancel
            .store(true, std::sync::atomic::Ordering::SeqCst);
    })
    .unwrap_err();
    assert_eq!(e.code, "cancelled");
    assert!(e.message.contains("niets gewijzigd"));
    let n = || {
        state
            .with_store(|s| Ok(s.counts().unwrap().households))
            .unwrap()
    };
    assert_eq!(n(), 0);
    let seen = std::cell::Cell::new(0);
    let r = crate::commands::exchange::run_merge(&state, &paths, unlock(), false, |_| {
        seen.set(seen.get() + 1)
    })
    .unwrap();
    assert!(seen.get() > 0);
    assert!(r.totals.new > 10);
    assert_eq!(r.totals.total(), r.files[0].summary.records);
    assert_eq!(n(), 10);
}
