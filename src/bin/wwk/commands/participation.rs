//! `wwk participation`: record that a resident wants to take part (the
//! profile's "Meedoen"), as the app's screens do, follow it through its
//! statuses, and list a household's participation or all still open.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::domain::participation::{
    Participation, ParticipationInput, ParticipationStepInput,
};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Leg vast dat een bewoner wil meedoen
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
        /// activiteiten, vrijwilligerswerk, werk_opleiding, bewonersinitiatief of taal_digitaal
        #[arg(long)]
        kind: String,
        /// Waaraan, bijvoorbeeld "buurtmoestuin" (geen namen)
        #[arg(long, default_value = "")]
        topic: String,
        /// Datum (JJJJ-MM-DD)
        #[arg(long)]
        date: String,
    },
    /// Leg de volgende stand vast: interesse, in_contact, doet_mee of gestopt
    Step {
        /// Id van de deelname
        participation: String,
        #[arg(long)]
        status: String,
        /// Datum (JJJJ-MM-DD), niet vóór de aanmelding
        #[arg(long)]
        date: String,
    },
    /// Toon de deelname van een huishouden
    List {
        /// Id van het huishouden
        household: String,
    },
    /// Toon de deelname die nog opgevolgd moet worden (interesse of in contact gebracht)
    Open,
}

fn lines(list: &[Participation]) -> String {
    if list.is_empty() {
        return "Geen deelname.".to_string();
    }
    list.iter()
        .map(|p| {
            format!(
                "{}  {:<18} {:<11} sinds {}  {}  ({})\n",
                p.signalled_on, p.kind, p.status, p.status_on, p.topic, p.id
            )
        })
        .collect()
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
        Cmd::Step {
            participation,
            status,
            date,
        } => {
            let p = store.record_participation_step(&ParticipationStepInput {
                participation_id: participation.clone(),
                status: status.clone(),
                step_on: date.clone(),
            })?;
            out.result(&p, || {
                format!("Deelname {}: nu {} sinds {}.", p.id, p.status, p.status_on)
            });
        }
        Cmd::List { household } => {
            let list = store.household_participation(household)?;
            out.result(&list, || lines(&list));
        }
        Cmd::Open => {
            let list = store.open_participation(10_000)?;
            out.result(&list, || lines(&list));
        }
    }
    Ok(())
}
