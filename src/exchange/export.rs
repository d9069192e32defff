//! Writing a `.wwk` file: select records by scope (plus everything they
//! reference), encode them in spec order, seal with age, write atomically,
//! and record the export in the store's bookkeeping and audit log.

use super::bundle::{self, CatalogDoc, Manifest, PayloadInfo, PayloadWriter};
use super::keys::{self, Protection};
use super::record::{self, Rec};
use super::spec::{Kind, TableSpec, TABLES};
use super::value::Val;
use super::{report, ExchangeError, Phase, Progress, Scope};
use crate::catalog::{
    CheckStatusDef, CodesCatalog, OutcomeDef, ReferralStatusDef, ReferralTargetDef,
};
use crate::store::Store;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    pub scope: Scope,
    pub protection: Protection,
}

/// What was written; shown after an export and kept in the store.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReceipt {
    pub file: String,
    pub exported_at: String,
    pub bytes: u64,
    /// The plaintext (manifest and payload) before packing: `bytes` is
    /// usually about a seventh of it.
    #[serde(default)]
    pub plain_bytes: u64,
    /// The payload's identity: the BLAKE3 of the payload in hex.
    pub payload_id: String,
    pub scope: Scope,
    pub counts: BTreeMap<String, u64>,
    pub records: u64,
    /// `sleutel` (for recipients) or `wachtwoord`.
    pub protection: String,
    pub recipients: Vec<String>,
}

impl ExportReceipt {
    pub fn to_text(&self) -> String {
        let prot = if self.protection == "wachtwoord" {
            "met een wachtwoord".to_string()
        } else {
            format!("voor {} sleutel(s)", self.recipients.len())
        };
        let mut s = format!(
            "Export geschreven: {}\n  {} records ({}), {:.1} MB (ingepakt van {:.1} MB), versleuteld {}\n  Bereik: {}\n  Controlesom inhoud: {}\n",
            self.file,
            self.records,
            super::receipt::table_counts_text(&self.counts),
            self.bytes as f64 / 1_048_576.0,
            self.plain_bytes as f64 / 1_048_576.0,
            prot,
            self.scope.describe(),
            self.payload_id
        );
        s.push_str("Geef dit bestand alleen aan de coördinator; zonder sleutel of wachtwoord is het onleesbaar.");
        s
    }
}

/// Exports the store (or the part given by the scope) to `out`.
pub fn export(
    store: &mut Store,
    out: &Path,
    opts: &ExportOptions,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<ExportReceipt, ExchangeError> {
    opts.protection.check()?;
    crate::util::output::check(out, Some(store.path()), &["wwk"])?;
    store.require_writable()?;
    let scope = normalise_scope(store.conn(), &opts.scope)?;
    let _cache = crate::store::BulkCache::raise(store.conn())?;
    export_inner(store, out, opts, &scope, progress)
}

fn export_inner(
    store: &Store,
    out: &Path,
    opts: &ExportOptions,
    scope: &Scope,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<ExportReceipt, ExchangeError> {
    let scope = scope.clone();
    let profile = store.profile().clone();
    // The caller holds `&mut Store`: no other transaction can be open. The
    // records are read in one snapshot without holding the write lock (the
    // app may write meanwhile); the bookkeeping is written afterwards.
    let read = rusqlite::Transaction::new_unchecked(
        store.conn(),
        rusqlite::TransactionBehavior::Deferred,
    )?;
    let (payload, counts, catalog_versions) = build_payload(&read, &scope, progress)?;
    let schema_version = crate::store::schema_version(&read)?;
    read.commit()?;
    let exported_at = crate::util::now_rfc3339();
    let blake3 = bundle::payload_blake3(&payload);
    let sha = blake3.clone();
    let manifest = Manifest {
        format: bundle::FORMAT.into(),
        format_version: bundle::FORMAT_VERSION,
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version,
        source_device: profile.device_id.clone(),
        device_name: profile.device_name.clone(),
        worker: profile.worker_name.clone(),
        team: profile.team.clone(),
        exported_at: exported_at.clone(),
        scope: scope.clone(),
        counts: counts.clone(),
        catalog_versions,
        payload: PayloadInfo {
            encoding: bundle::ENCODING.into(),
            bytes: payload.len() as u64,
            sha256: None,
            blake3: Some(blake3),
        },
    };
    let plain = bundle::plaintext(&manifest, &payload);
    let plain_bytes = plain.len() as u64;
    drop(payload);
    report(progress, Phase::Writing, 0, 1, None)?;
    let packed = bundle::pack(&plain);
    drop(plain);
    let sealed = keys::encrypt(&packed, &opts.protection)?;
    drop(packed);
    crate::util::write_atomic(out, &sealed)
        .map_err(|e| ExchangeError::Write(out.to_path_buf(), e))?;
    let (protection, recipients) = match &opts.protection {
        Protection::Recipients(r) => ("sleutel", r.clone()),
        Protection::Passphrase(_) => ("wachtwoord", vec![]),
    };
    let receipt = ExportReceipt {
        file: out.display().to_string(),
        exported_at: exported_at.clone(),
        bytes: sealed.len() as u64,
        plain_bytes,
        payload_id: sha.clone(),
        scope: scope.clone(),
        records: counts.values().sum(),
        counts: counts.clone(),
        protection: protection.into(),
        recipients,
    };
    let tx = store.conn().unchecked_transaction()?;
    tx.execute(
        "INSERT INTO exchange_export(exported_at, file_name, payload_sha256, scope, counts) VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            &exported_at,
            &receipt.file,
            &sha,
            serde_json::to_string(&scope).expect("serialisable"),
            serde_json::to_string(&counts).expect("serialisable"),
        ),
    )?;
    crate::store::audit_in(
        &tx,
        &profile,
        "export",
        &serde_json::json!({
            "file": receipt.file,
            "payload_id": sha,
            "scope": scope,
            "records": receipt.records,
            "protection": opts.protection.describe(),
        }),
    )?;
    tx.commit()?;
    report(progress, Phase::Writing, 1, 1, None)?;
    Ok(receipt)
}

/// Checks the scope against the store; returns it with codes normalised.
fn normalise_scope(conn: &Connection, scope: &Scope) -> Result<Scope, ExchangeError> {
    let mut s = scope.clone();
    if let Some(a) = &scope.area {
        let code = a.trim().to_uppercase();
        if crate::catalog::nijmegen().wijk_codes_in(&code).is_none() {
            return Err(ExchangeError::Scope(format!(
                "onbekend gebied \"{code}\" (gebruik een wijkcode BU…, stadsdeelcode WK… of GM0268)"
            )));
        }
        s.area = Some(code);
    }
    if let Some(c) = &scope.campaign {
        let id = c.trim().to_lowercase();
        let found: Option<i64> = conn
            .query_row("SELECT 1 FROM campaign WHERE id = ?1", [&id], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Err(ExchangeError::Scope(format!("ronde \"{id}\" bestaat niet")));
        }
        s.campaign = Some(id);
    }
    if let Some(d) = &scope.since {
        let date = chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map_err(|_| ExchangeError::Scope(format!("\"{d}\" is geen datum (JJJJ-MM-DD)")))?;
        s.since = Some(date.to_string());
    }
    Ok(s)
}

type Built = (Vec<u8>, BTreeMap<String, u64>, BTreeMap<String, String>);

/// Encodes the selected records of every table, in spec order.
pub(crate) fn build_payload(
    conn: &Connection,
    scope: &Scope,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Built, ExchangeError> {
    let selection = if scope.is_everything() {
        None
    } else {
        Some(select(conn, scope)?)
    };
    let (catalogs, versions) = catalog_docs(conn)?;
    let mut w = PayloadWriter::new(&catalogs);
    let total = TABLES.len() as u64;
    for (i, spec) in TABLES.iter().enumerate() {
        report(progress, Phase::Reading, i as u64, total, None)?;
        let only = selection.as_ref().map(|s| &s[i]);
        let mut lines = Vec::new();
        let count = dump_table(conn, spec, only, &mut |rec| {
            record::encode(spec, rec, &mut lines);
            lines.push(b'\n');
        })?;
        w.table(spec, count, &lines);
    }
    report(progress, Phase::Reading, total, total, None)?;
    let (payload, counts) = w.finish();
    Ok((payload, counts, versions))
}

/// Streams a table's rows (children attached), ordered by id; returns how many
/// were passed to `each`. Used by export and by the canonical dump in tests.
pub(crate) fn dump_table(
    conn: &Connection,
    spec: &TableSpec,
    only: Option<&HashSet<String>>,
    each: &mut dyn FnMut(&Rec),
) -> Result<u64, ExchangeError> {
    let n = spec.cols.len();
    let mut stmt = conn.prepare(&format!(
        "SELECT {} FROM {} ORDER BY id",
        spec.column_list(),
        spec.name
    ))?;
    let mut child_stmts = spec
        .children
        .iter()
        .map(|ch| {
            conn.prepare(&format!(
                "SELECT {}, {} FROM {} ORDER BY {}, {}",
                ch.parent,
                ch.column_list(),
                ch.table,
                ch.parent,
                ch.order_by()
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut child_rows = child_stmts
        .iter_mut()
        .map(|s| s.query([]))
        .collect::<Result<Vec<_>, _>>()?;
    let widths: Vec<usize> = spec.children.iter().map(|c| c.cols.len()).collect();
    let mut pending: Vec<Option<(String, Vec<Val>)>> = vec![None; spec.children.len()];
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        let vals = (0..n)
            .map(|i| r.get::<_, Val>(i))
            .collect::<Result<Vec<_>, _>>()?;
        let id = vals[0].text().to_string();
        let mut children = Vec::with_capacity(spec.children.len());
        for (k, cursor) in child_rows.iter_mut().enumerate() {
            let mut mine = Vec::new();
            loop {
                if pending[k].is_none() {
                    pending[k] = match cursor.next()? {
                        Some(cr) => {
                            let parent: String = cr.get(0)?;
                            let row = (1..=widths[k])
                                .map(|i| cr.get::<_, Val>(i))
                                .collect::<Result<Vec<_>, _>>()?;
                            Some((parent, row))
                        }
                        None => break,
                    };
                }
                let (parent, _) = pending[k].as_ref().expect("just filled");
                match parent.as_str().cmp(id.as_str()) {
                    std::cmp::Ordering::Less => pending[k] = None,
                    std::cmp::Ordering::Equal => mine.push(pending[k].take().expect("present").1),
                    std::cmp::Ordering::Greater => break,
                }
            }
            children.push(mine);
        }
        if only.is_some_and(|set| !set.contains(&id)) {
            continue;
        }
        each(&Rec { vals, children });
        count += 1;
    }
    Ok(count)
}

/// The catalogue documents records may need (codes, regulations per year),
/// and the versions of every catalogue in the store.
fn catalog_docs(
    conn: &Connection,
) -> Result<(Vec<CatalogDoc>, BTreeMap<String, String>), ExchangeError> {
    let mut versions = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT catalog, version FROM catalog_version ORDER BY catalog")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, v) = row?;
        versions.insert(k, v);
    }
    let mut docs = Vec::new();
    if let Some(version) = versions.get("codes") {
        let codes = codes_catalog(conn, version)?;
        docs.push(CatalogDoc {
            key: "codes".into(),
            version: version.clone(),
            json: serde_json::to_string(&codes).expect("serialisable"),
            line: 0,
        });
    }
    let mut stmt = conn.prepare(
        "SELECT key, value FROM meta WHERE key LIKE 'regulations_catalog_%' ORDER BY key",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (key, json) = row?;
        let cat = crate::catalog::RegulationsCatalog::parse(&json)
            .map_err(crate::domain::DomainError::from)?;
        let key = key.replace("regulations_catalog_", "regulations-");
        docs.push(CatalogDoc {
            key,
            version: cat.version.clone(),
            json: serde_json::to_string(&cat).expect("serialisable"),
            line: 0,
        });
    }
    Ok((docs, versions))
}

/// The codes catalogue as it stands in the store.
fn codes_catalog(conn: &Connection, version: &str) -> Result<CodesCatalog, ExchangeError> {
    let outcomes = conn
        .prepare("SELECT code, label, shortcut, approached, reached, final, description FROM outcome_code ORDER BY sort, code")?
        .query_map([], |r| {
            Ok(OutcomeDef {
                code: r.get(0)?,
                label: r.get(1)?,
                key: r.get(2)?,
                approached: r.get(3)?,
                reached: r.get(4)?,
                r#final: r.get(5)?,
                description: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let referral_targets = conn
        .prepare(
            "SELECT code, label, description, retired FROM referral_target ORDER BY retired, sort, code",
        )?
        .query_map([], |r| {
            Ok(ReferralTargetDef {
                code: r.get(0)?,
                label: r.get(1)?,
                description: r.get(2)?,
                retired: r.get(3)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let referral_statuses = conn
        .prepare("SELECT code, label, closed FROM referral_status ORDER BY sort, code")?
        .query_map([], |r| {
            Ok(ReferralStatusDef {
                code: r.get(0)?,
                label: r.get(1)?,
                closed: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let check_statuses = conn
        .prepare("SELECT code, label, counts_as FROM check_status ORDER BY sort, code")?
        .query_map([], |r| {
            Ok(CheckStatusDef {
                code: r.get(0)?,
                label: r.get(1)?,
                counts_as: r.get(2)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CodesCatalog {
        catalog: "codes".into(),
        version: version.to_string(),
        outcomes,
        referral_targets,
        referral_statuses,
        check_statuses,
    })
}

/// Reference columns of a table: (column index, referenced table).
fn ref_cols(spec: &TableSpec) -> Vec<(usize, &'static str)> {
    spec.cols
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match c.kind {
            Kind::Ref(t) => Some((i, t)),
            _ => None,
        })
        .collect()
}

fn table_index(name: &str) -> usize {
    TABLES
        .iter()
        .position(|t| t.name == name)
        .expect("referenced tables are synced tables")
}

/// Ids per table for a scoped export: records matching every filter, then
/// everything they reference (one pass in reverse table order suffices,
/// because references always point to earlier tables).
fn select(conn: &Connection, scope: &Scope) -> Result<Vec<HashSet<String>>, ExchangeError> {
    let wijken: Option<HashSet<String>> = scope.area.as_ref().map(|a| {
        crate::catalog::nijmegen()
            .wijk_codes_in(a)
            .unwrap_or_default()
            .into_iter()
            .collect()
    });
    // Light rows: id, updated_at, the columns filters look at, and references.
    struct Light {
        id: String,
        updated: String,
        wijk: Option<String>,
        areas: Vec<String>,
        refs: Vec<(usize, Option<String>)>,
    }
    let mut light: Vec<Vec<Light>> = Vec::with_capacity(TABLES.len());
    for spec in &TABLES {
        let refs = ref_cols(spec);
        let wijk_col = spec.col("wijk_code");
        let areas_col = spec.col("areas");
        let mut cols = vec!["id".to_string(), "updated_at".to_string()];
        cols.push(wijk_col.map(|_| "wijk_code").unwrap_or("NULL").to_string());
        cols.push(areas_col.map(|_| "areas").unwrap_or("NULL").to_string());
        cols.extend(refs.iter().map(|(i, _)| spec.cols[*i].name.to_string()));
        let mut stmt = conn.prepare(&format!("SELECT {} FROM {}", cols.join(", "), spec.name))?;
        let rows = stmt
            .query_map([], |r| {
                let areas: Option<String> = r.get(3)?;
                Ok(Light {
                    id: r.get(0)?,
                    updated: r.get(1)?,
                    wijk: r.get(2)?,
                    areas: areas
                        .and_then(|a| serde_json::from_str(&a).ok())
                        .unwrap_or_default(),
                    refs: refs
                        .iter()
                        .enumerate()
                        .map(|(k, (_, t))| Ok((table_index(t), r.get::<_, Option<String>>(4 + k)?)))
                        .collect::<rusqlite::Result<Vec<_>>>()?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        light.push(rows);
    }
    let idx = |name: &str| table_index(name);
    fn ref_to(l: &Light, table: usize) -> Option<&str> {
        l.refs
            .iter()
            .find(|(t, _)| *t == table)
            .and_then(|(_, v)| v.as_deref())
    }
    // Wijk of each household, for tables located through their household.
    let household_wijk: HashMap<&str, &str> = light[idx("household")]
        .iter()
        .filter_map(|l| l.wijk.as_deref().map(|w| (l.id.as_str(), w)))
        .collect();
    let in_area = |spec: &TableSpec, l: &Light| -> bool {
        let Some(w) = &wijken else { return true };
        match spec.name {
            "value_catalog" => true,
            "campaign" => l.areas.iter().any(|a| w.contains(a)),
            "campaign_address" | "visit" => ref_to(l, idx("household"))
                .and_then(|h| household_wijk.get(h))
                .is_some_and(|hw| w.contains(*hw)),
            _ => l.wijk.as_ref().is_some_and(|x| w.contains(x)),
        }
    };
    // Records of one campaign.
    let mut of_campaign: Vec<HashSet<String>> = vec![HashSet::new(); TABLES.len()];
    if let Some(c) = &scope.campaign {
        for (ti, spec) in TABLES.iter().enumerate() {
            let mut hits = HashSet::new();
            for l in &light[ti] {
                let hit = match spec.name {
                    "campaign" => l.id == *c,
                    "campaign_address" | "visit" => ref_to(l, idx("campaign")) == Some(c),
                    "conversation" => {
                        ref_to(l, idx("campaign")) == Some(c)
                            || ref_to(l, idx("visit"))
                                .is_some_and(|v| of_campaign[idx("visit")].contains(v))
                    }
                    "benefit_check" | "referral" | "participation" => {
                        ref_to(l, idx("conversation"))
                            .is_some_and(|v| of_campaign[idx("conversation")].contains(v))
                    }
                    "participation_step" => ref_to(l, idx("participation"))
                        .is_some_and(|v| of_campaign[idx("participation")].contains(v)),
                    "check_step" | "check_action" => ref_to(l, idx("benefit_check"))
                        .is_some_and(|v| of_campaign[idx("benefit_check")].contains(v)),
                    _ => false,
                };
                if hit {
                    hits.insert(l.id.clone());
                }
            }
            of_campaign[ti] = hits;
        }
    }
    let mut chosen: Vec<HashSet<String>> = Vec::with_capacity(TABLES.len());
    for (ti, spec) in TABLES.iter().enumerate() {
        let set = light[ti]
            .iter()
            .filter(|l| {
                spec.name == "value_catalog"
                    || (in_area(spec, l)
                        && (scope.campaign.is_none() || of_campaign[ti].contains(&l.id))
                        && scope
                            .since
                            .as_ref()
                            .is_none_or(|s| l.updated.as_str() >= s.as_str()))
            })
            .map(|l| l.id.clone())
            .collect();
        chosen.push(set);
    }
    for ti in (0..TABLES.len()).rev() {
        let mut add: Vec<(usize, String)> = Vec::new();
        for l in &light[ti] {
            if chosen[ti].contains(&l.id) {
                for (t, v) in &l.refs {
                    if let Some(v) = v {
                        add.push((*t, v.clone()));
                    }
                }
            }
        }
        for (t, v) in add {
            debug_assert!(t < ti, "references point to earlier tables");
            chosen[t].insert(v);
        }
    }
    Ok(chosen)
}
