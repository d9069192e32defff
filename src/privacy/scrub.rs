//! Quote scrubbing: before a resident's words are printed anywhere, anything
//! that could point to a person is replaced by "[…]": e-mail addresses, Dutch
//! phone numbers, postcodes, street addresses with a house number, and names
//! recognised by a conservative pattern set (titles and forms of address,
//! introductions, first name plus surname particles, pairs of capitalised words).
//! When in doubt the text is removed: a quote that loses a place name is better
//! than one that names a neighbour.

use regex::Regex;
use std::sync::OnceLock;

/// What replaces removed text.
pub const PLACEHOLDER: &str = "[…]";

/// Capitalised words that commonly start a sentence or a phrase and are not names;
/// a pair of capitalised words starting with one of these is left alone.
const NOT_NAMES: &[&str] = &[
    "De",
    "Het",
    "Een",
    "Ik",
    "We",
    "Wij",
    "Je",
    "Jij",
    "U",
    "Hij",
    "Zij",
    "Ze",
    "Mijn",
    "Onze",
    "Ons",
    "Die",
    "Dat",
    "Dit",
    "Deze",
    "Als",
    "Maar",
    "En",
    "Of",
    "Op",
    "In",
    "Bij",
    "Voor",
    "Door",
    "Zonder",
    "Dankzij",
    "Met",
    "Na",
    "Naar",
    "Van",
    "Over",
    "Om",
    "Toen",
    "Nu",
    "Hier",
    "Daar",
    "Er",
    "Wat",
    "Wie",
    "Waar",
    "Hoe",
    "Waarom",
    "Kijk",
    "Koester",
    "Sinds",
    "Sinterklaas",
    "Elke",
    "Iedere",
    "Alle",
    "Veel",
    "Geen",
    "Ook",
    "Zo",
    "Dus",
    "Want",
    "Omdat",
    "Soms",
    "Vroeger",
    "Vooral",
    "Gelukkig",
    "Helaas",
    "Eerlijk",
    "Echt",
    "Samen",
    "Zeker",
    "Nooit",
    "Altijd",
];

struct Patterns {
    email: Regex,
    phone: Regex,
    postcode: Regex,
    street: Regex,
    house_number: Regex,
    titled_name: Regex,
    introduction: Regex,
    particle_name: Regex,
    capital_pair: Regex,
    collapse: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).expect("scrub patterns are valid (tested)");
        let cap = r"\p{Lu}[\p{Ll}\p{M}'’-]+";
        let particles = r"(?:van|de|der|den|het|ter|ten|te|el|al|la|le|da|dos|du|op|in|'t)";
        Patterns {
            email: re(r"(?i)[\p{L}0-9._%+-]+\s*(?:@|\(at\)|\[at\])\s*[\p{L}0-9-]+(?:\.[\p{L}0-9-]+)+"),
            // +31 / 0031 / 0 followed by nine digits, with optional spaces, dashes,
            // dots, parentheses; also 0800/0900 service numbers and bare 06 numbers.
            phone: re(r"(?:(?:\+|00)\s?31[\s.-]?(?:\(0\)[\s.-]?)?|\b0)(?:[\s.()-]?\d){9}\b"),
            postcode: re(r"\b[1-9][0-9]{3}\s?[A-Z]{2}\b"),
            // A street name (optionally preceded by capitalised words and
            // particles, e.g. "Dommer van Poldersveldtweg", "Berg en Dalseweg")
            // followed by a house number and optional addition.
            street: re(&format!(
                r"(?:(?:{cap}|{particles}|en)\s+){{0,4}}\p{{L}}[\p{{L}}'’-]*(?:straat|laan|weg|plein|singel|kade|hof|dreef|gracht|pad|steeg|park|veld|hage|erf|ring|dijk|baan|markt|wal|akker|allee|boulevard|passage|hoek|berg|dal|oord|burg|heuvel|kamp|lei|gaarde|rade|werf|staete)\s*[0-9]+(?:\s?[-/]?\s?[A-Za-z0-9]{{1,3}}\b)?"
            )),
            house_number: re(r"(?i)\b(?:huisnummer|nummer|nr\.?|no\.?)\s*[0-9]+[a-z]?\b"),
            titled_name: re(&format!(
                r"(?i:\b(?:meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|mr\.?|dr\.?|juf|juffrouw|meester|buurman|buurvrouw|tante|oom|opa|oma|zuster|broeder|pastoor|dominee|imam|hoca))\s+(?:{particles}\s+)*{cap}(?:\s+(?:{particles}\s+)*{cap})*"
            )),
            introduction: re(&format!(
                r"(?i:\b(?:ik\s+heet|heet|mijn\s+naam\s+is|noem\s+me|ik\s+ben|dit\s+is|zoon|dochter|man|vrouw|buurjongen|buurmeisje)\s+)(?:{particles}\s+)*{cap}(?:\s+(?:{particles}\s+)*{cap})*"
            )),
            particle_name: re(&format!(r"\b{cap}\s+(?:{particles}\s+)+{cap}")),
            capital_pair: re(&format!(r"\b({cap})(?:\s+{cap})+")),
            collapse: re(r"\[…\](?:[\s,]*\[…\])+"),
        }
    })
}

/// Returns `text` with personal details replaced by [`PLACEHOLDER`].
pub fn scrub(text: &str) -> String {
    let p = patterns();
    let mut s = text.to_string();
    for re in [
        &p.email,
        &p.phone,
        &p.postcode,
        &p.street,
        &p.house_number,
        &p.titled_name,
        &p.introduction,
        &p.particle_name,
    ] {
        s = re.replace_all(&s, PLACEHOLDER).into_owned();
    }
    s = p
        .capital_pair
        .replace_all(&s, |c: &regex::Captures| {
            if NOT_NAMES.contains(&&c[1]) {
                c[0].to_string()
            } else {
                PLACEHOLDER.to_string()
            }
        })
        .into_owned();
    p.collapse.replace_all(&s, PLACEHOLDER).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_contact_details() {
        for (input, gone) in [
            ("Mail me op jan.devries@example.nl graag", "jan.devries"),
            ("Bel 06-12345678 even", "12345678"),
            ("bel 06 1234 5678", "5678"),
            ("nummer +31 6 12345678 werkt", "12345678"),
            ("of 0031612345678", "612345678"),
            ("kantoor 024-3291234", "3291234"),
            ("ons adres: 6543 AB Nijmegen", "6543"),
            ("postcode 6511AB", "6511"),
        ] {
            let out = scrub(input);
            assert!(!out.contains(gone), "{input:?} -> {out:?}");
            assert!(out.contains(PLACEHOLDER), "{input:?} -> {out:?}");
        }
    }

    #[test]
    fn removes_street_addresses() {
        for (input, gone) in [
            (
                "Ik woon op de Lange Hezelstraat 12, vlak bij de Waal",
                "Hezelstraat",
            ),
            ("sinds we op Daalseweg 3a wonen", "Daalseweg"),
            ("bij Dommer van Poldersveldtweg 140", "Poldersveldtweg"),
            ("Berg en Dalseweg 7-II is ons huis", "Dalseweg"),
            ("hij woont op nummer 14", "14"),
        ] {
            let out = scrub(input);
            assert!(!out.contains(gone), "{input:?} -> {out:?}");
        }
    }

    #[test]
    fn removes_names() {
        for (input, gone) in [
            ("Mevrouw Jansen van hiernaast helpt me", "Jansen"),
            ("buurman Henk kookt soms voor me", "Henk"),
            ("Ik heet Fatima en woon hier graag", "Fatima"),
            ("Jan de Vries organiseert de barbecue", "Vries"),
            ("Samen met Ayşe Yılmaz doe ik boodschappen", "Yılmaz"),
            ("dankzij meneer van den Berg", "Berg"),
        ] {
            let out = scrub(input);
            assert!(!out.contains(gone), "{input:?} -> {out:?}");
        }
    }

    #[test]
    fn keeps_ordinary_sentences() {
        for s in [
            "De koffieochtend in het wijkcentrum, dat maakt voor mij het verschil.",
            "Zonder het park was ik hier allang weggegaan.",
            "Ik woon hier nu 12 jaar en ken bijna iedereen.",
            "In 2024 is het buurthuis dichtgegaan.",
            "Elke week is er markt in de wijk.",
        ] {
            assert_eq!(scrub(s), s);
        }
    }

    #[test]
    fn adjacent_removals_collapse() {
        let out = scrub("Henk Jansen, 06-12345678, henk@example.nl");
        assert_eq!(out, PLACEHOLDER);
    }

    proptest::proptest! {
        /// Whatever surrounds them, e-mail addresses and mobile numbers never survive.
        #[test]
        fn contact_details_never_survive(
            before in "[a-zA-Z ,.]{0,30}",
            user in "[a-z]{1,10}",
            domain in "[a-z]{2,10}",
            digits in "[0-9]{8}",
            after in "[a-zA-Z ,.]{0,30}",
        ) {
            let text = format!("{before} {user}@{domain}.nl 06-{digits} {after}");
            let out = scrub(&text);
            let needle = format!("{user}@{domain}");
            proptest::prop_assert!(!out.contains(&needle), "{out}");
            proptest::prop_assert!(!out.contains(&digits), "{out}");
        }

        /// Scrubbing is idempotent.
        #[test]
        fn idempotent(s in "\\PC{0,80}") {
            let once = scrub(&s);
            proptest::prop_assert_eq!(scrub(&once), once);
        }
    }
}
