//! `wwk complex`: complexes below a wijk (a flat, a hofje) and which
//! households belong to them, so campaigns and profiles can cover them
//! (`wwk report --complex ID`).

use crate::output::{CliError, Out};
use std::path::Path;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Maak een complex in een wijk
    Add {
        /// Wijkcode (BU0268…)
        #[arg(long)]
        wijk: String,
        /// Naam, bijvoorbeeld "Flat Meijhorst 60-70"
        #[arg(long)]
        name: String,
        /// De woningcorporatie, bijvoorbeeld Portaal
        #[arg(long)]
        corporation: Option<String>,
    },
    /// Wijzig de naam of de woningcorporatie van een complex
    Edit {
        /// Id van het complex
        id: String,
        #[arg(long)]
        name: String,
        /// De woningcorporatie (leeg laten om te wissen)
        #[arg(long)]
        corporation: Option<String>,
    },
    /// Toon de complexen (van een wijk) met hun aantal huishoudens
    List {
        #[arg(long)]
        wijk: Option<String>,
    },
    /// Wijs de adressen met een postcode (en huisnummers van-tot) toe aan een complex
    Assign {
        /// Id van het complex
        complex: String,
        #[arg(long)]
        postcode: String,
        /// Eerste huisnummer (standaard alle)
        #[arg(long)]
        from: Option<u32>,
        /// Laatste huisnummer
        #[arg(long)]
        to: Option<u32>,
    },
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Edit {
            id,
            name,
            corporation,
        } => {
            let c = store.update_complex(id, name, corporation.as_deref())?;
            out.result(&c, || format!("Complex \"{}\" bijgewerkt.", c.name));
        }
        Cmd::Add {
            wijk,
            name,
            corporation,
        } => {
            let c = store.create_complex(wijk, name, corporation.as_deref())?;
            out.result(&c, || {
                format!(
                    "Complex \"{}\" gemaakt in {} (id {}).",
                    c.name, c.wijk_code, c.id
                )
            });
        }
        Cmd::List { wijk } => {
            let list = store.complexes(wijk.as_deref())?;
            out.result(&list, || {
                if list.is_empty() {
                    return "Geen complexen.".to_string();
                }
                list.iter()
                    .map(|c| {
                        format!(
                            "{}  {:<12} {:<32} {} huishoudens\n",
                            c.id, c.wijk_code, c.name, c.households
                        )
                    })
                    .collect()
            });
        }
        Cmd::Assign {
            complex,
            postcode,
            from,
            to,
        } => {
            let (changed, c) = store.assign_to_complex(complex, postcode, *from, *to)?;
            let json = serde_json::json!({ "assigned": changed, "complex": c });
            out.result(&json, || {
                format!(
                    "{changed} adressen toegewezen aan \"{}\"; het complex heeft nu {} huishoudens.",
                    c.name, c.households
                )
            });
        }
    }
    Ok(())
}
