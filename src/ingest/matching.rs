//! Matching spreadsheet addresses to households in the store: postcode +
//! house number + addition, or street + house number + addition within a wijk
//! (or anywhere in the city when that is unambiguous). Purged households have
//! no address left and are never matched.

use super::mapping::fold;
use crate::catalog::nijmegen;
use crate::domain::household::normalise_postcode;
use rusqlite::Connection;
use std::collections::HashMap;

/// An address as read from a row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowAddress {
    pub postcode: Option<String>,
    pub number: Option<u32>,
    pub addition: Option<String>,
    pub street: Option<String>,
    /// Wijk codes the row is restricted to (from a wijk or stadsdeel column).
    pub wijken: Option<Vec<String>>,
}

/// "a", " -A", "bis" → "A", "A", "BIS"; empty → None.
pub fn normalise_addition(s: &str) -> Option<String> {
    let a: String = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect();
    (!a.is_empty()).then_some(a)
}

/// Splits "12a" / "12-A" / "12 bis" into number and addition.
pub fn parse_number(s: &str) -> Result<(u32, Option<String>), String> {
    let t = s.trim();
    let digits: String = t.chars().take_while(|c| c.is_ascii_digit()).collect();
    let n: u32 = digits
        .parse()
        .map_err(|_| format!("huisnummer \"{t}\" is geen getal"))?;
    if n == 0 || n > 99_999 {
        return Err(format!("huisnummer \"{t}\" bestaat niet"));
    }
    Ok((n, normalise_addition(&t[digits.len()..])))
}

/// The wijk codes a wijk/stadsdeel cell stands for: a code or a name.
pub fn parse_area(s: &str) -> Result<Vec<String>, String> {
    let map = nijmegen();
    let code = s.trim().to_uppercase();
    if let Some(w) = map.wijk_codes_in(&code) {
        return Ok(w);
    }
    let f = fold(s);
    let by_name: Vec<&crate::catalog::Area> =
        map.areas.iter().filter(|a| fold(&a.name) == f).collect();
    match by_name.as_slice() {
        [one] => Ok(map.wijk_codes_in(&one.code).unwrap_or_default()),
        [] => Err(format!(
            "wijk \"{}\" is onbekend (gebruik de naam of de BU-code)",
            s.trim()
        )),
        _ => {
            // A wijk and its stadsdeel may share a name: take the wijk.
            let w: Vec<String> = by_name
                .iter()
                .filter(|a| a.code.starts_with("BU"))
                .map(|a| a.code.clone())
                .collect();
            if w.len() == 1 {
                Ok(w)
            } else {
                Err(format!(
                    "wijknaam \"{}\" is niet eenduidig; gebruik de BU-code",
                    s.trim()
                ))
            }
        }
    }
}

pub fn parse_postcode(s: &str) -> Result<String, String> {
    normalise_postcode(s).map_err(|e| e.to_string())
}

struct Candidate {
    id: String,
    /// Folded street name ("" when unknown).
    street: String,
    wijk: String,
    last_contact: String,
}

/// Live, unpurged households by address.
pub struct Index {
    by_postcode: HashMap<(String, u32, Option<String>), Vec<usize>>,
    by_street: HashMap<(String, u32, Option<String>), Vec<usize>>,
    households: Vec<Candidate>,
}

impl Index {
    pub fn load(conn: &Connection) -> rusqlite::Result<Index> {
        let mut idx = Index {
            by_postcode: HashMap::new(),
            by_street: HashMap::new(),
            households: Vec::new(),
        };
        let mut stmt = conn.prepare(
            "SELECT id, wijk_code, street, number, addition, postcode, coalesce(last_contact, '')
             FROM household WHERE deleted = 0 AND purged = 0 AND number IS NOT NULL",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let i = idx.households.len();
            let number: u32 = r.get(3)?;
            let addition = r
                .get::<_, Option<String>>(4)?
                .and_then(|a| normalise_addition(&a));
            let street = r
                .get::<_, Option<String>>(2)?
                .map(|s| fold(&s))
                .unwrap_or_default();
            if !street.is_empty() {
                idx.by_street
                    .entry((street.clone(), number, addition.clone()))
                    .or_default()
                    .push(i);
            }
            if let Some(pc) = r.get::<_, Option<String>>(5)? {
                idx.by_postcode
                    .entry((pc, number, addition))
                    .or_default()
                    .push(i);
            }
            idx.households.push(Candidate {
                id: r.get(0)?,
                street,
                wijk: r.get(1)?,
                last_contact: r.get(6)?,
            });
        }
        Ok(idx)
    }

    /// The household at this address, or why there is none. Two records for
    /// one home (same street, number, addition and wijk, possible after
    /// merging laptops) resolve to the most recently contacted one.
    pub fn find(&self, a: &RowAddress) -> Result<String, String> {
        let number = a.number.ok_or("huisnummer ontbreekt")?;
        let add = a.addition.as_deref().unwrap_or("");
        let in_area = |i: &&usize| {
            a.wijken
                .as_ref()
                .is_none_or(|w| w.contains(&self.households[**i].wijk))
        };
        let on_street = |i: &&usize| {
            a.street
                .as_ref()
                .is_none_or(|s| fold(s) == self.households[**i].street)
        };
        let mut hits: Vec<usize> = Vec::new();
        if let Some(pc) = &a.postcode {
            let key = (pc.clone(), number, a.addition.clone());
            hits = self
                .by_postcode
                .get(&key)
                .into_iter()
                .flatten()
                .filter(in_area)
                .filter(on_street)
                .copied()
                .collect();
        }
        if hits.is_empty() {
            if let Some(street) = &a.street {
                let key = (fold(street), number, a.addition.clone());
                hits = self
                    .by_street
                    .get(&key)
                    .into_iter()
                    .flatten()
                    .filter(in_area)
                    .copied()
                    .collect();
            }
        }
        let mut homes: Vec<(&str, &str)> = hits
            .iter()
            .map(|&i| {
                (
                    self.households[i].street.as_str(),
                    self.households[i].wijk.as_str(),
                )
            })
            .collect();
        homes.sort();
        homes.dedup();
        if homes.len() > 1 {
            let wijken: Vec<&str> = homes.iter().map(|h| h.1).collect();
            let hint = if a.street.is_none() {
                "voeg een kolom straat toe"
            } else {
                "voeg een kolom wijk toe"
            };
            return Err(format!(
                "{number}{add} past bij {} verschillende adressen (wijken {}); {hint}",
                homes.len(),
                wijken.join(", ")
            ));
        }
        if let Some(h) = hits
            .iter()
            .map(|&i| &self.households[i])
            .max_by(|x, y| (&x.last_contact, &y.id).cmp(&(&y.last_contact, &x.id)))
        {
            return Ok(h.id.clone());
        }
        let shown = match (&a.postcode, &a.street) {
            (Some(pc), _) => format!("{pc} {number}{add}"),
            (None, Some(s)) => format!("{s} {number}{add}"),
            (None, None) => return Err("postcode of straat ontbreekt".into()),
        };
        Err(format!("geen huishouden gevonden op {shown}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_additions_and_areas() {
        assert_eq!(parse_number("12a").unwrap(), (12, Some("A".into())));
        assert_eq!(parse_number(" 7 - bis").unwrap(), (7, Some("BIS".into())));
        assert_eq!(parse_number("3").unwrap(), (3, None));
        assert!(parse_number("A3").is_err());
        assert!(parse_number("0").is_err());
        assert_eq!(parse_area("bu02680733").unwrap(), vec!["BU02680733"]);
        assert_eq!(parse_area("Meijhorst").unwrap(), vec!["BU02680733"]);
        assert!(parse_area("Atlantis").is_err());
    }
}
