//! `wwk table`: anonymous tables for analysts (CSV for Dutch Excel, or XLSX).

use crate::output::{CliError, Out};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::privacy::SuppressionPolicy;
use wijkwaardenkaart::tables::{self, AreaUnit, TableFormat, TableLevel, TableRequest};

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Level {
    /// Per gebied: de cijfers van het wijkprofiel
    Area,
    /// Per gesprek (pseudoniem)
    Conversation,
    /// Per regeling per voorzieningencheck (pseudoniem)
    Check,
    /// De jaartabel van de jaarverantwoording (met --year): per wijk en complex
    Year,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Format {
    Csv,
    Xlsx,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum Per {
    Wijk,
    Stadsdeel,
    Gebied,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Niveau van de tabel
    #[arg(long, value_enum)]
    pub level: Level,
    /// Bestandsformaat (standaard: volgens de extensie van --out)
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Gebied: wijkcode (BU0268…), stadsdeelcode (WK0268…) of GM0268 (standaard: heel Nijmegen)
    #[arg(long, value_name = "CODE")]
    pub area: Option<String>,
    /// Eerste dag (JJJJ-MM-DD)
    #[arg(long, value_name = "JJJJ-MM-DD")]
    pub from: Option<String>,
    /// Laatste dag (JJJJ-MM-DD)
    #[arg(long, value_name = "JJJJ-MM-DD")]
    pub to: Option<String>,
    /// Alleen bij --level area: één regel per wijk, per stadsdeel of voor het hele gebied
    #[arg(long, value_enum, default_value = "wijk")]
    pub per: Per,
    /// Bij --level year: het jaar
    #[arg(long, value_name = "JJJJ")]
    pub year: Option<i32>,
    /// Bij --level year: alleen de rondes van dit programma
    #[arg(long, value_name = "NAAM")]
    pub programme: Option<String>,
    /// Bij --level area: alleen dit complex (één regel; zie wwk complex list)
    #[arg(long, value_name = "ID")]
    pub complex: Option<String>,
    /// Aantallen kleiner dan k worden niet getoond (minstens 3)
    #[arg(long, default_value_t = SuppressionPolicy::default().k)]
    pub k: u32,
    /// Uitvoerbestand (.csv of .xlsx)
    #[arg(long, value_name = "BESTAND")]
    pub out: PathBuf,
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    let format = match args.format {
        Some(Format::Csv) => TableFormat::Csv,
        Some(Format::Xlsx) => TableFormat::Xlsx,
        None => TableFormat::from_path(&args.out).ok_or_else(|| {
            CliError::usage(
                "geef --format csv of --format xlsx, of een uitvoerbestand op .csv of .xlsx",
            )
        })?,
    };
    let date = |field: &str, s: &Option<String>| {
        s.as_deref()
            .map(|s| wijkwaardenkaart::domain::parse_date(field, s))
            .transpose()
    };
    match args.level {
        Level::Year if args.year.is_none() => {
            return Err(CliError::usage("--level year vraagt om --year JJJJ"))
        }
        Level::Year => {}
        _ if args.year.is_some() || args.programme.is_some() => {
            return Err(CliError::usage(
                "--year en --programme horen bij --level year",
            ))
        }
        _ => {}
    }
    if args.complex.is_some() && !matches!(args.level, Level::Area) {
        return Err(CliError::usage("--complex hoort bij --level area"));
    }
    let defaults = SuppressionPolicy::default();
    let policy = SuppressionPolicy::new(args.k, defaults.min_base_for_pct.max(args.k))?;
    let req = TableRequest {
        level: match args.level {
            Level::Area => TableLevel::Area,
            Level::Conversation => TableLevel::Conversation,
            Level::Check => TableLevel::Check,
            Level::Year => TableLevel::Year,
        },
        format,
        area: args.area.clone(),
        from: date("--from", &args.from)?,
        to: date("--to", &args.to)?,
        per: match args.per {
            Per::Wijk => AreaUnit::Wijk,
            Per::Stadsdeel => AreaUnit::Stadsdeel,
            Per::Gebied => AreaUnit::Gebied,
        },
        policy,
        generated_at: None,
        year: args.year,
        programme: args.programme.clone(),
        complex: args.complex.clone(),
    };
    let store = super::open(db)?;
    let summary = tables::export(&store, &req, &args.out, &mut out.progress())?;
    out.result(&summary, || {
        let mut s = format!(
            "Tabel geschreven naar {} ({} bytes), {} ({}):\n",
            args.out.display(),
            summary.bytes,
            summary.area_name,
            summary.area_code
        );
        for (name, rows) in &summary.tables {
            s += &format!("  {name}: {rows} regels\n");
        }
        if summary.suppressed_cells > 0 {
            s += &format!(
                "  {} cellen niet getoond (kleine aantallen)\n",
                summary.suppressed_cells
            );
        }
        s
    });
    Ok(())
}
