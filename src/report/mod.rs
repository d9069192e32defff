//! The area profile as PDF: renders a [`ReportModel`] built by
//! [`crate::profile`] ([`render_pdf`], in [`pdf`]; it never touches the
//! store), and writes it atomically with an audit entry ([`write_report`]).
//! The cover logo is a setting in the store's `meta` table ([`logo_path`],
//! [`set_logo_path`]).

pub mod pdf;
mod write;

pub use crate::profile::{ReportModel, ReportRequest};
pub use pdf::{render_pdf, RenderOptions};
pub use write::{write_report, write_year_report, ReportWritten};

use crate::error::ErrorCode;
use crate::profile::ProfileError;
use crate::progress::Progress;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// `meta` key of the cover logo.
const LOGO_KEY: &str = "report.logo_path";

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("afgebroken; er is niets geschreven")]
    Cancelled,
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error("het logo kon niet worden gelezen ({path}): {reason}")]
    Logo {
        path: PathBuf,
        reason: String,
        detail: Option<String>,
    },
    #[error("het PDF-bestand kon niet worden gemaakt: {0}")]
    Render(String),
    #[error("het bestand kon niet worden opgeslagen in {path}: {why}", why = crate::util::reason::io(.source))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Output(#[from] crate::util::output::OutputError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl From<crate::progress::Cancelled> for ReportError {
    fn from(_: crate::progress::Cancelled) -> Self {
        ReportError::Cancelled
    }
}

impl ErrorCode for ReportError {
    fn code(&self) -> &'static str {
        match self {
            ReportError::Cancelled => "cancelled",
            ReportError::Profile(e) => e.code(),
            ReportError::Logo { .. } => "logo",
            ReportError::Render(_) => "render",
            ReportError::Write { .. } => "write",
            ReportError::Output(e) => e.code(),
            ReportError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            ReportError::Profile(e) => e.is_invalid_input(),
            ReportError::Render(_) | ReportError::Store(_) => false,
            ReportError::Logo { .. }
            | ReportError::Write { .. }
            | ReportError::Output(_)
            | ReportError::Cancelled => true,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ReportError::Logo { detail, .. } => detail.clone(),
            ReportError::Write { source, .. } => Some(source.to_string()),
            ReportError::Profile(e) => e.detail(),
            ReportError::Output(e) => e.detail(),
            ReportError::Store(e) => e.detail(),
            _ => None,
        }
    }
}

/// Builds the model and renders it: what the CLI and the app call.
pub fn generate(
    store: &Store,
    req: &ReportRequest,
    opts: &RenderOptions,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<(ReportModel, Vec<u8>), ReportError> {
    crate::progress::send(progress, Progress::new("Gegevens verzamelen", 0, 12))?;
    let model = crate::profile::build(store, req)?;
    let bytes = render_pdf(&model, opts, progress)?;
    Ok((model, bytes))
}

/// The configured cover logo (PNG or JPEG), if any.
pub fn logo_path(store: &Store) -> Result<Option<PathBuf>, ReportError> {
    Ok(store.meta_get(LOGO_KEY)?.map(PathBuf::from))
}

/// Sets or clears the cover logo. The file must be a readable PNG or JPEG.
pub fn set_logo_path(store: &Store, path: Option<&Path>) -> Result<(), ReportError> {
    if let Some(p) = path {
        pdf::load_logo(p)?;
    }
    let s = path.map(|p| p.to_string_lossy().into_owned());
    Ok(store.meta_set(LOGO_KEY, s.as_deref())?)
}

#[cfg(test)]
mod tests;
