//! The year level (`wwk table --level year`): the year report's table, one
//! row per wijk and complex plus the total, for pasting into the subsidy
//! report. Every row is read from the [`YearReport`] the PDF prints, so the
//! numbers and what is withheld are the same.

use super::area::{amount, cell, count, pct, percent};
use super::model::{Column, ColumnKind, Table, Value};
use crate::profile::year::{RowKind, YearReport, YearRow};

fn euro(header: &str, what: &str) -> Column {
    Column::new(
        header,
        ColumnKind::Euro,
        &format!(
            "{what} Hele euro's; \"x\" als het verborgen is om een klein aantal te beschermen."
        ),
    )
}

pub(super) fn table(r: &YearReport) -> Table {
    let mut columns = vec![
        Column::key(
            "soort",
            "\"totaal\", \"wijk\" of \"complex\". De wijken samen vormen het totaal; een complex is een deel van zijn wijk.",
        ),
        Column::key(
            "code",
            "CBS-code van de wijk (BU0268…), het id van het complex, of GM0268 voor het totaal.",
        ),
        Column::key("naam", "Naam van de wijk of het complex."),
        Column::key("ligt in", "Het stadsdeel van een wijk, de wijk van een complex."),
        count("benaderd", "Huishoudens waar is aangebeld."),
        count("bereikt", "Huishoudens waar een bewoner is gesproken."),
        percent("% in gesprek", "Bereikt als percentage van benaderd."),
        Column::new(
            "doel % in gesprek",
            ColumnKind::Text,
            "De band uit het jaardoel van het programma (standaard 50–60 %).",
        ),
        Column::new(
            "t.o.v. doel",
            ColumnKind::Text,
            "Onder, binnen of boven de band; \"niet te tonen\" als het percentage niet gepubliceerd wordt.",
        ),
        count("vervolg gewenst", "Huishoudens die in een gesprek om een vervolg vroegen."),
        count("checks", "Huishoudens met een voorzieningencheck (de laatste check in het jaar telt)."),
        count("aanvragen", "Gecheckte huishoudens met een aanvraag voor een regeling (loopt, toegekend of afgewezen)."),
        count("toegekend", "Gecheckte huishoudens met een toekenning."),
        euro("€ toegekend per jaar", "Toegekende bedragen zoals ingevoerd, omgerekend naar een jaar."),
        euro(
            "€ geschat potentieel per jaar",
            "Schatting uit de regelingencatalogus voor mogelijk recht en lopende aanvragen; geen besluit en nooit opgeteld bij toegekend.",
        ),
    ];
    for t in &r.referral_targets {
        columns.push(count(
            &format!("verwezen: {t}"),
            &format!("Doorverwijzingen naar {t}."),
        ));
    }
    columns.push(count("doorverwijzingen", "Alle doorverwijzingen."));
    columns.push(count("meedoen", "Aanmeldingen voor meedoen (activiteit, vrijwilligerswerk, werk of opleiding, bewonersinitiatief, taal/digitaal)."));
    columns.push(Column::new(
        "collectieve acties",
        ColumnKind::Integer,
        "Collectieve acties die in het jaar begonnen (een telling van acties, geen bewoners).",
    ));
    let mut t = Table::new(
        "Jaartabel",
        "Eén regel voor het totaal en per wijk en complex met gegevens in het jaar.",
        columns,
    );
    t.push(line(&r.total));
    for row in &r.rows {
        t.push(line(row));
    }
    t
}

fn line(r: &YearRow) -> Vec<Value> {
    let kind = match r.kind {
        RowKind::Total => "totaal",
        RowKind::Wijk => "wijk",
        RowKind::Complex => "complex",
    };
    let mut v = vec![
        Value::text(kind),
        Value::text(&r.code),
        Value::text(&r.name),
        r.parent.as_deref().map_or(Value::Empty, Value::text),
        cell(&r.approached),
        cell(&r.reached),
        pct(r.reached_pct),
        Value::text(format!(
            "{}–{} %",
            r.reach_band.min_pct, r.reach_band.max_pct
        )),
        Value::text(&r.reach_status),
        cell(&r.follow_ups),
        cell(&r.checks),
        cell(&r.applied),
        cell(&r.granted),
        amount(&r.granted_eur),
        amount(&r.potential_eur),
    ];
    v.extend(r.referrals.iter().map(cell));
    v.push(cell(&r.referrals_total));
    v.push(cell(&r.participation));
    v.push(Value::Int(r.collective_actions as i64));
    v
}
