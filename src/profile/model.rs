//! The report model: everything the area profile shows, as plain serialisable
//! data with small numbers already suppressed. Built by [`super::build`] from the
//! store, rendered by [`super::pdf`]; the app can show or store it as JSON.

use crate::privacy::{Cell, SuppressionPolicy};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The phrase that replaces a section whose base is below k.
pub const TOO_FEW: &str = "Te weinig gesprekken om te tonen.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// One campaign (ronde) in its wijk(en).
    Campaign,
    /// A wijk (CBS buurt, BU…).
    Wijk,
    /// A stadsdeel (CBS wijk, WK…).
    Stadsdeel,
    /// All of Nijmegen (GM0268).
    City,
    /// One complex in a wijk: only its households.
    Complex,
}

impl Level {
    pub fn label(self) -> &'static str {
        match self {
            Level::Campaign => "Ronde",
            Level::Wijk => "Wijk",
            Level::Stadsdeel => "Stadsdeel",
            Level::City => "Gemeente",
            Level::Complex => "Complex",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub from: NaiveDate,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub to: NaiveDate,
}

impl Period {
    /// Length in days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length that ends the day before this one starts.
    pub fn previous(&self) -> Period {
        let to = self.from - chrono::Duration::days(1);
        Period {
            from: to - chrono::Duration::days(self.days() - 1),
            to,
        }
    }

    /// "1 maart 2025 – 30 april 2025".
    pub fn label(&self) -> String {
        format!("{} – {}", dutch_date(self.from), dutch_date(self.to))
    }
}

/// A date written out the Dutch way: "3 februari 2026".
pub fn dutch_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A section that is either shown or replaced because its base is below k.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "status", content = "data", rename_all = "snake_case")]
pub enum Section<T> {
    Shown(T),
    TooFew(String),
}

impl<T> Section<T> {
    pub fn shown(&self) -> Option<&T> {
        match self {
            Section::Shown(t) => Some(t),
            Section::TooFew(_) => None,
        }
    }
}

/// A euro amount as it may be published. As JSON a number of whole euros, or
/// the string "x" (hidden) or "onbekend" (no estimate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number | string"))]
pub enum Amount {
    Eur(i64),
    /// Hidden because the households behind it are too few or could be recovered.
    Hidden,
    /// The catalogue has no estimate for these households.
    Unknown,
}

const UNKNOWN: &str = "onbekend";

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Amount::Eur(n) => s.serialize_i64(*n),
            Amount::Hidden => s.serialize_str(crate::privacy::HIDDEN_MARK),
            Amount::Unknown => s.serialize_str(UNKNOWN),
        }
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Eur(i64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Eur(n) => Ok(Amount::Eur(n)),
            Raw::Text(t) if t == crate::privacy::HIDDEN_MARK => Ok(Amount::Hidden),
            Raw::Text(t) if t == UNKNOWN => Ok(Amount::Unknown),
            Raw::Text(t) => Err(serde::de::Error::custom(format!("geen bedrag: {t}"))),
        }
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Amount::Eur(n) => f.write_str(&crate::privacy::format_eur(*n)),
            Amount::Hidden => f.write_str(crate::privacy::HIDDEN_MARK),
            Amount::Unknown => f.write_str(UNKNOWN),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportModel {
    /// "Wijkprofiel Hengstdal".
    pub title: String,
    pub level: Level,
    pub area_code: String,
    pub area_name: String,
    /// Stadsdeel of a wijk, for the cover.
    pub parent_name: Option<String>,
    /// Campaign name and goal for a campaign report.
    pub campaign_name: Option<String>,
    pub period: Period,
    pub organisation: String,
    pub team: String,
    /// RFC 3339; printed as a date on the cover and used as the PDF creation date.
    pub generated_at: String,
    pub policy: SuppressionPolicy,
    pub key_figures: KeyFigures,
    pub map: MapModel,
    pub values: Section<ValuesSection>,
    pub themes: Section<ThemesSection>,
    pub checks: Section<ChecksSection>,
    pub referrals: Section<ReferralsSection>,
    /// Collective actions started in the period (listed even when there are
    /// few conversations: they are about the area, not about residents).
    pub collective: CollectiveSection,
    /// `None` when no comparison was asked for.
    pub development: Option<Section<DevelopmentSection>>,
    pub accountability: Accountability,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyFigures {
    /// Households where the door was tried (benaderd).
    pub approached: Cell,
    /// Households where a resident was spoken to (bereikt).
    pub reached: Cell,
    /// `reached / approached`, when publishable.
    pub reached_pct: Option<f64>,
    pub conversations: Cell,
    pub follow_ups: Cell,
    pub referrals: Cell,
    pub checks: Cell,
    /// The funnel: approached → reached → conversations → follow-up → referrals.
    pub funnel: Vec<FunnelStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FunnelStep {
    pub label: String,
    pub count: Cell,
    /// Share of the first step, when publishable.
    pub pct_of_first: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MapModel {
    /// Wijk codes of the report's area (highlighted).
    pub highlight: Vec<String>,
    /// For stadsdeel and city reports: wijken shaded by a measure.
    pub shading: Option<Shading>,
    pub attribution: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Shading {
    /// "Gesprekken per wijk".
    pub measure: String,
    /// Legend entries, lightest first; class 0 is "too few to show".
    pub classes: Vec<String>,
    /// Class index per wijk code (wijken of the area only).
    pub wijk_class: Vec<(String, usize)>,
    /// (wijk name, code, conversations) for the table next to the map.
    pub per_wijk: Vec<(String, String, Cell)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValuesSection {
    /// Conversations in the period: the base of every share.
    pub conversations: Cell,
    /// Ranked by the share of conversations naming the value; values whose
    /// count is hidden follow in alphabetical order (their rank would leak).
    pub rows: Vec<ValueRow>,
    /// Shares are percentages (`true`) or, below the percentage base, counts.
    pub as_pct: bool,
    /// Most frequent factors for the top values.
    pub top_factors: Vec<ValueFactors>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueRow {
    pub id: String,
    pub label: String,
    pub named: Cell,
    pub valued: Cell,
    pub concern: Cell,
    pub named_pct: Option<f64>,
    pub valued_pct: Option<f64>,
    pub concern_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueFactors {
    pub label: String,
    pub bevorderend: Vec<Factor>,
    pub belemmerend: Vec<Factor>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Factor {
    pub text: String,
    pub count: Cell,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemesSection {
    pub rows: Vec<(String, Cell)>,
    /// Conversations with a theme named fewer than k times (not listed by name).
    pub other: Option<Cell>,
    /// Anonymous, scrubbed quotes (both consents given).
    pub quotes: Vec<String>,
    /// Why there are no quotes, when there are none.
    pub quotes_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecksSection {
    /// Households with a voorzieningencheck in the period (latest check counts).
    pub households: Cell,
    /// Of those, households with an application for any regulation (pending,
    /// granted or rejected), and households with anything granted.
    pub applied_households: Cell,
    pub granted_households: Cell,
    pub rows: Vec<RegulationRow>,
    /// Granted yearly amounts: the real amounts entered, per year.
    pub total_granted: Amount,
    /// Estimated ("schatting") yearly value of entitlements not (yet) decided:
    /// possible non-take-up and pending applications. Never added to granted.
    pub total_potential: Amount,
    pub catalog_year: i32,
    pub disclaimer: String,
    /// "Dienst Toeslagen, bedragen zorgtoeslag 2026 (2026)" per regulation.
    pub sources: Vec<String>,
    /// Households with each other kind of work in their check (debts
    /// inventoried, budget plan, benefit application, handover to the FEW).
    pub actions: Vec<(String, Cell)>,
    /// "Wie we bereikten": the checked households by household type, age
    /// band and income band (each a breakdown of `households`).
    pub clients: Vec<ClientGroup>,
}

/// One breakdown of the checked households, e.g. by household type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientGroup {
    /// "Samenstelling huishouden", "Leeftijd oudste volwassene", "Inkomen".
    pub title: String,
    pub rows: Vec<(String, Cell)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegulationRow {
    pub id: String,
    pub name: String,
    pub level: String,
    pub checked: Cell,
    pub receiving: Cell,
    pub non_take_up: Cell,
    pub applied: Cell,
    pub granted: Cell,
    /// Rejected, not applicable or unknown: completes the line so it adds up.
    pub other: Cell,
    /// Real granted amounts per year (see `ChecksSection::total_granted`).
    pub granted_eur: Amount,
    /// Estimates for non-take-up and pending applications.
    pub potential_eur: Amount,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferralsSection {
    pub by_target: Vec<(String, Cell)>,
    pub by_status: Vec<(String, Cell)>,
    pub total: Cell,
    /// Participation signalled in the period, by kind.
    pub participation: Vec<(String, Cell)>,
    pub participation_total: Cell,
    /// The same participation by current status (interesse … gestopt).
    pub participation_status: Vec<(String, Cell)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DevelopmentSection {
    pub previous: Period,
    pub rows: Vec<DevelopmentRow>,
    /// Share of conversations naming each of the top values, now and before.
    pub values: Vec<ValueChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DevelopmentRow {
    pub label: String,
    pub current: Cell,
    pub previous: Cell,
    /// Relative change in %, when both counts are published and the previous is non-zero.
    pub change_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueChange {
    pub label: String,
    pub current_pct: Option<f64>,
    pub previous_pct: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Accountability {
    pub method: Vec<String>,
    pub sources: Vec<String>,
    /// (catalogue, version)
    pub catalogs: Vec<(String, String)>,
    pub suppression: String,
    pub privacy: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectiveSection {
    pub actions: Vec<CollectiveRow>,
    /// "Er zijn in deze periode geen collectieve acties vastgelegd." when empty.
    pub note: Option<String>,
}

/// One collective action, with its labels; the number of residents involved
/// is a count under the small-number rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CollectiveRow {
    pub title: String,
    pub status: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub residents: Cell,
    pub values: Vec<String>,
    pub themes: Vec<String>,
    pub partners: Vec<String>,
}
