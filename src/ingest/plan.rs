//! From rows to checks: every row is parsed, matched and mapped; rows of one
//! check are grouped (one row per regulation in the long layout); each check
//! gets a deterministic id from the source and its key, and is compared with
//! what the store already holds. Reads only; nothing is written here.

use super::mapping::{Lookup, Mapping, Positions};
use super::matching::{self, Index, RowAddress};
use super::read::Sheet;
use super::{ImportError, RowProblem, Unmapped};
use crate::catalog::ScreenInput;
use crate::domain::check::{CheckInput, CheckItemInput};
use crate::progress::{send, Progress, ProgressFn};
use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What an import does with one check.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    New,
    Update,
    Unchanged,
    /// The check was deleted in the store; it is not brought back.
    Deleted,
}

#[derive(Debug, Clone)]
pub struct Planned {
    pub id: String,
    pub lines: Vec<u64>,
    pub input: CheckInput,
    pub action: Action,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub rows: usize,
    pub checks: Vec<Planned>,
    pub problems: Vec<RowProblem>,
    pub invalid_lines: BTreeSet<u64>,
    pub unmapped_regulations: Vec<Unmapped>,
    pub unmapped_statuses: Vec<Unmapped>,
}

struct Group {
    household: String,
    date: NaiveDate,
    screen: ScreenInput,
    /// regulation id → (status, estimate, line)
    items: BTreeMap<String, (String, Option<i64>, u64)>,
    lines: Vec<u64>,
    tainted_by: Option<u64>,
}

/// A deterministic UUIDv7 for a check from a source: re-importing the same
/// row finds the same record, on any laptop.
pub fn check_id(source: &str, key: &str, date: Option<NaiveDate>) -> String {
    let h = Sha256::digest(format!("wwk-import\0{source}\0{key}").as_bytes());
    // Household-and-date keys carry the date as the UUID's time; a source's own
    // key keeps a fixed time so that a corrected date updates the same check.
    let day = date.unwrap_or(NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date"));
    let ms = day
        .and_hms_opt(12, 0, 0)
        .expect("valid time")
        .and_utc()
        .timestamp_millis();
    let mut rand = [0u8; 10];
    rand.copy_from_slice(&h[..10]);
    uuid::Builder::from_unix_timestamp_millis(ms as u64, &rand)
        .into_uuid()
        .to_string()
}

/// Dates as written in Dutch spreadsheets.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    for fmt in ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            use chrono::Datelike;
            if d.year() < 2000 {
                return Err(format!(
                    "datum \"{t}\" ligt vóór 2000; schrijf het jaar voluit (bijv. 14-03-2025)"
                ));
            }
            if d > Utc::now().date_naive() {
                return Err(format!("datum \"{t}\" ligt in de toekomst"));
            }
            return Ok(d);
        }
    }
    Err(format!(
        "\"{t}\" is geen datum (bijv. 14-03-2025 of 2025-03-14)"
    ))
}

/// Euros as written by people: "€ 1.234,50", "1234", "1.234" → whole euros.
pub fn parse_amount(s: &str) -> Result<Option<i64>, String> {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    let t = t.trim_end_matches(",-").trim_end_matches(",--");
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let normal = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else if t.split('.').skip(1).all(|g| g.len() == 3) && t.contains('.') {
        t.replace('.', "")
    } else {
        t.to_string()
    };
    let v: f64 = normal
        .parse()
        .map_err(|_| format!("bedrag \"{}\" is geen getal", s.trim()))?;
    if !(0.0..=100_000.0).contains(&v) {
        return Err(format!(
            "bedrag \"{}\" ligt niet tussen 0 en 100.000 euro",
            s.trim()
        ));
    }
    Ok(Some(v.round() as i64))
}

/// (regulation id, status code, estimate) of one row.
type RowItem = (String, String, Option<i64>);

struct Ctx<'a> {
    mapping: &'a Mapping,
    pos: &'a Positions,
    lookup: &'a Lookup,
    index: &'a Index,
    unmapped_regulations: BTreeMap<String, Vec<u64>>,
    unmapped_statuses: BTreeMap<String, Vec<u64>>,
}

impl Ctx<'_> {
    fn cell<'r>(&self, row: &'r [String], field: &str) -> &'r str {
        self.pos
            .get(field)
            .and_then(|i| row.get(i))
            .map_or("", String::as_str)
    }

    fn address(&self, row: &[String]) -> Result<RowAddress, String> {
        let mut a = RowAddress::default();
        let pc = self.cell(row, "postcode");
        if !pc.is_empty() {
            a.postcode = Some(matching::parse_postcode(pc)?);
        }
        let nr = self.cell(row, "number");
        if nr.is_empty() {
            return Err("huisnummer ontbreekt".into());
        }
        let (n, add) = matching::parse_number(nr)?;
        a.number = Some(n);
        let add_col = matching::normalise_addition(self.cell(row, "addition"));
        a.addition = match (add, add_col) {
            (Some(x), Some(y)) if x != y => {
                return Err(format!(
                    "huisnummer \"{nr}\" en toevoeging \"{y}\" spreken elkaar tegen"
                ))
            }
            (x, y) => x.or(y),
        };
        let street = self.cell(row, "street");
        if !street.is_empty() {
            a.street = Some(street.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        let wijk = self.cell(row, "wijk");
        if !wijk.is_empty() {
            a.wijken = Some(matching::parse_area(wijk)?);
        }
        if a.postcode.is_none() && a.street.is_none() {
            return Err("postcode en straat ontbreken".into());
        }
        Ok(a)
    }

    fn status(&mut self, text: &str, line: u64) -> Result<String, String> {
        match self.lookup.status(text) {
            Some(s) => Ok(s.to_string()),
            None => {
                self.unmapped_statuses
                    .entry(text.to_string())
                    .or_default()
                    .push(line);
                Err(format!("status \"{text}\" is onbekend"))
            }
        }
    }

    fn items(&mut self, row: &[String], line: u64) -> Result<Vec<RowItem>, Vec<String>> {
        let mut out = Vec::new();
        let mut errs = Vec::new();
        if self.pos.regulation_columns.is_empty() {
            let reg = self.cell(row, "regulation").to_string();
            let status = self.cell(row, "status").to_string();
            let reg_id = if reg.is_empty() {
                errs.push("regeling ontbreekt".to_string());
                None
            } else if let Some(id) = self.lookup.regulation(&reg) {
                Some(id.to_string())
            } else {
                self.unmapped_regulations
                    .entry(reg.clone())
                    .or_default()
                    .push(line);
                errs.push(format!("regeling \"{reg}\" staat niet in de catalogus"));
                None
            };
            let st = if status.is_empty() {
                errs.push("status ontbreekt".to_string());
                None
            } else {
                self.status(&status, line).map_err(|e| errs.push(e)).ok()
            };
            let est = parse_amount(self.cell(row, "estimate"))
                .map_err(|e| errs.push(e))
                .ok()
                .flatten();
            if let (Some(r), Some(s)) = (reg_id, st) {
                out.push((r, s, est));
            }
        } else {
            let cols = self.pos.regulation_columns.clone();
            for (col, reg) in cols {
                let text = row.get(col).map_or("", String::as_str);
                if text.is_empty() {
                    continue;
                }
                match self.status(text, line) {
                    Ok(s) => out.push((reg, s, None)),
                    Err(e) => errs.push(format!("{}: {e}", self.lookup.regulation_names[&reg])),
                }
            }
            if out.is_empty() && errs.is_empty() {
                errs.push("bij geen enkele regeling is een status ingevuld".into());
            }
        }
        if errs.is_empty() {
            Ok(out)
        } else {
            Err(errs)
        }
    }

    fn screen(&self, row: &[String]) -> Result<ScreenInput, Vec<String>> {
        let d = &self.mapping.defaults;
        let mut errs = Vec::new();
        let mut opt = |field: &str, default: &str, what: &str| {
            let text = self.cell(row, field);
            if text.is_empty() {
                return default.to_string();
            }
            match self.lookup.screen_option(field, text) {
                Some(v) => v.to_string(),
                None => {
                    errs.push(format!("{what} \"{text}\" is onbekend"));
                    default.to_string()
                }
            }
        };
        let household_type = opt("household_type", &d.household_type, "huishoudsamenstelling");
        let age_group = opt("age_group", &d.age_group, "leeftijdsgroep");
        let income_band = opt("income_band", &d.income_band, "inkomensklasse");
        let rent_band = opt("rent_band", &d.rent_band, "woonsituatie");
        let kids = self.cell(row, "children");
        let children = if kids.is_empty() {
            d.children
        } else {
            match kids.parse::<u32>() {
                Ok(n) if n <= 20 => n,
                _ => {
                    errs.push(format!("aantal kinderen \"{kids}\" is ongeldig"));
                    0
                }
            }
        };
        if errs.is_empty() {
            Ok(ScreenInput {
                household_type,
                age_group,
                income_band,
                rent_band,
                children,
            })
        } else {
            Err(errs)
        }
    }
}

pub fn plan(
    conn: &Connection,
    sheet: &Sheet,
    mapping: &Mapping,
    pos: &Positions,
    lookup: &Lookup,
    progress: ProgressFn<'_>,
) -> Result<Plan, ImportError> {
    let index = Index::load(conn)?;
    let mut ctx = Ctx {
        mapping,
        pos,
        lookup,
        index: &index,
        unmapped_regulations: BTreeMap::new(),
        unmapped_statuses: BTreeMap::new(),
    };
    let mut plan = Plan {
        rows: sheet.rows.len(),
        ..Plan::default()
    };
    let mut problems: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut groups: HashMap<String, Group> = HashMap::new();
    let total = sheet.rows.len() as u64;
    for (n, (line, row)) in sheet.rows.iter().enumerate() {
        if n % 1000 == 0 {
            send(
                progress,
                Progress::new("Regels controleren", n as u64, total),
            )?;
        }
        let line = *line;
        let mut errs: Vec<String> = Vec::new();
        let household = ctx
            .address(row)
            .and_then(|a| ctx.index.find(&a))
            .map_err(|e| errs.push(e))
            .ok();
        let date_text = ctx.cell(row, "date");
        let date = if date_text.is_empty() {
            errs.push("datum ontbreekt".into());
            None
        } else {
            parse_date(date_text).map_err(|e| errs.push(e)).ok()
        };
        let items = ctx.items(row, line).map_err(|e| errs.extend(e)).ok();
        let screen = ctx.screen(row).map_err(|e| errs.extend(e)).ok();
        let row_key = ctx.cell(row, "row_key");
        let key = if !row_key.is_empty() {
            Some(format!("sleutel:{row_key}"))
        } else {
            household
                .as_ref()
                .zip(date)
                .map(|(h, d)| format!("huishouden:{h}:{d}"))
        };
        if let (Some(key), Some(h), Some(d), Some(s)) = (&key, &household, date, &screen) {
            let g = groups.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                Group {
                    household: h.clone(),
                    date: d,
                    screen: s.clone(),
                    items: BTreeMap::new(),
                    lines: Vec::new(),
                    tainted_by: None,
                }
            });
            let first = g.lines.first().copied().unwrap_or(line);
            if g.household.is_empty() {
                // The check's first row was broken; this one only joins it.
            } else if g.household != *h || g.date != d {
                errs.push(format!(
                    "sleutel \"{row_key}\" staat ook op regel {first} met een ander adres of een andere datum"
                ));
            } else if g.screen != *s {
                errs.push(format!(
                    "de gegevens van de quickscan verschillen van regel {first} van dezelfde check"
                ));
            }
            for (reg, status, est) in items.iter().flatten() {
                match g.items.get(reg) {
                    Some((s2, _, l2)) if s2 != status => errs.push(format!(
                        "regeling \"{}\" staat al op regel {l2} van dezelfde check met een andere status",
                        lookup.regulation_names[reg]
                    )),
                    Some(_) => {}
                    None => {
                        g.items.insert(reg.clone(), (status.clone(), *est, line));
                    }
                }
            }
            g.lines.push(line);
            if !errs.is_empty() && g.tainted_by.is_none() {
                g.tainted_by = Some(line);
            }
        } else if let Some(key) = &key {
            // The row belongs to a check but is broken: the check is not imported.
            if let Some(g) = groups.get_mut(key) {
                g.tainted_by.get_or_insert(line);
            } else {
                order.push(key.clone());
                groups.insert(
                    key.clone(),
                    Group {
                        household: String::new(),
                        date: NaiveDate::MIN,
                        screen: ScreenInput {
                            household_type: String::new(),
                            age_group: String::new(),
                            income_band: String::new(),
                            rent_band: String::new(),
                            children: 0,
                        },
                        items: BTreeMap::new(),
                        lines: vec![],
                        tainted_by: Some(line),
                    },
                );
            }
        }
        if !errs.is_empty() {
            plan.invalid_lines.insert(line);
            problems.entry(line).or_default().extend(errs);
        }
    }
    for key in order {
        let g = &groups[&key];
        if let Some(bad) = g.tainted_by {
            for &l in &g.lines {
                if !plan.invalid_lines.contains(&l) {
                    plan.invalid_lines.insert(l);
                    problems.entry(l).or_default().push(format!(
                        "hoort bij dezelfde check als regel {bad}, die niet klopt"
                    ));
                }
            }
            continue;
        }
        let id = check_id(
            &mapping.source,
            &key,
            key.starts_with("huishouden:").then_some(g.date),
        );
        let input = CheckInput {
            id: None,
            household_id: g.household.clone(),
            conversation_id: None,
            checked_on: g.date.to_string(),
            screen: g.screen.clone(),
            items: g
                .items
                .iter()
                .map(|(reg, (status, est, _))| CheckItemInput {
                    regulation_id: reg.clone(),
                    status: status.clone(),
                    estimated_yearly_eur: *est,
                })
                .collect(),
        };
        let action = compare(conn, &id, &input)?;
        plan.checks.push(Planned {
            id,
            lines: g.lines.clone(),
            input,
            action,
        });
    }
    plan.problems = problems
        .into_iter()
        .map(|(line, reasons)| RowProblem {
            line,
            reason: reasons.join("; "),
        })
        .collect();
    let unmapped = |m: BTreeMap<String, Vec<u64>>| {
        m.into_iter()
            .map(|(value, lines)| Unmapped { value, lines })
            .collect()
    };
    plan.unmapped_regulations = unmapped(ctx.unmapped_regulations);
    plan.unmapped_statuses = unmapped(ctx.unmapped_statuses);
    send(progress, Progress::new("Regels controleren", total, total))?;
    Ok(plan)
}

/// What importing `input` under `id` would do to the store.
fn compare(conn: &Connection, id: &str, input: &CheckInput) -> Result<Action, ImportError> {
    let deleted: Option<bool> = conn
        .query_row(
            "SELECT deleted FROM benefit_check WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match deleted {
        None => return Ok(Action::New),
        Some(true) => return Ok(Action::Deleted),
        Some(false) => {}
    }
    let old = crate::domain::check::get(conn, id)?;
    let same_items = old.items.len() == input.items.len()
        && input.items.iter().all(|it| {
            old.items.iter().any(|o| {
                o.regulation_id == it.regulation_id
                    && o.status == it.status
                    && it
                        .estimated_yearly_eur
                        .is_none_or(|e| o.estimated_yearly_eur == Some(e))
            })
        });
    let same = old.household_id == input.household_id
        && old.checked_on == input.checked_on
        && old.screen == input.screen
        && same_items;
    Ok(if same {
        Action::Unchanged
    } else {
        Action::Update
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_amounts_and_ids() {
        assert_eq!(parse_date("14-03-2025").unwrap().to_string(), "2025-03-14");
        assert_eq!(
            parse_date("2025-03-14 00:00:00").unwrap().to_string(),
            "2025-03-14"
        );
        assert_eq!(parse_date("4/3/2025").unwrap().to_string(), "2025-03-04");
        assert!(parse_date("14-03-25").is_err());
        assert!(parse_date("morgen").is_err());
        assert!(parse_date("01-01-2999").is_err());
        assert_eq!(parse_amount("€ 1.234,50").unwrap(), Some(1235));
        assert_eq!(parse_amount("1.234").unwrap(), Some(1234));
        assert_eq!(parse_amount("1548").unwrap(), Some(1548));
        assert_eq!(parse_amount("12,5").unwrap(), Some(13));
        assert_eq!(parse_amount("").unwrap(), None);
        assert!(parse_amount("veel").is_err());
        assert!(parse_amount("250000").is_err());
        let a = check_id("bron", "sleutel:1", None);
        assert_eq!(a, check_id("bron", "sleutel:1", None));
        assert_ne!(a, check_id("andere bron", "sleutel:1", None));
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 7);
    }
}
