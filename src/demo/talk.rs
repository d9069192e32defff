//! Conversations for the demo dataset: a story from templates, the values
//! named with their factors and sentiment per wijk, themes, quotes with and
//! without consent, follow-ups, referrals and participation, and a
//! voorzieningencheck for some; all saved through the domain functions.

use super::text::{corpus, fill, pick};
use super::{affinity, local_rng, local_stamp, DemoSummary, Gen};
use crate::domain::conversation::{self, Consent, ConversationInput, Quote, Sentiment, ValueTag};
use crate::domain::household::Contact;
use crate::domain::participation::{self, ParticipationInput};
use crate::domain::referral::{self, ReferralInput};
use crate::domain::DomainError;
use chrono::{Duration, NaiveDate, Utc};
use rand::Rng;

impl Gen {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn conversation(
        &mut self,
        conn: &rusqlite::Connection,
        regs: &crate::catalog::RegulationsCatalog,
        wijk: &str,
        campaign_id: &str,
        hh: &str,
        visit_id: &str,
        when: chrono::DateTime<Utc>,
        device: usize,
        summary: &mut DemoSummary,
    ) -> Result<(), DomainError> {
        let c = corpus();
        // Values: popularity and sentiment depend on the wijk.
        let n_values = self.rng.random_range(1..=4);
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < n_values {
            let i = self.rng.random_range(0..self.values.len());
            let w = 0.15 + 0.85 * affinity(wijk, &self.values[i].id).powi(2);
            if !chosen.contains(&i) && self.chance(w) {
                chosen.push(i);
            }
        }
        let mut story = fill(
            pick(&mut self.rng, &c.openings),
            "",
            "",
            self.rng.random_range(1..40),
        );
        let mut tags = Vec::new();
        let mut quotes = Vec::new();
        for &i in &chosen {
            let v = &self.values[i];
            let concern = self
                .rng
                .random_bool((0.2 + 0.6 * affinity(&v.id, wijk)).clamp(0.0, 1.0));
            let bev = v.bevorderend[self.rng.random_range(0..v.bevorderend.len())].clone();
            let bel = v.belemmerend[self.rng.random_range(0..v.belemmerend.len())].clone();
            let (templates, qs, factor) = if concern {
                (&c.value_sentences.concern, &c.quotes.concern, &bel)
            } else {
                (&c.value_sentences.valued, &c.quotes.valued, &bev)
            };
            story.push(' ');
            story.push_str(&fill(pick(&mut self.rng, templates), &v.label, factor, 0));
            let (label, id) = (v.label.clone(), v.id.clone());
            if self.chance(0.3) {
                let t = fill(pick(&mut self.rng, qs), &label, factor, 0);
                let consent = self.chance(0.7);
                quotes.push(Quote {
                    id: None,
                    text: t,
                    consent_quoting: consent,
                });
            }
            tags.push(ValueTag {
                value_id: id,
                sentiment: if concern {
                    Sentiment::Concern
                } else {
                    Sentiment::Valued
                },
                bevorderend: if concern && self.chance(0.5) {
                    String::new()
                } else {
                    bev
                },
                belemmerend: if !concern && self.chance(0.5) {
                    String::new()
                } else {
                    bel
                },
            });
        }
        story.push(' ');
        story.push_str(pick(&mut self.rng, &c.closings));
        let themes: Vec<String> = (0..self.rng.random_range(0..3))
            .map(|_| pick(&mut self.rng, &c.themes).to_string())
            .collect();
        let registration = self.chance(0.88);
        let recontact = registration && self.chance(0.35);
        let follow_up = recontact && self.chance(0.6);
        let contact = (recontact && follow_up).then(|| Contact {
            name: Some(format!(
                "{} {}",
                pick(&mut self.rng, &c.first_names),
                pick(&mut self.rng, &c.last_names)
            )),
            phone: Some(format!(
                "06{:08}",
                self.rng.random_range(10_000_000..99_999_999)
            )),
            email: None,
        });
        let quoting = !quotes.is_empty() && self.chance(0.85);
        let language = self.language();
        let held_on = when.date_naive().to_string();
        let st = self.stamp(when, device);
        let conv_id = conversation::save(
            conn,
            &st,
            &ConversationInput {
                id: None,
                household_id: registration.then(|| hh.to_string()),
                visit_id: Some(visit_id.to_string()),
                campaign_id: Some(campaign_id.to_string()),
                wijk_code: wijk.to_string(),
                held_on: held_on.clone(),
                workers: vec![self.devices[device].1.clone()],
                language,
                story,
                values: tags,
                themes,
                quotes,
                consent: Consent {
                    registration,
                    quoting,
                    recontact,
                },
                follow_up_wanted: follow_up,
                follow_up_note: String::new(),
                contact,
            },
        )?;
        summary.conversations += 1;
        let need = affinity(wijk, "armoede");
        if registration && self.chance(0.25 + 0.35 * need) {
            self.check(conn, regs, hh, &conv_id, &held_on, when, device, need)?;
            summary.checks += 1;
        }
        if self.chance(0.08 + 0.15 * need) {
            let targets = [
                "few",
                "buurtteam_volwassenen",
                "buurtteam_jeugd_gezin",
                "team_geldzorgen",
                "stip",
                "woningcorporatie",
                "anders",
            ];
            let statuses = [
                "voorgesteld",
                "doorverwezen",
                "contact_gelegd",
                "afgerond",
                "gestopt",
            ];
            let st = self.stamp(when, device);
            referral::create(
                conn,
                &st,
                &ReferralInput {
                    household_id: registration.then(|| hh.to_string()),
                    conversation_id: Some(conv_id.clone()),
                    wijk_code: wijk.to_string(),
                    target: targets[self.rng.random_range(0..targets.len())].into(),
                    status: statuses[self.rng.random_range(0..statuses.len())].into(),
                    proposed_on: held_on.clone(),
                    due_on: None,
                    note: String::new(),
                },
            )?;
            summary.referrals += 1;
        }
        if self.chance(0.12) {
            let st = self.stamp(when, device);
            let activities = self.chance(0.6);
            // Everything below is drawn from a generator seeded by the record's
            // id, so the rest of the dataset does not depend on it.
            let mut local = local_rng(&st.id, 0x9e37_79b9_7f4a_7c15);
            let kind = if activities {
                "activiteiten"
            } else {
                [
                    "vrijwilligerswerk",
                    "vrijwilligerswerk",
                    "werk_opleiding",
                    "bewonersinitiatief",
                    "taal_digitaal",
                ][local.random_range(0..5)]
            };
            let id = participation::record(
                conn,
                &st,
                &ParticipationInput {
                    household_id: None,
                    conversation_id: Some(conv_id),
                    wijk_code: wijk.to_string(),
                    kind: kind.into(),
                    topic: String::new(),
                    signalled_on: held_on.clone(),
                },
            )?;
            // Followed up: in contact gebracht, then often doet mee, sometimes gestopt.
            let mut on = NaiveDate::parse_from_str(&held_on, "%Y-%m-%d").expect("demo date");
            for (n, (status, p)) in [("in_contact", 0.6), ("doet_mee", 0.6), ("gestopt", 0.2)]
                .into_iter()
                .enumerate()
            {
                if !local.random_bool(p) {
                    break;
                }
                on += Duration::days(local.random_range(5..35));
                participation::record_step(
                    conn,
                    &local_stamp(&mut local, on, 15, n as u32 + 1, &self.devices[device]),
                    &participation::ParticipationStepInput {
                        participation_id: id.clone(),
                        status: status.into(),
                        step_on: on.to_string(),
                    },
                )?;
            }
        }
        Ok(())
    }

    fn language(&mut self) -> String {
        let langs = &corpus().languages;
        let total: u32 = langs.iter().map(|(_, w)| w).sum();
        let mut r = self.rng.random_range(0..total);
        for (l, w) in langs {
            if r < *w {
                return l.clone();
            }
            r -= w;
        }
        "nl".into()
    }
}
