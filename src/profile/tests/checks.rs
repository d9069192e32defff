//! The voorzieningencheck section: current statuses, granted amounts apart
//! from estimates and their protection, the other work in the checks and
//! "Wie we bereikten".

use super::{Fixture, WIJK};
use crate::domain::check::{CheckInput, CheckItemInput};
use crate::privacy::Cell;
use crate::profile::model::*;

fn check(f: &mut Fixture, status_zorg: &str, status_huur: &str) -> String {
    check_as(f, status_zorg, status_huur, "alleenstaand")
}

fn check_as(f: &mut Fixture, status_zorg: &str, status_huur: &str, household_type: &str) -> String {
    let (hh, conv) = f.talk(WIJK, "2025-07-01", &[]);
    let regs = crate::catalog::regulations_in_store(f.store.conn()).unwrap();
    let items = regs
        .regulations
        .iter()
        .map(|r| CheckItemInput {
            regulation_id: r.id.clone(),
            status: match r.id.as_str() {
                "zorgtoeslag" => status_zorg,
                "huurtoeslag" => status_huur,
                _ => "niet_van_toepassing",
            }
            .into(),
            estimated_yearly_eur: Some(1000),
        })
        .collect();
    f.store
        .save_check(&CheckInput {
            id: None,
            household_id: hh,
            conversation_id: Some(conv),
            checked_on: "2025-07-01".into(),
            screen: crate::catalog::ScreenInput {
                household_type: household_type.into(),
                age_group: "21_aow".into(),
                income_band: "tot_100".into(),
                rent_band: "huur_tot_grens".into(),
                children: 0,
            },
            items,
        })
        .unwrap()
        .id
}

#[test]
fn voorzieningencheck_counts_statuses_and_hides_recoverable_yields() {
    let mut f = Fixture::new();
    for _ in 0..10 {
        check(&mut f, "ontvangt_al", "aangevraagd");
    }
    for _ in 0..6 {
        check(&mut f, "mogelijk_recht", "aangevraagd");
    }
    for _ in 0..2 {
        // Applied at the check, granted € 100 a month two weeks later.
        let id = check(&mut f, "aangevraagd", "aangevraagd");
        f.store
            .record_check_step(&crate::domain::check_step::CheckStepInput {
                check_id: id,
                regulation_id: "huurtoeslag".into(),
                status: "toegekend".into(),
                step_on: "2025-07-15".into(),
                helper: None,
                amount_cents: Some(10_000),
                period: Some("maand".into()),
                starts_on: None,
                reason: None,
            })
            .unwrap();
    }
    let m = f.build(WIJK).unwrap();
    let c = m.checks.shown().expect("18 checks");
    assert_eq!(c.households, Cell::Value(18));
    let zorg = c.rows.iter().find(|r| r.id == "zorgtoeslag").unwrap();
    assert_eq!(zorg.checked, Cell::Value(18));
    assert_eq!(zorg.receiving, Cell::Value(10));
    assert_eq!(zorg.non_take_up, Cell::Value(6));
    assert_eq!(zorg.applied, Cell::Suppressed { below: 5 });
    // Granted 0 and applied 2 together are pinned (0 + 2 + 16 = 18), so...
    assert!(zorg.granted.is_suppressed());
    assert_eq!(zorg.granted_eur, Amount::Hidden, "would reveal granted");
    // The potential (estimates of non-take-up and pending applications)
    // would reveal the hidden applied count.
    assert_eq!(zorg.potential_eur, Amount::Hidden);
    let huur = c.rows.iter().find(|r| r.id == "huurtoeslag").unwrap();
    assert_eq!(huur.applied, Cell::Value(16), "the current status counts");
    assert!(huur.granted.is_suppressed());
    assert_eq!(huur.granted_eur, Amount::Hidden);
    // ...and hidden as well, so zorgtoeslag's cannot be recovered from the total.
    assert_eq!(huur.potential_eur, Amount::Hidden);
    // Totals spread over several regulations and may be published: the real
    // granted amounts (2 x € 1 200) apart from the estimates (24 x € 1 000).
    assert_eq!(c.total_granted, Amount::Eur(2_400));
    assert_eq!(c.total_potential, Amount::Eur(24_000));
    assert_eq!(c.catalog_year, 2026);
    assert!(c.sources.iter().any(|s| s.contains("Dienst Toeslagen")));
}

#[test]
fn a_single_hidden_yield_is_protected_by_a_second() {
    use super::yields::protect_sum;
    let (cells, total) = protect_sum(&[(5000, true), (300, false), (1200, true)]);
    assert_eq!(
        cells,
        vec![Amount::Eur(5000), Amount::Hidden, Amount::Hidden]
    );
    assert_eq!(total, Amount::Eur(6500));
    let (_, total) = protect_sum(&[(0, false), (0, false), (900, true)]);
    assert_eq!(
        total,
        Amount::Hidden,
        "hidden amounts adding up to 0 reveal themselves"
    );
}

#[test]
fn who_was_reached_and_the_other_work_are_counted_per_household_and_protected() {
    let mut f = Fixture::new();
    let mut ids = Vec::new();
    for _ in 0..12 {
        ids.push(check_as(
            &mut f,
            "ontvangt_al",
            "ontvangt_al",
            "alleenstaand",
        ));
    }
    for _ in 0..3 {
        check_as(&mut f, "ontvangt_al", "ontvangt_al", "paar_met_kinderen");
    }
    for (n, id) in ids.iter().take(6).enumerate() {
        let action = |kind: &str| crate::domain::check_action::CheckActionInput {
            check_id: id.clone(),
            kind: kind.into(),
            agency: None,
            done_on: "2025-07-10".into(),
        };
        f.store.record_check_action(&action("schulden")).unwrap();
        if n == 0 {
            // Twice the same kind in one check counts once.
            f.store.record_check_action(&action("schulden")).unwrap();
        }
    }
    let m = f.build(WIJK).unwrap();
    let c = m.checks.shown().expect("15 checks");
    assert_eq!(c.households, Cell::Value(15));
    let types = &c.clients[0];
    assert_eq!(types.title, "Samenstelling huishouden");
    let cell = |label: &str| {
        types
            .rows
            .iter()
            .find(|(l, _)| l.starts_with(label))
            .map(|(_, c)| *c)
            .unwrap()
    };
    assert!(cell("Paar met kinderen").is_suppressed());
    // 15 households are published, so one hidden cell alone would be
    // recoverable by subtraction: a second one is hidden as well.
    let hidden = types.rows.iter().filter(|(_, c)| c.is_suppressed()).count();
    assert!(hidden >= 2, "{:?}", types.rows);
    let schulden = c
        .actions
        .iter()
        .find(|(l, _)| l.starts_with("Schulden"))
        .unwrap();
    assert_eq!(schulden.1, Cell::Value(6));
    assert_eq!(c.clients.len(), 3, "household type, age and income");
}
