//! Writing catalogues into the store: embedded defaults at creation/upgrade, and
//! coordinator-edited catalogue files.

use super::{defaults, nijmegen, CatalogError, CodesCatalog, RegulationsCatalog, ValuesCatalog};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CatalogKind {
    Values,
    Regulations,
    Codes,
}

/// A parsed, validated catalogue file.
#[derive(Debug, Clone)]
pub enum LoadedCatalog {
    Values(ValuesCatalog),
    Regulations(RegulationsCatalog),
    Codes(CodesCatalog),
}

impl LoadedCatalog {
    pub fn parse(json: &str) -> Result<LoadedCatalog, CatalogError> {
        #[derive(serde::Deserialize)]
        struct Head {
            catalog: String,
        }
        if json.len() > MAX_CATALOG_BYTES {
            return Err(CatalogError::File(format!(
                "is groter dan {} MB",
                MAX_CATALOG_BYTES >> 20
            )));
        }
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| CatalogError::malformed("?", e))?;
        let head: Head =
            serde_json::from_value(value.clone()).map_err(|e| CatalogError::malformed("?", e))?;
        check_sizes(&head.catalog, None, &value)?;
        Ok(match head.catalog.as_str() {
            "values" => LoadedCatalog::Values(ValuesCatalog::parse(json)?),
            "regulations" => LoadedCatalog::Regulations(RegulationsCatalog::parse(json)?),
            "codes" => LoadedCatalog::Codes(CodesCatalog::parse(json)?),
            other => return Err(CatalogError::UnknownKind(other.to_string())),
        })
    }

    pub fn kind(&self) -> CatalogKind {
        match self {
            LoadedCatalog::Values(_) => CatalogKind::Values,
            LoadedCatalog::Regulations(_) => CatalogKind::Regulations,
            LoadedCatalog::Codes(_) => CatalogKind::Codes,
        }
    }

    pub fn version(&self) -> &str {
        match self {
            LoadedCatalog::Values(c) => &c.version,
            LoadedCatalog::Regulations(c) => &c.version,
            LoadedCatalog::Codes(c) => &c.version,
        }
    }
}

/// Largest catalogue file accepted.
pub const MAX_CATALOG_BYTES: usize = 4 * 1024 * 1024;
/// Longest name, label, id or provider in a catalogue (characters).
pub const MAX_NAME: usize = 200;
/// Longest other text in a catalogue, such as a description or note.
pub const MAX_TEXT: usize = 2000;
/// Most entries in any list of a catalogue.
pub const MAX_ITEMS: usize = 1000;

/// Every text and list of a catalogue within the limits above, before the
/// typed parse: a 10 MB regulation name would slow every report down.
fn check_sizes(
    catalog: &str,
    key: Option<&str>,
    v: &serde_json::Value,
) -> Result<(), CatalogError> {
    use serde_json::Value;
    let bad = |reason: String| CatalogError::Invalid {
        catalog: catalog.chars().take(40).collect(),
        reason,
    };
    match v {
        Value::String(s) => {
            let name_like = matches!(
                key,
                Some("name" | "label" | "id" | "code" | "provider" | "key")
            );
            let max = if name_like { MAX_NAME } else { MAX_TEXT };
            if s.chars().count() > max {
                return Err(bad(format!(
                    "veld \"{}\" is langer dan {max} tekens",
                    key.unwrap_or("?")
                )));
            }
        }
        Value::Array(items) => {
            if items.len() > MAX_ITEMS {
                return Err(bad(format!(
                    "lijst \"{}\" heeft meer dan {MAX_ITEMS} onderdelen",
                    key.unwrap_or("?")
                )));
            }
            for item in items {
                check_sizes(catalog, key, item)?;
            }
        }
        Value::Object(fields) => {
            for (k, item) in fields {
                check_sizes(catalog, Some(k), item)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// Compares catalogue versions part by part ("2026.10" is newer than "2026.9").
pub fn version_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<(u64, String)> {
        s.split('.')
            .map(|p| (p.trim().parse().unwrap_or(0), p.trim().to_string()))
            .collect()
    };
    parts(a).cmp(&parts(b))
}

/// Reads a catalogue file: a regular file, at most [`MAX_CATALOG_BYTES`].
pub fn read_file(path: &std::path::Path) -> Result<String, CatalogError> {
    use std::io::Read;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| CatalogError::Io(name.clone(), e))?;
    let meta = file
        .metadata()
        .map_err(|e| CatalogError::Io(name.clone(), e))?;
    if !meta.is_file() {
        return Err(CatalogError::File(format!("{name} is geen gewoon bestand")));
    }
    let mut bytes = Vec::new();
    file.take(MAX_CATALOG_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CatalogError::Io(name.clone(), e))?;
    if bytes.len() > MAX_CATALOG_BYTES {
        return Err(CatalogError::File(format!(
            "{name} is groter dan {} MB",
            MAX_CATALOG_BYTES >> 20
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| CatalogError::File(format!("{name} is geen UTF-8-tekst (JSON)")))
}

/// Seeds areas and the embedded default catalogues. Idempotent; a catalogue is
/// only rewritten when its version changed, and values added or renamed locally
/// are never overwritten.
pub fn seed(conn: &Connection) -> Result<(), CatalogError> {
    seed_areas(conn)?;
    for json in [defaults::VALUES, defaults::CODES, defaults::REGULATIONS] {
        let cat = LoadedCatalog::parse(json)?;
        let name = catalog_key(&cat);
        let current = stored_version(conn, &name)?;
        // Upgrade to a newer embedded version, but never downgrade a catalogue a
        // coordinator loaded by hand.
        if current
            .as_deref()
            .is_none_or(|v| version_cmp(v, cat.version()).is_lt())
        {
            apply(conn, &cat, false)?;
        }
    }
    Ok(())
}

/// Validates and applies a catalogue file chosen by a coordinator (inside the
/// caller's transaction). Returns the parsed catalogue.
pub fn load_file(conn: &Connection, json: &str) -> Result<LoadedCatalog, CatalogError> {
    let cat = LoadedCatalog::parse(json)?;
    let name = catalog_key(&cat);
    let current = stored_version(conn, &name)?;
    if let Some(current) = current.filter(|v| version_cmp(v, cat.version()).is_gt()) {
        return Err(CatalogError::invalid(
            &name,
            format!(
                "de opslag heeft al versie {current}, nieuwer dan versie {} in het bestand; een oudere catalogus wordt niet geladen",
                cat.version()
            ),
        ));
    }
    if let LoadedCatalog::Regulations(c) = &cat {
        // Stored checks keep naming their regulations: none may disappear.
        let mut stmt = conn.prepare(
            "SELECT DISTINCT r.id, r.name FROM check_item i JOIN regulation r ON r.id = i.regulation_id
             WHERE r.year = ?1 ORDER BY r.sort",
        )?;
        let used: Vec<(String, String)> = stmt
            .query_map([c.year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let missing: Vec<&str> = used
            .iter()
            .filter(|(id, _)| !c.regulations.iter().any(|r| &r.id == id))
            .map(|(_, n)| n.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(CatalogError::invalid(
                &name,
                format!(
                    "opgeslagen voorzieningenchecks gebruiken regeling(en) die in het bestand ontbreken: {}",
                    missing.join(", ")
                ),
            ));
        }
    }
    apply(conn, &cat, true)?;
    Ok(cat)
}

/// The version of a catalogue in the store, if it was ever loaded.
fn stored_version(conn: &Connection, name: &str) -> Result<Option<String>, CatalogError> {
    Ok(conn
        .prepare_cached("SELECT version FROM catalog_version WHERE catalog = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

fn catalog_key(cat: &LoadedCatalog) -> String {
    match cat {
        LoadedCatalog::Regulations(r) => format!("regulations-{}", r.year),
        other => serde_json::to_value(other.kind())
            .unwrap()
            .as_str()
            .unwrap()
            .to_string(),
    }
}

fn apply(conn: &Connection, cat: &LoadedCatalog, overwrite: bool) -> Result<(), CatalogError> {
    let now = crate::util::now_rfc3339();
    match cat {
        LoadedCatalog::Values(c) => {
            let sql = if overwrite {
                "INSERT INTO value_catalog(id, label, description, bevorderend, belemmerend, builtin, sort, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, 'catalog')
                 ON CONFLICT(id) DO UPDATE SET label = excluded.label, description = excluded.description,
                   bevorderend = excluded.bevorderend, belemmerend = excluded.belemmerend, sort = excluded.sort,
                   updated_at = excluded.updated_at"
            } else {
                "INSERT OR IGNORE INTO value_catalog(id, label, description, bevorderend, belemmerend, builtin, sort, updated_at, device_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, 'catalog')"
            };
            for (i, v) in c.values.iter().enumerate() {
                conn.execute(
                    sql,
                    params![
                        v.id,
                        v.label,
                        v.description,
                        serde_json::to_string(&v.bevorderend).unwrap(),
                        serde_json::to_string(&v.belemmerend).unwrap(),
                        i as i64,
                        "0000-00-00T00:00:00.000Z-0000"
                    ],
                )
                .map_err(|e| label_clash(e, &v.label))?;
            }
        }
        LoadedCatalog::Codes(c) => {
            for (i, o) in c.outcomes.iter().enumerate() {
                conn.execute(
                    "INSERT INTO outcome_code(code, label, shortcut, approached, reached, final, description, sort)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT(code) DO UPDATE SET label = excluded.label, shortcut = excluded.shortcut,
                       approached = excluded.approached, reached = excluded.reached, final = excluded.final,
                       description = excluded.description, sort = excluded.sort",
                    params![o.code, o.label, o.key, o.approached, o.reached, o.r#final, o.description, i as i64],
                )?;
            }
            // A target is retired, never deleted: referrals that name it keep
            // their organisation. One the catalogue does not list at all is
            // retired too.
            conn.execute("UPDATE referral_target SET retired = 1", [])?;
            for (i, t) in c.referral_targets.iter().enumerate() {
                conn.execute(
                    "INSERT INTO referral_target(code, label, description, sort, retired) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(code) DO UPDATE SET label = excluded.label, description = excluded.description,
                       sort = excluded.sort, retired = excluded.retired",
                    params![t.code, t.label, t.description, i as i64, t.retired],
                )?;
            }
            for (i, s) in c.referral_statuses.iter().enumerate() {
                conn.execute(
                    "INSERT INTO referral_status(code, label, closed, sort) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(code) DO UPDATE SET label = excluded.label, closed = excluded.closed, sort = excluded.sort",
                    params![s.code, s.label, s.closed, i as i64],
                )?;
            }
            for (i, s) in c.check_statuses.iter().enumerate() {
                conn.execute(
                    "INSERT INTO check_status(code, label, counts_as, sort) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(code) DO UPDATE SET label = excluded.label, counts_as = excluded.counts_as, sort = excluded.sort",
                    params![s.code, s.label, s.counts_as, i as i64],
                )?;
            }
        }
        LoadedCatalog::Regulations(c) => {
            for (i, r) in c.regulations.iter().enumerate() {
                conn.execute(
                    "INSERT INTO regulation(id, year, level, name, provider, description, sort, definition)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT(id) DO UPDATE SET year = excluded.year, level = excluded.level, name = excluded.name,
                       provider = excluded.provider, description = excluded.description, sort = excluded.sort,
                       definition = excluded.definition",
                    params![r.id, c.year, r.level, r.name, r.provider, r.description, i as i64, serde_json::to_string(r).unwrap()],
                )?;
            }
            // The screen inputs and disclaimer belong to the catalogue as a whole.
            crate::store::meta::set(
                conn,
                &format!("regulations_catalog_{}", c.year),
                Some(&serde_json::to_string(c).unwrap()),
            )?;
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('regulations_year', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
                [c.year.to_string()],
            )?;
        }
    }
    conn.execute(
        "INSERT INTO catalog_version(catalog, version, loaded_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(catalog) DO UPDATE SET version = excluded.version, loaded_at = excluded.loaded_at",
        params![catalog_key(cat), cat.version(), now],
    )?;
    Ok(())
}

fn label_clash(e: rusqlite::Error, label: &str) -> CatalogError {
    CatalogError::invalid(
        "values",
        format!("waarde \"{label}\" kon niet worden opgeslagen: {e}"),
    )
}

/// Writes the areas of the embedded map, but only those that differ: opening
/// a store must not write (another program may hold it, or the file may be
/// read-only).
fn seed_areas(conn: &Connection) -> Result<(), CatalogError> {
    let map = nijmegen();
    let stored: std::collections::HashMap<String, (String, Option<String>)> = {
        let mut stmt = conn.prepare_cached("SELECT code, name, parent_code FROM area")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut stmt = conn.prepare_cached(
        "INSERT INTO area(code, kind, name, parent_code) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(code) DO UPDATE SET name = excluded.name, parent_code = excluded.parent_code",
    )?;
    for a in &map.areas {
        let same = stored
            .get(&a.code)
            .is_some_and(|(name, parent)| name == &a.name && parent == &a.parent_code);
        if !same {
            stmt.execute(params![a.code, a.kind.as_str(), a.name, a.parent_code])?;
        }
    }
    Ok(())
}

/// The regulations catalogue of the newest year loaded in the store.
pub fn regulations_in_store(conn: &Connection) -> Result<RegulationsCatalog, CatalogError> {
    let json: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'regulations_catalog_' || (SELECT value FROM meta WHERE key = 'regulations_year')",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match json {
        Some(j) => RegulationsCatalog::parse(&j),
        None => RegulationsCatalog::parse(defaults::REGULATIONS),
    }
}
