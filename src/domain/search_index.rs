//! The search index after a bulk merge. Indexing every story and quote row
//! by row cost a city merge about a third of its time, so a merge marks the
//! index as behind (`search_pending`, migration 0017) and the insert
//! triggers skip new rows while it is; [`Store::index_search_step`] then adds
//! what the index lacks, a batch per transaction, and clears the mark when
//! it has caught up. The app drives the steps after a merge and after
//! unlocking (and shows that search is not complete yet); `wwk merge` and
//! `wwk search` catch up before they return. Edits and deletes keep the
//! index current at once, pending or not.

use super::DomainError;
use crate::store::Store;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Whether search sees every story and quote yet.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchIndexState {
    /// Stories and quotes merged in are still being indexed: search may miss them.
    pub pending: bool,
    /// Stories and quotes still to look at (an upper bound; 0 when not pending).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub remaining: u64,
}

/// Rows indexed per step: a step holds the store for a fraction of a second.
pub const STEP_ROWS: u32 = 4000;

/// Marks the index as behind from here on (inside a merge's transaction):
/// new stories and quotes wait for [`Store::index_search_step`]. The cursors
/// start over, so rows whose ids were reused are not missed.
pub(crate) fn defer_indexing(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.execute(
        "INSERT INTO search_pending(id, since) VALUES (1, ?1)
         ON CONFLICT(id) DO UPDATE SET conversation_cursor = 0, quote_cursor = 0",
        [crate::util::now_rfc3339()],
    )?;
    Ok(())
}

fn cursors(conn: &Connection) -> Result<Option<(i64, i64)>, rusqlite::Error> {
    conn.query_row(
        "SELECT conversation_cursor, quote_cursor FROM search_pending WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
}

fn state(conn: &Connection) -> Result<SearchIndexState, rusqlite::Error> {
    let Some((c, q)) = cursors(conn)? else {
        return Ok(SearchIndexState {
            pending: false,
            remaining: 0,
        });
    };
    // From the highest row numbers: no row is read (this runs after every
    // step), and rows are numbered nearly without gaps.
    let remaining: i64 = conn.query_row(
        "SELECT max(coalesce((SELECT max(rowid) FROM conversation), 0) - ?1, 0)
              + max(coalesce((SELECT max(rowid) FROM quote), 0) - ?2, 0)",
        params![c, q],
        |r| r.get(0),
    )?;
    Ok(SearchIndexState {
        pending: true,
        remaining: remaining as u64,
    })
}

/// Indexes up to `limit` rows of one source after `cursor` that the index
/// lacks; returns the new cursor, or `None` when the source is done.
fn index_rows(
    conn: &Connection,
    source: &str,
    cursor: i64,
    limit: u32,
) -> Result<Option<i64>, rusqlite::Error> {
    // Index rows are numbered after their source row: story 2n, quote 2n+1.
    let (select, odd) = match source {
        "story" => (
            "SELECT rowid, story, id, id FROM conversation WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            0,
        ),
        _ => (
            "SELECT rowid, text, conversation_id, id FROM quote WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
            1,
        ),
    };
    let mut stmt = conn.prepare_cached(select)?;
    let rows = stmt
        .query_map(params![cursor, limit], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let Some(last) = rows.last().map(|r| r.0) else {
        return Ok(None);
    };
    let mut exists = conn.prepare_cached("SELECT 1 FROM search_fts WHERE rowid = ?1")?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO search_fts(rowid, body, kind, conversation_id, ref_id)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (r, body, conversation_id, ref_id) in rows {
        let fts_rowid = r * 2 + odd;
        if body.is_empty() || exists.exists([fts_rowid])? {
            continue;
        }
        insert.execute(params![fts_rowid, body, source, conversation_id, ref_id])?;
    }
    Ok(Some(last))
}

impl Store {
    /// Whether search is complete, or how much is still to be indexed.
    pub fn search_index_state(&self) -> Result<SearchIndexState, DomainError> {
        Ok(state(self.conn())?)
    }

    /// Indexes the next batch of stories and quotes the index lacks, in one
    /// transaction, and says what is left. Does nothing when the index is
    /// complete.
    pub fn index_search_step(&self) -> Result<SearchIndexState, DomainError> {
        let conn = self.conn();
        if cursors(conn)?.is_none() {
            return Ok(state(conn)?);
        }
        let tx = conn.unchecked_transaction()?;
        // Read again inside the transaction: another step may have run.
        if let Some((c, q)) = cursors(&tx)? {
            match index_rows(&tx, "story", c, STEP_ROWS)? {
                Some(c) => {
                    tx.execute("UPDATE search_pending SET conversation_cursor = ?1", [c])?;
                }
                None => match index_rows(&tx, "quote", q, STEP_ROWS)? {
                    Some(q) => {
                        tx.execute("UPDATE search_pending SET quote_cursor = ?1", [q])?;
                    }
                    None => {
                        tx.execute("DELETE FROM search_pending", [])?;
                    }
                },
            }
        }
        tx.commit()?;
        Ok(state(conn)?)
    }

    /// Catches the index up completely; `progress` hears what is left after
    /// every step.
    pub fn index_search(
        &self,
        progress: &mut dyn FnMut(&SearchIndexState),
    ) -> Result<(), DomainError> {
        loop {
            let s = self.index_search_step()?;
            progress(&s);
            if !s.pending {
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::demo_store;

    #[test]
    fn a_deferred_index_catches_up_with_every_story_and_quote() {
        let (_dir, store) = demo_store(60, 7);
        let word = "zoekwoordxyz";
        // What the triggers indexed, then a merge-like deferral: new rows wait.
        let before = store.search("eenzaam", 500).unwrap().len();
        store
            .conn()
            .execute_batch("DELETE FROM search_fts;")
            .unwrap();
        super::defer_indexing(store.conn()).unwrap();
        store
            .conn()
            .execute(
                "UPDATE conversation SET story = story || ' ' || ?1 WHERE rowid = (SELECT min(rowid) FROM conversation WHERE story <> '')",
                [word],
            )
            .unwrap();
        let s = store.search_index_state().unwrap();
        assert!(s.pending && s.remaining > 0, "{s:?}");
        assert_eq!(
            store.search(word, 10).unwrap().len(),
            1,
            "edits are indexed at once"
        );
        assert!(store.search("eenzaam", 500).unwrap().len() < before.max(1));
        let mut steps = 0;
        store.index_search(&mut |_| steps += 1).unwrap();
        assert!(steps >= 1);
        assert!(!store.search_index_state().unwrap().pending);
        assert_eq!(store.search("eenzaam", 500).unwrap().len(), before);
        assert_eq!(store.search(word, 10).unwrap().len(), 1, "indexed once");
        let (fts, sources): (i64, i64) = store
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM search_fts),
                        (SELECT count(*) FROM conversation WHERE story <> '') + (SELECT count(*) FROM quote)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(fts, sources);
    }
}
