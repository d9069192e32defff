//! Anonymous tables (`wwk table`): real XLSX files read back with openpyxl,
//! CSV parsed back with a `;` reader, formula injection, and no personal data.

mod common;
mod support;

use common::{stderr, stdout_json, TestDir, PASS};
use std::collections::{BTreeSet, HashMap};
use support::{assert_no_personal_data, demo, personal_data, read_csv, xlsx_dump, xlsx_texts};
use wijkwaardenkaart::domain::conversation::{Consent, ConversationInput, Sentiment, ValueTag};
use wijkwaardenkaart::tables::{self, TableFormat, TableLevel, TableRequest};
use wijkwaardenkaart::Store;

fn demo_store(t: &TestDir) -> Store {
    let mut s = t.store("s.db");
    demo(&mut s, 1500, 7);
    s
}

fn count(store: &Store, sql: &str) -> usize {
    store
        .conn()
        .query_row(sql, [], |r| r.get::<_, i64>(0))
        .unwrap() as usize
}

fn header_index(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("column {name} missing from {header:?}"))
}

#[test]
fn conversation_xlsx_reads_back_with_typed_columns_frozen_header_and_notes() {
    let t = TestDir::new();
    let store = demo_store(&t);
    let conversations = count(
        &store,
        "SELECT count(*) FROM conversation WHERE deleted = 0",
    );
    drop(store);
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "table",
            "--level",
            "conversation",
            "--format",
            "xlsx",
            "--out",
        ])
        .arg(t.path("gesprekken.xlsx"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let summary = stdout_json(&out);
    assert_eq!(summary["rows"], conversations);

    let dump = xlsx_dump(&t.path("gesprekken.xlsx"));
    assert_eq!(
        dump["sheets"],
        serde_json::json!(["Gesprekken", "Toelichting"])
    );
    let sheet = &dump["data"]["Gesprekken"];
    assert_eq!(sheet["freeze"], "A2", "header row frozen");
    assert!(sheet["filter"].as_str().unwrap().starts_with("A1:"));
    let rows = sheet["rows"].as_array().unwrap();
    assert_eq!(rows.len(), conversations + 1);
    let header: Vec<String> = rows[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["v"].as_str().unwrap().to_string())
        .collect();
    for h in [
        "gesprek",
        "datum",
        "wijkcode",
        "wijk",
        "Ontmoeting",
        "Rondkomen",
        "aantal waarden",
        "thema's",
        "toestemming citeren",
        "vervolg gewenst",
    ] {
        header_index(&header, h);
    }
    let (date, named, flag, id) = (
        header_index(&header, "datum"),
        header_index(&header, "aantal waarden"),
        header_index(&header, "toestemming registratie"),
        header_index(&header, "gesprek"),
    );
    let first_value = header_index(&header, "Ontmoeting");
    let last_value = header_index(&header, "Rondkomen");
    let mut ids = BTreeSet::new();
    for row in &rows[1..] {
        let row = row.as_array().unwrap();
        assert!(
            row[date]["date"].as_bool().unwrap(),
            "datum is a date cell: {:?}",
            row[date]
        );
        assert!(row[date]["v"].as_str().unwrap().starts_with("202"));
        assert_eq!(row[named]["t"], "n", "count is a number");
        let n = row[named]["v"].as_i64().unwrap();
        let tagged = row[first_value..=last_value]
            .iter()
            .filter(|c| !c["v"].is_null())
            .inspect(|c| assert!(["gewaardeerd", "zorg"].contains(&c["v"].as_str().unwrap())))
            .count();
        assert_eq!(
            n as usize, tagged,
            "aantal waarden matches the value columns"
        );
        assert_eq!(row[flag]["t"], "n");
        assert!([0, 1].contains(&row[flag]["v"].as_i64().unwrap()));
        let pseudo = row[id]["v"].as_str().unwrap();
        assert!(pseudo.starts_with("G-") && pseudo.len() == 18, "{pseudo}");
        ids.insert(pseudo.to_string());
    }
    assert_eq!(
        ids.len(),
        conversations,
        "one distinct pseudonym per conversation"
    );

    let notes =
        xlsx_texts(&serde_json::json!({"data": {"t": dump["data"]["Toelichting"]}})).join("\n");
    for needle in [
        "CC BY 4.0",
        "CBS",
        "values 2026.1",
        "regulations-2026 2026.2",
        "minder dan 5",
        "HMAC-SHA256",
    ] {
        assert!(notes.contains(needle), "Toelichting lacks {needle:?}");
    }
    for h in &header {
        assert!(
            notes.contains(h.as_str()),
            "Toelichting does not describe column {h}"
        );
    }
}

#[test]
fn check_csv_is_for_dutch_excel_and_parses_back() {
    let t = TestDir::new();
    let store = demo_store(&t);
    let items = count(
        &store,
        "SELECT count(*) FROM check_item i JOIN benefit_check b ON b.id = i.check_id WHERE b.deleted = 0",
    );
    let mut req = TableRequest::new(TableLevel::Check, TableFormat::Csv);
    req.area = Some("gm0268".into());
    let path = t.path("checks.csv");
    let summary = tables::export(&store, &req, &path, &mut |_| true).unwrap();
    assert_eq!(summary.rows, items);
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let rows = read_csv(&bytes);
    assert_eq!(rows.len(), items + 1);
    let header = &rows[0];
    assert_eq!(header.len(), rows[1].len());
    let (hh, date, reg, status, est, flag) = (
        header_index(header, "huishouden"),
        header_index(header, "datum"),
        header_index(header, "regeling"),
        header_index(header, "status"),
        header_index(header, "geschatte opbrengst per jaar"),
        header_index(header, "indicatie quickscan"),
    );
    let mut estimates = 0;
    let mut households_per_check: HashMap<String, BTreeSet<String>> = HashMap::new();
    for r in &rows[1..] {
        assert_eq!(r.len(), header.len());
        assert!(
            chrono::NaiveDate::parse_from_str(&r[date], "%Y-%m-%d").is_ok(),
            "{}",
            r[date]
        );
        assert!(!r[reg].is_empty() && !r[status].is_empty());
        assert!(["0", "1"].contains(&r[flag].as_str()));
        if !r[est].is_empty() {
            r[est].parse::<u32>().expect("whole euros, no separators");
            estimates += 1;
        }
        households_per_check
            .entry(r[0].clone())
            .or_default()
            .insert(r[hh].clone());
    }
    assert!(estimates > 0);
    assert!(
        households_per_check.values().all(|h| h.len() == 1),
        "a check has one household pseudonym"
    );

    // The same export again gives the same pseudonyms (stable per store).
    let again = t.path("checks2.csv");
    tables::export(&store, &req, &again, &mut |_| true).unwrap();
    assert_eq!(read_csv(&std::fs::read(&again).unwrap()), rows);
}

#[test]
fn formula_cells_are_neutralised_in_csv_and_stay_text_in_xlsx() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    let nasty = [
        "=HYPERLINK(\"http://x\";\"klik\")",
        "+31 6 1234",
        "-2+3",
        "@SUM(A1)",
        "\tverstopt",
    ];
    for i in 0..6 {
        store
            .save_conversation(&ConversationInput {
                id: None,
                household_id: None,
                visit_id: None,
                campaign_id: None,
                wijk_code: "BU02680733".into(),
                held_on: format!("2026-03-0{}", i + 1),
                workers: vec![],
                language: "nl".into(),
                story: String::new(),
                values: vec![ValueTag {
                    value_id: "groen".into(),
                    sentiment: Sentiment::Valued,
                    bevorderend: String::new(),
                    belemmerend: String::new(),
                }],
                themes: nasty.iter().map(|s| s.to_string()).collect(),
                quotes: vec![],
                consent: Consent::default(),
                follow_up_wanted: false,
                follow_up_note: String::new(),
                contact: None,
            })
            .unwrap();
    }
    let mut req = TableRequest::new(TableLevel::Conversation, TableFormat::Csv);
    let csv_path = t.path("g.csv");
    tables::export(&store, &req, &csv_path, &mut |_| true).unwrap();
    let rows = read_csv(&std::fs::read(&csv_path).unwrap());
    let themes = header_index(&rows[0], "thema's");
    // Themes are joined into one cell, which starts with the first (sorted) theme.
    for r in &rows[1..] {
        let cell = &r[themes];
        assert!(cell.starts_with('\''), "not neutralised: {cell:?}");
    }
    // Single cells: every dangerous start gets the apostrophe.
    for s in nasty {
        assert_eq!(
            wijkwaardenkaart::tables::csv::neutralise(s),
            format!("'{s}")
        );
    }
    req.format = TableFormat::Xlsx;
    let xlsx_path = t.path("g.xlsx");
    tables::export(&store, &req, &xlsx_path, &mut |_| true).unwrap();
    let dump = xlsx_dump(&xlsx_path);
    let sheet = dump["data"]["Gesprekken"]["rows"].as_array().unwrap();
    for row in &sheet[1..] {
        let c = &row[themes];
        assert_eq!(c["t"], "s", "a string cell, never a formula: {c}");
        assert!(c["v"].as_str().unwrap().contains("=hyperlink("));
    }
}

#[test]
fn no_personal_data_in_any_anonymous_table() {
    let t = TestDir::new();
    let store = demo_store(&t);
    let personal = personal_data(&store);
    assert!(
        personal.texts.len() > 1000 && personal.tokens.len() > 1000,
        "the scan has material"
    );
    // The scan itself must be able to fail: a table with a story in it is caught.
    let story = personal
        .texts
        .iter()
        .find(|s| s.len() > 80)
        .unwrap()
        .clone();
    let caught = std::panic::catch_unwind(|| {
        assert_no_personal_data(std::slice::from_ref(&story), &personal, "probe")
    });
    assert!(caught.is_err(), "the scan finds a story");

    for level in [TableLevel::Conversation, TableLevel::Check] {
        for format in [TableFormat::Csv, TableFormat::Xlsx] {
            let req = TableRequest::new(level, format);
            let path = t.path(&format!("t-{level:?}.{}", format.extension()));
            tables::export(&store, &req, &path, &mut |_| true).unwrap();
            let cells: Vec<String> = match format {
                TableFormat::Csv => read_csv(&std::fs::read(&path).unwrap()).concat(),
                TableFormat::Xlsx => xlsx_texts(&xlsx_dump(&path)),
            };
            assert!(cells.len() > 1000);
            assert_no_personal_data(&cells, &personal, &format!("{level:?} {format:?}"));
        }
    }
}

#[test]
fn small_wijken_are_not_named_in_record_tables() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    // Meijhorst (6 conversations) and Malvert (2) lie in stadsdeel Dukenburg.
    for (wijk, n) in [("BU02680733", 6), ("BU02680731", 2)] {
        for i in 0..n {
            store
                .save_conversation(&ConversationInput {
                    id: None,
                    household_id: None,
                    visit_id: None,
                    campaign_id: None,
                    wijk_code: wijk.into(),
                    held_on: format!("2026-02-1{i}"),
                    workers: vec![],
                    language: "nl".into(),
                    story: String::new(),
                    values: vec![],
                    themes: vec![],
                    quotes: vec![],
                    consent: Consent::default(),
                    follow_up_wanted: false,
                    follow_up_note: String::new(),
                    contact: None,
                })
                .unwrap();
        }
    }
    let set = tables::build(
        &store,
        &TableRequest::new(TableLevel::Conversation, TableFormat::Csv),
        &mut |_| true,
    )
    .unwrap();
    let table = &set.tables[0];
    let wijk = table
        .columns
        .iter()
        .position(|c| c.header == "wijk")
        .unwrap();
    let sd = table
        .columns
        .iter()
        .position(|c| c.header == "stadsdeel")
        .unwrap();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in &table.rows {
        let (tables::Value::Text(w), tables::Value::Text(s)) = (&r[wijk], &r[sd]) else {
            panic!()
        };
        assert_eq!(s, "Dukenburg");
        *seen.entry(w.clone()).or_default() += 1;
    }
    assert_eq!(seen.get("Meijhorst"), Some(&6));
    assert_eq!(seen.get("(samengevoegd)"), Some(&2));
    assert!(!seen.contains_key("Malvert"));
}

#[test]
fn bad_requests_exit_2_and_write_nothing() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    let target = t.path("uit.xlsx");
    for args in [
        vec!["--level", "conversation", "--area", "BU99999999"],
        vec!["--level", "check", "--from", "2026-13-01"],
        vec![
            "--level",
            "check",
            "--from",
            "2026-05-01",
            "--to",
            "2026-01-01",
        ],
        vec!["--level", "area", "--k", "2"],
    ] {
        let out = t
            .wwk("s.db")
            .arg("table")
            .args(&args)
            .arg("--out")
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty() && stderr(&out).starts_with("Fout: "));
        assert!(!target.exists(), "{args:?} wrote a file");
    }
    let out = t
        .wwk("s.db")
        .args(["table", "--level", "check", "--out"])
        .arg(t.path("uit.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "no format for .txt");
    let _ = PASS;
}
