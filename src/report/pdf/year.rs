//! The year report as PDF: a cover with progress against the targets, the
//! year table (reach, results, referrals), the year's insights, a page per
//! wijk or complex, and the accountability. Reads only the [`YearReport`].

use super::canvas::{self, colour, Face, Flow, MARGIN_X, PAGE_H, PAGE_W};
use super::sections::{self, tiles, BODY};
use super::table::{table, Column, Row};
use super::{assemble, running_header, step, Doc};
use crate::privacy::{format_int, format_pct, Cell};
use crate::profile::model::{dutch_date, Amount, ReportModel, Section};
use crate::profile::year::{RowKind, TargetProgress, YearReport, YearRow};
use crate::progress::Progress;
use crate::report::ReportError;

/// Renders the year report to PDF bytes.
pub fn render_year_pdf(
    r: &YearReport,
    progress: &mut dyn FnMut(&Progress) -> bool,
) -> Result<Vec<u8>, ReportError> {
    let fonts = canvas::fonts().map_err(ReportError::Render)?;
    let mut flow = Flow::new(fonts);
    step(progress, 1, "Omslag")?;
    cover(&mut flow, r);
    step(progress, 3, "Jaartabel")?;
    flow.new_page();
    year_table(&mut flow, r);
    step(progress, 5, "Inzichten")?;
    flow.new_page();
    sections::values_titled(&mut flow, &r.profile, "3. Wat bewoners waardevol vinden");
    sections::themes_titled(&mut flow, &r.profile, "4. Thema's en citaten");
    super::collective::collective(&mut flow, &r.profile.collective);
    step(progress, 7, "Pagina per wijk en complex")?;
    for (i, (row, m)) in r.rows.iter().zip(&r.areas).enumerate() {
        area_page(&mut flow, row, m, i == 0);
    }
    step(progress, 9, "Verantwoording")?;
    flow.new_page();
    sections::accountability(&mut flow, &r.profile);
    step(progress, 10, "Kop- en voetteksten")?;
    let doc = Doc {
        title: r.title.clone(),
        period: r.period.label(),
        organisation: r.organisation.clone(),
        subject: format!("Anonieme jaarverantwoording {}", r.year),
        keywords: vec![
            "jaarverantwoording".into(),
            "Nijmegen".into(),
            r.year.to_string(),
        ],
        generated_at: r.generated_at.clone(),
    };
    let total = flow.pages.len();
    for (i, page) in flow.pages.iter_mut().enumerate().skip(1) {
        running_header(page, fonts, &doc, i + 1, total);
    }
    step(progress, 11, "PDF opbouwen")?;
    let bytes = assemble(&doc, flow, None)?;
    step(progress, 12, "Klaar")?;
    Ok(bytes)
}

fn cell(c: &Cell) -> String {
    c.to_string()
}

fn pct(p: Option<f64>) -> String {
    p.map(format_pct).unwrap_or_else(|| "–".into())
}

fn eur(a: &Amount) -> String {
    a.to_string()
}

fn band(r: &YearRow) -> String {
    format!("{}–{} %", r.reach_band.min_pct, r.reach_band.max_pct)
}

fn cover(flow: &mut Flow, r: &YearReport) {
    flow.new_page();
    flow.bookmarks.push(("1. Omslag en doelen".into(), 1));
    let fonts = flow.fonts;
    let page = flow.page();
    let band_h = 260.0;
    page.rect(0.0, PAGE_H - band_h, PAGE_W, band_h, colour::NAVY);
    page.rect(0.0, PAGE_H - band_h - 6.0, PAGE_W, 6.0, colour::ACCENT);
    page.text(
        MARGIN_X,
        PAGE_H - 80.0,
        "WIJKWAARDENKAART",
        Face::Bold,
        10.0,
        0xa9c6d6,
    );
    page.text(
        MARGIN_X,
        PAGE_H - 160.0,
        "Jaarverantwoording",
        Face::Regular,
        20.0,
        0xd5e3ec,
    );
    let name = match &r.programme {
        Some(p) => format!("{p} {}", r.year),
        None => format!("Nijmegen {}", r.year),
    };
    let size = if fonts.width(&name, Face::Bold, 36.0) > PAGE_W - 2.0 * MARGIN_X {
        24.0
    } else {
        36.0
    };
    page.text(
        MARGIN_X,
        PAGE_H - 204.0,
        &name,
        Face::Bold,
        size,
        colour::WHITE,
    );
    page.text(
        MARGIN_X,
        PAGE_H - 232.0,
        &format!("{} · {}", r.organisation, r.period.label()),
        Face::Regular,
        12.0,
        0xd5e3ec,
    );
    flow.y = PAGE_H - band_h - 30.0;
    flow.subheading("Voortgang tegen de doelen", 60.0);
    if let Some(note) = &r.targets_note {
        flow.paragraph(note, Face::Regular, BODY, colour::INK);
    }
    if !r.targets.is_empty() {
        table(
            flow,
            &[
                Column::left("Programma", 0.22),
                Column::right("Doel huishoudens", 0.16),
                Column::right("Benaderd", 0.13),
                Column::left("", 0.14),
                Column::right("Doel % in gesprek", 0.15),
                Column::right("In gesprek", 0.1),
                Column::left("", 0.1),
            ],
            &r.targets.iter().map(target_row).collect::<Vec<_>>(),
        );
    }
    let t = &r.total;
    flow.gap(6.0);
    tiles(
        flow,
        &[
            ("Benaderd", cell(&t.approached), "huishoudens".into()),
            (
                "Bereikt",
                cell(&t.reached),
                format!("{} in gesprek", pct(t.reached_pct)),
            ),
            ("Vervolg gewenst", cell(&t.follow_ups), "huishoudens".into()),
            (
                "Toegekend",
                eur(&t.granted_eur),
                "per jaar, echte bedragen".into(),
            ),
        ],
    );
    let generated = chrono::DateTime::parse_from_rfc3339(&r.generated_at)
        .map(|d| dutch_date(d.date_naive()))
        .unwrap_or_else(|_| r.generated_at.clone());
    flow.paragraph(
        &format!(
            "Alle rondes van {} samen, per wijk en complex. Een anoniem overzicht: kleine aantallen \
             (minder dan {}) zijn afgeschermd, zie Verantwoording. Gemaakt op {generated}.",
            r.year, r.policy.k
        ),
        Face::Regular,
        9.5,
        colour::MUTED,
    );
}

fn target_row(t: &TargetProgress) -> Row {
    Row::new(vec![
        t.programme.clone(),
        format!(
            "{}–{}",
            format_int(i64::from(t.households_min)),
            format_int(i64::from(t.households_max))
        ),
        cell(&t.approached),
        t.approached_status.clone(),
        format!("{}–{} %", t.reach_band.min_pct, t.reach_band.max_pct),
        pct(t.reached_pct),
        t.reach_status.clone(),
    ])
}

fn name_of(r: &YearRow) -> String {
    match r.kind {
        RowKind::Complex => format!("  complex {}", r.name),
        _ => r.name.clone(),
    }
}

/// The rows with the total last, bold.
fn rows_with_total(r: &YearReport, f: impl Fn(&YearRow) -> Vec<String>) -> Vec<Row> {
    let mut out: Vec<Row> = r
        .rows
        .iter()
        .map(|row| {
            let mut c = vec![name_of(row)];
            c.extend(f(row));
            Row::new(c)
        })
        .collect();
    let mut c = vec![r.total.name.clone()];
    c.extend(f(&r.total));
    out.push(Row::total(c));
    out
}

fn year_table(flow: &mut Flow, r: &YearReport) {
    flow.heading("2. Per wijk en complex", 120.0);
    flow.paragraph(
        "Eén regel per wijk met gegevens in het jaar, met daaronder de complexen in die wijk. \
         Benaderd: er is aangebeld; bereikt: er is een bewoner gesproken. Vervolg gewenst, \
         checks, aanvragen en toekenningen tellen huishoudens. Toegekend is het echte bedrag per \
         jaar; het potentieel is een schatting uit de regelingencatalogus voor wat nog niet is \
         besloten. De twee worden nooit opgeteld.",
        Face::Regular,
        9.0,
        colour::MUTED,
    );
    flow.subheading("Bereik", 60.0);
    table(
        flow,
        &[
            Column::left("Wijk / complex", 0.25),
            Column::right("Benaderd", 0.11),
            Column::right("Bereikt", 0.1),
            Column::right("% in gesprek", 0.11),
            Column::right("Doel", 0.1),
            Column::left("", 0.2),
            Column::right("Vervolg gewenst", 0.13),
        ],
        &rows_with_total(r, |x| {
            vec![
                cell(&x.approached),
                cell(&x.reached),
                pct(x.reached_pct),
                band(x),
                x.reach_status.clone(),
                cell(&x.follow_ups),
            ]
        }),
    );
    flow.subheading("Voorzieningencheck en meedoen", 60.0);
    table(
        flow,
        &[
            Column::left("Wijk / complex", 0.18),
            Column::right("Checks", 0.08),
            Column::right("Aanvragen", 0.125),
            Column::right("Toegekend", 0.125),
            Column::right("€ toegekend per jaar", 0.13),
            Column::right("€ geschat potentieel", 0.13),
            Column::right("Meedoen", 0.1),
            Column::right("Collectieve acties", 0.13),
        ],
        &rows_with_total(r, |x| {
            vec![
                cell(&x.checks),
                cell(&x.applied),
                cell(&x.granted),
                eur(&x.granted_eur),
                eur(&x.potential_eur),
                cell(&x.participation),
                x.collective_actions.to_string(),
            ]
        }),
    );
    flow.subheading("Doorverwijzingen per organisatie", 60.0);
    // Organisations nobody was referred to in the year are left out.
    let shown: Vec<usize> = (0..r.referral_targets.len())
        .filter(|&i| r.total.referrals.get(i) != Some(&Cell::Value(0)))
        .collect();
    // At most six organisations side by side; the total comes with the last.
    let groups: Vec<&[usize]> = shown.chunks(6).collect();
    for (g, group) in groups.iter().enumerate() {
        let last = g + 1 == groups.len();
        let n = group.len() + usize::from(last);
        let w = 0.78 / n.max(4) as f32;
        let mut cols = vec![Column::left("Wijk / complex", 0.22)];
        cols.extend(
            group
                .iter()
                .map(|&i| Column::right(&short_org(&r.referral_targets[i]), w)),
        );
        if last {
            cols.push(Column::right("Totaal", w));
        }
        table(
            flow,
            &cols,
            &rows_with_total(r, |x| {
                let mut c: Vec<String> = group
                    .iter()
                    .map(|&i| x.referrals.get(i).map_or_else(|| "–".into(), cell))
                    .collect();
                if last {
                    c.push(cell(&x.referrals_total));
                }
                c
            }),
        );
        flow.gap(6.0);
    }
    let legend: Vec<String> = shown
        .iter()
        .map(|&i| &r.referral_targets[i])
        .filter(|l| short_org(l) != **l)
        .map(|l| format!("{}: {l}", short_org(l)))
        .collect();
    if !legend.is_empty() {
        flow.paragraph(&legend.join(" · "), Face::Regular, 8.5, colour::MUTED);
    }
    for note in &r.notes {
        flow.paragraph(note, Face::Regular, 9.0, colour::MUTED);
    }
}

/// A column header for an organisation: its acronym, or its name shortened
/// where a header would break words (the legend below gives the full names).
fn short_org(label: &str) -> String {
    if let (Some(a), Some(b)) = (label.rfind('('), label.rfind(')')) {
        let inner = &label[a + 1..b];
        if inner.len() >= 2 && inner.chars().all(|c| c.is_ascii_uppercase()) {
            return inner.to_string();
        }
    }
    match label.trim() {
        "Buurtteam (volwassenen)" => "BT volwassenen".into(),
        "Buurtteam Jeugd en Gezin" => "BT Jeugd en Gezin".into(),
        "Team Geldzorgen (gemeente)" => "Team Geldzorgen".into(),
        "Woningcorporatie" => "Corporatie".into(),
        "Andere organisatie" => "Anders".into(),
        other => other.to_string(),
    }
}

fn area_page(flow: &mut Flow, row: &YearRow, m: &ReportModel, first: bool) {
    flow.new_page();
    let title = match row.kind {
        RowKind::Complex => format!("Complex {}", row.name),
        _ => format!("Wijk {}", row.name),
    };
    if first {
        flow.bookmarks
            .push(("5. Per wijk en complex".into(), flow.page_no()));
    }
    flow.heading(&title, 200.0);
    let sub = match (row.kind, &row.parent) {
        (RowKind::Complex, Some(p)) => format!("In wijk {p}"),
        (_, Some(p)) => format!("{} · stadsdeel {p}", row.code),
        _ => row.code.clone(),
    };
    flow.paragraph(&sub, Face::Regular, 9.5, colour::MUTED);
    tiles(
        flow,
        &[
            ("Benaderd", cell(&row.approached), "huishoudens".into()),
            (
                "Bereikt",
                cell(&row.reached),
                format!("{} in gesprek (doel {})", pct(row.reached_pct), band(row)),
            ),
            (
                "Vervolg gewenst",
                cell(&row.follow_ups),
                "huishoudens".into(),
            ),
        ],
    );
    table(
        flow,
        &[
            Column::left("Resultaten in het jaar", 0.7),
            Column::right("Aantal of bedrag", 0.3),
        ],
        &[
            Row::new(vec![
                "Huishoudens met een voorzieningencheck".into(),
                cell(&row.checks),
            ]),
            Row::new(vec!["… met een aanvraag".into(), cell(&row.applied)]),
            Row::new(vec!["… met een toekenning".into(), cell(&row.granted)]),
            Row::new(vec!["Toegekend per jaar".into(), eur(&row.granted_eur)]),
            Row::new(vec![
                "Geschat potentieel per jaar (schatting)".into(),
                eur(&row.potential_eur),
            ]),
            Row::new(vec!["Doorverwijzingen".into(), cell(&row.referrals_total)]),
            Row::new(vec!["Meedoen".into(), cell(&row.participation)]),
            Row::new(vec![
                "Collectieve acties".into(),
                row.collective_actions.to_string(),
            ]),
        ],
    );
    flow.subheading("Wat bewoners waardevol vinden", 60.0);
    match &m.values {
        Section::TooFew(t) => flow.paragraph(t, Face::Regular, BODY, colour::INK),
        Section::Shown(v) => {
            let top: Vec<String> = v
                .rows
                .iter()
                .filter(|r| r.named_pct.is_some() || r.named.value().is_some())
                .take(5)
                .map(|r| {
                    if v.as_pct {
                        format!("{} ({} van de gesprekken)", r.label, pct(r.named_pct))
                    } else {
                        format!("{} ({}×)", r.label, r.named)
                    }
                })
                .collect();
            if top.is_empty() {
                flow.paragraph(
                    "Geen waarden die vaak genoeg genoemd zijn om te tonen.",
                    Face::Regular,
                    BODY,
                    colour::INK,
                );
            }
            for t in top {
                flow.bullet(&t, BODY);
            }
        }
    }
    if !m.collective.actions.is_empty() {
        flow.subheading("Collectieve acties", 40.0);
        for a in &m.collective.actions {
            flow.bullet(&format!("{} ({})", a.title, a.status), BODY);
        }
    }
}
