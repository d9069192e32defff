//! Section 6 of the area profile: the voorzieningencheck per regulation,
//! granted amounts apart from estimates, the other work in the checks and who
//! was reached.

use super::canvas::{colour, Face, Flow};
use super::sections::{cell_rows, too_few, BODY};
use super::table::{table, Column, Row};
use crate::profile::model::*;

pub fn checks(flow: &mut Flow, m: &ReportModel) {
    flow.heading("6. Voorzieningencheck", 80.0);
    let c = match &m.checks {
        Section::Shown(c) => c,
        Section::TooFew(s) => return too_few(flow, s),
    };
    flow.paragraph(
        &format!(
            "Bij {} huishoudens is een voorzieningencheck gedaan. Per regeling: hoeveel huishoudens \
             de regeling al ontvangen, waar mogelijk recht is maar (nog) geen gebruik wordt gemaakt \
             (niet-gebruik), waar een aanvraag is ingediend en nog loopt, en wat is toegekend. \
             Huishoudens met een aanvraag (lopend, toegekend of afgewezen): {}; met een toekenning: {}.",
            c.households, c.applied_households, c.granted_households
        ),
        Face::Regular,
        BODY,
        colour::INK,
    );
    let rows: Vec<Row> = c
        .rows
        .iter()
        .map(|r| {
            Row::new(vec![
                r.name.clone(),
                r.receiving.to_string(),
                r.non_take_up.to_string(),
                r.applied.to_string(),
                r.granted.to_string(),
                r.granted_eur.to_string(),
                r.potential_eur.to_string(),
            ])
        })
        .collect();
    table(
        flow,
        &[
            Column::left("Regeling", 2.3),
            Column::right("Ontvangt al", 1.1),
            Column::right("Mogelijk recht (niet-gebruik)", 1.35),
            Column::right("Aanvraag loopt", 1.2),
            Column::right("Toegekend", 1.15),
            Column::right("Toegekend, € per jaar", 1.4),
            Column::right("Geschat potentieel per jaar*", 1.5),
        ],
        &rows,
    );
    let per_year = |a: &Amount| match a {
        Amount::Eur(_) => format!("{a} per jaar"),
        Amount::Hidden => "afgeschermd (anders zijn kleine aantallen terug te rekenen)".into(),
        Amount::Unknown => "onbekend".into(),
    };
    flow.paragraph(
        &format!(
            "Toegekend aan bewoners (de ingevoerde bedragen, omgerekend naar een jaar): {}. \
             Geschat potentieel (schatting voor mogelijk recht en lopende aanvragen): {}. \
             Schattingen en toegekende bedragen worden nooit bij elkaar opgeteld.",
            per_year(&c.total_granted),
            per_year(&c.total_potential)
        ),
        Face::Bold,
        BODY,
        colour::NAVY,
    );
    flow.paragraph(
        &format!(
            "* Schatting op basis van de regelingencatalogus {}; geen besluit van een uitvoerende \
             instantie. {} Afgewezen, niet van toepassing en onbekend staan niet in de tabel. \
             \"Toegekend, € per jaar\" telt alleen toekenningen met een ingevoerd bedrag.",
            c.catalog_year, c.disclaimer
        ),
        Face::Regular,
        8.5,
        colour::MUTED,
    );
    if !c.actions.is_empty() {
        flow.subheading("Verder in de checks", 40.0);
        table(
            flow,
            &[Column::left("Wat", 4.0), Column::right("Huishoudens", 1.5)],
            &cell_rows(&c.actions, None),
        );
    }
    clients(flow, c);
    flow.subheading("Bronnen van de bedragen", 30.0);
    for s in &c.sources {
        flow.bullet(s, 8.5);
    }
}

/// "Wie we bereikten": the checked households by the quick screen's answers.
fn clients(flow: &mut Flow, c: &ChecksSection) {
    if c.clients.is_empty() {
        return;
    }
    flow.subheading("Wie we bereikten", 60.0);
    flow.paragraph(
        "De huishoudens met een voorzieningencheck, naar de antwoorden in de snelle check \
         (per huishouden de laatste check).",
        Face::Regular,
        BODY,
        colour::INK,
    );
    for g in &c.clients {
        table(
            flow,
            &[
                Column::left(&g.title, 4.0),
                Column::right("Huishoudens", 1.5),
            ],
            &cell_rows(&g.rows, None),
        );
    }
}
