//! `wwk stats`: counts per entity, or per wijk.

use crate::output::{CliError, Out};
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Per wijk in plaats van per soort gegeven
    #[arg(long)]
    pub by_area: bool,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let store = super::open(db)?;
    if args.by_area {
        let rows = store.stats_by_area()?;
        out.result(&rows, || {
            let mut s = format!(
                "{:<12} {:<28} {:>9} {:>8} {:>9} {:>8} {:>7} {:>11} {:>10}\n",
                "code",
                "wijk",
                "benaderd",
                "bereikt",
                "gesprekken",
                "vervolg",
                "checks",
                "niet-gebruik",
                "toegekend €"
            );
            for r in &rows {
                s += &format!(
                    "{:<12} {:<28} {:>9} {:>8} {:>9} {:>8} {:>7} {:>11} {:>10}\n",
                    r.code,
                    r.name,
                    r.approached,
                    r.reached,
                    r.conversations,
                    r.follow_ups,
                    r.checks,
                    r.non_take_up,
                    r.granted_eur
                );
            }
            s
        });
    } else {
        let c = store.counts()?;
        out.result(&c, || {
            [
                ("Rondes", c.campaigns),
                ("Huishoudens", c.households),
                ("Bezoeken", c.visits),
                ("Gesprekken", c.conversations),
                ("Genoemde waarden", c.value_tags),
                ("Citaten", c.quotes),
                ("Voorzieningenchecks", c.checks),
                ("Doorverwijzingen", c.referrals),
                ("Deelname-signalen", c.participation),
                ("Waarden in catalogus", c.values),
                ("Regelingen in catalogus", c.regulations),
                ("Gebieden", c.areas),
            ]
            .iter()
            .map(|(k, v)| format!("{k:<26} {v:>8}\n"))
            .collect()
        });
    }
    Ok(())
}
