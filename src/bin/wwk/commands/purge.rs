//! `wwk purge`: remove personal data past the retention period.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::privacy::retention::{self, PurgeRequest, RetentionPeriod};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Termijn na het laatste contact, bijv. 18m, 2y of 540d (standaard: de ingestelde bewaartermijn)
    #[arg(long, value_name = "TERMIJN")]
    pub older_than: Option<String>,
    /// Alleen tellen wat er verwijderd zou worden
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let older_than = args
        .older_than
        .as_deref()
        .map(str::parse::<RetentionPeriod>)
        .transpose()?;
    let mut store = super::open(db)?;
    let report = retention::purge(
        &mut store,
        &PurgeRequest {
            older_than,
            dry_run: args.dry_run,
            today: None,
        },
    )?;
    out.result(&report, || report.notice());
    Ok(())
}
