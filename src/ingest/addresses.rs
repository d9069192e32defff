//! A campaign's walk list from a spreadsheet of addresses (CSV or XLSX, read
//! by [`super::read`] like the voorzieningencheck import): a header row with
//! `straat` and `huisnummer` (required), `toevoeging` and `postcode`
//! (optional). One transaction: a bad row means nothing is added.

use super::read::{self, Sheet};
use super::ImportError;
use crate::domain::address::Address;
use crate::domain::household::normalise_postcode;
use crate::store::Store;
use crate::DomainError;
use serde::{Deserialize, Serialize};

/// Most addresses one file may hold.
pub const MAX_ROWS: usize = 5000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileAddress {
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

/// The addresses of a sheet; every problem names its line (or row) number.
pub fn parse_addresses(sheet: &Sheet) -> Result<Vec<FileAddress>, ImportError> {
    let invalid = |m: String| ImportError::Domain(DomainError::Invalid(m));
    let cols: Vec<String> = sheet
        .headers
        .iter()
        .map(|c| c.trim().to_lowercase())
        .collect();
    let col = |names: &[&str]| cols.iter().position(|c| names.contains(&c.as_str()));
    let street_col = col(&["straat", "straatnaam"]);
    let number_col = col(&["huisnummer", "nummer", "nr"]);
    let (Some(street_col), Some(number_col)) = (street_col, number_col) else {
        return Err(invalid(
            "de eerste regel moet de kolommen \"straat\" en \"huisnummer\" noemen (en eventueel \"toevoeging\" en \"postcode\")".into(),
        ));
    };
    let addition_col = col(&["toevoeging", "huisnummertoevoeging"]);
    let postcode_col = col(&["postcode"]);
    let mut out = Vec::new();
    for (n, f) in &sheet.rows {
        if f.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let bad = |why: String| invalid(format!("regel {n}: {why}"));
        let get = |c: Option<usize>| c.and_then(|c| f.get(c)).map(|s| s.trim()).unwrap_or("");
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
        out.push(FileAddress {
            address: Address {
                street: street.to_string(),
                number,
                addition: (!addition.is_empty()).then(|| addition.to_uppercase()),
            },
            postcode,
        });
        if out.len() > MAX_ROWS {
            return Err(invalid(format!(
                "te veel adressen in één bestand (max. {MAX_ROWS})"
            )));
        }
    }
    if out.is_empty() {
        return Err(invalid("het adressenbestand bevat geen adressen".into()));
    }
    Ok(out)
}

/// Puts every address of a spreadsheet's bytes on a campaign's walk list, in
/// one transaction: a bad row means nothing is added. `file_name` decides
/// CSV or XLSX.
pub fn import_addresses(
    store: &mut Store,
    campaign_id: &str,
    wijk_code: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<AddressImport, ImportError> {
    let rows = parse_addresses(&read::read(bytes, file_name, None)?)?;
    let added = store.write(|tx, st| {
        let mut added = 0;
        for r in &rows {
            added += crate::domain::campaign::add_addresses(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::CampaignInput;

    fn csv(text: &str) -> Result<Vec<FileAddress>, ImportError> {
        parse_addresses(&read::read(text.as_bytes(), "adressen.csv", None)?)
    }

    #[test]
    fn parses_semicolon_csv_with_bom_quotes_and_additions() {
        let text = "\u{feff}Straat;Huisnummer;Toevoeging;Postcode\n\"Sint Annastraat\";12;a;6525 gd\nMeijhorst;7-B;;\n\n";
        let rows = csv(text).unwrap();
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
        let e = csv("straat,huisnummer\nMeijhorst,12\nMeijhorst,twaalf\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("regel 3") && e.contains("twaalf"), "{e}");
        let e = csv("adres\nMeijhorst 12\n").unwrap_err().to_string();
        assert!(e.contains("huisnummer"), "{e}");
        let e = csv("straat;huisnummer;postcode\nX;1;12\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("regel 2") && e.contains("postcode"), "{e}");
        assert!(csv("").is_err());
    }

    #[test]
    fn windows_1252_and_tabs_are_read_like_the_check_import() {
        // "Kerkstraße" as Dutch Excel saves it (Windows-1252), tab-separated.
        let rows = parse_addresses(
            &read::read(b"straat\thuisnummer\nKerkstra\xdfe\t4\n", "a.txt", None).unwrap(),
        )
        .unwrap();
        assert_eq!(rows[0].address.street, "Kerkstra\u{df}e");
        assert_eq!(rows[0].address.number, 4);
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
                reach_band: Default::default(),
                programme: None,
            })
            .unwrap();
        let file = b"straat;huisnummer\nLankforst;1\nLankforst;3\nLankforst;5\n";
        let import = |s: &mut Store, b: &[u8]| import_addresses(s, &c.id, "BU02680734", "a.csv", b);
        let r = import(&mut s, file).unwrap();
        assert_eq!((r.rows, r.added), (3, 3));
        let r = import(&mut s, file).unwrap();
        assert_eq!((r.rows, r.added), (3, 0));
        let bad = b"straat;huisnummer\nLankforst;7\nLankforst;0\n";
        assert!(import(&mut s, bad).is_err());
        assert_eq!(s.walk_list(&c.id).unwrap().len(), 3);
    }

    #[test]
    fn addresses_imported_into_a_campaign_on_a_complex_belong_to_it() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let flat = s
            .create_complex("BU02680734", "Flat Lankforst", Some("Portaal"))
            .unwrap();
        let c = s
            .save_campaign(&CampaignInput {
                id: None,
                name: "Flat Lankforst".into(),
                team: String::new(),
                goal: 10,
                period_start: "2026-03-01".into(),
                period_end: "2026-04-30".into(),
                areas: vec!["BU02680734".into()],
                complex_id: Some(flat.id.clone()),
                reach_band: Default::default(),
                programme: None,
            })
            .unwrap();
        let file = b"straat;huisnummer;postcode\nLankforst;21;6544 AB\nLankforst;23;6544 AB\n";
        let r = import_addresses(&mut s, &c.id, "BU02680734", "a.csv", file).unwrap();
        assert_eq!(r.added, 2);
        assert_eq!(s.complexes(Some("BU02680734")).unwrap()[0].households, 2);
    }
}
