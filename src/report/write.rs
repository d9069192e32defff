//! Writing an area profile to a file: what `wwk report` and the app's
//! "Wijkprofiel maken" both call. Builds and renders the report, writes the
//! PDF atomically (a failed or cancelled run never leaves a partial file under
//! the target name) and records the report in the audit log as an export of
//! kind "report" (area and period only; a report contains no personal data).

use super::{generate, logo_path, ReportError, ReportRequest};
use super::{RenderOptions, RenderProgress};
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
    progress: &mut dyn FnMut(RenderProgress),
) -> Result<ReportWritten, ReportError> {
    if out.is_dir() {
        return Err(ReportError::Write {
            path: out.to_path_buf(),
            reason: "dit is een map; geef een bestandsnaam".into(),
        });
    }
    let started = std::time::Instant::now();
    let logo = match logo {
        Some(p) => Some(p),
        None => logo_path(store)?,
    };
    let (model, bytes) = generate(store, req, &RenderOptions { logo }, progress)?;
    crate::util::write_atomic(out, &bytes).map_err(|e| ReportError::Write {
        path: out.to_path_buf(),
        reason: e.to_string(),
    })?;
    store.audit(
        "export",
        &serde_json::json!({
            "kind": "report",
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
