//! `wwk resident`: "Gegevens van een bewoner" — find a household, hand over or
//! erase its personal data (AVG rights of access and erasure).

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::privacy::resident;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Zoek een huishouden op adres, postcode en huisnummer, naam, telefoon of e-mail
    Find {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Schrijf alle gegevens van een huishouden naar een JSON-bestand (recht op inzage)
    Export {
        /// Id van het huishouden, of een zoekvraag die precies één huishouden vindt
        household: String,
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Wis de persoonsgegevens van een huishouden (recht op vergetelheid)
    Erase {
        /// Id van het huishouden, of een zoekvraag die precies één huishouden vindt
        household: String,
        /// Bevestig het wissen
        #[arg(long)]
        yes: bool,
    },
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Find { query, limit } => {
            let hits = resident::find_residents(&store, query, *limit)?;
            out.result(&hits, || {
                if hits.is_empty() {
                    return format!("Geen huishouden gevonden voor \"{query}\".");
                }
                hits.iter()
                    .map(|h| {
                        format!(
                            "{}  {:<28} {:<7} {:<22} {} gesprekken, {} checks{}\n",
                            h.household_id,
                            h.address,
                            h.postcode.as_deref().unwrap_or(""),
                            h.wijk,
                            h.conversations,
                            h.checks,
                            if h.purged { " (gewist)" } else { "" }
                        )
                    })
                    .collect()
            });
        }
        Cmd::Export {
            household,
            out: path,
        } => {
            // The file must be writable before anyone's data is looked up.
            wijkwaardenkaart::util::output::check(path, Some(store.path()), &["json"])?;
            let found = resident::resolve_resident(&store, household)?;
            let data = resident::export_resident(&store, &found.household_id, path)?;
            let summary = serde_json::json!({
                "household_id": found.household_id,
                "household": found,
                "file": path,
                "visits": data.visits.len(),
                "conversations": data.conversations.len(),
                "checks": data.checks.len(),
                "referrals": data.referrals.len(),
            });
            out.result(&summary, || {
                format!(
                    "Gegevens van {} geschreven naar {}: {} bezoeken, {} gesprekken, {} checks, {} doorverwijzingen.",
                    found.describe(),
                    path.display(),
                    data.visits.len(),
                    data.conversations.len(),
                    data.checks.len(),
                    data.referrals.len()
                )
            });
        }
        Cmd::Erase { household, yes } => {
            // Name exactly the household that will be erased, before and after.
            let found = resident::resolve_resident(&store, household)?;
            if !yes {
                return Err(CliError::usage(format!(
                    "dit wist de persoonsgegevens van {}: {} gesprekken, {} checks. \
                     Wissen kan niet ongedaan worden gemaakt; bevestig met --yes",
                    found.describe(),
                    found.conversations,
                    found.checks
                )));
            }
            let r = resident::erase_resident(&mut store, &found.household_id)?;
            let json = serde_json::json!({ "household": found, "erased": r });
            out.result(&json, || {
                format!(
                    "Persoonsgegevens gewist van {}: {} gesprekken, {} citaten verwijderd, {} bezoeknotities, {} checks.",
                    found.describe(), r.conversations, r.quotes_deleted, r.visit_notes, r.checks
                )
            });
        }
    }
    Ok(())
}
