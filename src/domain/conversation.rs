//! Conversations: the open story, the values named (with bevorderend and
//! belemmerend factors), themes, quotes, consents and the wish for a follow-up.

use super::household::{self, Contact};
use super::{parse_date, require_live, require_wijk, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Longest story accepted (characters).
pub const MAX_STORY: usize = 100_000;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Sentiment {
    /// The resident values this and it is (mostly) there.
    Valued,
    /// The resident values this and is worried about it.
    Concern,
}

impl Sentiment {
    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Valued => "valued",
            Sentiment::Concern => "concern",
        }
    }

    pub fn parse(s: &str) -> Option<Sentiment> {
        match s {
            "valued" => Some(Sentiment::Valued),
            "concern" => Some(Sentiment::Concern),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueTag {
    pub value_id: String,
    pub sentiment: Sentiment,
    #[serde(default)]
    pub bevorderend: String,
    #[serde(default)]
    pub belemmerend: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Quote {
    #[serde(default)]
    pub id: Option<String>,
    pub text: String,
    /// The resident agreed that this quote may be used (anonymously).
    pub consent_quoting: bool,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Consent {
    /// Agreement to register this conversation (linked to the address).
    pub registration: bool,
    /// Agreement that quotes may be used anonymously.
    pub quoting: bool,
    /// Agreement to be contacted again.
    pub recontact: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConversationInput {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub household_id: Option<String>,
    #[serde(default)]
    pub visit_id: Option<String>,
    #[serde(default)]
    pub campaign_id: Option<String>,
    pub wijk_code: String,
    /// `YYYY-MM-DD`
    pub held_on: String,
    #[serde(default)]
    pub workers: Vec<String>,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub story: String,
    #[serde(default)]
    pub values: Vec<ValueTag>,
    #[serde(default)]
    pub themes: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub consent: Consent,
    #[serde(default)]
    pub follow_up_wanted: bool,
    #[serde(default)]
    pub follow_up_note: String,
    /// Stored on the household, and only with recontact consent.
    #[serde(default)]
    pub contact: Option<Contact>,
}

fn default_language() -> String {
    "nl".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conversation {
    pub id: String,
    pub household_id: Option<String>,
    pub visit_id: Option<String>,
    pub campaign_id: Option<String>,
    pub wijk_code: String,
    pub held_on: String,
    pub workers: Vec<String>,
    pub language: String,
    pub story: String,
    pub values: Vec<ValueTag>,
    pub themes: Vec<String>,
    pub quotes: Vec<Quote>,
    pub consent: Consent,
    pub follow_up_wanted: bool,
    pub follow_up_note: String,
    pub follow_up_done: bool,
    pub author: String,
    pub updated_at: String,
}

/// Validates and normalises the input; returns the cleaned copy.
fn validate(
    conn: &Connection,
    input: &ConversationInput,
) -> Result<ConversationInput, DomainError> {
    let mut c = input.clone();
    require_wijk(conn, &c.wijk_code)?;
    let held = parse_date("gespreksdatum", &c.held_on)?;
    c.held_on = held.to_string();
    if let Some(h) = &c.household_id {
        require_live(conn, "household", "huishouden", h)?;
    }
    if let Some(v) = &c.visit_id {
        require_live(conn, "visit", "bezoek", v)?;
    }
    if let Some(k) = &c.campaign_id {
        require_live(conn, "campaign", "ronde", k)?;
    }
    if c.story.chars().count() > MAX_STORY {
        return Err(DomainError::Invalid(format!(
            "het verhaal is te lang (max. {MAX_STORY} tekens)"
        )));
    }
    c.story = c.story.trim().to_string();
    c.language = text("taal", &c.language, 20)?;
    c.follow_up_note = text("opvolgnotitie", &c.follow_up_note, 2000)?;
    c.workers = c
        .workers
        .iter()
        .map(|w| text("medewerker", w, 100))
        .collect::<Result<Vec<_>, _>>()?;
    c.workers.retain(|w| !w.is_empty());
    let mut seen = std::collections::HashSet::new();
    for v in &mut c.values {
        if !seen.insert(v.value_id.clone()) {
            return Err(DomainError::Invalid(format!(
                "waarde \"{}\" is twee keer gekozen",
                v.value_id
            )));
        }
        let found: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM value_catalog WHERE id = ?1")?
            .query_row([&v.value_id], |r| r.get(0))
            .optional()?;
        if found.is_none() {
            return Err(DomainError::UnknownCode {
                what: "waarde",
                code: v.value_id.clone(),
            });
        }
        v.bevorderend = text("bevorderend", &v.bevorderend, 2000)?;
        v.belemmerend = text("belemmerend", &v.belemmerend, 2000)?;
    }
    let mut themes: Vec<String> = Vec::new();
    for t in &c.themes {
        let t = text("thema", t, 80)?.to_lowercase();
        if !t.is_empty() && !themes.contains(&t) {
            themes.push(t);
        }
    }
    c.themes = themes;
    for q in &mut c.quotes {
        q.text = text("citaat", &q.text, 2000)?;
        if q.text.is_empty() {
            return Err(DomainError::Invalid("een citaat is leeg".into()));
        }
        // A quote is only usable when the conversation-level consent was given too.
        q.consent_quoting &= c.consent.quoting;
    }
    if c.contact.is_some() && !c.consent.recontact {
        return Err(DomainError::Invalid(
            "contactgegevens mogen alleen worden bewaard als de bewoner toestemming gaf om opnieuw contact op te nemen".into(),
        ));
    }
    if c.contact.is_some() && c.household_id.is_none() {
        return Err(DomainError::Invalid(
            "contactgegevens horen bij een adres; kies eerst het huishouden".into(),
        ));
    }
    if !c.consent.registration && c.household_id.is_some() {
        return Err(DomainError::Invalid(
            "zonder toestemming voor registratie wordt het gesprek niet aan een adres gekoppeld"
                .into(),
        ));
    }
    Ok(c)
}

pub fn save(
    conn: &Connection,
    stamp: &Stamp,
    input: &ConversationInput,
) -> Result<String, DomainError> {
    let c = validate(conn, input)?;
    let workers = serde_json::to_string(&c.workers).expect("strings serialise");
    let id = match &c.id {
        None => {
            conn.prepare_cached(
                "INSERT INTO conversation(id, created_at, updated_at, device_id, author, household_id, visit_id, campaign_id,
                   wijk_code, held_on, workers, language, story, consent_registration, consent_quoting, consent_recontact,
                   follow_up_wanted, follow_up_note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?
            .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, c.household_id,
                c.visit_id, c.campaign_id, c.wijk_code, c.held_on, workers, c.language, c.story, c.consent.registration,
                c.consent.quoting, c.consent.recontact, c.follow_up_wanted, c.follow_up_note])?;
            stamp.id.clone()
        }
        Some(id) => {
            require_live(conn, "conversation", "gesprek", id)?;
            conn.prepare_cached(
                "UPDATE conversation SET updated_at = ?2, device_id = ?3, author = ?4, household_id = ?5, visit_id = ?6,
                   campaign_id = ?7, wijk_code = ?8, held_on = ?9, workers = ?10, language = ?11, story = ?12,
                   consent_registration = ?13, consent_quoting = ?14, consent_recontact = ?15, follow_up_wanted = ?16,
                   follow_up_note = ?17 WHERE id = ?1",
            )?
            .execute(params![id, stamp.hlc, stamp.device_id, stamp.author, c.household_id, c.visit_id, c.campaign_id,
                c.wijk_code, c.held_on, workers, c.language, c.story, c.consent.registration, c.consent.quoting,
                c.consent.recontact, c.follow_up_wanted, c.follow_up_note])?;
            for table in ["conversation_value", "conversation_theme", "quote"] {
                conn.prepare_cached(&format!("DELETE FROM {table} WHERE conversation_id = ?1"))?
                    .execute([id])?;
            }
            id.clone()
        }
    };
    write_children(conn, &id, &c)?;
    if let Some(h) = &c.household_id {
        household::touch(conn, h, &c.held_on)?;
        if c.consent.recontact {
            if let Some(contact) = &c.contact {
                household::set_contact(conn, stamp, h, Some(contact))?;
            }
        }
    }
    Ok(id)
}

fn write_children(conn: &Connection, id: &str, c: &ConversationInput) -> Result<(), DomainError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO conversation_value(conversation_id, value_id, sentiment, bevorderend, belemmerend) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for v in &c.values {
        stmt.execute(params![
            id,
            v.value_id,
            v.sentiment.as_str(),
            v.bevorderend,
            v.belemmerend
        ])?;
    }
    let mut stmt = conn
        .prepare_cached("INSERT INTO conversation_theme(conversation_id, theme) VALUES (?1, ?2)")?;
    for t in &c.themes {
        stmt.execute(params![id, t])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO quote(id, conversation_id, position, text, consent_quoting) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, q) in c.quotes.iter().enumerate() {
        // Quote ids are derived from the conversation so that saving the same
        // content on two devices yields identical records.
        let qid = q.id.clone().unwrap_or_else(|| format!("{id}-q{i}"));
        stmt.execute(params![qid, id, i as i64, q.text, q.consent_quoting])?;
    }
    Ok(())
}

pub fn get(conn: &Connection, id: &str) -> Result<Conversation, DomainError> {
    let mut c = conn
        .query_row(
            "SELECT id, household_id, visit_id, campaign_id, wijk_code, held_on, workers, language, story,
                    consent_registration, consent_quoting, consent_recontact, follow_up_wanted, follow_up_note,
                    follow_up_done, author, updated_at
             FROM conversation WHERE id = ?1 AND deleted = 0",
            [id],
            |r| {
                let workers: String = r.get(6)?;
                Ok(Conversation {
                    id: r.get(0)?,
                    household_id: r.get(1)?,
                    visit_id: r.get(2)?,
                    campaign_id: r.get(3)?,
                    wijk_code: r.get(4)?,
                    held_on: r.get(5)?,
                    workers: serde_json::from_str(&workers).unwrap_or_default(),
                    language: r.get(7)?,
                    story: r.get(8)?,
                    values: vec![],
                    themes: vec![],
                    quotes: vec![],
                    consent: Consent { registration: r.get(9)?, quoting: r.get(10)?, recontact: r.get(11)? },
                    follow_up_wanted: r.get(12)?,
                    follow_up_note: r.get(13)?,
                    follow_up_done: r.get(14)?,
                    author: r.get(15)?,
                    updated_at: r.get(16)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| DomainError::NotFound { what: "gesprek", id: id.to_string() })?;
    let mut stmt = conn.prepare_cached(
        "SELECT cv.value_id, cv.sentiment, cv.bevorderend, cv.belemmerend FROM conversation_value cv
         JOIN value_catalog v ON v.id = cv.value_id WHERE cv.conversation_id = ?1 ORDER BY v.sort, v.id",
    )?;
    c.values = stmt
        .query_map([id], |r| {
            let s: String = r.get(1)?;
            Ok(ValueTag {
                value_id: r.get(0)?,
                sentiment: Sentiment::parse(&s).unwrap_or(Sentiment::Valued),
                bevorderend: r.get(2)?,
                belemmerend: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT theme FROM conversation_theme WHERE conversation_id = ?1 ORDER BY theme",
    )?;
    c.themes = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, consent_quoting FROM quote WHERE conversation_id = ?1 ORDER BY position",
    )?;
    c.quotes = stmt
        .query_map([id], |r| {
            Ok(Quote {
                id: r.get(0)?,
                text: r.get(1)?,
                consent_quoting: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(c)
}

impl Store {
    /// Creates or updates a conversation (with its values, themes and quotes) in one transaction.
    pub fn save_conversation(
        &mut self,
        input: &ConversationInput,
    ) -> Result<Conversation, DomainError> {
        let id = self.write(|tx, st| save(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    pub fn conversation(&self, id: &str) -> Result<Conversation, DomainError> {
        get(self.conn(), id)
    }

    /// Marks a follow-up as handled (or reopens it).
    pub fn set_follow_up_done(&mut self, id: &str, done: bool) -> Result<(), DomainError> {
        self.write(|tx, st| {
            require_live(tx, "conversation", "gesprek", id)?;
            let s = st.stamp();
            tx.execute(
                "UPDATE conversation SET follow_up_done = ?2, updated_at = ?3, device_id = ?4, author = ?5 WHERE id = ?1",
                params![id, done, s.hlc, s.device_id, s.author],
            )?;
            Ok(())
        })
    }
}
