//! The voorzieningencheck as a trajectory: after the check itself, every
//! change of a regulation's status (aanvraag ingediend, toegekend with the
//! real amount, afgewezen, niet aangevraagd, …) is a dated step of its own,
//! recorded from the reopened check screen (IPC `record_check_step`) and by
//! `wwk check step`. Steps are separate stamped records, so two laptops that
//! each add a step to one check both keep theirs after a merge. The current
//! status of an item is its latest step (the `check_item_now` view).

use super::{parse_date, require_live, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Who helped with an application (`aangevraagd`).
pub const HELPERS: &[(&str, &str)] = &[
    ("formulierenbrigade", "Formulierenbrigade"),
    ("few", "Financieel Expert in de Wijk"),
    ("zelf", "De bewoner zelf"),
];

/// How a granted amount is paid; every amount is normalised to € per year.
pub const PERIODS: &[(&str, &str)] = &[
    ("maand", "per maand"),
    ("jaar", "per jaar"),
    ("eenmalig", "eenmalig"),
];

/// Why an application was turned down (`afgewezen`).
pub const REJECTION_REASONS: &[(&str, &str)] = &[
    ("inkomen_te_hoog", "Inkomen te hoog"),
    ("vermogen_te_hoog", "Vermogen te hoog"),
    ("voorwaarden", "Voldoet niet aan de voorwaarden"),
    ("onvolledig", "Aanvraag onvolledig"),
    ("anders", "Andere reden"),
];

/// Why a resident did not apply (`niet_aangevraagd`).
pub const NOT_APPLIED_REASONS: &[(&str, &str)] = &[
    ("wil_niet", "Wil niet"),
    ("te_ingewikkeld", "Te ingewikkeld"),
    ("geen_tijd", "Geen tijd"),
    ("anders", "Andere reden"),
];

/// Largest amount one step may carry: € 100 000 (in cents).
const MAX_CENTS: i64 = 10_000_000;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckStepInput {
    pub check_id: String,
    pub regulation_id: String,
    /// Status code from the codes catalogue (`aangevraagd`, `toegekend`, …).
    pub status: String,
    /// `YYYY-MM-DD`, not before the check.
    pub step_on: String,
    /// For `aangevraagd`: `formulierenbrigade`, `few` or `zelf`.
    #[serde(default)]
    pub helper: Option<String>,
    /// For `toegekend`: the granted amount in cents, with its period.
    #[serde(default)]
    pub amount_cents: Option<i64>,
    /// `maand`, `jaar` or `eenmalig`.
    #[serde(default)]
    pub period: Option<String>,
    /// For `toegekend`: when payment starts (defaults to the step's date).
    #[serde(default)]
    pub starts_on: Option<String>,
    /// For `afgewezen` and `niet_aangevraagd`: a reason code.
    #[serde(default)]
    pub reason: Option<String>,
}

/// One recorded step in a check's history.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckStep {
    pub id: String,
    pub check_id: String,
    pub regulation_id: String,
    pub status: String,
    pub step_on: String,
    pub helper: Option<String>,
    pub amount_cents: Option<i64>,
    pub period: Option<String>,
    pub starts_on: Option<String>,
    /// The amount as € per year (one-off amounts count in full).
    pub yearly_eur: Option<i64>,
    pub reason: Option<String>,
    pub author: String,
}

/// The yearly amount in whole euros for `cents` paid per `period`.
pub fn yearly_eur(cents: i64, period: &str) -> i64 {
    let per_year = if period == "maand" { cents * 12 } else { cents };
    (per_year + 50) / 100
}

/// Reads an amount as a worker types it ("85", "85,50", "€ 1.020,00") into
/// cents. Dutch notation: a comma for cents, dots between thousands.
pub fn parse_euros(s: &str) -> Result<i64, DomainError> {
    let bad = || {
        refuse(format!(
            "bedrag \"{s}\" is geen bedrag in euro's (bijv. 85 of 85,50)"
        ))
    };
    let t: String = s
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some(rest) = t.strip_prefix('-') {
        if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return Err(refuse("een bedrag kan niet negatief zijn"));
        }
    }
    let (whole, cents) = match t.rsplit_once(',') {
        Some((w, c)) => (w.replace('.', ""), c.to_string()),
        // "85.50" (a dot with two decimals) is read as cents, "1.020" as thousands.
        None => match t.rsplit_once('.') {
            Some((w, c)) if c.len() <= 2 && !w.contains('.') => (w.to_string(), c.to_string()),
            _ => (t.replace('.', ""), String::new()),
        },
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 9 && x.chars().all(|c| c.is_ascii_digit());
    if !digits(&whole) || !(cents.is_empty() || (cents.len() <= 2 && digits(&cents))) {
        return Err(bad());
    }
    let cents = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| bad())? * 10,
        _ => cents.parse::<i64>().map_err(|_| bad())?,
    };
    Ok(whole.parse::<i64>().map_err(|_| bad())? * 100 + cents)
}

fn one_of(
    what: &'static str,
    list: &[(&str, &str)],
    v: Option<&str>,
) -> Result<Option<String>, DomainError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if list.iter().any(|(c, _)| *c == s) => Ok(Some(s.to_string())),
        Some(s) => Err(DomainError::UnknownCode {
            what,
            code: s.to_string(),
        }),
    }
}

fn refuse(msg: impl Into<String>) -> DomainError {
    DomainError::Invalid(msg.into())
}

pub fn record(
    conn: &Connection,
    stamp: &Stamp,
    input: &CheckStepInput,
) -> Result<String, DomainError> {
    require_live(conn, "benefit_check", "voorzieningencheck", &input.check_id)?;
    let (wijk, checked_on): (String, String) = conn.query_row(
        "SELECT wijk_code, checked_on FROM benefit_check WHERE id = ?1",
        [&input.check_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let name: Option<String> = conn
        .query_row(
            "SELECT r.name FROM check_item i JOIN regulation r ON r.id = i.regulation_id
             WHERE i.check_id = ?1 AND i.regulation_id = ?2",
            [&input.check_id, &input.regulation_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(name) = name else {
        return Err(refuse(format!(
            "regeling \"{}\" hoort niet bij deze check; neem haar eerst op in de check",
            input.regulation_id
        )));
    };
    let counts_as: String = conn
        .query_row(
            "SELECT counts_as FROM check_status WHERE code = ?1",
            [&input.status],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| DomainError::UnknownCode {
            what: "status",
            code: input.status.clone(),
        })?;
    let on = parse_date("datum", &input.step_on)?;
    if on.to_string() < checked_on {
        return Err(refuse(format!(
            "{name}: de datum {on} ligt vóór de check van {checked_on}"
        )));
    }
    let helper = one_of("hulp bij aanvraag", HELPERS, input.helper.as_deref())?;
    let period = one_of("periode", PERIODS, input.period.as_deref())?;
    let starts_on = match input.starts_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(parse_date("ingangsdatum", s)?.to_string()),
    };
    let reason_list = match input.status.as_str() {
        "afgewezen" => Some(REJECTION_REASONS),
        "niet_aangevraagd" => Some(NOT_APPLIED_REASONS),
        _ => None,
    };
    let reason = match reason_list {
        Some(list) => one_of("reden", list, input.reason.as_deref())?,
        None if input
            .reason
            .as_deref()
            .is_some_and(|r| !r.trim().is_empty()) =>
        {
            return Err(refuse(
                "een reden hoort alleen bij afgewezen of niet aangevraagd",
            ))
        }
        None => None,
    };
    if let Some(c) = input.amount_cents {
        if c < 0 {
            return Err(refuse(format!("{name}: een bedrag kan niet negatief zijn")));
        }
        if c > MAX_CENTS {
            return Err(refuse(format!(
                "{name}: een bedrag boven € 100.000 is onwaarschijnlijk"
            )));
        }
    }
    let granted = counts_as == "granted";
    if counts_as == "applied" && helper.is_none() {
        return Err(refuse(format!(
            "{name}: kies wie hielp bij de aanvraag (Formulierenbrigade, FEW of de bewoner zelf)"
        )));
    }
    if counts_as != "applied" && helper.is_some() {
        return Err(refuse("wie hielp hoort alleen bij een ingediende aanvraag"));
    }
    if granted && (input.amount_cents.is_none() || period.is_none()) {
        return Err(refuse(format!(
            "{name}: vul het toegekende bedrag in en of het per maand, per jaar of eenmalig is"
        )));
    }
    if !granted && (input.amount_cents.is_some() || period.is_some() || starts_on.is_some()) {
        return Err(refuse(
            "een bedrag, periode of ingangsdatum hoort alleen bij een toekenning",
        ));
    }
    if reason_list.is_some() && reason.is_none() {
        return Err(refuse(format!("{name}: kies een reden")));
    }
    let starts_on = if granted {
        starts_on.or_else(|| Some(on.to_string()))
    } else {
        None
    };
    conn.prepare_cached(
        "INSERT INTO check_step(id, created_at, updated_at, device_id, author, check_id, wijk_code, regulation_id,
           status, step_on, helper, amount_cents, period, starts_on, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        stamp.id,
        stamp.created_at,
        stamp.hlc,
        stamp.device_id,
        stamp.author,
        input.check_id,
        wijk,
        input.regulation_id,
        input.status,
        on.to_string(),
        helper,
        input.amount_cents.filter(|_| granted),
        period,
        starts_on,
        reason.unwrap_or_default(),
    ])?;
    let household: String = conn.query_row(
        "SELECT household_id FROM benefit_check WHERE id = ?1",
        [&input.check_id],
        |r| r.get(0),
    )?;
    super::household::touch(conn, &household, &on.to_string())?;
    Ok(stamp.id.clone())
}

const STEP_COLS: &str =
    "id, check_id, regulation_id, status, step_on, helper, amount_cents, period, starts_on,
    reason, author";

fn step_row(r: &rusqlite::Row) -> rusqlite::Result<CheckStep> {
    let cents: Option<i64> = r.get(6)?;
    let period: Option<String> = r.get(7)?;
    let reason: String = r.get(9)?;
    Ok(CheckStep {
        id: r.get(0)?,
        check_id: r.get(1)?,
        regulation_id: r.get(2)?,
        status: r.get(3)?,
        step_on: r.get(4)?,
        helper: r.get(5)?,
        yearly_eur: cents.zip(period.as_deref()).map(|(c, p)| yearly_eur(c, p)),
        amount_cents: cents,
        period,
        starts_on: r.get(8)?,
        reason: (!reason.is_empty()).then_some(reason),
        author: r.get(10)?,
    })
}

/// A check's steps, oldest first (the order the current status follows).
pub fn steps(conn: &Connection, check_id: &str) -> Result<Vec<CheckStep>, DomainError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {STEP_COLS} FROM check_step WHERE check_id = ?1 AND deleted = 0
         ORDER BY step_on, updated_at, id"
    ))?;
    let rows = stmt.query_map([check_id], step_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn get(conn: &Connection, id: &str) -> Result<CheckStep, DomainError> {
    Ok(conn.query_row(
        &format!("SELECT {STEP_COLS} FROM check_step WHERE id = ?1"),
        [id],
        step_row,
    )?)
}

impl Store {
    /// Records one step of a check's trajectory and returns it.
    pub fn record_check_step(&mut self, input: &CheckStepInput) -> Result<CheckStep, DomainError> {
        let id = self.write(|tx, st| record(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_workers_type_them() {
        for (s, cents) in [
            ("85", 8500),
            ("85,50", 8550),
            ("85,5", 8550),
            ("85.50", 8550),
            ("€ 1.020,00", 102_000),
            ("1.020", 102_000),
            (" 0 ", 0),
        ] {
            assert_eq!(parse_euros(s).unwrap(), cents, "{s}");
        }
        for s in ["", "abc", "85,505", "1,2,3", "€", "12e3"] {
            assert!(parse_euros(s).is_err(), "{s}");
        }
        assert!(parse_euros("-85")
            .unwrap_err()
            .to_string()
            .contains("negatief"));
        assert_eq!(yearly_eur(8500, "maand"), 1020);
        assert_eq!(yearly_eur(8550, "eenmalig"), 86);
    }

    #[test]
    fn the_exchange_format_accepts_exactly_the_codes_a_step_can_hold() {
        let spec = crate::exchange::spec::table("check_step").unwrap();
        let words = |col: &str| match spec.cols[spec.col(col).unwrap()].kind {
            crate::exchange::spec::Kind::OneOf(w) => w.to_vec(),
            k => panic!("{col}: {k:?}"),
        };
        let codes = |l: &[(&'static str, &str)]| l.iter().map(|(c, _)| *c).collect::<Vec<_>>();
        assert_eq!(words("helper"), codes(HELPERS));
        assert_eq!(words("period"), codes(PERIODS));
        let mut reasons = codes(REJECTION_REASONS);
        reasons.extend(codes(NOT_APPLIED_REASONS));
        reasons.push("");
        reasons.sort();
        reasons.dedup();
        let mut got = words("reason");
        got.sort();
        assert_eq!(got, reasons);
    }
}
