//! `wwk export`: write an encrypted `.wwk` file for a coordinator.

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::exchange::{export, ExportOptions, Protection, Scope};

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("protection").required(true).args(["recipient", "passphrase_env"])))]
pub struct Args {
    /// Het exportbestand (.wwk) dat wordt geschreven
    #[arg(long, value_name = "BESTAND")]
    pub out: PathBuf,
    /// Publieke sleutel (age1…) van een coördinator; mag vaker
    #[arg(long, value_name = "SLEUTEL")]
    pub recipient: Vec<String>,
    /// Versleutel met het wachtwoord uit deze omgevingsvariabele (min. 12 tekens)
    #[arg(long, value_name = "VAR")]
    pub passphrase_env: Option<String>,
    /// Alleen dit gebied: wijk (BU…), stadsdeel (WK…) of GM0268
    #[arg(long, value_name = "CODE")]
    pub area: Option<String>,
    /// Alleen deze ronde (id)
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// Alleen wat op of na deze datum is gewijzigd (JJJJ-MM-DD)
    #[arg(long, value_name = "DATUM")]
    pub since: Option<String>,
}

/// The passphrase from the named environment variable.
pub fn passphrase_from_env(var: &str) -> Result<String, CliError> {
    std::env::var(var).map_err(|_| {
        CliError::invalid(
            "passphrase_missing",
            format!("de omgevingsvariabele {var} met het wachtwoord is niet gezet"),
        )
    })
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let protection = match &args.passphrase_env {
        Some(var) => Protection::Passphrase(passphrase_from_env(var)?),
        None => Protection::Recipients(args.recipient.clone()),
    };
    // Check keys and passphrase before asking for the store's passphrase.
    protection.check()?;
    let mut store = super::open(db)?;
    let opts = ExportOptions {
        scope: Scope {
            area: args.area.clone(),
            campaign: args.campaign.clone(),
            since: args.since.clone(),
        },
        protection,
    };
    let receipt = export(&mut store, &args.out, &opts, &mut out.progress())?;
    out.result(&receipt, || receipt.to_text());
    Ok(())
}
