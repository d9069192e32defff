//! The voorzieningencheck as a trajectory across laptops: two workers each add
//! a step to the same check (and one edits the check itself); every step
//! survives the merge, in either order, and both laptops converge.

use super::{assert_same, Env};
use wijkwaardenkaart::catalog::ScreenInput;
use wijkwaardenkaart::domain::check::{CheckInput, CheckItemInput};
use wijkwaardenkaart::domain::check_step::CheckStepInput;
use wijkwaardenkaart::domain::household::AddressInput;
use wijkwaardenkaart::Store;

const MEIJHORST: &str = "BU02680733";

fn item(regulation: &str) -> CheckItemInput {
    CheckItemInput {
        regulation_id: regulation.into(),
        status: "mogelijk_recht".into(),
        estimated_yearly_eur: None,
    }
}

fn screen(children: u32) -> ScreenInput {
    ScreenInput {
        household_type: "paar_met_kinderen".into(),
        age_group: "21_aow".into(),
        income_band: "tot_100".into(),
        rent_band: "huur_tot_grens".into(),
        children,
    }
}

fn step(check: &str, regulation: &str, status: &str, on: &str) -> CheckStepInput {
    CheckStepInput {
        check_id: check.into(),
        regulation_id: regulation.into(),
        status: status.into(),
        step_on: on.into(),
        helper: None,
        amount_cents: None,
        period: None,
        starts_on: None,
        reason: None,
    }
}

fn statuses(store: &Store, check: &str) -> Vec<(String, String)> {
    store
        .check(check)
        .unwrap()
        .items
        .into_iter()
        .map(|i| (i.regulation_id, i.status))
        .collect()
}

#[test]
fn two_laptops_adding_steps_to_one_check_keep_both_after_a_merge() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.init("a.db", "Fatima");
    e.init("b.db", "Joost");
    let check = {
        let mut a = e.open("a.db");
        let hh = a
            .add_household(&AddressInput {
                wijk_code: MEIJHORST.into(),
                complex_id: None,
                street: Some("Meijhorst".into()),
                number: Some(60),
                addition: None,
                postcode: None,
            })
            .unwrap();
        a.save_check(&CheckInput {
            id: None,
            household_id: hh.id,
            conversation_id: None,
            checked_on: "2026-03-12".into(),
            screen: screen(2),
            items: vec![item("leergeld"), item("zorgtoeslag")],
        })
        .unwrap()
    };
    let first = e.export("a.db", "a0.wwk", &public, &[]);
    e.merge_ok("b.db", &[&first], &key);

    // Fatima grants leergeld; Joost submits zorgtoeslag and corrects the
    // number of children on the check itself.
    {
        let mut a = e.open("a.db");
        a.record_check_step(&CheckStepInput {
            amount_cents: Some(8500),
            period: Some("maand".into()),
            ..step(&check.id, "leergeld", "toegekend", "2026-04-20")
        })
        .unwrap();
    }
    {
        let mut b = e.open("b.db");
        b.record_check_step(&CheckStepInput {
            helper: Some("few".into()),
            ..step(&check.id, "zorgtoeslag", "aangevraagd", "2026-03-25")
        })
        .unwrap();
        let c = b.check(&check.id).unwrap();
        b.save_check(&CheckInput {
            id: Some(c.id.clone()),
            household_id: c.household_id.clone(),
            conversation_id: None,
            checked_on: c.checked_on.clone(),
            screen: screen(3),
            items: c
                .items
                .iter()
                .map(|i| CheckItemInput {
                    regulation_id: i.regulation_id.clone(),
                    status: i.checked_status.clone(),
                    estimated_yearly_eur: None,
                })
                .collect(),
        })
        .unwrap();
    }
    let a = e.export("a.db", "a.wwk", &public, &[]);
    let b = e.export("b.db", "b.wwk", &public, &[]);
    e.init("ab.db", "Coordinator");
    e.merge_ok("ab.db", &[&a], &key);
    e.merge_ok("ab.db", &[&b], &key);
    e.init("ba.db", "Coordinator");
    e.merge_ok("ba.db", &[&b], &key);
    e.merge_ok("ba.db", &[&a], &key);
    assert_same(
        &e.dump("ab.db", false),
        &e.dump("ba.db", false),
        "merge order",
    );

    let want = vec![
        ("leergeld".to_string(), "toegekend".to_string()),
        ("zorgtoeslag".to_string(), "aangevraagd".to_string()),
    ];
    let coord = e.open("ab.db");
    let mut got = statuses(&coord, &check.id);
    got.sort();
    assert_eq!(got, want, "both steps survive");
    let merged = coord.check(&check.id).unwrap();
    assert_eq!(merged.steps.len(), 2);
    assert_eq!(merged.screen.children, 3, "Joost's edit of the check");
    let leergeld = merged.items.iter().find(|i| i.regulation_id == "leergeld");
    assert_eq!(leergeld.unwrap().granted_yearly_eur, Some(1020));
    drop(coord);

    // The laptops exchange files and end up with the same trajectory.
    e.merge_ok("a.db", &[&b], &key);
    e.merge_ok("b.db", &[&a], &key);
    for db in ["a.db", "b.db"] {
        let mut got = statuses(&e.open(db), &check.id);
        got.sort();
        assert_eq!(got, want, "{db}");
    }
}

/// A year target and a campaign's programme travel to the coordinator (export
/// format 3); when two laptops set the target of the same programme and year,
/// the latest counts on every store.
#[test]
fn year_targets_and_programmes_travel_and_the_latest_target_counts() {
    use wijkwaardenkaart::domain::campaign::CampaignInput;
    use wijkwaardenkaart::domain::programme::TargetInput;
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.init("a.db", "Fatima");
    e.init("b.db", "Joost");
    let target = |min: u32| TargetInput {
        programme: "In de wijk".into(),
        year: 2026,
        households_min: min,
        households_max: 600,
        reach_min_pct: 50,
        reach_max_pct: 60,
    };
    {
        let mut a = e.open("a.db");
        a.set_programme_target(&target(500)).unwrap();
        a.save_campaign(&CampaignInput {
            id: None,
            name: "Meijhorst najaar".into(),
            team: String::new(),
            goal: 300,
            period_start: "2026-09-01".into(),
            period_end: "2026-10-31".into(),
            areas: vec![MEIJHORST.into()],
            complex_id: None,
            reach_band: Default::default(),
            programme: Some("In de wijk".into()),
        })
        .unwrap();
    }
    // Joost sets the same target later, on his own laptop.
    std::thread::sleep(std::time::Duration::from_millis(5));
    e.open("b.db").set_programme_target(&target(550)).unwrap();
    let a = e.export("a.db", "a.wwk", &public, &[]);
    let b = e.export("b.db", "b.wwk", &public, &[]);
    for (db, order) in [("ab.db", [&a, &b]), ("ba.db", [&b, &a])] {
        e.init(db, "Coordinator");
        for f in order {
            e.merge_ok(db, &[f], &key);
        }
        let s = e.open(db);
        let t = s.programme_targets(Some(2026)).unwrap();
        assert_eq!(t.len(), 1, "{db}: one target per programme and year");
        assert_eq!(t[0].households_min, 550, "{db}: the latest counts");
        assert_eq!(s.programmes().unwrap(), vec!["In de wijk".to_string()]);
        let c = &s.campaigns().unwrap()[0];
        assert_eq!(c.programme.as_deref(), Some("In de wijk"));
    }
}
