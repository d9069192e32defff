//! `wwk campaign`: rondes (campaigns) as the Rondes screen records them: name,
//! wijken, period, goal, target band, complex and programme; and `wwk target`:
//! the funder's targets per programme and year, which the year report
//! (`wwk report --year`) compares against.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::domain::campaign::{Campaign, CampaignInput, ReachBand};
use wijkwaardenkaart::domain::programme::TargetInput;

#[derive(clap::Args, Debug)]
pub struct Fields {
    /// Naam, bijvoorbeeld "Hatert voorjaar 2026"
    #[arg(long)]
    name: String,
    /// Wijkcode (BU0268…), herhaalbaar
    #[arg(long = "wijk", required = true)]
    wijken: Vec<String>,
    /// Eerste dag (JJJJ-MM-DD)
    #[arg(long)]
    from: String,
    /// Laatste dag (JJJJ-MM-DD)
    #[arg(long)]
    to: String,
    /// Team
    #[arg(long, default_value = "")]
    team: String,
    /// Doel: aantal huishoudens om te benaderen
    #[arg(long, default_value_t = 0)]
    goal: u32,
    /// Doel % in gesprek als band, bijvoorbeeld 50-60
    #[arg(long, default_value = "50-60", value_name = "MIN-MAX")]
    reach: String,
    /// Id van een complex in een van de wijken
    #[arg(long)]
    complex: Option<String>,
    /// Programma waarvoor de ronde telt, bijvoorbeeld "In de wijk"
    #[arg(long)]
    programme: Option<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Maak een nieuwe ronde
    Add(Fields),
    /// Wijzig een ronde (alle velden opnieuw opgeven)
    Edit {
        /// Id van de ronde
        id: String,
        #[command(flatten)]
        fields: Fields,
    },
    /// Toon de rondes, nieuwste eerst
    List,
    /// Zet adressen op de looplijst, bijvoorbeeld --range "Lankforst 1-20 even"
    Addresses {
        /// Id van de ronde
        id: String,
        /// Wijkcode (standaard de eerste wijk van de ronde)
        #[arg(long)]
        wijk: Option<String>,
        /// Adresreeks: straat en huisnummers, bijvoorbeeld "Daalseweg 3, 5, 9-15 oneven"
        #[arg(long)]
        range: String,
        #[arg(long)]
        postcode: Option<String>,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum TargetCmd {
    /// Leg het jaardoel van een programma vast (vervangt het vorige van dat jaar)
    Set {
        /// Programma, bijvoorbeeld "In de wijk"
        #[arg(long)]
        programme: String,
        #[arg(long, value_name = "JJJJ")]
        year: i32,
        /// Huishoudens om te benaderen als band, bijvoorbeeld 500-600
        #[arg(long, value_name = "MIN-MAX")]
        households: String,
        /// Doel % in gesprek als band
        #[arg(long, default_value = "50-60", value_name = "MIN-MAX")]
        reach: String,
    },
    /// Toon de jaardoelen (van een jaar)
    List {
        #[arg(long, value_name = "JJJJ")]
        year: Option<i32>,
    },
}

/// "500-600" (or "500–600", or one number) as a band.
fn band(flag: &str, s: &str) -> Result<(u32, u32), CliError> {
    let bad = || {
        CliError::invalid(
            "invalid",
            format!("--{flag}: \"{s}\" is geen band; schrijf bijvoorbeeld 50-60"),
        )
    };
    let parts: Vec<&str> = s.split(['-', '–']).map(str::trim).collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [one] => Ok((num(one)?, num(one)?)),
        [a, b] => Ok((num(a)?, num(b)?)),
        _ => Err(bad()),
    }
}

fn reach(s: &str) -> Result<ReachBand, CliError> {
    let (min, max) = band("reach", s)?;
    let pct = |n: u32| {
        u8::try_from(n).map_err(|_| {
            CliError::invalid(
                "invalid",
                format!("--reach: {n} is geen percentage (0–100)"),
            )
        })
    };
    Ok(ReachBand {
        min_pct: pct(min)?,
        max_pct: pct(max)?,
    })
}

fn input(id: Option<String>, f: &Fields) -> Result<CampaignInput, CliError> {
    Ok(CampaignInput {
        id,
        name: f.name.clone(),
        team: f.team.clone(),
        goal: f.goal,
        period_start: f.from.clone(),
        period_end: f.to.clone(),
        areas: f.wijken.iter().map(|w| w.trim().to_uppercase()).collect(),
        complex_id: f.complex.clone(),
        reach_band: reach(&f.reach)?,
        programme: f.programme.clone(),
    })
}

fn line(c: &Campaign) -> String {
    format!(
        "{} – {}  {:<32} {:<16} doel {} huishoudens, {}–{} % in gesprek  ({})\n",
        c.period_start,
        c.period_end,
        c.name,
        c.programme.as_deref().unwrap_or("-"),
        c.goal,
        c.reach_band.min_pct,
        c.reach_band.max_pct,
        c.id
    )
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Add(f) => {
            let c = store.save_campaign(&input(None, f)?)?;
            out.result(&c, || {
                format!("Ronde \"{}\" gemaakt (id {}).", c.name, c.id)
            });
        }
        Cmd::Edit { id, fields } => {
            let c = store.save_campaign(&input(Some(id.clone()), fields)?)?;
            out.result(&c, || format!("Ronde \"{}\" bijgewerkt.", c.name));
        }
        Cmd::Addresses {
            id,
            wijk,
            range,
            postcode,
        } => {
            let wijk = match wijk {
                Some(w) => w.trim().to_uppercase(),
                None => store
                    .campaign(id)?
                    .areas
                    .first()
                    .cloned()
                    .unwrap_or_default(),
            };
            let added = store.add_address_range(id, &wijk, range, postcode.as_deref())?;
            let json = serde_json::json!({ "added": added });
            out.result(&json, || format!("{added} adressen op de looplijst gezet."));
        }
        Cmd::List => {
            let list = store.campaigns()?;
            out.result(&list, || {
                if list.is_empty() {
                    return "Geen rondes.".to_string();
                }
                list.iter().map(line).collect()
            });
        }
    }
    Ok(())
}

pub fn run_target(db: &Path, cmd: &TargetCmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        TargetCmd::Set {
            programme,
            year,
            households,
            reach: r,
        } => {
            let (households_min, households_max) = band("households", households)?;
            let r = reach(r)?;
            let t = store.set_programme_target(&TargetInput {
                programme: programme.clone(),
                year: *year,
                households_min,
                households_max,
                reach_min_pct: r.min_pct,
                reach_max_pct: r.max_pct,
            })?;
            out.result(&t, || {
                format!(
                    "Jaardoel {} {}: {}–{} huishoudens benaderen, {}–{} % in gesprek.",
                    t.programme,
                    t.year,
                    t.households_min,
                    t.households_max,
                    t.reach_min_pct,
                    t.reach_max_pct
                )
            });
        }
        TargetCmd::List { year } => {
            let list = store.programme_targets(*year)?;
            out.result(&list, || {
                if list.is_empty() {
                    return "Geen jaardoelen.".to_string();
                }
                list.iter()
                    .map(|t| {
                        format!(
                            "{}  {:<24} {}–{} huishoudens, {}–{} % in gesprek\n",
                            t.year,
                            t.programme,
                            t.households_min,
                            t.households_max,
                            t.reach_min_pct,
                            t.reach_max_pct
                        )
                    })
                    .collect()
            });
        }
    }
    Ok(())
}
