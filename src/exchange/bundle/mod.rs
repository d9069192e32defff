//! The decrypted content of a `.wwk` file: a one-line manifest (`manifest`)
//! followed by the payload, packed from format 4 into one zstd frame (`pack`),
//! and the strict decoder that turns untrusted bytes into a [`Bundle`] (or a
//! Dutch [`Problem`] naming the line); `write` builds the plaintext. Decoding
//! never looks at a store; references are checked later in `validate`.
//!
//! ```text
//! {"format":"wijkwaardenkaart-export","format_version":4,…,"payload":{"bytes":N,"blake3":"…"}}\n
//! {"section":"catalogs","count":2}\n
//! {"key":"codes","version":"2026.1","data":{…}}\n            one line per catalogue document
//! {"section":"value_catalog","columns":[…],"children":[],"count":20}\n
//! ["ontmoeting","Ontmoeting",…]\n                             one JSON array per record
//! … one section per table, in the fixed order of spec::TABLES …
//! ```

use super::error::Problem;
use super::record::{self, json_reason, Rec};
use super::spec::{TableSpec, TABLES};
use super::Scope;

mod manifest;
mod pack;
mod write;
pub use manifest::{decode_manifest, MAX_MANIFEST_LINE};
pub use pack::{frame_size, pack, unpack, ZSTD_MAGIC};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use write::header;
pub use write::{payload_blake3, payload_hash, plaintext, PayloadWriter};

/// Value of `manifest.format`.
pub const FORMAT: &str = "wijkwaardenkaart-export";
/// The export format this build writes. It reads every version from
/// [`OLDEST_FORMAT_VERSION`] up: an older file simply has no section for the
/// tables added since (see `TableSpec::since`).
///
/// 1: the first format. 2: adds `check_step` and `check_action` (the check
/// as a trajectory), `participation_step` and three participation kinds,
/// `collective_action`, and the columns `complex.corporation` and
/// `campaign.reach_min_pct`/`reach_max_pct`. 3: adds `programme_target` (the
/// year targets) and the column `campaign.programme`. 4: the same tables; the
/// plaintext (manifest line and payload) is one zstd frame inside age, and
/// the payload checksum is BLAKE3 (`payload.blake3`) instead of SHA-256.
pub const FORMAT_VERSION: u64 = 4;
/// The first format whose plaintext is packed with zstd and whose payload
/// checksum is BLAKE3.
pub const PACKED_FROM: u64 = 4;
/// The oldest export format this build still reads.
pub const OLDEST_FORMAT_VERSION: u64 = 1;
/// Value of `manifest.payload.encoding`.
pub const ENCODING: &str = "wwk-jsonl/1";
/// Longest manifest line accepted.
const MAX_MANIFEST: usize = 256 * 1024;
/// Most catalogue documents one file may carry.
const MAX_CATALOGS: u64 = 50;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PayloadInfo {
    pub encoding: String,
    pub bytes: u64,
    /// Formats 1–3: SHA-256 of the payload, lowercase hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Format 4 and later: BLAKE3 of the payload, lowercase hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blake3: Option<String>,
}

impl PayloadInfo {
    /// The payload's identity: its checksum in hex, SHA-256 (formats 1–3, as
    /// stored by earlier merges) or BLAKE3 (both 256 bits; the two never
    /// meet by chance). A file whose payload was merged before is recognised
    /// by it from the manifest alone.
    pub fn id(&self) -> String {
        self.sha256
            .clone()
            .or_else(|| self.blake3.clone())
            .unwrap_or_default()
    }

    /// The same identity computed from payload bytes, with this info's checksum.
    pub fn id_of(&self, payload: &[u8]) -> String {
        if self.sha256.is_some() {
            payload_hash(payload)
        } else {
            payload_blake3(payload)
        }
    }
}

/// What a file says about itself; readable with `age -d … | head -1`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub format_version: u64,
    pub app_version: String,
    pub schema_version: i64,
    pub source_device: String,
    pub device_name: String,
    pub worker: String,
    pub team: String,
    pub exported_at: String,
    pub scope: Scope,
    /// Records per table (children not counted separately).
    pub counts: BTreeMap<String, u64>,
    /// Catalogue versions in the exporting store (`codes`, `regulations-2026`, `values`).
    pub catalog_versions: BTreeMap<String, String>,
    pub payload: PayloadInfo,
}

/// A catalogue document carried in the file (codes, regulations of one year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogDoc {
    pub key: String,
    pub version: String,
    /// The catalogue JSON, as `catalog::load_file` takes it.
    pub json: String,
    pub line: u64,
}

/// A decoded record with the line it came from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub rec: Rec,
    pub line: u64,
}

/// A fully decoded and checked file content.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub manifest: Manifest,
    pub catalogs: Vec<CatalogDoc>,
    /// Records per table, indexed like [`TABLES`].
    pub tables: Vec<Vec<Entry>>,
}

impl Bundle {
    pub fn payload_id(&self) -> String {
        self.manifest.payload.id()
    }

    /// Records in the file, by its manifest (equal to the decoded records,
    /// which the decoder checks).
    pub fn record_count(&self) -> u64 {
        self.manifest.counts.values().sum()
    }

    /// A file known only by its manifest: merged before, so not decoded.
    pub fn manifest_only(manifest: Manifest) -> Bundle {
        Bundle {
            manifest,
            catalogs: Vec::new(),
            tables: vec![Vec::new(); TABLES.len()],
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SectionHeader {
    section: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    columns: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    children: Option<Vec<(String, Vec<String>)>>,
    count: u64,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogLine {
    key: String,
    version: String,
    data: serde_json::Value,
}

/// Splits off the next line (without its `\n`); `None` at the end.
struct Lines<'a> {
    rest: &'a [u8],
    line: u64,
}

impl<'a> Lines<'a> {
    fn next(&mut self) -> Result<Option<&'a [u8]>, Problem> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        self.line += 1;
        match memchr(b'\n', self.rest) {
            Some(i) => {
                let (l, r) = self.rest.split_at(i);
                self.rest = &r[1..];
                Ok(Some(l))
            }
            None => Err(Problem::Payload {
                line: self.line,
                reason: "de laatste regel is niet afgesloten (bestand onvolledig?)".into(),
            }),
        }
    }

    fn expect(&mut self, what: &str) -> Result<&'a [u8], Problem> {
        match self.next()? {
            Some(l) => Ok(l),
            None => Err(Problem::Payload {
                line: self.line + 1,
                reason: format!("het bestand houdt op waar {what} werd verwacht"),
            }),
        }
    }
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn parse_header(line: &[u8], at: u64) -> Result<SectionHeader, Problem> {
    serde_json::from_slice(line).map_err(|e| Problem::Payload {
        line: at,
        reason: format!("ongeldige sectiekop: {}", json_reason(&e)),
    })
}

fn check_header(h: &SectionHeader, spec: &TableSpec, version: u64, at: u64) -> Result<(), Problem> {
    let want = header(spec, h.count, version);
    let bad = |reason: String| Problem::Payload { line: at, reason };
    if h.section != spec.name {
        return Err(bad(format!(
            "sectie \"{}\" verwacht, gevonden \"{}\"",
            spec.name,
            record::clip(&h.section)
        )));
    }
    if h.columns != want.columns || h.children != want.children {
        return Err(bad(format!(
            "de kolommen van sectie \"{}\" wijken af van dit exportformaat",
            spec.name
        )));
    }
    Ok(())
}

fn parse_catalog(line: &[u8], at: u64) -> Result<CatalogDoc, Problem> {
    let c: CatalogLine = serde_json::from_slice(line).map_err(|e| Problem::Payload {
        line: at,
        reason: format!("ongeldige catalogusregel: {}", json_reason(&e)),
    })?;
    let bad = |reason: String| Problem::Catalog {
        key: record::clip(&c.key),
        reason,
    };
    let json = c.data.to_string();
    let cat = crate::catalog::LoadedCatalog::parse(&json).map_err(|e| bad(e.to_string()))?;
    let key = match &cat {
        crate::catalog::LoadedCatalog::Regulations(r) => format!("regulations-{}", r.year),
        crate::catalog::LoadedCatalog::Codes(_) => "codes".to_string(),
        crate::catalog::LoadedCatalog::Values(_) => {
            return Err(bad(
                "waarden reizen als records, niet als catalogusdocument".into(),
            ))
        }
    };
    if key != c.key || cat.version() != c.version {
        return Err(bad(format!(
            "sleutel of versie klopt niet met de inhoud ({key} {})",
            cat.version()
        )));
    }
    Ok(CatalogDoc {
        key,
        version: c.version,
        json,
        line: at,
    })
}

/// Longest catalogue line read from the start of a file.
const MAX_CATALOG_LINE: usize = 64 << 20;

/// The manifest and the catalogue documents at the start of a plaintext,
/// read without the rest: enough to recognise a file merged before and to
/// plan the catalogues of a merge. The checksum is not verified here; the
/// full [`decode`] does that before anything is kept.
pub fn read_head(
    head: &mut crate::exchange::keys::Head,
) -> Result<(Manifest, Vec<CatalogDoc>), Problem> {
    let line = head.line(MAX_MANIFEST)?;
    if line.is_empty() {
        return Err(Problem::NotBundle("de versleutelde inhoud is leeg".into()));
    }
    let mline = line
        .strip_suffix(b"\n")
        .ok_or_else(|| Problem::NotBundle("geen inhoudsopgave gevonden".into()))?;
    let manifest = decode_manifest(mline)?;
    let at = 2;
    let line = head.line(MAX_MANIFEST)?;
    let h = parse_header(complete(&line, at, "de cataloguskop")?, at)?;
    check_catalogs_header(&h, at)?;
    let mut catalogs = Vec::with_capacity(h.count as usize);
    for i in 0..h.count {
        let at = at + 1 + i;
        let line = head.line(MAX_CATALOG_LINE)?;
        catalogs.push(parse_catalog(
            complete(&line, at, "een catalogusdocument")?,
            at,
        )?);
    }
    Ok((manifest, catalogs))
}

/// The catalogue section's header: the section, and not too many documents.
fn check_catalogs_header(h: &SectionHeader, at: u64) -> Result<(), Problem> {
    if h.section != "catalogs" || !h.columns.is_empty() || h.children.is_some() {
        return Err(Problem::Payload {
            line: at,
            reason: "sectie \"catalogs\" verwacht".into(),
        });
    }
    if h.count > MAX_CATALOGS {
        return Err(Problem::Payload {
            line: at,
            reason: "te veel catalogusdocumenten".into(),
        });
    }
    Ok(())
}

/// A line read from the start of a file, without its `\n`.
fn complete<'a>(line: &'a [u8], at: u64, what: &str) -> Result<&'a [u8], Problem> {
    line.strip_suffix(b"\n").ok_or_else(|| Problem::Payload {
        line: at,
        reason: if line.is_empty() {
            format!("het bestand houdt op waar {what} werd verwacht")
        } else {
            "de regel is onvolledig of te lang".into()
        },
    })
}

/// Decodes and checks a decrypted file: format, manifest, checksum, every
/// section and record, and duplicates within the file.
pub fn decode(plain: &[u8]) -> Result<Bundle, Problem> {
    if plain.is_empty() {
        return Err(Problem::NotBundle("de versleutelde inhoud is leeg".into()));
    }
    let nl = memchr(b'\n', &plain[..plain.len().min(MAX_MANIFEST)])
        .ok_or_else(|| Problem::NotBundle("geen inhoudsopgave gevonden".into()))?;
    let (mline, rest) = (&plain[..nl], &plain[nl + 1..]);
    let manifest = decode_manifest(mline)?;
    if rest.len() as u64 != manifest.payload.bytes {
        return Err(if (rest.len() as u64) < manifest.payload.bytes {
            Problem::Payload {
                line: 2,
                reason: format!(
                    "de inhoud is korter dan de inhoudsopgave aangeeft ({} van {} bytes)",
                    rest.len(),
                    manifest.payload.bytes
                ),
            }
        } else {
            Problem::Checksum
        });
    }
    // Large payloads are hashed on a second core while they are parsed; a
    // checksum mismatch is reported before any problem the parser found.
    let (hash, parsed) = if rest.len() > PARALLEL_HASH_BYTES {
        std::thread::scope(|s| {
            let h = s.spawn(|| manifest.payload.id_of(rest));
            let parsed = parse_payload(&manifest, rest);
            (
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                parsed,
            )
        })
    } else {
        let hash = manifest.payload.id_of(rest);
        if hash != manifest.payload.id() {
            return Err(Problem::Checksum);
        }
        (hash, parse_payload(&manifest, rest))
    };
    if hash != manifest.payload.id() {
        return Err(Problem::Checksum);
    }
    let (catalogs, tables) = parsed?;
    Ok(Bundle {
        manifest,
        catalogs,
        tables,
    })
}

/// Payloads larger than this are hashed in parallel with parsing.
const PARALLEL_HASH_BYTES: usize = 1 << 20;

type Parsed = (Vec<CatalogDoc>, Vec<Vec<Entry>>);

/// Parses and checks the payload sections (after the manifest was read).
fn parse_payload(manifest: &Manifest, rest: &[u8]) -> Result<Parsed, Problem> {
    if let Err(e) = std::str::from_utf8(rest) {
        let line = 2 + rest[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        return Err(Problem::Payload {
            line,
            reason: "ongeldige UTF-8-tekens".into(),
        });
    }
    let mut lines = Lines { rest, line: 1 };

    // Catalogue documents.
    let at = lines.line + 1;
    let h = parse_header(lines.expect("de cataloguskop")?, at)?;
    check_catalogs_header(&h, at)?;
    let mut catalogs: Vec<CatalogDoc> = Vec::new();
    for _ in 0..h.count {
        let at = lines.line + 1;
        let doc = parse_catalog(lines.expect("een catalogusdocument")?, at)?;
        if catalogs.iter().any(|c| c.key == doc.key) {
            return Err(Problem::Catalog {
                key: doc.key,
                reason: "komt twee keer voor".into(),
            });
        }
        catalogs.push(doc);
    }

    // Tables.
    let mut tables = Vec::with_capacity(TABLES.len());
    let mut quote_ids: HashMap<String, u64> = HashMap::new();
    for spec in &TABLES {
        if spec.since > manifest.format_version {
            // An older file: this table did not travel yet.
            tables.push(Vec::new());
            continue;
        }
        let at = lines.line + 1;
        let h = parse_header(lines.expect(&format!("sectie \"{}\"", spec.name))?, at)?;
        check_header(&h, spec, manifest.format_version, at)?;
        if manifest.counts.get(spec.name).copied().unwrap_or(0) != h.count {
            return Err(Problem::Manifest(format!(
                "aantal records voor \"{}\" klopt niet met de inhoud",
                spec.name
            )));
        }
        // Every record takes at least a few bytes, so the count is bounded by the payload.
        let mut entries = Vec::with_capacity(h.count.min(rest.len() as u64 / 8) as usize);
        let mut seen: HashMap<String, u64> = HashMap::with_capacity(entries.capacity());
        for _ in 0..h.count {
            let line = lines.line + 1;
            let bytes = lines.expect(&format!("een record van \"{}\"", spec.name))?;
            let rec =
                record::decode_in(spec, bytes, manifest.format_version).map_err(|reason| {
                    let id = first_string(bytes);
                    Problem::Record {
                        line,
                        what: spec.what,
                        id,
                        reason,
                    }
                })?;
            if let Some(first) = seen.insert(rec.id().to_string(), line) {
                return Err(Problem::DuplicateId {
                    what: spec.what,
                    id: rec.id().to_string(),
                    first,
                    line,
                });
            }
            if spec.name == "conversation" {
                for q in &rec.children[2] {
                    if let Some(first) = quote_ids.insert(q[0].text().to_string(), line) {
                        return Err(Problem::DuplicateId {
                            what: "citaat",
                            id: q[0].text().to_string(),
                            first,
                            line,
                        });
                    }
                }
            }
            entries.push(Entry { rec, line });
        }
        tables.push(entries);
    }
    if lines.next()?.is_some() {
        return Err(Problem::Payload {
            line: lines.line,
            reason: "onverwachte gegevens na de laatste sectie".into(),
        });
    }
    Ok((catalogs, tables))
}

/// The first string in a record line, for naming a record that failed to decode.
fn first_string(line: &[u8]) -> String {
    let s = String::from_utf8_lossy(&line[..line.len().min(200)]);
    s.split('"')
        .nth(1)
        .map(record::clip)
        .unwrap_or_else(|| "?".into())
}
