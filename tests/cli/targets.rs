//! Campaigns with their programme and the programme targets per year, as the
//! year report reads them, through the real `wwk` binary; bad bands are
//! refused in Dutch and nothing is written.

use super::common::{stderr, stdout_json, TestDir};

#[test]
fn campaigns_carry_a_programme_and_targets_are_set_per_programme_and_year() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    let add = |extra: &[&str]| {
        let mut c = t.wwk("s.db");
        c.args([
            "--json",
            "campaign",
            "add",
            "--name",
            "Lankforst voorjaar",
            "--wijk",
            "BU02680734",
            "--from",
            "2026-03-01",
            "--to",
            "2026-04-30",
            "--goal",
            "300",
        ])
        .args(extra);
        c.output().unwrap()
    };
    for (extra, message) in [
        (vec!["--reach", "70-60"], "geen geldige band"),
        (vec!["--reach", "veel"], "geen band"),
        (vec!["--wijk", "BU99999999"], "BU99999999"),
    ] {
        let out = add(&extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(
            stdout_json(&out)["error"]["message"]
                .as_str()
                .unwrap()
                .contains(message),
            "{extra:?}: {}",
            stderr(&out)
        );
    }
    let out = add(&["--programme", " In de wijk ", "--reach", "45-55"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = stdout_json(&out);
    assert_eq!(c["programme"], "In de wijk");
    assert_eq!(c["reach_band"]["min_pct"], 45);
    let id = c["id"].as_str().unwrap().to_string();
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "campaign",
            "edit",
            &id,
            "--name",
            "Lankforst voorjaar",
            "--wijk",
            "BU02680734",
        ])
        .args([
            "--from",
            "2026-03-01",
            "--to",
            "2026-05-31",
            "--programme",
            "Formulierenbrigade",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "campaign", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["programme"], "Formulierenbrigade");
    assert_eq!(list[0]["period_end"], "2026-05-31");

    let set = |households: &str| {
        t.wwk("s.db")
            .args([
                "--json",
                "target",
                "set",
                "--programme",
                "In de wijk",
                "--year",
                "2026",
            ])
            .args(["--households", households])
            .output()
            .unwrap()
    };
    let out = set("600-500");
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout_json(&out)["error"]["message"]
        .as_str()
        .unwrap()
        .contains("geen geldige band"));
    let none = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "target", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(none.as_array().unwrap().len(), 0, "nothing written");
    assert!(set("500-600").status.success());
    assert!(set("450–650").status.success());
    let list = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "target", "list", "--year", "2026"])
            .output()
            .unwrap(),
    );
    assert_eq!(list.as_array().unwrap().len(), 1, "setting again replaces");
    assert_eq!(list[0]["households_min"], 450);
    assert_eq!(list[0]["households_max"], 650);
    assert_eq!(list[0]["reach_min_pct"], 50);
}

/// `wwk table --complex`: the area tables of one complex, its households
/// only, with the same suppression as its profile; a complex below k
/// households is refused in Dutch and nothing is written.
#[test]
fn area_tables_of_one_complex_and_a_too_small_complex_is_refused() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 600, 4);
    let (wijk, postcode, n): (String, String, i64) = s
        .conn()
        .query_row(
            "SELECT wijk_code, postcode, count(*) AS n FROM household WHERE deleted = 0 AND postcode IS NOT NULL
             GROUP BY wijk_code, postcode ORDER BY n DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(s);
    assert!(n >= 20, "a postcode with enough households");
    let add = |name: &str| {
        let out = t
            .wwk("s.db")
            .args(["--json", "complex", "add", "--wijk", &wijk, "--name", name])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout_json(&out)["id"].as_str().unwrap().to_string()
    };
    let big = add("Flat groot");
    let small = add("Hofje klein");
    t.wwk("s.db")
        .args(["complex", "assign", &big, "--postcode", &postcode])
        .assert()
        .success();
    let csv = t.path("complex.csv");
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "table",
            "--level",
            "area",
            "--complex",
            &big,
            "--out",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.contains(&big)).collect();
    assert!(
        !rows.is_empty() && rows.iter().all(|l| l.contains("Flat groot")),
        "{text}"
    );
    assert!(!text.contains(&wijk), "only the complex, not its wijk");
    let refused = t.path("klein.csv");
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "table",
            "--level",
            "area",
            "--complex",
            &small,
            "--out",
        ])
        .arg(&refused)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let msg = stdout_json(&out)["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("minder dan 5"), "{msg}");
    assert!(!refused.exists());
    let out = t
        .wwk("s.db")
        .args([
            "table",
            "--level",
            "conversation",
            "--complex",
            &big,
            "--out",
        ])
        .arg(t.path("x.csv"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "--complex is for the area level"
    );
}

/// Every figure of the year report can be written by commands alone: a ronde
/// with its walk list, door outcomes, conversations with values and a
/// follow-up, referrals, and the target; the year report then counts them.
#[test]
fn a_year_written_by_commands_only_is_what_the_year_report_counts() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    let json = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout_json(&out)
    };
    let campaign = json(&[
        "campaign",
        "add",
        "--name",
        "Lankforst najaar",
        "--wijk",
        "BU02680734",
        "--from",
        "2026-09-01",
        "--to",
        "2026-10-31",
        "--goal",
        "12",
        "--programme",
        "In de wijk",
    ])["id"]
        .as_str()
        .unwrap()
        .to_string();
    let added = json(&[
        "campaign",
        "addresses",
        &campaign,
        "--range",
        "Lankforst 1-12",
        "--postcode",
        "6544 AB",
    ]);
    assert_eq!(added["added"], 12);
    let households: Vec<String> = json(&["resident", "find", "Lankforst"])
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["household_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(households.len(), 12);
    for (i, hh) in households.iter().take(9).enumerate() {
        let outcome = if i < 7 { "gesprek" } else { "niet_thuis" };
        json(&[
            "visit",
            "add",
            "--household",
            hh,
            "--outcome",
            outcome,
            "--campaign",
            &campaign,
            "--at",
            "2026-09-15",
        ]);
    }
    for (i, hh) in households.iter().take(7).enumerate() {
        let mut args = vec![
            "conversation",
            "add",
            "--household",
            hh,
            "--campaign",
            &campaign,
            "--date",
            "2026-09-15",
            "--story",
            "We missen een plek om elkaar te zien.",
            "--value",
            "ontmoeting=zorg||geen buurthuis",
        ];
        if i < 5 {
            args.push("--follow-up");
        }
        let c = json(&args);
        if i < 6 {
            json(&[
                "referral",
                "add",
                "--household",
                hh,
                "--conversation",
                c["id"].as_str().unwrap(),
                "--target",
                "few",
                "--date",
                "2026-09-16",
            ]);
        }
    }
    json(&[
        "target",
        "set",
        "--programme",
        "In de wijk",
        "--year",
        "2026",
        "--households",
        "500-600",
    ]);
    // Bad input is refused in Dutch and writes nothing.
    for args in [
        vec![
            "visit",
            "add",
            "--household",
            &households[11],
            "--outcome",
            "weggelopen",
        ],
        vec![
            "conversation",
            "add",
            "--household",
            &households[11],
            "--date",
            "2026-09-15",
            "--value",
            "ontmoeting=blij",
        ],
        vec![
            "referral",
            "add",
            "--household",
            &households[11],
            "--target",
            "nergens",
            "--date",
            "2026-09-16",
        ],
    ] {
        let out = t.wwk("s.db").arg("--json").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!stdout_json(&out)["error"]["message"]
            .as_str()
            .unwrap()
            .is_empty());
    }
    let report = t.path("jaar.json");
    let out = t
        .wwk("s.db")
        .args([
            "report",
            "--year",
            "2026",
            "--programme",
            "in de wijk",
            "--out",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let total = &r["total"];
    assert_eq!(total["approached"], 9);
    assert_eq!(total["reached"], 7);
    assert_eq!(total["follow_ups"], 5);
    assert_eq!(total["referrals_total"], 6);
    let few = r["referral_targets"]
        .as_array()
        .unwrap()
        .iter()
        .position(|t| t.as_str().unwrap().contains("FEW"))
        .unwrap();
    // All six went to the FEW: published next to the total, it would pin the
    // other organisations down to 0, so the breakdown withholds it.
    assert_eq!(total["referrals"][few], "x");
    assert_eq!(r["targets"][0]["approached"], 9);
    assert_eq!(r["targets"][0]["approached_status"], "onder het doel");
    assert_eq!(r["rows"][0]["name"], "Lankforst");
    let values = r["profile"]["values"]["data"]["rows"].as_array().unwrap();
    let ontmoeting = values.iter().find(|v| v["id"] == "ontmoeting").unwrap();
    assert_eq!(ontmoeting["named"], 7);
}
