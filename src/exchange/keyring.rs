//! Saved keys for the app's exchange screens: coordinators' public keys that
//! exports can be encrypted to, and this installation's own identity files
//! (a coordinator's key for merging). Only public keys and the identity file's
//! path are stored (table `exchange_key`, local only); the secret never leaves
//! its file and is never shown.

use super::error::ExchangeError;
use super::keys::{parse_recipient, public_keys_of, write_identity_file, GeneratedKey};
use crate::store::Store;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Longest label of a saved key.
pub const MAX_LABEL: usize = 80;

/// What a saved key is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum KeyKind {
    /// A coordinator's public key: exports can be encrypted to it.
    Coordinator,
    /// This installation's own key ("eigen sleutel"): an identity file that
    /// opens files for merging; its public key is also an export recipient.
    Own,
}

impl KeyKind {
    fn as_str(self) -> &'static str {
        match self {
            KeyKind::Coordinator => "coordinator",
            KeyKind::Own => "own",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedKey {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub kind: KeyKind,
    pub label: String,
    /// The public key (`age1…`).
    pub public_key: String,
    /// For own keys: where the identity file is.
    pub identity_path: Option<String>,
    pub added_at: String,
}

const SELECT: &str =
    "SELECT id, kind, label, public_key, identity_path, added_at FROM exchange_key";

fn row(r: &Row<'_>) -> rusqlite::Result<SavedKey> {
    let kind: String = r.get(1)?;
    Ok(SavedKey {
        id: r.get(0)?,
        kind: if kind == "own" {
            KeyKind::Own
        } else {
            KeyKind::Coordinator
        },
        label: r.get(2)?,
        public_key: r.get(3)?,
        identity_path: r.get(4)?,
        added_at: r.get(5)?,
    })
}

/// Every saved key: own keys first, then by label.
pub fn list_keys(store: &Store) -> Result<Vec<SavedKey>, ExchangeError> {
    let mut stmt = store.conn().prepare(&format!(
        "{SELECT} ORDER BY kind = 'coordinator', label COLLATE NOCASE, id"
    ))?;
    let keys = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(keys)
}

fn get(store: &Store, id: i64) -> Result<SavedKey, ExchangeError> {
    store
        .conn()
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], row)
        .optional()?
        .ok_or(ExchangeError::KeyNotFound(id))
}

fn check_label(label: &str) -> Result<String, ExchangeError> {
    let label = label.trim();
    let n = label.chars().count();
    if n == 0 || n > MAX_LABEL || label.chars().any(char::is_control) {
        return Err(ExchangeError::KeyLabel(MAX_LABEL));
    }
    Ok(label.to_string())
}

fn insert(
    store: &Store,
    kind: KeyKind,
    label: &str,
    public_key: &str,
    identity_path: Option<&Path>,
) -> Result<SavedKey, ExchangeError> {
    let label = check_label(label)?;
    let existing: Option<String> = store
        .conn()
        .query_row(
            "SELECT label FROM exchange_key WHERE public_key = ?1",
            [public_key],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(l) = existing {
        return Err(ExchangeError::KeyExists(l));
    }
    let tx = store.conn().unchecked_transaction()?;
    tx.execute(
        "INSERT INTO exchange_key(kind, label, public_key, identity_path, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            kind.as_str(),
            label,
            public_key,
            identity_path.map(|p| p.display().to_string()),
            crate::util::now_rfc3339()
        ],
    )?;
    let key = get(store, tx.last_insert_rowid())?;
    audit_key(store, &tx, "add", &key)?;
    tx.commit()?;
    Ok(key)
}

/// Records a change to the saved keys in the audit log: who may decrypt what
/// this installation exports is a security decision worth tracing.
fn audit_key(
    store: &Store,
    conn: &rusqlite::Connection,
    op: &str,
    key: &SavedKey,
) -> Result<(), ExchangeError> {
    crate::store::audit_in(
        conn,
        store.profile(),
        "keys",
        &serde_json::json!({
            "op": op,
            "kind": key.kind.as_str(),
            "label": key.label,
            "public_key": key.public_key,
        }),
    )?;
    Ok(())
}

/// Saves a coordinator's public key (`age1…`, as pasted) under a label.
pub fn add_coordinator_key(
    store: &Store,
    label: &str,
    public_key: &str,
) -> Result<SavedKey, ExchangeError> {
    check_label(label)?;
    let key = parse_recipient(public_key)?.to_string();
    insert(store, KeyKind::Coordinator, label, &key, None)
}

/// Saves the public key(s) read from a coordinator's identity file; the file
/// itself is not remembered (it belongs to the coordinator).
pub fn add_coordinator_key_from_identity(
    store: &Store,
    label: &str,
    path: &Path,
) -> Result<Vec<SavedKey>, ExchangeError> {
    check_label(label)?;
    let keys = public_keys_of(path)?;
    let mut out = Vec::new();
    for k in keys {
        out.push(insert(store, KeyKind::Coordinator, label, &k, None)?);
    }
    Ok(out)
}

/// Remembers an existing identity file as an own key (for merging).
pub fn add_own_identity(
    store: &Store,
    label: &str,
    path: &Path,
) -> Result<SavedKey, ExchangeError> {
    check_label(label)?;
    let key = public_keys_of(path)?
        .into_iter()
        .next()
        .expect("public_keys_of returns at least one key");
    insert(store, KeyKind::Own, label, &key, Some(&absolute(path)))
}

/// Generates a new coordinator key: writes the identity file (never over an
/// existing file) and remembers it as an own key. The secret is not returned.
pub fn generate_own_key(
    store: &Store,
    label: &str,
    path: &Path,
) -> Result<SavedKey, ExchangeError> {
    check_label(label)?;
    let key = GeneratedKey::generate();
    write_identity_file(path, &key)?;
    insert(
        store,
        KeyKind::Own,
        label,
        &key.public_key(),
        Some(&absolute(path)),
    )
}

/// Forgets a saved key (an identity file stays where it is).
pub fn remove_key(store: &Store, id: i64) -> Result<SavedKey, ExchangeError> {
    let key = get(store, id)?;
    let tx = store.conn().unchecked_transaction()?;
    tx.execute("DELETE FROM exchange_key WHERE id = ?1", [id])?;
    audit_key(store, &tx, "remove", &key)?;
    tx.commit()?;
    Ok(key)
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn generated_keys_are_written_once_and_remembered_without_the_secret() {
        let (dir, s) = crate::testutil::temp_store();
        let path = dir.path().join("coordinator.key");
        let own = generate_own_key(&s, "Coördinator Oost", &path).unwrap();
        assert_eq!(own.kind, KeyKind::Own);
        assert_eq!(public_keys_of(&path).unwrap(), vec![own.public_key.clone()]);
        assert_eq!(
            own.identity_path.as_deref(),
            Some(&*path.display().to_string())
        );
        let json = serde_json::to_string(&list_keys(&s).unwrap()).unwrap();
        assert!(!json.contains("AGE-SECRET-KEY"));
        // Never over an existing file, and nothing saved then.
        let e = generate_own_key(&s, "Nog een", &path).unwrap_err();
        assert_eq!(e.code(), "file_exists");
        assert_eq!(list_keys(&s).unwrap().len(), 1);
        // The same identity file again is recognised.
        let e = add_own_identity(&s, "Dubbel", &path).unwrap_err();
        assert_eq!(e.code(), "key_exists");
        assert!(e.to_string().contains("Coördinator Oost"));
    }

    #[test]
    fn adding_and_removing_keys_is_audited_without_secrets() {
        let (dir, s) = crate::testutil::temp_store();
        let own = generate_own_key(&s, "Eigen sleutel", &dir.path().join("k.key")).unwrap();
        let other = GeneratedKey::generate().public_key();
        let c = add_coordinator_key(&s, "Coördinator West", &other).unwrap();
        remove_key(&s, c.id).unwrap();
        let keys_log = || -> Vec<serde_json::Value> {
            s.conn()
                .prepare("SELECT detail FROM audit_log WHERE action = 'keys' ORDER BY seq")
                .unwrap()
                .query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(|d| serde_json::from_str(&d.unwrap()).unwrap())
                .collect()
        };
        let log = keys_log();
        let ops: Vec<(&str, &str, &str)> = log
            .iter()
            .map(|d| {
                (
                    d["op"].as_str().unwrap(),
                    d["kind"].as_str().unwrap(),
                    d["public_key"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            ops,
            [
                ("add", "own", own.public_key.as_str()),
                ("add", "coordinator", other.as_str()),
                ("remove", "coordinator", other.as_str()),
            ]
        );
        assert!(!log.iter().any(|d| d.to_string().contains("AGE-SECRET-KEY")));
        // A refused key leaves no trace.
        assert!(add_coordinator_key(&s, "Dubbel", &own.public_key).is_err());
        assert_eq!(keys_log().len(), 3);
    }

    #[test]
    fn coordinator_keys_are_validated_listed_and_removed() {
        let (dir, s) = crate::testutil::temp_store();
        let k = GeneratedKey::generate();
        let e = add_coordinator_key(&s, "Piet", "age1nietgoed").unwrap_err();
        assert_eq!(e.code(), "recipient_invalid");
        let e = add_coordinator_key(&s, "  ", &k.public_key()).unwrap_err();
        assert_eq!(e.code(), "key_label_invalid");
        assert!(e.to_string().contains("naam"));
        let saved =
            add_coordinator_key(&s, " Piet (Hatert) ", &format!(" {} ", k.public_key())).unwrap();
        assert_eq!(saved.label, "Piet (Hatert)");
        assert_eq!(saved.public_key, k.public_key());
        let e = add_coordinator_key(&s, "Piet 2", &k.public_key()).unwrap_err();
        assert_eq!(e.code(), "key_exists");

        let path = dir.path().join("ander.key");
        let other = GeneratedKey::generate();
        write_identity_file(&path, &other).unwrap();
        let from_file = add_coordinator_key_from_identity(&s, "Anja", &path).unwrap();
        assert_eq!(from_file[0].public_key, other.public_key());
        assert_eq!(from_file[0].identity_path, None);
        let bad = dir.path().join("geen.key");
        std::fs::write(&bad, "hallo").unwrap();
        let e = add_coordinator_key_from_identity(&s, "X", &bad).unwrap_err();
        assert_eq!(e.code(), "identity_invalid");
        assert!(e.to_string().contains("geen.key"));

        let labels: Vec<_> = list_keys(&s)
            .unwrap()
            .into_iter()
            .map(|k| k.label)
            .collect();
        assert_eq!(labels, ["Anja", "Piet (Hatert)"]);
        assert_eq!(remove_key(&s, saved.id).unwrap().label, "Piet (Hatert)");
        assert_eq!(
            remove_key(&s, saved.id).unwrap_err().code(),
            "key_not_found"
        );
        assert_eq!(list_keys(&s).unwrap().len(), 1);
    }
}
