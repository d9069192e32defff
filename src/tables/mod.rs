//! Anonymous tables for analysts (`wwk table`, "Exporteer tabel" in the app):
//! CSV for Dutch Excel and XLSX, at three levels.
//!
//! - **area** ([`area`]): per wijk, stadsdeel or the city, the aggregates of the
//!   area profile with the same small-number suppression (the report model of
//!   `crate::report` is reused, so the numbers are identical to the PDF).
//! - **conversation** ([`micro`]): one row per conversation, pseudonymous.
//! - **check** ([`micro`]): one row per regulation per voorzieningencheck.
//! - **year** ([`year`]): the year report's table, one row per wijk and
//!   complex plus the total, as the Jaarverantwoording PDF prints it.
//!
//! [`build`] reads the store into a [`TableSet`] (plain data), [`render`] turns
//! it into file bytes, [`export`] does both, writes the file atomically and
//! records the export in the audit log.

use crate::catalog::CITY;
use crate::error::ErrorCode;
use crate::progress::{send, Progress, ProgressFn};

mod area;
pub mod csv;
mod micro;
pub mod model;
mod notes;
pub mod xlsx;
mod year;

pub use model::{Column, ColumnKind, Note, Table, TableSet, Value};

use crate::catalog::{nijmegen, AreaKind};
use crate::privacy::{PrivacyError, SuppressionPolicy};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableLevel {
    Area,
    Conversation,
    Check,
    /// The year report's table (needs `year`).
    Year,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    Csv,
    Xlsx,
}

impl TableFormat {
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Csv => "csv",
            TableFormat::Xlsx => "xlsx",
        }
    }

    /// The format for a file name's extension, if it is one of ours.
    pub fn from_path(path: &Path) -> Option<TableFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(TableFormat::Csv),
            "xlsx" => Some(TableFormat::Xlsx),
            _ => None,
        }
    }
}

/// Rows of the area level: one per wijk, per stadsdeel, or the area as a whole.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AreaUnit {
    #[default]
    Wijk,
    Stadsdeel,
    /// One row: the requested area itself.
    Gebied,
}

/// What to export. Serialisable so the app can send it as is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRequest {
    pub level: TableLevel,
    pub format: TableFormat,
    /// BU0268…, WK0268… or GM0268 (default: the whole city).
    #[serde(default)]
    pub area: Option<String>,
    /// First day included (default: the first day with data).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    /// Last day included (default: the last day with data).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
    /// Area level only: what a row is (default: one row per wijk).
    #[serde(default)]
    pub per: AreaUnit,
    #[serde(default)]
    pub policy: SuppressionPolicy,
    /// RFC 3339; `None` means now. Fixed in tests.
    #[serde(default)]
    pub generated_at: Option<String>,
    /// Year level: the year.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub year: Option<i32>,
    /// Year level: only the campaigns of this programme.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub programme: Option<String>,
    /// Area level: one row for this complex (its households only).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub complex: Option<String>,
}

impl TableRequest {
    pub fn new(level: TableLevel, format: TableFormat) -> TableRequest {
        TableRequest {
            level,
            format,
            area: None,
            from: None,
            to: None,
            per: AreaUnit::Wijk,
            policy: SuppressionPolicy::default(),
            generated_at: None,
            year: None,
            programme: None,
            complex: None,
        }
    }
}

/// What an export produced: shown to the user and returned as JSON.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSummary {
    pub level: TableLevel,
    pub format: TableFormat,
    pub area_code: String,
    pub area_name: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub from: Option<NaiveDate>,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub to: Option<NaiveDate>,
    /// (table name, rows)
    pub tables: Vec<(String, usize)>,
    pub rows: usize,
    /// Cells withheld by the small-number rules ("< k" or "x"), all tables.
    #[serde(default)]
    pub suppressed_cells: usize,
    pub bytes: usize,
    pub path: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("afgebroken; er is niets geschreven")]
    Cancelled,
    #[error("onbekend gebied \"{0}\": gebruik een wijkcode (BU0268…), stadsdeelcode (WK0268…) of GM0268 voor heel Nijmegen")]
    UnknownArea(String),
    #[error("de einddatum ({to}) ligt voor de begindatum ({from})")]
    BadPeriod { from: NaiveDate, to: NaiveDate },
    #[error(
        "geen gegevens voor {area} in deze periode; kies een ander gebied of een andere periode"
    )]
    Empty { area: String },
    #[error("geef het jaar van de jaartabel (bijvoorbeeld --year 2026)")]
    NoYear,
    #[error("{area} is een wijk; kies per wijk of per gebied")]
    UnitTooLarge { area: String },
    #[error("tabel \"{table}\" heeft {rows} regels, meer dan een Excel-blad kan bevatten; kies een kleiner gebied of een kortere periode, of gebruik CSV")]
    TooLarge { table: String, rows: usize },
    #[error("het bestand kon niet worden gemaakt: {0}")]
    Write(String),
    #[error(
        "{0} kon niet worden geschreven: {why}. Kies een andere map of controleer de schijfruimte.", why = crate::util::reason::io(.1)
    )]
    Io(PathBuf, #[source] std::io::Error),
    #[error(transparent)]
    Privacy(#[from] PrivacyError),
    #[error(transparent)]
    Profile(#[from] crate::profile::ProfileError),
    #[error(transparent)]
    Output(#[from] crate::util::output::OutputError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::progress::Cancelled> for TableError {
    fn from(_: crate::progress::Cancelled) -> Self {
        TableError::Cancelled
    }
}

impl ErrorCode for TableError {
    fn code(&self) -> &'static str {
        match self {
            TableError::Cancelled => "cancelled",
            TableError::UnknownArea(_) => "unknown_area",
            TableError::BadPeriod { .. } => "period_reversed",
            TableError::Empty { .. } => "empty_period",
            TableError::NoYear => "no_year",
            TableError::UnitTooLarge { .. } => "bad_unit",
            TableError::TooLarge { .. } => "too_large",
            TableError::Write(_) => "write",
            TableError::Io(..) => "io",
            TableError::Privacy(e) => e.code(),
            TableError::Profile(e) => e.code(),
            TableError::Output(e) => e.code(),
            TableError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            TableError::Profile(e) => e.is_invalid_input(),
            TableError::Store(_) | TableError::Write(_) => false,
            _ => true,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            TableError::Io(_, e) => Some(e.to_string()),
            TableError::Privacy(e) => e.detail(),
            TableError::Profile(e) => e.detail(),
            TableError::Output(e) => e.detail(),
            TableError::Store(e) => e.detail(),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for TableError {
    fn from(e: rusqlite::Error) -> Self {
        TableError::Store(e.into())
    }
}

/// Wijken and period of an export.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    pub area_code: String,
    pub area_name: String,
    pub wijken: Vec<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Scope {
    fn new(
        area: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Scope, TableError> {
        let code = area.unwrap_or(CITY).trim().to_uppercase();
        let map = nijmegen();
        let wijken = map
            .wijk_codes_in(&code)
            .ok_or_else(|| TableError::UnknownArea(area.unwrap_or_default().to_string()))?;
        let name = if code == CITY {
            "Nijmegen".to_string()
        } else {
            let a = map.get(&code).expect("known code");
            match a.kind {
                AreaKind::Wijk => format!("wijk {}", a.name),
                AreaKind::Stadsdeel => format!("stadsdeel {}", a.name),
            }
        };
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                return Err(TableError::BadPeriod { from: f, to: t });
            }
        }
        Ok(Scope {
            area_code: code,
            area_name: name,
            wijken,
            from,
            to,
        })
    }

    /// `(wijken as JSON, from, to)` for the `?1`, `?2`, `?3` of the queries.
    pub fn params(&self) -> (String, Option<String>, Option<String>) {
        (
            serde_json::to_string(&self.wijken).expect("strings serialise"),
            self.from.map(|d| d.to_string()),
            self.to.map(|d| d.to_string()),
        )
    }

    fn period_label(&self) -> String {
        match (self.from, self.to) {
            (None, None) => "alle gegevens".into(),
            (Some(f), None) => format!("vanaf {f}"),
            (None, Some(t)) => format!("tot en met {t}"),
            (Some(f), Some(t)) => format!("{f} tot en met {t}"),
        }
    }
}

/// Reads the store into tables (no file is written).
pub fn build(
    store: &Store,
    req: &TableRequest,
    progress: ProgressFn<'_>,
) -> Result<TableSet, TableError> {
    let _cache = crate::store::BulkCache::raise(store.conn())?;
    build_inner(store, req, progress)
}

fn build_inner(
    store: &Store,
    req: &TableRequest,
    progress: ProgressFn<'_>,
) -> Result<TableSet, TableError> {
    req.policy.validate()?;
    let mut scope = Scope::new(req.area.as_deref(), req.from, req.to)?;
    let conn = store.conn();
    let (tables, what) = match req.level {
        TableLevel::Year => {
            let year = req.year.ok_or(TableError::NoYear)?;
            send(progress, Progress::new("Jaartabel", 0, 1))?;
            let report = crate::profile::build_year(
                store,
                &crate::profile::YearRequest {
                    year,
                    programme: req.programme.clone(),
                    policy: req.policy,
                    generated_at: Some(area::GENERATED_AT.into()),
                },
            )?;
            scope = Scope::new(None, Some(report.period.from), Some(report.period.to))?;
            send(progress, Progress::new("Jaartabel", 1, 1))?;
            let what = match &report.programme {
                Some(p) => format!("Jaartabel {p}"),
                None => "Jaartabel".into(),
            };
            (vec![year::table(&report)], what)
        }
        TableLevel::Area if req.complex.is_some() => {
            let c = req.complex.as_deref().unwrap_or_default();
            let tables = area::build_complex(store, &mut scope, c, &req.policy)?;
            (tables, "Gebiedstabellen".into())
        }
        TableLevel::Area => {
            let tables = area::build(store, &mut scope, req.per, &req.policy, progress)?;
            (tables, "Gebiedstabellen".into())
        }
        TableLevel::Conversation | TableLevel::Check => {
            let pseudo = crate::privacy::pseudonym::Pseudonymiser::new(&store.store_secret()?);
            if req.level == TableLevel::Conversation {
                let t = micro::conversations(conn, &scope, &pseudo, req.policy.k, progress)?;
                (vec![t], "Gesprekken".into())
            } else {
                let t = micro::checks(conn, &scope, &pseudo, req.policy.k, progress)?;
                (vec![t], "Voorzieningenchecks".into())
            }
        }
    };
    let generated_at = req
        .generated_at
        .clone()
        .unwrap_or_else(crate::util::now_rfc3339);
    let title = format!(
        "{what} {} ({}), {}",
        scope.area_name,
        scope.area_code,
        scope.period_label()
    );
    let notes = notes::notes(conn, req, &scope, &generated_at)?;
    Ok(TableSet {
        title,
        area_code: scope.area_code,
        area_name: scope.area_name,
        from: scope.from,
        to: scope.to,
        tables,
        notes,
    })
}

/// Turns tables into file bytes. A CSV holds one table; when there are
/// several (area level) they are stacked into one long table.
pub fn render(
    set: &TableSet,
    format: TableFormat,
    generated_at: Option<&str>,
) -> Result<Vec<u8>, TableError> {
    match format {
        TableFormat::Csv => match set.tables.as_slice() {
            [one] => csv::write(one),
            _ => csv::write(&set.stacked()),
        },
        TableFormat::Xlsx => {
            let at = generated_at
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|d| d.with_timezone(&chrono::Utc))
                .unwrap_or_else(chrono::Utc::now);
            xlsx::write(set, at)
        }
    }
}

/// Builds, renders and writes the table to `out` atomically, and records the
/// export in the audit log. What the CLI and the app call.
pub fn export(
    store: &Store,
    req: &TableRequest,
    out: &Path,
    progress: ProgressFn<'_>,
) -> Result<TableSummary, TableError> {
    crate::util::output::check(out, Some(store.path()), &[req.format.extension()])?;
    // Record-level tables are pseudonymous and must be audited; the area
    // table is anonymous and can be made from a store opened for reading.
    let anonymous = matches!(req.level, TableLevel::Area | TableLevel::Year);
    if !anonymous {
        store.require_writable()?;
    }
    let set = build(store, req, progress)?;
    send(progress, Progress::new("Bestand schrijven", 0, 1))?;
    let bytes = render(&set, req.format, req.generated_at.as_deref())?;
    crate::util::write_atomic(out, &bytes).map_err(|e| TableError::Io(out.to_path_buf(), e))?;
    send(progress, Progress::new("Bestand schrijven", 1, 1))?;
    let summary = TableSummary {
        level: req.level,
        format: req.format,
        area_code: set.area_code.clone(),
        area_name: set.area_name.clone(),
        from: set.from,
        to: set.to,
        tables: set
            .tables
            .iter()
            .map(|t| (t.name.clone(), t.rows.len()))
            .collect(),
        rows: set.rows(),
        suppressed_cells: set.hidden_cells(),
        bytes: bytes.len(),
        path: Some(out.to_path_buf()),
    };
    if store.is_read_only() {
        return Ok(summary);
    }
    store.audit(
        "export",
        &serde_json::json!({
            "kind": "table",
            "level": req.level,
            "format": req.format,
            "area": summary.area_code,
            "from": summary.from,
            "to": summary.to,
            "rows": summary.rows,
            "file": out.file_name().map(|n| n.to_string_lossy().into_owned()),
        }),
    )?;
    Ok(summary)
}
