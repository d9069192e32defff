//! The area level: per wijk (or stadsdeel, or the area as a whole) the
//! aggregates of the area profile. Every row is the report model that the PDF
//! profile of that area would print ([`crate::profile::build_each`]), for the same
//! period, so numbers and suppression are identical by construction. There are
//! no totals across rows, so a hidden cell cannot be recovered by subtraction.

use super::model::{Column, ColumnKind, Table, Value};
use super::{AreaUnit, Scope, TableError};
use crate::catalog::nijmegen;
use crate::catalog::CITY;
use crate::privacy::{Cell, SuppressionPolicy, HIDDEN_MARK};
use crate::profile::model::{Amount, ReportModel, Section};
use crate::profile::{ProfileError, ReportRequest};
use crate::progress::{send, Progress, ProgressFn};
use crate::store::Store;

/// A fixed "generated on": table rows carry no generation time.
pub(super) const GENERATED_AT: &str = "2000-01-01T00:00:00.000Z";

/// Shown for a section whose base is below k.
const TOO_FEW: &str = "(te weinig gesprekken om te tonen)";
/// Shown when an area has no data at all in the period.
const NO_DATA: &str = "geen gegevens in deze periode";

pub(super) fn cell(c: &Cell) -> Value {
    match c {
        Cell::Value(n) => Value::Int(*n as i64),
        Cell::Suppressed { below } => Value::Hidden(format!("< {below}")),
        Cell::Hidden => Value::Hidden(HIDDEN_MARK.to_string()),
    }
}

pub(super) fn pct(p: Option<f64>) -> Value {
    p.map_or(Value::Empty, |p| Value::Num((p * 10.0).round() / 10.0))
}

pub(super) fn amount(a: &Amount) -> Value {
    match a {
        Amount::Eur(n) => Value::Int(*n),
        Amount::Hidden => Value::Hidden(HIDDEN_MARK.to_string()),
        Amount::Unknown => Value::text("onbekend"),
    }
}

fn date_value(s: &str) -> Value {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| Value::text(s), Value::Date)
}

fn keys() -> Vec<Column> {
    vec![
        Column::key(
            "gebiedscode",
            "CBS-code van het gebied: BU0268… (wijk), WK0268… (stadsdeel) of GM0268 (Nijmegen).",
        ),
        Column::key("gebied", "Naam van het gebied."),
    ]
}

pub(super) fn count(header: &str, what: &str) -> Column {
    Column::new(header, ColumnKind::Integer, &format!("{what} \"< k\" als het minder dan k is, \"x\" als het verborgen is om een ander klein aantal te beschermen."))
}

pub(super) fn percent(header: &str, what: &str) -> Column {
    Column::new(header, ColumnKind::Percent, &format!("{what} Leeg als de basis kleiner is dan de drempel voor percentages of het aantal verborgen is."))
}

struct Tables {
    key: Table,
    values: Table,
    themes: Table,
    checks: Table,
    clients: Table,
    referrals: Table,
    collective: Table,
}

impl Tables {
    fn new() -> Tables {
        let with = |extra: Vec<Column>| {
            let mut c = keys();
            c.extend(extra);
            c
        };
        Tables {
            key: Table::new(
                "Kerncijfers",
                "Eén regel per gebied: de kerncijfers uit het wijkprofiel.",
                with(vec![
                    count("benaderd", "Huishoudens waar is aangebeld (benaderd)."),
                    count("bereikt", "Huishoudens waar een bewoner is gesproken (bereikt)."),
                    percent("bereikt %", "Bereikt als percentage van benaderd."),
                    count("gesprekken", "Gevoerde gesprekken."),
                    count("vervolg gewenst", "Huishoudens die in een gesprek om een vervolg vroegen."),
                    count("doorverwijzingen", "Doorverwijzingen."),
                    count("huishoudens met check", "Huishoudens met een voorzieningencheck (de laatste check telt)."),
                    Column::new("opmerking", ColumnKind::Text, "Bijvoorbeeld \"geen gegevens in deze periode\"."),
                ]),
            ),
            values: Table::new(
                "Waarden",
                "Per gebied en waarde: in hoeveel gesprekken de waarde werd genoemd, gewaardeerd of als zorg.",
                with(vec![
                    Column::key("waarde", "Waarde uit de waardencatalogus."),
                    count("genoemd", "Gesprekken waarin de waarde werd genoemd."),
                    count("gewaardeerd", "Waarvan de bewoner de waarde waardeert en ervaart."),
                    count("zorg", "Waarvan de bewoner de waarde mist of bedreigd ziet."),
                    percent("genoemd %", "Genoemd als percentage van alle gesprekken in het gebied."),
                    percent("gewaardeerd %", "Gewaardeerd als percentage van alle gesprekken in het gebied."),
                    percent("zorg %", "Zorg als percentage van alle gesprekken in het gebied."),
                ]),
            ),
            themes: Table::new(
                "Thema's",
                "Per gebied de thema's die in gesprekken zijn genoemd.",
                with(vec![
                    Column::key("thema", "Thema (label); \"overige thema's\" telt de gesprekken met thema's die minder dan k keer voorkwamen."),
                    count("gesprekken", "Gesprekken met dit thema."),
                ]),
            ),
            checks: Table::new(
                "Voorzieningencheck",
                "Per gebied en regeling: huishoudens gecheckt, al ontvangend, mogelijk recht (niet-gebruik), aanvraag loopt, toegekend; met de toegekende bedragen en het geschatte potentieel per jaar.",
                with(vec![
                    Column::key("regeling", "Regeling uit de catalogus; \"alle regelingen\" geeft de totale bedragen."),
                    count("gecheckt", "Huishoudens met een check waarin deze regeling is bekeken."),
                    count("ontvangt al", "Huishoudens die de regeling al ontvangen."),
                    count("mogelijk recht", "Mogelijk recht of bewust niet aangevraagd (niet-gebruik)."),
                    count("aanvraag loopt", "Aanvraag ingediend, nog geen besluit."),
                    count("toegekend", "Toegekend."),
                    count("overig", "Afgewezen, niet van toepassing of onbekend."),
                    Column::new("toegekend per jaar", ColumnKind::Euro, "Toegekende bedragen zoals ingevoerd, omgerekend naar een jaar (eenmalig telt volledig), hele euro's. \"x\" als verborgen, \"onbekend\" als er bij een toekenning geen bedrag is ingevoerd."),
                    Column::new("geschat potentieel per jaar", ColumnKind::Euro, "Schatting per jaar voor mogelijk recht en lopende aanvragen, hele euro's; geen besluit, nooit opgeteld bij toegekende bedragen. \"x\" als verborgen, \"onbekend\" als de catalogus geen bedrag kent."),
                ]),
            ),
            clients: Table::new(
                "Wie we bereikten",
                "Per gebied: de huishoudens met een voorzieningencheck naar samenstelling, leeftijd en inkomen (de laatste check telt), en wat er verder in de checks is gedaan.",
                with(vec![
                    Column::key("soort", "\"Samenstelling huishouden\", \"Leeftijd oudste volwassene\", \"Inkomen\" of \"Verder in de checks\"."),
                    Column::key("categorie", "Antwoord uit de snelle check, of wat er is gedaan (schulden, budgetplan, uitkering, overdracht aan de FEW)."),
                    count("huishoudens", "Huishoudens."),
                ]),
            ),
            referrals: Table::new(
                "Doorverwijzingen",
                "Per gebied: doorverwijzingen naar organisatie en naar status, en belangstelling om mee te doen.",
                with(vec![
                    Column::key("soort", "\"naar\" (organisatie), \"status\", \"meedoen\" (soort deelname) of \"meedoen stand\" (huidige status van de deelname)."),
                    Column::key("categorie", "Organisatie, status of soort belangstelling; \"totaal\" voor het totaal."),
                    count("aantal", "Aantal."),
                ]),
            ),
            collective: Table::new(
                "Collectieve acties",
                "Per gebied de collectieve acties die in de periode zijn gestart, zonder namen.",
                with(vec![
                    Column::key("actie", "Titel van de actie."),
                    Column::new("stand", ColumnKind::Text, "Idee, in voorbereiding, uitgevoerd of geëvalueerd."),
                    Column::new("start", ColumnKind::Date, "Startdatum."),
                    Column::new("einde", ColumnKind::Date, "Einddatum; leeg als de actie nog loopt."),
                    count("bewoners", "Betrokken bewoners (een aantal, nooit namen)."),
                    Column::new("waarden en thema's", ColumnKind::Text, "Waarden uit de waardenlijst en thema's waar de actie op ingaat."),
                    Column::new("partners", ColumnKind::Text, "Organisaties waarmee is samengewerkt."),
                ]),
            ),
        }
    }

    fn into_vec(self) -> Vec<Table> {
        vec![
            self.key,
            self.values,
            self.themes,
            self.checks,
            self.clients,
            self.referrals,
            self.collective,
        ]
    }
}

/// The rows' areas: (code, name).
fn units(scope: &Scope, per: AreaUnit) -> Result<Vec<(String, String)>, TableError> {
    let map = nijmegen();
    let name = |code: &str| {
        if code == CITY {
            "Nijmegen".to_string()
        } else {
            map.get(code).map(|a| a.name.clone()).unwrap_or_default()
        }
    };
    let codes: Vec<String> = match per {
        AreaUnit::Gebied => vec![scope.area_code.clone()],
        AreaUnit::Wijk => scope.wijken.clone(),
        AreaUnit::Stadsdeel => {
            if scope.area_code.starts_with("BU") {
                return Err(TableError::UnitTooLarge {
                    area: scope.area_code.clone(),
                });
            }
            let mut sd: Vec<String> = scope
                .wijken
                .iter()
                .filter_map(|w| map.get(w).and_then(|a| a.parent_code.clone()))
                .collect();
            sd.sort();
            sd.dedup();
            sd
        }
    };
    Ok(codes
        .into_iter()
        .map(|c| (name(&c), c))
        .map(|(n, c)| (c, n))
        .collect())
}

pub(super) fn build(
    store: &Store,
    scope: &mut Scope,
    per: AreaUnit,
    policy: &SuppressionPolicy,
    progress: ProgressFn<'_>,
) -> Result<Vec<Table>, TableError> {
    let units = units(scope, per)?;
    // One period for every row: the asked one, completed from the data of
    // the whole area (the profile of the area says which).
    let area = ReportRequest {
        from: scope.from,
        to: scope.to,
        policy: *policy,
        generated_at: Some(GENERATED_AT.into()),
        ..ReportRequest::for_area(&scope.area_code)
    };
    let period = match crate::profile::period(store, &area) {
        Ok(p) => p,
        Err(ProfileError::EmptyPeriod { .. }) => {
            return Err(TableError::Empty {
                area: format!("{} ({})", scope.area_name, scope.area_code),
            })
        }
        Err(e) => return Err(e.into()),
    };
    scope.from = Some(period.from);
    scope.to = Some(period.to);
    send(progress, Progress::new("Gebieden", 0, units.len() as u64))?;
    let codes: Vec<String> = units.iter().map(|(c, _)| c.clone()).collect();
    let models = crate::profile::build_each(
        store,
        &codes,
        Some(period.from),
        Some(period.to),
        policy,
        Some(GENERATED_AT),
    )?;
    let mut t = Tables::new();
    for ((code, name), model) in units.iter().zip(models) {
        let key = [Value::text(code), Value::text(name)];
        match model {
            Ok(model) => add(&mut t, &key, &model),
            Err(ProfileError::EmptyPeriod { .. }) => {
                let zero = cell(&policy.cell(0));
                let mut row = key.to_vec();
                row.extend(std::iter::repeat_n(zero, 2));
                row.push(Value::Empty);
                row.extend(std::iter::repeat_n(cell(&policy.cell(0)), 4));
                row.push(Value::text(NO_DATA));
                t.key.push(row);
            }
            Err(e) => return Err(e.into()),
        }
    }
    send(
        progress,
        Progress::new("Gebieden", units.len() as u64, units.len() as u64),
    )?;
    Ok(t.into_vec())
}

fn add(t: &mut Tables, key: &[Value; 2], m: &ReportModel) {
    let row = |extra: Vec<Value>| {
        let mut r = key.to_vec();
        r.extend(extra);
        r
    };
    let k = &m.key_figures;
    t.key.push(row(vec![
        cell(&k.approached),
        cell(&k.reached),
        pct(k.reached_pct),
        cell(&k.conversations),
        cell(&k.follow_ups),
        cell(&k.referrals),
        cell(&k.checks),
        Value::Empty,
    ]));
    match &m.values {
        Section::Shown(v) => {
            for r in &v.rows {
                t.values.push(row(vec![
                    Value::text(&r.label),
                    cell(&r.named),
                    cell(&r.valued),
                    cell(&r.concern),
                    pct(r.named_pct),
                    pct(r.valued_pct),
                    pct(r.concern_pct),
                ]));
            }
        }
        Section::TooFew(_) => {
            let mut r = row(vec![Value::text(TOO_FEW)]);
            r.extend(std::iter::repeat_n(Value::Empty, 6));
            t.values.push(r);
        }
    }
    match &m.themes {
        Section::Shown(s) => {
            for (theme, n) in &s.rows {
                t.themes.push(row(vec![Value::text(theme), cell(n)]));
            }
            if let Some(other) = &s.other {
                t.themes
                    .push(row(vec![Value::text("overige thema's"), cell(other)]));
            }
        }
        Section::TooFew(_) => t.themes.push(row(vec![Value::text(TOO_FEW), Value::Empty])),
    }
    match &m.checks {
        Section::Shown(c) => {
            for r in &c.rows {
                t.checks.push(row(vec![
                    Value::text(&r.name),
                    cell(&r.checked),
                    cell(&r.receiving),
                    cell(&r.non_take_up),
                    cell(&r.applied),
                    cell(&r.granted),
                    cell(&r.other),
                    amount(&r.granted_eur),
                    amount(&r.potential_eur),
                ]));
            }
            let mut total = row(vec![Value::text("alle regelingen")]);
            total.extend(std::iter::repeat_n(Value::Empty, 6));
            total.extend([amount(&c.total_granted), amount(&c.total_potential)]);
            t.checks.push(total);
            let groups = c
                .clients
                .iter()
                .map(|g| (g.title.as_str(), &g.rows))
                .chain([("Verder in de checks", &c.actions)]);
            for (kind, rows) in groups {
                for (label, n) in rows {
                    t.clients
                        .push(row(vec![Value::text(kind), Value::text(label), cell(n)]));
                }
            }
        }
        Section::TooFew(_) => {
            let mut r = row(vec![Value::text(TOO_FEW)]);
            r.extend(std::iter::repeat_n(Value::Empty, 8));
            t.checks.push(r);
            t.clients
                .push(row(vec![Value::text(TOO_FEW), Value::Empty, Value::Empty]));
        }
    }
    for a in &m.collective.actions {
        let mut about = a.values.clone();
        about.extend(a.themes.iter().cloned());
        t.collective.push(row(vec![
            Value::text(&a.title),
            Value::text(&a.status),
            date_value(&a.started_on),
            a.ended_on.as_deref().map_or(Value::Empty, date_value),
            cell(&a.residents),
            Value::text(about.join(", ")),
            Value::text(a.partners.join(", ")),
        ]));
    }
    match &m.referrals {
        Section::Shown(r) => {
            let lines = [
                ("naar", &r.by_target, &r.total),
                ("status", &r.by_status, &r.total),
            ];
            for (kind, list, total) in lines {
                for (label, n) in list {
                    t.referrals
                        .push(row(vec![Value::text(kind), Value::text(label), cell(n)]));
                }
                t.referrals.push(row(vec![
                    Value::text(kind),
                    Value::text("totaal"),
                    cell(total),
                ]));
            }
            for (label, n) in &r.participation {
                t.referrals.push(row(vec![
                    Value::text("meedoen"),
                    Value::text(label),
                    cell(n),
                ]));
            }
            t.referrals.push(row(vec![
                Value::text("meedoen"),
                Value::text("totaal"),
                cell(&r.participation_total),
            ]));
            for (label, n) in &r.participation_status {
                t.referrals.push(row(vec![
                    Value::text("meedoen stand"),
                    Value::text(label),
                    cell(n),
                ]));
            }
        }
        Section::TooFew(_) => {
            t.referrals
                .push(row(vec![Value::text(TOO_FEW), Value::Empty, Value::Empty]))
        }
    }
}

/// The area tables of one complex: one row, the complex's profile (its
/// households only) with the same suppression. A complex below k households
/// is refused, as its profile is.
pub(super) fn build_complex(
    store: &Store,
    scope: &mut Scope,
    complex: &str,
    policy: &SuppressionPolicy,
) -> Result<Vec<Table>, TableError> {
    // The profile resolves the complex: unknown, outside the area or below k
    // households is refused there, as for `wwk report --complex`.
    let req = ReportRequest {
        complex: Some(complex.to_string()),
        from: scope.from,
        to: scope.to,
        policy: *policy,
        generated_at: Some(GENERATED_AT.into()),
        ..ReportRequest::for_area(&scope.area_code)
    };
    let model = match crate::profile::build(store, &req) {
        Ok(m) => m,
        Err(ProfileError::EmptyPeriod { area, .. }) => return Err(TableError::Empty { area }),
        Err(e) => return Err(e.into()),
    };
    scope.area_code = complex.to_string();
    scope.area_name = format!("complex {} (wijk {})", model.area_name, model.area_code);
    scope.wijken = vec![model.area_code.clone()];
    scope.from = Some(model.period.from);
    scope.to = Some(model.period.to);
    let mut t = Tables::new();
    add(
        &mut t,
        &[Value::text(complex), Value::text(&model.area_name)],
        &model,
    );
    Ok(t.into_vec())
}
