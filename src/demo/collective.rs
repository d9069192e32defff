//! Collective actions for the demo dataset: one or two after each campaign,
//! saved through the same domain function the dashboard and `wwk collective`
//! use.

use super::Gen;
use crate::domain::{collective, DomainError};
use chrono::{Duration, NaiveDate};
use rand::Rng;

impl Gen {
    /// One or two collective actions that followed the campaign in its wijk,
    /// drawn from a generator seeded by the campaign's id (the rest of the
    /// dataset does not depend on them).
    pub(super) fn collective_actions(
        &self,
        conn: &rusqlite::Connection,
        campaign_id: &str,
        wijk: &str,
        end: NaiveDate,
        device: usize,
    ) -> Result<(), DomainError> {
        const TITLES: &[(&str, &str)] = &[
            ("Buurtontbijt in het wijkcentrum", "ontmoeting"),
            ("Speeltuin samen opknappen", "spelen_en_jeugd"),
            ("Geldcafé: samen je post doornemen", "rondkomen"),
            ("Geveltuintjes in de straat", "groen"),
            ("Taalcafé op woensdag", "taal"),
            ("Wandelgroep voor ouderen", "sport_en_bewegen"),
        ];
        let mut rng = super::local_rng(campaign_id, 0x51_7cc1_b727_220a);
        let known: std::collections::HashSet<&str> =
            self.values.iter().map(|v| v.id.as_str()).collect();
        for n in 0..rng.random_range(1..3u32) {
            let (title, value) = TITLES[rng.random_range(0..TITLES.len())];
            let start = end + Duration::days(rng.random_range(7..60));
            let status = [
                "idee",
                "in_voorbereiding",
                "uitgevoerd",
                "uitgevoerd",
                "geevalueerd",
            ][rng.random_range(0..5)];
            let ended = matches!(status, "uitgevoerd" | "geevalueerd")
                .then(|| (start + Duration::days(rng.random_range(1..90))).to_string());
            let partners = [
                "woningcorporatie",
                "buurtteam",
                "stip",
                "bewonersorganisatie",
                "gemeente",
            ];
            let stamp = super::local_stamp(&mut rng, start, 11, n + 1, &self.devices[device]);
            collective::save(
                conn,
                &stamp,
                &collective::CollectiveActionInput {
                    id: None,
                    wijk_code: wijk.to_string(),
                    complex_id: None,
                    title: title.to_string(),
                    started_on: start.to_string(),
                    ended_on: ended,
                    status: status.to_string(),
                    residents: rng.random_range(3..30),
                    value_ids: known
                        .contains(value)
                        .then(|| value.to_string())
                        .into_iter()
                        .collect(),
                    themes: vec![],
                    partners: vec![partners[rng.random_range(0..partners.len())].to_string()],
                },
            )?;
        }
        Ok(())
    }
}
