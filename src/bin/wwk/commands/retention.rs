//! `wwk retention`: show or set the retention period for personal data.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::privacy::retention::{self, RetentionPeriod};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Nieuwe bewaartermijn na het laatste contact, bijv. 18m, 2y of 540d
    #[arg(long, value_name = "TERMIJN")]
    pub set: Option<String>,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let store = super::open(db)?;
    if let Some(s) = &args.set {
        let p: RetentionPeriod = s.parse()?;
        retention::set_retention_period(&store, p)?;
    }
    let period = retention::retention_period(store.conn())?;
    let cutoff = period.cutoff(chrono::Utc::now().date_naive());
    out.result(
        &serde_json::json!({ "period": period, "text": period.to_string(), "cutoff": cutoff }),
        || {
            format!(
                "Bewaartermijn: {} na het laatste contact (nu: gegevens van vóór {cutoff} worden opgeschoond).",
                period.label()
            )
        },
    );
    Ok(())
}
