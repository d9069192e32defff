//! Complexes below a wijk (a flat, a hofje, a block of a woningcorporatie),
//! defined by users so campaigns and profiles can cover part of a wijk.
//! Households join a complex by address (`wwk complex assign`, or the address
//! import); the profile works at complex level with the same suppression.

use super::{opt_text, require_wijk, text, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Complex {
    pub id: String,
    pub wijk_code: String,
    pub name: String,
    /// The woningcorporatie that owns it, when known.
    pub corporation: Option<String>,
    /// Households (not deleted) assigned to it.
    pub households: u64,
}

/// Highest house number in an address range.
const MAX_NUMBER: u32 = 99_999;

/// A name unique in the wijk (ignoring case), other than complex `except`.
fn checked_name(
    conn: &Connection,
    wijk_code: &str,
    name: &str,
    except: Option<&str>,
) -> Result<String, DomainError> {
    let name = text("naam", name, 200)?;
    if name.is_empty() {
        return Err(DomainError::Invalid("geef het complex een naam".into()));
    }
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM complex WHERE wijk_code = ?1 AND lower(name) = lower(?2) AND deleted = 0
           AND id IS NOT ?3",
        params![wijk_code, name, except],
        |r| r.get(0),
    )?;
    if exists > 0 {
        return Err(DomainError::Invalid(format!(
            "het complex \"{name}\" bestaat al in deze wijk"
        )));
    }
    Ok(name)
}

pub fn create(
    conn: &Connection,
    stamp: &Stamp,
    wijk_code: &str,
    name: &str,
    corporation: Option<&str>,
) -> Result<String, DomainError> {
    require_wijk(conn, wijk_code)?;
    let name = checked_name(conn, wijk_code, name, None)?;
    let corporation = opt_text("woningcorporatie", corporation, 200)?;
    conn.execute(
        "INSERT INTO complex(id, created_at, updated_at, device_id, author, wijk_code, name, corporation)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![stamp.id, stamp.created_at, stamp.hlc, stamp.device_id, stamp.author, wijk_code, name, corporation],
    )?;
    Ok(stamp.id.clone())
}

/// Renames a complex or sets its woningcorporatie.
pub fn update(
    conn: &Connection,
    stamp: &Stamp,
    id: &str,
    name: &str,
    corporation: Option<&str>,
) -> Result<(), DomainError> {
    let c = get(conn, id)?;
    let name = checked_name(conn, &c.wijk_code, name, Some(id))?;
    let corporation = opt_text("woningcorporatie", corporation, 200)?;
    conn.execute(
        "UPDATE complex SET updated_at = ?2, device_id = ?3, author = ?4, name = ?5, corporation = ?6 WHERE id = ?1",
        params![id, stamp.hlc, stamp.device_id, stamp.author, name, corporation],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT c.id, c.wijk_code, c.name,
        (SELECT count(*) FROM household h WHERE h.complex_id = c.id AND h.deleted = 0), c.corporation
     FROM complex c";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Complex> {
    Ok(Complex {
        id: r.get(0)?,
        wijk_code: r.get(1)?,
        name: r.get(2)?,
        households: r.get::<_, i64>(3)? as u64,
        corporation: r.get(4)?,
    })
}

/// The complex with this id (not deleted).
pub fn get(conn: &Connection, id: &str) -> Result<Complex, DomainError> {
    use rusqlite::OptionalExtension;
    conn.query_row(
        &format!("{SELECT} WHERE c.id = ?1 AND c.deleted = 0"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| DomainError::NotFound {
        what: "complex",
        id: id.chars().take(80).collect(),
    })
}

/// Assigns the households of the complex's wijk at `postcode` (house numbers
/// `from`..=`to`, all when open) to the complex. Returns how many changed. An
/// address range that matches no household in the wijk is an error: the
/// addresses must exist (walk list or address import) first.
pub fn assign(
    conn: &Connection,
    stamp: &Stamp,
    complex_id: &str,
    postcode: &str,
    from: Option<u32>,
    to: Option<u32>,
) -> Result<u64, DomainError> {
    let complex = get(conn, complex_id)?;
    let pc = super::household::normalise_postcode(postcode)?;
    let (lo, hi) = (from.unwrap_or(1), to.unwrap_or(MAX_NUMBER));
    if lo == 0 || hi > MAX_NUMBER || lo > hi {
        return Err(DomainError::Invalid(format!(
            "huisnummers {lo}–{hi} kloppen niet: gebruik 1 tot {MAX_NUMBER}, van laag naar hoog"
        )));
    }
    let matching: i64 = conn.query_row(
        "SELECT count(*) FROM household WHERE deleted = 0 AND wijk_code = ?1 AND postcode = ?2
           AND number BETWEEN ?3 AND ?4",
        params![complex.wijk_code, pc, lo, hi],
        |r| r.get(0),
    )?;
    if matching == 0 {
        return Err(DomainError::Invalid(format!(
            "geen adressen met postcode {pc} (huisnummers {lo}–{hi}) in de wijk van \"{}\"; \
             voeg de adressen eerst toe (looplijst of adressenimport)",
            complex.name
        )));
    }
    let changed = conn.execute(
        "UPDATE household SET complex_id = ?1, updated_at = ?6, device_id = ?7, author = ?8
         WHERE deleted = 0 AND wijk_code = ?2 AND postcode = ?3 AND number BETWEEN ?4 AND ?5
           AND complex_id IS NOT ?1",
        params![
            complex.id,
            complex.wijk_code,
            pc,
            lo,
            hi,
            stamp.hlc,
            stamp.device_id,
            stamp.author
        ],
    )?;
    Ok(changed as u64)
}

impl Store {
    pub fn create_complex(
        &mut self,
        wijk_code: &str,
        name: &str,
        corporation: Option<&str>,
    ) -> Result<Complex, DomainError> {
        let id = self.write(|tx, st| create(tx, &st.stamp(), wijk_code, name, corporation))?;
        get(self.conn(), &id)
    }

    /// Renames a complex or sets its woningcorporatie; the complex afterwards.
    pub fn update_complex(
        &mut self,
        id: &str,
        name: &str,
        corporation: Option<&str>,
    ) -> Result<Complex, DomainError> {
        self.write(|tx, st| update(tx, &st.stamp(), id, name, corporation))?;
        get(self.conn(), id)
    }

    /// Complexes in a wijk (or everywhere with `None`), by name.
    pub fn complexes(&self, wijk_code: Option<&str>) -> Result<Vec<Complex>, DomainError> {
        let mut stmt = self.conn().prepare(&format!(
            "{SELECT} WHERE c.deleted = 0 AND (?1 IS NULL OR c.wijk_code = ?1) ORDER BY c.name"
        ))?;
        let rows = stmt.query_map([wijk_code], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// See [`assign`]; the complex as it is afterwards.
    pub fn assign_to_complex(
        &mut self,
        complex_id: &str,
        postcode: &str,
        from: Option<u32>,
        to: Option<u32>,
    ) -> Result<(u64, Complex), DomainError> {
        let changed =
            self.write(|tx, st| assign(tx, &st.stamp(), complex_id, postcode, from, to))?;
        Ok((changed, get(self.conn(), complex_id)?))
    }
}
