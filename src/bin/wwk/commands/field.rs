//! `wwk visit`, `wwk conversation` and `wwk referral`: what the walk list and
//! the conversation screen record at the door, for scripts and for teams that
//! enter paper forms afterwards. The same core functions as the app; the
//! figures they feed (benaderd, bereikt, gesprekken, vervolg gewenst, waarden,
//! doorverwijzingen) are then writable by a screen and a command alike.

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::domain::conversation::{Consent, ConversationInput, Sentiment, ValueTag};
use wijkwaardenkaart::domain::referral::ReferralInput;
use wijkwaardenkaart::domain::visit::VisitInput;

#[derive(clap::Subcommand, Debug)]
pub enum VisitCmd {
    /// Leg de uitkomst aan de deur vast
    Add {
        /// Id van het huishouden (zie wwk resident find of de looplijst)
        #[arg(long)]
        household: String,
        /// Uitkomst uit de codes, bijvoorbeeld gesprek, niet_thuis, geen_interesse
        #[arg(long)]
        outcome: String,
        /// Id van de ronde
        #[arg(long)]
        campaign: Option<String>,
        /// Moment (JJJJ-MM-DD of RFC 3339); standaard nu
        #[arg(long)]
        at: Option<String>,
        /// Korte notitie (geen gevoelige gegevens)
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum ConversationCmd {
    /// Leg een gesprek vast: het verhaal, de genoemde waarden, thema's en vervolg
    Add {
        /// Id van het huishouden (met toestemming voor registratie)
        #[arg(long)]
        household: Option<String>,
        /// Wijkcode (BU0268…); standaard de wijk van het huishouden
        #[arg(long)]
        wijk: Option<String>,
        /// Id van de ronde
        #[arg(long)]
        campaign: Option<String>,
        /// Datum (JJJJ-MM-DD)
        #[arg(long)]
        date: String,
        /// Het verhaal van de bewoner
        #[arg(long, conflicts_with = "story_file")]
        story: Option<String>,
        /// Het verhaal uit een tekstbestand (UTF-8)
        #[arg(long, value_name = "BESTAND")]
        story_file: Option<PathBuf>,
        /// Genoemde waarde: ID=gewaardeerd of ID=zorg, met wat helpt en wat belemmert na een |
        /// (herhaalbaar), bijvoorbeeld "ontmoeting=gewaardeerd|het buurthuis|"
        #[arg(
            long = "value",
            value_name = "ID=gewaardeerd|zorg[|bevorderend|belemmerend]"
        )]
        values: Vec<String>,
        /// Thema (herhaalbaar)
        #[arg(long = "theme")]
        themes: Vec<String>,
        /// De bewoner wil een vervolg
        #[arg(long)]
        follow_up: bool,
        /// Toelichting bij het vervolg
        #[arg(long, default_value = "")]
        follow_up_note: String,
        /// Geen toestemming voor registratie bij het adres (dan zonder --household)
        #[arg(long)]
        anonymous: bool,
        /// Medewerker (herhaalbaar); standaard de medewerker van deze opslag
        #[arg(long = "worker")]
        workers: Vec<String>,
    },
}

#[derive(clap::Subcommand, Debug)]
pub enum ReferralCmd {
    /// Leg een doorverwijzing vast
    Add {
        /// Id van het huishouden
        #[arg(long)]
        household: Option<String>,
        /// Wijkcode (BU0268…); standaard de wijk van het huishouden
        #[arg(long)]
        wijk: Option<String>,
        /// Id van het gesprek waaruit het volgt
        #[arg(long)]
        conversation: Option<String>,
        /// Organisatie uit de codes: few, buurtteam_volwassenen, buurtteam_jeugd_gezin,
        /// team_geldzorgen, stip, woningcorporatie of andere_organisatie
        #[arg(long)]
        target: String,
        /// Datum (JJJJ-MM-DD)
        #[arg(long)]
        date: String,
        /// Toelichting, bijvoorbeeld de naam van een andere organisatie (geen namen van bewoners)
        #[arg(long, default_value = "")]
        note: String,
    },
}

fn wijk_of(
    store: &wijkwaardenkaart::Store,
    household: Option<&str>,
    wijk: Option<&str>,
) -> Result<String, CliError> {
    match (wijk, household) {
        (Some(w), _) => Ok(w.trim().to_uppercase()),
        (None, Some(h)) => Ok(store.household(h)?.wijk_code),
        (None, None) => Err(CliError::usage("geef --household of --wijk")),
    }
}

/// "ontmoeting=gewaardeerd|het buurthuis|" as a value tag.
fn value_tag(s: &str) -> Result<ValueTag, CliError> {
    let bad = |why: &str| {
        CliError::invalid(
            "invalid",
            format!("--value \"{s}\": {why}; schrijf bijvoorbeeld ontmoeting=gewaardeerd|het buurthuis|"),
        )
    };
    let (id, rest) = s.split_once('=').ok_or_else(|| bad("geen ="))?;
    let mut parts = rest.split('|');
    let sentiment = match parts.next().unwrap_or_default().trim() {
        "gewaardeerd" => Sentiment::Valued,
        "zorg" => Sentiment::Concern,
        _ => return Err(bad("kies gewaardeerd of zorg")),
    };
    Ok(ValueTag {
        value_id: id.trim().to_string(),
        sentiment,
        bevorderend: parts.next().unwrap_or_default().trim().to_string(),
        belemmerend: parts.next().unwrap_or_default().trim().to_string(),
    })
}

pub fn run_visit(db: &Path, cmd: &VisitCmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    let VisitCmd::Add {
        household,
        outcome,
        campaign,
        at,
        note,
    } = cmd;
    let visited_at = at.as_deref().map(|a| {
        if a.len() == 10 {
            format!("{a}T12:00:00.000Z")
        } else {
            a.to_string()
        }
    });
    let v = store.record_visit(&VisitInput {
        household_id: household.clone(),
        campaign_id: campaign.clone(),
        outcome: outcome.clone(),
        note: note.clone(),
        visited_at,
    })?;
    out.result(&v, || {
        format!("Bezoek vastgelegd: {} (id {}).", v.outcome, v.id)
    });
    Ok(())
}

pub fn run_conversation(db: &Path, cmd: &ConversationCmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    let ConversationCmd::Add {
        household,
        wijk,
        campaign,
        date,
        story,
        story_file,
        values,
        themes,
        follow_up,
        follow_up_note,
        anonymous,
        workers,
    } = cmd;
    let story = match (story, story_file) {
        (Some(s), _) => s.clone(),
        (None, Some(f)) => std::fs::read_to_string(f).map_err(|e| {
            CliError::invalid(
                "unreadable",
                format!(
                    "{} kon niet worden gelezen als tekst (UTF-8): {e}",
                    f.display()
                ),
            )
        })?,
        (None, None) => String::new(),
    };
    let wijk_code = wijk_of(&store, household.as_deref(), wijk.as_deref())?;
    let workers = if workers.is_empty() {
        vec![store.profile().worker_name.clone()]
    } else {
        workers.clone()
    };
    let input = ConversationInput {
        id: None,
        household_id: household.clone(),
        visit_id: None,
        campaign_id: campaign.clone(),
        wijk_code,
        held_on: date.clone(),
        workers,
        language: "nl".into(),
        story,
        values: values
            .iter()
            .map(|v| value_tag(v))
            .collect::<Result<_, _>>()?,
        themes: themes.clone(),
        quotes: Vec::new(),
        consent: Consent {
            registration: !anonymous,
            quoting: false,
            recontact: false,
        },
        follow_up_wanted: *follow_up,
        follow_up_note: follow_up_note.clone(),
        contact: None,
    };
    let c = store.save_conversation(&input)?;
    out.result(&c, || {
        format!(
            "Gesprek vastgelegd op {} in {} (id {}).",
            c.held_on, c.wijk_code, c.id
        )
    });
    Ok(())
}

pub fn run_referral(db: &Path, cmd: &ReferralCmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    let ReferralCmd::Add {
        household,
        wijk,
        conversation,
        target,
        date,
        note,
    } = cmd;
    let wijk_code = wijk_of(&store, household.as_deref(), wijk.as_deref())?;
    let r = store.create_referral(&ReferralInput {
        household_id: household.clone(),
        conversation_id: conversation.clone(),
        wijk_code,
        target: target.clone(),
        status: "voorgesteld".into(),
        proposed_on: date.clone(),
        due_on: None,
        note: note.clone(),
    })?;
    out.result(&r, || {
        format!("Doorverwijzing naar {} vastgelegd (id {}).", r.target, r.id)
    });
    Ok(())
}
