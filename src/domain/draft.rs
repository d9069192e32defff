//! Autosaved drafts: what a worker is typing (a conversation form), saved every
//! few seconds so a crash or a closed window never loses it. Local only: drafts
//! are not synced, exported or reported, and are removed once the form is saved.

use super::DomainError;
use crate::store::Store;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Largest draft body accepted (bytes of JSON); a story is at most 100 000 characters.
pub const MAX_DRAFT_BYTES: usize = 1_000_000;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    pub key: String,
    /// The form as the UI left it (JSON text).
    pub body: String,
    /// RFC 3339 UTC.
    pub updated_at: String,
}

fn check_key(key: &str) -> Result<(), DomainError> {
    if key.is_empty() || key.chars().count() > 200 {
        return Err(DomainError::Invalid(
            "ongeldige sleutel voor concept".into(),
        ));
    }
    Ok(())
}

impl Store {
    /// Saves (replaces) a draft. The body must be JSON.
    pub fn save_draft(&mut self, key: &str, body: &str) -> Result<Draft, DomainError> {
        check_key(key)?;
        if body.len() > MAX_DRAFT_BYTES {
            return Err(DomainError::Invalid(
                "het concept is te groot om op te slaan (max. 1 MB)".into(),
            ));
        }
        if serde_json::from_str::<serde_json::Value>(body).is_err() {
            return Err(DomainError::Invalid(
                "het concept is geen geldige JSON".into(),
            ));
        }
        let at = crate::util::now_rfc3339();
        self.conn().execute(
            "INSERT INTO draft(key, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![key, body, at],
        )?;
        Ok(Draft {
            key: key.to_string(),
            body: body.to_string(),
            updated_at: at,
        })
    }

    pub fn draft(&self, key: &str) -> Result<Option<Draft>, DomainError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT key, body, updated_at FROM draft WHERE key = ?1",
                [key],
                |r| {
                    Ok(Draft {
                        key: r.get(0)?,
                        body: r.get(1)?,
                        updated_at: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// All drafts, newest first.
    pub fn drafts(&self) -> Result<Vec<Draft>, DomainError> {
        let mut stmt = self
            .conn()
            .prepare("SELECT key, body, updated_at FROM draft ORDER BY updated_at DESC, key")?;
        let rows = stmt.query_map([], |r| {
            Ok(Draft {
                key: r.get(0)?,
                body: r.get(1)?,
                updated_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes a draft (after saving the form, or when the worker discards it).
    pub fn discard_draft(&mut self, key: &str) -> Result<(), DomainError> {
        self.conn()
            .execute("DELETE FROM draft WHERE key = ?1", [key])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn a_draft_survives_closing_and_reopening_the_store() {
        let (dir, mut s) = crate::testutil::temp_store();
        s.save_draft("gesprek:nieuw", r#"{"story":"Het café op de hoek"}"#)
            .unwrap();
        s.save_draft(
            "gesprek:nieuw",
            r#"{"story":"Het café op de hoek is dicht"}"#,
        )
        .unwrap();
        drop(s);
        let mut s = Store::open(&dir.path().join("s.db"), "geheim-wachtwoord").unwrap();
        let d = s.draft("gesprek:nieuw").unwrap().unwrap();
        assert!(d.body.contains("is dicht"));
        assert_eq!(s.drafts().unwrap().len(), 1);
        s.discard_draft("gesprek:nieuw").unwrap();
        assert!(s.draft("gesprek:nieuw").unwrap().is_none());
    }

    #[test]
    fn bad_drafts_are_refused_in_dutch() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let e = s.save_draft("k", "geen json").unwrap_err().to_string();
        assert!(e.contains("JSON"), "{e}");
        let big = format!("\"{}\"", "a".repeat(super::MAX_DRAFT_BYTES));
        let e = s.save_draft("k", &big).unwrap_err().to_string();
        assert!(e.contains("te groot"), "{e}");
        assert!(s.save_draft("", "{}").is_err());
        assert!(s.drafts().unwrap().is_empty());
    }
}
