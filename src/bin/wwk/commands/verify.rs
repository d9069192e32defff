//! `wwk verify`: decrypt and fully check `.wwk` files against the store; changes nothing.

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::exchange::{verify, Source, Unlock};

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("unlock").required(true).args(["identity", "passphrase_env"])))]
pub struct Args {
    /// Een of meer exportbestanden (.wwk)
    #[arg(required = true, value_name = "BESTAND")]
    pub files: Vec<PathBuf>,
    /// Sleutelbestand van de coördinator (van `wwk keygen` of age-keygen)
    #[arg(long, value_name = "SLEUTELBESTAND")]
    pub identity: Option<PathBuf>,
    /// Het wachtwoord van de bestanden staat in deze omgevingsvariabele
    #[arg(long, value_name = "VAR")]
    pub passphrase_env: Option<String>,
}

/// How to open the files, from `--identity` or `--passphrase-env`.
pub fn unlock(
    identity: &Option<PathBuf>,
    passphrase_env: &Option<String>,
) -> Result<Unlock, CliError> {
    Ok(match (identity, passphrase_env) {
        (Some(p), _) => Unlock::IdentityFile(p.clone()),
        (None, Some(var)) => Unlock::Passphrase(super::export::passphrase_from_env(var)?),
        (None, None) => return Err(CliError::usage("geef --identity of --passphrase-env")),
    })
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let unlock = unlock(&args.identity, &args.passphrase_env)?;
    let store = super::open(db)?;
    let sources: Vec<Source> = args.files.iter().cloned().map(Source::Path).collect();
    let report = verify(&store, &sources, &unlock, &mut out.progress())?;
    out.result(&report, || report.to_text());
    Ok(())
}
