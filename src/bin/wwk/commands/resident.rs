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
        household_id: String,
        #[arg(long, value_name = "BESTAND")]
        out: PathBuf,
    },
    /// Wis de persoonsgegevens van een huishouden (recht op vergetelheid)
    Erase {
        household_id: String,
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
            household_id,
            out: path,
        } => {
            let data = resident::export_resident(&store, household_id, path)?;
            let summary = serde_json::json!({
                "household_id": household_id,
                "file": path,
                "visits": data.visits.len(),
                "conversations": data.conversations.len(),
                "checks": data.checks.len(),
                "referrals": data.referrals.len(),
            });
            out.result(&summary, || {
                format!(
                    "Gegevens geschreven naar {}: {} bezoeken, {} gesprekken, {} checks, {} doorverwijzingen.",
                    path.display(),
                    data.visits.len(),
                    data.conversations.len(),
                    data.checks.len(),
                    data.referrals.len()
                )
            });
        }
        Cmd::Erase { household_id, yes } => {
            if !yes {
                return Err(CliError::usage(
                    "wissen kan niet ongedaan worden gemaakt; bevestig met --yes",
                ));
            }
            let r = resident::erase_resident(&mut store, household_id)?;
            out.result(&r, || {
                format!(
                    "Persoonsgegevens gewist van huishouden {}: {} gesprekken, {} citaten verwijderd, {} bezoeknotities, {} checks.",
                    r.household_id, r.conversations, r.quotes_deleted, r.visit_notes, r.checks
                )
            });
        }
    }
    Ok(())
}
