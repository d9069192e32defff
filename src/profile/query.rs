//! Raw counts for profiles, read from the store in a handful of SQL queries,
//! grouped per wijk so that one pass serves one area, many areas (the area
//! table) or every wijk (the map). Raw counts are additive over wijken: a
//! household, conversation, check or referral belongs to exactly one wijk.
//! Only counts and sums leave this module, plus candidate quotes (filtered on
//! consent here, scrubbed by the assembly).

use super::model::Period;
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

/// What a load counts: wijken, optionally one campaign, and a period.
#[derive(Debug, Clone)]
pub struct Scope {
    pub wijken: Vec<String>,
    pub campaign: Option<String>,
    pub period: Period,
}

/// Raw counts per regulation, by what the status counts as.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegulationRaw {
    pub receiving: u64,
    pub non_take_up: u64,
    pub applied: u64,
    pub granted: u64,
    pub other: u64,
    /// Sum of estimates of applied and granted items.
    pub yield_eur: i64,
    /// Sum of estimates of non-take-up items.
    pub potential_eur: i64,
    /// Applied/granted and non-take-up items that have an estimate at all.
    pub yield_known: u64,
    pub potential_known: u64,
}

impl RegulationRaw {
    fn add(&mut self, o: &RegulationRaw) {
        self.receiving += o.receiving;
        self.non_take_up += o.non_take_up;
        self.applied += o.applied;
        self.granted += o.granted;
        self.other += o.other;
        self.yield_eur += o.yield_eur;
        self.potential_eur += o.potential_eur;
        self.yield_known += o.yield_known;
        self.potential_known += o.potential_known;
    }
}

/// Free-text counts grouped case-insensitively: lowercased key → (the
/// first-sorting spelling, conversations).
pub type TextCounts = BTreeMap<String, (String, u64)>;

/// Everything a profile needs, unsuppressed. Never leaves the `profile` module.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Raw {
    pub approached: u64,
    pub reached: u64,
    pub conversations: u64,
    /// Households (a conversation without a household counts as one) with a
    /// conversation in which the resident wanted a follow-up.
    pub follow_ups: u64,
    /// value id → (valued, concern)
    pub values: BTreeMap<String, (u64, u64)>,
    /// value id → factor texts with the conversations naming them.
    pub bevorderend: BTreeMap<String, TextCounts>,
    pub belemmerend: BTreeMap<String, TextCounts>,
    /// Themes with the conversations naming them.
    pub themes: TextCounts,
    /// Quotes with both consents: (stable spread-out order key, text).
    pub quotes: Vec<(String, String)>,
    /// Households with a check (the latest check per household in the period).
    pub checks: u64,
    pub regulations: BTreeMap<String, RegulationRaw>,
    pub referrals_by_target: BTreeMap<String, u64>,
    pub referrals_by_status: BTreeMap<String, u64>,
    pub participation: BTreeMap<String, u64>,
    /// Conversations per wijk code.
    pub per_wijk: BTreeMap<String, u64>,
}

/// Quotes a profile keeps as candidates (the assembly prints a few).
const QUOTE_CANDIDATES: usize = 60;

fn add_counts(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (k, n) in from {
        *into.entry(k.clone()).or_default() += n;
    }
}

fn add_texts(into: &mut TextCounts, from: &TextCounts) {
    for (k, (t, n)) in from {
        let e = into.entry(k.clone()).or_insert_with(|| (t.clone(), 0));
        if t < &e.0 {
            e.0 = t.clone();
        }
        e.1 += n;
    }
}

impl Raw {
    /// True when nothing at all happened in the scope.
    pub fn is_empty(&self) -> bool {
        self.approached == 0
            && self.conversations == 0
            && self.checks == 0
            && self.referrals() == 0
            && self.participation.values().sum::<u64>() == 0
    }

    pub fn referrals(&self) -> u64 {
        self.referrals_by_target.values().sum()
    }

    /// Adds another wijk's counts.
    pub fn add(&mut self, o: &Raw) {
        self.approached += o.approached;
        self.reached += o.reached;
        self.conversations += o.conversations;
        self.follow_ups += o.follow_ups;
        for (k, (v, c)) in &o.values {
            let e = self.values.entry(k.clone()).or_default();
            e.0 += v;
            e.1 += c;
        }
        for (into, from) in [
            (&mut self.bevorderend, &o.bevorderend),
            (&mut self.belemmerend, &o.belemmerend),
        ] {
            for (k, texts) in from {
                add_texts(into.entry(k.clone()).or_default(), texts);
            }
        }
        add_texts(&mut self.themes, &o.themes);
        if !o.quotes.is_empty() {
            self.quotes.extend(o.quotes.iter().cloned());
            self.quotes.sort();
            self.quotes.truncate(QUOTE_CANDIDATES);
        }
        self.checks += o.checks;
        for (k, r) in &o.regulations {
            self.regulations.entry(k.clone()).or_default().add(r);
        }
        add_counts(&mut self.referrals_by_target, &o.referrals_by_target);
        add_counts(&mut self.referrals_by_status, &o.referrals_by_status);
        add_counts(&mut self.participation, &o.participation);
        add_counts(&mut self.per_wijk, &o.per_wijk);
    }
}

/// Raw counts per wijk code (wijken without any data are absent).
#[derive(Debug, Clone, Default)]
pub struct PerWijk(pub BTreeMap<String, Raw>);

impl PerWijk {
    /// The counts of all wijken loaded.
    pub fn total(&self) -> Raw {
        let mut raw = Raw::default();
        for r in self.0.values() {
            raw.add(r);
        }
        raw
    }

    /// The counts of some of the wijken loaded.
    pub fn sum_of(&self, wijken: &[String]) -> Raw {
        let mut raw = Raw::default();
        for w in wijken {
            if let Some(r) = self.0.get(w) {
                raw.add(r);
            }
        }
        raw
    }

    fn at(&mut self, wijk: String) -> &mut Raw {
        self.0.entry(wijk).or_default()
    }
}

/// The common filter, as SQL and parameters. `?1` wijken (JSON array), `?2`/`?3`
/// the period, `?4` the campaign (NULL for none).
struct Filter {
    wijken: String,
    from: String,
    to: String,
    campaign: Option<String>,
}

impl Filter {
    fn new(scope: &Scope) -> Filter {
        Filter {
            wijken: serde_json::to_string(&scope.wijken).expect("strings serialise"),
            from: scope.period.from.to_string(),
            to: scope.period.to.to_string(),
            campaign: scope.campaign.clone(),
        }
    }
}

/// Conversations in scope, collected once per load into a temporary table
/// (connection-local, in memory) that the other queries join.
const CONV_FILL: &str = "INSERT INTO temp.report_conv
    SELECT c.id, c.wijk_code, c.household_id, c.follow_up_wanted, c.consent_quoting FROM conversation c
    WHERE c.wijk_code IN (SELECT value FROM json_each(?1)) AND c.held_on BETWEEN ?2 AND ?3
      AND c.deleted = 0 AND (?4 IS NULL OR c.campaign_id = ?4)";

/// The conversations in scope, as a CTE over the temporary table. Queries put
/// it first with `CROSS JOIN` (SQLite keeps that order): the planner has no
/// statistics for the temporary table and would otherwise scan every value
/// tag, theme or quote in the store and look each up in the scope.
const CONV: &str = "conv AS (SELECT id, wijk_code, household_id, follow_up_wanted, consent_quoting
    FROM temp.report_conv)";

/// Checks in scope: the latest check per household in the period.
const CHECKS: &str = "latest AS (
    SELECT id, wijk_code FROM (
        SELECT b.id, b.wijk_code, row_number() OVER (
            PARTITION BY b.household_id ORDER BY b.checked_on DESC, b.id DESC) AS rn
        FROM benefit_check b
        WHERE b.deleted = 0 AND b.wijk_code IN (SELECT value FROM json_each(?1))
          AND b.checked_on BETWEEN ?2 AND ?3
          AND (?4 IS NULL OR b.conversation_id IN
                (SELECT id FROM conversation WHERE campaign_id = ?4 AND deleted = 0)))
    WHERE rn = 1)";

/// Referrals and participation of the campaign's conversations, or all.
const CAMPAIGN_CONV: &str = "(?4 IS NULL OR conversation_id IN
    (SELECT id FROM conversation WHERE campaign_id = ?4 AND deleted = 0))";

pub fn load(conn: &Connection, scope: &Scope) -> rusqlite::Result<PerWijk> {
    let f = Filter::new(scope);
    let all = params![f.wijken, f.from, f.to, f.campaign];
    let p: &[&dyn rusqlite::ToSql] = all;
    let mut out = PerWijk::default();
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS report_conv(
            id TEXT PRIMARY KEY, wijk_code TEXT NOT NULL, household_id TEXT,
            follow_up_wanted INTEGER NOT NULL, consent_quoting INTEGER NOT NULL) WITHOUT ROWID;
         DELETE FROM temp.report_conv;",
    )?;
    conn.execute(CONV_FILL, p)?;

    // Approached and reached count households (any visit in the period).
    each_row(
        conn,
        "SELECT w, sum(a), sum(r) FROM (
            SELECT h.wijk_code AS w, max(o.approached) AS a, max(o.reached) AS r
            FROM household h JOIN visit v ON v.household_id = h.id JOIN outcome_code o ON o.code = v.outcome
            WHERE h.deleted = 0 AND v.deleted = 0 AND h.wijk_code IN (SELECT value FROM json_each(?1))
              AND substr(v.visited_at, 1, 10) BETWEEN ?2 AND ?3 AND (?4 IS NULL OR v.campaign_id = ?4)
            GROUP BY h.id)
         GROUP BY w",
        p,
        |r| {
            let raw = out.at(r.get(0)?);
            raw.approached = r.get::<_, i64>(1)? as u64;
            raw.reached = r.get::<_, i64>(2)? as u64;
            Ok(())
        },
    )?;

    each_row(
        conn,
        &format!(
            "WITH {CONV} SELECT wijk_code, count(*),
                count(DISTINCT CASE WHEN follow_up_wanted = 1 THEN coalesce(household_id, id) END)
             FROM conv GROUP BY wijk_code"
        ),
        p,
        |r| {
            let w: String = r.get(0)?;
            let n = r.get::<_, i64>(1)? as u64;
            let raw = out.at(w.clone());
            raw.conversations = n;
            raw.follow_ups = r.get::<_, i64>(2)? as u64;
            raw.per_wijk.insert(w, n);
            Ok(())
        },
    )?;

    // Values and their factors in one pass, counted here (no SQL sorts).
    each_row(
        conn,
        &format!(
            "WITH {CONV} SELECT conv.wijk_code, cv.value_id, cv.sentiment, cv.bevorderend, cv.belemmerend
             FROM conv CROSS JOIN conversation_value cv ON cv.conversation_id = conv.id"
        ),
        p,
        |r| {
            let raw = out.at(r.get(0)?);
            let id: String = r.get(1)?;
            let sentiment: String = r.get(2)?;
            let e = raw.values.entry(id.clone()).or_default();
            if sentiment == "valued" {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
            for (col, map) in [(3, &mut raw.bevorderend), (4, &mut raw.belemmerend)] {
                let t: String = r.get(col)?;
                let t = t.trim();
                if !t.is_empty() {
                    count_text(map.entry(id.clone()).or_default(), t);
                }
            }
            Ok(())
        },
    )?;

    each_row(
        conn,
        &format!(
            "WITH {CONV} SELECT DISTINCT conv.wijk_code, ct.conversation_id, trim(ct.theme)
             FROM conv CROSS JOIN conversation_theme ct ON ct.conversation_id = conv.id"
        ),
        p,
        |r| {
            let raw = out.at(r.get(0)?);
            let t: String = r.get(2)?;
            if !t.is_empty() {
                count_text(&mut raw.themes, &t);
            }
            Ok(())
        },
    )?;

    // Quotes: both consents, ordered by the random tail of their UUIDv7 so the
    // selection is stable but spread over time and workers.
    each_row(
        conn,
        &format!(
            "WITH {CONV} SELECT w, k, text FROM (
                SELECT conv.wijk_code AS w, substr(q.id, 25) || q.id AS k, q.text AS text,
                       row_number() OVER (PARTITION BY conv.wijk_code ORDER BY substr(q.id, 25), q.id) AS rn
                FROM conv CROSS JOIN quote q ON q.conversation_id = conv.id
                WHERE conv.consent_quoting = 1 AND q.consent_quoting = 1)
             WHERE rn <= {QUOTE_CANDIDATES}"
        ),
        p,
        |r| {
            out.at(r.get(0)?).quotes.push((r.get(1)?, r.get(2)?));
            Ok(())
        },
    )?;
    for raw in out.0.values_mut() {
        raw.quotes.sort();
    }

    each_row(
        conn,
        &format!(
            "WITH {CHECKS} SELECT latest.wijk_code, count(*) FROM latest GROUP BY latest.wijk_code"
        ),
        p,
        |r| {
            let raw = out.at(r.get(0)?);
            raw.checks = r.get::<_, i64>(1)? as u64;
            Ok(())
        },
    )?;
    // Check items of those checks, counted here by what their status counts
    // as (no SQL sort over every item of the city).
    let counts_as: std::collections::HashMap<String, String> = {
        let mut stmt = conn.prepare_cached("SELECT code, counts_as FROM check_status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    each_row(
        conn,
        &format!(
            "WITH {CHECKS} SELECT latest.wijk_code, i.regulation_id, i.status, i.estimated_yearly_eur
             FROM latest CROSS JOIN check_item i ON i.check_id = latest.id"
        ),
        p,
        |r| {
            let raw = out.at(r.get(0)?);
            let e = raw.regulations.entry(r.get(1)?).or_default();
            let status: String = r.get(2)?;
            let eur: Option<i64> = r.get(3)?;
            let (eur, known) = (eur.unwrap_or(0), u64::from(eur.is_some()));
            match counts_as.get(&status).map(String::as_str) {
                Some("receiving") => e.receiving += 1,
                Some("non_take_up") => {
                    e.non_take_up += 1;
                    e.potential_eur += eur;
                    e.potential_known += known;
                }
                Some(kind @ ("applied" | "granted")) => {
                    if kind == "applied" {
                        e.applied += 1;
                    } else {
                        e.granted += 1;
                    }
                    e.yield_eur += eur;
                    e.yield_known += known;
                }
                _ => e.other += 1,
            }
            Ok(())
        },
    )?;

    each_row(
        conn,
        &format!(
            "SELECT wijk_code, target, status, count(*) FROM referral WHERE deleted = 0
               AND wijk_code IN (SELECT value FROM json_each(?1)) AND proposed_on BETWEEN ?2 AND ?3
               AND {CAMPAIGN_CONV} GROUP BY wijk_code, target, status"
        ),
        p,
        |r| {
            let raw = out.at(r.get(0)?);
            let n = r.get::<_, i64>(3)? as u64;
            *raw.referrals_by_target.entry(r.get(1)?).or_default() += n;
            *raw.referrals_by_status.entry(r.get(2)?).or_default() += n;
            Ok(())
        },
    )?;
    each_row(
        conn,
        &format!(
            "SELECT wijk_code, kind, count(*) FROM participation WHERE deleted = 0
               AND wijk_code IN (SELECT value FROM json_each(?1)) AND signalled_on BETWEEN ?2 AND ?3
               AND {CAMPAIGN_CONV} GROUP BY wijk_code, kind"
        ),
        p,
        |r| {
            let n = r.get::<_, i64>(2)? as u64;
            out.at(r.get(0)?).participation.insert(r.get(1)?, n);
            Ok(())
        },
    )?;
    Ok(out)
}

/// Counts a free text case-insensitively, keeping the first-sorting spelling.
fn count_text(map: &mut TextCounts, t: &str) {
    let e = map
        .entry(t.to_lowercase())
        .or_insert_with(|| (t.to_string(), 0));
    if t < e.0.as_str() {
        e.0 = t.to_string();
    }
    e.1 += 1;
}

/// First and last day with any visit, conversation, check, referral or
/// participation in the wijken (and campaign); `None` when there is no data.
pub fn data_range(
    conn: &Connection,
    wijken: &[String],
    campaign: Option<&str>,
) -> rusqlite::Result<Option<Period>> {
    let w = serde_json::to_string(wijken).expect("strings serialise");
    let mut stmt = conn.prepare_cached(
        "WITH d AS (
            SELECT substr(v.visited_at, 1, 10) AS day FROM visit v JOIN household h ON h.id = v.household_id
            WHERE v.deleted = 0 AND h.deleted = 0 AND h.wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR v.campaign_id = ?2)
            UNION ALL
            SELECT held_on FROM conversation WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR campaign_id = ?2)
            UNION ALL
            SELECT checked_on FROM benefit_check WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id = ?2))
            UNION ALL
            SELECT proposed_on FROM referral WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id = ?2))
            UNION ALL
            SELECT signalled_on FROM participation WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id = ?2)))
         SELECT min(day), max(day) FROM d",
    )?;
    let (from, to): (Option<String>, Option<String>) =
        stmt.query_row(params![w, campaign], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let parse =
        |s: Option<String>| s.and_then(|s| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    Ok(match (parse(from), parse(to)) {
        (Some(from), Some(to)) => Some(Period { from, to }),
        _ => None,
    })
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
