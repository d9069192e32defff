//! "Gegevens van een bewoner": the AVG rights of access and erasure for one
//! household. [`find_residents`] finds it by address, postcode or contact
//! detail; [`resident_data`] collects everything the store holds about it
//! (to hand over as JSON: [`export_resident`]); [`erase_resident`] removes its
//! personal data at once, like a purge but also consented quotes and factor
//! texts, and withdraws its consents. Access and erasure are audited (by
//! household id only: the audit log never holds the address).

use crate::error::ErrorCode;

use super::retention::RetentionError;
use crate::domain::check::Check;
use crate::domain::conversation::Conversation;
use crate::domain::referral::Referral;
use crate::store::audit_in;
use crate::{DomainError, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ResidentError {
    #[error("huishouden niet gevonden ({0})")]
    NotFound(String),
    #[error("\"{query}\" past bij {found} huishoudens: {list}. Geef het id van het bedoelde huishouden (zie wwk resident find).")]
    Ambiguous {
        query: String,
        found: String,
        list: String,
    },
    #[error("zoek op minstens 3 tekens (straat en huisnummer, postcode en huisnummer, naam, telefoon of e-mail)")]
    QueryTooShort,
    #[error("de zoekvraag is te lang (max. {MAX_QUERY} tekens)")]
    QueryTooLong,
    #[error("huisnummer \"{0}\" is geen geldig huisnummer (1 tot {MAX_HOUSE_NUMBER}, eventueel met toevoeging)")]
    BadNumber(String),
    #[error("{0} kon niet worden geschreven: {why}", why = crate::util::reason::io(.1))]
    Io(std::path::PathBuf, #[source] std::io::Error),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    Retention(#[from] RetentionError),
    #[error(transparent)]
    Output(#[from] crate::util::output::OutputError),
    #[error(transparent)]
    Store(#[from] crate::StoreError),
}

impl ErrorCode for ResidentError {
    fn code(&self) -> &'static str {
        match self {
            ResidentError::NotFound(_) => "not_found",
            ResidentError::Ambiguous { .. } => "ambiguous_resident",
            ResidentError::QueryTooShort => "query_too_short",
            ResidentError::QueryTooLong => "query_too_long",
            ResidentError::BadNumber(_) => "bad_house_number",
            ResidentError::Io(..) => "io",
            ResidentError::Domain(e) => e.code(),
            ResidentError::Retention(e) => e.code(),
            ResidentError::Output(e) => e.code(),
            ResidentError::Store(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            ResidentError::NotFound(_)
            | ResidentError::Ambiguous { .. }
            | ResidentError::QueryTooShort
            | ResidentError::QueryTooLong
            | ResidentError::BadNumber(_)
            | ResidentError::Io(..) => true,
            ResidentError::Domain(e) => e.is_invalid_input(),
            ResidentError::Output(_) => true,
            _ => false,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ResidentError::Io(_, e) => Some(e.to_string()),
            ResidentError::Domain(e) => e.detail(),
            ResidentError::Retention(e) => e.detail(),
            ResidentError::Output(e) => e.detail(),
            ResidentError::Store(e) => e.detail(),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for ResidentError {
    fn from(e: rusqlite::Error) -> Self {
        ResidentError::Store(e.into())
    }
}

/// A household found by [`find_residents`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentMatch {
    pub household_id: String,
    /// "Meijhorst 12A" (empty once purged).
    pub address: String,
    pub postcode: Option<String>,
    pub wijk_code: String,
    pub wijk: String,
    pub contact_name: Option<String>,
    pub last_contact: Option<String>,
    pub conversations: u64,
    pub checks: u64,
    /// Personal data already removed (retention or erasure).
    pub purged: bool,
}

/// Longest search accepted (characters).
pub const MAX_QUERY: usize = 200;
/// Highest house number accepted (Dutch numbers have at most five digits).
pub const MAX_HOUSE_NUMBER: u32 = 99_999;

/// Finds households by "Meijhorst 12a", "6544 AB 12", a contact name, phone
/// number or e-mail address. At most `limit` results. A house number that
/// cannot be read is an error, never left out of the search.
pub fn find_residents(
    store: &Store,
    query: &str,
    limit: u32,
) -> Result<Vec<ResidentMatch>, ResidentError> {
    let q = query.trim();
    if q.chars().count() < 3 {
        return Err(ResidentError::QueryTooShort);
    }
    if q.chars().count() > MAX_QUERY {
        return Err(ResidentError::QueryTooLong);
    }
    // Postcode (with or without space) and optionally a number with addition.
    let compact: String = q
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let (pc, pc_rest) = if compact.len() >= 6
        && crate::domain::household::normalise_postcode(&compact[..6]).is_ok()
    {
        (Some(compact[..6].to_string()), compact[6..].to_string())
    } else {
        (None, String::new())
    };
    // A house number that cannot be read is an error, never dropped: the
    // search would otherwise list other households (and one could be erased).
    let split_number = |s: &str| -> Result<(Option<u32>, Option<String>), ResidentError> {
        let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
        let add: String = s[digits.len()..]
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        let number = match digits.parse::<u32>() {
            _ if digits.is_empty() => None,
            Ok(n) if (1..=MAX_HOUSE_NUMBER).contains(&n) => Some(n),
            _ => return Err(ResidentError::BadNumber(digits.chars().take(20).collect())),
        };
        if add.chars().count() > 10 {
            return Err(ResidentError::BadNumber(s.chars().take(20).collect()));
        }
        Ok((number, (!add.is_empty()).then(|| add.to_uppercase())))
    };
    let (street, number, addition) = match &pc {
        Some(_) => {
            let (n, a) = split_number(&pc_rest)?;
            (None, n, a)
        }
        None => {
            // "Sint Annastraat 12a": the last word starting with a digit is the number.
            match q.rsplit_once(' ') {
                Some((s, n)) if n.starts_with(|c: char| c.is_ascii_digit()) => {
                    let (num, add) = split_number(n)?;
                    (Some(s.trim().to_string()), num, add)
                }
                _ => (Some(q.to_string()), None, None),
            }
        }
    };
    let like = |s: &str| {
        format!(
            "%{}%",
            s.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    };
    let street_like = street
        .as_deref()
        .map(|s| like(s).trim_start_matches('%').to_string());
    let contact_like = like(q);
    let mut stmt = store.conn().prepare(&format!(
        "{MATCH_SELECT}
         WHERE h.deleted = 0 AND (
            (?1 IS NOT NULL AND h.postcode = ?1 AND (?3 IS NULL OR h.number = ?3) AND (?4 IS NULL OR h.addition = ?4))
            OR (?2 IS NOT NULL AND h.street LIKE ?2 ESCAPE '\\' AND (?3 IS NULL OR h.number = ?3)
                AND (?4 IS NULL OR h.addition = ?4))
            OR h.contact_name LIKE ?5 ESCAPE '\\' OR h.contact_phone LIKE ?5 ESCAPE '\\'
            OR h.contact_email LIKE ?5 ESCAPE '\\')
         ORDER BY h.street, h.number, h.addition, h.id LIMIT ?6"
    ))?;
    let rows = stmt.query_map(
        params![pc, street_like, number, addition, contact_like, limit],
        match_from_row,
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}

const MATCH_SELECT: &str = "SELECT h.id, h.street, h.number, h.addition, h.postcode, h.wijk_code,
        coalesce(a.name, ''), h.contact_name, h.last_contact, h.purged,
        (SELECT count(*) FROM conversation c WHERE c.household_id = h.id AND c.deleted = 0),
        (SELECT count(*) FROM benefit_check b WHERE b.household_id = h.id AND b.deleted = 0)
     FROM household h LEFT JOIN area a ON a.code = h.wijk_code";

fn match_from_row(r: &rusqlite::Row) -> rusqlite::Result<ResidentMatch> {
    let address = crate::domain::household::address_at(r, 1)?.unwrap_or_default();
    Ok(ResidentMatch {
        household_id: r.get(0)?,
        address,
        postcode: r.get(4)?,
        wijk_code: r.get(5)?,
        wijk: r.get(6)?,
        contact_name: r.get(7)?,
        last_contact: r.get(8)?,
        purged: r.get(9)?,
        conversations: r.get::<_, i64>(10)? as u64,
        checks: r.get::<_, i64>(11)? as u64,
    })
}

impl ResidentMatch {
    /// "Meijhorst 12A, 6544AB (Meijhorst), id …": how a household is named
    /// before its data is handed over or erased.
    pub fn describe(&self) -> String {
        let mut s = if self.address.is_empty() {
            "(adres gewist)".to_string()
        } else {
            self.address.clone()
        };
        if let Some(pc) = &self.postcode {
            s += &format!(", {pc}");
        }
        if !self.wijk.is_empty() {
            s += &format!(" ({})", self.wijk);
        }
        s + &format!(", id {}", self.household_id)
    }
}

/// Matches listed in an [`ResidentError::Ambiguous`] message.
const AMBIGUOUS_SHOWN: usize = 5;

/// The one household `key` names: its id, or a search ([`find_residents`])
/// that finds exactly one. An access or erasure request must reach the right
/// household, so a search matching several is refused, naming them.
pub fn resolve_resident(store: &Store, key: &str) -> Result<ResidentMatch, ResidentError> {
    let key = key.trim();
    let by_id = store
        .conn()
        .query_row(
            &format!("{MATCH_SELECT} WHERE h.deleted = 0 AND h.id = ?1"),
            [key],
            match_from_row,
        )
        .optional()?;
    if let Some(m) = by_id {
        return Ok(m);
    }
    let hits = find_residents(store, key, AMBIGUOUS_SHOWN as u32 + 1)?;
    match hits.len() {
        0 => Err(ResidentError::NotFound(key.chars().take(80).collect())),
        1 => Ok(hits.into_iter().next().expect("one")),
        n => Err(ResidentError::Ambiguous {
            query: key.chars().take(80).collect(),
            found: if n > AMBIGUOUS_SHOWN {
                format!("meer dan {AMBIGUOUS_SHOWN}")
            } else {
                n.to_string()
            },
            list: hits
                .iter()
                .take(AMBIGUOUS_SHOWN)
                .map(ResidentMatch::describe)
                .collect::<Vec<_>>()
                .join("; "),
        }),
    }
}

/// The household record with every personal field.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HouseholdRecord {
    pub id: String,
    pub wijk_code: String,
    pub complex: Option<String>,
    pub street: Option<String>,
    pub number: Option<u32>,
    pub addition: Option<String>,
    pub postcode: Option<String>,
    pub contact_consent: bool,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub last_contact: Option<String>,
    pub created_at: String,
    pub purged: bool,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitRecord {
    pub id: String,
    pub visited_at: String,
    pub outcome: String,
    pub campaign: Option<String>,
    pub note: String,
    pub worker: String,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipationRecord {
    pub id: String,
    pub kind: String,
    pub topic: String,
    pub signalled_on: String,
}

/// Everything the store holds about one household (AVG right of access).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResidentData {
    pub generated_at: String,
    /// What this document is, in Dutch, for the resident.
    pub explanation: String,
    pub household: HouseholdRecord,
    pub visits: Vec<VisitRecord>,
    pub conversations: Vec<Conversation>,
    pub checks: Vec<Check>,
    pub referrals: Vec<Referral>,
    pub participation: Vec<ParticipationRecord>,
}

fn household_record(conn: &Connection, id: &str) -> Result<HouseholdRecord, ResidentError> {
    conn.query_row(
        "SELECT h.id, h.wijk_code, c.name, h.street, h.number, h.addition, h.postcode, h.contact_consent,
                h.contact_name, h.contact_phone, h.contact_email, h.last_contact, h.created_at, h.purged
         FROM household h LEFT JOIN complex c ON c.id = h.complex_id WHERE h.id = ?1 AND h.deleted = 0",
        [id],
        |r| {
            Ok(HouseholdRecord {
                id: r.get(0)?,
                wijk_code: r.get(1)?,
                complex: r.get(2)?,
                street: r.get(3)?,
                number: r.get(4)?,
                addition: r.get(5)?,
                postcode: r.get(6)?,
                contact_consent: r.get(7)?,
                contact_name: r.get(8)?,
                contact_phone: r.get(9)?,
                contact_email: r.get(10)?,
                last_contact: r.get(11)?,
                created_at: r.get(12)?,
                purged: r.get(13)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| ResidentError::NotFound(id.to_string()))
}

fn ids(conn: &Connection, sql: &str, id: &str) -> Result<Vec<String>, ResidentError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Conversations about the household `?1`: registered ones, and unregistered
/// ones held at one of its visits (deleted ones too: they still hold text).
const CONV_IDS: &str = "SELECT id FROM conversation WHERE household_id = ?1
    OR visit_id IN (SELECT id FROM visit WHERE household_id = ?1)";
/// The live ones, in date order.
const CONVERSATIONS: &str = "SELECT id FROM conversation WHERE deleted = 0 AND (household_id = ?1
    OR visit_id IN (SELECT id FROM visit WHERE household_id = ?1)) ORDER BY held_on, id";

fn collect(conn: &Connection, id: &str) -> Result<ResidentData, ResidentError> {
    let household = household_record(conn, id)?;
    let mut stmt = conn.prepare(
        "SELECT v.id, v.visited_at, o.label, c.name, v.note, v.author FROM visit v
         JOIN outcome_code o ON o.code = v.outcome LEFT JOIN campaign c ON c.id = v.campaign_id
         WHERE v.household_id = ?1 AND v.deleted = 0 ORDER BY v.visited_at",
    )?;
    let visits = stmt
        .query_map([id], |r| {
            Ok(VisitRecord {
                id: r.get(0)?,
                visited_at: r.get(1)?,
                outcome: r.get(2)?,
                campaign: r.get(3)?,
                note: r.get(4)?,
                worker: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let conv_ids = ids(conn, CONVERSATIONS, id)?;
    let conversations = conv_ids
        .iter()
        .map(|c| crate::domain::conversation::get(conn, c))
        .collect::<Result<_, _>>()?;
    let checks = ids(
        conn,
        "SELECT id FROM benefit_check WHERE household_id = ?1 AND deleted = 0 ORDER BY checked_on, id",
        id,
    )?
    .iter()
    .map(|c| crate::domain::check::get(conn, c))
    .collect::<Result<_, _>>()?;
    let referrals = ids(
        conn,
        &format!(
            "SELECT id FROM referral WHERE deleted = 0 AND (household_id = ?1 OR conversation_id IN ({CONV_IDS}))
             ORDER BY proposed_on, id"
        ),
        id,
    )?
    .iter()
    .map(|r| crate::domain::referral::get(conn, r))
    .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT id, kind, topic, signalled_on FROM participation WHERE deleted = 0
           AND (household_id = ?1 OR conversation_id IN ({CONV_IDS})) ORDER BY signalled_on, id"
    ))?;
    let participation = stmt
        .query_map([id], |r| {
            Ok(ParticipationRecord {
                id: r.get(0)?,
                kind: r.get(1)?,
                topic: r.get(2)?,
                signalled_on: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(ResidentData {
        generated_at: crate::util::now_rfc3339(),
        explanation: "Dit zijn alle gegevens die Wijkwaardenkaart op dit apparaat over dit huishouden bewaart: \
            het adres en eventuele contactgegevens, de bezoeken aan de deur, de gesprekken (met verhaal, \
            genoemde waarden en citaten), voorzieningenchecks, doorverwijzingen en aanmeldingen om mee te doen. \
            Uitkomsten van de voorzieningencheck zijn indicaties, geen besluiten."
            .into(),
        household,
        visits,
        conversations,
        checks,
        referrals,
        participation,
    })
}

/// Everything held about a household (AVG right of access); audited.
pub fn resident_data(store: &Store, household_id: &str) -> Result<ResidentData, ResidentError> {
    store.require_writable()?;
    let data = collect(store.conn(), household_id)?;
    store.audit(
        "access",
        &serde_json::json!({ "household_id": household_id, "records": records(&data) }),
    )?;
    Ok(data)
}

fn records(d: &ResidentData) -> usize {
    1 + d.visits.len()
        + d.conversations.len()
        + d.checks.len()
        + d.referrals.len()
        + d.participation.len()
}

/// Writes [`resident_data`] as JSON to `path` (atomically); audited.
pub fn export_resident(
    store: &Store,
    household_id: &str,
    path: &Path,
) -> Result<ResidentData, ResidentError> {
    crate::util::output::check(path, Some(store.path()), &["json"])?;
    store.require_writable()?;
    let data = collect(store.conn(), household_id)?;
    let json = serde_json::to_vec_pretty(&data).expect("resident data serialises");
    crate::util::write_atomic(path, &json).map_err(|e| ResidentError::Io(path.to_path_buf(), e))?;
    store.audit(
        "access",
        &serde_json::json!({
            "household_id": household_id,
            "records": records(&data),
            "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
        }),
    )?;
    Ok(data)
}

/// What an erasure removed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EraseReport {
    pub household_id: String,
    pub conversations: u64,
    pub quotes_deleted: u64,
    pub visit_notes: u64,
    pub checks: u64,
    pub referral_notes: u64,
    pub participation_topics: u64,
}

/// Erases the household's personal data now (AVG right of erasure): the same
/// fields as a purge, plus all quotes (consents are withdrawn), the free-text
/// factors of its value tags and participation topics. Anonymous counts (wijk,
/// dates, value tags, check statuses) stay, so published figures do not
/// change. Audited; the household stays `purged` after any later merge.
pub fn erase_resident(store: &mut Store, household_id: &str) -> Result<EraseReport, ResidentError> {
    household_record(store.conn(), household_id)?;
    let profile = store.profile().clone();
    let stamper = store.stamper();
    let stamp = stamper.stamp();
    let tx = store.conn_mut().transaction()?;
    let bump = "updated_at = ?2, device_id = ?3, author = ?4";
    let p = params![household_id, stamp.hlc, stamp.device_id, stamp.author];
    let conv = CONV_IDS;
    let mut r = EraseReport {
        household_id: household_id.to_string(),
        ..EraseReport::default()
    };
    tx.execute(
        &format!(
            "UPDATE household SET street = NULL, number = NULL, addition = NULL, postcode = NULL, complex_id = NULL,
               contact_consent = 0, contact_name = NULL, contact_phone = NULL, contact_email = NULL, purged = 1, {bump}
             WHERE id = ?1"
        ),
        p,
    )?;
    r.quotes_deleted = tx.execute(
        &format!("DELETE FROM quote WHERE conversation_id IN ({conv})"),
        [household_id],
    )? as u64;
    tx.execute(
        &format!(
            "UPDATE conversation_value SET bevorderend = '', belemmerend = ''
             WHERE conversation_id IN ({conv}) AND (bevorderend <> '' OR belemmerend <> '')"
        ),
        [household_id],
    )?;
    r.conversations = tx.execute(
        &format!(
            "UPDATE conversation SET story = '', follow_up_note = '', consent_quoting = 0, consent_recontact = 0,
               purged = 1, {bump} WHERE id IN ({conv})"
        ),
        p,
    )? as u64;
    r.visit_notes = tx.execute(
        &format!("UPDATE visit SET note = '', {bump} WHERE household_id = ?1 AND note <> ''"),
        p,
    )? as u64;
    r.checks = tx.execute(
        &format!(
            "UPDATE benefit_check SET income_band = 'onbekend', rent_band = 'onbekend', children = 0, {bump}
             WHERE household_id = ?1"
        ),
        p,
    )? as u64;
    r.referral_notes = tx.execute(
        &format!(
            "UPDATE referral SET note = '', {bump}
             WHERE note <> '' AND (household_id = ?1 OR conversation_id IN ({conv}))"
        ),
        p,
    )? as u64;
    r.participation_topics = tx.execute(
        &format!(
            "UPDATE participation SET topic = '', {bump}
             WHERE topic <> '' AND (household_id = ?1 OR conversation_id IN ({conv}))"
        ),
        p,
    )? as u64;
    super::retention::optimize_search(&tx)?;
    stamper.persist(&tx)?;
    audit_in(
        &tx,
        &profile,
        "erase",
        &serde_json::to_value(&r).expect("report serialises"),
    )?;
    tx.commit()?;
    super::retention::truncate_wal(store.conn())?;
    Ok(r)
}
