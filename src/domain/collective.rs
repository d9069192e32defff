//! Collective actions: what a team does in a wijk or a complex after the
//! conversations ("Wat doen we ermee?" on the wijk dashboard, IPC
//! `save_collective_action`, `wwk collective`). A title, dates, the values
//! and themes it answers, the number of residents involved (a count, never
//! names), partners and a status. The profile's "Meedoen en collectieve
//! actie" lists them.

use super::{parse_date, require_live, require_wijk, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// Statuses in order, with their Dutch labels.
pub const STATUSES: &[(&str, &str)] = &[
    ("idee", "Idee"),
    ("in_voorbereiding", "In voorbereiding"),
    ("uitgevoerd", "Uitgevoerd"),
    ("geevalueerd", "Geëvalueerd"),
];

/// Partners a team works with, with their Dutch labels.
pub const PARTNERS: &[(&str, &str)] = &[
    ("woningcorporatie", "Woningcorporatie"),
    ("buurtteam", "Buurtteam"),
    ("stip", "Stip"),
    ("few", "Financieel Expert in de Wijk"),
    ("team_geldzorgen", "Team Geldzorgen"),
    ("gemeente", "Gemeente Nijmegen"),
    ("bewonersorganisatie", "Bewonersorganisatie"),
    ("anders", "Andere organisatie"),
];

/// Most values, themes or partners one action names.
const MAX_TAGS: usize = 20;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectiveActionInput {
    /// `None` for a new action; an id updates it.
    #[serde(default)]
    pub id: Option<String>,
    pub wijk_code: String,
    #[serde(default)]
    pub complex_id: Option<String>,
    pub title: String,
    /// `YYYY-MM-DD`
    pub started_on: String,
    #[serde(default)]
    pub ended_on: Option<String>,
    /// A code of [`STATUSES`].
    pub status: String,
    /// Residents taking part: a count, never names.
    pub residents: u32,
    /// Value ids from the values catalogue.
    #[serde(default)]
    pub value_ids: Vec<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    /// Codes of [`PARTNERS`].
    #[serde(default)]
    pub partners: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectiveAction {
    pub id: String,
    pub wijk_code: String,
    pub complex_id: Option<String>,
    pub title: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub status: String,
    pub residents: u32,
    pub value_ids: Vec<String>,
    pub themes: Vec<String>,
    pub partners: Vec<String>,
}

fn refuse(msg: impl Into<String>) -> DomainError {
    DomainError::Invalid(msg.into())
}

pub fn save(
    conn: &Connection,
    stamp: &Stamp,
    input: &CollectiveActionInput,
) -> Result<String, DomainError> {
    require_wijk(conn, &input.wijk_code)?;
    if let Some(c) = &input.complex_id {
        let complex = super::complex::get(conn, c)?;
        if complex.wijk_code != input.wijk_code {
            return Err(refuse(format!(
                "complex \"{}\" ligt niet in deze wijk",
                complex.name
            )));
        }
    }
    let title = text("titel", &input.title, 200)?;
    if title.is_empty() {
        return Err(refuse("geef de actie een titel"));
    }
    let started = parse_date("startdatum", &input.started_on)?.to_string();
    let ended = match input.ended_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => Some(parse_date("einddatum", d)?.to_string()),
    };
    if ended.as_deref().is_some_and(|e| e < started.as_str()) {
        return Err(refuse("de einddatum ligt vóór de startdatum"));
    }
    if !STATUSES.iter().any(|(s, _)| *s == input.status) {
        return Err(DomainError::UnknownCode {
            what: "status actie",
            code: input.status.clone(),
        });
    }
    if input.residents > 100_000 {
        return Err(refuse("het aantal betrokken bewoners is onwaarschijnlijk"));
    }
    if [&input.value_ids, &input.themes, &input.partners]
        .iter()
        .any(|l| l.len() > MAX_TAGS)
    {
        return Err(refuse(format!(
            "noem hoogstens {MAX_TAGS} waarden, thema's of partners"
        )));
    }
    for v in &input.value_ids {
        let known: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM value_catalog WHERE id = ?1)",
            [v],
            |r| r.get(0),
        )?;
        if !known {
            return Err(DomainError::UnknownCode {
                what: "waarde",
                code: v.clone(),
            });
        }
    }
    for p in &input.partners {
        if !PARTNERS.iter().any(|(c, _)| c == p) {
            return Err(DomainError::UnknownCode {
                what: "partner",
                code: p.clone(),
            });
        }
    }
    let themes = input
        .themes
        .iter()
        .map(|t| text("thema", t, 80))
        .filter(|t| !matches!(t, Ok(s) if s.is_empty()))
        .collect::<Result<Vec<_>, _>>()?;
    let json = |l: &[String]| serde_json::to_string(l).expect("strings serialise");
    let (values, themes, partners) = (json(&input.value_ids), json(&themes), json(&input.partners));
    match &input.id {
        None => {
            conn.prepare_cached(
                "INSERT INTO collective_action(id, created_at, updated_at, device_id, author, wijk_code, complex_id,
                   title, started_on, ended_on, status, residents, value_ids, themes, partners)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?
            .execute(params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author,
                input.wijk_code, input.complex_id, title, started, ended, input.status, input.residents,
                values, themes, partners])?;
            Ok(stamp.id.clone())
        }
        Some(id) => {
            require_live(conn, "collective_action", "collectieve actie", id)?;
            conn.prepare_cached(
                "UPDATE collective_action SET updated_at = ?2, device_id = ?3, author = ?4, wijk_code = ?5,
                   complex_id = ?6, title = ?7, started_on = ?8, ended_on = ?9, status = ?10, residents = ?11,
                   value_ids = ?12, themes = ?13, partners = ?14 WHERE id = ?1",
            )?
            .execute(params![id, stamp.hlc, stamp.device_id, stamp.author, input.wijk_code,
                input.complex_id, title, started, ended, input.status, input.residents, values, themes,
                partners])?;
            Ok(id.clone())
        }
    }
}

const COLUMNS: &str =
    "id, wijk_code, complex_id, title, started_on, ended_on, status, residents, value_ids, \
    themes, partners";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<CollectiveAction> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let s: String = r.get(i)?;
        Ok(serde_json::from_str(&s).unwrap_or_default())
    };
    Ok(CollectiveAction {
        id: r.get(0)?,
        wijk_code: r.get(1)?,
        complex_id: r.get(2)?,
        title: r.get(3)?,
        started_on: r.get(4)?,
        ended_on: r.get(5)?,
        status: r.get(6)?,
        residents: r.get(7)?,
        value_ids: list(8)?,
        themes: list(9)?,
        partners: list(10)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<CollectiveAction, DomainError> {
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS} FROM collective_action WHERE id = ?1"),
        [id],
        from_row,
    )?)
}

impl Store {
    pub fn save_collective_action(
        &mut self,
        input: &CollectiveActionInput,
    ) -> Result<CollectiveAction, DomainError> {
        let id = self.write(|tx, st| save(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    /// The actions in an area (a wijk, a stadsdeel or the city code), newest first.
    pub fn collective_actions(&self, area: &str) -> Result<Vec<CollectiveAction>, DomainError> {
        let wijken = crate::catalog::nijmegen()
            .wijk_codes_in(area)
            .ok_or_else(|| DomainError::UnknownCode {
                what: "gebied",
                code: area.to_string(),
            })?;
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM collective_action
             WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
             ORDER BY started_on DESC, id DESC"
        ))?;
        let rows = stmt.query_map(
            [serde_json::to_string(&wijken).expect("strings serialise")],
            from_row,
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CollectiveActionInput {
        CollectiveActionInput {
            id: None,
            wijk_code: "BU02680734".into(),
            complex_id: None,
            title: "Speeltuin opknappen".into(),
            started_on: "2026-04-01".into(),
            ended_on: None,
            status: "idee".into(),
            residents: 12,
            value_ids: vec!["ontmoeting".into()],
            themes: vec!["speeltuin".into()],
            partners: vec!["woningcorporatie".into()],
        }
    }

    #[test]
    fn actions_are_saved_updated_listed_per_area_and_bad_input_is_refused() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let a = s.save_collective_action(&input()).unwrap();
        assert_eq!(a.residents, 12);
        let b = s
            .save_collective_action(&CollectiveActionInput {
                id: Some(a.id.clone()),
                status: "uitgevoerd".into(),
                ended_on: Some("2026-06-01".into()),
                ..input()
            })
            .unwrap();
        assert_eq!(
            (b.id.as_str(), b.status.as_str()),
            (a.id.as_str(), "uitgevoerd")
        );
        assert_eq!(s.collective_actions("WK026807").unwrap().len(), 1);
        assert_eq!(s.collective_actions("GM0268").unwrap().len(), 1);
        assert!(s.collective_actions("BU02680733").unwrap().is_empty());
        for (bad, says) in [
            (
                CollectiveActionInput {
                    title: " ".into(),
                    ..input()
                },
                "titel",
            ),
            (
                CollectiveActionInput {
                    ended_on: Some("2026-01-01".into()),
                    ..input()
                },
                "vóór de startdatum",
            ),
            (
                CollectiveActionInput {
                    status: "klaar".into(),
                    ..input()
                },
                "klaar",
            ),
            (
                CollectiveActionInput {
                    value_ids: vec!["geld".into()],
                    ..input()
                },
                "geld",
            ),
            (
                CollectiveActionInput {
                    partners: vec!["bakker".into()],
                    ..input()
                },
                "bakker",
            ),
            (
                CollectiveActionInput {
                    complex_id: Some("nope".into()),
                    ..input()
                },
                "nope",
            ),
        ] {
            let err = s.save_collective_action(&bad).unwrap_err().to_string();
            assert!(err.contains(says), "{says}: {err}");
        }
        assert_eq!(
            s.collective_actions("GM0268").unwrap().len(),
            1,
            "nothing written"
        );
    }
}
