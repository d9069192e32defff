//! The rest of the Formulierenbrigade's work in a voorzieningencheck: debts
//! inventoried, a budget plan made, a benefit application with the gemeente,
//! UWV or SVB, and a warm handover to the Financieel Expert in de Wijk (which
//! records a referral to the FEW in the same transaction). Recorded from the
//! reopened check screen (IPC `record_check_action`) and by `wwk check action`.

use super::referral::{self, ReferralInput};
use super::{parse_date, require_live, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// The kinds of action, with their Dutch labels.
pub const KINDS: &[(&str, &str)] = &[
    ("schulden", "Schulden geïnventariseerd"),
    ("budgetplan", "Budgetplan gemaakt"),
    ("uitkering", "Uitkering aangevraagd"),
    ("few_overdracht", "Warme overdracht aan de FEW"),
];

/// Where a benefit was applied for (`uitkering`).
pub const AGENCIES: &[(&str, &str)] = &[
    ("gemeente", "Gemeente Nijmegen"),
    ("uwv", "UWV"),
    ("svb", "SVB"),
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckActionInput {
    pub check_id: String,
    /// `schulden`, `budgetplan`, `uitkering` or `few_overdracht`.
    pub kind: String,
    /// For `uitkering`: `gemeente`, `uwv` or `svb`.
    #[serde(default)]
    pub agency: Option<String>,
    /// `YYYY-MM-DD`, not before the check.
    pub done_on: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckAction {
    pub id: String,
    pub check_id: String,
    pub kind: String,
    pub agency: Option<String>,
    pub done_on: String,
    /// The referral to the FEW a warm handover recorded.
    pub referral_id: Option<String>,
}

pub fn record(
    conn: &Connection,
    stamp: &Stamp,
    referral_stamp: &Stamp,
    input: &CheckActionInput,
) -> Result<String, DomainError> {
    require_live(conn, "benefit_check", "voorzieningencheck", &input.check_id)?;
    let (wijk, checked_on, household, conversation): (String, String, String, Option<String>) = conn
        .query_row(
            "SELECT wijk_code, checked_on, household_id, conversation_id FROM benefit_check WHERE id = ?1",
            [&input.check_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
    let Some((_, label)) = KINDS.iter().find(|(k, _)| *k == input.kind) else {
        return Err(DomainError::UnknownCode {
            what: "soort actie",
            code: input.kind.clone(),
        });
    };
    let agency = input
        .agency
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty());
    match (input.kind.as_str(), agency) {
        ("uitkering", None) => {
            return Err(DomainError::Invalid(
                "kies bij welke instantie de uitkering is aangevraagd (gemeente, UWV of SVB)"
                    .into(),
            ))
        }
        ("uitkering", Some(a)) if !AGENCIES.iter().any(|(c, _)| *c == a) => {
            return Err(DomainError::UnknownCode {
                what: "instantie",
                code: a.to_string(),
            })
        }
        ("uitkering", Some(_)) => {}
        (_, Some(_)) => {
            return Err(DomainError::Invalid(
                "een instantie hoort alleen bij een aangevraagde uitkering".into(),
            ))
        }
        (_, None) => {}
    }
    let on = parse_date("datum", &input.done_on)?.to_string();
    if on < checked_on {
        return Err(DomainError::Invalid(format!(
            "{label}: de datum {on} ligt vóór de check van {checked_on}"
        )));
    }
    let referral_id = if input.kind == "few_overdracht" {
        Some(referral::create(
            conn,
            referral_stamp,
            &ReferralInput {
                household_id: Some(household.clone()),
                conversation_id: conversation,
                wijk_code: wijk.clone(),
                target: "few".into(),
                status: "doorverwezen".into(),
                proposed_on: on.clone(),
                due_on: None,
                note: "Warme overdracht vanuit de voorzieningencheck".into(),
            },
        )?)
    } else {
        None
    };
    conn.prepare_cached(
        "INSERT INTO check_action(id, created_at, updated_at, device_id, author, check_id, wijk_code, kind, agency,
           done_on, referral_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        stamp.id,
        stamp.created_at,
        stamp.hlc,
        stamp.device_id,
        stamp.author,
        input.check_id,
        wijk,
        input.kind,
        agency,
        on,
        referral_id
    ])?;
    super::household::touch(conn, &household, &on)?;
    Ok(stamp.id.clone())
}

/// A check's actions, in the order they were done.
pub fn actions(conn: &Connection, check_id: &str) -> Result<Vec<CheckAction>, DomainError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, check_id, kind, agency, done_on, referral_id FROM check_action
         WHERE check_id = ?1 AND deleted = 0 ORDER BY done_on, updated_at, id",
    )?;
    let rows = stmt.query_map([check_id], |r| {
        Ok(CheckAction {
            id: r.get(0)?,
            check_id: r.get(1)?,
            kind: r.get(2)?,
            agency: r.get(3)?,
            done_on: r.get(4)?,
            referral_id: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

impl Store {
    /// Records an action in a check and returns the check's actions.
    pub fn record_check_action(
        &mut self,
        input: &CheckActionInput,
    ) -> Result<Vec<CheckAction>, DomainError> {
        self.write(|tx, st| record(tx, &st.stamp(), &st.stamp(), input))?;
        actions(self.conn(), &input.check_id)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exchange_format_accepts_exactly_the_kinds_and_agencies() {
        let spec = crate::exchange::spec::table("check_action").unwrap();
        let words = |col: &str| match spec.cols[spec.col(col).unwrap()].kind {
            crate::exchange::spec::Kind::OneOf(w) => w.to_vec(),
            k => panic!("{col}: {k:?}"),
        };
        let codes = |l: &[(&'static str, &str)]| l.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(words("kind"), codes(super::KINDS));
        assert_eq!(words("agency"), codes(super::AGENCIES));
    }
}
