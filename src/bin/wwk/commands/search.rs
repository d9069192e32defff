//! `wwk search`: full-text search over stories and quotes.

use crate::output::{CliError, Out};
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Zoekwoorden (hoofdletters en accenten maken niet uit)
    pub query: String,
    /// Maximaal aantal resultaten
    #[arg(long, default_value_t = 20)]
    pub limit: u32,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let store = super::open(db)?;
    super::merge::catch_up_search(&store, out)?;
    let hits = store.search(&args.query, args.limit)?;
    out.result(&hits, || {
        if hits.is_empty() {
            return format!("Niets gevonden voor \"{}\".", args.query);
        }
        let mut s = String::new();
        for h in &hits {
            let text: String = h
                .fragments
                .iter()
                .map(|f| {
                    if f.hit {
                        format!("«{}»", f.text)
                    } else {
                        f.text.clone()
                    }
                })
                .collect();
            let kind = if h.kind == "quote" {
                "citaat"
            } else {
                "verhaal"
            };
            s += &format!(
                "{} {} {} ({kind})\n  {text}\n",
                h.held_on, h.wijk_code, h.conversation_id
            );
        }
        s
    });
    Ok(())
}
