//! Writing an area profile to a file: what `wwk report` and the app's
//! "Wijkprofiel maken" both call. Builds the profile and writes it as PDF, or
//! as the model itself in JSON when the file name ends in `.json` (for other
//! tools such as the gemeente's dashboards), atomically (a failed or cancelled run never leaves a partial file under
//! the target name) and records the report in the audit log as an export of
//! kind "report" (area and period only; a report contains no personal data).

use super::RenderOptions;
use super::{generate, logo_path, ReportError, ReportRequest};
use crate::profile::YearRequest;
use crate::progress::Progress;
use crate::store::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What was written, for the CLI's output and the app's confirmation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportWritten {
    pub out: PathBuf,
    pub bytes: u64,
    /// The report's title ("Wijkprofiel Lankforst").
    pub title: String,
    pub area: String,
    /// The period in Dutch ("1 januari 2026 – 31 maart 2026").
    pub period: String,
    pub seconds: f64,
}

/// Builds the profile for `req` and writes it to `out`. `logo` overrides the
/// logo from the settings.
pub fn write_report(
    store: &Store,
    req: &ReportRequest,
    logo: Option<PathBuf>,
    out: &Path,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<ReportWritten, ReportError> {
    crate::util::output::check(out, Some(store.path()), &["pdf", "json"])?;
    let started = std::time::Instant::now();
    let logo = match logo {
        Some(p) => Some(p),
        None => logo_path(store)?,
    };
    let (model, bytes) = match Format::of(out) {
        Format::Pdf => generate(store, req, &RenderOptions { logo }, progress)?,
        Format::Json => {
            let model = crate::profile::build(store, req)?;
            let bytes = crate::profile::to_json(&model);
            (model, bytes)
        }
    };
    save(
        store,
        out,
        &bytes,
        serde_json::json!({
            "kind": "report",
            "format": Format::of(out).name(),
            "area": model.area_code,
            "period": model.period.label(),
            "campaign": req.campaign,
            "compare": req.compare,
            "k": req.policy.k,
        }),
    )?;
    Ok(ReportWritten {
        out: out.to_path_buf(),
        bytes: bytes.len() as u64,
        title: model.title,
        area: model.area_code,
        period: model.period.label(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// What `write_report` writes, from the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Json,
}

impl Format {
    /// The format of a path that passed `util::output::check` (.pdf or .json).
    fn of(out: &Path) -> Format {
        let json = out
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if json {
            Format::Json
        } else {
            Format::Pdf
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Json => "json",
        }
    }
}

/// Builds the year report for `req` and writes it to `out` (PDF, or the
/// report itself as JSON), atomically, with an audit entry of kind
/// "year_report" (year and programme only).
pub fn write_year_report(
    store: &Store,
    req: &YearRequest,
    out: &Path,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<ReportWritten, ReportError> {
    crate::util::output::check(out, Some(store.path()), &["pdf", "json"])?;
    let started = std::time::Instant::now();
    crate::progress::send(progress, Progress::new("Gegevens verzamelen", 0, 12))?;
    let report = crate::profile::build_year(store, req)?;
    let bytes = match Format::of(out) {
        Format::Pdf => super::pdf::render_year_pdf(&report, progress)?,
        Format::Json => {
            let mut b = serde_json::to_vec_pretty(&report).expect("the report serialises");
            b.push(b'\n');
            b
        }
    };
    save(
        store,
        out,
        &bytes,
        serde_json::json!({
            "kind": "year_report",
            "format": Format::of(out).name(),
            "year": report.year,
            "programme": report.programme,
            "k": req.policy.k,
        }),
    )?;
    Ok(ReportWritten {
        out: out.to_path_buf(),
        bytes: bytes.len() as u64,
        title: report.title,
        area: crate::catalog::CITY.to_string(),
        period: report.period.label(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Writes the bytes atomically and records the export in the audit log. A
/// report is anonymous: a store opened for reading only still makes one,
/// without the audit line it cannot write.
fn save(
    store: &Store,
    out: &Path,
    bytes: &[u8],
    audit: serde_json::Value,
) -> Result<(), ReportError> {
    crate::util::write_atomic(out, bytes).map_err(|source| ReportError::Write {
        path: out.to_path_buf(),
        source,
    })?;
    if !store.is_read_only() {
        store.audit("export", &audit)?;
    }
    Ok(())
}
