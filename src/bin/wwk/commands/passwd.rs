//! `wwk passwd`: change the store's passphrase.

use crate::output::{CliError, Out};
use std::path::Path;

pub fn run(db: &Path, out: &Out) -> Result<(), CliError> {
    let old = super::secret("WWK_PASSPHRASE", "Huidig wachtwoord: ")?;
    if !db.exists() {
        return Err(wijkwaardenkaart::StoreError::NotFound(db.to_path_buf()).into());
    }
    let mut store = wijkwaardenkaart::Store::open(db, &old)?;
    let new = match std::env::var("WWK_NEW_PASSPHRASE") {
        Ok(p) => p,
        Err(_) => {
            let p = super::secret("WWK_NEW_PASSPHRASE", "Nieuw wachtwoord: ")?;
            if p != super::secret("WWK_NEW_PASSPHRASE", "Herhaal nieuw wachtwoord: ")? {
                return Err(CliError::invalid(
                    "passphrase_mismatch",
                    "de wachtwoorden zijn niet gelijk",
                ));
            }
            p
        }
    };
    store.change_passphrase(&old, &new)?;
    out.result(&serde_json::json!({ "changed": true }), || {
        "Wachtwoord gewijzigd.".into()
    });
    Ok(())
}
