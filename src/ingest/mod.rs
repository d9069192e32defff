//! Spreadsheet ingest: one reader ([`read`]: CSV in UTF-8 or Windows-1252
//! with a sniffed delimiter, and XLSX) used by two importers: a campaign's
//! addresses ([`addresses`]) and voorzieningenchecks (`wwk import-checks`, and
//! in the app; the Formulierenbrigade keeps some checks in CSV or XLSX files).
//!
//! [`import_checks`] reads the file ([`read`]), finds a column mapping (given,
//! saved for the source, or detected from the headers: [`mapping`]), matches
//! each row's address to a household ([`matching`]), maps regulation names and
//! statuses to the catalogue, groups rows into checks and compares them with
//! the store ([`plan`]). Then, unless it is a dry run or any row is bad (and
//! `skip_invalid` is not set), it writes all checks in one transaction.
//! Checks get deterministic ids from the source and their key, so importing
//! the same file again changes nothing. The mapping is saved per source in
//! the store (`import_mapping`); every import is recorded in the audit log.

use crate::error::ErrorCode;

pub mod addresses;
pub mod mapping;
pub mod matching;
pub mod plan;
pub mod read;
mod report;
mod xlsx;

pub use mapping::{ColumnMap, Mapping, ScreenDefaults};
pub use plan::Action;
pub use report::{
    Counts, ImportReport, MappingOrigin, Outcome, PreviewCheck, RowProblem, Unmapped,
};

use report::join_lines;

use crate::catalog::regulations_in_store;
use crate::progress::{send, Progress, ProgressFn};
use crate::store::{Store, StoreError};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The source name used when none is given.
pub const DEFAULT_SOURCE: &str = "standaard";
/// How many checks the report previews.
const PREVIEW: usize = 25;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("afgebroken; er is niets geïmporteerd")]
    Cancelled,
    #[error("{0} kon niet worden gelezen: {why}", why = crate::util::reason::io(.1))]
    Read(PathBuf, #[source] std::io::Error),
    #[error("\"{0}\" is geen CSV- of XLSX-bestand; sla het op als .csv of .xlsx")]
    Unsupported(String),
    #[error("{0} is geen gewoon bestand (maar bijvoorbeeld een apparaat of map); kies een CSV- of XLSX-bestand")]
    NotAFile(PathBuf),
    #[error("het bestand is te groot (meer dan {} MB); splits het op", max / (1024 * 1024))]
    TooLarge { max: usize },
    #[error("het bestand heeft te veel regels ({rows}, max. {max}); splits het op")]
    TooManyRows { rows: usize, max: usize },
    #[error("regel {line} heeft te veel kolommen ({columns}, max. {max})")]
    TooManyColumns {
        line: u64,
        columns: usize,
        max: usize,
    },
    #[error("een cel in regel {line} is te lang (meer dan {max} tekens)")]
    CellTooLong { line: u64, max: usize },
    #[error("het bestand is leeg of heeft geen kopregel")]
    Empty,
    #[error("het CSV-bestand is beschadigd bij regel {line}: {reason}")]
    Malformed { line: u64, reason: String },
    #[error("in regel {line} begint een aanhalingsteken (\") dat nergens wordt gesloten; herstel die regel")]
    UnclosedQuote { line: u64 },
    #[error("de kolom {0} staat meer dan eens in de kopregel; geef elke kolom een eigen naam")]
    DuplicateColumn(String),
    #[error("het XLSX-bestand is met een wachtwoord beveiligd of is geen Excel-werkmap; sla het zonder wachtwoord op als .xlsx")]
    Encrypted,
    #[error("het XLSX-bestand is uitgepakt groter dan {} MB; splits het op", max / (1024 * 1024))]
    Unzipped { max: u64 },
    #[error("blad {sheet} beslaat een te groot gebied ({range}, meer dan {max} cellen); verwijder lege cellen ver buiten de tabel")]
    RangeTooLarge {
        sheet: String,
        range: String,
        max: u64,
    },
    #[error("het XLSX-bestand kon niet worden gelezen (beschadigd of geen Excel-werkmap); sla het opnieuw op als .xlsx")]
    Xlsx(String),
    #[error("blad \"{wanted}\" bestaat niet; bladen in het bestand: {available}")]
    NoSheet { wanted: String, available: String },
    #[error("koppeling: {0}")]
    Mapping(String),
    #[error("bronnaam \"{0}\" is ongeldig: gebruik 1 tot 80 tekens")]
    BadSource(String),
    #[error("de koppeling kon niet worden gelezen: {reason}")]
    BadMappingFile { reason: String, detail: String },
    #[error(transparent)]
    Domain(#[from] crate::DomainError),
    #[error(transparent)]
    Catalog(#[from] crate::catalog::CatalogError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<crate::progress::Cancelled> for ImportError {
    fn from(_: crate::progress::Cancelled) -> Self {
        ImportError::Cancelled
    }
}

impl ErrorCode for ImportError {
    fn code(&self) -> &'static str {
        match self {
            ImportError::Cancelled => "cancelled",
            ImportError::Read(..) => "read",
            ImportError::Unsupported(_) => "unsupported_format",
            ImportError::NotAFile(_) => "not_a_file",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::TooManyRows { .. } => "too_many_rows",
            ImportError::TooManyColumns { .. } => "too_many_columns",
            ImportError::CellTooLong { .. } => "cell_too_long",
            ImportError::UnclosedQuote { .. } => "unclosed_quote",
            ImportError::DuplicateColumn(_) => "duplicate_column",
            ImportError::Encrypted => "xlsx_encrypted",
            ImportError::Unzipped { .. } => "xlsx_too_large",
            ImportError::RangeTooLarge { .. } => "xlsx_range_too_large",
            ImportError::Empty => "empty",
            ImportError::Malformed { .. } => "malformed",
            ImportError::Xlsx(_) => "xlsx_unreadable",
            ImportError::NoSheet { .. } => "no_sheet",
            ImportError::Mapping(_) => "mapping",
            ImportError::BadSource(_) => "bad_source",
            ImportError::BadMappingFile { .. } => "bad_mapping",
            ImportError::Domain(e) => e.code(),
            ImportError::Catalog(_) => "catalog",
            ImportError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            ImportError::Domain(e) => e.is_invalid_input(),
            ImportError::Store(_) => false,
            _ => true,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ImportError::Xlsx(d) => Some(d.clone()),
            ImportError::Read(_, e) => Some(e.to_string()),
            ImportError::BadMappingFile { detail, .. } => Some(detail.clone()),
            ImportError::Domain(e) => e.detail(),
            ImportError::Catalog(e) => e.detail(),
            ImportError::Store(e) => e.detail(),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for ImportError {
    fn from(e: rusqlite::Error) -> Self {
        ImportError::Store(e.into())
    }
}

/// What to import. Serialisable so the app can send it as is.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRequest {
    /// File name (decides CSV or XLSX; shown in the report and audit log).
    pub file_name: String,
    /// Source whose saved mapping to use, and under which to save it.
    #[serde(default)]
    pub source: Option<String>,
    /// An explicit mapping; saved for the source after a successful import.
    #[serde(default)]
    pub mapping: Option<Mapping>,
    /// XLSX sheet (default: the first).
    #[serde(default)]
    pub sheet: Option<String>,
    /// Only report what would happen.
    #[serde(default)]
    pub dry_run: bool,
    /// Import the good rows even when some rows are bad.
    #[serde(default)]
    pub skip_invalid: bool,
}

impl ImportRequest {
    pub fn new(file_name: &str) -> ImportRequest {
        ImportRequest {
            file_name: file_name.to_string(),
            source: None,
            mapping: None,
            sheet: None,
            dry_run: false,
            skip_invalid: false,
        }
    }
}

fn normalise_source(s: &str) -> Result<String, ImportError> {
    let t = s.trim().to_lowercase();
    if t.is_empty() || t.chars().count() > 80 {
        return Err(ImportError::BadSource(s.to_string()));
    }
    Ok(t)
}

/// Parses a mapping file (JSON).
pub fn parse_mapping(json: &str) -> Result<Mapping, ImportError> {
    serde_json::from_str(json).map_err(|e| ImportError::BadMappingFile {
        reason: crate::util::reason::json_at(&e),
        detail: e.to_string(),
    })
}

/// The mapping saved for a source, if any.
pub fn saved_mapping(conn: &Connection, source: &str) -> Result<Option<Mapping>, ImportError> {
    let source = normalise_source(source)?;
    let json: Option<String> = conn
        .query_row(
            "SELECT mapping FROM import_mapping WHERE source = ?1",
            [&source],
            |r| r.get(0),
        )
        .optional()?;
    json.map(|j| parse_mapping(&j)).transpose()
}

/// All saved mappings, by source name.
pub fn saved_mappings(store: &Store) -> Result<Vec<Mapping>, ImportError> {
    let mut stmt = store
        .conn()
        .prepare("SELECT mapping FROM import_mapping ORDER BY source")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for j in rows {
        out.push(parse_mapping(&j?)?);
    }
    Ok(out)
}

fn save_mapping(conn: &Connection, m: &Mapping) -> Result<(), ImportError> {
    conn.execute(
        "INSERT INTO import_mapping(source, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(source) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        params![
            m.source,
            serde_json::to_string(m).expect("mapping serialises"),
            crate::util::now_rfc3339()
        ],
    )?;
    Ok(())
}

/// Reads `path` and imports it: what the CLI calls.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    req: &ImportRequest,
    progress: ProgressFn<'_>,
) -> Result<ImportReport, ImportError> {
    import_checks(store, &read_file(path)?, req, progress)
}

/// The bytes of a spreadsheet file: a regular file, read up to the reader's
/// limit (enforced while reading, so a device or a growing file cannot
/// exhaust memory).
pub fn read_file(path: &Path) -> Result<Vec<u8>, ImportError> {
    use std::io::Read;
    let err = |e| ImportError::Read(path.to_path_buf(), e);
    let file = std::fs::File::open(path).map_err(err)?;
    if !file.metadata().map_err(err)?.is_file() {
        return Err(ImportError::NotAFile(path.to_path_buf()));
    }
    let mut bytes = Vec::new();
    file.take(read::MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(err)?;
    if bytes.len() > read::MAX_BYTES {
        return Err(ImportError::TooLarge {
            max: read::MAX_BYTES,
        });
    }
    Ok(bytes)
}

/// Imports voorzieningenchecks from a spreadsheet's bytes (see the module doc).
/// Bad rows do not make this fail: they are in the report, whose `outcome`
/// says whether anything was written.
pub fn import_checks(
    store: &mut Store,
    bytes: &[u8],
    req: &ImportRequest,
    progress: ProgressFn<'_>,
) -> Result<ImportReport, ImportError> {
    send(progress, Progress::new("Bestand lezen", 0, 1))?;
    let sheet = read::read(bytes, &req.file_name, req.sheet.as_deref())?;
    let sha256 = hex::encode(Sha256::digest(bytes));
    let source = normalise_source(
        req.source
            .as_deref()
            .or(req.mapping.as_ref().map(|m| m.source.as_str()))
            .unwrap_or(DEFAULT_SOURCE),
    )?;
    let cat = regulations_in_store(store.conn())?;
    let statuses: Vec<(String, String)> = store
        .conn()
        .prepare("SELECT code, label FROM check_status ORDER BY sort")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let (mut mapping, origin) = match &req.mapping {
        Some(m) => (m.clone(), MappingOrigin::Given),
        None => match saved_mapping(store.conn(), &source)? {
            Some(m) => (m, MappingOrigin::Saved),
            None => {
                let lookup = empty_lookup(&cat, &statuses)?;
                (
                    mapping::detect(&source, &sheet.headers, &lookup),
                    MappingOrigin::Detected,
                )
            }
        },
    };
    mapping.source = source.clone();
    let lookup = mapping::Lookup::new(&cat, &statuses, &mapping)?;
    let screen_known = cat.check_input(&crate::catalog::ScreenInput {
        household_type: mapping.defaults.household_type.clone(),
        age_group: mapping.defaults.age_group.clone(),
        income_band: mapping.defaults.income_band.clone(),
        rent_band: mapping.defaults.rent_band.clone(),
        children: mapping.defaults.children,
    });
    if let Err(e) = screen_known {
        return Err(ImportError::Mapping(format!("standaardwaarden: {e}")));
    }
    if sheet.rows.is_empty() {
        // Nothing to import, and no mapping is saved for a file without data.
        return Err(ImportError::Empty);
    }
    let pos = mapping::locate(&mapping, &sheet.headers).map_err(|e| match (e, origin) {
        (ImportError::Mapping(m), MappingOrigin::Saved) => ImportError::Mapping(format!(
            "de opgeslagen koppeling van bron \"{source}\" past niet bij dit bestand: {m}. \
             Kies een andere bron (--source NAAM), geef een koppeling (--mapping BESTAND) \
             of gebruik de kolomnamen van die bron"
        )),
        (e, _) => e,
    })?;
    let plan = plan::plan(store.conn(), &sheet, &mapping, &pos, &lookup, progress)?;

    let mut assumptions = Vec::new();
    let d = &mapping.defaults;
    for (field, value, what) in [
        (
            "household_type",
            d.household_type.as_str(),
            "huishoudsamenstelling",
        ),
        ("age_group", d.age_group.as_str(), "leeftijdsgroep"),
        ("income_band", d.income_band.as_str(), "inkomensklasse"),
        ("rent_band", d.rent_band.as_str(), "woonsituatie"),
    ] {
        if pos.get(field).is_none() {
            assumptions.push(format!("geen kolom voor {what}; aangenomen: \"{value}\""));
        }
    }
    let previously_imported_at: Option<String> = store
        .conn()
        .query_row(
            "SELECT max(at) FROM audit_log WHERE action = 'import'
               AND json_extract(detail, '$.sha256') = ?1 AND json_extract(detail, '$.outcome') = 'imported'",
            [&sha256],
            |r| r.get(0),
        )?;
    let mut counts = Counts::default();
    for c in &plan.checks {
        match c.action {
            Action::New => counts.new += 1,
            Action::Update => counts.updated += 1,
            Action::Unchanged => counts.unchanged += 1,
            Action::Deleted => counts.deleted += 1,
        }
    }
    let outcome = if !plan.problems.is_empty() && !req.skip_invalid {
        Outcome::Rejected
    } else if req.dry_run {
        Outcome::DryRun
    } else {
        Outcome::Imported
    };
    let preview = plan
        .checks
        .iter()
        .take(PREVIEW)
        .map(|c| PreviewCheck {
            lines: c.lines.clone(),
            household_id: c.input.household_id.clone(),
            checked_on: c.input.checked_on.clone(),
            items: c
                .input
                .items
                .iter()
                .map(|i| {
                    (
                        lookup.regulation_names[&i.regulation_id].clone(),
                        i.status.clone(),
                    )
                })
                .collect(),
            action: c.action,
        })
        .collect();
    let report = ImportReport {
        file: req.file_name.clone(),
        sha256,
        source,
        read_as: sheet.read_as.clone(),
        mapping,
        mapping_origin: origin,
        assumptions,
        rows: plan.rows,
        rows_valid: plan.rows - plan.invalid_lines.len(),
        rows_invalid: plan.invalid_lines.len(),
        checks: counts,
        problems: plan.problems.clone(),
        unmapped_regulations: plan.unmapped_regulations.clone(),
        unmapped_statuses: plan.unmapped_statuses.clone(),
        preview,
        outcome,
        previously_imported_at,
    };
    if outcome != Outcome::Imported {
        return Ok(report);
    }
    apply(store, &plan, &report, progress)?;
    Ok(report)
}

fn empty_lookup(
    cat: &crate::catalog::RegulationsCatalog,
    statuses: &[(String, String)],
) -> Result<mapping::Lookup, ImportError> {
    let m = Mapping {
        source: DEFAULT_SOURCE.into(),
        columns: ColumnMap::default(),
        regulation_columns: Default::default(),
        regulations: Default::default(),
        statuses: Default::default(),
        defaults: ScreenDefaults::default(),
    };
    mapping::Lookup::new(cat, statuses, &m)
}

/// Writes the planned checks, the mapping and the audit entry in one transaction.
fn apply(
    store: &mut Store,
    plan: &plan::Plan,
    report: &ImportReport,
    progress: ProgressFn<'_>,
) -> Result<(), ImportError> {
    let profile = store.profile().clone();
    let todo: Vec<&plan::Planned> = plan
        .checks
        .iter()
        .filter(|c| matches!(c.action, Action::New | Action::Update))
        .collect();
    let total = todo.len() as u64;
    let mut cancelled = false;
    let result = store.write(|tx, stamper| {
        for (n, c) in todo.iter().enumerate() {
            if n % 500 == 0 && send(progress, Progress::new("Opslaan", n as u64, total)).is_err() {
                // Rolls the transaction back; reported as cancelled below.
                cancelled = true;
                return Err(crate::DomainError::Invalid(String::new()));
            }
            let mut stamp = stamper.stamp();
            stamp.id = c.id.clone();
            let mut input = c.input.clone();
            if c.action == Action::Update {
                input.id = Some(c.id.clone());
            }
            crate::domain::check::save(tx, &stamp, &input).map_err(|e| {
                crate::DomainError::Invalid(format!("regel {}: {e}", join_lines(&c.lines)))
            })?;
        }
        save_mapping(tx, &report.mapping).map_err(|e| match e {
            ImportError::Store(s) => crate::DomainError::Store(s),
            other => crate::DomainError::Invalid(other.to_string()),
        })?;
        crate::store::audit_in(
            tx,
            &profile,
            "import",
            &serde_json::json!({
                "kind": "checks",
                "file": report.file,
                "sha256": report.sha256,
                "source": report.source,
                "rows": report.rows,
                "rows_invalid": report.rows_invalid,
                "new": report.checks.new,
                "updated": report.checks.updated,
                "unchanged": report.checks.unchanged,
                "outcome": "imported",
            }),
        )?;
        Ok(())
    });
    if cancelled {
        return Err(ImportError::Cancelled);
    }
    result?;
    send(progress, Progress::new("Opslaan", total, total))?;
    Ok(())
}
