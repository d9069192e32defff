//! A passphrase strength hint for the first-start and passphrase-change screens.
//! Advice only: the store accepts any passphrase of at least
//! [`MIN_PASSPHRASE_LEN`](super::MIN_PASSPHRASE_LEN) characters.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Strength {
    /// 0 (refused) to 3 (strong).
    pub score: u8,
    /// Short Dutch label: "te kort", "zwak", "redelijk", "sterk".
    pub label: String,
    /// What to do to improve it (Dutch), empty when strong.
    pub hint: String,
}

const COMMON: &[&str] = &[
    "wachtwoord",
    "password",
    "welkom",
    "nijmegen",
    "qwerty",
    "123456",
    "geheim",
    "wijkwaardenkaart",
];

pub fn passphrase_strength(p: &str) -> Strength {
    let len = p.chars().count();
    let lower = p.to_lowercase();
    let classes = [
        p.chars().any(|c| c.is_lowercase()),
        p.chars().any(|c| c.is_uppercase()),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    let words = p
        .split_whitespace()
        .filter(|w| w.chars().count() >= 3)
        .count();
    let distinct = {
        let mut v: Vec<char> = p.chars().collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let s = |score: u8, label: &str, hint: &str| Strength {
        score,
        label: label.into(),
        hint: hint.into(),
    };
    if len < super::MIN_PASSPHRASE_LEN {
        return s(
            0,
            "te kort",
            &format!("Gebruik minstens {} tekens.", super::MIN_PASSPHRASE_LEN),
        );
    }
    if COMMON.iter().any(|c| lower.contains(c)) && len < 20 || distinct < 5 {
        return s(
            1,
            "zwak",
            "Vermijd bekende woorden en herhalingen; kies een zin van een paar losse woorden.",
        );
    }
    if len >= 16 && (words >= 3 || classes >= 3) || len >= 24 {
        return s(3, "sterk", "");
    }
    if len >= 12 && classes >= 2 {
        return s(
            2,
            "redelijk",
            "Nog sterker: maak er een zin van vier of meer woorden van.",
        );
    }
    s(
        1,
        "zwak",
        "Maak het langer, bijvoorbeeld een zin van vier losse woorden.",
    )
}

#[cfg(test)]
mod tests {
    use super::passphrase_strength as st;

    #[test]
    fn hints_grow_with_length_and_variety() {
        assert_eq!(st("kort").score, 0);
        assert_eq!(st("wachtwoord1").score, 1);
        assert_eq!(st("aaaaaaaaaaaa").score, 1);
        assert_eq!(st("abcdefgh").score, 1);
        assert_eq!(st("Fietsen2026!").score, 2);
        assert_eq!(st("groene fiets bij de Waal").score, 3);
        assert!(st("kort").hint.contains("minstens 8"));
        assert!(st("groene fiets bij de Waal").hint.is_empty());
    }
}
