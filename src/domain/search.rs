//! Full-text search over stories and quotes (FTS5, diacritics folded).

use super::DomainError;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// A piece of a snippet; `hit` pieces matched the query.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Fragment {
    pub text: String,
    pub hit: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub conversation_id: String,
    /// `story` or `quote`.
    pub kind: String,
    pub held_on: String,
    pub wijk_code: String,
    /// The household the conversation was held with (to open its check).
    pub household_id: Option<String>,
    pub fragments: Vec<Fragment>,
}

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Turns what a user typed into a safe FTS5 query: every word becomes a quoted
/// term, so punctuation and FTS operators in the input are harmless. The last
/// word is a prefix term, so results appear while the user is still typing.
pub fn to_fts_query(input: &str) -> Option<String> {
    let words: Vec<&str> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .collect();
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == last {
                format!("\"{w}\"*")
            } else {
                format!("\"{w}\"")
            }
        })
        .collect();
    Some(terms.join(" "))
}

fn split_fragments(snippet: &str) -> Vec<Fragment> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut hit = false;
    for ch in snippet.chars() {
        if ch == OPEN || ch == CLOSE {
            if !cur.is_empty() {
                out.push(Fragment {
                    text: std::mem::take(&mut cur),
                    hit,
                });
            }
            hit = ch == OPEN;
        } else {
            cur.push(ch);
        }
    }
    if !cur.is_empty() {
        out.push(Fragment { text: cur, hit });
    }
    out
}

impl Store {
    /// Searches stories and quotes; newest records first. (Ranking by relevance
    /// scores every match, which is too slow for common words at city scale.)
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, DomainError> {
        let Some(fts) = to_fts_query(query) else {
            return Ok(vec![]);
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT f.conversation_id, f.kind, c.held_on, c.wijk_code,
                    snippet(search_fts, 0, char(57344), char(57345), '…', 16), c.household_id
             FROM search_fts f JOIN conversation c ON c.id = f.conversation_id
             WHERE search_fts MATCH ?1 AND c.deleted = 0
             ORDER BY f.rowid DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![fts, limit.min(500)], |r| {
            let snippet: String = r.get(4)?;
            Ok(SearchHit {
                conversation_id: r.get(0)?,
                kind: r.get(1)?,
                held_on: r.get(2)?,
                wijk_code: r.get(3)?,
                household_id: r.get(5)?,
                fragments: split_fragments(&snippet),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_input_cannot_inject_fts_syntax() {
        assert_eq!(
            to_fts_query("café \"OR\" NEAR(x"),
            Some("\"café\" \"OR\" \"NEAR\" \"x\"*".into())
        );
        assert_eq!(to_fts_query("  ,; "), None);
    }

    #[test]
    fn snippets_split_into_marked_fragments() {
        let f = split_fragments("het \u{E000}café\u{E001} is dicht");
        assert_eq!(f.len(), 3);
        assert!(f[1].hit && f[1].text == "café");
    }
}
