//! `wwk init`: create a new encrypted store.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::store::{Profile, Store};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Naam van de medewerker
    #[arg(long, env = "WWK_WORKER", default_value = "Medewerker")]
    pub worker: String,
    /// Team
    #[arg(long, env = "WWK_TEAM", default_value = "Team")]
    pub team: String,
    /// Naam van dit apparaat
    #[arg(long, env = "WWK_DEVICE", default_value = "Laptop")]
    pub device: String,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let pass = match std::env::var("WWK_PASSPHRASE") {
        Ok(p) => p,
        Err(_) => {
            let p = super::secret("WWK_PASSPHRASE", "Nieuw wachtwoord: ")?;
            let again = super::secret("WWK_PASSPHRASE", "Herhaal wachtwoord: ")?;
            if p != again {
                return Err(CliError::invalid(
                    "passphrase_mismatch",
                    "de wachtwoorden zijn niet gelijk",
                ));
            }
            p
        }
    };
    let store = Store::create(
        db,
        &pass,
        &Profile::new(&args.worker, &args.team, &args.device),
    )?;
    let profile = store.profile().clone();
    out.result(
        &serde_json::json!({ "db": db, "device_id": profile.device_id, "schema": wijkwaardenkaart::store::SCHEMA_VERSION }),
        || format!("Nieuwe versleutelde opslag gemaakt: {}\nApparaat-id: {}", db.display(), profile.device_id),
    );
    Ok(())
}
