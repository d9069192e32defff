//! Commands driven through Tauri's mock runtime, exactly as the webview calls
//! them (JSON arguments in, JSON or `{code, message}` out), on real store files.

use crate::state::AppState;
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow};

mod bindings;
mod data;
mod exchange;
mod report;

struct Harness {
    _app: App<tauri::test::MockRuntime>,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    dir: tempfile::TempDir,
}

const PASS: &str = "lang-genoeg-wachtwoord";

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        Self::at(dir)
    }

    fn at(dir: tempfile::TempDir) -> Harness {
        let state = AppState::new(dir.path().join("wwk.db"));
        let app = crate::run_app(mock_builder(), state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            _app: app,
            webview,
            dir,
        }
    }

    fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|b| b.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} should fail, gave {v}"),
            Err(e) => e,
        }
    }

    fn created(self) -> Harness {
        self.ok(
            "create_store",
            json!({"passphrase": PASS, "profile": {"worker_name": "Anna de Boer", "team": "Team Dukenburg", "device_name": "laptop 3"}}),
        );
        self
    }

    fn campaign_with_addresses(&self, n: u32) -> String {
        let c = self.ok(
            "save_campaign",
            json!({"input": {"id": null, "name": "Lankforst voorjaar", "team": "Team Dukenburg", "goal": n,
                "period_start": "2026-03-01", "period_end": "2026-04-30", "areas": ["BU02680734"], "complex_id": null}}),
        );
        let id = c["id"].as_str().unwrap().to_string();
        let added = self.ok(
            "add_address_range",
            json!({"campaignId": id, "wijkCode": "BU02680734", "range": format!("Lankforst 1-{n}"), "postcode": null}),
        );
        assert_eq!(added, json!(n));
        id
    }
}

#[test]
fn first_start_creates_the_store_then_later_starts_unlock_it() {
    let h = Harness::new();
    let st = h.ok("app_status", json!({}));
    assert_eq!(st["store_exists"], false);
    assert_eq!(st["unlocked"], false);
    let e = h.err("campaign_list", json!({}));
    assert_eq!(e["code"], "locked");
    let e = h.err(
        "create_store",
        json!({"passphrase": "kort", "profile": {"worker_name": "Anna", "team": "T", "device_name": "l"}}),
    );
    assert_eq!(e["code"], "weak_passphrase");
    assert!(e["message"].as_str().unwrap().contains("te kort"));
    let h = h.created();
    assert_eq!(h.ok("app_status", json!({}))["unlocked"], true);
    assert_eq!(h.ok("get_profile", json!({}))["team"], "Team Dukenburg");
    h.ok("lock", json!({}));
    assert_eq!(h.err("get_profile", json!({}))["code"], "locked");

    // A new app process on the same file: only the passphrase is asked.
    let h = Harness::at(h.dir);
    assert_eq!(h.ok("app_status", json!({}))["store_exists"], true);
    let e = h.err("unlock", json!({"passphrase": "verkeerd-wachtwoord"}));
    assert_eq!(e["code"], "wrong_passphrase");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .starts_with("Het wachtwoord is onjuist"));
    let p = h.ok("unlock", json!({"passphrase": PASS}));
    assert_eq!(p["worker_name"], "Anna de Boer");
}

#[test]
fn passphrase_change_needs_the_old_one() {
    let h = Harness::new().created();
    let e = h.err(
        "change_passphrase",
        json!({"old": "fout-fout-fout", "new": "nieuw-wachtwoord-1"}),
    );
    assert_eq!(e["code"], "wrong_passphrase");
    h.ok(
        "change_passphrase",
        json!({"old": PASS, "new": "nieuw-wachtwoord-1"}),
    );
    h.ok("lock", json!({}));
    assert_eq!(
        h.err("unlock", json!({"passphrase": PASS}))["code"],
        "wrong_passphrase"
    );
    h.ok("unlock", json!({"passphrase": "nieuw-wachtwoord-1"}));
}

#[test]
fn walk_list_records_outcomes_and_progress_follows() {
    let h = Harness::new().created();
    let id = h.campaign_with_addresses(20);
    let list = h.ok("walk_list", json!({"campaignId": id}));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 20);
    for (i, outcome) in [
        "niet_thuis",
        "gesprek",
        "geweigerd",
        "later_terug",
        "gesprek",
        "niet_thuis",
    ]
    .iter()
    .enumerate()
    {
        h.ok(
            "record_visit",
            json!({"input": {"household_id": list[i]["household_id"], "campaign_id": id, "outcome": outcome, "note": ""}}),
        );
    }
    let e = h.err(
        "record_visit",
        json!({"input": {"household_id": list[7]["household_id"], "campaign_id": id, "outcome": "bestaat_niet", "note": ""}}),
    );
    assert_eq!(e["code"], "unknown_code");
    let p = h.ok("campaign_progress", json!({"id": id}));
    assert_eq!(p["households"], 20);
    assert_eq!(p["approached"], 6);
    assert_eq!(p["reached"], 2);
    let page = h.ok("campaigns", json!({"offset": 0, "limit": 20, "focus": id}));
    assert_eq!(page["total"], 1);
    assert_eq!(page["items"][0]["progress"]["approached"], 6);
    let list = h.ok("campaign_list", json!({}));
    assert_eq!(list[0]["id"], id);
    let list = h.ok("walk_list", json!({"campaignId": id}));
    assert_eq!(list[1]["done"], true);
    assert_eq!(list[0]["done"], false);
    assert_eq!(list[0]["attempts"].as_array().unwrap().len(), 1);
}

#[test]
fn addresses_import_from_a_csv_file() {
    let h = Harness::new().created();
    let id = h.campaign_with_addresses(2);
    let csv = h.dir.path().join("adressen.csv");
    std::fs::write(
        &csv,
        "straat;huisnummer;toevoeging\nLankforst;30;a\nLankforst;31;\n",
    )
    .unwrap();
    let r = h.ok(
        "import_addresses_file",
        json!({"campaignId": id, "wijkCode": "BU02680734", "path": csv}),
    );
    assert_eq!(r, json!({"rows": 2, "added": 2}));
    std::fs::write(&csv, "straat;huisnummer\nLankforst;x\n").unwrap();
    let e = h.err(
        "import_addresses_file",
        json!({"campaignId": id, "wijkCode": "BU02680734", "path": csv}),
    );
    assert!(e["message"].as_str().unwrap().contains("Regel 2"), "{e}");
    assert_eq!(
        h.ok("walk_list", json!({"campaignId": id}))
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

#[test]
fn conversation_drafts_autosave_and_disappear_on_save_and_search_finds_it() {
    let h = Harness::new().created();
    let body = json!({"story": "Het café in de Lankforst is ons ontmoetingspunt"}).to_string();
    h.ok("save_draft", json!({"key": "gesprek:nieuw", "body": body}));
    // A crash: a new process reopens the store and finds the draft.
    h.ok("lock", json!({}));
    let h = Harness::at(h.dir);
    h.ok("unlock", json!({"passphrase": PASS}));
    let d = h.ok("get_draft", json!({"key": "gesprek:nieuw"}));
    assert!(d["body"].as_str().unwrap().contains("ontmoetingspunt"));
    let values = h.ok("values", json!({"includeRetired": false}));
    let v0 = values[0]["id"].clone();
    let c = h.ok(
        "save_conversation",
        json!({"draftKey": "gesprek:nieuw", "input": {
            "wijk_code": "BU02680734", "held_on": "2026-03-05", "story": "Het café in de Lankforst is ons ontmoetingspunt",
            "values": [{"value_id": v0, "sentiment": "valued", "bevorderend": "het café", "belemmerend": ""}],
            "themes": ["ontmoeting"], "quotes": [{"text": "Zonder het café zie je elkaar niet", "consent_quoting": true}],
            "consent": {"registration": false, "quoting": true, "recontact": false},
            "follow_up_wanted": false, "follow_up_note": ""}}),
    );
    assert_eq!(c["quotes"][0]["consent_quoting"], true);
    assert_eq!(
        h.ok("get_draft", json!({"key": "gesprek:nieuw"})),
        Value::Null
    );
    let hits = h.ok("search", json!({"query": "cafe", "limit": 20}));
    assert!(!hits.as_array().unwrap().is_empty());
    assert_eq!(hits[0]["conversation_id"], c["id"]);
    assert!(hits[0]["fragments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["hit"] == true && f["text"] == "café"));
    let e = h.err(
        "save_conversation",
        json!({"input": {"wijk_code": "BU02680734", "held_on": "2026-03-05", "story": "x",
            "consent": {"registration": false, "quoting": false, "recontact": false},
            "contact": {"name": "Jan", "phone": null, "email": null}}}),
    );
    assert!(
        e["message"].as_str().unwrap().contains("toestemming"),
        "{e}"
    );
}

#[test]
fn quick_screen_check_referral_and_follow_up_lists() {
    let h = Harness::new().created();
    let id = h.campaign_with_addresses(1);
    let hh = h.ok("walk_list", json!({"campaignId": id}))[0]["household_id"].clone();
    let screen = json!({"household_type": "paar_met_kinderen", "age_group": "21_aow", "income_band": "100_120",
        "rent_band": "huur_tot_grens", "children": 2});
    let res = h.ok("quick_screen", json!({"input": screen}));
    let leergeld = res
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["regulation_id"] == "leergeld")
        .unwrap();
    assert_eq!(leergeld["possible"], true);
    assert_eq!(leergeld["estimated_yearly_eur"], 900);
    let chk = h.ok(
        "save_check",
        json!({"input": {"household_id": hh, "checked_on": "2026-03-05", "screen": screen,
            "items": [{"regulation_id": "leergeld", "status": "mogelijk_recht", "estimated_yearly_eur": null}]}}),
    );
    assert_eq!(chk["items"][0]["screen_possible"], true);
    // Reopened on a later visit: the application, then the decision.
    let listed = h.ok("household_checks", json!({"householdId": hh}));
    assert_eq!(listed[0]["id"], chk["id"]);
    let early = h.err(
        "record_check_step",
        json!({"input": {"check_id": chk["id"], "regulation_id": "leergeld",
        "status": "aangevraagd", "step_on": "2026-03-01", "helper": "formulierenbrigade"}}),
    );
    assert_eq!(early["code"], "invalid");
    assert!(
        early["message"].as_str().unwrap().contains("vóór de check"),
        "{early}"
    );
    h.ok(
        "record_check_step",
        json!({"input": {"check_id": chk["id"], "regulation_id": "leergeld",
        "status": "aangevraagd", "step_on": "2026-03-10", "helper": "formulierenbrigade"}}),
    );
    let granted = h.ok(
        "record_check_step",
        json!({"input": {"check_id": chk["id"], "regulation_id": "leergeld",
        "status": "toegekend", "step_on": "2026-04-20", "amount_cents": 8500, "period": "maand"}}),
    );
    assert_eq!(granted["yearly_eur"], 1020);
    let again = h.ok("get_check", json!({"id": chk["id"]}));
    assert_eq!(again["items"][0]["status"], "toegekend");
    assert_eq!(again["steps"].as_array().unwrap().len(), 2);
    assert_eq!(
        h.ok("household_checks", json!({"householdId": hh}))[0]["pending"],
        0
    );
    // A warm handover to the FEW also records the referral.
    let acts = h.ok(
        "record_check_action",
        json!({"input": {"check_id": chk["id"], "kind": "few_overdracht", "done_on": "2026-04-20"}}),
    );
    assert!(acts[0]["referral_id"].is_string());
    let no_agency = h.err(
        "record_check_action",
        json!({"input": {"check_id": chk["id"], "kind": "uitkering", "done_on": "2026-04-20"}}),
    );
    assert!(no_agency["message"].as_str().unwrap().contains("UWV"));
    assert_eq!(h.ok("set_pending_weeks", json!({"weeks": 3})), 3);
    assert_eq!(h.ok("pending_weeks", json!({})), 3);
    assert_eq!(
        h.err("set_pending_weeks", json!({"weeks": 99}))["code"],
        "invalid"
    );
    assert!(h
        .ok("pending_applications", json!({"limit": 50}))
        .as_array()
        .unwrap()
        .is_empty());
    let r = h.ok(
        "create_referral",
        json!({"input": {"household_id": hh, "wijk_code": "BU02680734", "target": "few", "status": "voorgesteld",
            "proposed_on": "2026-03-05", "due_on": "2026-03-19", "note": ""}}),
    );
    assert_eq!(
        h.ok("open_referrals", json!({"limit": 200}))
            .as_array()
            .unwrap()
            .len(),
        2,
        "the new referral and the FEW handover"
    );
    h.ok(
        "set_referral_status",
        json!({"id": r["id"], "status": "afgerond", "on": "2026-03-20"}),
    );
    assert_eq!(
        h.ok("open_referrals", json!({"limit": 200}))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(h.ok("open_follow_ups", json!({"limit": 50})), json!([]));
    // Meedoen: recorded on the household (the wijk follows from it) and listed.
    let p = h.ok(
        "record_participation",
        json!({"input": {"household_id": hh, "kind": "vrijwilligerswerk", "topic": "taalmaatje",
            "signalled_on": "2026-03-05"}}),
    );
    assert_eq!(p["wijk_code"], "BU02680734");
    let listed = h.ok("household_participation", json!({"householdId": hh}));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["topic"], "taalmaatje");
    assert_eq!(listed[0]["status"], "interesse");
    // Followed up from Opvolging: in contact gebracht, then doet mee.
    assert_eq!(
        h.ok("open_participation", json!({"limit": 50}))[0]["id"],
        p["id"]
    );
    for status in ["in_contact", "doet_mee"] {
        let now = h.ok(
            "record_participation_step",
            json!({"input": {"participation_id": p["id"], "status": status, "step_on": "2026-03-20"}}),
        );
        assert_eq!(now["status"], status);
    }
    assert!(h
        .ok("open_participation", json!({"limit": 50}))
        .as_array()
        .unwrap()
        .is_empty());
    let early = h.err(
        "record_participation_step",
        json!({"input": {"participation_id": p["id"], "status": "gestopt", "step_on": "2026-03-01"}}),
    );
    assert!(early["message"]
        .as_str()
        .unwrap()
        .contains("vóór de aanmelding"));
    // A collective action in the wijk ("Wat doen we ermee?"), listed per area.
    let a = h.ok(
        "save_collective_action",
        json!({"input": {"wijk_code": "BU02680734", "title": "Speeltuin opknappen", "started_on": "2026-04-01",
            "status": "in_voorbereiding", "residents": 9, "value_ids": ["ontmoeting"], "themes": ["speeltuin"],
            "partners": ["woningcorporatie"]}}),
    );
    assert_eq!(a["status"], "in_voorbereiding");
    let listed = h.ok("collective_actions", json!({"area": "WK026807"}));
    assert_eq!(listed[0]["title"], "Speeltuin opknappen");
    let bad = h.err(
        "save_collective_action",
        json!({"input": {"wijk_code": "BU02680734", "title": "", "started_on": "2026-04-01",
            "status": "idee", "residents": 0}}),
    );
    assert_eq!(bad["code"], "invalid");
}

#[test]
fn map_and_dashboard_show_44_wijken_and_suppress_small_numbers() {
    let h = Harness::new().created();
    let shapes = h.ok("map_shapes", json!({}));
    assert_eq!(shapes["wijken"].as_array().unwrap().len(), 44);
    assert!(shapes["attribution"].as_str().unwrap().contains("CC BY"));
    let id = h.campaign_with_addresses(3);
    let hh = h.ok("walk_list", json!({"campaignId": id}))[0]["household_id"].clone();
    h.ok(
        "record_visit",
        json!({"input": {"household_id": hh, "campaign_id": id, "outcome": "gesprek", "note": ""}}),
    );
    let m = h.ok("map_cells", json!({"from": null, "to": null}));
    assert_eq!(m.as_array().unwrap().len(), 44);
    let lank = m
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "BU02680734")
        .unwrap();
    assert_eq!(
        lank["approached"], "< 5",
        "one visit must not colour the map"
    );
    assert_eq!(lank["reached_pct"], Value::Null);
    let d = h.ok(
        "area_dashboard",
        json!({"code": "BU02680734", "from": null, "to": null}),
    );
    assert_eq!(d["area_name"], "Lankforst");
    // The dashboard shows the wijk's profile: the same cells as the map.
    assert_eq!(d["key_figures"]["approached"], lank["approached"]);
    assert_eq!(d["key_figures"]["funnel"][0]["count"], "< 5");
    let e = h.err(
        "area_dashboard",
        json!({"code": "XX", "from": null, "to": null}),
    );
    assert_eq!(e["code"], "unknown_area");
}

/// A complex from the app: made in a wijk, filled by postcode and house
/// numbers, a ronde on it puts its addresses on the walk list, and the
/// dashboard shows it (refused below k households).
#[test]
fn a_complex_is_made_filled_walked_and_shown_from_the_app() {
    let h = Harness::new().created();
    let c = h.ok(
        "save_campaign",
        json!({"input": {"id": null, "name": "Lankforst", "team": "T", "goal": 30,
            "period_start": "2026-03-01", "period_end": "2026-04-30", "areas": ["BU02680734"], "complex_id": null}}),
    );
    let campaign = c["id"].as_str().unwrap().to_string();
    h.ok(
        "add_address_range",
        json!({"campaignId": campaign, "wijkCode": "BU02680734", "range": "Lankforst 1-30", "postcode": "6544AB"}),
    );
    let flat = h.ok(
        "create_complex",
        json!({"wijkCode": "BU02680734", "name": "Flat Lankforst", "corporation": "Portaal"}),
    );
    assert_eq!(flat["corporation"], "Portaal");
    let id = flat["id"].as_str().unwrap().to_string();
    let renamed = h.ok(
        "update_complex",
        json!({"id": id, "name": "Flat Lankforst", "corporation": "Talis"}),
    );
    assert_eq!(renamed["corporation"], "Talis");
    let filled = h.ok(
        "assign_to_complex",
        json!({"complexId": id, "postcode": "6544 ab", "from": 1, "to": 12}),
    );
    assert_eq!(filled["households"], 12);
    let listed = h.ok("complexes", json!({"wijkCode": "BU02680734"}));
    assert_eq!(listed[0]["name"], "Flat Lankforst");
    // A second ronde on the complex walks only its addresses.
    let on_flat = h.ok(
        "save_campaign",
        json!({"input": {"id": null, "name": "Flat", "team": "T", "goal": 12,
            "period_start": "2026-05-01", "period_end": "2026-05-31", "areas": ["BU02680734"], "complex_id": id}}),
    );
    let added = h.ok(
        "add_complex_addresses",
        json!({"campaignId": on_flat["id"]}),
    );
    assert_eq!(added, 12);
    let walk = h.ok("walk_list", json!({"campaignId": on_flat["id"]}));
    assert_eq!(walk.as_array().unwrap().len(), 12);
    // Visits in the complex, then its dashboard.
    for entry in walk.as_array().unwrap() {
        h.ok(
            "record_visit",
            json!({"input": {"household_id": entry["household_id"], "outcome": "niet_thuis",
                "visited_at": "2026-05-04T10:00:00Z"}}),
        );
    }
    let d = h.ok(
        "area_dashboard",
        json!({"code": "BU02680734", "from": null, "to": null, "complex": id}),
    );
    assert_eq!(d["title"], "Complexprofiel Flat Lankforst");
    assert_eq!(d["key_figures"]["approached"], 12);
    let small = h.ok(
        "create_complex",
        json!({"wijkCode": "BU02680734", "name": "Hofje"}),
    );
    h.ok(
        "assign_to_complex",
        json!({"complexId": small["id"], "postcode": "6544AB", "from": 20, "to": 22}),
    );
    let e = h.err(
        "area_dashboard",
        json!({"code": "BU02680734", "from": null, "to": null, "complex": small["id"]}),
    );
    assert_eq!(e["code"], "complex_too_small");
}

#[test]
fn values_catalogue_can_be_extended_renamed_and_retired() {
    let h = Harness::new().created();
    let v = h.ok(
        "add_value",
        json!({"label": "Buurtmoestuin", "description": "Samen tuinieren"}),
    );
    let id = v["id"].clone();
    let e = h.err(
        "add_value",
        json!({"label": "buurtmoestuin", "description": ""}),
    );
    assert!(e["message"].as_str().unwrap().contains("bestaat al"));
    assert_eq!(
        h.ok("rename_value", json!({"id": id, "label": "Moestuin"}))["label"],
        "Moestuin"
    );
    h.ok("retire_value", json!({"id": id, "retired": true}));
    let active = h.ok("values", json!({"includeRetired": false}));
    assert!(!active.as_array().unwrap().iter().any(|x| x["id"] == id));
    let all = h.ok("values", json!({"includeRetired": true}));
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["id"] == id && x["retired"] == true));
}

#[test]
fn demo_generation_reports_progress_and_cancelling_keeps_nothing() {
    let h = Harness::new().created();
    let state = AppState::new(h.dir.path().join("demo.db"));
    state.set_store(Some(
        wijkwaardenkaart::Store::create(
            &state.db_path,
            PASS,
            &wijkwaardenkaart::store::Profile::new("A", "T", "L"),
        )
        .unwrap(),
    ));
    let seen = std::cell::RefCell::new(vec![]);
    let e = crate::commands::demo::run_demo(&state, 1200, 1, |p| {
        seen.borrow_mut().push(p.done);
        state
            .cancel
            .store(true, std::sync::atomic::Ordering::SeqCst);
    })
    .unwrap_err();
    assert_eq!(e.code, "invalid");
    assert!(e.message.contains("afgebroken"));
    let n = state
        .with_store(|s| Ok(s.counts().unwrap().households))
        .unwrap();
    assert_eq!(n, 0);
    let summary =
        crate::commands::demo::run_demo(&state, 1200, 1, |p| seen.borrow_mut().push(p.done))
            .unwrap();
    assert_eq!(summary.households, 1200);
    assert_eq!(seen.borrow().last(), Some(&1200));
    let counts = h.ok("counts", json!({}));
    assert_eq!(counts["households"], 0, "the other store is untouched");
}
