//! Voorzieningenchecks for the demo dataset: a quick-screen profile per
//! household and a plausible status per regulation (non-take-up included).

use super::Gen;
use crate::catalog::ScreenInput;
use crate::domain::check::{self, CheckInput, CheckItemInput};
use crate::domain::DomainError;
use chrono::Utc;
use rand::Rng;

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
        let items = regs
            .regulations
            .iter()
            .map(|r| {
                let status = if regs.screen(r, &screen) {
                    let x: f64 = self.rng.random();
                    if x < 0.40 {
                        "ontvangt_al"
                    } else if x < 0.72 {
                        "mogelijk_recht"
                    } else if x < 0.90 {
                        "aangevraagd"
                    } else if x < 0.96 {
                        "toegekend"
                    } else {
                        "afgewezen"
                    }
                } else if self.chance(0.1) {
                    "onbekend"
                } else {
                    "niet_van_toepassing"
                };
                CheckItemInput {
                    regulation_id: r.id.clone(),
                    status: status.into(),
                    estimated_yearly_eur: None,
                }
            })
            .collect();
        let st = self.stamp(when, device);
        check::save(
            conn,
            &st,
            &CheckInput {
                id: None,
                household_id: hh.to_string(),
                conversation_id: Some(conv_id.to_string()),
                checked_on: held_on.to_string(),
                screen,
                items,
            },
        )?;
        Ok(())
    }
}
