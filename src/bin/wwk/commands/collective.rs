//! `wwk collective`: collective actions in a wijk or complex, as the wijk
//! dashboard's "Wat doen we ermee?" records them: add, update and list.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::domain::collective::{CollectiveAction, CollectiveActionInput};

#[derive(clap::Args, Debug)]
pub struct Fields {
    /// Wijkcode (BU0268…)
    #[arg(long)]
    wijk: String,
    /// Id van een complex in die wijk
    #[arg(long)]
    complex: Option<String>,
    /// Titel, bijvoorbeeld "Speeltuin opknappen" (geen namen)
    #[arg(long)]
    title: String,
    /// Startdatum (JJJJ-MM-DD)
    #[arg(long)]
    from: String,
    /// Einddatum (JJJJ-MM-DD)
    #[arg(long)]
    to: Option<String>,
    /// idee, in_voorbereiding, uitgevoerd of geevalueerd
    #[arg(long, default_value = "idee")]
    status: String,
    /// Aantal betrokken bewoners (nooit namen)
    #[arg(long, default_value_t = 0)]
    residents: u32,
    /// Waarde uit de waardenlijst (herhaalbaar), bijv. ontmoeting
    #[arg(long = "value")]
    values: Vec<String>,
    /// Thema (herhaalbaar)
    #[arg(long = "theme")]
    themes: Vec<String>,
    /// Partner (herhaalbaar): woningcorporatie, buurtteam, stip, few, team_geldzorgen, gemeente,
    /// bewonersorganisatie of anders
    #[arg(long = "partner")]
    partners: Vec<String>,
}

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Leg een nieuwe collectieve actie vast
    Add(Fields),
    /// Werk een actie bij (alle velden opnieuw opgeven)
    Update {
        /// Id van de actie
        id: String,
        #[command(flatten)]
        fields: Fields,
    },
    /// Toon de acties in een gebied (wijk, stadsdeel of GM0268)
    List {
        #[arg(long, default_value = "GM0268")]
        area: String,
    },
}

fn input(id: Option<String>, f: &Fields) -> CollectiveActionInput {
    CollectiveActionInput {
        id,
        wijk_code: f.wijk.clone(),
        complex_id: f.complex.clone(),
        title: f.title.clone(),
        started_on: f.from.clone(),
        ended_on: f.to.clone(),
        status: f.status.clone(),
        residents: f.residents,
        value_ids: f.values.clone(),
        themes: f.themes.clone(),
        partners: f.partners.clone(),
    }
}

fn line(a: &CollectiveAction) -> String {
    format!(
        "{}  {:<16} {:<40} {} bewoners  ({})\n",
        a.started_on, a.status, a.title, a.residents, a.id
    )
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Add(f) => {
            let a = store.save_collective_action(&input(None, f))?;
            out.result(&a, || format!("Actie vastgelegd: {}", line(&a)));
        }
        Cmd::Update { id, fields } => {
            let a = store.save_collective_action(&input(Some(id.clone()), fields))?;
            out.result(&a, || format!("Actie bijgewerkt: {}", line(&a)));
        }
        Cmd::List { area } => {
            let list = store.collective_actions(area)?;
            out.result(&list, || {
                if list.is_empty() {
                    return "Geen collectieve acties.".to_string();
                }
                list.iter().map(line).collect()
            });
        }
    }
    Ok(())
}
