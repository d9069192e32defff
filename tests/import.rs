//! Voorzieningencheck import (`wwk import-checks`): mapping detection and
//! files, dry run, bad rows by line number, --skip-invalid, re-import
//! idempotence, XLSX with typed cells.

mod common;
mod support;

use common::{stderr, stdout_json, TestDir};
use support::demo;
use wijkwaardenkaart::Store;

struct Home {
    id: String,
    street: String,
    number: u32,
    postcode: String,
    wijk: String,
}

/// `n` households with an address that is unique by street and number. The
/// demo gives a whole campaign one postcode; these get a postcode of their own
/// (as real Dutch addresses have), so postcode + number finds them too.
fn homes(store: &Store, n: usize) -> Vec<Home> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT h.id, h.street, h.number, h.wijk_code FROM household h
             WHERE h.street IS NOT NULL AND h.addition IS NULL
               AND (SELECT count(*) FROM household x WHERE x.street = h.street AND x.number = h.number) = 1
             ORDER BY h.id LIMIT ?1",
        )
        .unwrap();
    let rows: Vec<(String, String, u32, String)> = stmt
        .query_map([n as i64], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.into_iter()
        .enumerate()
        .map(|(i, (id, street, number, wijk))| {
            let postcode = format!("659{i}ZZ");
            store
                .conn()
                .execute(
                    "UPDATE household SET postcode = ?1 WHERE id = ?2",
                    [&postcode, &id],
                )
                .unwrap();
            Home {
                id,
                street,
                number,
                postcode,
                wijk,
            }
        })
        .collect()
}

fn setup(t: &TestDir) -> Vec<Home> {
    let mut s = t.store("s.db");
    demo(&mut s, 600, 3);
    homes(&s, 8)
}

/// A postcode the demo gave to a whole campaign: postcode + number alone
/// then points at several streets.
fn shared_postcode(t: &TestDir) -> String {
    let s = Store::open(&t.path("s.db"), common::PASS).unwrap();
    s.conn()
        .query_row(
            "SELECT postcode FROM household WHERE number = 1 AND postcode NOT LIKE '659_ZZ'
             GROUP BY postcode HAVING count(DISTINCT street) > 1 LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn checks(t: &TestDir) -> i64 {
    let s = Store::open(&t.path("s.db"), common::PASS).unwrap();
    s.conn()
        .query_row("SELECT count(*) FROM benefit_check", [], |r| r.get(0))
        .unwrap()
}

fn write(t: &TestDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = t.path(name);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    std::fs::write(&p, bytes).unwrap();
    p
}

fn pretty(pc: &str) -> String {
    format!("{} {}", &pc[..4], pc[4..].to_lowercase())
}

#[test]
fn long_csv_dry_run_import_and_reimport_without_duplicates() {
    let t = TestDir::new();
    let h = setup(&t);
    let before = checks(&t);
    let csv = format!(
        "Postcode;Huisnr;Datum;Regeling;Status;Bedrag per jaar\n\
         {};{};14-03-2025;Zorgtoeslag;Mogelijk recht;€ 1.548,00\n\
         {};{};14-03-2025;CAZ;Aangevraagd;\n\
         {};{};2025-04-02;Bijzondere bijstand;n.v.t.;\n\
         {};{}a;02/05/2025;Meedoen-regeling;Toegekend;300\n",
        pretty(&h[0].postcode),
        h[0].number,
        h[0].postcode,
        h[0].number,
        h[1].postcode,
        h[1].number,
        h[2].postcode,
        h[2].number,
    );
    // The last row names an addition the household does not have: a bad row.
    let file = write(&t, "brigade.csv", &csv);
    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a bad row rejects the file: {}",
        stderr(&out)
    );
    let doc = stdout_json(&out);
    assert_eq!(doc["error"]["code"], "invalid_rows");
    let problems = doc["report"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["line"], 5);
    assert!(problems[0]["reason"]
        .as_str()
        .unwrap()
        .contains("geen huishouden gevonden"));
    assert_eq!(checks(&t), before);

    // Fix the file: now the dry run previews and changes nothing.
    let csv = csv.replace(&format!("{}a;", h[2].number), &format!("{};", h[2].number));
    let file = write(&t, "brigade.csv", &csv);
    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let r = stdout_json(&out);
    assert_eq!(r["outcome"], "dry_run");
    assert_eq!(r["mapping_origin"], "detected");
    assert_eq!(
        r["checks"]["new"], 3,
        "two rows of household 0 form one check"
    );
    assert_eq!(r["rows_valid"], 4);
    assert_eq!(checks(&t), before, "dry run writes nothing");

    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["outcome"], "imported");
    assert_eq!(checks(&t), before + 3);
    {
        let s = Store::open(&t.path("s.db"), common::PASS).unwrap();
        let (id, n): (String, i64) = s
            .conn()
            .query_row(
                "SELECT b.id, (SELECT count(*) FROM check_item WHERE check_id = b.id) FROM benefit_check b
                 WHERE b.household_id = ?1 AND b.checked_on = '2025-03-14'",
                [&h[0].id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(n, 2);
        let c = s.check(&id).unwrap();
        let zt = c
            .items
            .iter()
            .find(|i| i.regulation_id == "zorgtoeslag")
            .unwrap();
        assert_eq!(
            (zt.status.as_str(), zt.estimated_yearly_eur),
            ("mogelijk_recht", Some(1548))
        );
        let caz = c
            .items
            .iter()
            .find(|i| i.regulation_id == "collectieve_zorgverzekering")
            .unwrap();
        assert_eq!(caz.status, "aangevraagd");
        let audit: i64 = s
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'import'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audit, 1);
    }

    // Re-importing the same file: recognised, nothing new, no duplicates.
    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks"])
        .arg(&file)
        .output()
        .unwrap();
    let r = stdout_json(&out);
    assert_eq!(r["checks"]["new"], 0);
    assert_eq!(r["checks"]["unchanged"], 3);
    assert!(r["previously_imported_at"].is_string());
    assert_eq!(checks(&t), before + 3);

    // A corrected status updates the same check in place.
    let file = write(
        &t,
        "brigade.csv",
        &csv.replace("CAZ;Aangevraagd", "CAZ;Toegekend"),
    );
    let r = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "import-checks"])
            .arg(&file)
            .output()
            .unwrap(),
    );
    assert_eq!(
        (r["checks"]["updated"].as_i64(), r["checks"]["new"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(checks(&t), before + 3);
}

#[test]
fn bad_rows_are_listed_by_line_and_skip_invalid_imports_only_whole_good_checks() {
    let t = TestDir::new();
    let h = setup(&t);
    let before = checks(&t);
    let csv = format!(
        "postcode,huisnummer,datum,regeling,status\n\
         {pc0},{n0},2025-01-10,Zorgtoeslag,Ontvangt al\n\
         9999 ZZ,1,2025-01-10,Zorgtoeslag,Ontvangt al\n\
         {pc1},{n1},31-02-2025,Huurtoeslag,Aangevraagd\n\
         {pc2},{n2},2025-01-11,Energietoeslag,Aangevraagd\n\
         {pc2},{n2},2025-01-11,Huurtoeslag,misschien\n\
         {pc3},{n3},2025-01-12,Huurtoeslag,Toegekend\n\
         {pc3},{n3},2025-01-12,Zorgtoeslag,Energietoeslag\n\
         \"{pc4}\",{n4},2025-01-13,\"Kindgebonden budget\",\"Mogelijk recht – niet aangevraagd\"\n\
         {shared},1,2025-01-14,Zorgtoeslag,Ontvangt al\n",
        shared = shared_postcode(&t),
        pc0 = h[0].postcode,
        n0 = h[0].number,
        pc1 = h[1].postcode,
        n1 = h[1].number,
        pc2 = h[2].postcode,
        n2 = h[2].number,
        pc3 = h[3].postcode,
        n3 = h[3].number,
        pc4 = h[4].postcode,
        n4 = h[4].number,
    );
    let file = write(&t, "fouten.csv", &csv);
    let out = t
        .wwk("s.db")
        .args(["import-checks"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "Regel 3: geen huishouden gevonden op 9999ZZ 1",
        "Regel 4: \"31-02-2025\" is geen datum",
        "Regel 5: regeling \"Energietoeslag\" staat niet in de catalogus",
        "Regel 6: status \"misschien\" is onbekend",
        "Regel 8: status \"Energietoeslag\" is onbekend",
        "Regel 7: hoort bij dezelfde check als regel 8",
        "Regel 10: 1 past bij",
        "voeg een kolom straat toe",
        "Regeling \"Energietoeslag\" niet gevonden in de catalogus (regel 5)",
        "Status \"misschien\" niet gevonden in de catalogus (regel 6)",
        "Niets geïmporteerd",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
    assert!(stderr(&out).contains("foute regel"));
    assert_eq!(checks(&t), before, "nothing imported");

    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--skip-invalid"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let r = stdout_json(&out);
    assert_eq!(r["outcome"], "imported");
    assert_eq!(r["rows_invalid"], 7);
    assert_eq!(r["checks"]["new"], 2, "households 0 and 4 only");
    assert_eq!(checks(&t), before + 2);
}

#[test]
fn mapping_file_is_saved_per_source_and_reused() {
    let t = TestDir::new();
    let h = setup(&t);
    let before = checks(&t);
    let csv = format!(
        "PC;Nr.;Gecheckt;Wat;Hoe;Dossier\n\
         {};{};2025-06-01;Energiecompensatie;loopt;D-17\n\
         {};{};2025-06-01;Zorgtoeslag;ja;D-17\n",
        h[5].postcode, h[5].number, h[5].postcode, h[5].number
    );
    let file = write(&t, "eigen.csv", &csv);
    let out = t
        .wwk("s.db")
        .args(["import-checks"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("geen kolom gevonden voor")
            && err.contains("Gevonden kolommen: PC, Nr., Gecheckt"),
        "{err}"
    );

    let mapping = serde_json::json!({
        "source": "Brigade",
        "columns": {"postcode": "PC", "number": "Nr.", "date": "Gecheckt", "regulation": "Wat",
                    "status": "Hoe", "row_key": "Dossier"},
        "regulations": {"Energiecompensatie": "bijzondere_bijstand"},
        "statuses": {"loopt": "aangevraagd", "ja": "ontvangt_al"}
    });
    let mfile = t.path("koppeling.json");
    std::fs::write(&mfile, mapping.to_string()).unwrap();
    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--mapping"])
        .arg(&mfile)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let r = stdout_json(&out);
    assert_eq!(
        (r["source"].as_str(), r["mapping_origin"].as_str()),
        (Some("brigade"), Some("given"))
    );
    assert_eq!(r["checks"]["new"], 1);
    assert_eq!(checks(&t), before + 1);

    // Next time the saved mapping of the source is used; the dossier key keeps
    // the same check even when the date is corrected.
    let file = write(&t, "eigen.csv", &csv.replace("2025-06-01", "2025-06-02"));
    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--source", "BRIGADE"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let r = stdout_json(&out);
    assert_eq!(r["mapping_origin"], "saved");
    assert_eq!(
        (r["checks"]["updated"].as_i64(), r["checks"]["new"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(checks(&t), before + 1);

    // A mapping naming a regulation that does not exist is refused up front.
    std::fs::write(
        &mfile,
        serde_json::json!({"source": "x", "columns": {"date": "Gecheckt"}, "regulations": {"A": "bestaat_niet"}}).to_string(),
    )
    .unwrap();
    let out = t
        .wwk("s.db")
        .args(["import-checks", "--mapping"])
        .arg(&mfile)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bestaat_niet"));
}

#[test]
fn wide_xlsx_with_date_cells_and_street_addresses() {
    let t = TestDir::new();
    let h = setup(&t);
    let before = checks(&t);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Checks 2025").unwrap();
    let date_fmt = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    for (c, head) in [
        "Straat",
        "Huisnummer",
        "Wijk",
        "Datum",
        "Zorgtoeslag",
        "Huurtoeslag",
        "Meedoen-regeling",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *head).unwrap();
    }
    let wijk_name = wijkwaardenkaart::catalog::nijmegen()
        .get(&h[6].wijk)
        .unwrap()
        .name
        .clone();
    let rows: [(&str, f64, &str, &str, &str, &str); 2] = [
        (
            &h[6].street,
            h[6].number as f64,
            &wijk_name,
            "Ontvangt al",
            "",
            "Mogelijk recht",
        ),
        ("Nergensstraat", 3.0, &wijk_name, "Ontvangt al", "", ""),
    ];
    for (r, (street, nr, wijk, zt, ht, md)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *street).unwrap();
        ws.write_number(r, 1, *nr).unwrap();
        ws.write_string(r, 2, *wijk).unwrap();
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 9, 15).unwrap();
        ws.write_datetime_with_format(r, 3, &d, &date_fmt).unwrap();
        for (c, v) in [(4u16, zt), (5, ht), (6, md)] {
            if !v.is_empty() {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    let file = t.path("brigade.xlsx");
    wb.save(&file).unwrap();

    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--dry-run"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let doc = stdout_json(&out);
    let p = &doc["report"]["problems"][0];
    assert_eq!(p["line"], 3, "sheet row number");
    assert!(p["reason"].as_str().unwrap().contains("Nergensstraat 3"));
    assert!(doc["report"]["read_as"]
        .as_str()
        .unwrap()
        .contains("Checks 2025"));
    assert_eq!(
        doc["report"]["mapping"]["regulation_columns"],
        serde_json::json!({"Huurtoeslag": "huurtoeslag", "Meedoen-regeling": "meedoen_regeling", "Zorgtoeslag": "zorgtoeslag"})
    );

    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--skip-invalid"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(checks(&t), before + 1);
    let s = Store::open(&t.path("s.db"), common::PASS).unwrap();
    let id: String = s
        .conn()
        .query_row(
            "SELECT id FROM benefit_check WHERE household_id = ?1 AND checked_on = '2025-09-15'",
            [&h[6].id],
            |r| r.get(0),
        )
        .unwrap();
    let c = s.check(&id).unwrap();
    let got: Vec<(String, String)> = c
        .items
        .iter()
        .map(|i| (i.regulation_id.clone(), i.status.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("zorgtoeslag".to_string(), "ontvangt_al".to_string()),
            ("meedoen_regeling".to_string(), "mogelijk_recht".to_string())
        ]
    );
    assert_eq!(
        c.screen.income_band, "onbekend",
        "assumed, and reported as assumption"
    );
}

#[test]
fn unreadable_files_are_refused_with_a_clear_message() {
    let t = TestDir::new();
    setup(&t);
    let before = checks(&t);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("leeg.csv", vec![], "leeg"),
        (
            "kapot.xlsx",
            b"PK\x03\x04 dit is geen werkmap".to_vec(),
            "XLSX-bestand kon niet worden gelezen",
        ),
        (
            "notities.pdf",
            b"%PDF".to_vec(),
            "geen CSV- of XLSX-bestand",
        ),
    ];
    for (name, bytes, needle) in cases {
        let p = t.path(name);
        std::fs::write(&p, bytes).unwrap();
        let out = t
            .wwk("s.db")
            .args(["import-checks"])
            .arg(&p)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr(&out).contains(needle), "{name}: {}", stderr(&out));
    }
    assert_eq!(checks(&t), before);
}
