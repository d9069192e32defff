//! `wwk catalog`: show the catalogue versions in the store, or load an edited catalogue file.

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::catalog::load_file;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Toon de geladen catalogi en hun versies
    Show,
    /// Laad een catalogusbestand (JSON); het wordt eerst volledig gecontroleerd
    Load { file: PathBuf },
}

pub fn run(db: &Path, cmd: &Cmd, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    match cmd {
        Cmd::Show => {
            let mut stmt = store
                .conn()
                .prepare("SELECT catalog, version, loaded_at FROM catalog_version ORDER BY catalog")
                .map_err(wijkwaardenkaart::DomainError::from)?;
            let rows: Vec<(String, String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .and_then(|r| r.collect())
                .map_err(wijkwaardenkaart::DomainError::from)?;
            let json: Vec<_> = rows
                .iter()
                .map(|(c, v, l)| serde_json::json!({"catalog": c, "version": v, "loaded_at": l}))
                .collect();
            out.result(&json, || {
                rows.iter()
                    .map(|(c, v, l)| format!("{c:<20} {v:<10} geladen {l}\n"))
                    .collect()
            });
        }
        Cmd::Load { file } => {
            let json = wijkwaardenkaart::catalog::read_file(file)
                .map_err(wijkwaardenkaart::DomainError::from)?;
            let profile = store.profile().clone();
            let tx = store
                .conn_mut()
                .transaction()
                .map_err(wijkwaardenkaart::DomainError::from)?;
            let cat = load_file(&tx, &json).map_err(wijkwaardenkaart::DomainError::from)?;
            let detail =
                serde_json::json!({"file": file, "kind": cat.kind(), "version": cat.version()});
            wijkwaardenkaart::store::audit_in(&tx, &profile, "catalog", &detail)?;
            tx.commit().map_err(wijkwaardenkaart::DomainError::from)?;
            out.result(&detail, || {
                format!(
                    "Catalogus geladen: {:?} versie {}",
                    cat.kind(),
                    cat.version()
                )
            });
        }
    }
    Ok(())
}
