//! Column mappings (which spreadsheet column holds what), their automatic
//! detection from headers, and the lookup of regulation names, statuses and
//! quick-screen answers in the catalogue.
//!
//! A spreadsheet is either *long* (a column with the regulation and one with
//! its status, one row per regulation) or *wide* (one column per regulation
//! holding its status, one row per check).

use super::ImportError;
use crate::catalog::RegulationsCatalog;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Which header holds which field. Headers are matched case- and
/// accent-insensitively.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    #[serde(default)]
    pub postcode: Option<String>,
    /// House number, optionally with the addition ("12a").
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub addition: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    /// Wijk or stadsdeel, as CBS code or name.
    #[serde(default)]
    pub wijk: Option<String>,
    pub date: Option<String>,
    /// Long layout: the regulation's name.
    #[serde(default)]
    pub regulation: Option<String>,
    /// Long layout: the status.
    #[serde(default)]
    pub status: Option<String>,
    /// Long layout: estimated yearly amount in euros (optional).
    #[serde(default)]
    pub estimate: Option<String>,
    /// A stable key per check in the source (e.g. a file number); otherwise
    /// household and date identify a check.
    #[serde(default)]
    pub row_key: Option<String>,
    #[serde(default)]
    pub household_type: Option<String>,
    #[serde(default)]
    pub age_group: Option<String>,
    #[serde(default)]
    pub income_band: Option<String>,
    #[serde(default)]
    pub rent_band: Option<String>,
    #[serde(default)]
    pub children: Option<String>,
}

/// Quick-screen answers assumed when the spreadsheet has no column for them.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenDefaults {
    pub household_type: String,
    pub age_group: String,
    pub income_band: String,
    pub rent_band: String,
    pub children: u32,
}

impl Default for ScreenDefaults {
    fn default() -> Self {
        ScreenDefaults {
            household_type: "anders".into(),
            age_group: "21_aow".into(),
            income_band: "onbekend".into(),
            rent_band: "onbekend".into(),
            children: 0,
        }
    }
}

/// How to read one source's spreadsheets; saved per source in the store.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Name of the source (e.g. "formulierenbrigade").
    pub source: String,
    pub columns: ColumnMap,
    /// Wide layout: header → regulation id.
    #[serde(default)]
    pub regulation_columns: BTreeMap<String, String>,
    /// Extra names for regulations: spreadsheet text → regulation id.
    #[serde(default)]
    pub regulations: BTreeMap<String, String>,
    /// Extra names for statuses: spreadsheet text → status code.
    #[serde(default)]
    pub statuses: BTreeMap<String, String>,
    #[serde(default)]
    pub defaults: ScreenDefaults,
}

/// Lowercase, accents folded, only letters and digits: "Bijz. bijstand" → "bijzbijstand".
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ÿ' | 'ý' => 'y',
            c => c,
        };
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// Header names recognised per field (folded).
const SYNONYMS: &[(&str, &[&str])] = &[
    ("postcode", &["postcode", "pc", "postcd"]),
    ("number", &["huisnummer", "huisnr", "nummer", "nr", "hnr"]),
    (
        "addition",
        &[
            "toevoeging",
            "huisnummertoevoeging",
            "toev",
            "huisletter",
            "letter",
        ],
    ),
    ("street", &["straat", "straatnaam", "adres"]),
    (
        "wijk",
        &[
            "wijk",
            "wijkcode",
            "buurt",
            "buurtcode",
            "wijknaam",
            "buurtnaam",
        ],
    ),
    (
        "date",
        &[
            "datum",
            "checkdatum",
            "datumcheck",
            "gechecktop",
            "datumgesprek",
            "date",
        ],
    ),
    (
        "regulation",
        &["regeling", "voorziening", "regelingnaam", "toeslag"],
    ),
    ("status", &["status", "uitkomst", "resultaat"]),
    (
        "estimate",
        &[
            "bedrag",
            "bedragperjaar",
            "opbrengst",
            "opbrengstperjaar",
            "geschatbedrag",
            "schatting",
            "bedragpj",
        ],
    ),
    (
        "row_key",
        &[
            "dossiernummer",
            "dossiernr",
            "dossier",
            "kenmerk",
            "id",
            "rijid",
            "volgnummer",
        ],
    ),
    (
        "household_type",
        &[
            "huishouden",
            "huishoudtype",
            "samenstelling",
            "huishoudsamenstelling",
        ],
    ),
    (
        "age_group",
        &["leeftijd", "leeftijdsgroep", "leeftijdscategorie"],
    ),
    (
        "income_band",
        &["inkomen", "inkomensklasse", "inkomensgroep"],
    ),
    (
        "rent_band",
        &["woonsituatie", "huur", "woning", "huurklasse"],
    ),
    ("children", &["kinderen", "aantalkinderen", "kids"]),
];

impl ColumnMap {
    fn slot(&mut self, field: &str) -> &mut Option<String> {
        match field {
            "postcode" => &mut self.postcode,
            "number" => &mut self.number,
            "addition" => &mut self.addition,
            "street" => &mut self.street,
            "wijk" => &mut self.wijk,
            "date" => &mut self.date,
            "regulation" => &mut self.regulation,
            "status" => &mut self.status,
            "estimate" => &mut self.estimate,
            "row_key" => &mut self.row_key,
            "household_type" => &mut self.household_type,
            "age_group" => &mut self.age_group,
            "income_band" => &mut self.income_band,
            "rent_band" => &mut self.rent_band,
            "children" => &mut self.children,
            _ => unreachable!("known field {field}"),
        }
    }

    fn get(&self, field: &str) -> Option<&str> {
        let v = match field {
            "postcode" => &self.postcode,
            "number" => &self.number,
            "addition" => &self.addition,
            "street" => &self.street,
            "wijk" => &self.wijk,
            "date" => &self.date,
            "regulation" => &self.regulation,
            "status" => &self.status,
            "estimate" => &self.estimate,
            "row_key" => &self.row_key,
            "household_type" => &self.household_type,
            "age_group" => &self.age_group,
            "income_band" => &self.income_band,
            "rent_band" => &self.rent_band,
            "children" => &self.children,
            _ => unreachable!("known field {field}"),
        };
        v.as_deref()
    }

    /// (field, header) for every mapped column.
    pub fn mapped(&self) -> Vec<(&'static str, &str)> {
        SYNONYMS
            .iter()
            .filter_map(|(f, _)| self.get(f).map(|h| (*f, h)))
            .collect()
    }
}

/// Aliases (folded) → id, dropping aliases that would point at two ids.
fn alias_map(entries: impl IntoIterator<Item = (String, String)>) -> HashMap<String, String> {
    let mut map: HashMap<String, Option<String>> = HashMap::new();
    for (alias, id) in entries {
        let alias = fold(&alias);
        if alias.is_empty() {
            continue;
        }
        map.entry(alias)
            .and_modify(|v| {
                if v.as_deref() != Some(id.as_str()) {
                    *v = None;
                }
            })
            .or_insert(Some(id));
    }
    map.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// Names a label can be written as: itself, without a parenthetical, the
/// parenthetical (an abbreviation such as "AIO"), the parts around a dash, and
/// the initials of a label of three or more words ("n.v.t.").
fn label_aliases(label: &str) -> Vec<String> {
    let mut out = vec![label.to_string()];
    if let (Some(open), Some(close)) = (label.find('('), label.rfind(')')) {
        if open < close {
            out.push(label[..open].to_string());
            out.push(label[open + 1..close].to_string());
        }
    }
    for sep in [" – ", " - ", " — "] {
        if label.contains(sep) {
            out.extend(label.split(sep).map(str::to_string));
        }
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.len() >= 3 {
        out.push(words.iter().filter_map(|w| w.chars().next()).collect());
    }
    out
}

/// Status labels of codes catalogue 2026.1 and 2026.2 that have changed since.
const LEGACY_STATUS_LABELS: &[(&str, &str)] = &[
    ("Mogelijk recht – niet aangevraagd", "mogelijk_recht"),
    ("Aangevraagd met hulp", "aangevraagd"),
];

/// The catalogue as the importer needs it: name lookups and valid options.
pub struct Lookup {
    pub regulations: HashMap<String, String>,
    pub statuses: HashMap<String, String>,
    household_types: HashMap<String, String>,
    age_groups: HashMap<String, String>,
    income_bands: HashMap<String, String>,
    rent_bands: HashMap<String, String>,
    pub regulation_names: HashMap<String, String>,
}

impl Lookup {
    pub fn new(
        cat: &RegulationsCatalog,
        statuses: &[(String, String)],
        mapping: &Mapping,
    ) -> Result<Lookup, ImportError> {
        let known_reg = |id: &str| cat.regulation(id).is_some();
        for (name, id) in &mapping.regulations {
            if !known_reg(id) {
                return Err(ImportError::Mapping(format!(
                    "de koppeling noemt \"{name}\" → \"{id}\", maar regeling \"{id}\" staat niet in de catalogus"
                )));
            }
        }
        for (header, id) in &mapping.regulation_columns {
            if !known_reg(id) {
                return Err(ImportError::Mapping(format!(
                    "kolom \"{header}\" is gekoppeld aan onbekende regeling \"{id}\""
                )));
            }
        }
        for (word, code) in &mapping.statuses {
            if !statuses.iter().any(|(c, _)| c == code) {
                return Err(ImportError::Mapping(format!(
                    "de koppeling noemt status \"{word}\" → \"{code}\", maar die status bestaat niet"
                )));
            }
        }
        // Names written in the mapping win over the catalogue's own aliases.
        let mut regulations = alias_map(cat.regulations.iter().flat_map(|r| {
            let mut a = label_aliases(&r.name);
            a.push(r.id.clone());
            a.into_iter().map(move |x| (x, r.id.clone()))
        }));
        for (name, id) in &mapping.regulations {
            regulations.insert(fold(name), id.clone());
        }
        let mut status_map = alias_map(statuses.iter().flat_map(|(code, label)| {
            let mut a = label_aliases(label);
            a.push(code.clone());
            a.into_iter().map(move |x| (x, code.clone()))
        }));
        // Labels of earlier catalogue versions, so older spreadsheets still import.
        for (label, code) in LEGACY_STATUS_LABELS {
            if statuses.iter().any(|(c, _)| c == code) {
                status_map
                    .entry(fold(label))
                    .or_insert_with(|| code.to_string());
            }
        }
        for (word, code) in &mapping.statuses {
            status_map.insert(fold(word), code.clone());
        }
        let si = &cat.screen_inputs;
        let opts =
            |items: Vec<(&String, &String)>| {
                alias_map(items.into_iter().flat_map(|(id, label)| {
                    [(id.clone(), id.clone()), (label.clone(), id.clone())]
                }))
            };
        Ok(Lookup {
            regulations,
            statuses: status_map,
            household_types: opts(
                si.household_types
                    .iter()
                    .map(|o| (&o.id, &o.label))
                    .collect(),
            ),
            age_groups: opts(si.age_groups.iter().map(|o| (&o.id, &o.label)).collect()),
            income_bands: opts(si.income_bands.iter().map(|o| (&o.id, &o.label)).collect()),
            rent_bands: opts(si.rent_bands.iter().map(|o| (&o.id, &o.label)).collect()),
            regulation_names: cat
                .regulations
                .iter()
                .map(|r| (r.id.clone(), r.name.clone()))
                .collect(),
        })
    }

    pub fn regulation(&self, text: &str) -> Option<&str> {
        self.regulations.get(&fold(text)).map(String::as_str)
    }

    pub fn status(&self, text: &str) -> Option<&str> {
        self.statuses.get(&fold(text)).map(String::as_str)
    }

    /// A quick-screen answer; `field` is one of the ColumnMap screen fields.
    pub fn screen_option(&self, field: &str, text: &str) -> Option<&str> {
        let map = match field {
            "household_type" => &self.household_types,
            "age_group" => &self.age_groups,
            "income_band" => &self.income_bands,
            _ => &self.rent_bands,
        };
        map.get(&fold(text)).map(String::as_str)
    }
}

/// Proposes a mapping from the headers: known header names per field, and
/// for a wide layout the headers that name a regulation.
pub fn detect(source: &str, headers: &[String], lookup: &Lookup) -> Mapping {
    let mut columns = ColumnMap::default();
    let mut taken = vec![false; headers.len()];
    for (field, names) in SYNONYMS {
        if let Some(i) = headers
            .iter()
            .enumerate()
            .position(|(i, h)| !taken[i] && names.contains(&fold(h).as_str()))
        {
            taken[i] = true;
            *columns.slot(field) = Some(headers[i].clone());
        }
    }
    let mut regulation_columns = BTreeMap::new();
    if columns.regulation.is_none() {
        for (i, h) in headers.iter().enumerate() {
            if !taken[i] {
                if let Some(id) = lookup.regulation(h) {
                    regulation_columns.insert(h.clone(), id.to_string());
                }
            }
        }
    }
    Mapping {
        source: source.to_string(),
        columns,
        regulation_columns,
        regulations: BTreeMap::new(),
        statuses: BTreeMap::new(),
        defaults: ScreenDefaults::default(),
    }
}

/// Column positions of a mapping in a sheet.
pub struct Positions {
    pub field: HashMap<&'static str, usize>,
    /// (column, regulation id) for the wide layout.
    pub regulation_columns: Vec<(usize, String)>,
}

impl Positions {
    pub fn get(&self, field: &str) -> Option<usize> {
        self.field.get(field).copied()
    }
}

/// Checks a mapping against the headers: every mapped header must exist, and
/// the fields needed to import must be there.
pub fn locate(mapping: &Mapping, headers: &[String]) -> Result<Positions, ImportError> {
    let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
    let find = |h: &str| folded.iter().position(|x| *x == fold(h));
    let mut missing = Vec::new();
    let mut field = HashMap::new();
    for (f, h) in mapping.columns.mapped() {
        match find(h) {
            Some(i) => {
                field.insert(f, i);
            }
            None => missing.push(super::read::quote(h)),
        }
    }
    let mut regulation_columns = Vec::new();
    for (h, id) in &mapping.regulation_columns {
        match find(h) {
            Some(i) => regulation_columns.push((i, id.clone())),
            None => missing.push(super::read::quote(h)),
        }
    }
    // The headers found, quoted and cut, as a message may show them.
    let found = || {
        let mut shown: Vec<String> = headers
            .iter()
            .take(20)
            .map(|h| super::read::shown(h))
            .collect();
        if headers.len() > 20 {
            shown.push(format!("en nog {}", headers.len() - 20));
        }
        shown.join(", ")
    };
    if !missing.is_empty() {
        return Err(ImportError::Mapping(format!(
            "kolom(men) {} uit de koppeling staan niet in het bestand (gevonden: {})",
            missing.join(", "),
            found()
        )));
    }
    let has = |f: &str| field.contains_key(f);
    let mut needed = Vec::new();
    if !has("date") {
        needed.push("datum");
    }
    if !has("number") || !(has("postcode") || has("street")) {
        needed.push("adres (postcode + huisnummer, of straat + huisnummer)");
    }
    let long = has("regulation") && has("status");
    if !long && regulation_columns.is_empty() {
        needed.push("regeling + status (of één kolom per regeling)");
    }
    if long && !regulation_columns.is_empty() {
        return Err(ImportError::Mapping(
            "kies óf een kolom regeling + status, óf één kolom per regeling, niet beide".into(),
        ));
    }
    if !needed.is_empty() {
        return Err(ImportError::Mapping(format!(
            "geen kolom gevonden voor: {}. Gevonden kolommen: {}. Geef een koppeling op met --mapping.",
            needed.join("; "),
            found()
        )));
    }
    regulation_columns.sort();
    Ok(Positions {
        field,
        regulation_columns,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_aliases() {
        assert_eq!(fold("Bijz. Bijstand"), "bijzbijstand");
        assert_eq!(fold("Niet-gebruik café"), "nietgebruikcafe");
        let a = label_aliases("Aanvullende inkomensvoorziening ouderen (AIO)");
        assert!(a.contains(&"AIO".to_string()));
        let a = label_aliases("Niet van toepassing");
        assert!(a.contains(&"Nvt".to_string()));
        let a = label_aliases("Mogelijk recht – niet aangevraagd");
        assert!(a.contains(&"Mogelijk recht".to_string()));
    }
}
