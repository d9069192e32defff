//! The collective actions of the area profile (in section 7): what the team
//! did in the wijk after the conversations, with the values and themes each
//! action answers. No names: the residents involved are a count.

use super::canvas::{colour, Face, Flow};
use super::sections::BODY;
use super::table::{table, Column, Row};
use crate::profile::model::{dutch_date, CollectiveSection};

pub fn collective(flow: &mut Flow, c: &CollectiveSection) {
    flow.subheading("Collectieve acties", 60.0);
    if let Some(note) = &c.note {
        flow.paragraph(note, Face::Regular, BODY, colour::INK);
        return;
    }
    flow.paragraph(
        "Wat het team samen met bewoners in de wijk heeft opgezet naar aanleiding van de gesprekken, \
         met de waarden en thema's waar elke actie op ingaat.",
        Face::Regular,
        BODY,
        colour::INK,
    );
    let rows: Vec<Row> = c
        .actions
        .iter()
        .map(|a| {
            let mut about: Vec<String> = a.values.clone();
            about.extend(a.themes.iter().cloned());
            let day = |d: &str| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_or_else(|_| d.to_string(), dutch_date)
            };
            let period = match &a.ended_on {
                Some(e) => format!("{} – {}", day(&a.started_on), day(e)),
                None => format!("vanaf {}", day(&a.started_on)),
            };
            Row::new(vec![
                a.title.clone(),
                a.status.clone(),
                period,
                a.residents.to_string(),
                about.join(", "),
                a.partners.join(", "),
            ])
        })
        .collect();
    table(
        flow,
        &[
            Column::left("Actie", 2.2),
            Column::left("Stand", 1.6),
            Column::left("Periode", 2.2),
            Column::right("Bewoners", 1.1),
            Column::left("Waarden en thema's", 1.9),
            Column::left("Partners", 1.6),
        ],
        &rows,
    );
}
