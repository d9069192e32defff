//! `wwk conflicts`: list versions that lost a merge, or resolve one.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::exchange::{conflicts, resolve_conflict, Keep};

#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum KeepArg {
    /// De versie die deze opslag had
    Local,
    /// De versie uit het samengevoegde bestand
    Incoming,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Los dit conflict op (id uit de lijst)
    #[arg(long, value_name = "ID", requires = "keep")]
    pub resolve: Option<i64>,
    /// Welke versie blijft: local of incoming
    #[arg(long, value_enum, requires = "resolve")]
    pub keep: Option<KeepArg>,
    /// Toon ook opgeloste conflicten
    #[arg(long, conflicts_with = "resolve")]
    pub all: bool,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    if let (Some(id), Some(keep)) = (args.resolve, args.keep) {
        let keep = match keep {
            KeepArg::Local => Keep::Local,
            KeepArg::Incoming => Keep::Incoming,
        };
        let view = resolve_conflict(&mut store, id, keep)?;
        out.result(&view, || {
            format!(
                "Conflict {id} opgelost: de {} versie blijft.",
                if keep == Keep::Local {
                    "lokale"
                } else {
                    "binnengekomen"
                }
            )
        });
        return Ok(());
    }
    let list = conflicts(&store, args.all)?;
    out.result(&list, || {
        if list.is_empty() {
            return "Geen open conflicten.".into();
        }
        let mut s: String = list.iter().map(|c| c.to_text()).collect();
        s += "Los op met `wwk conflicts --resolve ID --keep local|incoming`.";
        s
    });
    Ok(())
}
