//! `wwk merge`: merge `.wwk` files into the store in one transaction and print the receipt.

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::exchange::{merge, MergeOptions, Source};
use wijkwaardenkaart::Store;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("unlock").required(true).args(["identity", "passphrase_env"])))]
pub struct Args {
    /// Een of meer exportbestanden (.wwk), in willekeurige volgorde
    #[arg(required = true, value_name = "BESTAND")]
    pub files: Vec<PathBuf>,
    /// Sleutelbestand van de coördinator (van `wwk keygen` of age-keygen)
    #[arg(long, value_name = "SLEUTELBESTAND")]
    pub identity: Option<PathBuf>,
    /// Het wachtwoord van de bestanden staat in deze omgevingsvariabele
    #[arg(long, value_name = "VAR")]
    pub passphrase_env: Option<String>,
    /// Alleen laten zien wat er zou gebeuren; er wordt niets opgeslagen
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let unlock = super::verify::unlock(&args.identity, &args.passphrase_env)?;
    let mut store = super::open(db)?;
    let sources: Vec<Source> = args.files.iter().cloned().map(Source::Path).collect();
    let receipt = merge(
        &mut store,
        &sources,
        &unlock,
        &MergeOptions {
            dry_run: args.dry_run,
        },
        &mut out.progress(),
    )?;
    out.result(&receipt, || receipt.to_text());
    catch_up_search(&store, out)
}

/// Indexes the stories and quotes a merge brought in, so search finds them
/// (the merge itself defers that; see `domain::search_index`).
pub(crate) fn catch_up_search(store: &Store, out: &Out) -> Result<(), CliError> {
    if !store.search_index_state()?.pending {
        return Ok(());
    }
    out.note("… Zoekindex bijwerken");
    store.index_search(&mut |_| {})?;
    out.note("Zoekindex bijgewerkt.");
    Ok(())
}
