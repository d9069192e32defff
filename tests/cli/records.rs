//! What workers record, through the real `wwk` binary: participation with its
//! steps, complexes, a voorzieningencheck over visits, collective actions, and
//! each figure in the area profile.

use super::common::{self, stderr, stdout_json, TestDir};

/// Participation is recorded by a command (as the app's check screen does)
/// and is what the profile's "Meedoen" counts; a wrong kind or date is
/// refused in Dutch and nothing is written.
#[test]
fn participation_is_recorded_and_counted_in_the_profile() {
    use wijkwaardenkaart::privacy::Cell;
    use wijkwaardenkaart::profile::{build, ReportRequest};
    let t = TestDir::new();
    let s = t.demo_store("s.db", 300, 6);
    let wijk = common::busiest_wijk(&s);
    let households: Vec<String> = s
        .conn()
        .prepare("SELECT id FROM household WHERE wijk_code = ?1 AND deleted = 0 LIMIT 6")
        .unwrap()
        .query_map([&wijk], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let meedoen = |s: &wijkwaardenkaart::Store| {
        let req = ReportRequest {
            from: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2099, 12, 31),
            ..ReportRequest::for_area(&wijk)
        };
        let m = build(s, &req).unwrap();
        let r = m.referrals.shown().expect("enough conversations").clone();
        (r.participation_total, r.participation)
    };
    let before: u64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM participation WHERE wijk_code = ?1 AND deleted = 0",
            [&wijk],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as u64;
    drop(s);
    for (i, h) in households.iter().enumerate() {
        let kind = if i < 5 {
            "activiteiten"
        } else {
            "vrijwilligerswerk"
        };
        let out = t
            .wwk("s.db")
            .args([
                "--json",
                "participation",
                "add",
                "--household",
                h,
                "--kind",
                kind,
            ])
            .args(["--date", "2026-03-05", "--topic", "buurtmoestuin"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout_json(&out)["wijk_code"], wijk.as_str());
    }
    for (args, code) in [
        (
            vec!["--kind", "sport", "--date", "2026-03-05"],
            "unknown_code",
        ),
        (
            vec!["--kind", "activiteiten", "--date", "5 maart"],
            "invalid",
        ),
    ] {
        let out = t
            .wwk("s.db")
            .args([
                "--json",
                "participation",
                "add",
                "--household",
                &households[0],
            ])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout_json(&out)["error"]["code"], code, "{args:?}");
    }
    let list = t
        .wwk("s.db")
        .args(["--json", "participation", "list", &households[0]])
        .output()
        .unwrap();
    let listed = stdout_json(&list);
    let first = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["topic"] == "buurtmoestuin")
        .unwrap()
        .clone();
    assert_eq!(first["status"], "interesse");
    // Followed up: doet mee, then no longer open.
    let pid = first["id"].as_str().unwrap();
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "participation",
            "step",
            pid,
            "--status",
            "doet_mee",
        ])
        .args(["--date", "2026-03-20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["status"], "doet_mee");
    let open = t
        .wwk("s.db")
        .args(["--json", "participation", "open"])
        .output()
        .unwrap();
    assert!(!stdout_json(&open)
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == pid));
    let (after, lines) = meedoen(&t.open("s.db"));
    assert_eq!(after, Cell::Value(before + 6), "{lines:?}");
}

/// A complex is made and filled by address from the CLI, and its profile
/// counts only its households; a complex below k households, an unknown one
/// and an address range without addresses are refused in Dutch (exit 2).
#[test]
fn a_complex_gets_its_own_profile_from_its_households() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 400, 8);
    let wijk = common::busiest_wijk(&s);
    let (postcode, n): (String, i64) = s
        .conn()
        .query_row(
            "SELECT postcode, count(*) FROM household WHERE wijk_code = ?1 AND postcode IS NOT NULL
             GROUP BY postcode ORDER BY count(*) DESC, postcode LIMIT 1",
            [&wijk],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(n >= 5, "a postcode with enough households");
    drop(s);
    let json = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        (out.status.code(), stdout_json(&out))
    };
    let (code, made) = json(&[
        "complex",
        "add",
        "--wijk",
        &wijk,
        "--name",
        "Flat aan het plein",
    ]);
    assert_eq!(code, Some(0), "{made}");
    let id = made["id"].as_str().unwrap().to_string();
    let (code, assigned) = json(&["complex", "assign", &id, "--postcode", &postcode]);
    assert_eq!(code, Some(0), "{assigned}");
    assert_eq!(assigned["complex"]["households"], n);
    let (code, e) = json(&["complex", "assign", &id, "--postcode", "9999ZZ"]);
    assert_eq!(
        (code, e["error"]["code"].as_str()),
        (Some(2), Some("invalid")),
        "{e}"
    );
    // The profile of the complex: its households only.
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "report",
            "--area",
            &wijk,
            "--complex",
            &id,
            "--out",
        ])
        .arg(t.path("complex.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.path("complex.json")).unwrap()).unwrap();
    assert_eq!(model["title"], "Complexprofiel Flat aan het plein");
    let expected: i64 = t
        .open("s.db")
        .conn()
        .query_row(
            "SELECT count(DISTINCT h.id) FROM household h JOIN visit v ON v.household_id = h.id
               JOIN outcome_code o ON o.code = v.outcome
             WHERE h.complex_id = ?1 AND h.deleted = 0 AND v.deleted = 0 AND o.approached = 1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    let approached = &model["key_figures"]["approached"];
    if expected >= 5 {
        assert_eq!(approached, expected, "{model}");
    } else {
        assert_eq!(approached, "< 5", "{model}");
    }
    // Too small, unknown, or outside the area: refused.
    let (_, small) = json(&["complex", "add", "--wijk", &wijk, "--name", "Hofje"]);
    let small = small["id"].as_str().unwrap().to_string();
    let elsewhere = if wijk == "BU02680100" {
        "BU02680733"
    } else {
        "BU02680100"
    };
    for (args, want) in [
        (
            vec!["--area", wijk.as_str(), "--complex", small.as_str()],
            "complex_too_small",
        ),
        (
            vec!["--area", wijk.as_str(), "--complex", "bestaat-niet"],
            "unknown_complex",
        ),
        (
            vec!["--area", elsewhere, "--complex", id.as_str()],
            "complex_outside_area",
        ),
    ] {
        let out = t
            .wwk("s.db")
            .args(["--json", "report"])
            .args(&args)
            .arg("--out")
            .arg(t.path("x.json"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout_json(&out)["error"]["code"], want, "{args:?}");
        assert!(!t.path("x.json").exists());
    }
}

#[test]
fn a_check_is_recorded_and_followed_up_from_the_command_line() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 60, 8);
    let household: String = s
        .conn()
        .query_row(
            "SELECT id FROM household WHERE deleted = 0 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(s);
    let wwk = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        (out.status.code(), stdout_json(&out), stderr(&out))
    };
    let (code, check, err) = wwk(&[
        "check",
        "add",
        "--household",
        &household,
        "--date",
        "2026-03-12",
        "--household-type",
        "paar_met_kinderen",
        "--age-group",
        "21_aow",
        "--income-band",
        "tot_100",
        "--rent-band",
        "huur_tot_grens",
        "--children",
        "2",
        "--item",
        "leergeld=mogelijk_recht",
        "--item",
        "zorgtoeslag=ontvangt_al",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let id = check["id"].as_str().unwrap().to_string();
    let step = |extra: &[&str]| {
        let mut args = vec!["check", "step", &id, "--regulation", "leergeld"];
        args.extend_from_slice(extra);
        wwk(&args)
    };
    // Refused with a clear message, nothing written.
    for (extra, says) in [
        (
            vec![
                "--status",
                "aangevraagd",
                "--date",
                "2026-03-01",
                "--helper",
                "few",
            ],
            "vóór de check",
        ),
        (
            vec![
                "--status",
                "toegekend",
                "--date",
                "2026-04-20",
                "--amount",
                "-85",
                "--period",
                "maand",
            ],
            "negatief",
        ),
        (
            vec![
                "--status",
                "toegekend",
                "--date",
                "2026-04-20",
                "--amount",
                "85",
            ],
            "per maand, per jaar of eenmalig",
        ),
    ] {
        let (code, json, err) = step(&extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert_eq!(json["error"]["code"], "invalid", "{extra:?}");
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    let (code, _, err) = step(&[
        "--status",
        "aangevraagd",
        "--date",
        "2026-03-20",
        "--helper",
        "formulierenbrigade",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, granted, err) = step(&[
        "--status",
        "toegekend",
        "--date",
        "2026-04-20",
        "--amount",
        "85",
        "--period",
        "maand",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(granted["yearly_eur"], 1020);
    let (_, shown, _) = wwk(&["check", "show", &id]);
    let leergeld = shown["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["regulation_id"] == "leergeld")
        .unwrap()
        .clone();
    assert_eq!(leergeld["status"], "toegekend");
    assert_eq!(leergeld["checked_status"], "mogelijk_recht");
    assert_eq!(leergeld["granted_yearly_eur"], 1020);
    assert_eq!(shown["steps"].as_array().unwrap().len(), 2);
    // The rest of the work: a benefit at the UWV, a warm handover to the FEW.
    let (code, _, err) = wwk(&[
        "check",
        "action",
        &id,
        "--kind",
        "uitkering",
        "--date",
        "2026-04-01",
    ]);
    assert_eq!(code, Some(2), "an agency is needed: {err}");
    assert!(err.contains("UWV"), "{err}");
    for args in [
        vec![
            "--kind",
            "uitkering",
            "--agency",
            "uwv",
            "--date",
            "2026-04-01",
        ],
        vec!["--kind", "few_overdracht", "--date", "2026-04-02"],
    ] {
        let mut a = vec!["check", "action", id.as_str()];
        a.extend(args);
        let (code, _, err) = wwk(&a);
        assert_eq!(code, Some(0), "{err}");
    }
    let (_, shown, _) = wwk(&["check", "show", &id]);
    let actions = shown["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert!(
        actions[1]["referral_id"].is_string(),
        "the handover is a referral"
    );
    let (_, list, _) = wwk(&["check", "list", &household]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id.as_str() && c["last_step_on"] == "2026-04-20"));
}

#[test]
fn a_collective_action_is_recorded_and_listed_in_the_area_profile() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 300, 6);
    let wijk = common::busiest_wijk(&s);
    drop(s);
    let wwk = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        (out.status.code(), stdout_json(&out), stderr(&out))
    };
    let add = |extra: &[&str]| {
        let mut a = vec![
            "collective",
            "add",
            "--wijk",
            wijk.as_str(),
            "--title",
            "Buurtmoestuin aanleggen",
        ];
        a.extend_from_slice(extra);
        wwk(&a)
    };
    for (extra, says) in [
        (
            vec!["--from", "2026-05-01", "--to", "2026-04-01"],
            "vóór de startdatum",
        ),
        (vec!["--from", "2026-05-01", "--status", "klaar"], "klaar"),
        (
            vec!["--from", "2026-05-01", "--complex", "onbekend"],
            "onbekend",
        ),
    ] {
        let (code, _, err) = add(&extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    let (code, a, err) = add(&[
        "--from",
        "2026-05-01",
        "--status",
        "uitgevoerd",
        "--to",
        "2026-06-15",
        "--residents",
        "14",
        "--value",
        "groen",
        "--theme",
        "moestuin",
        "--partner",
        "woningcorporatie",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (_, list, _) = wwk(&["collective", "list", "--area", &wijk]);
    assert!(list.as_array().unwrap().iter().any(|x| x["id"] == a["id"]));
    let json = t.path("profiel.json");
    let (code, _, err) = wwk(&[
        "report",
        "--area",
        &wijk,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let row = model["collective"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Buurtmoestuin aanleggen")
        .unwrap_or_else(|| panic!("{}", model["collective"]))
        .clone();
    assert_eq!(row["status"], "Uitgevoerd");
    assert_eq!(row["residents"], 14);
    assert_eq!(row["partners"][0], "Woningcorporatie");
}
