//! Receipts: what a verify or merge found and did, per file and in total, as
//! serialisable structs (for `--json` and the app) and as Dutch text.

use super::bundle::Bundle;
use super::Scope;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What happened to one incoming record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Not in the store before.
    New,
    /// Replaced the store's version (a newer version of the same record).
    Updated,
    /// Already in the store exactly like this.
    Duplicate,
    /// Differs from a version from another device; the winner is kept and the
    /// other version is stored for review.
    Conflict,
    /// Superseded: the store already has a newer version from the same device.
    Rejected,
}

#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MergeCounts"))]
pub struct Counts {
    pub new: u64,
    pub updated: u64,
    pub duplicate: u64,
    pub conflict: u64,
    pub rejected: u64,
}

impl Counts {
    pub fn add(&mut self, o: Outcome) {
        match o {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Duplicate => self.duplicate += 1,
            Outcome::Conflict => self.conflict += 1,
            Outcome::Rejected => self.rejected += 1,
        }
    }

    pub fn plus(&mut self, o: &Counts) {
        self.new += o.new;
        self.updated += o.updated;
        self.duplicate += o.duplicate;
        self.conflict += o.conflict;
        self.rejected += o.rejected;
    }

    pub fn total(&self) -> u64 {
        self.new + self.updated + self.duplicate + self.conflict + self.rejected
    }

    /// Records whose merge changed the store's content.
    pub fn changes(&self) -> u64 {
        self.new + self.updated + self.conflict
    }

    pub fn to_text(&self) -> String {
        format!(
            "nieuw {} · bijgewerkt {} · dubbel {} · conflict {} · geweigerd (verouderd) {}",
            self.new, self.updated, self.duplicate, self.conflict, self.rejected
        )
    }
}

/// A checked file: what its manifest says.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileSummary {
    pub file: String,
    /// The payload's identity (`PayloadInfo::id`): its SHA-256 in hex for
    /// formats 1–3, its BLAKE3 from format 4.
    pub payload_id: String,
    pub format_version: u64,
    pub app_version: String,
    pub source_device: String,
    pub device_name: String,
    pub worker: String,
    pub team: String,
    pub exported_at: String,
    pub scope: Scope,
    pub records: u64,
    pub counts: BTreeMap<String, u64>,
    pub catalog_versions: BTreeMap<String, String>,
    /// When the same content was merged before, if ever.
    pub already_merged: Option<String>,
    /// Recognised from its manifest as merged before and skipped: only the
    /// manifest was read, nothing was applied.
    #[serde(default)]
    pub skipped: bool,
}

impl FileSummary {
    pub(crate) fn of(name: &str, b: &Bundle, already: Option<String>) -> FileSummary {
        let m = &b.manifest;
        FileSummary {
            file: name.to_string(),
            payload_id: m.payload.id(),
            format_version: m.format_version,
            app_version: m.app_version.clone(),
            source_device: m.source_device.clone(),
            device_name: m.device_name.clone(),
            worker: m.worker.clone(),
            team: m.team.clone(),
            exported_at: m.exported_at.clone(),
            scope: m.scope.clone(),
            records: b.record_count(),
            counts: m.counts.clone(),
            catalog_versions: m.catalog_versions.clone(),
            already_merged: already,
            skipped: false,
        }
    }

    fn header_text(&self) -> String {
        let mut s = format!(
            "Bestand: {}\n  Apparaat: {} ({}), medewerker: {}, team: {}\n  Geëxporteerd: {} · bereik: {} · {} records\n",
            self.file,
            self.device_name,
            self.source_device,
            self.worker,
            self.team,
            self.exported_at,
            self.scope.describe(),
            self.records
        );
        if let Some(at) = &self.already_merged {
            s += &format!(
                "  Let op: dit bestand (zelfde inhoud) is al eerder samengevoegd op {at}; opnieuw samenvoegen verandert niets.\n"
            );
        }
        if self.skipped {
            s += "  Overgeslagen: herkend aan de inhoudsopgave (dezelfde controlesom als een eerder samengevoegd bestand); de rest is niet gelezen.\n";
        }
        s
    }
}

/// Per table counts in Dutch ("huishoudens 120, bezoeken 300, …"), skipping zeros.
pub(crate) fn table_counts_text(counts: &BTreeMap<String, u64>) -> String {
    let parts: Vec<String> = super::spec::TABLES
        .iter()
        .filter_map(|t| {
            counts
                .get(t.name)
                .filter(|n| **n > 0)
                .map(|n| format!("{} {n}", t.what))
        })
        .collect();
    if parts.is_empty() {
        "leeg".into()
    } else {
        parts.join(", ")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifyReport {
    pub files: Vec<FileSummary>,
}

impl VerifyReport {
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for f in &self.files {
            s += &f.header_text();
            s += &format!("  Inhoud: {}\n", table_counts_text(&f.counts));
            s += "  In orde: ontsleuteld, controlesom klopt, alle records en verwijzingen zijn geldig.\n";
        }
        s += &format!(
            "{} bestand(en) gecontroleerd; er is niets gewijzigd.",
            self.files.len()
        );
        s
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileReceipt {
    #[serde(flatten)]
    pub summary: FileSummary,
    /// What the merge did with this file's records.
    pub result: Counts,
    /// The same per table.
    pub tables: BTreeMap<String, Counts>,
}

impl FileReceipt {
    pub(crate) fn new(summary: FileSummary, tables: BTreeMap<String, Counts>) -> FileReceipt {
        let mut result = Counts::default();
        for c in tables.values() {
            result.plus(c);
        }
        FileReceipt {
            summary,
            result,
            tables,
        }
    }
}

/// The receipt of one merge.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeReceipt {
    pub merged_at: String,
    /// True when the merge was only simulated (nothing kept).
    pub dry_run: bool,
    pub files: Vec<FileReceipt>,
    pub totals: Counts,
    /// Catalogue documents updated by this merge ("codes 2026.2").
    pub catalogs_applied: Vec<String>,
    /// Conflicts waiting for review after this merge.
    pub open_conflicts: u64,
}

impl MergeReceipt {
    pub(crate) fn new(
        merged_at: &str,
        files: Vec<FileReceipt>,
        catalogs_applied: Vec<String>,
        open_conflicts: u64,
    ) -> MergeReceipt {
        let mut totals = Counts::default();
        for f in &files {
            totals.plus(&f.result);
        }
        MergeReceipt {
            merged_at: merged_at.to_string(),
            dry_run: false,
            files,
            totals,
            catalogs_applied,
            open_conflicts,
        }
    }

    /// What goes into the audit log (no personal data: counts and file facts).
    pub(crate) fn audit_detail(&self) -> serde_json::Value {
        serde_json::json!({
            "files": self.files.iter().map(|f| serde_json::json!({
                "file": f.summary.file,
                "payload_id": f.summary.payload_id,
                "source_device": f.summary.source_device,
                "worker": f.summary.worker,
                "exported_at": f.summary.exported_at,
                "already_merged": f.summary.already_merged,
                "result": f.result,
            })).collect::<Vec<_>>(),
            "totals": self.totals,
            "catalogs_applied": self.catalogs_applied,
            "open_conflicts": self.open_conflicts,
        })
    }

    pub fn to_text(&self) -> String {
        let mut s = if self.dry_run {
            format!(
                "Proefsamenvoeging (er is niets opgeslagen) — {}\n",
                self.merged_at
            )
        } else {
            format!("Ontvangstbewijs samenvoegen — {}\n", self.merged_at)
        };
        for f in &self.files {
            s += &f.summary.header_text();
            s += &format!("  Resultaat: {}\n", f.result.to_text());
        }
        if !self.catalogs_applied.is_empty() {
            s += &format!(
                "Catalogi bijgewerkt: {}\n",
                self.catalogs_applied.join(", ")
            );
        }
        s += &format!("Totaal: {}\n", self.totals.to_text());
        if self.open_conflicts > 0 {
            s += &format!(
                "Open conflicten: {} (bekijk ze met `wwk conflicts`).",
                self.open_conflicts
            );
        } else {
            s += "Geen open conflicten.";
        }
        s
    }
}
