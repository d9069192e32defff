//! The pseudonymous record-level tables: one row per conversation, and one row
//! per regulation of each voorzieningencheck. No story, quote, factor text,
//! name, address, contact detail or worker leaves through these tables.
//!
//! Small areas: where a wijk has fewer than k conversations (or households
//! with a check) in the table, its rows carry only the stadsdeel; where the
//! stadsdeel is that small too, neither is given. k is the suppression
//! policy's threshold, the same as in the area profile.

use super::model::{Column, ColumnKind, Table, Value};
use super::{Scope, TableError};
use crate::catalog::nijmegen;
use crate::privacy::pseudonym::{Kind, Pseudonymiser};
use crate::progress::{send, Progress, ProgressFn};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::{HashMap, HashSet};

/// Shown instead of a wijk that is too small to name.
pub const MERGED_WIJK: &str = "(samengevoegd)";

/// Where a row lies, after the small-area rule.
struct Place {
    stadsdeel_code: String,
    stadsdeel: String,
    wijk_code: String,
    wijk: String,
}

/// Decides per wijk whether it may be named, from the number of units
/// (conversations, households) per wijk in the table.
struct Places {
    names: HashMap<String, (String, String, String)>,
    units_per_wijk: HashMap<String, HashSet<String>>,
    k: u64,
}

impl Places {
    fn new(k: u32) -> Places {
        let map = nijmegen();
        let names = map
            .wijken()
            .map(|w| {
                let parent = w.parent_code.clone().unwrap_or_default();
                let parent_name = map.get(&parent).map(|p| p.name.clone()).unwrap_or_default();
                (w.code.clone(), (w.name.clone(), parent, parent_name))
            })
            .collect();
        Places {
            names,
            units_per_wijk: HashMap::new(),
            k: k as u64,
        }
    }

    fn count(&mut self, wijk: &str, unit: &str) {
        self.units_per_wijk
            .entry(wijk.to_string())
            .or_default()
            .insert(unit.to_string());
    }

    fn resolve(&self) -> HashMap<String, Place> {
        let mut per_stadsdeel: HashMap<&str, usize> = HashMap::new();
        for (w, units) in &self.units_per_wijk {
            if let Some((_, sd, _)) = self.names.get(w) {
                *per_stadsdeel.entry(sd.as_str()).or_default() += units.len();
            }
        }
        self.units_per_wijk
            .iter()
            .map(|(w, units)| {
                let (name, sd, sd_name) = self.names.get(w).cloned().unwrap_or_default();
                let sd_ok = per_stadsdeel.get(sd.as_str()).copied().unwrap_or(0) as u64 >= self.k;
                let wijk_ok = units.len() as u64 >= self.k;
                let place = Place {
                    stadsdeel_code: if sd_ok { sd.clone() } else { String::new() },
                    stadsdeel: if sd_ok { sd_name } else { MERGED_WIJK.into() },
                    wijk_code: if wijk_ok { w.clone() } else { String::new() },
                    wijk: if wijk_ok { name } else { MERGED_WIJK.into() },
                };
                (w.clone(), place)
            })
            .collect()
    }
}

fn place_columns(unit: &str) -> Vec<Column> {
    let small = format!(
        "Leeg (en \"{MERGED_WIJK}\" in de naamkolom) als er in het gebied minder dan k {unit} in deze tabel staan."
    );
    vec![
        Column::new(
            "stadsdeelcode",
            ColumnKind::Text,
            &format!("CBS-wijkcode van het stadsdeel (WK0268…). {small}"),
        ),
        Column::new("stadsdeel", ColumnKind::Text, "Naam van het stadsdeel."),
        Column::new(
            "wijkcode",
            ColumnKind::Text,
            &format!("CBS-buurtcode van de wijk (BU0268…). {small}"),
        ),
        Column::new("wijk", ColumnKind::Text, "Naam van de wijk."),
    ]
}

fn place_values(p: &Place) -> [Value; 4] {
    [
        Value::text(&p.stadsdeel_code),
        Value::text(&p.stadsdeel),
        Value::text(&p.wijk_code),
        Value::text(&p.wijk),
    ]
}

fn date(s: &str) -> Value {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| Value::text(s), Value::Date)
}

/// The conversation filter: `?1` wijken (JSON), `?2`/`?3` period (NULL = open).
const CONV_FILTER: &str = "c.deleted = 0 AND c.wijk_code IN (SELECT value FROM json_each(?1))
    AND (?2 IS NULL OR c.held_on >= ?2) AND (?3 IS NULL OR c.held_on <= ?3)";

pub fn conversations(
    conn: &Connection,
    scope: &Scope,
    pseudo: &Pseudonymiser,
    k: u32,
    progress: ProgressFn<'_>,
) -> Result<Table, TableError> {
    let p = scope.params();
    struct Conv {
        pseudo: String,
        held_on: String,
        wijk: String,
        flags: [bool; 4],
        /// (value id, concern)
        tags: Vec<(String, bool)>,
        themes: Vec<String>,
    }
    // One pass over the conversations (the big table: it holds the stories);
    // values and themes are small tables, read whole and matched by id.
    let mut convs: Vec<Conv> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut places = Places::new(k);
    let mut stmt = conn.prepare(&format!(
        "SELECT c.id, c.held_on, c.wijk_code, c.consent_registration, c.consent_quoting,
                c.consent_recontact, c.follow_up_wanted
         FROM conversation c WHERE {CONV_FILTER}"
    ))?;
    let mut rows = stmt.query(params![p.0, p.1, p.2])?;
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let wijk: String = r.get(2)?;
        places.count(&wijk, &id);
        index.insert(id.clone(), convs.len());
        convs.push(Conv {
            pseudo: pseudo.id(Kind::Conversation, &id),
            held_on: r.get(1)?,
            wijk,
            flags: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
            tags: Vec::new(),
            themes: Vec::new(),
        });
    }
    let mut used: HashSet<String> = HashSet::new();
    let mut stmt =
        conn.prepare("SELECT conversation_id, value_id, sentiment FROM conversation_value")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(r.get_ref(0)?.as_str().unwrap_or_default()) {
            let value: String = r.get(1)?;
            let concern = r.get_ref(2)?.as_str().unwrap_or_default() == "concern";
            if !used.contains(&value) {
                used.insert(value.clone());
            }
            convs[i].tags.push((value, concern));
        }
    }
    let mut stmt = conn.prepare("SELECT conversation_id, theme FROM conversation_theme")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = index.get(r.get_ref(0)?.as_str().unwrap_or_default()) {
            convs[i].themes.push(r.get(1)?);
        }
    }
    // Value columns: the active catalogue plus any retired value in use.
    let values: Vec<(String, String)> = conn
        .prepare("SELECT id, label, retired FROM value_catalog ORDER BY sort, id")?
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?
        .filter_map(|r| match r {
            Ok((id, label, retired)) if !retired || used.contains(&id) => Some(Ok((id, label))),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
        .collect::<Result<_, _>>()?;
    let value_col: HashMap<&str, usize> = values
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    // Order by date, then by pseudonym: never by id, which would reveal the
    // order in which conversations were entered.
    convs.sort_by(|a, b| (&a.held_on, &a.pseudo).cmp(&(&b.held_on, &b.pseudo)));
    let places = places.resolve();

    let mut columns = vec![
        Column::new(
            "gesprek",
            ColumnKind::Text,
            "Pseudoniem van het gesprek (G-…): gelijk in elke tabel uit deze opslag, niet herleidbaar tot een adres of persoon.",
        ),
        Column::new("datum", ColumnKind::Date, "Datum van het gesprek."),
    ];
    columns.extend(place_columns("gesprekken"));
    let mut headers: HashSet<String> = columns.iter().map(|c| c.header.to_lowercase()).collect();
    for (id, label) in &values {
        let mut header = label.clone();
        if !headers.insert(header.to_lowercase()) {
            header = format!("{label} ({id})");
            headers.insert(header.to_lowercase());
        }
        columns.push(Column::new(
            &header,
            ColumnKind::Text,
            &format!(
                "Waarde \"{label}\": \"gewaardeerd\" als de bewoner die waardeert en ervaart, \
                 \"zorg\" als de bewoner die waardeert maar mist of bedreigd ziet; leeg als niet genoemd."
            ),
        ));
    }
    columns.extend([
        Column::new("aantal waarden", ColumnKind::Integer, "Aantal genoemde waarden in het gesprek."),
        Column::new("thema's", ColumnKind::Text, "Thema's (labels) van het gesprek, gescheiden door komma's."),
        Column::new("toestemming registratie", ColumnKind::Flag, "1 als de bewoner toestemming gaf het gesprek te registreren (gekoppeld aan het adres), anders 0."),
        Column::new("toestemming citeren", ColumnKind::Flag, "1 als de bewoner toestemming gaf voor anoniem citeren, anders 0."),
        Column::new("toestemming contact", ColumnKind::Flag, "1 als de bewoner opnieuw benaderd mag worden, anders 0."),
        Column::new("vervolg gewenst", ColumnKind::Flag, "1 als de bewoner een vervolg wilde (bijv. hulp of terugkomen), anders 0."),
    ]);
    let mut table = Table::new(
        "Gesprekken",
        "Eén regel per gesprek (pseudoniem), met de genoemde waarden, thema's en toestemmingen.",
        columns,
    );
    let total = convs.len() as u64;
    table.rows.reserve(convs.len());
    for (n, mut c) in convs.into_iter().enumerate() {
        let place = &places[&c.wijk];
        let mut row = Vec::with_capacity(table.columns.len());
        row.push(Value::Text(c.pseudo));
        row.push(date(&c.held_on));
        row.extend(place_values(place));
        let mut cells = vec![Value::Empty; values.len()];
        for (value, concern) in &c.tags {
            if let Some(&i) = value_col.get(value.as_str()) {
                cells[i] = Value::text(if *concern { "zorg" } else { "gewaardeerd" });
            }
        }
        row.extend(cells);
        row.push(Value::Int(c.tags.len() as i64));
        c.themes.sort();
        row.push(Value::Text(c.themes.join(", ")));
        row.extend(c.flags.iter().map(|&f| Value::flag(f)));
        table.push(row);
        if n % 5000 == 0 {
            send(progress, Progress::new("Gesprekken", n as u64, total))?;
        }
    }
    Ok(table)
}

pub fn checks(
    conn: &Connection,
    scope: &Scope,
    pseudo: &Pseudonymiser,
    k: u32,
    progress: ProgressFn<'_>,
) -> Result<Table, TableError> {
    let p = scope.params();
    let status_labels: HashMap<String, String> = conn
        .prepare("SELECT code, label FROM check_status")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let regs: HashMap<String, (i64, String, String)> = conn
        .prepare("SELECT id, sort, name, level FROM regulation")?
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
        .collect::<Result<_, _>>()?;

    struct Item {
        check: String,
        household: String,
        checked_on: String,
        wijk: String,
        year: i64,
        regulation: String,
        status: String,
        screen: bool,
        estimate: Option<i64>,
        checked_status: String,
        status_on: Option<String>,
        granted: Option<i64>,
        traits: [String; 3],
    }
    // The quick screen's answers as labels ("Wie we bereikten").
    let si = crate::catalog::regulations_in_store(conn)
        .map_err(|e| TableError::Profile(crate::profile::ProfileError::Domain(e.into())))?
        .screen_inputs;
    let trait_labels: HashMap<String, String> = si
        .household_types
        .iter()
        .map(|o| (format!("household_type/{}", o.id), o.label.clone()))
        .chain(
            si.age_groups
                .iter()
                .map(|o| (format!("age_group/{}", o.id), o.label.clone())),
        )
        .chain(
            si.income_bands
                .iter()
                .map(|o| (format!("income_band/{}", o.id), o.label.clone())),
        )
        .collect();
    let trait_label = |dim: &str, v: &str| {
        trait_labels
            .get(&format!("{dim}/{v}"))
            .cloned()
            .unwrap_or_else(|| v.to_string())
    };
    let mut items: Vec<Item> = Vec::new();
    let mut places = Places::new(k);
    let mut stmt = conn.prepare(
        "SELECT b.id, b.household_id, b.checked_on, b.wijk_code, b.catalog_year,
                i.regulation_id, i.status, i.screen_possible, i.estimated_yearly_eur,
                c.status, i.status_on, i.granted_yearly_eur, b.household_type, b.age_group, b.income_band
         FROM benefit_check b JOIN check_item_now i ON i.check_id = b.id
         JOIN check_item c ON c.check_id = i.check_id AND c.regulation_id = i.regulation_id
         WHERE b.deleted = 0 AND b.wijk_code IN (SELECT value FROM json_each(?1))
           AND (?2 IS NULL OR b.checked_on >= ?2) AND (?3 IS NULL OR b.checked_on <= ?3)",
    )?;
    let mut rows = stmt.query(params![p.0, p.1, p.2])?;
    let mut pseudo_cache: HashMap<String, (String, String)> = HashMap::new();
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        let household: String = r.get(1)?;
        let wijk: String = r.get(3)?;
        places.count(&wijk, &household);
        let (check, hh) = pseudo_cache
            .entry(id.clone())
            .or_insert_with(|| {
                (
                    pseudo.id(Kind::Check, &id),
                    pseudo.id(Kind::Household, &household),
                )
            })
            .clone();
        items.push(Item {
            check,
            household: hh,
            checked_on: r.get(2)?,
            wijk,
            year: r.get(4)?,
            regulation: r.get(5)?,
            status: r.get(6)?,
            screen: r.get(7)?,
            estimate: r.get(8)?,
            checked_status: r.get(9)?,
            status_on: r.get(10)?,
            granted: r.get(11)?,
            traits: [
                trait_label("household_type", &r.get::<_, String>(12)?),
                trait_label("age_group", &r.get::<_, String>(13)?),
                trait_label("income_band", &r.get::<_, String>(14)?),
            ],
        });
    }
    let sort = |reg: &str| regs.get(reg).map_or(i64::MAX, |r| r.0);
    items.sort_by(|a, b| {
        (&a.checked_on, &a.check, sort(&a.regulation)).cmp(&(
            &b.checked_on,
            &b.check,
            sort(&b.regulation),
        ))
    });
    let places = places.resolve();

    let mut columns = vec![
        Column::new("check", ColumnKind::Text, "Pseudoniem van de voorzieningencheck (C-…), niet herleidbaar."),
        Column::new("huishouden", ColumnKind::Text, "Pseudoniem van het huishouden (H-…): gelijk voor alle checks van hetzelfde huishouden, niet herleidbaar tot een adres."),
        Column::new("datum", ColumnKind::Date, "Datum van de check."),
    ];
    columns.extend(place_columns("huishoudens"));
    columns.extend([
        Column::new("samenstelling huishouden", ColumnKind::Text, "Antwoord in de snelle check: samenstelling van het huishouden."),
        Column::new("leeftijd", ColumnKind::Text, "Antwoord in de snelle check: leeftijd van de oudste volwassene."),
        Column::new("inkomen", ColumnKind::Text, "Antwoord in de snelle check: inkomen ten opzichte van het sociaal minimum."),
        Column::new("regeling-id", ColumnKind::Text, "Vaste code van de regeling in de catalogus."),
        Column::new("regeling", ColumnKind::Text, "Naam van de regeling."),
        Column::new("niveau", ColumnKind::Text, "rijk, gemeente of fonds."),
        Column::new("status", ColumnKind::Text, "Huidige status bij deze regeling: de laatste stap na de check (ontvangt al, mogelijk recht, aanvraag ingediend, toegekend, afgewezen, niet aangevraagd, niet van toepassing, onbekend)."),
        Column::new("status sinds", ColumnKind::Date, "Datum van de laatste stap; leeg als de status die van de check zelf is."),
        Column::new("status bij de check", ColumnKind::Text, "De status die bij de check zelf is vastgelegd."),
        Column::new("indicatie quickscan", ColumnKind::Flag, "1 als de quickscan een mogelijk recht aangaf (een indicatie, geen besluit), anders 0."),
        Column::new("toegekend per jaar", ColumnKind::Euro, "Toegekend bedrag zoals ingevoerd, omgerekend naar een jaar (eenmalig telt volledig), hele euro's. Leeg als de status niet toegekend is of er geen bedrag is ingevoerd."),
        Column::new("geschatte opbrengst per jaar", ColumnKind::Euro, "Schatting per jaar op basis van de catalogus, geen besluit; nooit opgeteld bij toegekende bedragen. Leeg als er geen schatting is."),
        Column::new("catalogusjaar", ColumnKind::Integer, "Jaar van de regelingencatalogus waarmee de check is gedaan."),
    ]);
    let mut table = Table::new(
        "Voorzieningenchecks",
        "Eén regel per regeling per voorzieningencheck (pseudoniemen), met status en geschatte opbrengst.",
        columns,
    );
    let total = items.len() as u64;
    for (n, it) in items.into_iter().enumerate() {
        let (name, level) = regs
            .get(&it.regulation)
            .map(|r| (r.1.clone(), r.2.clone()))
            .unwrap_or_else(|| (it.regulation.clone(), String::new()));
        let mut row = vec![
            Value::Text(it.check),
            Value::Text(it.household),
            date(&it.checked_on),
        ];
        row.extend(place_values(&places[&it.wijk]));
        let [household_type, age, income] = it.traits;
        let label = |s: String| status_labels.get(&s).cloned().unwrap_or(s);
        row.extend([
            Value::Text(household_type),
            Value::Text(age),
            Value::Text(income),
            Value::Text(it.regulation),
            Value::Text(name),
            Value::Text(level),
            Value::text(label(it.status)),
            it.status_on.as_deref().map_or(Value::Empty, date),
            Value::text(label(it.checked_status)),
            Value::flag(it.screen),
            Value::opt_int(it.granted),
            Value::opt_int(it.estimate),
            Value::Int(it.year),
        ]);
        table.push(row);
        if n % 20000 == 0 {
            send(
                progress,
                Progress::new("Voorzieningenchecks", n as u64, total),
            )?;
        }
    }
    Ok(table)
}
