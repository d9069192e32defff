//! `wwk report`: the anonymous area profile as a PDF, or as its model in JSON;
//! with `--year`, the year report (Jaarverantwoording) instead.

use crate::output::{CliError, Out};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use wijkwaardenkaart::profile::YearRequest;
use wijkwaardenkaart::report::{self, ReportRequest};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gebied: wijk (BU0268…), stadsdeel (WK0268…) of GM0268 voor heel Nijmegen
    #[arg(long, value_name = "CODE", required_unless_present = "year")]
    pub area: Option<String>,
    /// Jaarverantwoording van dit jaar: alle rondes van het jaar, per wijk en complex
    #[arg(long, value_name = "JJJJ", conflicts_with_all = ["area", "campaign", "complex", "from", "to", "compare"])]
    pub year: Option<i32>,
    /// Met --year: alleen de rondes van dit programma (bijvoorbeeld "In de wijk")
    #[arg(long, value_name = "NAAM", requires = "year")]
    pub programme: Option<String>,
    /// Alleen deze ronde (de wijk van de ronde moet in het gebied liggen)
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// Alleen dit complex (de huishoudens ervan; zie wwk complex list)
    #[arg(long, value_name = "ID")]
    pub complex: Option<String>,
    /// Eerste dag van de periode (JJJJ-MM-DD); standaard de eerste dag met gegevens
    #[arg(long, value_name = "JJJJ-MM-DD")]
    pub from: Option<String>,
    /// Laatste dag van de periode (JJJJ-MM-DD); standaard de laatste dag met gegevens
    #[arg(long, value_name = "JJJJ-MM-DD")]
    pub to: Option<String>,
    /// Vergelijk met de vorige periode van dezelfde lengte
    #[arg(long)]
    pub compare: bool,
    /// Logo op de omslag (PNG of JPEG); standaard het logo uit de instellingen
    #[arg(long, value_name = "BESTAND")]
    pub logo: Option<PathBuf>,
    /// Drempel voor kleine aantallen (minstens 3)
    #[arg(long, default_value_t = 5)]
    pub k: u32,
    /// Waar het bestand komt: .pdf voor het wijkprofiel, .json voor de cijfers zelf
    #[arg(long, value_name = "BESTAND.pdf|.json")]
    pub out: PathBuf,
}

fn date(field: &str, s: &Option<String>) -> Result<Option<NaiveDate>, CliError> {
    s.as_deref()
        .map(|v| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                CliError::invalid(
                    "invalid",
                    format!("--{field}: \"{v}\" is geen datum (JJJJ-MM-DD)"),
                )
            })
        })
        .transpose()
}

/// The "generated at" time: `SOURCE_DATE_EPOCH` when set (reproducible output).
fn generated_at() -> Result<Option<String>, CliError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Err(_) => Ok(None),
        Ok(v) => {
            let secs: i64 = v
                .trim()
                .parse()
                .map_err(|_| CliError::usage(format!("SOURCE_DATE_EPOCH \"{v}\" is geen getal")))?;
            let t = chrono::DateTime::from_timestamp(secs, 0).ok_or_else(|| {
                CliError::usage(format!("SOURCE_DATE_EPOCH \"{v}\" ligt buiten bereik"))
            })?;
            Ok(Some(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
        }
    }
}

pub fn run(db: &Path, args: &Args, out: &Out) -> Result<(), CliError> {
    if let Some(year) = args.year {
        let mut req = YearRequest {
            year,
            programme: args.programme.clone(),
            policy: Default::default(),
            generated_at: generated_at()?,
        };
        req.policy.k = args.k;
        req.policy.min_base_for_pct = req.policy.min_base_for_pct.max(args.k);
        let store = super::open(db)?;
        let written = report::write_year_report(&store, &req, &args.out, &mut out.progress())?;
        print(out, &written);
        return Ok(());
    }
    let mut req = ReportRequest::for_area(args.area.as_deref().unwrap_or_default());
    req.campaign = args.campaign.clone();
    req.complex = args.complex.clone();
    req.from = date("from", &args.from)?;
    req.to = date("to", &args.to)?;
    req.compare = args.compare;
    req.policy.k = args.k;
    req.policy.min_base_for_pct = req.policy.min_base_for_pct.max(args.k);
    req.generated_at = generated_at()?;
    let store = super::open(db)?;
    let written = report::write_report(
        &store,
        &req,
        args.logo.clone(),
        &args.out,
        &mut out.progress(),
    )?;
    print(out, &written);
    Ok(())
}

fn print(out: &Out, written: &report::ReportWritten) {
    out.result(written, || {
        format!(
            "{} ({}) geschreven naar {} ({} kB) in {:.2} s.",
            written.title,
            written.period,
            written.out.display(),
            written.bytes.div_ceil(1024),
            written.seconds
        )
    });
}
