//! Small-number rules shared by everything that lets aggregates leave the app:
//! the area profile PDF (`report`), anonymous tables and the app's screens.
//!
//! - [`SuppressionPolicy`]: the threshold k (default 5, never below 3) under which
//!   a count is printed as "< k", and the base (default 20) a percentage needs.
//! - [`Cell`]: a count as it may be published (a number or "< k").
//! - [`suppress_line`]: primary and secondary suppression for a line of counts
//!   that adds up to a published total, so no hidden cell can be recovered.
//! - [`scrub`]: removes names, addresses, phone numbers, e-mail addresses and
//!   postcodes from quotes before they are printed.
//! - [`pseudonym`]: keyed pseudonyms (`G-…`, `H-…`, `C-…`) for record-level tables.
//! - [`retention`]: the retention period and the purge of personal data past it.
//! - [`resident`]: "Gegevens van een bewoner", the rights of access and erasure.

use crate::error::ErrorCode;

pub mod pseudonym;
pub mod resident;
pub mod retention;
mod scrub;

pub use scrub::{scrub, PLACEHOLDER};

use serde::{Deserialize, Serialize};

/// Lowest k the policy accepts.
pub const MIN_K: u32 = 3;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrivacyError {
    #[error("de drempel voor kleine aantallen moet minstens {MIN_K} zijn (gevraagd: {0})")]
    KTooSmall(u32),
    #[error("de basis voor percentages ({base}) moet minstens de drempel k ({k}) zijn")]
    BaseBelowK { base: u32, k: u32 },
}

impl ErrorCode for PrivacyError {
    fn code(&self) -> &'static str {
        match self {
            PrivacyError::KTooSmall(_) => "k_too_small",
            PrivacyError::BaseBelowK { .. } => "pct_base_below_k",
        }
    }

    fn is_invalid_input(&self) -> bool {
        true
    }
}

/// When numbers are too small to publish.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressionPolicy {
    /// Counts below k are printed as "< k".
    pub k: u32,
    /// Percentages are only printed when their base is at least this.
    pub min_base_for_pct: u32,
}

impl Default for SuppressionPolicy {
    fn default() -> Self {
        SuppressionPolicy::DEFAULT
    }
}

impl SuppressionPolicy {
    /// k = 5, percentages from a base of 20: reports, tables and the app's
    /// map and dashboard.
    pub const DEFAULT: SuppressionPolicy = SuppressionPolicy {
        k: 5,
        min_base_for_pct: 20,
    };

    /// A validated policy: k at least [`MIN_K`], percentage base at least k.
    pub fn new(k: u32, min_base_for_pct: u32) -> Result<SuppressionPolicy, PrivacyError> {
        let p = SuppressionPolicy {
            k,
            min_base_for_pct,
        };
        p.validate()?;
        Ok(p)
    }

    pub fn validate(&self) -> Result<(), PrivacyError> {
        if self.k < MIN_K {
            return Err(PrivacyError::KTooSmall(self.k));
        }
        if self.min_base_for_pct < self.k {
            return Err(PrivacyError::BaseBelowK {
                base: self.min_base_for_pct,
                k: self.k,
            });
        }
        Ok(())
    }

    /// Primary suppression of one count.
    pub fn cell(&self, n: u64) -> Cell {
        if n < self.k as u64 {
            Cell::Suppressed { below: self.k }
        } else {
            Cell::Value(n)
        }
    }

    /// Whether a section based on `base` units may be shown at all.
    pub fn base_ok(&self, base: u64) -> bool {
        base >= self.k as u64
    }

    /// `part / base` as a percentage with one decimal, only when the base is
    /// large enough and the part itself is publishable (a percentage of a
    /// hidden count would reveal it).
    pub fn pct(&self, part: &Cell, base: &Cell) -> Option<f64> {
        match (part, base) {
            (Cell::Value(p), Cell::Value(b)) if *b >= self.min_base_for_pct as u64 && *b > 0 => {
                Some((*p as f64 * 1000.0 / *b as f64).round() / 10.0)
            }
            _ => None,
        }
    }

    /// Plain-language statement of the rule, for the report's accountability section.
    pub fn describe(&self) -> String {
        format!(
            "Aantallen kleiner dan {k} worden weergegeven als \"< {k}\". Percentages staan er alleen \
             bij een basis van minstens {b}. Waar een verborgen aantal uit een totaal terug te \
             rekenen zou zijn, wordt ook het eerstvolgende kleinste aantal verborgen en als \
             \"{HIDDEN_MARK}\" weergegeven (secundaire onderdrukking).",
            k = self.k,
            b = self.min_base_for_pct
        )
    }
}

/// A count as it may be published. As JSON (for the app, `wwk report --out
/// X.json` and other tools) a published cell is a number and a withheld one
/// the string it prints as: "< k" or "x".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number | string"))]
pub enum Cell {
    Value(u64),
    /// Below k; printed as "< k".
    Suppressed {
        below: u32,
    },
    /// Hidden by secondary suppression (not necessarily small); printed as "x".
    Hidden,
}

impl Cell {
    pub fn value(&self) -> Option<u64> {
        match self {
            Cell::Value(v) => Some(*v),
            Cell::Suppressed { .. } | Cell::Hidden => None,
        }
    }

    /// True for any cell that is not published as a number.
    pub fn is_suppressed(&self) -> bool {
        !matches!(self, Cell::Value(_))
    }
}

impl std::fmt::Display for Cell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cell::Value(v) => f.write_str(&format_int(*v as i64)),
            Cell::Suppressed { below } => write!(f, "< {below}"),
            Cell::Hidden => f.write_str(HIDDEN_MARK),
        }
    }
}

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Value(v) => s.serialize_u64(*v),
            withheld => s.collect_str(withheld),
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Value(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Value(v) => Ok(Cell::Value(v)),
            Raw::Text(t) if t == HIDDEN_MARK => Ok(Cell::Hidden),
            Raw::Text(t) => t
                .strip_prefix("< ")
                .and_then(|k| k.parse().ok())
                .map(|below| Cell::Suppressed { below })
                .ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "geen aantal, \"< k\" of \"{HIDDEN_MARK}\": {t}"
                    ))
                }),
        }
    }
}

/// How a cell hidden by secondary suppression is printed.
pub const HIDDEN_MARK: &str = "x";

/// Whole number with Dutch thousands separators: 12.345.
pub fn format_int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// A percentage the Dutch way, whole numbers: "57 %".
pub fn format_pct(p: f64) -> String {
    format!("{} %", p.round() as i64)
}

/// Euros the Dutch way, whole euros: "€ 12.345".
pub fn format_eur(n: i64) -> String {
    format!("€ {}", format_int(n))
}

/// A line of counts (a partition: the cells add up to `total`) after primary and
/// secondary suppression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuppressedLine {
    pub cells: Vec<Cell>,
    pub total: Cell,
}

/// Suppresses a line of counts whose sum is published as a total.
///
/// Primary: every cell below k is hidden ("< k"). Secondary: a reader knows the
/// total, the visible cells, and that a "< k" cell lies in 0..k and an "x" cell
/// is at least k. While that pins any hidden cell down to a single value, the
/// smallest remaining visible cell is hidden too ("x"); if no visible cell is
/// left, the total is hidden as well. A total below k is always hidden.
pub fn suppress_line(policy: &SuppressionPolicy, counts: &[u64]) -> SuppressedLine {
    let k = policy.k as u64;
    let total: u64 = counts.iter().sum();
    let mut hidden: Vec<bool> = counts.iter().map(|&n| n < k).collect();
    let mut total_hidden = total < k;
    while !total_hidden && any_pinned(counts, &hidden, k) {
        // Hide the smallest visible cell (first one on ties, for determinism).
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, _)| !hidden[*i])
            .min_by_key(|(i, n)| (**n, *i))
            .map(|(i, _)| i);
        match next {
            Some(i) => hidden[i] = true,
            None => total_hidden = true,
        }
    }
    SuppressedLine {
        cells: counts
            .iter()
            .zip(&hidden)
            .map(|(&n, &h)| match (h, n < k) {
                (false, _) => Cell::Value(n),
                (true, true) => Cell::Suppressed { below: policy.k },
                (true, false) => Cell::Hidden,
            })
            .collect(),
        total: match (total_hidden, total < k) {
            (false, _) => Cell::Value(total),
            (true, true) => Cell::Suppressed { below: policy.k },
            (true, false) => Cell::Hidden,
        },
    }
}

/// Whether a reader who knows the total, the visible cells and the bounds of the
/// hidden ones ("< k": 0..k, "x": at least k) can pin a hidden cell to one value.
fn any_pinned(counts: &[u64], hidden: &[bool], k: u64) -> bool {
    // Bounds per hidden cell; `None` as upper bound means unbounded.
    let bounds: Vec<(u64, Option<u64>)> = counts
        .iter()
        .zip(hidden)
        .filter(|(_, h)| **h)
        .map(|(&n, _)| if n < k { (0, Some(k - 1)) } else { (k, None) })
        .collect();
    if bounds.is_empty() {
        return false;
    }
    let sum: u64 = counts
        .iter()
        .zip(hidden)
        .filter(|(_, h)| **h)
        .map(|(n, _)| *n)
        .sum();
    bounds.iter().enumerate().any(|(i, &(lo, hi))| {
        let others_lo: u64 = bounds
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, b)| b.0)
            .sum();
        let others_hi: Option<u64> = bounds
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .try_fold(0u64, |acc, (_, b)| b.1.map(|h| acc + h));
        let min = match others_hi {
            Some(h) => lo.max(sum.saturating_sub(h)),
            None => lo,
        };
        let max_from_sum = sum.saturating_sub(others_lo);
        let max = hi.map_or(max_from_sum, |h| h.min(max_from_sum));
        min >= max
    })
}

#[cfg(test)]
mod tests;
