//! Importing a campaign's walk list from a simple CSV of addresses, as exported
//! from a spreadsheet: a header row with `straat` and `huisnummer` (required),
//! `toevoeging` and `postcode` (optional); `;` or `,` as delimiter.

use super::address::Address;
use super::household::normalise_postcode;
use super::DomainError;
use crate::store::Store;
use serde::{Deserialize, Serialize};

/// Most addresses one file may hold.
pub const MAX_ROWS: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvAddress {
    pub address: Address,
    pub postcode: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddressImport {
    /// Addresses in the file.
    pub rows: u32,
    /// Newly put on the walk list (the rest were on it already).
    pub added: u32,
}

fn split_line(line: &str, delim: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delim && !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out.into_iter().map(|s| s.trim().to_string()).collect()
}

/// Parses the CSV text; every problem names its line number (Dutch).
pub fn parse_address_csv(text: &str) -> Result<Vec<CsvAddress>, DomainError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines
        .next()
        .ok_or_else(|| DomainError::Invalid("het adressenbestand is leeg".into()))?;
    let delim = if header.contains(';') { ';' } else { ',' };
    let cols: Vec<String> = split_line(header, delim)
        .into_iter()
        .map(|c| c.to_lowercase())
        .collect();
    let col = |names: &[&str]| cols.iter().position(|c| names.contains(&c.as_str()));
    let street_col = col(&["straat", "straatnaam"]);
    let number_col = col(&["huisnummer", "nummer", "nr"]);
    let (Some(street_col), Some(number_col)) = (street_col, number_col) else {
        return Err(DomainError::Invalid(
            "de eerste regel moet de kolommen \"straat\" en \"huisnummer\" noemen (en eventueel \"toevoeging\" en \"postcode\")".into(),
        ));
    };
    let addition_col = col(&["toevoeging", "huisnummertoevoeging"]);
    let postcode_col = col(&["postcode"]);
    let mut out = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let bad = |why: String| DomainError::Invalid(format!("regel {n}: {why}"));
        let f = split_line(line, delim);
        let get = |c: Option<usize>| c.and_then(|c| f.get(c)).map(String::as_str).unwrap_or("");
        let street = get(Some(street_col));
        if street.is_empty() {
            return Err(bad("straat ontbreekt".into()));
        }
        if street.chars().count() > 120 {
            return Err(bad("straatnaam is te lang".into()));
        }
        let raw = get(Some(number_col));
        let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
        let number: u32 = match digits.parse() {
            Ok(v) if v > 0 => v,
            _ => return Err(bad(format!("huisnummer \"{raw}\" is geen geldig nummer"))),
        };
        let mut addition = get(addition_col).to_string();
        let rest = raw[digits.len()..].trim_start_matches('-').trim();
        if addition.is_empty() && !rest.is_empty() {
            addition = rest.to_string();
        }
        if addition.chars().count() > 10 {
            return Err(bad("toevoeging is te lang".into()));
        }
        let postcode = match get(postcode_col) {
            "" => None,
            p => Some(normalise_postcode(p).map_err(|e| bad(e.to_string()))?),
        };
        out.push(CsvAddress {
            address: Address {
                street: street.to_string(),
                number,
                addition: (!addition.is_empty()).then(|| addition.to_uppercase()),
            },
            postcode,
        });
        if out.len() > MAX_ROWS {
            return Err(DomainError::Invalid(format!(
                "te veel adressen in één bestand (max. {MAX_ROWS})"
            )));
        }
    }
    if out.is_empty() {
        return Err(DomainError::Invalid(
            "het adressenbestand bevat geen adressen".into(),
        ));
    }
    Ok(out)
}

impl Store {
    /// Puts every address of a CSV file on a campaign's walk list, in one
    /// transaction: a bad line means nothing is added.
    pub fn import_addresses_csv(
        &mut self,
        campaign_id: &str,
        wijk_code: &str,
        csv: &str,
    ) -> Result<AddressImport, DomainError> {
        let rows = parse_address_csv(csv)?;
        let added = self.write(|tx, st| {
            let mut added = 0;
            for r in &rows {
                added += super::campaign::add_addresses(
                    tx,
                    &mut || st.stamp(),
                    campaign_id,
                    wijk_code,
                    r.postcode.as_deref(),
                    std::slice::from_ref(&r.address),
                )?;
            }
            Ok(added)
        })?;
        Ok(AddressImport {
            rows: rows.len() as u32,
            added,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::CampaignInput;

    #[test]
    fn parses_semicolon_csv_with_bom_quotes_and_additions() {
        let csv = "\u{feff}Straat;Huisnummer;Toevoeging;Postcode\n\"Sint Annastraat\";12;a;6525 gd\nMeijhorst;7-B;;\n\n";
        let rows = parse_address_csv(csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].address.street, "Sint Annastraat");
        assert_eq!(rows[0].address.addition.as_deref(), Some("A"));
        assert_eq!(rows[0].postcode.as_deref(), Some("6525GD"));
        assert_eq!(rows[1].address.number, 7);
        assert_eq!(rows[1].address.addition.as_deref(), Some("B"));
        assert_eq!(rows[1].postcode, None);
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        let e = parse_address_csv("straat,huisnummer\nMeijhorst,12\nMeijhorst,twaalf\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("regel 3") && e.contains("twaalf"), "{e}");
        let e = parse_address_csv("adres\nMeijhorst 12\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("huisnummer"), "{e}");
        let e = parse_address_csv("straat;huisnummer;postcode\nX;1;12\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("regel 2") && e.contains("postcode"), "{e}");
        assert!(parse_address_csv("").is_err());
    }

    #[test]
    fn import_adds_to_the_walk_list_once_and_nothing_on_error() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let c = s
            .save_campaign(&CampaignInput {
                id: None,
                name: "Lankforst voorjaar".into(),
                team: "Team Dukenburg".into(),
                goal: 20,
                period_start: "2026-03-01".into(),
                period_end: "2026-04-30".into(),
                areas: vec!["BU02680734".into()],
                complex_id: None,
            })
            .unwrap();
        let csv = "straat;huisnummer\nLankforst;1\nLankforst;3\nLankforst;5\n";
        let r = s.import_addresses_csv(&c.id, "BU02680734", csv).unwrap();
        assert_eq!((r.rows, r.added), (3, 3));
        let r = s.import_addresses_csv(&c.id, "BU02680734", csv).unwrap();
        assert_eq!((r.rows, r.added), (3, 0));
        let bad = "straat;huisnummer\nLankforst;7\nLankforst;0\n";
        assert!(s.import_addresses_csv(&c.id, "BU02680734", bad).is_err());
        assert_eq!(s.walk_list(&c.id).unwrap().len(), 3);
    }
}
