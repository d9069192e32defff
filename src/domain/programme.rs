//! Programmes ("In de wijk", "Formulierenbrigade") and the funder's targets
//! per programme and year: how many households to approach and a band for
//! the share spoken to. A campaign names its programme; the year report
//! compares the programme's year against its target.

use super::{text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// A target as entered: one per programme and year (setting it again
/// replaces it).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetInput {
    pub programme: String,
    pub year: i32,
    pub households_min: u32,
    pub households_max: u32,
    pub reach_min_pct: u8,
    pub reach_max_pct: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProgrammeTarget {
    pub id: String,
    pub programme: String,
    pub year: i32,
    pub households_min: u32,
    pub households_max: u32,
    pub reach_min_pct: u8,
    pub reach_max_pct: u8,
    pub updated_at: String,
}

/// A programme name as stored: trimmed, 1–100 characters; empty is none.
pub fn name(programme: Option<&str>) -> Result<Option<String>, DomainError> {
    let Some(p) = programme else {
        return Ok(None);
    };
    let p = text("programma", p, 100)?;
    Ok((!p.is_empty()).then_some(p))
}

fn validate(input: &TargetInput) -> Result<String, DomainError> {
    let programme = name(Some(&input.programme))?
        .ok_or_else(|| DomainError::Invalid("geef de naam van het programma".into()))?;
    if !(2000..=2100).contains(&input.year) {
        return Err(DomainError::Invalid(format!(
            "jaar {} ligt niet tussen 2000 en 2100",
            input.year
        )));
    }
    if input.households_min > input.households_max || input.households_max > 1_000_000 {
        return Err(DomainError::Invalid(format!(
            "doel huishoudens {}–{} is geen geldige band (ondergrens niet boven bovengrens, hoogstens 1 000 000)",
            input.households_min, input.households_max
        )));
    }
    if input.reach_min_pct > input.reach_max_pct || input.reach_max_pct > 100 {
        return Err(DomainError::Invalid(format!(
            "doel % in gesprek: {}–{} % is geen geldige band (van 0 tot 100, ondergrens niet boven bovengrens)",
            input.reach_min_pct, input.reach_max_pct
        )));
    }
    Ok(programme)
}

/// Sets the target of a programme in a year, replacing the one there was
/// (matched without regard to case). Returns its id.
pub fn set_target(
    conn: &Connection,
    stamp: &Stamp,
    input: &TargetInput,
) -> Result<String, DomainError> {
    let programme = validate(input)?;
    let existing: Option<String> = conn
        .query_row(
            "SELECT id FROM programme_target
             WHERE deleted = 0 AND year = ?1 AND lower(programme) = lower(?2)
             ORDER BY updated_at DESC, id DESC LIMIT 1",
            params![input.year, programme],
            |r| r.get(0),
        )
        .optional()?;
    let v = params![
        existing.as_deref().unwrap_or(&stamp.id),
        stamp.created_at,
        stamp.hlc,
        stamp.device_id,
        stamp.author,
        programme,
        input.year,
        input.households_min,
        input.households_max,
        input.reach_min_pct,
        input.reach_max_pct
    ];
    match &existing {
        None => conn.execute(
            "INSERT INTO programme_target(id, created_at, updated_at, device_id, author, programme, year,
               households_min, households_max, reach_min_pct, reach_max_pct)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            v,
        )?,
        Some(_) => conn.execute(
            "UPDATE programme_target SET updated_at = ?3, device_id = ?4, author = ?5, programme = ?6,
               households_min = ?8, households_max = ?9, reach_min_pct = ?10, reach_max_pct = ?11
             WHERE id = ?1",
            v,
        )?,
    };
    Ok(existing.unwrap_or_else(|| stamp.id.clone()))
}

const COLUMNS: &str = "id, programme, year, households_min, households_max, reach_min_pct, \
                       reach_max_pct, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<ProgrammeTarget> {
    Ok(ProgrammeTarget {
        id: r.get(0)?,
        programme: r.get(1)?,
        year: r.get(2)?,
        households_min: r.get(3)?,
        households_max: r.get(4)?,
        reach_min_pct: r.get(5)?,
        reach_max_pct: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

/// The targets of a year (or every year), one per programme: when two
/// laptops each set one, the latest counts.
pub fn targets(conn: &Connection, year: Option<i32>) -> Result<Vec<ProgrammeTarget>, DomainError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM programme_target
         WHERE deleted = 0 AND (?1 IS NULL OR year = ?1)
         ORDER BY year DESC, lower(programme), updated_at DESC, id DESC"
    ))?;
    let all: Vec<ProgrammeTarget> = stmt
        .query_map([year], from_row)?
        .collect::<Result<_, _>>()?;
    let mut out: Vec<ProgrammeTarget> = Vec::new();
    for t in all {
        let same = |o: &ProgrammeTarget| {
            o.year == t.year && o.programme.to_lowercase() == t.programme.to_lowercase()
        };
        if !out.iter().any(same) {
            out.push(t);
        }
    }
    Ok(out)
}

/// The target of one programme in a year, if set.
pub fn target(
    conn: &Connection,
    programme: &str,
    year: i32,
) -> Result<Option<ProgrammeTarget>, DomainError> {
    let p = programme.trim().to_lowercase();
    Ok(targets(conn, Some(year))?
        .into_iter()
        .find(|t| t.programme.to_lowercase() == p))
}

/// Every programme named by a campaign or a target, by name.
pub fn programmes(conn: &Connection) -> Result<Vec<String>, DomainError> {
    let mut stmt = conn.prepare(
        "SELECT programme FROM campaign WHERE deleted = 0 AND programme IS NOT NULL
         UNION SELECT programme FROM programme_target WHERE deleted = 0",
    )?;
    let mut names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    names.sort_by_key(|n: &String| n.to_lowercase());
    names.dedup_by(|a, b| a.to_lowercase() == b.to_lowercase());
    Ok(names)
}

/// The live campaigns of a programme (matched without regard to case).
pub fn campaigns_of(conn: &Connection, programme: &str) -> Result<Vec<String>, DomainError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM campaign WHERE deleted = 0 AND lower(programme) = lower(?1) ORDER BY id",
    )?;
    let ids = stmt
        .query_map([programme.trim()], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}

impl Store {
    pub fn set_programme_target(
        &mut self,
        input: &TargetInput,
    ) -> Result<ProgrammeTarget, DomainError> {
        let id = self.write(|tx, st| set_target(tx, &st.stamp(), input))?;
        Ok(self.conn().query_row(
            &format!("SELECT {COLUMNS} FROM programme_target WHERE id = ?1"),
            [id],
            from_row,
        )?)
    }

    pub fn programme_targets(
        &self,
        year: Option<i32>,
    ) -> Result<Vec<ProgrammeTarget>, DomainError> {
        targets(self.conn(), year)
    }

    pub fn programmes(&self) -> Result<Vec<String>, DomainError> {
        programmes(self.conn())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(programme: &str, min: u32, max: u32) -> TargetInput {
        TargetInput {
            programme: programme.into(),
            year: 2026,
            households_min: min,
            households_max: max,
            reach_min_pct: 50,
            reach_max_pct: 60,
        }
    }

    #[test]
    fn setting_a_target_again_replaces_it_and_bad_bands_are_refused() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let a = s
            .set_programme_target(&input("In de wijk", 500, 600))
            .unwrap();
        let b = s
            .set_programme_target(&input(" in de WIJK ", 450, 550))
            .unwrap();
        assert_eq!(a.id, b.id);
        let all = s.programme_targets(Some(2026)).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].households_min, all[0].households_max), (450, 550));
        for bad in [
            input("In de wijk", 600, 500),
            input("", 1, 2),
            TargetInput {
                reach_min_pct: 70,
                ..input("X", 1, 2)
            },
            TargetInput {
                year: 1999,
                ..input("X", 1, 2)
            },
        ] {
            let err = s.set_programme_target(&bad).unwrap_err();
            assert!(matches!(err, DomainError::Invalid(_)), "{err:?}");
        }
        assert_eq!(s.programme_targets(None).unwrap().len(), 1);
        assert_eq!(s.programmes().unwrap(), vec!["in de WIJK".to_string()]);
    }
}
