//! The voorzieningencheck on a real store: the quick screen's indications and
//! estimates, and the check as a trajectory over visits with real amounts.

use super::common::TestDir;
use super::{household, MEIJHORST};
use wijkwaardenkaart::catalog::ScreenInput;
use wijkwaardenkaart::domain::check::{CheckInput, CheckItemInput};
use wijkwaardenkaart::domain::check_step::CheckStepInput;
use wijkwaardenkaart::Store;

#[test]
fn voorzieningencheck_computes_indications_and_estimates_from_the_catalogue() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let hh = household(&mut s, 40, None);
    let screen = ScreenInput {
        household_type: "alleenstaande_ouder".into(),
        age_group: "21_aow".into(),
        income_band: "tot_100".into(),
        rent_band: "huur_tot_grens".into(),
        children: 2,
    };
    let results = s.screen(&screen).unwrap();
    let leergeld = results
        .iter()
        .find(|r| r.regulation_id == "leergeld")
        .unwrap();
    assert!(leergeld.possible);
    assert_eq!(leergeld.estimated_yearly_eur, Some(900));
    let check = s
        .save_check(&CheckInput {
            id: None,
            household_id: hh.id.clone(),
            conversation_id: None,
            checked_on: "2026-03-12".into(),
            screen: screen.clone(),
            items: vec![
                CheckItemInput {
                    regulation_id: "leergeld".into(),
                    status: "aangevraagd".into(),
                    estimated_yearly_eur: None,
                },
                CheckItemInput {
                    regulation_id: "zorgtoeslag".into(),
                    status: "ontvangt_al".into(),
                    estimated_yearly_eur: None,
                },
            ],
        })
        .unwrap();
    assert_eq!(check.items[0].regulation_id, "zorgtoeslag");
    assert_eq!(
        check.items[0].estimated_yearly_eur, None,
        "already received: no extra yield"
    );
    assert_eq!(check.items[1].estimated_yearly_eur, Some(900));
    assert!(check.items[1].screen_possible);
    let area = s
        .stats_by_area()
        .unwrap()
        .into_iter()
        .find(|a| a.code == MEIJHORST)
        .unwrap();
    assert_eq!(
        (area.checks, area.applied, area.granted_eur),
        (1, 1, 0),
        "a pending application is not counted as yield"
    );
    let bad = s.save_check(&CheckInput {
        id: None,
        household_id: hh.id.clone(),
        conversation_id: None,
        checked_on: "2026-03-12".into(),
        screen: ScreenInput {
            income_band: "rijk".into(),
            ..screen
        },
        items: vec![],
    });
    assert!(bad.unwrap_err().to_string().contains("inkomensklasse"));
}

/// A step of the leergeld application in the check `check_id`.
fn leergeld_step(check_id: &str, status: &str, on: &str) -> CheckStepInput {
    CheckStepInput {
        check_id: check_id.into(),
        regulation_id: "leergeld".into(),
        status: status.into(),
        step_on: on.into(),
        helper: None,
        amount_cents: None,
        period: None,
        starts_on: None,
        reason: None,
    }
}

#[test]
fn a_check_is_a_trajectory_over_visits_with_real_granted_amounts() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let hh = household(&mut s, 41, None);
    let screen = ScreenInput {
        household_type: "paar_met_kinderen".into(),
        age_group: "21_aow".into(),
        income_band: "tot_100".into(),
        rent_band: "huur_tot_grens".into(),
        children: 2,
    };
    let check = s
        .save_check(&CheckInput {
            id: None,
            household_id: hh.id.clone(),
            conversation_id: None,
            checked_on: "2026-03-12".into(),
            screen,
            items: vec![CheckItemInput {
                regulation_id: "leergeld".into(),
                status: "mogelijk_recht".into(),
                estimated_yearly_eur: None,
            }],
        })
        .unwrap();
    let steps = |s: &Store| s.check(&check.id).unwrap().steps.len();

    // Bad steps are refused with a clear message and write nothing.
    let refused = |s: &mut Store, input: CheckStepInput, says: &str| {
        let err = s.record_check_step(&input).unwrap_err().to_string();
        assert!(err.contains(says), "expected \"{says}\" in: {err}");
    };
    refused(
        &mut s,
        leergeld_step(&check.id, "aangevraagd", "2026-03-01"),
        "vóór de check",
    );
    refused(
        &mut s,
        leergeld_step(&check.id, "aangevraagd", "2026-03-20"),
        "wie hielp",
    );
    refused(
        &mut s,
        CheckStepInput {
            amount_cents: Some(-8500),
            period: Some("maand".into()),
            ..leergeld_step(&check.id, "toegekend", "2026-04-20")
        },
        "negatief",
    );
    refused(
        &mut s,
        leergeld_step(&check.id, "toegekend", "2026-04-20"),
        "bedrag",
    );
    refused(
        &mut s,
        leergeld_step(&check.id, "afgewezen", "2026-04-20"),
        "reden",
    );
    refused(
        &mut s,
        CheckStepInput {
            regulation_id: "zorgtoeslag".into(),
            ..leergeld_step(&check.id, "ontvangt_al", "2026-04-20")
        },
        "hoort niet bij deze check",
    );
    assert_eq!(steps(&s), 0, "nothing written by refused steps");

    // Second visit: the application is submitted with the Formulierenbrigade.
    s.record_check_step(&CheckStepInput {
        helper: Some("formulierenbrigade".into()),
        ..leergeld_step(&check.id, "aangevraagd", "2026-03-20")
    })
    .unwrap();
    let now = s.check(&check.id).unwrap();
    assert_eq!(now.items[0].status, "aangevraagd");
    assert_eq!(now.items[0].checked_status, "mogelijk_recht");
    assert_eq!(now.items[0].granted_yearly_eur, None);
    let summary = s.household_checks(&hh.id).unwrap();
    assert_eq!((summary.len(), summary[0].pending), (1, 1));

    // Third visit: granted, € 85 per month: € 1 020 per year, never mixed
    // with the catalogue's estimate.
    let step = s
        .record_check_step(&CheckStepInput {
            amount_cents: Some(8500),
            period: Some("maand".into()),
            starts_on: Some("2026-05-01".into()),
            ..leergeld_step(&check.id, "toegekend", "2026-04-20")
        })
        .unwrap();
    assert_eq!(step.yearly_eur, Some(1020));
    let now = s.check(&check.id).unwrap();
    assert_eq!(now.steps.len(), 2);
    assert_eq!(
        (
            now.items[0].status.as_str(),
            now.items[0].status_on.as_deref()
        ),
        ("toegekend", Some("2026-04-20"))
    );
    assert_eq!(now.items[0].granted_yearly_eur, Some(1020));
    assert_eq!(now.items[0].estimated_yearly_eur, Some(900));
    assert_eq!(s.household_checks(&hh.id).unwrap()[0].pending, 0);
    let area = s
        .stats_by_area()
        .unwrap()
        .into_iter()
        .find(|a| a.code == MEIJHORST)
        .unwrap();
    assert_eq!((area.applied, area.granted_eur), (0, 1020));
}
