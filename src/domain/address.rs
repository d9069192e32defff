//! Address ranges as workers type them: "Meijhorst 1-120 even", "Hatertseweg 12a",
//! "Daalseweg 3, 5, 9-15 oneven".

use super::DomainError;
use serde::{Deserialize, Serialize};

/// Largest number of addresses one range may expand to.
pub const MAX_RANGE: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Address {
    pub street: String,
    pub number: u32,
    pub addition: Option<String>,
}

/// Expands a typed range into addresses, in walking order.
pub fn parse_range(input: &str) -> Result<Vec<Address>, DomainError> {
    let bad = |why: &str| DomainError::Invalid(format!("adresreeks \"{}\": {why}", input.trim()));
    let input = input.trim();
    let split = input
        .char_indices()
        .find(|(i, c)| c.is_ascii_digit() && (*i == 0 || input[..*i].ends_with(' ')))
        .map(|(i, _)| i)
        .ok_or_else(|| bad("geen huisnummer gevonden"))?;
    let street = input[..split].trim();
    if street.is_empty() {
        return Err(bad("straatnaam ontbreekt"));
    }
    let mut out = Vec::new();
    for part in input[split..].split(',') {
        let words: Vec<&str> = part.split_whitespace().collect();
        let (spec, parity) = match words.as_slice() {
            [spec] => (*spec, None),
            [spec, p] => (*spec, Some(p.to_lowercase())),
            _ => return Err(bad("schrijf bijvoorbeeld \"Meijhorst 1-120 even\"")),
        };
        let keep: fn(u32) -> bool = match parity.as_deref() {
            None | Some("alle") => |_| true,
            Some("even") => |n| n % 2 == 0,
            Some("oneven") => |n| n % 2 == 1,
            Some(_) => return Err(bad("gebruik \"even\" of \"oneven\"")),
        };
        if let Some((a, b)) = spec.split_once('-') {
            let a: u32 = a.parse().map_err(|_| bad("beginnummer is geen getal"))?;
            let b: u32 = b.parse().map_err(|_| bad("eindnummer is geen getal"))?;
            if a == 0 || b < a {
                return Err(bad("het eindnummer moet groter zijn dan het beginnummer"));
            }
            if (b - a) as usize >= MAX_RANGE {
                return Err(bad(&format!(
                    "te veel adressen (max. {MAX_RANGE} per reeks)"
                )));
            }
            out.extend((a..=b).filter(|n| keep(*n)).map(|n| Address {
                street: street.to_string(),
                number: n,
                addition: None,
            }));
        } else {
            let digits: String = spec.chars().take_while(|c| c.is_ascii_digit()).collect();
            let number: u32 = digits
                .parse()
                .map_err(|_| bad("huisnummer is geen getal"))?;
            if number == 0 {
                return Err(bad("huisnummer 0 bestaat niet"));
            }
            let addition = spec[digits.len()..].trim_start_matches('-').trim();
            if addition.chars().count() > 10 {
                return Err(bad("toevoeging is te lang"));
            }
            out.push(Address {
                street: street.to_string(),
                number,
                addition: (!addition.is_empty()).then(|| addition.to_uppercase()),
            });
        }
        if out.len() > MAX_RANGE {
            return Err(bad(&format!(
                "te veel adressen (max. {MAX_RANGE} per reeks)"
            )));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn even_range() {
        let a = parse_range("Meijhorst 1-120 even").unwrap();
        assert_eq!(a.len(), 60);
        assert_eq!(
            a[0],
            Address {
                street: "Meijhorst".into(),
                number: 2,
                addition: None
            }
        );
        assert_eq!(a[59].number, 120);
    }

    #[test]
    fn lists_additions_and_multiword_streets() {
        let a = parse_range("Sint Annastraat 3, 5a, 9-13 oneven").unwrap();
        let got: Vec<(u32, Option<&str>)> = a
            .iter()
            .map(|x| (x.number, x.addition.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![(3, None), (5, Some("A")), (9, None), (11, None), (13, None)]
        );
        assert!(a.iter().all(|x| x.street == "Sint Annastraat"));
    }

    #[test]
    fn nonsense_is_rejected_in_dutch() {
        for bad in [
            "Meijhorst",
            "12",
            "Meijhorst 10-1",
            "Meijhorst 1-100000",
            "Meijhorst 1-9 soms",
        ] {
            let e = parse_range(bad).unwrap_err().to_string();
            assert!(e.contains("adresreeks"), "{bad}: {e}");
        }
    }
}
