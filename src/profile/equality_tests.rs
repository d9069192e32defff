//! One model for every view: on a demo store, for a wijk, a stadsdeel and the
//! city, the dashboard (the app's `area_dashboard`), the map, the area table
//! and the PDF show the same cells.

use super::*;
use crate::privacy::Cell;
use crate::tables::{self, model::Value, AreaUnit, TableFormat, TableLevel};

const AT: &str = "2026-01-01T00:00:00.000Z";

fn request(area: &str) -> ReportRequest {
    ReportRequest {
        generated_at: Some(AT.into()),
        ..ReportRequest::for_area(area)
    }
}

/// A table cell as the profile cell it must be.
fn as_cell(v: &Value) -> Cell {
    match v {
        Value::Int(n) => Cell::Value(*n as u64),
        Value::Hidden(s) if s == "x" => Cell::Hidden,
        Value::Hidden(s) => Cell::Suppressed {
            below: s.trim_start_matches("< ").parse().unwrap(),
        },
        other => panic!("not a count: {other:?}"),
    }
}

#[test]
fn dashboard_map_table_and_pdf_show_the_same_cells() {
    let (_dir, s) = crate::testutil::demo_store(1200, 3);
    // The busiest wijk, its stadsdeel and the city.
    let wijk = crate::testutil::busiest_wijk(&s);
    let stadsdeel = crate::catalog::nijmegen()
        .get(&wijk)
        .and_then(|a| a.parent_code.clone())
        .unwrap();
    let areas = [wijk, stadsdeel, CITY.to_string()];
    let map = super::map(&s, None, None, &SuppressionPolicy::default()).unwrap();
    assert_eq!(map.len(), 44);
    let each = build_each(
        &s,
        &areas,
        None,
        None,
        &SuppressionPolicy::default(),
        Some(AT),
    )
    .unwrap();
    let mut withheld = 0;
    for (area, many) in areas.iter().zip(each) {
        // The dashboard: what the app's area_dashboard command returns.
        let dashboard = build(&s, &request(area)).unwrap();
        // The PDF renders exactly this model.
        let (pdf_model, bytes) = crate::report::generate(
            &s,
            &request(area),
            &crate::report::RenderOptions::default(),
            &mut |_| true,
        )
        .unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        assert_eq!(pdf_model, dashboard, "{area}: PDF and dashboard");
        // Built together with other areas, over one pass of the store.
        assert_eq!(many.unwrap(), dashboard, "{area}: one pass for many areas");
        // The map's cells of a wijk are its dashboard's.
        let cells = map_cells(&dashboard);
        if area.starts_with("BU") {
            let on_map = map.iter().find(|m| &m.code == area).unwrap();
            assert_eq!(on_map, &cells, "{area}: map and dashboard");
        }
        // The area table's row for the area.
        let mut req = tables::TableRequest::new(TableLevel::Area, TableFormat::Csv);
        req.area = Some(area.to_string());
        req.per = AreaUnit::Gebied;
        let set = tables::build(&s, &req, &mut |_| true).unwrap();
        let key = &set.tables[0];
        assert_eq!(key.rows.len(), 1);
        let row = &key.rows[0];
        let k = &dashboard.key_figures;
        let want = [
            (2, k.approached),
            (3, k.reached),
            (5, k.conversations),
            (6, k.follow_ups),
            (7, k.referrals),
            (8, k.checks),
        ];
        for (col, cell) in want {
            assert_eq!(
                as_cell(&row[col]),
                cell,
                "{area}: table column {}",
                key.columns[col].header
            );
        }
        withheld += serde_json::to_string(&dashboard)
            .unwrap()
            .matches("\"< 5\"")
            .count();
    }
    assert!(withheld > 0, "the demo store has small cells to withhold");
    // Every wijk on the map equals its own profile.
    for m in &map {
        match build(&s, &request(&m.code)) {
            Ok(d) => assert_eq!(&map_cells(&d), m, "{}", m.code),
            Err(ProfileError::EmptyPeriod { .. }) => {
                assert_eq!(m.approached, Cell::Suppressed { below: 5 });
                assert_eq!(m.reached_pct, None);
            }
            Err(e) => panic!("{e}"),
        }
    }
}

#[test]
fn withheld_cells_are_strings_in_json_and_read_back() {
    let (_dir, s) = crate::testutil::demo_store(300, 5);
    let m = build(&s, &request(CITY)).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&to_json(&m)).unwrap();
    let mut strings = 0;
    let mut numbers = 0;
    fn walk(v: &serde_json::Value, strings: &mut usize, numbers: &mut usize) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    if ["named", "valued", "concern", "approached", "count"].contains(&k.as_str()) {
                        match x {
                            serde_json::Value::String(s) => {
                                assert!(s == "x" || s.starts_with("< "), "{k}: {s}");
                                *strings += 1;
                            }
                            serde_json::Value::Number(_) => *numbers += 1,
                            other => panic!("{k}: {other}"),
                        }
                    }
                    walk(x, strings, numbers);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, strings, numbers)),
            _ => {}
        }
    }
    walk(&v, &mut strings, &mut numbers);
    assert!(strings > 0 && numbers > 0, "{strings} {numbers}");
    let back: ReportModel = serde_json::from_value(v).unwrap();
    assert_eq!(back, m);
}
