//! The area level of `wwk table`: the same numbers and suppression as the
//! area profile (report model), as XLSX sheets and as one long CSV; and the
//! area profile of a past period unchanged by a purge.

mod common;
mod support;

use chrono::NaiveDate;
use common::TestDir;
use support::{assert_no_personal_data, demo, personal_data, read_csv, xlsx_dump, xlsx_texts};
use wijkwaardenkaart::privacy::retention::{self, PurgeRequest};
use wijkwaardenkaart::privacy::Cell;
use wijkwaardenkaart::profile::{self, ReportRequest};
use wijkwaardenkaart::tables::{self, AreaUnit, TableFormat, TableLevel, TableRequest, Value};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn as_value(c: &Cell) -> Value {
    match c {
        Cell::Value(n) => Value::Int(*n as i64),
        Cell::Suppressed { below } => Value::Hidden(format!("< {below}")),
        Cell::Hidden => Value::Hidden("x".into()),
    }
}

fn area_request(area: &str, per: AreaUnit, format: TableFormat) -> TableRequest {
    TableRequest {
        area: Some(area.into()),
        from: Some(d("2024-01-01")),
        to: Some(d("2026-12-31")),
        per,
        generated_at: Some("2026-06-01T10:00:00.000Z".into()),
        ..TableRequest::new(TableLevel::Area, format)
    }
}

#[test]
fn every_row_equals_the_area_profile_of_that_area() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 2400, 21);
    let req = area_request("GM0268", AreaUnit::Wijk, TableFormat::Xlsx);
    let set = tables::build(&store, &req, &mut |_| true).unwrap();
    let names: Vec<&str> = set.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Kerncijfers",
            "Waarden",
            "Thema's",
            "Voorzieningencheck",
            "Wie we bereikten",
            "Doorverwijzingen",
            "Collectieve acties"
        ]
    );
    let key = &set.tables[0];
    assert_eq!(key.rows.len(), 44, "one row per wijk of Nijmegen");
    let mut compared = 0;
    let suppressed = key
        .rows
        .iter()
        .flatten()
        .filter(|v| **v == Value::Hidden("< 5".into()))
        .count();
    for row in &key.rows {
        let Value::Text(code) = &row[0] else { panic!() };
        let model = match profile::build(
            &store,
            &ReportRequest {
                from: req.from,
                to: req.to,
                ..ReportRequest::for_area(code)
            },
        ) {
            Ok(m) => m,
            Err(profile::ProfileError::EmptyPeriod { .. }) => {
                assert_eq!(row[9], Value::text("geen gegevens in deze periode"));
                continue;
            }
            Err(e) => panic!("{e}"),
        };
        let k = &model.key_figures;
        let expect = [&k.approached, &k.reached];
        assert_eq!(&row[2..4], expect.map(as_value).as_slice(), "{code}");
        assert_eq!(row[5], as_value(&k.conversations), "{code}");
        assert_eq!(row[8], as_value(&k.checks), "{code}");
        // Values: the same rows in the same order.
        let values: Vec<&Vec<Value>> = set.tables[1]
            .rows
            .iter()
            .filter(|r| r[0] == row[0])
            .collect();
        if let Some(v) = model.values.shown() {
            assert_eq!(values.len(), v.rows.len(), "{code}");
            for (r, m) in values.iter().zip(&v.rows) {
                assert_eq!(r[2], Value::text(&m.label));
                assert_eq!(
                    r[3..6],
                    [
                        as_value(&m.named),
                        as_value(&m.valued),
                        as_value(&m.concern)
                    ]
                );
            }
        } else {
            assert_eq!(
                values[0][2],
                Value::text("(te weinig gesprekken om te tonen)")
            );
        }
        compared += 1;
    }
    assert!(compared >= 3, "several wijken with data");
    assert!(suppressed > 0, "small wijken show \"< 5\"");

    // One row for the area as a whole equals the city profile.
    let city = tables::build(
        &store,
        &area_request("GM0268", AreaUnit::Gebied, TableFormat::Csv),
        &mut |_| true,
    )
    .unwrap();
    let model = profile::build(
        &store,
        &ReportRequest {
            from: req.from,
            to: req.to,
            ..ReportRequest::for_area("GM0268")
        },
    )
    .unwrap();
    assert_eq!(city.tables[0].rows.len(), 1);
    assert_eq!(
        city.tables[0].rows[0][5],
        as_value(&model.key_figures.conversations)
    );
    let sd = tables::build(
        &store,
        &area_request("GM0268", AreaUnit::Stadsdeel, TableFormat::Csv),
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(sd.tables[0].rows.len(), 9);
    assert!(matches!(
        tables::build(
            &store,
            &area_request("BU02680733", AreaUnit::Stadsdeel, TableFormat::Csv),
            &mut |_| true
        ),
        Err(tables::TableError::UnitTooLarge { .. })
    ));
}

#[test]
fn area_xlsx_and_csv_read_back_and_hold_no_personal_data() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 1500, 8);
    let personal = personal_data(&store);

    let xlsx = t.path("gebieden.xlsx");
    tables::export(
        &store,
        &area_request("GM0268", AreaUnit::Wijk, TableFormat::Xlsx),
        &xlsx,
        &mut |_| true,
    )
    .unwrap();
    let dump = xlsx_dump(&xlsx);
    assert_eq!(
        dump["sheets"],
        serde_json::json!([
            "Kerncijfers",
            "Waarden",
            "Thema's",
            "Voorzieningencheck",
            "Wie we bereikten",
            "Doorverwijzingen",
            "Collectieve acties",
            "Toelichting"
        ])
    );
    let key = &dump["data"]["Kerncijfers"];
    assert_eq!(key["freeze"], "A2");
    let rows = key["rows"].as_array().unwrap();
    let (mut numbers, mut hidden) = (0, 0);
    for row in &rows[1..] {
        for c in &row.as_array().unwrap()[2..9] {
            match c["t"].as_str().unwrap() {
                "n" if !c["v"].is_null() => numbers += 1,
                "s" => {
                    assert!(["< 5", "x"].contains(&c["v"].as_str().unwrap()), "{c}");
                    hidden += 1
                }
                _ => {}
            }
        }
    }
    assert!(
        numbers > 20 && hidden > 20,
        "{numbers} numbers, {hidden} hidden"
    );
    let pct = rows[1..]
        .iter()
        .map(|r| &r[4])
        .find(|c| c["t"] == "n" && !c["v"].is_null())
        .expect("a published percentage");
    assert_eq!(pct["f"], "0.0");
    let notes =
        xlsx_texts(&serde_json::json!({"data": {"t": dump["data"]["Toelichting"]}})).join("\n");
    for needle in [
        "Aantallen kleiner dan 5",
        "secundaire onderdrukking",
        "geen totalen",
        "CC BY 4.0",
        "2024-01-01 tot en met 2026-12-31",
    ] {
        assert!(notes.contains(needle), "Toelichting lacks {needle:?}");
    }
    assert_no_personal_data(&xlsx_texts(&dump), &personal, "area xlsx");

    let csv = t.path("gebieden.csv");
    tables::export(
        &store,
        &area_request("WK026807", AreaUnit::Wijk, TableFormat::Csv),
        &csv,
        &mut |_| true,
    )
    .unwrap();
    let rows = read_csv(&std::fs::read(&csv).unwrap());
    assert_eq!(
        rows[0],
        [
            "tabel",
            "gebiedscode",
            "gebied",
            "categorie",
            "kenmerk",
            "waarde"
        ]
    );
    assert!(rows[1..].iter().all(|r| r[1].starts_with("BU02680")));
    let tables_in: std::collections::BTreeSet<&str> =
        rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert!(tables_in.contains("Kerncijfers") && tables_in.contains("Waarden"));
    assert!(
        rows.iter()
            .any(|r| r[4] == "genoemd %" && r[5].contains(',')),
        "decimal comma"
    );
    assert!(rows.iter().any(|r| r[5] == "< 5"));
    assert_no_personal_data(&rows.concat(), &personal, "area csv");
}

#[test]
fn the_area_profile_of_a_past_period_is_unchanged_by_a_purge() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 1800, 13);
    let req = |area: &str| ReportRequest {
        from: Some(d("2024-01-01")),
        to: Some(d("2025-06-30")),
        generated_at: Some("2026-06-01T10:00:00.000Z".into()),
        ..ReportRequest::for_area(area)
    };
    // The city and the three wijken with the most conversations in the period.
    let mut areas: Vec<String> = vec!["GM0268".into()];
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT wijk_code FROM conversation WHERE held_on <= '2025-06-30'
             GROUP BY wijk_code ORDER BY count(*) DESC, wijk_code LIMIT 3",
        )
        .unwrap();
    areas.extend(
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap),
    );
    drop(stmt);
    let before: Vec<_> = areas
        .iter()
        .map(|a| profile::build(&store, &req(a)).ok())
        .collect();
    let table_req = area_request("GM0268", AreaUnit::Wijk, TableFormat::Csv);
    let table_before = tables::build(&store, &table_req, &mut |_| true).unwrap();
    let r = retention::purge(
        &mut store,
        &PurgeRequest {
            older_than: None,
            dry_run: false,
            today: Some(d("2026-12-01")),
        },
    )
    .unwrap();
    assert!(r.households > 100 && r.conversations > 100, "{r:?}");
    let after: Vec<_> = areas
        .iter()
        .map(|a| profile::build(&store, &req(a)).ok())
        .collect();
    assert_eq!(before.iter().filter(|m| m.is_some()).count(), 4);
    // The purge erases a household's income band (personal financial data),
    // so "Wie we bereikten" by income is the one figure that changes: those
    // households then count as "Onbekend". Everything else stays.
    let income_erased = after.iter().flatten().all(|m| {
        let c = m.checks.shown().unwrap();
        let income = c.clients.iter().find(|g| g.title == "Inkomen").unwrap();
        income
            .rows
            .iter()
            .any(|(l, c)| l == "Onbekend" && *c != Cell::Value(0))
    });
    assert!(income_erased, "the erased income bands count as onbekend");
    let without_income = |ms: Vec<Option<profile::model::ReportModel>>| {
        ms.into_iter()
            .map(|m| {
                m.map(|mut m| {
                    if let profile::model::Section::Shown(c) = &mut m.checks {
                        c.clients.retain(|g| g.title != "Inkomen");
                    }
                    m
                })
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        without_income(before),
        without_income(after),
        "area profiles of the past period are the same after the purge"
    );
    let table_after = tables::build(&store, &table_req, &mut |_| true).unwrap();
    let strip = |set: &tables::TableSet| {
        let mut t = set.tables.clone();
        for table in &mut t {
            table
                .rows
                .retain(|r| r.get(2) != Some(&Value::text("Inkomen")));
        }
        t
    };
    assert_eq!(strip(&table_before), strip(&table_after));
}
