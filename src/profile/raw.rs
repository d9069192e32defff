//! Unsuppressed counts of one wijk (or a sum of wijken), as the queries
//! produce them and the assembly consumes them. Every count is additive over
//! wijken: a household, conversation, check or referral belongs to exactly one
//! wijk. Nothing here leaves the `profile` module.

use super::model::Period;
use std::collections::BTreeMap;

/// Raw counts per regulation, by what the status counts as.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegulationRaw {
    pub receiving: u64,
    pub non_take_up: u64,
    pub applied: u64,
    pub granted: u64,
    pub other: u64,
    /// Sum of the real granted amounts per year of granted items.
    pub granted_eur: i64,
    /// Sum of estimates of non-take-up and applied (pending) items.
    pub potential_eur: i64,
    /// Granted items with an amount entered; non-take-up and applied items
    /// with an estimate.
    pub granted_known: u64,
    pub potential_known: u64,
}

impl RegulationRaw {
    fn add(&mut self, o: &RegulationRaw) {
        self.receiving += o.receiving;
        self.non_take_up += o.non_take_up;
        self.applied += o.applied;
        self.granted += o.granted;
        self.other += o.other;
        self.granted_eur += o.granted_eur;
        self.potential_eur += o.potential_eur;
        self.granted_known += o.granted_known;
        self.potential_known += o.potential_known;
    }
}

/// One collective action as the profile lists it (no author, no ids).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollectiveRaw {
    pub started_on: String,
    pub title: String,
    pub ended_on: Option<String>,
    pub status: String,
    pub residents: u64,
    pub value_ids: Vec<String>,
    pub themes: Vec<String>,
    pub partners: Vec<String>,
}

/// Free-text counts grouped case-insensitively: lowercased key → (the
/// first-sorting spelling, conversations).
pub type TextCounts = BTreeMap<String, (String, u64)>;

/// Everything a profile needs, unsuppressed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Raw {
    pub approached: u64,
    pub reached: u64,
    pub conversations: u64,
    /// Households (a conversation without a household counts as one) with a
    /// conversation in which the resident wanted a follow-up.
    pub follow_ups: u64,
    /// value id → (valued, concern)
    pub values: BTreeMap<String, (u64, u64)>,
    /// value id → factor texts with the conversations naming them.
    pub bevorderend: BTreeMap<String, TextCounts>,
    pub belemmerend: BTreeMap<String, TextCounts>,
    /// Themes with the conversations naming them.
    pub themes: TextCounts,
    /// Quotes with both consents: (stable spread-out order key, text).
    pub quotes: Vec<(String, String)>,
    /// Households with a check (the latest check per household in the period).
    pub checks: u64,
    pub regulations: BTreeMap<String, RegulationRaw>,
    /// Checked households with an application for any regulation (pending,
    /// granted or rejected), and with anything granted.
    pub applied_households: u64,
    pub granted_households: u64,
    /// Households checked by quick-screen answer, keyed `dimension/code`
    /// (`household_type/alleenstaand`): a partition of `checks` per dimension.
    pub clients: BTreeMap<String, u64>,
    /// Households (checks) with each kind of other work (`schulden`, …).
    pub check_actions: BTreeMap<String, u64>,
    pub referrals_by_target: BTreeMap<String, u64>,
    pub referrals_by_status: BTreeMap<String, u64>,
    pub participation: BTreeMap<String, u64>,
    /// The same participation by current status (`interesse`, `doet_mee`, …).
    pub participation_status: BTreeMap<String, u64>,
    /// Collective actions started in the period, in the order of `CollectiveRaw`.
    pub collective: Vec<CollectiveRaw>,
    /// Conversations per wijk code.
    pub per_wijk: BTreeMap<String, u64>,
    /// First and last day (ISO) of anything counted: a visit, conversation,
    /// check (any, not only the latest), referral or participation.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// Quotes a profile keeps as candidates (the assembly prints a few).
pub const QUOTE_CANDIDATES: usize = 60;

pub(super) fn add_counts(into: &mut BTreeMap<String, u64>, from: &BTreeMap<String, u64>) {
    for (k, n) in from {
        *into.entry(k.clone()).or_default() += n;
    }
}

fn add_texts(into: &mut TextCounts, from: &TextCounts) {
    for (k, (t, n)) in from {
        let e = into.entry(k.clone()).or_insert_with(|| (t.clone(), 0));
        if t < &e.0 {
            e.0 = t.clone();
        }
        e.1 += n;
    }
}

/// Counts a free text case-insensitively, keeping the first-sorting spelling.
/// `key` is a buffer for the lowercased text (a text counted before costs no
/// allocation).
pub(super) fn count_text(map: &mut TextCounts, t: &str, key: &mut String) {
    lowercase_into(t, key);
    let e = match map.get_mut(key.as_str()) {
        Some(e) => e,
        None => map.entry(key.clone()).or_insert_with(|| (t.to_string(), 0)),
    };
    if t < e.0.as_str() {
        e.0 = t.to_string();
    }
    e.1 += 1;
}

/// The grouping key of a free text: its lowercase form.
pub(super) fn lowercase_into(t: &str, key: &mut String) {
    key.clear();
    if t.is_ascii() {
        key.push_str(t);
        key.make_ascii_lowercase();
    } else {
        key.push_str(&t.to_lowercase());
    }
}

impl Raw {
    /// True when nothing at all happened in the scope.
    pub fn is_empty(&self) -> bool {
        self.approached == 0
            && self.conversations == 0
            && self.checks == 0
            && self.referrals() == 0
            && self.participation.values().sum::<u64>() == 0
    }

    pub fn referrals(&self) -> u64 {
        self.referrals_by_target.values().sum()
    }

    /// Widens the day range to include `from`..`to`.
    pub fn saw_days(&mut self, from: &str, to: &str) {
        if self.first_day.as_deref().is_none_or(|d| from < d) {
            self.first_day = Some(from.to_string());
        }
        if self.last_day.as_deref().is_none_or(|d| to > d) {
            self.last_day = Some(to.to_string());
        }
    }

    /// The first and last day with data, when there is any.
    pub fn data_range(&self) -> Option<Period> {
        let parse = |s: &Option<String>| {
            s.as_deref()
                .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        };
        Some(Period {
            from: parse(&self.first_day)?,
            to: parse(&self.last_day)?,
        })
    }

    /// Adds another wijk's counts.
    pub fn add(&mut self, o: &Raw) {
        self.approached += o.approached;
        self.reached += o.reached;
        self.conversations += o.conversations;
        self.follow_ups += o.follow_ups;
        for (k, (v, c)) in &o.values {
            let e = self.values.entry(k.clone()).or_default();
            e.0 += v;
            e.1 += c;
        }
        for (into, from) in [
            (&mut self.bevorderend, &o.bevorderend),
            (&mut self.belemmerend, &o.belemmerend),
        ] {
            for (k, texts) in from {
                add_texts(into.entry(k.clone()).or_default(), texts);
            }
        }
        add_texts(&mut self.themes, &o.themes);
        if !o.quotes.is_empty() {
            self.quotes.extend(o.quotes.iter().cloned());
            self.quotes.sort();
            self.quotes.truncate(QUOTE_CANDIDATES);
        }
        self.checks += o.checks;
        self.applied_households += o.applied_households;
        self.granted_households += o.granted_households;
        for (k, r) in &o.regulations {
            self.regulations.entry(k.clone()).or_default().add(r);
        }
        add_counts(&mut self.referrals_by_target, &o.referrals_by_target);
        add_counts(&mut self.referrals_by_status, &o.referrals_by_status);
        add_counts(&mut self.participation, &o.participation);
        add_counts(&mut self.participation_status, &o.participation_status);
        self.collective.extend(o.collective.iter().cloned());
        self.collective.sort();
        add_counts(&mut self.clients, &o.clients);
        add_counts(&mut self.check_actions, &o.check_actions);
        add_counts(&mut self.per_wijk, &o.per_wijk);
        if let (Some(f), Some(t)) = (&o.first_day, &o.last_day) {
            self.saw_days(f, t);
        }
    }
}

/// Raw counts per wijk code (wijken without any data are absent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerWijk(pub BTreeMap<String, Raw>);

impl PerWijk {
    /// The counts of all wijken loaded.
    #[cfg(test)]
    pub fn total(&self) -> Raw {
        let mut raw = Raw::default();
        for r in self.0.values() {
            raw.add(r);
        }
        raw
    }

    /// The counts of some of the wijken loaded.
    pub fn sum_of(&self, wijken: &[String]) -> Raw {
        let mut raw = Raw::default();
        for w in wijken {
            if let Some(r) = self.0.get(w) {
                raw.add(r);
            }
        }
        raw
    }
}
