//! `wwk demo`: a realistic, deterministic synthetic Nijmegen dataset for demos,
//! tests and benchmarks. The same seed always produces the same records.
//!
//! Campaigns of about 600 households in several wijken, 2024–2026; door outcomes
//! with 50–60 % reach; stories built from templates; values whose popularity and
//! sentiment differ per wijk; voorzieningenchecks with non-take-up; referrals;
//! consents (some quotes not consented); several devices and workers.

mod checks;
mod collective;
mod talk;
mod text;

use crate::catalog::{nijmegen, regulations_in_store};
use crate::domain::campaign::{self, CampaignInput};
use crate::domain::visit::{self, VisitInput};
use crate::domain::{address::Address, DomainError};
use crate::store::{Stamp, Store};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use text::{corpus, pick};

/// Households per campaign.
const CAMPAIGN_SIZE: u32 = 600;

#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub households: u32,
    pub seed: u64,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DemoSummary {
    pub campaigns: u32,
    pub households: u32,
    pub visits: u32,
    pub conversations: u32,
    pub checks: u32,
    pub referrals: u32,
}

/// A value from the catalogue with the factor phrases stories draw from.
struct DemoValue {
    id: String,
    label: String,
    bevorderend: Vec<String>,
    belemmerend: Vec<String>,
}

/// Deterministic weight in [0, 1) for a pair of keys, independent of the seed,
/// so that wijken keep their character across datasets.
fn affinity(a: &str, b: &str) -> f64 {
    let h = Sha256::digest(format!("{a}/{b}").as_bytes());
    u32::from_le_bytes([h[0], h[1], h[2], h[3]]) as f64 / (u32::MAX as f64 + 1.0)
}

/// The programme the demo's campaigns count for.
const DEMO_PROGRAMME: &str = "In de wijk";

/// Generates the dataset into `store` in one transaction; `progress` gets the
/// number of households done and may return `false` to cancel (nothing is kept).
pub fn generate(
    store: &mut Store,
    opts: DemoOptions,
    progress: &mut dyn FnMut(&crate::progress::Progress) -> bool,
) -> Result<DemoSummary, DomainError> {
    if opts.households == 0 || opts.households > 500_000 {
        return Err(DomainError::Invalid(
            "aantal huishoudens moet tussen 1 en 500.000 liggen".into(),
        ));
    }
    let values: Vec<DemoValue> = store
        .values(false)?
        .into_iter()
        .filter(|v| !v.bevorderend.is_empty() && !v.belemmerend.is_empty())
        .map(|v| DemoValue {
            id: v.id,
            label: v.label,
            bevorderend: v.bevorderend,
            belemmerend: v.belemmerend,
        })
        .collect();
    if values.is_empty() {
        return Err(DomainError::Invalid(
            "de waardencatalogus heeft geen factoren om verhalen mee te maken".into(),
        ));
    }
    let regs = regulations_in_store(store.conn())?;
    let profile = store.profile().clone();
    let tx = store.conn_mut().transaction()?;
    let mut g = Gen::new(opts.seed, values);
    let mut summary = DemoSummary::default();
    let wijken: Vec<String> = nijmegen()
        .wijken()
        .filter(|w| w.name != "Haven- en industrieterrein")
        .map(|w| w.code.clone())
        .collect();
    let mut remaining = opts.households;
    let mut done = 0;
    let mut campaign_no = 0;
    while remaining > 0 {
        let size = remaining.min(CAMPAIGN_SIZE);
        let wijk = wijken[g.rng.random_range(0..wijken.len())].clone();
        g.campaign(&tx, &regs, &wijk, campaign_no, size, &mut summary)?;
        remaining -= size;
        done += size;
        campaign_no += 1;
        let p = crate::progress::Progress::new("Huishoudens", done as u64, opts.households as u64);
        if crate::progress::send(progress, p).is_err() {
            return Err(DomainError::Invalid(
                "demo-generatie afgebroken; er is niets opgeslagen".into(),
            ));
        }
    }
    // The funder's target for each year with campaigns, as a team lead sets
    // it (wwk target set, or Jaarverantwoording in the app).
    for year in 2024..=2026 {
        let day = NaiveDate::from_ymd_opt(year, 1, 2).expect("valid date");
        let mut rng = local_rng(DEMO_PROGRAMME, year as u64);
        let s = local_stamp(&mut rng, day, 9, 0, &g.devices[0]);
        crate::domain::programme::set_target(
            &tx,
            &s,
            &crate::domain::programme::TargetInput {
                programme: DEMO_PROGRAMME.into(),
                year,
                households_min: 500,
                households_max: 600,
                reach_min_pct: 50,
                reach_max_pct: 60,
            },
        )?;
    }
    crate::store::audit_in(
        &tx,
        &profile,
        "demo",
        &serde_json::json!({"households": opts.households, "seed": opts.seed}),
    )?;
    tx.commit()?;
    Ok(summary)
}

/// A generator seeded by a record's id (FNV-1a from `salt`): what it draws
/// does not shift the main sequence, so the rest of the dataset stays as it was.
fn local_rng(id: &str, salt: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(id.bytes().fold(salt, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }))
}

/// A stamp at `hour` o'clock on `day`, its id drawn from `rng`.
fn local_stamp(
    rng: &mut ChaCha8Rng,
    day: NaiveDate,
    hour: u32,
    counter: u32,
    (device, author): &(String, String),
) -> Stamp {
    let at = Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).expect("valid time"));
    let bytes: [u8; 10] = rng.random();
    let id =
        uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &bytes).into_uuid();
    Stamp::fixed(id, at, counter, device, author)
}

struct Gen {
    rng: ChaCha8Rng,
    values: Vec<DemoValue>,
    devices: Vec<(String, String)>,
    counter: u32,
    /// Campaigns generated so far per wijk, so each campaign gets its own addresses.
    per_wijk: std::collections::HashMap<String, u32>,
}

impl Gen {
    fn new(seed: u64, values: Vec<DemoValue>) -> Gen {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let workers = [
            "Fatima El Amrani",
            "Joost Verbeek",
            "Sanne de Wit",
            "Yusuf Demir",
            "Petra Jansen",
            "Ruben Hendriks",
        ];
        let devices = workers
            .iter()
            .map(|w| {
                let b: [u8; 16] = rng.random();
                (
                    uuid::Builder::from_random_bytes(b).into_uuid().to_string(),
                    format!("{w} (demo)"),
                )
            })
            .collect();
        Gen {
            rng,
            values,
            devices,
            counter: 0,
            per_wijk: Default::default(),
        }
    }

    fn stamp(&mut self, at: chrono::DateTime<Utc>, device: usize) -> Stamp {
        let bytes: [u8; 10] = self.rng.random();
        let id = uuid::Builder::from_unix_timestamp_millis(at.timestamp_millis() as u64, &bytes)
            .into_uuid();
        self.counter = (self.counter + 1) % 10_000;
        let (dev, author) = &self.devices[device];
        Stamp::fixed(id, at, self.counter, dev, author)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    #[allow(clippy::too_many_arguments)]
    fn campaign(
        &mut self,
        conn: &rusqlite::Connection,
        regs: &crate::catalog::RegulationsCatalog,
        wijk: &str,
        no: u32,
        size: u32,
        summary: &mut DemoSummary,
    ) -> Result<(), DomainError> {
        let c = corpus();
        let start = NaiveDate::from_ymd_opt(2024, 1, 8).unwrap()
            + Duration::days(self.rng.random_range(0..1000));
        let end = start + Duration::days(self.rng.random_range(35..75));
        let device = self.rng.random_range(0..self.devices.len());
        let area = nijmegen().get(wijk).expect("wijk from the map");
        let t0 = Utc.from_utc_datetime(&start.and_hms_opt(9, 0, 0).unwrap());
        let st = self.stamp(t0, device);
        let campaign_id = campaign::save(
            conn,
            &st,
            &CampaignInput {
                id: None,
                name: format!(
                    "In de wijk {} {} #{}",
                    area.name,
                    start.format("%Y-%m"),
                    no + 1
                ),
                team: "Formulierenbrigade (demo)".into(),
                goal: size,
                period_start: start.to_string(),
                period_end: end.to_string(),
                areas: vec![wijk.to_string()],
                complex_id: None,
                reach_band: Default::default(),
                programme: Some(DEMO_PROGRAMME.into()),
            },
        )?;
        summary.campaigns += 1;
        let streets = &c.streets[wijk];
        let per_street = size.div_ceil(streets.len() as u32).max(1);
        let earlier = self.per_wijk.entry(wijk.to_string()).or_insert(0);
        let offset = *earlier * per_street;
        *earlier += 1;
        let addresses: Vec<Address> = (0..size)
            .map(|i| Address {
                street: streets[(i / per_street) as usize % streets.len()].clone(),
                number: 1 + offset + (i % per_street),
                addition: None,
            })
            .collect();
        let postcode = format!(
            "65{:02}{}",
            10 + (affinity(wijk, "pc") * 89.0) as u32,
            ["AB", "CD", "EG", "HK"][(no % 4) as usize]
        );
        let mut stamps: Vec<Stamp> = (0..size * 2).map(|_| self.stamp(t0, device)).collect();
        stamps.reverse();
        campaign::add_addresses(
            conn,
            &mut || stamps.pop().unwrap(),
            &campaign_id,
            wijk,
            Some(&postcode),
            &addresses,
        )?;
        summary.households += size;
        let mut hh_ids: Vec<String> = conn
            .prepare_cached(
                "SELECT household_id FROM campaign_address WHERE campaign_id = ?1 ORDER BY rowid",
            )?
            .query_map([&campaign_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        hh_ids.truncate(size as usize);
        let days = (end - start).num_days().max(1);
        for hh in hh_ids {
            let mut when = t0
                + Duration::days(self.rng.random_range(0..days))
                + Duration::minutes(self.rng.random_range(60..600));
            let mut attempts = 0;
            loop {
                attempts += 1;
                let outcome = self.outcome(attempts);
                let st = self.stamp(when, device);
                let note = if self.chance(0.1) {
                    pick(&mut self.rng, &c.notes).to_string()
                } else {
                    String::new()
                };
                let visit_id = visit::record(
                    conn,
                    &st,
                    &VisitInput {
                        household_id: hh.clone(),
                        campaign_id: Some(campaign_id.clone()),
                        outcome: outcome.to_string(),
                        note,
                        visited_at: Some(st.created_at.clone()),
                    },
                )?;
                summary.visits += 1;
                if outcome == "gesprek" {
                    self.conversation(
                        conn,
                        regs,
                        wijk,
                        &campaign_id,
                        &hh,
                        &visit_id,
                        when,
                        device,
                        summary,
                    )?;
                    break;
                }
                if matches!(outcome, "geweigerd" | "leegstand" | "niet_benaderen") || attempts >= 3
                {
                    break;
                }
                when += Duration::days(self.rng.random_range(2..10))
                    + Duration::minutes(self.rng.random_range(0..240));
            }
        }
        self.collective_actions(conn, &campaign_id, wijk, end, device)
    }

    fn outcome(&mut self, attempt: u32) -> &'static str {
        let r: f64 = self.rng.random();
        let talk = if attempt == 1 { 0.28 } else { 0.22 };
        let table = [
            ("gesprek", talk),
            ("niet_thuis", 0.30),
            ("geweigerd", 0.09),
            ("geen_gehoor", 0.07),
            ("later_terug", 0.06),
            ("taalbarriere", 0.03),
            ("leegstand", 0.015),
            ("niet_benaderen", 0.01),
        ];
        let total: f64 = table.iter().map(|(_, p)| p).sum();
        let mut acc = 0.0;
        for (code, p) in table {
            acc += p / total;
            if r < acc {
                return code;
            }
        }
        "niet_thuis"
    }
}
