//! `wwk keygen`: create a coordinator key (standard age identity file) and print its public key.

use crate::output::{CliError, Out};
use std::path::PathBuf;
use wijkwaardenkaart::exchange::{write_identity_file, GeneratedKey};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Waar het sleutelbestand komt (alleen voor u leesbaar; wordt nooit overschreven)
    #[arg(long, value_name = "SLEUTELBESTAND")]
    pub out: PathBuf,
}

pub fn run(args: &Args, out: &Out) -> Result<(), CliError> {
    let key = GeneratedKey::generate();
    write_identity_file(&args.out, &key)?;
    out.note(&format!(
        "Sleutel geschreven naar {} (alleen voor u leesbaar). Bewaar een reservekopie op een veilige plek:\n\
         zonder dit bestand zijn exports voor deze sleutel niet meer te openen.\n\
         Publieke sleutel (geef deze aan de medewerkers, voor `wwk export --recipient`):",
        args.out.display()
    ));
    out.result(
        &serde_json::json!({ "identity_file": args.out, "public_key": key.public_key() }),
        || key.public_key(),
    );
    Ok(())
}
