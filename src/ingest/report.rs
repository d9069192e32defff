//! The import report: what an import did or would do, per row and per check,
//! serialisable for the app and in Dutch lines for the CLI.

use super::mapping::Mapping;
use super::plan::Action;
use serde::{Deserialize, Serialize};

/// A bad row: its line (CSV) or row (XLSX) number and why.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowProblem {
    pub line: u64,
    pub reason: String,
}

/// A regulation name or status that is not in the catalogue, with where it occurs.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unmapped {
    pub value: String,
    pub lines: Vec<u64>,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MappingOrigin {
    /// Given with the request (a mapping file).
    Given,
    /// Saved earlier for this source.
    Saved,
    /// Detected from the headers.
    Detected,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Written to the store.
    Imported,
    /// Dry run: nothing written.
    DryRun,
    /// Bad rows and no `skip_invalid`: nothing written.
    Rejected,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ImportCounts"))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Deleted in the store; not brought back.
    pub deleted: usize,
}

/// A check as it would be imported (no address: household id only).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewCheck {
    pub lines: Vec<u64>,
    pub household_id: String,
    pub checked_on: String,
    /// (regulation name, status code)
    pub items: Vec<(String, String)>,
    pub action: Action,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file: String,
    pub sha256: String,
    pub source: String,
    pub read_as: String,
    pub mapping: Mapping,
    pub mapping_origin: MappingOrigin,
    /// Quick-screen answers assumed for missing columns.
    pub assumptions: Vec<String>,
    pub rows: usize,
    pub rows_valid: usize,
    pub rows_invalid: usize,
    pub checks: Counts,
    pub problems: Vec<RowProblem>,
    pub unmapped_regulations: Vec<Unmapped>,
    pub unmapped_statuses: Vec<Unmapped>,
    pub preview: Vec<PreviewCheck>,
    pub outcome: Outcome,
    /// When this exact file was imported before (audit log), if ever.
    pub previously_imported_at: Option<String>,
}

impl ImportReport {
    /// The report in Dutch, line by line, for the CLI and the app.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Bestand {} ({}), bron \"{}\", koppeling {}.",
            self.file,
            self.read_as,
            self.source,
            match self.mapping_origin {
                MappingOrigin::Given => "uit bestand",
                MappingOrigin::Saved => "opgeslagen",
                MappingOrigin::Detected => "automatisch herkend",
            }
        )];
        if let Some(at) = &self.previously_imported_at {
            out.push(format!("Dit bestand is eerder geïmporteerd ({at})."));
        }
        out.push(format!(
            "{} regels: {} goed, {} fout.",
            self.rows, self.rows_valid, self.rows_invalid
        ));
        out.extend(self.assumptions.iter().map(|a| format!("Aanname: {a}")));
        for (what, list) in [
            ("Regeling", &self.unmapped_regulations),
            ("Status", &self.unmapped_statuses),
        ] {
            for u in list {
                out.push(format!(
                    "{what} \"{}\" niet gevonden in de catalogus (regel {}).",
                    u.value,
                    join_lines(&u.lines)
                ));
            }
        }
        for p in &self.problems {
            out.push(format!("Regel {}: {}", p.line, p.reason));
        }
        let c = &self.checks;
        let counts = format!(
            "{} nieuw, {} bijgewerkt, {} ongewijzigd{}",
            c.new,
            c.updated,
            c.unchanged,
            if c.deleted > 0 {
                format!(", {} eerder verwijderd (niet teruggezet)", c.deleted)
            } else {
                String::new()
            }
        );
        out.push(match self.outcome {
            Outcome::Imported => format!("Geïmporteerd: {counts} voorzieningenchecks."),
            Outcome::DryRun => {
                format!("Proefimport, er is niets opgeslagen. Zou worden: {counts}.")
            }
            Outcome::Rejected => {
                "Niets geïmporteerd omdat er foute regels zijn. Verbeter het bestand of \
                 gebruik --skip-invalid om alleen de goede regels te importeren."
                    .to_string()
            }
        });
        out
    }
}

pub(super) fn join_lines(lines: &[u64]) -> String {
    let shown: Vec<String> = lines.iter().take(10).map(u64::to_string).collect();
    let more = lines.len().saturating_sub(10);
    if more > 0 {
        format!("{} en {more} meer", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
