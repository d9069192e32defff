//! `wwk import-checks`: voorzieningenchecks from a spreadsheet (CSV or XLSX).

use crate::output::{CliError, Out};
use std::io::Write;
use std::path::{Path, PathBuf};
use wijkwaardenkaart::ingest::{self as import, ImportRequest, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Het bestand (.csv of .xlsx)
    pub file: PathBuf,
    /// Koppeling van kolommen (JSON); wordt na een geslaagde import bewaard voor de bron
    #[arg(long, value_name = "BESTAND")]
    pub mapping: Option<PathBuf>,
    /// Naam van de bron; gebruikt de eerder bewaarde koppeling van die bron
    #[arg(long, value_name = "NAAM")]
    pub source: Option<String>,
    /// Blad in het XLSX-bestand (standaard het eerste)
    #[arg(long, value_name = "NAAM")]
    pub sheet: Option<String>,
    /// Alleen laten zien wat er zou gebeuren
    #[arg(long)]
    pub dry_run: bool,
    /// Importeer de goede regels, ook als er foute regels zijn
    #[arg(long)]
    pub skip_invalid: bool,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let mapping = match &args.mapping {
        Some(p) => {
            let json = std::fs::read_to_string(p).map_err(|e| {
                CliError::invalid(
                    "read",
                    format!("{} kon niet worden gelezen: {e}", p.display()),
                )
            })?;
            Some(import::parse_mapping(&json)?)
        }
        None => None,
    };
    let req = ImportRequest {
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        source: args.source.clone(),
        mapping,
        sheet: args.sheet.clone(),
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
    };
    let mut store = super::open(db)?;
    let report = import::import_file(&mut store, &args.file, &req, &mut out.progress())?;
    drop(store);
    if report.outcome == Outcome::Rejected {
        // One JSON document with both the error and the report, then exit 2:
        // the report is what tells the user which lines to fix.
        let message = format!(
            "{} foute regel(s); er is niets geïmporteerd",
            report.rows_invalid
        );
        if out.json {
            let doc = serde_json::json!({
                "error": { "code": "invalid_rows", "message": message },
                "report": report,
            });
            crate::output::print_out(&serde_json::to_string_pretty(&doc).expect("serialisable"));
        } else {
            println!(
                "{}",
                crate::output::terminal_safe(&report.lines().join("\n"))
            );
            eprintln!("Fout: {message}");
        }
        let _ = std::io::stdout().flush();
        std::process::exit(crate::output::EXIT_INVALID as i32);
    }
    out.result(&report, || report.lines().join("\n"));
    Ok(())
}
