//! Retention and minimisation: personal data is kept no longer than the
//! retention period (default 18 months after the last contact; a coordinator
//! can change it). [`purge`] (`wwk purge`, and [`purge_at_start`] when the app
//! starts) removes the personal fields of records past the period and keeps
//! what the aggregates need, so area profiles of past periods stay the same.
//!
//! Removed ("tombstoned": once purged they stay empty, also after a merge):
//! - household: street, number, addition, postcode, complex (everything below
//!   the wijk), contact consent, name, phone, e-mail; `purged = 1`;
//! - its visits: the note; its referrals: the note; its voorzieningenchecks:
//!   income band and rent band (→ `onbekend`) and number of children (→ 0);
//! - conversation: story and follow-up note, `purged = 1`; quotes without
//!   quoting consent (of the quote and the conversation) are deleted.
//!
//! Kept: wijk, dates, visit outcomes, value tags (with their short factors),
//! themes, consent flags, consented quotes, check statuses and estimates,
//! referral targets and statuses, participation signals.
//!
//! A household is past the period when its last contact (visit, conversation,
//! check, or a referral status change) is before the cut-off; its
//! conversations go with it. A conversation without a household (street
//! conversation, or no registration consent) goes by its own date.

use crate::error::ErrorCode;

use crate::store::{audit_in, StoreError};
use crate::Store;
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// `meta` key of the retention setting.
const SETTING: &str = "retention.period";
/// `meta` key of the time of the last purge at app start.
const LAST_RUN: &str = "retention.last_run";
/// `meta` key of what the last purge at app start saw: see [`start_marker`].
const LAST_START: &str = "retention.last_start";
/// Audited actions that can bring records past the retention period into the
/// store (with their own, possibly old, dates).
const INCOMING: &str = "('merge', 'import', 'demo')";

#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    #[error("bewaartermijn \"{0}\" is ongeldig: schrijf bijvoorbeeld 18m (maanden), 2y (jaar) of 540d (dagen)")]
    BadPeriod(String),
    #[error("de bewaartermijn moet tussen 1 maand en 10 jaar liggen (gevraagd: {0})")]
    OutOfRange(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ErrorCode for RetentionError {
    fn code(&self) -> &'static str {
        match self {
            RetentionError::BadPeriod(_) => "bad_retention_period",
            RetentionError::OutOfRange(_) => "period_out_of_range",
            RetentionError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        matches!(
            self,
            RetentionError::BadPeriod(_) | RetentionError::OutOfRange(_)
        )
    }

    fn detail(&self) -> Option<String> {
        match self {
            RetentionError::Store(e) => e.detail(),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for RetentionError {
    fn from(e: rusqlite::Error) -> Self {
        RetentionError::Store(e.into())
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Days,
    Months,
    Years,
}

/// A retention period such as 18 months; written as `18m`, `2y` or `540d`.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPeriod {
    pub amount: u32,
    pub unit: Unit,
}

impl Default for RetentionPeriod {
    fn default() -> Self {
        RetentionPeriod {
            amount: 18,
            unit: Unit::Months,
        }
    }
}

impl std::fmt::Display for RetentionPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let u = match self.unit {
            Unit::Days => 'd',
            Unit::Months => 'm',
            Unit::Years => 'y',
        };
        write!(f, "{}{u}", self.amount)
    }
}

impl std::str::FromStr for RetentionPeriod {
    type Err = RetentionError;

    /// `18m`, `18 maanden`, `2y`, `2j`, `2 jaar`, `540d`, `540 dagen`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_lowercase();
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        let unit = t[digits.len()..].trim();
        let amount: u32 = digits
            .parse()
            .map_err(|_| RetentionError::BadPeriod(s.to_string()))?;
        let unit = match unit {
            "d" | "dag" | "dagen" => Unit::Days,
            "m" | "mnd" | "maand" | "maanden" => Unit::Months,
            "y" | "j" | "jr" | "jaar" => Unit::Years,
            _ => return Err(RetentionError::BadPeriod(s.to_string())),
        };
        let p = RetentionPeriod { amount, unit };
        // Between one month and ten years, in the unit asked.
        let allowed = match unit {
            Unit::Days => 30..=3650,
            Unit::Months => 1..=120,
            Unit::Years => 1..=10,
        };
        if !allowed.contains(&amount) {
            return Err(RetentionError::OutOfRange(p.to_string()));
        }
        Ok(p)
    }
}

impl RetentionPeriod {
    /// "18 maanden", "2 jaar", "540 dagen".
    pub fn label(&self) -> String {
        let unit = match (self.unit, self.amount) {
            (Unit::Days, 1) => "dag",
            (Unit::Days, _) => "dagen",
            (Unit::Months, 1) => "maand",
            (Unit::Months, _) => "maanden",
            (Unit::Years, _) => "jaar",
        };
        format!("{} {unit}", self.amount)
    }

    /// The first day that is still within the period, counted back from `today`.
    pub fn cutoff(&self, today: NaiveDate) -> NaiveDate {
        match self.unit {
            Unit::Days => today - chrono::Duration::days(self.amount as i64),
            Unit::Months => today
                .checked_sub_months(Months::new(self.amount))
                .unwrap_or(NaiveDate::MIN),
            Unit::Years => today
                .checked_sub_months(Months::new(self.amount * 12))
                .unwrap_or(NaiveDate::MIN),
        }
    }
}

/// The retention period set for this store (default 18 months).
pub fn retention_period(conn: &Connection) -> Result<RetentionPeriod, RetentionError> {
    match crate::store::meta::get(conn, SETTING)? {
        Some(s) => s.parse(),
        None => Ok(RetentionPeriod::default()),
    }
}

/// Sets the retention period (a coordinator's choice); recorded in the audit log.
pub fn set_retention_period(store: &Store, period: RetentionPeriod) -> Result<(), RetentionError> {
    // Validate through the parser so the same bounds apply everywhere.
    let period: RetentionPeriod = period.to_string().parse()?;
    store.meta_set(SETTING, Some(&period.to_string()))?;
    store.audit(
        "purge",
        &serde_json::json!({ "setting": "retention_period", "period": period.to_string() }),
    )?;
    Ok(())
}

/// What to purge. Serialisable for the app.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeRequest {
    /// Default: the store's retention setting.
    #[serde(default)]
    pub older_than: Option<RetentionPeriod>,
    /// Count only; change nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Default: today (UTC). Set in tests.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub today: Option<NaiveDate>,
}

/// What a purge removed (or, in a dry run, would remove).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeReport {
    pub period: RetentionPeriod,
    /// Records whose last contact is before this day were purged.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub cutoff: NaiveDate,
    pub dry_run: bool,
    pub households: u64,
    pub conversations: u64,
    pub quotes_deleted: u64,
    pub visit_notes: u64,
    pub referral_notes: u64,
    pub checks: u64,
}

impl PurgeReport {
    /// A report of a purge that removed nothing.
    fn nothing(period: RetentionPeriod, cutoff: NaiveDate) -> PurgeReport {
        PurgeReport {
            period,
            cutoff,
            dry_run: false,
            households: 0,
            conversations: 0,
            quotes_deleted: 0,
            visit_notes: 0,
            referral_notes: 0,
            checks: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.households
            + self.conversations
            + self.quotes_deleted
            + self.visit_notes
            + self.referral_notes
            + self.checks
            == 0
    }

    /// The visible notice (Dutch), e.g. at app start.
    pub fn notice(&self) -> String {
        let what = if self.dry_run {
            "zouden worden verwijderd"
        } else {
            "zijn verwijderd"
        };
        if self.is_empty() {
            return format!(
                "Bewaartermijn {}: er zijn geen persoonsgegevens ouder dan {} (laatste contact).",
                self.period.label(),
                self.cutoff
            );
        }
        format!(
            "Bewaartermijn {} (laatste contact vóór {}): persoonsgegevens {what} van {} huishoudens en {} gesprekken \
             ({} citaten zonder toestemming, {} bezoeknotities, {} notities bij doorverwijzingen, {} checks). \
             Wijk, datums, waarden en statussen blijven bewaard voor de wijkcijfers.",
            self.period.label(),
            self.cutoff,
            self.households,
            self.conversations,
            self.quotes_deleted,
            self.visit_notes,
            self.referral_notes,
            self.checks
        )
    }
}

/// Purges personal fields past the retention period (see the module doc).
/// Idempotent: a second run finds nothing. A dry run counts in a transaction
/// that is rolled back, so its numbers are exactly what a real run would do.
pub fn purge(store: &mut Store, req: &PurgeRequest) -> Result<PurgeReport, RetentionError> {
    let period = match req.older_than {
        Some(p) => p.to_string().parse()?,
        None => retention_period(store.conn())?,
    };
    let today = req.today.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let cutoff = period.cutoff(today);
    let _cache = crate::store::BulkCache::raise(store.conn())?;
    purge_inner(store, req.dry_run, period, cutoff)
}

fn purge_inner(
    store: &Store,
    dry_run: bool,
    period: RetentionPeriod,
    cutoff: NaiveDate,
) -> Result<PurgeReport, RetentionError> {
    let profile = store.profile().clone();
    let stamper = store.stamper();
    let stamp = stamper.stamp();
    // The caller holds `&mut Store`: no other transaction can be open.
    let tx = store.conn().unchecked_transaction()?;
    let mut report = PurgeReport {
        dry_run,
        ..PurgeReport::nothing(period, cutoff)
    };
    let c = cutoff.to_string();
    let bump = "updated_at = ?1, device_id = ?2, author = ?3";
    let who = params![stamp.hlc, stamp.device_id, stamp.author];
    // Two scratch tables, each filled in one pass over its table: every
    // household and conversation that is purged after this run (`new` = 1 for
    // those purged now). The statements below only look ids up in them.
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.purge_household; DROP TABLE IF EXISTS temp.purge_conversation;
         CREATE TEMP TABLE purge_household(id TEXT PRIMARY KEY, new INTEGER NOT NULL) WITHOUT ROWID;
         CREATE TEMP TABLE purge_conversation(id TEXT PRIMARY KEY, new INTEGER NOT NULL, quoting INTEGER NOT NULL)
           WITHOUT ROWID;",
    )?;
    tx.execute(
        "INSERT INTO purge_household(id, new)
         WITH ref AS (SELECT household_id, max(status_on) AS last FROM referral
                      WHERE household_id IS NOT NULL GROUP BY household_id)
         SELECT h.id, h.purged = 0 FROM household h LEFT JOIN ref ON ref.household_id = h.id
         WHERE h.purged = 1
            OR max(coalesce(h.last_contact, ''), substr(h.created_at, 1, 10), coalesce(ref.last, '')) < ?1",
        [&c],
    )?;
    report.households = tx.execute(
        &format!(
            "UPDATE household SET street = NULL, number = NULL, addition = NULL, postcode = NULL, complex_id = NULL,
               contact_consent = 0, contact_name = NULL, contact_phone = NULL, contact_email = NULL, purged = 1, {bump}
             WHERE id IN (SELECT id FROM purge_household WHERE new = 1)"
        ),
        who,
    )? as u64;
    tx.execute(
        "INSERT INTO purge_conversation(id, new, quoting)
         SELECT c.id, c.purged = 0, c.consent_quoting FROM conversation c
         WHERE c.purged = 1 OR (c.household_id IS NULL AND c.held_on < ?1)
            OR c.household_id IN (SELECT id FROM purge_household)",
        [&c],
    )?;
    report.conversations = tx.execute(
        &format!(
            "UPDATE conversation SET story = '', follow_up_note = '', purged = 1, {bump}
             WHERE id IN (SELECT id FROM purge_conversation WHERE new = 1)"
        ),
        who,
    )? as u64;
    report.quotes_deleted = tx.execute(
        "DELETE FROM quote WHERE rowid IN (
            SELECT q.rowid FROM quote q JOIN purge_conversation p ON p.id = q.conversation_id
            WHERE NOT (q.consent_quoting = 1 AND p.quoting = 1))",
        [],
    )? as u64;
    report.visit_notes = tx.execute(
        &format!(
            "UPDATE visit SET note = '', {bump}
             WHERE note <> '' AND household_id IN (SELECT id FROM purge_household WHERE new = 1)"
        ),
        who,
    )? as u64;
    report.referral_notes = tx.execute(
        &format!(
            "UPDATE referral SET note = '', {bump}
             WHERE note <> '' AND (household_id IN (SELECT id FROM purge_household)
                                   OR conversation_id IN (SELECT id FROM purge_conversation))"
        ),
        who,
    )? as u64;
    report.checks = tx.execute(
        &format!(
            "UPDATE benefit_check SET income_band = 'onbekend', rent_band = 'onbekend', children = 0, {bump}
             WHERE household_id IN (SELECT id FROM purge_household)
               AND (income_band <> 'onbekend' OR rent_band <> 'onbekend' OR children <> 0)"
        ),
        who,
    )? as u64;
    tx.execute_batch("DROP TABLE temp.purge_household; DROP TABLE temp.purge_conversation;")?;
    if dry_run {
        tx.rollback()?;
        return Ok(report);
    }
    if !report.is_empty() {
        // In the same transaction, so the file is written once.
        optimize_search(&tx)?;
    }
    stamper.persist(&tx)?;
    audit_in(
        &tx,
        &profile,
        "purge",
        &serde_json::to_value(&report).expect("report serialises"),
    )?;
    tx.commit()?;
    if !report.is_empty() {
        truncate_wal(store.conn())?;
    }
    Ok(report)
}

/// Rewrites the full-text index into one segment: until then, old segments
/// still list which words erased stories and quotes contained.
pub(crate) fn optimize_search(conn: &Connection) -> Result<(), RetentionError> {
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')", [])?;
    Ok(())
}

/// Moves the write-ahead log into the database file and empties it, so the
/// pages written before the erasure are overwritten in place. Freed pages are
/// zeroed by `secure_delete`, which the store turns on.
pub(crate) fn truncate_wal(conn: &Connection) -> Result<(), RetentionError> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

/// The purge the app runs when it starts: with the store's retention setting.
/// Returns what was purged, for a visible notice (show it unless `is_empty()`).
///
/// At city scale the purge reads every household, so it runs at most once a
/// day: it is skipped (an empty report) when it already ran today with the
/// same period and no merge, import or demo data arrived since. Records that
/// become due during the day are purged at the next day's start, or at once
/// with [`purge`] (`wwk purge`, "Nu opschonen" in the app).
pub fn purge_at_start(store: &mut Store) -> Result<PurgeReport, RetentionError> {
    let today = chrono::Utc::now().date_naive();
    let period = retention_period(store.conn())?;
    let seen = store.meta_get(LAST_START)?;
    // The purge itself adds no incoming batch, so the marker holds after it too.
    let marker = start_marker(store.conn(), today, period)?;
    if seen.as_deref() == Some(marker.as_str()) {
        return Ok(PurgeReport::nothing(period, period.cutoff(today)));
    }
    let report = purge(
        store,
        &PurgeRequest {
            today: Some(today),
            ..PurgeRequest::default()
        },
    )?;
    store.meta_set(LAST_RUN, Some(&crate::util::now_rfc3339()))?;
    store.meta_set(LAST_START, Some(&marker))?;
    Ok(report)
}

/// The day, the period and the last incoming batch (merge, import, demo) in
/// the audit log: a purge at start with the same marker would find nothing new.
fn start_marker(
    conn: &Connection,
    today: NaiveDate,
    period: RetentionPeriod,
) -> Result<String, RetentionError> {
    let seq: i64 = conn.query_row(
        &format!("SELECT coalesce(max(seq), 0) FROM audit_log WHERE action IN {INCOMING}"),
        [],
        |r| r.get(0),
    )?;
    Ok(format!("{today}|{period}|{seq}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_count_back() {
        let p: RetentionPeriod = "18m".parse().unwrap();
        assert_eq!(p, RetentionPeriod::default());
        assert_eq!("2y".parse::<RetentionPeriod>().unwrap().to_string(), "2y");
        assert_eq!(
            "2 jaar".parse::<RetentionPeriod>().unwrap().to_string(),
            "2y"
        );
        assert_eq!(
            "540d".parse::<RetentionPeriod>().unwrap().label(),
            "540 dagen"
        );
        for bad in ["", "18", "m", "18w", "-3m", "1.5y"] {
            assert!(
                matches!(
                    bad.parse::<RetentionPeriod>(),
                    Err(RetentionError::BadPeriod(_))
                ),
                "{bad}"
            );
        }
        for edge in ["120m", "3650d", "10y", "1m", "30d"] {
            assert!(edge.parse::<RetentionPeriod>().is_ok(), "{edge}");
        }
        for far in ["0d", "29d", "11y", "121m", "3651d", "0m"] {
            assert!(
                matches!(
                    far.parse::<RetentionPeriod>(),
                    Err(RetentionError::OutOfRange(_))
                ),
                "{far}"
            );
        }
        let today = NaiveDate::from_ymd_opt(2026, 8, 31).unwrap();
        assert_eq!(p.cutoff(today).to_string(), "2025-02-28");
        assert_eq!(
            "540d"
                .parse::<RetentionPeriod>()
                .unwrap()
                .cutoff(today)
                .to_string(),
            "2025-03-09"
        );
    }
}
