//! Raw counts for profiles, read from the store and counted here, per wijk,
//! so that one pass serves one area, many areas (the area table) or every
//! wijk (the map). Only counts and sums leave this module, plus candidate
//! quotes (filtered on consent here, scrubbed by the assembly).
//!
//! The scope (conversations, latest checks, households) is read from covering
//! indexes into memory. The rows hanging off it (value tags, themes, quotes,
//! check items, visits) are reached in one of two ways, [`Access`], chosen by
//! how much of the store the scope covers. Both hand the same rows to the
//! same counting code; a test holds them equal.

mod checks;
mod followed;

use super::model::Period;
use super::ordered::Ordered;
use super::raw::{count_text, lowercase_into, PerWijk, Raw, QUOTE_CANDIDATES};
use checks::checks;
pub(super) use checks::TRAITS;
use followed::{collective, referrals_and_participation};
use rusqlite::{params, Connection};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BinaryHeap;

/// What a load counts: wijken, optionally some campaigns (one, or those of
/// a programme), and a period.
#[derive(Debug, Clone)]
pub struct Scope {
    pub wijken: Vec<String>,
    pub campaigns: Option<Vec<String>>,
    pub period: Period,
    /// Only the households of this complex (and what they did).
    pub complex: Option<String>,
}

/// How a load reaches the rows of its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Index lookups from the scope's conversations, checks and households:
    /// quick when the scope is a small part of the store (a wijk, a campaign).
    Lookup,
    /// Each table read once, in order, skipping rows outside the scope: quick
    /// when the scope is much of the store (the city), because every page is
    /// read and decrypted once instead of searched for row by row.
    Scan,
}

/// Scan when the scope holds at least 1 in `SCAN_FROM` of Nijmegen's wijken
/// (measured on the city-scale store, see BENCHMARKS.md).
const SCAN_FROM: usize = 4;

/// The scope filter shared by every statement: `?1` wijken (JSON array),
/// `?2`/`?3` the period (ISO days), `?4` the campaigns (JSON array), `?5` the complex
/// (NULL for none).
struct Filter {
    wijken: String,
    from: String,
    to: String,
    campaigns: Option<String>,
    complex: Option<String>,
}

impl Filter {
    fn new(scope: &Scope) -> Filter {
        Filter {
            wijken: serde_json::to_string(&scope.wijken).expect("strings serialise"),
            from: scope.period.from.to_string(),
            to: scope.period.to.to_string(),
            campaigns: campaigns_json(scope.campaigns.as_deref()),
            complex: scope.complex.clone(),
        }
    }
}

/// The campaigns of a scope as the JSON array the statements read (`None` is
/// every record, with or without a campaign).
pub(super) fn campaigns_json(campaigns: Option<&[String]>) -> Option<String> {
    campaigns.map(|c| serde_json::to_string(c).expect("strings serialise"))
}

const IN_WIJKEN: &str = "IN (SELECT value FROM json_each(?1))";

/// The conversations in scope (read from the covering index
/// `conversation_scope_household`).
const CONV_WHERE: &str =
    "wijk_code IN (SELECT value FROM json_each(?1)) AND held_on BETWEEN ?2 AND ?3
    AND deleted = 0 AND (?4 IS NULL OR campaign_id IN (SELECT value FROM json_each(?4)))
    AND (?5 IS NULL OR household_id IN (SELECT id FROM household WHERE complex_id = ?5))";

/// Rows of a household of the complex `?5` (or any, without one).
const IN_COMPLEX: &str =
    "(?5 IS NULL OR household_id IN (SELECT id FROM household WHERE complex_id = ?5))";

/// Rows of a record that belongs to a conversation of the campaigns (or any).
const CAMPAIGN_CONV: &str = "(?4 IS NULL OR conversation_id IN
    (SELECT id FROM conversation WHERE campaign_id IN (SELECT value FROM json_each(?4)) AND deleted = 0))";

/// A conversation in scope: its wijk (index into the scope's wijken) and
/// whether it may be quoted.
#[derive(Clone, Copy)]
struct Conv {
    wijk: usize,
    quoting: bool,
}

/// Counts being made, per wijk of the scope (by index).
struct Counts<'a> {
    wijken: &'a [String],
    index: HashMap<&'a str, usize>,
    raw: Vec<Raw>,
}

impl<'a> Counts<'a> {
    fn new(wijken: &'a [String]) -> Counts<'a> {
        Counts {
            wijken,
            index: wijken
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i))
                .collect(),
            raw: vec![Raw::default(); wijken.len()],
        }
    }

    fn of(&self, code: &str) -> Option<usize> {
        self.index.get(code).copied()
    }

    fn finish(self) -> PerWijk {
        let empty = Raw::default();
        PerWijk(
            self.wijken
                .iter()
                .cloned()
                .zip(self.raw)
                .filter(|(_, r)| *r != empty)
                .collect(),
        )
    }
}

/// The quickest access for a scope.
pub fn access_for(scope: &Scope) -> Access {
    let all = crate::catalog::nijmegen().wijken().count();
    if scope.wijken.len() * SCAN_FROM >= all {
        Access::Scan
    } else {
        Access::Lookup
    }
}

/// Counts everything in `scope`, reaching rows by `access`, in one read
/// transaction (one snapshot of the store, writing nothing).
pub fn load(conn: &Connection, scope: &Scope, access: Access) -> rusqlite::Result<PerWijk> {
    // Rows looked up in several wijken are read more than once: keep their
    // pages (decrypted) while the load runs.
    let _cache = (access == Access::Lookup && scope.wijken.len() > 1)
        .then(|| crate::store::BulkCache::raise(conn))
        .transpose()?;
    let tx = conn
        .is_autocommit()
        .then(|| {
            rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Deferred)
        })
        .transpose()?;
    let out = load_in(conn, scope, access)?;
    if let Some(tx) = tx {
        tx.commit()?;
    }
    Ok(out)
}

fn load_in(conn: &Connection, scope: &Scope, access: Access) -> rusqlite::Result<PerWijk> {
    let f = Filter::new(scope);
    let all = params![f.wijken, f.from, f.to, f.campaigns, f.complex];
    let p: &[&dyn rusqlite::ToSql] = all;
    let mut c = Counts::new(&scope.wijken);

    let mut convs = conversations(conn, p, &mut c)?;
    // Lookups start from the ids in scope, passed as one JSON array (sorted).
    let conv_ids = match access {
        Access::Lookup => ids_json(convs.iter().map(|(id, _)| id)),
        Access::Scan => String::new(),
    };
    visits(conn, p, access, &mut c)?;
    values(conn, access, &conv_ids, &mut convs, &mut c)?;
    themes(conn, access, &conv_ids, &mut convs, &mut c)?;
    quotes(conn, access, &conv_ids, &mut convs, &mut c)?;
    checks(conn, p, access, &mut c)?;
    referrals_and_participation(conn, p, &mut c)?;
    collective(conn, p, &mut c)?;
    Ok(c.finish())
}

/// Ids as a JSON array for `json_each`, in order.
fn ids_json<'a>(ids: impl Iterator<Item = &'a String>) -> String {
    serde_json::to_string(&ids.collect::<Vec<_>>()).expect("strings serialise")
}

/// The rows of a table hanging off the conversations in scope, as
/// `conversation_id, cols…`; Lookup takes the conversation ids as `?1`.
/// `grouped` keeps each conversation's rows together (free for tables keyed
/// by conversation).
fn child_sql(access: Access, table: &str, cols: &str, filter: &str, grouped: bool) -> String {
    let (from, order) = match access {
        Access::Lookup => (
            format!("json_each(?1) j CROSS JOIN {table} x ON x.conversation_id = j.value"),
            "j.key",
        ),
        Access::Scan => (format!("{table} x"), "x.conversation_id"),
    };
    let order = if grouped {
        format!(" ORDER BY {order}")
    } else {
        String::new()
    };
    format!("SELECT x.conversation_id, {cols} FROM {from} WHERE {filter}{order}")
}

/// The parameters of a [`child_sql`] statement.
fn child_params(access: Access, ids: &dyn rusqlite::ToSql) -> Vec<&dyn rusqlite::ToSql> {
    match access {
        Access::Lookup => vec![ids],
        Access::Scan => Vec::new(),
    }
}

/// Runs `sql` with the leading parameters it uses (`?1`…`?N`) and hands every
/// row to `f`.
fn each_row(
    conn: &Connection,
    sql: &str,
    p: &[&dyn rusqlite::ToSql],
    mut f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let n = stmt.parameter_count();
    let mut rows = stmt.query(&p[..n])?;
    while let Some(r) = rows.next()? {
        f(r)?;
    }
    Ok(())
}

fn text<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(Into::into)
}

/// Conversations, follow-ups (households) and their days; the conversations
/// in scope by id.
fn conversations(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    c: &mut Counts,
) -> rusqlite::Result<Ordered<Conv>> {
    let mut convs = Vec::new();
    let mut follow: Vec<HashSet<String>> = vec![HashSet::default(); c.wijken.len()];
    each_row(
        conn,
        &format!(
            "SELECT id, wijk_code, household_id, follow_up_wanted, consent_quoting, held_on
             FROM conversation WHERE {CONV_WHERE}"
        ),
        p,
        |r| {
            let Some(w) = c.of(text(r, 1)?) else {
                return Ok(());
            };
            let id: String = r.get(0)?;
            let raw = &mut c.raw[w];
            raw.conversations += 1;
            let day = text(r, 5)?;
            raw.saw_days(day, day);
            if r.get::<_, i64>(3)? == 1 {
                let household: Option<String> = r.get(2)?;
                follow[w].insert(household.unwrap_or_else(|| id.clone()));
            }
            let quoting = r.get::<_, i64>(4)? == 1;
            convs.push((id, Conv { wijk: w, quoting }));
            Ok(())
        },
    )?;
    for (w, raw) in c.raw.iter_mut().enumerate() {
        raw.follow_ups = follow[w].len() as u64;
        if raw.conversations > 0 {
            raw.per_wijk.insert(c.wijken[w].clone(), raw.conversations);
        }
    }
    Ok(Ordered::new(convs))
}

/// Approached and reached count households: any visit in the period, by the
/// outcome's flags; a household counts once.
fn visits(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    access: Access,
    c: &mut Counts,
) -> rusqlite::Result<()> {
    let outcomes: HashMap<String, (bool, bool)> = {
        let mut stmt = conn.prepare_cached("SELECT code, approached, reached FROM outcome_code")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                (r.get::<_, i64>(1)? == 1, r.get::<_, i64>(2)? == 1),
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut households = Vec::new();
    each_row(
        conn,
        &format!(
            "SELECT id, wijk_code FROM household WHERE deleted = 0 AND wijk_code {IN_WIJKEN}
               AND (?5 IS NULL OR complex_id = ?5)"
        ),
        p,
        |r| {
            if let Some(w) = c.of(text(r, 1)?) {
                households.push((r.get(0)?, w));
            }
            Ok(())
        },
    )?;
    let mut households = Ordered::new(households);
    let visit_filter = "v.deleted = 0 AND substr(v.visited_at, 1, 10) BETWEEN ?2 AND ?3
        AND (?4 IS NULL OR v.campaign_id IN (SELECT value FROM json_each(?4)))";
    let sql = match access {
        Access::Lookup => format!(
            "SELECT h.id, substr(v.visited_at, 1, 10), v.outcome
             FROM household h CROSS JOIN visit v ON v.household_id = h.id
             WHERE h.deleted = 0 AND h.wijk_code {IN_WIJKEN} AND (?5 IS NULL OR h.complex_id = ?5)
               AND {visit_filter}
             ORDER BY h.id"
        ),
        Access::Scan => format!(
            "SELECT v.household_id, substr(v.visited_at, 1, 10), v.outcome
             FROM visit v INDEXED BY visit_scope WHERE {visit_filter} ORDER BY v.household_id"
        ),
    };
    // Rows arrive grouped by household: fold each group, then count it.
    let mut current: Option<(String, usize, bool, bool)> = None;
    let flush = |c: &mut Counts, cur: &Option<(String, usize, bool, bool)>| {
        if let Some((_, w, a, r)) = cur {
            c.raw[*w].approached += u64::from(*a);
            c.raw[*w].reached += u64::from(*r);
        }
    };
    each_row(conn, &sql, p, |r| {
        let household = text(r, 0)?;
        let Some(&w) = households.get(household) else {
            return Ok(());
        };
        let day = text(r, 1)?;
        c.raw[w].saw_days(day, day);
        let (a, re) = outcomes.get(text(r, 2)?).copied().unwrap_or_default();
        match &mut current {
            Some((h, _, ca, cr)) if h == household => {
                *ca |= a;
                *cr |= re;
            }
            _ => {
                flush(c, &current);
                current = Some((household.to_string(), w, a, re));
            }
        }
        Ok(())
    })?;
    flush(c, &current);
    Ok(())
}

/// Values and their factors, in one pass.
fn values(
    conn: &Connection,
    access: Access,
    ids: &str,
    convs: &mut Ordered<Conv>,
    c: &mut Counts,
) -> rusqlite::Result<()> {
    let sql = child_sql(
        access,
        "conversation_value",
        "x.value_id, x.sentiment, x.bevorderend, x.belemmerend",
        "1",
        true,
    );
    let mut key = String::new();
    each_row(conn, &sql, &child_params(access, &ids), |r| {
        let Some(&conv) = convs.get(text(r, 0)?) else {
            return Ok(());
        };
        let raw = &mut c.raw[conv.wijk];
        let id = text(r, 1)?;
        let e = match raw.values.get_mut(id) {
            Some(e) => e,
            None => raw.values.entry(id.to_string()).or_default(),
        };
        if text(r, 2)? == "valued" {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
        for (col, map) in [(3, &mut raw.bevorderend), (4, &mut raw.belemmerend)] {
            let t = text(r, col)?.trim();
            if !t.is_empty() {
                let texts = match map.get_mut(id) {
                    Some(texts) => texts,
                    None => map.entry(id.to_string()).or_default(),
                };
                count_text(texts, t, &mut key);
            }
        }
        Ok(())
    })
}

/// Themes, each counted once per conversation (case and spaces ignored).
fn themes(
    conn: &Connection,
    access: Access,
    ids: &str,
    convs: &mut Ordered<Conv>,
    c: &mut Counts,
) -> rusqlite::Result<()> {
    let sql = child_sql(access, "conversation_theme", "x.theme", "1", true);
    let mut last = String::new();
    let mut seen: Vec<String> = Vec::new();
    let mut key = String::new();
    each_row(conn, &sql, &child_params(access, &ids), |r| {
        let id = text(r, 0)?;
        let Some(&conv) = convs.get(id) else {
            return Ok(());
        };
        if id != last {
            last = id.to_string();
            seen.clear();
        }
        let t = text(r, 1)?.trim();
        lowercase_into(t, &mut key);
        if t.is_empty() || seen.contains(&key) {
            return Ok(());
        }
        seen.push(key.clone());
        count_text(&mut c.raw[conv.wijk].themes, t, &mut key);
        Ok(())
    })
}

/// Quotes with both consents, ordered by the random tail of their UUIDv7 so
/// the selection is stable but spread over time and workers.
fn quotes(
    conn: &Connection,
    access: Access,
    ids: &str,
    convs: &mut Ordered<Conv>,
    c: &mut Counts,
) -> rusqlite::Result<()> {
    let sql = child_sql(
        access,
        "quote",
        "x.id, x.text",
        "x.consent_quoting = 1",
        false,
    );
    // Per wijk the QUOTE_CANDIDATES smallest keys so far, largest on top: a
    // city holds about 100 000 quotes, and most are turned away by one
    // comparison, without copying their text.
    let mut best: Vec<BinaryHeap<(String, String)>> = vec![BinaryHeap::new(); c.raw.len()];
    let mut key = String::new();
    each_row(conn, &sql, &child_params(access, &ids), |r| {
        let Some(&conv) = convs.get(text(r, 0)?) else {
            return Ok(());
        };
        if conv.quoting {
            let id = text(r, 1)?;
            key.clear();
            key.push_str(id.get(24..).unwrap_or(""));
            key.push_str(id);
            let heap = &mut best[conv.wijk];
            if heap.len() == QUOTE_CANDIDATES {
                if heap.peek().is_some_and(|top| key >= top.0) {
                    return Ok(());
                }
                heap.pop();
            }
            heap.push((key.clone(), r.get(2)?));
        }
        Ok(())
    })?;
    for (raw, heap) in c.raw.iter_mut().zip(best) {
        raw.quotes = heap.into_sorted_vec();
    }
    Ok(())
}

/// First and last day with any visit, conversation, check, referral or
/// participation in the wijken (and campaigns); `None` when there is no data.
/// The same days a [`load`] over an open period finds (a test holds them
/// equal), without counting anything.
pub fn data_range(
    conn: &Connection,
    wijken: &[String],
    campaigns: Option<&[String]>,
    complex: Option<&str>,
) -> rusqlite::Result<Option<Period>> {
    let w = serde_json::to_string(wijken).expect("strings serialise");
    let campaigns = campaigns_json(campaigns);
    let sql = "WITH d AS (
            SELECT substr(v.visited_at, 1, 10) AS day FROM visit v JOIN household h ON h.id = v.household_id
            WHERE v.deleted = 0 AND h.deleted = 0 AND h.wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR v.campaign_id IN (SELECT value FROM json_each(?2))) AND (?3 IS NULL OR h.complex_id = ?3)
            UNION ALL
            SELECT held_on FROM conversation WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR campaign_id IN (SELECT value FROM json_each(?2))) AND {HH}
            UNION ALL
            SELECT checked_on FROM benefit_check WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id IN (SELECT value FROM json_each(?2)))) AND {HH}
            UNION ALL
            SELECT proposed_on FROM referral WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id IN (SELECT value FROM json_each(?2)))) AND {HH}
            UNION ALL
            SELECT signalled_on FROM participation WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id IN (SELECT value FROM json_each(?2)))) AND {HH})
         SELECT min(day), max(day) FROM d"
        .replace(
            "{HH}",
            "(?3 IS NULL OR household_id IN (SELECT id FROM household WHERE complex_id = ?3))",
        );
    let mut stmt = conn.prepare_cached(&sql)?;
    let (from, to): (Option<String>, Option<String>) = stmt
        .query_row(params![w, campaigns, complex], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
    let raw = Raw {
        first_day: from,
        last_day: to,
        ..Raw::default()
    };
    Ok(raw.data_range())
}
