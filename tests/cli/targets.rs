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
            "--json", "campaign", "add", "--name", "Lankforst voorjaar", "--wijk", "BU02680734",
            "--from", "2026-03-01", "--to", "2026-04-30", "--goal", "300",
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
        assert!(stdout_json(&out)["error"]["message"].as_str().unwrap().contains(message), "{extra:?}: {}", stderr(&out));
    }
    let out = add(&["--programme", " In de wijk ", "--reach", "45-55"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c = stdout_json(&out);
    assert_eq!(c["programme"], "In de wijk");
    assert_eq!(c["reach_band"]["min_pct"], 45);
    let id = c["id"].as_str().unwrap().to_string();
    let out = t
        .wwk("s.db")
        .args(["--json", "campaign", "edit", &id, "--name", "Lankforst voorjaar", "--wijk", "BU02680734"])
        .args(["--from", "2026-03-01", "--to", "2026-05-31", "--programme", "Formulierenbrigade"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout_json(&t.wwk("s.db").args(["--json", "campaign", "list"]).output().unwrap());
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["programme"], "Formulierenbrigade");
    assert_eq!(list[0]["period_end"], "2026-05-31");

    let set = |households: &str| {
        t.wwk("s.db")
            .args(["--json", "target", "set", "--programme", "In de wijk", "--year", "2026"])
            .args(["--households", households])
            .output()
            .unwrap()
    };
    let out = set("600-500");
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout_json(&out)["error"]["message"].as_str().unwrap().contains("geen geldige band"));
    let none = stdout_json(&t.wwk("s.db").args(["--json", "target", "list"]).output().unwrap());
    assert_eq!(none.as_array().unwrap().len(), 0, "nothing written");
    assert!(set("500-600").status.success());
    assert!(set("450–650").status.success());
    let list = stdout_json(&t.wwk("s.db").args(["--json", "target", "list", "--year", "2026"]).output().unwrap());
    assert_eq!(list.as_array().unwrap().len(), 1, "setting again replaces");
    assert_eq!(list[0]["households_min"], 450);
    assert_eq!(list[0]["households_max"], 650);
    assert_eq!(list[0]["reach_min_pct"], 50);
}
