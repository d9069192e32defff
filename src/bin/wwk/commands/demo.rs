//! `wwk demo`: fill the store with the deterministic synthetic dataset.

use crate::output::{CliError, Out};
use std::path::Path;
use wijkwaardenkaart::demo::{generate, DemoOptions};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Aantal huishoudens (100000 = stadsschaal)
    #[arg(long)]
    pub households: u32,
    /// Startwaarde: dezelfde waarde geeft dezelfde dataset
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let mut store = super::open(db)?;
    let started = std::time::Instant::now();
    let summary = generate(
        &mut store,
        DemoOptions {
            households: args.households,
            seed: args.seed,
        },
        &mut out.progress(),
    )?;
    let secs = started.elapsed().as_secs_f64();
    out.result(&serde_json::json!({ "summary": summary, "seconds": secs }), || {
        format!(
            "Demo-data gemaakt in {secs:.1} s: {} rondes, {} adressen, {} bezoeken, {} gesprekken, {} voorzieningenchecks, {} doorverwijzingen.",
            summary.campaigns, summary.households, summary.visits, summary.conversations, summary.checks, summary.referrals
        )
    });
    Ok(())
}
