//! Voorzieningenchecks for the demo dataset: a quick-screen profile per
//! household and a plausible status per regulation (non-take-up included),
//! then the trajectory a worker records on later visits: applications with
//! who helped, decisions with real amounts or a reason, and residents who
//! chose not to apply. Everything goes through the same domain functions the
//! check screen and `wwk check` use.

use super::Gen;
use crate::catalog::{RegulationsCatalog, ScreenInput};
use crate::domain::check::{self, CheckInput, CheckItemInput};
use crate::domain::check_action::{self, CheckActionInput};
use crate::domain::check_step::{self, CheckStepInput};
use crate::domain::DomainError;
use chrono::{Duration, NaiveDate, Utc};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How an item's trajectory ends after the check.
#[derive(Clone, Copy)]
enum Course {
    /// The status found at the check stays.
    None,
    /// Applied with help, no decision yet.
    Pending,
    Granted,
    Rejected,
}

impl Gen {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn check(
        &mut self,
        conn: &rusqlite::Connection,
        regs: &crate::catalog::RegulationsCatalog,
        hh: &str,
        conv_id: &str,
        held_on: &str,
        when: chrono::DateTime<Utc>,
        device: usize,
        need: f64,
    ) -> Result<(), DomainError> {
        let si = &regs.screen_inputs;
        let hh_type = si.household_types[self.rng.random_range(0..si.household_types.len())]
            .id
            .clone();
        let children = if hh_type.contains("kinderen") || hh_type == "alleenstaande_ouder" {
            self.rng.random_range(1..4)
        } else {
            0
        };
        let band_i = ((self.rng.random::<f64>() * (1.0 - 0.6 * need))
            * (si.income_bands.len() - 1) as f64) as usize;
        let screen = ScreenInput {
            household_type: hh_type,
            age_group: si.age_groups[self.rng.random_range(0..si.age_groups.len())]
                .id
                .clone(),
            income_band: si.income_bands[band_i].id.clone(),
            rent_band: si.rent_bands[if self.chance(0.7) {
                0
            } else {
                self.rng.random_range(0..si.rent_bands.len())
            }]
            .id
            .clone(),
            children,
        };
        // Applications and decisions come later, as steps: at the check
        // itself an entitlement is only "mogelijk recht".
        let mut courses = Vec::new();
        let items = regs
            .regulations
            .iter()
            .map(|r| {
                let (status, course) = if regs.screen(r, &screen) {
                    let x: f64 = self.rng.random();
                    if x < 0.40 {
                        ("ontvangt_al", Course::None)
                    } else if x < 0.72 {
                        ("mogelijk_recht", Course::None)
                    } else if x < 0.90 {
                        ("mogelijk_recht", Course::Pending)
                    } else if x < 0.96 {
                        ("mogelijk_recht", Course::Granted)
                    } else {
                        ("mogelijk_recht", Course::Rejected)
                    }
                } else if self.chance(0.1) {
                    ("onbekend", Course::None)
                } else {
                    ("niet_van_toepassing", Course::None)
                };
                courses.push((r.id.clone(), status, course));
                CheckItemInput {
                    regulation_id: r.id.clone(),
                    status: status.into(),
                    estimated_yearly_eur: None,
                }
            })
            .collect();
        let st = self.stamp(when, device);
        let check_id = check::save(
            conn,
            &st,
            &CheckInput {
                id: None,
                household_id: hh.to_string(),
                conversation_id: Some(conv_id.to_string()),
                checked_on: held_on.to_string(),
                screen: screen.clone(),
                items,
            },
        )?;
        let steps = Trajectory {
            regs,
            screen: &screen,
            device: &self.devices[device],
        };
        steps.record(conn, &check_id, held_on, &courses)
    }
}

/// The later steps of one demo check. Drawn from a generator seeded by the
/// check's id, so the rest of the demo dataset does not depend on them.
struct Trajectory<'a> {
    regs: &'a RegulationsCatalog,
    screen: &'a ScreenInput,
    device: &'a (String, String),
}

impl Trajectory<'_> {
    fn record(
        &self,
        conn: &rusqlite::Connection,
        check_id: &str,
        held_on: &str,
        courses: &[(String, &str, Course)],
    ) -> Result<(), DomainError> {
        let mut rng = super::local_rng(check_id, 0xcbf2_9ce4_8422_2325);
        let checked = NaiveDate::parse_from_str(held_on, "%Y-%m-%d").expect("demo date");
        let mut counter = 0;
        let mut stamp_on = |rng: &mut ChaCha8Rng, on: NaiveDate| {
            counter += 1;
            super::local_stamp(rng, on, 14, counter, self.device)
        };
        // The other work in the check: debts, a budget plan, a benefit
        // application, a warm handover to the FEW (with its referral).
        for (kind, p) in [
            ("schulden", 0.15),
            ("budgetplan", 0.10),
            ("uitkering", 0.05),
            ("few_overdracht", 0.08),
        ] {
            if rng.random_bool(p) {
                let on = checked + Duration::days(rng.random_range(0..28));
                let agency = (kind == "uitkering")
                    .then(|| ["gemeente", "uwv", "svb"][rng.random_range(0..3)].to_string());
                let (s1, s2) = (stamp_on(&mut rng, on), stamp_on(&mut rng, on));
                check_action::record(
                    conn,
                    &s1,
                    &s2,
                    &CheckActionInput {
                        check_id: check_id.to_string(),
                        kind: kind.into(),
                        agency,
                        done_on: on.to_string(),
                    },
                )?;
            }
        }
        let mut step = |rng: &mut ChaCha8Rng, input: CheckStepInput| {
            let on = NaiveDate::parse_from_str(&input.step_on, "%Y-%m-%d").expect("demo date");
            let stamp = stamp_on(rng, on);
            check_step::record(conn, &stamp, &input).map(|_| ())
        };
        let base = |regulation: &str, status: &str, on: NaiveDate| CheckStepInput {
            check_id: check_id.to_string(),
            regulation_id: regulation.to_string(),
            status: status.to_string(),
            step_on: on.to_string(),
            helper: None,
            amount_cents: None,
            period: None,
            starts_on: None,
            reason: None,
        };
        for (regulation, status, course) in courses {
            if matches!(course, Course::None) {
                // Some residents with a possible entitlement decide not to apply.
                if *status == "mogelijk_recht" && rng.random_bool(0.12) {
                    let on = checked + Duration::days(rng.random_range(5..20));
                    let reasons = check_step::NOT_APPLIED_REASONS;
                    let reason = reasons[rng.random_range(0..reasons.len())].0;
                    step(
                        &mut rng,
                        CheckStepInput {
                            reason: Some(reason.into()),
                            ..base(regulation, "niet_aangevraagd", on)
                        },
                    )?;
                }
                continue;
            }
            let applied = checked + Duration::days(rng.random_range(3..21));
            let helper = match rng.random_range(0..20) {
                0..=14 => "formulierenbrigade",
                15..=17 => "few",
                _ => "zelf",
            };
            step(
                &mut rng,
                CheckStepInput {
                    helper: Some(helper.into()),
                    ..base(regulation, "aangevraagd", applied)
                },
            )?;
            let decided = applied + Duration::days(rng.random_range(21..70));
            match course {
                Course::Granted => {
                    let reg = self
                        .regs
                        .regulation(regulation)
                        .expect("from the catalogue");
                    let yearly = self
                        .regs
                        .estimate(reg, self.screen)
                        .unwrap_or_else(|| rng.random_range(200..1500));
                    // Within a quarter of the catalogue's estimate.
                    let yearly = yearly as f64 * rng.random_range(0.75..1.25);
                    let (cents, period) =
                        if regulation.contains("toeslag") || regulation.contains("budget") {
                            ((yearly / 12.0 * 100.0).round() as i64, "maand")
                        } else {
                            ((yearly * 100.0).round() as i64, "eenmalig")
                        };
                    step(
                        &mut rng,
                        CheckStepInput {
                            amount_cents: Some(cents),
                            period: Some(period.into()),
                            ..base(regulation, "toegekend", decided)
                        },
                    )?;
                }
                Course::Rejected => {
                    let reasons = check_step::REJECTION_REASONS;
                    let reason = reasons[rng.random_range(0..reasons.len())].0;
                    step(
                        &mut rng,
                        CheckStepInput {
                            reason: Some(reason.into()),
                            ..base(regulation, "afgewezen", decided)
                        },
                    )?;
                }
                Course::Pending | Course::None => {}
            }
        }
        Ok(())
    }
}
