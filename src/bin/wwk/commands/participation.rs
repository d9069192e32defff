//! `wwk participation`: record that a resident wants to take part in
//! activities or to volunteer (the profile's "Meedoen"), as the app's check
//! screen does, and list a household's participation.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::domain::participation::ParticipationInput;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Leg vast dat een bewoner wil meedoen (activiteiten of vrijwilligerswerk)
    Add {
        /// Id van het huishouden (de wijk volgt daaruit)
        #[arg(long)]
        household: Option<String>,
        /// Wijkcode (BU0268…), als er geen huishouden is
        #[arg(long)]
        wijk: Option<String>,
        /// Id van het gesprek waaruit het volgt
        #[arg(long)]
        conversation: Option<String>,
        /// activiteiten of vrijwilligerswerk
        #[arg(long)]
        kind: String,
        /// Waaraan, bijvoorbeeld "buurtmoestuin" (geen namen)
        #[arg(long, default_value = "")]
        topic: String,
        /// Datum (JJJJ-MM-DD)
        #[arg(long)]
        date: String,
    },
    /// Toon de deelname van een huishouden
    List {
        /// Id van het huishouden
        household: String,
    },
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Add {
            household,
            wijk,
            conversation,
            kind,
            topic,
            date,
        } => {
            let p = store.record_participation(&ParticipationInput {
                household_id: household.clone(),
                conversation_id: conversation.clone(),
                wijk_code: wijk.clone().unwrap_or_default(),
                kind: kind.clone(),
                topic: topic.clone(),
                signalled_on: date.clone(),
            })?;
            out.result(&p, || {
                format!(
                    "Deelname vastgelegd: {} in {} op {} (id {}).",
                    p.kind, p.wijk_code, p.signalled_on, p.id
                )
            });
        }
        Cmd::List { household } => {
            let list = store.household_participation(household)?;
            out.result(&list, || {
                if list.is_empty() {
                    return "Geen deelname vastgelegd.".to_string();
                }
                list.iter()
                    .map(|p| format!("{}  {:<18} {}\n", p.signalled_on, p.kind, p.topic))
                    .collect()
            });
        }
    }
    Ok(())
}
