//! Raw aggregates for a report, read from the store in a handful of SQL queries.
//! Only counts and sums leave this module, plus candidate quotes (which are
//! filtered on consent here and scrubbed by the model builder).

use super::model::Period;
use rusqlite::{params, Connection};
use std::collections::BTreeMap;

/// What a report counts: wijken, optionally one campaign, and a period.
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

/// Everything a report needs, unsuppressed. Never leaves the `report` module.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Raw {
    pub approached: u64,
    pub reached: u64,
    pub conversations: u64,
    pub follow_ups: u64,
    /// value id → (valued, concern)
    pub values: BTreeMap<String, (u64, u64)>,
    /// value id → [(factor text, conversations)] for bevorderend and belemmerend.
    pub bevorderend: BTreeMap<String, Vec<(String, u64)>>,
    pub belemmerend: BTreeMap<String, Vec<(String, u64)>>,
    /// (theme, conversations), most frequent first.
    pub themes: Vec<(String, u64)>,
    /// Quotes with both consents, in a stable spread-out order.
    pub quotes: Vec<String>,
    pub checks: u64,
    pub regulations: BTreeMap<String, RegulationRaw>,
    pub referrals_by_target: BTreeMap<String, u64>,
    pub referrals_by_status: BTreeMap<String, u64>,
    pub participation: BTreeMap<String, u64>,
    /// Conversations per wijk code.
    pub per_wijk: BTreeMap<String, u64>,
}

impl Raw {
    /// True when nothing at all happened in the scope.
    pub fn is_empty(&self) -> bool {
        self.approached == 0 && self.conversations == 0 && self.checks == 0
    }

    pub fn referrals(&self) -> u64 {
        self.referrals_by_target.values().sum()
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
    SELECT c.id, c.wijk_code, c.follow_up_wanted, c.consent_quoting FROM conversation c
    WHERE c.wijk_code IN (SELECT value FROM json_each(?1)) AND c.held_on BETWEEN ?2 AND ?3
      AND c.deleted = 0 AND (?4 IS NULL OR c.campaign_id = ?4)";

/// The conversations in scope, as a CTE over the temporary table. Queries put
/// it first with `CROSS JOIN` (SQLite keeps that order): the planner has no
/// statistics for the temporary table and would otherwise scan every value
/// tag, theme or quote in the store and look each up in the scope.
const CONV: &str =
    "conv AS (SELECT id, wijk_code, follow_up_wanted, consent_quoting FROM temp.report_conv)";

pub fn load(conn: &Connection, scope: &Scope) -> rusqlite::Result<Raw> {
    let f = Filter::new(scope);
    let all = params![f.wijken, f.from, f.to, f.campaign];
    let p: &[&dyn rusqlite::ToSql] = all;
    let mut raw = Raw::default();
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS report_conv(
            id TEXT PRIMARY KEY, wijk_code TEXT NOT NULL,
            follow_up_wanted INTEGER NOT NULL, consent_quoting INTEGER NOT NULL) WITHOUT ROWID;
         DELETE FROM temp.report_conv;",
    )?;
    conn.execute(CONV_FILL, p)?;

    (raw.approached, raw.reached) = one_row(
        conn,
        "SELECT coalesce(sum(a), 0), coalesce(sum(r), 0) FROM (
            SELECT max(o.approached) AS a, max(o.reached) AS r
            FROM household h JOIN visit v ON v.household_id = h.id JOIN outcome_code o ON o.code = v.outcome
            WHERE h.deleted = 0 AND v.deleted = 0 AND h.wijk_code IN (SELECT value FROM json_each(?1))
              AND substr(v.visited_at, 1, 10) BETWEEN ?2 AND ?3 AND (?4 IS NULL OR v.campaign_id = ?4)
            GROUP BY h.id)",
        p,
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
    )?;

    (raw.conversations, raw.follow_ups) = one_row(
        conn,
        &format!("WITH {CONV} SELECT count(*), coalesce(sum(follow_up_wanted), 0) FROM conv"),
        p,
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
    )?;

    let mut stmt = conn.prepare(&format!(
        "WITH {CONV} SELECT wijk_code, count(*) FROM conv GROUP BY wijk_code"
    ))?;
    for row in stmt.query_map(fit(p, &stmt), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (w, n) = row?;
        raw.per_wijk.insert(w, n as u64);
    }

    // Values and their factors in one pass, counted here (no SQL sorts).
    {
        use std::collections::HashMap;
        type Factors = HashMap<(String, String), (String, u64)>;
        let (mut bev, mut bel): (Factors, Factors) = (HashMap::new(), HashMap::new());
        let mut stmt = conn.prepare(&format!(
            "WITH {CONV} SELECT cv.value_id, cv.sentiment, cv.bevorderend, cv.belemmerend
             FROM conv CROSS JOIN conversation_value cv ON cv.conversation_id = conv.id"
        ))?;
        let mut rows = stmt.query(fit(p, &stmt))?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let sentiment: String = r.get(1)?;
            let e = raw.values.entry(id.clone()).or_default();
            if sentiment == "valued" {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
            for (col, map) in [(2, &mut bev), (3, &mut bel)] {
                let t: String = r.get(col)?;
                let t = t.trim();
                if t.is_empty() {
                    continue;
                }
                // Group case-insensitively; keep the first-sorting spelling.
                let f = map
                    .entry((id.clone(), t.to_lowercase()))
                    .or_insert_with(|| (t.to_string(), 0));
                if t < f.0.as_str() {
                    f.0 = t.to_string();
                }
                f.1 += 1;
            }
        }
        for (map, target) in [(bev, &mut raw.bevorderend), (bel, &mut raw.belemmerend)] {
            for ((v, _), (t, n)) in map {
                target.entry(v).or_default().push((t, n));
            }
        }
        for list in raw
            .bevorderend
            .values_mut()
            .chain(raw.belemmerend.values_mut())
        {
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
    }

    let mut stmt = conn.prepare(&format!(
        "WITH {CONV}, t AS (
            SELECT DISTINCT ct.conversation_id AS c, lower(trim(ct.theme)) AS k, trim(ct.theme) AS theme
            FROM conv CROSS JOIN conversation_theme ct ON ct.conversation_id = conv.id)
         SELECT min(theme), count(DISTINCT c) AS n FROM t GROUP BY k ORDER BY n DESC, min(theme)"
    ))?;
    for row in stmt.query_map(fit(p, &stmt), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (t, n) = row?;
        raw.themes.push((t, n as u64));
    }

    // Quotes: both consents, ordered by the random tail of their UUIDv7 so the
    // selection is stable but spread over time and workers.
    let mut stmt = conn.prepare(&format!(
        "WITH {CONV} SELECT q.text FROM conv CROSS JOIN quote q ON q.conversation_id = conv.id
         WHERE conv.consent_quoting = 1 AND q.consent_quoting = 1
         ORDER BY substr(q.id, 25), q.id LIMIT 60"
    ))?;
    for row in stmt.query_map(fit(p, &stmt), |r| r.get::<_, String>(0))? {
        raw.quotes.push(row?);
    }

    // Voorzieningencheck: the latest check per household in the scope.
    const CHECKS: &str = "latest AS (
        SELECT id, household_id FROM (
            SELECT b.id, b.household_id, row_number() OVER (
                PARTITION BY b.household_id ORDER BY b.checked_on DESC, b.id DESC) AS rn
            FROM benefit_check b
            WHERE b.deleted = 0 AND b.wijk_code IN (SELECT value FROM json_each(?1))
              AND b.checked_on BETWEEN ?2 AND ?3
              AND (?4 IS NULL OR b.conversation_id IN
                    (SELECT id FROM conversation WHERE campaign_id = ?4 AND deleted = 0)))
        WHERE rn = 1)";
    raw.checks = one_row(
        conn,
        &format!("WITH {CHECKS} SELECT count(*) FROM latest"),
        p,
        |r| r.get::<_, i64>(0),
    )? as u64;
    let mut stmt = conn.prepare(&format!(
        "WITH {CHECKS} SELECT i.regulation_id, s.counts_as, count(*), coalesce(sum(i.estimated_yearly_eur), 0),
                count(i.estimated_yearly_eur)
         FROM latest JOIN check_item i ON i.check_id = latest.id JOIN check_status s ON s.code = i.status
         GROUP BY i.regulation_id, s.counts_as"
    ))?;
    for row in stmt.query_map(fit(p, &stmt), |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)? as u64,
        ))
    })? {
        let (reg, counts_as, n, eur, known) = row?;
        let e = raw.regulations.entry(reg).or_default();
        let n = n as u64;
        match counts_as.as_str() {
            "receiving" => e.receiving += n,
            "non_take_up" => {
                e.non_take_up += n;
                e.potential_eur += eur;
                e.potential_known += known;
            }
            "applied" => {
                e.applied += n;
                e.yield_eur += eur;
                e.yield_known += known;
            }
            "granted" => {
                e.granted += n;
                e.yield_eur += eur;
                e.yield_known += known;
            }
            _ => e.other += n,
        }
    }

    let campaign_conv = "(?4 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id = ?4 AND deleted = 0))";
    for (col, target) in [
        ("target", &mut raw.referrals_by_target),
        ("status", &mut raw.referrals_by_status),
    ] {
        let mut stmt = conn.prepare(&format!(
            "SELECT {col}, count(*) FROM referral WHERE deleted = 0
               AND wijk_code IN (SELECT value FROM json_each(?1)) AND proposed_on BETWEEN ?2 AND ?3
               AND {campaign_conv} GROUP BY {col}"
        ))?;
        for row in stmt.query_map(fit(p, &stmt), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (k, n) = row?;
            target.insert(k, n as u64);
        }
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT kind, count(*) FROM participation WHERE deleted = 0
           AND wijk_code IN (SELECT value FROM json_each(?1)) AND signalled_on BETWEEN ?2 AND ?3
           AND {campaign_conv} GROUP BY kind"
    ))?;
    for row in stmt.query_map(fit(p, &stmt), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (k, n) = row?;
        raw.participation.insert(k, n as u64);
    }
    Ok(raw)
}

/// First and last day with any visit, conversation or check in the scope's
/// wijken (and campaign); `None` when there is no data at all.
pub fn data_range(
    conn: &Connection,
    wijken: &[String],
    campaign: Option<&str>,
) -> rusqlite::Result<Option<Period>> {
    let w = serde_json::to_string(wijken).expect("strings serialise");
    let (from, to): (Option<String>, Option<String>) = one_row(
        conn,
        "WITH d AS (
            SELECT substr(v.visited_at, 1, 10) AS day FROM visit v JOIN household h ON h.id = v.household_id
            WHERE v.deleted = 0 AND h.wijk_code IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR v.campaign_id = ?2)
            UNION ALL
            SELECT held_on FROM conversation WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR campaign_id = ?2)
            UNION ALL
            SELECT checked_on FROM benefit_check WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
              AND (?2 IS NULL OR conversation_id IN (SELECT id FROM conversation WHERE campaign_id = ?2)))
         SELECT min(day), max(day) FROM d",
        params![w, campaign],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(match (from, to) {
        (Some(f), Some(t)) => {
            match (
                chrono::NaiveDate::parse_from_str(&f, "%Y-%m-%d"),
                chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d"),
            ) {
                (Ok(from), Ok(to)) => Some(Period { from, to }),
                _ => None,
            }
        }
        _ => None,
    })
}

/// The leading parameters a statement uses (`?1`…`?N`): queries over the
/// scope table use fewer than the common filter provides.
fn fit<'a>(
    p: &'a [&'a dyn rusqlite::ToSql],
    stmt: &rusqlite::Statement<'_>,
) -> &'a [&'a dyn rusqlite::ToSql] {
    &p[..stmt.parameter_count()]
}

/// `query_row` with [`fit`] parameters.
fn one_row<T>(
    conn: &Connection,
    sql: &str,
    p: &[&dyn rusqlite::ToSql],
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_row(fit(p, &stmt), f)
}
