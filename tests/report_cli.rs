//! `wwk report` end to end: the real binary on a real demo store, the real PDF
//! checked with poppler-utils (`pdftotext`, `pdffonts`, `pdfimages`) and `qpdf`.
//! Needs the Debian packages poppler-utils and qpdf.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use wijkwaardenkaart::store::Store;

const PASS: &str = "rapport-wachtwoord";
/// A fixed "generated at" time makes the output reproducible.
const EPOCH: &str = "1767225600"; // 2026-01-01T00:00:00Z

struct Demo {
    _dir: tempfile::TempDir,
    db: PathBuf,
    out: PathBuf,
    /// The wijk with the most conversations.
    wijk: String,
    wijk_name: String,
}

fn wwk(db: &Path) -> Command {
    let mut c = Command::cargo_bin("wwk").unwrap();
    c.env("WWK_PASSPHRASE", PASS)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .arg("--db")
        .arg(db);
    c
}

fn demo() -> &'static Demo {
    static D: OnceLock<Demo> = OnceLock::new();
    D.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("demo.db");
        wwk(&db)
            .args(["init", "--team", "Team Oost"])
            .assert()
            .success();
        wwk(&db)
            .args(["demo", "--households", "4200", "--seed", "11"])
            .assert()
            .success();
        let store = Store::open(&db, PASS).unwrap();
        let best = store
            .stats_by_area()
            .unwrap()
            .into_iter()
            .max_by_key(|a| a.conversations)
            .unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        Demo {
            db,
            out,
            wijk: best.code,
            wijk_name: best.name,
            _dir: dir,
        }
    })
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} is needed for this test (apt-get install poppler-utils qpdf): {e}")
        });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text with all whitespace runs collapsed to one space.
fn text(pdf: &Path) -> String {
    let t = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn report(args: &[&str], name: &str) -> PathBuf {
    let d = demo();
    let out = d.out.join(name);
    let mut c = wwk(&d.db);
    c.arg("report").args(args).arg("--out").arg(&out);
    c.assert().success();
    out
}

fn wijk_report() -> &'static PathBuf {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| report(&["--area", &demo().wijk, "--compare"], "wijk.pdf"))
}

#[test]
fn wijk_profile_has_every_section_in_dutch() {
    let d = demo();
    let t = text(wijk_report());
    for s in [
        "Wijkprofiel",
        d.wijk_name.as_str(),
        d.wijk.as_str(),
        "Team Oost",
        "Bindkracht10",
        "1 januari 2026",
        "2. Kerncijfers",
        "Huishoudens benaderd",
        "Van deur tot doorverwijzing",
        "3. Kaart",
        "CC BY 4.0",
        "4. Wat bewoners waardevol vinden",
        "Gewaardeerd",
        "Wat helpt en wat belemmert",
        "5. Thema's en citaten",
        "In de woorden van bewoners",
        "6. Voorzieningencheck",
        "Mogelijk recht",
        "Aanvraag loopt",
        "Zorgtoeslag",
        "Toegekend aan bewoners",
        "Geschat potentieel",
        "Dienst Toeslagen",
        "7. Doorverwijzingen, meedoen en collectieve actie",
        "Collectieve acties",
        "Meedoen aan",
        "Stand nu",
        "Doet mee",
        "8. Ontwikkeling",
        "9. Verantwoording",
        "minstens één keer",
        "< 5",
        "Pagina 2 van",
    ] {
        assert!(t.contains(s), "{s:?} missing from the PDF text");
    }
}

#[test]
fn no_personal_data_in_the_profile() {
    let d = demo();
    let t = text(wijk_report());
    let city = text(&report(&["--area", "GM0268"], "city-privacy.pdf"));
    let store = Store::open(&d.db, PASS).unwrap();
    let conn = store.conn();
    let strings = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.map(Result::unwrap)
            .filter(|s| !s.trim().is_empty())
            .collect()
    };
    let addresses =
        strings("SELECT street || ' ' || number FROM household WHERE street IS NOT NULL");
    let names = strings("SELECT contact_name FROM household WHERE contact_name IS NOT NULL");
    let phones = strings("SELECT contact_phone FROM household WHERE contact_phone IS NOT NULL");
    let postcodes = strings("SELECT DISTINCT postcode FROM household WHERE postcode IS NOT NULL");
    let workers = strings("SELECT DISTINCT author FROM conversation");
    let notes = strings("SELECT DISTINCT note FROM visit WHERE note <> ''");
    let stories = strings("SELECT story FROM conversation");
    assert!(
        !addresses.is_empty() && !names.is_empty() && !phones.is_empty() && !stories.is_empty()
    );
    // Sentences from stories (long enough to be distinctive).
    let sentences: Vec<String> = stories
        .iter()
        .flat_map(|s| {
            s.split_inclusive(['.', '?', '!'])
                .map(|x| x.trim().to_string())
                .collect::<Vec<_>>()
        })
        .filter(|s| s.chars().count() > 45)
        .collect();
    // `s` occurs as a whole token: not as the start of a longer number or word,
    // and not as a wijk name followed by a date ("'t Acker 26 september 2024"
    // on the cover, where a demo street shares the wijk's name).
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    let occurs = |text: &str, s: &str| {
        text.match_indices(s).any(|(i, _)| {
            let rest = &text[i + s.len()..];
            let glued = rest.chars().next().is_some_and(|c| c.is_alphanumeric());
            let date = MONTHS.iter().any(|m| rest.trim_start().starts_with(m));
            !glued && !date
        })
    };
    for (what, list) in [
        ("address", &addresses),
        ("name", &names),
        ("phone", &phones),
        ("postcode", &postcodes),
        ("worker", &workers),
        ("note", &notes),
        ("story sentence", &sentences),
    ] {
        for s in list.iter() {
            for (doc, text) in [("wijk", &t), ("city", &city)] {
                assert!(
                    !occurs(text, s),
                    "{what} {s:?} appears in the {doc} profile"
                );
            }
        }
    }
    // Streets that are not also an area name never appear on their own either.
    let areas: Vec<String> = wijkwaardenkaart::catalog::nijmegen()
        .areas
        .iter()
        .map(|a| a.name.clone())
        .collect();
    for street in strings("SELECT DISTINCT street FROM household WHERE street IS NOT NULL") {
        if !areas.iter().any(|a| a.contains(&street)) {
            assert!(
                !t.contains(&street),
                "street {street:?} appears in the wijk profile"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_subsets_and_the_pdf_is_valid() {
    let pdf = wijk_report();
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{fonts}");
    for r in &rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(cols[0].contains('+'), "not a subset: {r}");
        assert!(cols[0].contains("NotoSans"), "{r}");
        // name, type..., enc, emb, sub, uni, object id
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], &["yes", "yes", "yes"], "{r}");
    }
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    let size = std::fs::metadata(pdf).unwrap().len();
    assert!(size < 500 * 1024, "wijk profile is {size} bytes");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Title:") && info.contains("Wijkprofiel"),
        "{info}"
    );
    assert!(
        info.contains("Subject:") && info.contains("Anoniem wijkprofiel"),
        "{info}"
    );
    let raw = std::fs::read(pdf).unwrap();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"/Lang(nl-NL)") || has(b"/Lang (nl-NL)"),
        "no /Lang nl-NL"
    );
    assert!(has(b"/Outlines"), "no outline");
    let outline = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    for s in [
        "1. Omslag",
        "2. Kerncijfers",
        "6. Voorzieningencheck",
        "9. Verantwoording",
    ] {
        assert!(outline.contains(s), "outline lacks {s}: {outline}");
    }
}

#[test]
fn same_input_gives_the_same_bytes() {
    let d = demo();
    let a = report(&["--area", &d.wijk, "--compare"], "again.pdf");
    assert_eq!(
        std::fs::read(a).unwrap(),
        std::fs::read(wijk_report()).unwrap()
    );
}

#[test]
fn comparison_with_the_previous_period() {
    let t = text(&report(
        &[
            "--area",
            "GM0268",
            "--compare",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ],
        "compare.pdf",
    ));
    for s in [
        "8. Ontwikkeling",
        "1 januari 2025 – 31 december 2025",
        "2 januari 2024 – 31 december 2024",
        "Vorige periode",
        "Deze periode",
        "Verandering",
    ] {
        assert!(t.contains(s), "{s:?} missing from the comparison");
    }
}

#[test]
fn city_and_stadsdeel_profiles_shade_wijken_and_break_tables_across_pages() {
    let t = text(&report(&["--area", "GM0268"], "city.pdf"));
    for s in [
        "Stadsprofiel",
        "Nijmegen",
        "Gesprekken per wijk",
        "Neerbosch-Oost",
        "Haven- en industrieterrein",
        "< 5 of afgeschermd",
    ] {
        assert!(t.contains(s), "{s:?} missing from the city profile");
    }
    // 44 wijken do not fit on one page: the header row is repeated.
    let headers = t.matches("Wijk Code").count();
    assert!(headers >= 2, "no repeated table header ({headers})");
    let t = text(&report(&["--area", "WK026807"], "stadsdeel.pdf"));
    assert!(t.contains("Stadsdeelprofiel") && t.contains("Dukenburg") && t.contains("Meijhorst"));
}

#[test]
fn campaign_profile_and_logo() {
    let d = demo();
    let store = Store::open(&d.db, PASS).unwrap();
    let c = store
        .campaigns()
        .unwrap()
        .into_iter()
        .find(|c| c.areas.contains(&d.wijk))
        .unwrap();
    let logo = d.out.join("logo.png");
    image::RgbImage::from_fn(300, 120, |x, _| image::Rgb([(x % 255) as u8, 90, 140]))
        .save(&logo)
        .unwrap();
    let pdf = report(
        &[
            "--area",
            &d.wijk,
            "--campaign",
            &c.id,
            "--logo",
            logo.to_str().unwrap(),
        ],
        "campaign.pdf",
    );
    let t = text(&pdf);
    assert!(t.contains(&c.name), "campaign name missing");
    assert!(t.contains("Ronde"));
    let images = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    assert_eq!(images.lines().count(), 3, "one image expected: {images}");
}

#[test]
fn bad_input_exits_2_with_a_dutch_message_and_writes_nothing() {
    let d = demo();
    for (args, message) in [
        (vec!["--area", "BU99999999"], "onbekend gebied"),
        (
            vec![
                "--area",
                "GM0268",
                "--from",
                "2010-01-01",
                "--to",
                "2010-12-31",
            ],
            "geen gegevens",
        ),
        (vec!["--area", "GM0268", "--from", "1-1-2025"], "geen datum"),
        (vec!["--area", "GM0268", "--k", "2"], "minstens 3"),
        (
            vec!["--area", "BU02680733", "--campaign", "bestaat-niet"],
            "ronde niet gevonden",
        ),
    ] {
        let out = d.out.join("bad.pdf");
        let a = wwk(&d.db)
            .arg("report")
            .args(&args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&a.get_output().stderr).to_string();
        assert!(
            stderr.to_lowercase().contains(message),
            "{args:?}: {stderr}"
        );
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    let a = wwk(&d.db)
        .args(["--json", "report", "--area", "XX"])
        .arg("--out")
        .arg(d.out.join("x.pdf"))
        .assert()
        .code(2);
    let doc: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(doc["error"]["code"], "unknown_area");
}

/// `wwk report --year`: one PDF across the year's campaigns, whose rows are
/// the profiles the dashboard shows for the year and the rows of the year
/// table (`wwk table --level year`).
#[test]
fn year_report_pdf_dashboard_and_year_table_agree() {
    let d = demo();
    let pdf = report(&["--year", "2025"], "jaar-2025.pdf");
    let t = text(&pdf);
    for s in [
        "Jaarverantwoording",
        "Voortgang tegen de doelen",
        "In de wijk",
        "500–600",
        "Per wijk en complex",
        "Voorzieningencheck en meedoen",
        "Doorverwijzingen per organisatie",
        "Wat bewoners waardevol vinden",
        "Totaal",
        "Verantwoording",
    ] {
        assert!(t.contains(s), "missing {s:?}");
    }
    let json = report(&["--year", "2025"], "jaar-2025.json");
    let year: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
    let city = report(
        &[
            "--area",
            "GM0268",
            "--from",
            "2025-01-01",
            "--to",
            "2025-12-31",
        ],
        "stad-2025.json",
    );
    let city: serde_json::Value = serde_json::from_slice(&std::fs::read(city).unwrap()).unwrap();
    assert_eq!(
        year["total"]["approached"],
        city["key_figures"]["approached"]
    );
    assert_eq!(
        year["total"]["follow_ups"],
        city["key_figures"]["follow_ups"]
    );
    // A wijk row with its figures published is that wijk's dashboard for the year.
    let rows = year["rows"].as_array().unwrap();
    let wijk = rows
        .iter()
        .find(|r| r["kind"] == "wijk" && r["approached"].is_number())
        .expect("a wijk row with published figures");
    let code = wijk["code"].as_str().unwrap();
    let name = wijk["name"].as_str().unwrap();
    assert!(t.contains(&format!("Wijk {name}")), "a page for {name}");
    let own = report(
        &["--area", code, "--from", "2025-01-01", "--to", "2025-12-31"],
        "wijk-2025.json",
    );
    let own: serde_json::Value = serde_json::from_slice(&std::fs::read(own).unwrap()).unwrap();
    assert_eq!(wijk["approached"], own["key_figures"]["approached"]);
    // The year table has the same rows (total first) and numbers.
    let csv = d.out.join("jaar.csv");
    wwk(&d.db)
        .args(["table", "--level", "year", "--year", "2025", "--out"])
        .arg(&csv)
        .assert()
        .success();
    let table = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines.len(),
        rows.len() + 2,
        "header, total and one line per row"
    );
    assert!(lines[1].starts_with("totaal;GM0268;Totaal;"));
    let line = lines.iter().find(|l| l.contains(code)).unwrap();
    let approached = wijk["approached"].as_u64().unwrap().to_string();
    assert_eq!(line.split(';').nth(4), Some(approached.as_str()), "{line}");
    // Bad input: nothing written, a Dutch message.
    for (args, message) in [
        (
            vec!["--year", "2025", "--programme", "Bestaat niet"],
            "geen rondes van programma",
        ),
        (vec!["--year", "1999"], "1999"),
    ] {
        let out = d.out.join("jaar-fout.pdf");
        let a = wwk(&d.db)
            .arg("report")
            .args(&args)
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2);
        let stderr = String::from_utf8_lossy(&a.get_output().stderr).to_lowercase();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(!out.exists());
    }
    wwk(&d.db)
        .args(["report", "--year", "2025", "--area", "GM0268", "--out"])
        .arg(d.out.join("x.pdf"))
        .assert()
        .code(1);
}
