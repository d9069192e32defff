//! Full-text search over stories and quotes (FTS5, diacritics folded),
//! best matches first: BM25 over the newest matches (`search_rank`), newer
//! first among equals.

use super::search_rank::{self, Terms, DF_CAP};
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

/// Turns what a user typed into a safe FTS5 query: every word becomes a quoted
/// term, so punctuation and FTS operators in the input are harmless. The last
/// word is a prefix term, so results appear while the user is still typing.
pub fn to_fts_query(input: &str) -> Option<String> {
    let words = query_words(input);
    let last = words.len().checked_sub(1)?;
    let terms: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| fts_term(w, i == last))
        .collect();
    Some(terms.join(" "))
}

/// One word as a quoted FTS5 term; the last word typed is a prefix.
fn fts_term(word: &str, last: bool) -> String {
    if last {
        format!("\"{word}\"*")
    } else {
        format!("\"{word}\"")
    }
}

/// The words of what a user typed (at most 12).
fn query_words(input: &str) -> Vec<&str> {
    super::search_rank::words(input).take(12).collect()
}

/// Words shown around the matches of a hit.
const SNIPPET_WORDS: usize = 16;

/// Matches ranked by relevance: at most this many of the newest matches
/// are scored (every match when there are fewer, as for any specific word).
pub const RANK_WINDOW: u32 = 2000;

/// Stories and quotes in the store, roughly (for the weight of each word of
/// a query with several words).
fn texts(conn: &rusqlite::Connection) -> Result<f64, rusqlite::Error> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM conversation) + (SELECT count(*) FROM quote)",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n as f64)
}

impl Store {
    /// Searches stories and quotes, best matches first: BM25 over the newest
    /// [`RANK_WINDOW`] matches (see `search_rank`), newer first among equal
    /// scores.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, DomainError> {
        let Some(fts) = to_fts_query(query) else {
            return Ok(vec![]);
        };
        let terms = Terms::new(&query_words(query));
        let limit = limit.min(500) as usize;
        let conn = self.conn();
        // The newest matches straight from the index, in rowid order (which
        // FTS5 walks without looking at the rest).
        let window: Vec<(String, String, String)> = conn
            .prepare_cached(
                "SELECT kind, conversation_id, body FROM search_fts
                 WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2",
            )?
            .query_map(rusqlite::params![fts, RANK_WINDOW], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        let idf: Vec<f64> = if terms.len() < 2 {
            vec![1.0; terms.len()]
        } else {
            let n = texts(conn)?;
            let words = query_words(query);
            let last = words.len() - 1;
            let mut stmt = conn.prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2)",
            )?;
            let mut idf = Vec::with_capacity(words.len());
            for (i, w) in words.iter().enumerate() {
                let q = fts_term(w, i == last);
                let df: i64 = stmt.query_row(rusqlite::params![q, DF_CAP], |r| r.get(0))?;
                idf.push(search_rank::idf(n.max(df as f64), df as f64));
            }
            idf
        };
        let counts: Vec<(Vec<u32>, u32)> = window.iter().map(|w| terms.count(&w.2)).collect();
        let scores = search_rank::scores(&counts, &idf);
        let mut order: Vec<usize> = (0..window.len()).collect();
        // Best first; the window is newest first, so a stable sort keeps
        // newer texts ahead among equal scores.
        order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
        let mut conv = conn.prepare_cached(
            "SELECT held_on, wijk_code, household_id FROM conversation WHERE id = ?1 AND deleted = 0",
        )?;
        let mut out = Vec::with_capacity(limit);
        for i in order {
            if out.len() == limit {
                break;
            }
            let (kind, conversation_id, body) = &window[i];
            let Some((held_on, wijk_code, household_id)) = conv
                .query_row([conversation_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .optional()?
            else {
                continue;
            };
            out.push(SearchHit {
                conversation_id: conversation_id.clone(),
                kind: kind.clone(),
                held_on,
                wijk_code,
                household_id,
                fragments: search_rank::snippet(&terms, body, SNIPPET_WORDS)
                    .into_iter()
                    .map(|(text, hit)| Fragment { text, hit })
                    .collect(),
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
}
