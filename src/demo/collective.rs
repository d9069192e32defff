//! Collective actions for the demo dataset: one or two after each campaign,
//! saved through the same domain function the dashboard and `wwk collective`
//! use.

use super::Gen;
use crate::domain::{collective, DomainError};
use crate::store::Stamp;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

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
        let mut rng =
            ChaCha8Rng::seed_from_u64(campaign_id.bytes().fold(0x51_7cc1_b727_220au64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
            }));
        let known: std::collections::HashSet<&str> =
            self.values.iter().map(|v| v.id.as_str()).collect();
        let (dev, author) = &self.devices[device];
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
            let at = Utc.from_utc_datetime(&start.and_hms_opt(11, 0, 0).expect("valid time"));
            let bytes: [u8; 10] = rng.random();
            let id =
                uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &bytes)
                    .into_uuid();
            collective::save(
                conn,
                &Stamp::fixed(id, at, n + 1, dev, author),
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
