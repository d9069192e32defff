//! The report's sections in Dutch, laid out on the page flow.

use super::canvas::{colour, Align, Face, Flow, CONTENT_W, MARGIN_X};
use super::charts;
use super::table::{table, Column, Row};
use crate::privacy::{format_pct, Cell};
use crate::profile::model::*;

pub(super) const BODY: f32 = 10.0;
/// Values in the bar chart (the table lists all of them).
const CHART_ROWS: usize = 10;

fn pct_or_dash(p: Option<f64>) -> String {
    p.map(format_pct).unwrap_or_else(|| "–".into())
}

pub(super) fn too_few(flow: &mut Flow, text: &str) {
    flow.ensure(40.0);
    let lines = flow.fonts.wrap(text, Face::Regular, BODY, CONTENT_W - 24.0);
    let h = lines.len() as f32 * BODY * 1.45 + 16.0;
    let top = flow.y;
    flow.page()
        .rect(MARGIN_X, top - h, CONTENT_W, h, colour::LIGHT);
    flow.y -= 8.0;
    flow.paragraph_at(
        MARGIN_X + 12.0,
        CONTENT_W - 24.0,
        text,
        Face::Regular,
        BODY,
        colour::INK,
    );
    flow.y = top - h - 10.0;
}

/// Tiles with the headline numbers.
pub(super) fn tiles(flow: &mut Flow, items: &[(&str, String, String)]) {
    let h = 58.0;
    let gap = 8.0;
    let w = (CONTENT_W - gap * (items.len() as f32 - 1.0)) / items.len() as f32;
    flow.ensure(h + 8.0);
    let top = flow.y;
    let fonts = flow.fonts;
    let page = flow.page();
    for (i, (label, value, sub)) in items.iter().enumerate() {
        let x = MARGIN_X + i as f32 * (w + gap);
        page.rect(x, top - h, w, h, colour::LIGHT);
        page.rect(x, top - h, 3.0, h, colour::ACCENT);
        page.text(
            x + 10.0,
            top - 15.0,
            label,
            Face::Regular,
            8.5,
            colour::MUTED,
        );
        page.text(x + 10.0, top - 37.0, value, Face::Bold, 18.0, colour::NAVY);
        page.text_aligned(
            fonts,
            x + 10.0,
            w - 14.0,
            top - 51.0,
            sub,
            Face::Regular,
            8.0,
            colour::MUTED,
            Align::Left,
        );
    }
    flow.y = top - h - 14.0;
}

pub fn key_figures(flow: &mut Flow, m: &ReportModel) {
    let k = &m.key_figures;
    flow.heading("2. Kerncijfers", 120.0);
    flow.paragraph(
        &format!(
            "Van deur tot deur in de periode {}. Een huishouden is benaderd als er is aangebeld, \
             en bereikt als er een bewoner is gesproken.",
            m.period.label()
        ),
        Face::Regular,
        BODY,
        colour::INK,
    );
    tiles(
        flow,
        &[
            (
                "Huishoudens benaderd",
                k.approached.to_string(),
                String::new(),
            ),
            (
                "Huishoudens bereikt",
                k.reached.to_string(),
                k.reached_pct
                    .map(|p| format!("{} van benaderd", format_pct(p)))
                    .unwrap_or_default(),
            ),
            ("Gesprekken", k.conversations.to_string(), String::new()),
            (
                "Voorzieningenchecks",
                k.checks.to_string(),
                "huishoudens".to_string(),
            ),
        ],
    );
    flow.subheading("Van deur tot doorverwijzing", 160.0);
    charts::funnel(flow, &k.funnel);
    flow.paragraph(
        "Percentages zijn het aandeel van de benaderde huishoudens. Vervolg gewenst: de bewoner \
         wil opnieuw contact. Doorverwezen: een doorverwijzing naar een organisatie in de wijk.",
        Face::Regular,
        8.5,
        colour::MUTED,
    );
}

pub fn map(flow: &mut Flow, m: &ReportModel) {
    flow.heading("3. Kaart", 350.0);
    let caption = match m.level {
        Level::City => "Alle wijken van Nijmegen, gekleurd naar het aantal gesprekken.".to_string(),
        Level::Stadsdeel => format!(
            "De wijken van stadsdeel {} ({}), gekleurd naar het aantal gesprekken; de rest van \
             Nijmegen in grijs.",
            m.area_name, m.area_code
        ),
        _ => format!("Ligging van {} ({}) in Nijmegen.", m.area_name, m.area_code),
    };
    super::map::map(flow, &m.map, &caption);
    if let Some(s) = &m.map.shading {
        flow.subheading("Gesprekken per wijk", 60.0);
        let rows: Vec<Row> = s
            .per_wijk
            .iter()
            .map(|(name, code, n)| Row::new(vec![name.clone(), code.clone(), n.to_string()]))
            .collect();
        table(
            flow,
            &[
                Column::left("Wijk", 3.0),
                Column::left("Code", 1.5),
                Column::right("Gesprekken", 1.2),
            ],
            &rows,
        );
    }
}

pub fn values(flow: &mut Flow, m: &ReportModel) {
    values_titled(flow, m, "4. Wat bewoners waardevol vinden");
}

pub(super) fn values_titled(flow: &mut Flow, m: &ReportModel, title: &str) {
    // Keep the heading with the introduction and the chart.
    flow.heading(title, 100.0 + 15.0 * CHART_ROWS as f32);
    let v = match &m.values {
        Section::Shown(v) => v,
        Section::TooFew(t) => return too_few(flow, t),
    };
    flow.paragraph(
        &format!(
            "In {} gesprekken noemden bewoners wat zij waardevol vinden in hun wijk. Per waarde: \
             het aandeel gesprekken waarin de waarde genoemd werd, als iets wat er is en gewaardeerd \
             wordt (groen) of als zorg (oranje).",
            v.conversations
        ),
        Face::Regular,
        BODY,
        colour::INK,
    );
    let chart: Vec<&ValueRow> = v
        .rows
        .iter()
        .filter(|r| !r.valued.is_suppressed() && !r.concern.is_suppressed())
        .take(CHART_ROWS)
        .collect();
    if !chart.is_empty() {
        // The chart (legend and bars) is kept on one page.
        flow.subheading("Meest genoemde waarden", 24.0 + 15.0 * chart.len() as f32);
        charts::value_bars(flow, &chart, v.as_pct);
    }
    flow.subheading("Alle waarden", 60.0);
    let share = if v.as_pct {
        "% van de gesprekken"
    } else {
        "Genoemd"
    };
    let rows: Vec<Row> = v
        .rows
        .iter()
        .map(|r| {
            Row::new(vec![
                r.label.clone(),
                r.named.to_string(),
                if v.as_pct {
                    pct_or_dash(r.named_pct)
                } else {
                    r.named.to_string()
                },
                r.valued.to_string(),
                r.concern.to_string(),
            ])
        })
        .collect();
    table(
        flow,
        &[
            Column::left("Waarde", 3.0),
            Column::right("Gesprekken", 1.4),
            Column::right(share, 1.6),
            Column::right("Gewaardeerd", 1.5),
            Column::right("Zorg", 1.2),
        ],
        &rows,
    );
    if v.top_factors
        .iter()
        .any(|f| !f.bevorderend.is_empty() || !f.belemmerend.is_empty())
    {
        flow.subheading(
            "Wat helpt en wat belemmert bij de belangrijkste waarden",
            60.0,
        );
        for f in &v.top_factors {
            let mut rows = Vec::new();
            let n = f.bevorderend.len().max(f.belemmerend.len());
            for i in 0..n {
                let cell = |l: &Vec<Factor>| {
                    l.get(i)
                        .map(|x| format!("{} ({}×)", x.text, x.count))
                        .unwrap_or_default()
                };
                rows.push(Row::new(vec![cell(&f.bevorderend), cell(&f.belemmerend)]));
            }
            if rows.is_empty() {
                continue;
            }
            flow.ensure(50.0);
            flow.paragraph(&f.label, Face::Bold, BODY, colour::NAVY);
            table(
                flow,
                &[
                    Column::left("Bevorderend", 1.0),
                    Column::left("Belemmerend", 1.0),
                ],
                &rows,
            );
        }
        flow.paragraph(
            &format!(
                "Alleen factoren die in minstens {} gesprekken werden genoemd.",
                m.policy.k
            ),
            Face::Regular,
            8.5,
            colour::MUTED,
        );
    }
}

pub fn themes(flow: &mut Flow, m: &ReportModel) {
    themes_titled(flow, m, "5. Thema's en citaten");
}

pub(super) fn themes_titled(flow: &mut Flow, m: &ReportModel, title: &str) {
    flow.heading(title, 80.0);
    let t = match &m.themes {
        Section::Shown(t) => t,
        Section::TooFew(s) => return too_few(flow, s),
    };
    if t.rows.is_empty() {
        flow.paragraph(
            "Er zijn geen thema's die vaak genoeg genoemd zijn om te tonen.",
            Face::Regular,
            BODY,
            colour::INK,
        );
    } else {
        let mut rows: Vec<Row> = t
            .rows
            .iter()
            .map(|(name, n)| Row::new(vec![name.clone(), n.to_string()]))
            .collect();
        if let Some(o) = t.other {
            rows.push(Row::new(vec!["Overige thema's".into(), o.to_string()]));
        }
        table(
            flow,
            &[Column::left("Thema", 3.0), Column::right("Gesprekken", 1.0)],
            &rows,
        );
    }
    flow.subheading("In de woorden van bewoners", 50.0);
    if let Some(note) = &t.quotes_note {
        flow.paragraph(note, Face::Regular, BODY, colour::INK);
    }
    for q in &t.quotes {
        let text = format!("“{q}”");
        let lines = flow
            .fonts
            .wrap(&text, Face::Regular, 10.5, CONTENT_W - 30.0);
        let h = lines.len() as f32 * 10.5 * 1.45 + 6.0;
        flow.ensure(h + 6.0);
        let top = flow.y;
        flow.page()
            .rect(MARGIN_X + 4.0, top - h + 4.0, 2.5, h - 4.0, colour::ACCENT);
        flow.paragraph_at(
            MARGIN_X + 18.0,
            CONTENT_W - 30.0,
            &text,
            Face::Regular,
            10.5,
            colour::NAVY,
        );
        flow.gap(4.0);
    }
    if !t.quotes.is_empty() {
        flow.paragraph(
            "Citaten met toestemming van de bewoner, ontdaan van namen en adressen, en bewust \
             niet aan een persoon, straat of datum gekoppeld.",
            Face::Regular,
            8.5,
            colour::MUTED,
        );
    }
}

pub(super) fn cell_rows(items: &[(String, Cell)], total: Option<Cell>) -> Vec<Row> {
    let mut rows: Vec<Row> = items
        .iter()
        .map(|(l, c)| Row::new(vec![l.clone(), c.to_string()]))
        .collect();
    if let Some(t) = total {
        rows.push(Row::total(vec!["Totaal".into(), t.to_string()]));
    }
    rows
}

pub fn referrals(flow: &mut Flow, m: &ReportModel) {
    flow.heading("7. Doorverwijzingen, meedoen en collectieve actie", 80.0);
    match &m.referrals {
        Section::Shown(r) => referrals_and_meedoen(flow, r),
        Section::TooFew(s) => too_few(flow, s),
    }
    super::collective::collective(flow, &m.collective);
}

fn referrals_and_meedoen(flow: &mut Flow, r: &ReferralsSection) {
    if r.by_target.is_empty() {
        flow.paragraph(
            &format!(
                "{} doorverwijzingen. Uitgesplitst naar organisatie of stand zouden kleine aantallen \
                 terug te rekenen zijn; daarom staat hier geen uitsplitsing.",
                r.total
            ),
            Face::Regular,
            BODY,
            colour::INK,
        );
    } else {
        referral_tables(flow, r);
    }
    meedoen(flow, r);
}

fn referral_tables(flow: &mut Flow, r: &ReferralsSection) {
    flow.subheading("Doorverwijzingen naar", 50.0);
    table(
        flow,
        &[
            Column::left("Organisatie", 3.0),
            Column::right("Aantal", 1.0),
        ],
        &cell_rows(&r.by_target, Some(r.total)),
    );
    flow.subheading("Stand van de doorverwijzingen", 50.0);
    table(
        flow,
        &[Column::left("Status", 3.0), Column::right("Aantal", 1.0)],
        &cell_rows(&r.by_status, Some(r.total)),
    );
}

fn meedoen(flow: &mut Flow, r: &ReferralsSection) {
    flow.subheading("Meedoen", 50.0);
    flow.paragraph(
        "Bewoners die willen meedoen: aan activiteiten, als vrijwilliger, in werk of opleiding, in een \
         bewonersinitiatief of met taal en digitale vaardigheden; en hoe ver dat nu is.",
        Face::Regular,
        BODY,
        colour::INK,
    );
    table(
        flow,
        &[
            Column::left("Meedoen aan", 3.0),
            Column::right("Aantal", 1.0),
        ],
        &cell_rows(&r.participation, Some(r.participation_total)),
    );
    table(
        flow,
        &[Column::left("Stand nu", 3.0), Column::right("Aantal", 1.0)],
        &cell_rows(&r.participation_status, Some(r.participation_total)),
    );
}

pub fn development(flow: &mut Flow, m: &ReportModel) {
    flow.heading("8. Ontwikkeling", 80.0);
    let d = match &m.development {
        None => {
            flow.paragraph(
                "Voor dit profiel is geen vergelijking met de vorige periode gevraagd. Maak het \
                 profiel opnieuw met een vergelijking om de ontwikkeling te zien.",
                Face::Regular,
                BODY,
                colour::INK,
            );
            return;
        }
        Some(Section::TooFew(s)) => return too_few(flow, s),
        Some(Section::Shown(d)) => d,
    };
    flow.paragraph(
        &format!(
            "Deze periode ({}) vergeleken met de even lange periode ervoor ({}).",
            m.period.label(),
            d.previous.label()
        ),
        Face::Regular,
        BODY,
        colour::INK,
    );
    let rows: Vec<Row> = d
        .rows
        .iter()
        .map(|r| {
            Row::new(vec![
                r.label.clone(),
                r.previous.to_string(),
                r.current.to_string(),
                r.change_pct
                    .map(|p| format!("{}{}", if p > 0.0 { "+" } else { "" }, format_pct(p)))
                    .unwrap_or_else(|| "–".into()),
            ])
        })
        .collect();
    table(
        flow,
        &[
            Column::left("Kerncijfer", 2.6),
            Column::right("Vorige periode", 1.3),
            Column::right("Deze periode", 1.3),
            Column::right("Verandering", 1.2),
        ],
        &rows,
    );
    if !d.values.is_empty() {
        flow.subheading("Meest genoemde waarden: aandeel van de gesprekken", 50.0);
        let rows: Vec<Row> = d
            .values
            .iter()
            .map(|v| {
                Row::new(vec![
                    v.label.clone(),
                    pct_or_dash(v.previous_pct),
                    pct_or_dash(v.current_pct),
                ])
            })
            .collect();
        table(
            flow,
            &[
                Column::left("Waarde", 2.6),
                Column::right("Vorige periode", 1.3),
                Column::right("Deze periode", 1.3),
            ],
            &rows,
        );
    }
}

pub fn accountability(flow: &mut Flow, m: &ReportModel) {
    let a = &m.accountability;
    flow.heading("9. Verantwoording", 80.0);
    flow.subheading("Werkwijze", 40.0);
    for p in &a.method {
        flow.paragraph(p, Face::Regular, 9.5, colour::INK);
    }
    flow.subheading("Bronnen", 40.0);
    for s in &a.sources {
        flow.bullet(s, 9.0);
    }
    let versions = a
        .catalogs
        .iter()
        .map(|(c, v)| format!("{c} {v}"))
        .collect::<Vec<_>>()
        .join(", ");
    flow.bullet(&format!("Catalogusversies: {versions}."), 9.0);
    flow.subheading("Kleine aantallen", 40.0);
    flow.paragraph(&a.suppression, Face::Regular, 9.5, colour::INK);
    flow.subheading("Privacy", 40.0);
    for p in &a.privacy {
        flow.paragraph(p, Face::Regular, 9.5, colour::INK);
    }
}
