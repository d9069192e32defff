//! Households (addresses): minimal personal data, contact details only with consent.

use super::{opt_text, require_wijk, DomainError};
use crate::store::{Stamp, Store};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddressInput {
    pub wijk_code: String,
    #[serde(default)]
    pub complex_id: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub addition: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contact {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Household {
    pub id: String,
    pub wijk_code: String,
    pub complex_id: Option<String>,
    pub street: Option<String>,
    pub number: Option<u32>,
    pub addition: Option<String>,
    pub postcode: Option<String>,
    /// Present only when the resident consented to being contacted again.
    pub contact: Option<Contact>,
    pub last_contact: Option<String>,
}

impl Household {
    /// "Meijhorst 12A" or "(adres onbekend)".
    pub fn address_line(&self) -> String {
        match (&self.street, self.number) {
            (Some(s), Some(n)) => format!("{s} {n}{}", self.addition.as_deref().unwrap_or("")),
            (Some(s), None) => s.clone(),
            _ => "(adres onbekend)".to_string(),
        }
    }
}

/// "Meijhorst 12A" from the columns `street, number, addition` at `i..i+3`
/// of a row; `None` without a street.
pub fn address_at(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<String>> {
    let street: Option<String> = r.get(i)?;
    let number: Option<u32> = r.get(i + 1)?;
    let addition: Option<String> = r.get(i + 2)?;
    Ok(street.map(|s| match number {
        Some(n) => format!("{s} {n}{}", addition.unwrap_or_default()),
        None => s,
    }))
}

/// Normalises a Dutch postcode ("6544 ab" → "6544AB").
pub fn normalise_postcode(p: &str) -> Result<String, DomainError> {
    let compact: String = p
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    let b = compact.as_bytes();
    let ok = b.len() == 6
        && (b'1'..=b'9').contains(&b[0])
        && b[1..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_uppercase);
    if ok {
        Ok(compact)
    } else {
        Err(DomainError::Invalid(format!(
            "postcode \"{p}\" is ongeldig (bijv. 6544 AB)"
        )))
    }
}

fn validate_contact(c: &Contact) -> Result<Contact, DomainError> {
    let c = Contact {
        name: opt_text("naam", c.name.as_deref(), 100)?,
        phone: opt_text("telefoon", c.phone.as_deref(), 30)?,
        email: opt_text("e-mail", c.email.as_deref(), 200)?,
    };
    if let Some(p) = &c.phone {
        if !p
            .chars()
            .all(|ch| ch.is_ascii_digit() || " +-()".contains(ch))
            || p.chars().filter(char::is_ascii_digit).count() < 8
        {
            return Err(DomainError::Invalid(format!(
                "telefoonnummer \"{p}\" is ongeldig"
            )));
        }
    }
    if let Some(e) = &c.email {
        if !e.contains('@') || e.starts_with('@') || e.ends_with('@') || e.contains(' ') {
            return Err(DomainError::Invalid(format!(
                "e-mailadres \"{e}\" is ongeldig"
            )));
        }
    }
    Ok(c)
}

/// Finds a live household at this address in this wijk, or creates one.
pub fn find_or_create(
    conn: &Connection,
    stamp: &Stamp,
    input: &AddressInput,
) -> Result<String, DomainError> {
    require_wijk(conn, &input.wijk_code)?;
    let street = opt_text("straat", input.street.as_deref(), 120)?;
    let addition = opt_text("toevoeging", input.addition.as_deref(), 10)?.map(|a| a.to_uppercase());
    let postcode = input
        .postcode
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(normalise_postcode)
        .transpose()?;
    if let Some(cid) = &input.complex_id {
        super::require_live(conn, "complex", "complex", cid)?;
    }
    if street.is_some() && input.number.is_some() {
        let existing: Option<String> = conn
            .prepare_cached(
                "SELECT id FROM household WHERE deleted = 0 AND wijk_code = ?1 AND street = ?2 AND number = ?3
                 AND addition IS ?4 ORDER BY id LIMIT 1",
            )?
            .query_row(params![input.wijk_code, street, input.number, addition], |r| r.get(0))
            .optional()?;
        if let Some(id) = existing {
            return Ok(id);
        }
    }
    conn.prepare_cached(
        "INSERT INTO household(id, created_at, updated_at, device_id, author, wijk_code, complex_id, street, number, addition, postcode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        stamp.id,
        stamp.created_at,
        stamp.hlc,
        stamp.device_id,
        stamp.author,
        input.wijk_code,
        input.complex_id,
        street,
        input.number,
        addition,
        postcode
    ])?;
    Ok(stamp.id.clone())
}

/// Stores (or, with `None`, removes) contact details. Requires recontact consent.
pub fn set_contact(
    conn: &Connection,
    stamp: &Stamp,
    id: &str,
    contact: Option<&Contact>,
) -> Result<(), DomainError> {
    super::require_live(conn, "household", "huishouden", id)?;
    let c = contact
        .map(validate_contact)
        .transpose()?
        .unwrap_or_default();
    let any = c.name.is_some() || c.phone.is_some() || c.email.is_some();
    conn.prepare_cached(
        "UPDATE household SET contact_consent = ?2, contact_name = ?3, contact_phone = ?4, contact_email = ?5,
           updated_at = ?6, device_id = ?7, author = ?8 WHERE id = ?1",
    )?
    .execute(params![id, any, c.name, c.phone, c.email, stamp.hlc, stamp.device_id, stamp.author])?;
    Ok(())
}

/// Records that the household was in contact on `date` (drives retention).
pub fn touch(conn: &Connection, id: &str, date: &str) -> Result<(), DomainError> {
    conn.prepare_cached(
        "UPDATE household SET last_contact = ?2 WHERE id = ?1 AND (last_contact IS NULL OR last_contact < ?2)",
    )?
    .execute(params![id, date])?;
    Ok(())
}

pub(crate) const COLUMNS: &str =
    "id, wijk_code, complex_id, street, number, addition, postcode, contact_consent, contact_name, contact_phone, contact_email, last_contact";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Household> {
    let consent: bool = r.get(7)?;
    Ok(Household {
        id: r.get(0)?,
        wijk_code: r.get(1)?,
        complex_id: r.get(2)?,
        street: r.get(3)?,
        number: r.get(4)?,
        addition: r.get(5)?,
        postcode: r.get(6)?,
        contact: consent.then(|| Contact {
            name: r.get(8).ok(),
            phone: r.get(9).ok(),
            email: r.get(10).ok(),
        }),
        last_contact: r.get(11)?,
    })
}

pub fn get(conn: &Connection, id: &str) -> Result<Household, DomainError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM household WHERE id = ?1 AND deleted = 0"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| DomainError::NotFound {
        what: "huishouden",
        id: id.to_string(),
    })
}

impl Store {
    pub fn add_household(&mut self, input: &AddressInput) -> Result<Household, DomainError> {
        let id = self.write(|tx, st| find_or_create(tx, &st.stamp(), input))?;
        get(self.conn(), &id)
    }

    pub fn household(&self, id: &str) -> Result<Household, DomainError> {
        get(self.conn(), id)
    }

    /// Finds households whose address starts with `query` (street, optionally a number).
    pub fn find_households(&self, query: &str, limit: u32) -> Result<Vec<Household>, DomainError> {
        let q = query.trim();
        let (street, number) = match q.rsplit_once(' ') {
            Some((s, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => {
                (s.trim(), n.parse::<u32>().ok())
            }
            _ => (q, None),
        };
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM household WHERE deleted = 0 AND street LIKE ?1 || '%' ESCAPE '\\'
             AND (?2 IS NULL OR number = ?2) ORDER BY street, number, addition LIMIT ?3"
        ))?;
        let escaped = street
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let rows = stmt.query_map(params![escaped, number, limit], from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn set_household_contact(
        &mut self,
        id: &str,
        contact: Option<&Contact>,
    ) -> Result<Household, DomainError> {
        self.write(|tx, st| set_contact(tx, &st.stamp(), id, contact))?;
        get(self.conn(), id)
    }
}
