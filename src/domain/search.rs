//! Full-text search over stories and quotes (FTS5, diacritics folded),
//! best matches first (bm25, newer first among equals).

use super::DomainError;
use crate::store::Store;
use rusqlite::OptionalExtension;
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

/// Matches ranked by relevance: at most this many of the newest matches are
/// scored and sorted (every match when there are fewer, as for any specific
/// word). FTS5's bm25 still counts every match of each term once per query,
/// which is what a search for the commonest words costs at city scale; see
/// BENCHMARKS.md ("Search").
pub const RANK_WINDOW: u32 = 2000;

impl Store {
    /// Searches stories and quotes, best matches first: FTS5's bm25 over the
    /// newest [`RANK_WINDOW`] matches, newer first among equal scores.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, DomainError> {
        let Some(fts) = to_fts_query(query) else {
            return Ok(vec![]);
        };
        let limit = limit.min(500) as usize;
        let conn = self.conn();
        // Scores from the index alone; the conversation is looked up only for
        // the hits shown, and the snippet only for those.
        let ranked: Vec<(i64, String, String)> = conn
            .prepare_cached(
                "SELECT rowid, kind, conversation_id FROM
                   (SELECT rowid, kind, conversation_id, bm25(search_fts) AS score FROM search_fts
                    WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                 ORDER BY score, rowid DESC",
            )?
            .query_map(rusqlite::params![fts, RANK_WINDOW], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut conv = conn.prepare_cached(
            "SELECT held_on, wijk_code, household_id FROM conversation WHERE id = ?1 AND deleted = 0",
        )?;
        let mut snip = conn.prepare_cached(
            "SELECT snippet(search_fts, 0, char(57344), char(57345), '…', 16) FROM search_fts
             WHERE search_fts MATCH ?1 AND rowid = ?2",
        )?;
        let mut out = Vec::with_capacity(limit);
        for (rowid, kind, conversation_id) in ranked {
            if out.len() == limit {
                break;
            }
            let Some((held_on, wijk_code, household_id)) = conv
                .query_row([&conversation_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?
            else {
                continue;
            };
            let snippet: String = snip.query_row(rusqlite::params![fts, rowid], |r| r.get(0))?;
            out.push(SearchHit {
                conversation_id,
                kind,
                held_on,
                wijk_code,
                household_id,
                fragments: split_fragments(&snippet),
            });
        }
        Ok(out)
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
