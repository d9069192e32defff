//! "Gegevens": anonymous tables, voorzieningencheck import, retention and
//! resident data, through the mock runtime on real store files.

use super::{Harness, PASS};
use serde_json::{json, Value};

/// Five Lankforst households with postcode 6544 AB and numbers 1–5.
fn households(h: &Harness) -> (String, Vec<Value>) {
    let c = h.ok(
        "save_campaign",
        json!({"input": {"id": null, "name": "Lankforst najaar", "team": "Team Dukenburg", "goal": 5,
            "period_start": "2026-03-01", "period_end": "2026-04-30", "areas": ["BU02680734"], "complex_id": null}}),
    );
    let id = c["id"].as_str().unwrap().to_string();
    h.ok(
        "add_address_range",
        json!({"campaignId": id, "wijkCode": "BU02680734", "range": "Lankforst 1-5", "postcode": "6544AB"}),
    );
    let list = h.ok("walk_list", json!({"campaignId": id}));
    (id, list.as_array().unwrap().clone())
}

fn conversation(h: &Harness, held_on: &str, story: &str) -> Value {
    h.ok(
        "save_conversation",
        json!({"draftKey": null, "input": {
            "wijk_code": "BU02680734", "held_on": held_on, "story": story,
            "values": [], "themes": [], "quotes": [],
            "consent": {"registration": false, "quoting": false, "recontact": false},
            "follow_up_wanted": false, "follow_up_note": ""}}),
    )
}

#[test]
fn anonymous_table_is_written_to_the_chosen_file_and_reads_back() {
    let h = Harness::new().created();
    households(&h);
    for day in ["2026-03-01", "2026-03-02", "2026-03-03"] {
        conversation(&h, day, "Het plein aan de Lankforst is fijn");
    }
    let out = h.dir.path().join("gesprekken.csv");
    let state = crate::state::AppState::new(h.dir.path().join("wwk.db"));
    state.set_store(Some(
        wijkwaardenkaart::Store::open(&state.db_path, PASS).unwrap(),
    ));
    let stages = std::cell::RefCell::new(vec![]);
    let req = serde_json::from_value(
        json!({"level": "conversation", "format": "csv", "area": "GM0268",
        "from": "2026-01-01", "to": null, "per": "wijk"}),
    )
    .unwrap();
    let s = crate::commands::tables::run_export(&state, &req, out.to_str().unwrap(), |p| {
        stages.borrow_mut().push(p.stage.clone())
    })
    .unwrap();
    assert_eq!(s.rows, 3);
    assert!(stages.borrow().iter().any(|s| s == "Bestand schrijven"));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Dutch Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.lines().next().unwrap().contains(';'));
    assert!(!text.contains("plein"), "no stories in anonymous tables");
    drop(state);

    // Through IPC: the area level as XLSX, with suppressed cells counted.
    let xlsx = h.dir.path().join("wijken.xlsx");
    let s = h.ok(
        "export_table",
        json!({"request": {"level": "area", "format": "xlsx", "area": "WK026807", "from": null, "to": null, "per": "wijk"},
            "path": xlsx, "onProgress": "__CHANNEL__:1"}),
    );
    assert_eq!(s["format"], "xlsx");
    assert!(s["suppressed_cells"].as_u64().unwrap() > 0, "{s}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let e = h.err(
        "export_table",
        json!({"request": {"level": "area", "format": "csv", "area": "XX"}, "path": h.dir.path().join("x.csv"), "onProgress": "__CHANNEL__:1"}),
    );
    assert_eq!(e["code"], "unknown_area");
}

#[test]
fn check_import_previews_imports_and_reimports_without_duplicates() {
    let h = Harness::new().created();
    households(&h);
    let csv = h.dir.path().join("brigade.csv");
    let good = "Postcode;Huisnr;Datum;Regeling;Status\r\n\
                6544 AB;1;14-03-2026;Zorgtoeslag;Mogelijk recht\r\n\
                6544AB;2;14-03-2026;Bijzondere bijstand;Aangevraagd\r\n";
    std::fs::write(
        &csv,
        format!("{good}6544 AB;99;14-03-2026;Zorgtoeslag;Toegekend\r\n"),
    )
    .unwrap();
    let run = |dry_run: bool, skip_invalid: bool| {
        h.ok(
            "import_checks_file",
            json!({"input": {"path": csv, "source": "", "sheet": null, "dry_run": dry_run, "skip_invalid": skip_invalid},
                "onProgress": "__CHANNEL__:1"}),
        )
    };
    let r = run(true, false);
    assert_eq!(r["report"]["outcome"], "rejected");
    assert_eq!(r["report"]["problems"][0]["line"], 4);
    assert!(r["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l.as_str().unwrap().starts_with("Regel 4:")));
    let r = run(true, true);
    assert_eq!(r["report"]["outcome"], "dry_run");
    assert_eq!(r["report"]["checks"]["new"], 2);
    assert_eq!(
        h.ok("counts", json!({}))["checks"],
        0,
        "a preview writes nothing"
    );

    let r = run(false, true);
    assert_eq!(r["report"]["outcome"], "imported");
    assert_eq!(r["report"]["checks"]["new"], 2);
    assert_eq!(h.ok("counts", json!({}))["checks"], 2);
    let maps = h.ok("import_mappings", json!({}));
    assert_eq!(maps[0]["source"], "standaard");

    std::fs::write(&csv, good).unwrap();
    let r = run(false, false);
    assert_eq!(r["report"]["checks"]["new"], 0);
    assert_eq!(r["report"]["checks"]["unchanged"], 2);
    assert_eq!(h.ok("counts", json!({}))["checks"], 2, "no duplicates");

    std::fs::write(&csv, "dit is geen spreadsheet").unwrap();
    let e = h.err(
        "import_checks_file",
        json!({"input": {"path": h.dir.path().join("checks.pdf"), "dry_run": true, "skip_invalid": false},
            "onProgress": "__CHANNEL__:1"}),
    );
    assert_eq!(e["code"], "read");
}

#[test]
fn retention_is_set_and_purge_at_start_reports_what_went() {
    let h = Harness::new().created();
    let r = h.ok("retention_setting", json!({}));
    assert_eq!(r["text"], "18m");
    assert_eq!(r["label"], "18 maanden");
    let e = h.err("set_retention", json!({"period": "18 weken"}));
    assert_eq!(e["code"], "bad_retention_period");
    assert!(e["message"].as_str().unwrap().starts_with("Bewaartermijn"));
    let r = h.ok("set_retention", json!({"period": "2 jaar"}));
    assert_eq!(
        (r["text"].as_str(), r["label"].as_str()),
        (Some("2y"), Some("2 jaar"))
    );

    conversation(&h, "2022-05-01", "Een oud verhaal over de Lankforst");
    conversation(&h, "2026-03-01", "Een nieuw verhaal");
    let preview = h.ok("purge_now", json!({"dryRun": true}));
    assert_eq!(preview["report"]["conversations"], 1);
    assert!(preview["notice"]
        .as_str()
        .unwrap()
        .contains("zouden worden verwijderd"));

    // A new app process: unlock, then the purge at start.
    h.ok("lock", json!({}));
    let h = Harness::at(h.dir);
    h.ok("unlock", json!({"passphrase": PASS}));
    let p = h.ok("purge_at_start", json!({}));
    assert_eq!(p["empty"], false);
    assert_eq!(p["report"]["conversations"], 1);
    assert!(
        p["notice"].as_str().unwrap().contains("1 gesprekken"),
        "{p}"
    );
    let again = h.ok("purge_at_start", json!({}));
    assert_eq!(again["empty"], true);
    assert_eq!(h.ok("purge_now", json!({"dryRun": false}))["empty"], true);
}

#[test]
fn resident_data_is_found_exported_and_erased() {
    let h = Harness::new().created();
    let (campaign, list) = households(&h);
    let hh = list[2]["household_id"].clone();
    h.ok(
        "record_visit",
        json!({"input": {"household_id": hh, "campaign_id": campaign, "outcome": "niet_thuis", "note": "hond blaft"}}),
    );
    let found = h.ok(
        "find_residents",
        json!({"query": "Lankforst 3", "limit": 10}),
    );
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["household_id"], hh);
    assert_eq!(
        h.err("find_residents", json!({"query": "La", "limit": 10}))["code"],
        "query_too_short"
    );
    let d = h.ok("resident_data", json!({"householdId": hh}));
    assert_eq!(d["household"]["street"], "Lankforst");
    assert_eq!(d["visits"][0]["note"], "hond blaft");

    let out = h.dir.path().join("inzage.json");
    h.ok("export_resident", json!({"householdId": hh, "path": out}));
    let doc: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(doc["household"]["number"], 3);

    let r = h.ok("erase_resident", json!({"householdId": hh}));
    assert_eq!(r["visit_notes"], 1);
    let d = h.ok("resident_data", json!({"householdId": hh}));
    assert_eq!(d["household"]["purged"], true);
    assert_eq!(d["household"]["street"], Value::Null);
    assert_eq!(d["visits"][0]["note"], "");
    assert_eq!(
        h.err("erase_resident", json!({"householdId": "bestaat-niet"}))["code"],
        "not_found"
    );
}
