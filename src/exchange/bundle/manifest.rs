//! The manifest, the first line of a file's plaintext: read on its own (so a
//! file merged before is recognised without reading the rest), its format
//! and version checked first (so a future format gets a clear refusal), then
//! every field.

use super::{
    Manifest, ENCODING, FORMAT, FORMAT_VERSION, MAX_CATALOGS, MAX_MANIFEST, OLDEST_FORMAT_VERSION,
    PACKED_FROM,
};
use crate::exchange::error::Problem;
use crate::exchange::record::{self, json_reason, translate_serde};
use crate::exchange::spec::TABLES;

/// Longest manifest line accepted, for reading the manifest alone.
pub const MAX_MANIFEST_LINE: usize = MAX_MANIFEST;

/// Decodes and checks a manifest line (without its `\n`): the format, its
/// version and every field.
pub fn decode_manifest(mline: &[u8]) -> Result<Manifest, Problem> {
    check_format(mline)?;
    let manifest: Manifest = serde_json::from_slice(mline).map_err(|e| {
        Problem::Manifest(match e.classify() {
            serde_json::error::Category::Data => {
                let msg = e.to_string();
                translate_serde(msg.split(" at line ").next().unwrap_or(&msg))
            }
            _ => json_reason(&e),
        })
    })?;
    check_manifest(&manifest)?;
    Ok(manifest)
}

/// Reads only the format fields, so a future format gets a clear refusal
/// instead of a complaint about unknown fields.
fn check_format(line: &[u8]) -> Result<(), Problem> {
    let v: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
        Problem::NotBundle(format!("geen leesbare inhoudsopgave ({})", json_reason(&e)))
    })?;
    let obj = v
        .as_object()
        .ok_or_else(|| Problem::NotBundle("de inhoudsopgave is geen object".into()))?;
    if obj.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(Problem::NotBundle(
            "het veld \"format\" ontbreekt of is onjuist".into(),
        ));
    }
    let version = obj
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| {
            Problem::Manifest("veld \"format_version\" ontbreekt of is geen getal".into())
        })?;
    if version > FORMAT_VERSION {
        return Err(Problem::NewerFormat {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version < OLDEST_FORMAT_VERSION {
        return Err(Problem::OlderFormat { found: version });
    }
    Ok(())
}

fn bad_manifest(reason: impl Into<String>) -> Problem {
    Problem::Manifest(reason.into())
}

fn check_text(field: &str, s: &str, min: usize, max: usize) -> Result<(), Problem> {
    let n = s.chars().count();
    if n < min || n > max || s.chars().any(char::is_control) {
        return Err(bad_manifest(format!(
            "veld \"{field}\" is leeg, te lang of bevat stuurtekens"
        )));
    }
    Ok(())
}

fn check_manifest(m: &Manifest) -> Result<(), Problem> {
    check_text("app_version", &m.app_version, 1, 50)?;
    check_text("source_device", &m.source_device, 1, 100)?;
    check_text("device_name", &m.device_name, 0, 200)?;
    check_text("worker", &m.worker, 0, 200)?;
    check_text("team", &m.team, 0, 200)?;
    if m.schema_version < 1 {
        return Err(bad_manifest("veld \"schema_version\" is ongeldig"));
    }
    if chrono::DateTime::parse_from_rfc3339(&m.exported_at).is_err() {
        return Err(bad_manifest("veld \"exported_at\" is geen geldig tijdstip"));
    }
    if m.payload.encoding != ENCODING {
        return Err(bad_manifest(format!(
            "onbekende codering \"{}\"",
            record::clip(&m.payload.encoding)
        )));
    }
    let hex64 = |h: &str| {
        h.len() == 64
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    match (&m.payload.sha256, &m.payload.blake3) {
        (Some(h), None) if m.format_version < PACKED_FROM => {
            if !hex64(h) {
                return Err(bad_manifest("veld \"payload.sha256\" is geen SHA-256"));
            }
        }
        (None, Some(h)) if m.format_version >= PACKED_FROM => {
            if !hex64(h) {
                return Err(bad_manifest(
                    "veld \"payload.blake3\" is geen BLAKE3-controlesom",
                ));
            }
        }
        _ => {
            return Err(bad_manifest(format!(
                "de controlesom van de inhoud ontbreekt of past niet bij exportformaat {}",
                m.format_version
            )))
        }
    }
    if m.catalog_versions.len() > MAX_CATALOGS as usize {
        return Err(bad_manifest("te veel catalogusversies"));
    }
    for (k, v) in &m.catalog_versions {
        check_text("catalog_versions", k, 1, 60)?;
        check_text("catalog_versions", v, 1, 60)?;
    }
    for name in m.counts.keys() {
        if !TABLES
            .iter()
            .any(|t| t.name == name && t.since <= m.format_version)
        {
            return Err(bad_manifest(format!(
                "onbekende tabel \"{}\" in \"counts\"",
                record::clip(name)
            )));
        }
    }
    for (field, v) in [
        ("scope.area", &m.scope.area),
        ("scope.campaign", &m.scope.campaign),
        ("scope.since", &m.scope.since),
    ] {
        if let Some(v) = v {
            check_text(field, v, 1, 60)?;
        }
    }
    Ok(())
}
