//! Edge cases of `wwk import-checks`: hostile spreadsheets built by
//! tests/support/hostile.rs (never committed as blobs) that would make a
//! reader allocate far more than their size, malformed CSV, devices,
//! UTF-16, and saved mappings that do not fit. Each is refused with exit 2
//! and a Dutch message (under `ulimit -v` where memory is the risk), and
//! nothing is imported.

mod common;
mod support;

use common::{stderr, stdout_json, TestDir};
use support::{demo, hostile};
use wijkwaardenkaart::Store;

/// A demo store with a few households given a postcode of their own (the demo
/// gives a whole campaign one postcode): (postcode, number) finds each alone.
fn setup(t: &TestDir) -> Vec<(String, u32)> {
    let mut s = t.store("s.db");
    demo(&mut s, 600, 3);
    let mut stmt = s
        .conn()
        .prepare(
            "SELECT h.id, h.number FROM household h
             WHERE h.street IS NOT NULL AND h.number IS NOT NULL AND h.addition IS NULL
             ORDER BY h.id LIMIT 4",
        )
        .unwrap();
    let rows: Vec<(String, u32)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.into_iter()
        .enumerate()
        .map(|(i, (id, number))| {
            let postcode = format!("658{i}ZY");
            s.conn()
                .execute(
                    "UPDATE household SET postcode = ?1 WHERE id = ?2",
                    [&postcode, &id],
                )
                .unwrap();
            (postcode, number)
        })
        .collect()
}

fn checks(t: &TestDir) -> i64 {
    Store::open(&t.path("s.db"), common::PASS)
        .unwrap()
        .conn()
        .query_row("SELECT count(*) FROM benefit_check", [], |r| r.get(0))
        .unwrap()
}

/// Memory a hostile import may use: the process runs under `ulimit -v`.
const MEMORY_KIB: u64 = 300 * 1024;

/// `wwk --json import-checks FILE` with at most [`MEMORY_KIB`] of memory:
/// (exit code, the JSON document, stdout and stderr as text).
fn import_bounded(t: &TestDir, file: &std::path::Path) -> (i32, serde_json::Value, String) {
    let wwk = assert_cmd::cargo::cargo_bin("wwk");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB}; exec \"$0\" \"$@\""))
        .arg(&wwk)
        .arg("--db")
        .arg(t.path("s.db"))
        .args(["--json", "import-checks"])
        .arg(file)
        .env("WWK_PASSPHRASE", common::PASS)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), stdout_json(&out), text)
}

/// Every hostile file is refused with exit 2, a Dutch message of sensible
/// length that states the limit, no terminal control bytes, within 300 MB,
/// and nothing is imported.
#[test]
fn hostile_spreadsheets_are_refused_within_bounded_memory() {
    let t = TestDir::new();
    setup(&t);
    let before = checks(&t);
    let mut wide = "Postcode".to_string();
    for i in 0..100_000 {
        wide.push_str(&format!(";k{i}"));
    }
    let mut many = String::from("Postcode;Huisnummer;Regeling;Status\n");
    for i in 0..200_000 {
        many.push_str(&format!("6543AB;{};Zorgtoeslag;ontvangt\n", i % 90 + 1));
    }
    let files: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "a1-xfd2000.xlsx",
            hostile::sparse_far_cell("XFD2000"),
            "xlsx_range_too_large",
            "A1:XFD2000",
        ),
        (
            "a1-xfd1048576.xlsx",
            hostile::sparse_far_cell("XFD1048576"),
            "xlsx_range_too_large",
            "XFD1048576",
        ),
        (
            "rijen.xlsx",
            hostile::row_bomb(600_000),
            "xlsx_too_large",
            "50 MB",
        ),
        (
            "teksten.xlsx",
            hostile::shared_strings_bomb(60 << 20),
            "xlsx_too_large",
            "50 MB",
        ),
        (
            "spaties.xlsx",
            hostile::whitespace_bomb(60 << 20),
            "xlsx_too_large",
            "50 MB",
        ),
        (
            "wachtwoord.xlsx",
            hostile::password_protected(),
            "xlsx_encrypted",
            "wachtwoord",
        ),
        (
            "quote.csv",
            b"Postcode;Huisnummer\n6543AB;1\n\"6543AB;2\n6543AB;3\n".to_vec(),
            "unclosed_quote",
            "regel 3",
        ),
        (
            "breed.csv",
            wide.into_bytes(),
            "too_many_columns",
            "max. 200",
        ),
        ("lang.csv", many.into_bytes(), "too_many_rows", "200000"),
        (
            "dubbel.csv",
            b"Postcode;Status;Huisnummer;status\n6543AB;ontvangt;1;x\n".to_vec(),
            "duplicate_column",
            "\"Status\"",
        ),
        (
            "escape.csv",
            b"\x1b[31mPostcode\x1b[0m;Huisnummer;Regeling\n\x1b[2J6543AB;1;Zorgtoeslag\n".to_vec(),
            "",
            "",
        ),
    ];
    for (name, bytes, code, needle) in files {
        let path = t.path(name);
        std::fs::write(&path, &bytes).unwrap();
        let (exit, json, text) = import_bounded(&t, &path);
        assert!(
            !text.contains('\x1b'),
            "{name}: a control byte reached the terminal"
        );
        assert!(!text.contains("memory allocation"), "{name}: {text}");
        if code.is_empty() {
            // The escape file is valid enough to be read: its header is data.
            assert_eq!(exit, 2, "{name}: {text}");
            assert!(
                text.contains("\\u{1b}"),
                "{name}: escapes are shown as text: {text}"
            );
            continue;
        }
        assert_eq!(exit, 2, "{name}: {text}");
        assert_eq!(json["error"]["code"], code, "{name}: {json}");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains(needle), "{name}: {message}");
        assert!(
            message.len() < 400,
            "{name}: a message of {} bytes",
            message.len()
        );
    }
    assert_eq!(checks(&t), before, "nothing was imported");
}

#[test]
fn devices_are_not_read_and_utf16_is_decoded_with_right_line_numbers() {
    let t = TestDir::new();
    let homes = setup(&t);
    let (exit, json, _) = import_bounded(&t, std::path::Path::new("/dev/zero"));
    assert_eq!(exit, 2);
    assert_eq!(json["error"]["code"], "not_a_file");
    // Excel's "Unicode-tekst": UTF-16LE, tab-separated; line 3 is bad.
    let (postcode, number) = &homes[0];
    let text = format!(
        "Postcode\tHuisnummer\tRegeling\tStatus\tDatum\r\n{postcode}\t{number}\tZorgtoeslag\tontvangt al\t2026-03-02\r\n{postcode}\tx\tZorgtoeslag\tontvangt al\t2026-03-02\r\n"
    );
    let path = t.path("unicode.txt");
    std::fs::write(&path, hostile::utf16(&text)).unwrap();
    let out = t
        .wwk("s.db")
        .args(["--json", "import-checks", "--dry-run"])
        .arg(&path)
        .output()
        .unwrap();
    let report = stdout_json(&out);
    let report = if report.get("report").is_some() {
        &report["report"]
    } else {
        &report
    };
    assert!(
        report["read_as"].as_str().unwrap().starts_with("UTF-16"),
        "{report}"
    );
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert_eq!(problems[0]["line"], 3, "{report}");
    assert!(!serde_json::to_string(report).unwrap().contains('\u{0}'));
}

fn write(t: &TestDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = t.path(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// A saved mapping that does not fit is named with how to choose another,
/// and a file without data rows saves no mapping.
#[test]
fn a_saved_mapping_that_does_not_fit_is_named_and_empty_files_save_none() {
    let t = TestDir::new();
    let h = setup(&t);
    let (postcode, number) = &h[1];
    let mapping = serde_json::json!({
        "source": "Brigade",
        "columns": {"postcode": "PC", "number": "Nr.", "date": "Gecheckt", "regulation": "Wat", "status": "Hoe"},
        "statuses": {"ja": "ontvangt_al"}
    });
    let mfile = t.path("koppeling.json");
    std::fs::write(&mfile, mapping.to_string()).unwrap();
    // Only a header: refused, and the mapping is not saved.
    let empty = write(&t, "leeg.csv", "PC;Nr.;Gecheckt;Wat;Hoe\n");
    let out = t
        .wwk("s.db")
        .args(["import-checks", "--mapping"])
        .arg(&mfile)
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let saved = |t: &TestDir| {
        Store::open(&t.path("s.db"), common::PASS)
            .unwrap()
            .conn()
            .query_row("SELECT count(*) FROM import_mapping", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };
    assert_eq!(saved(&t), 0, "a header-only file saved a mapping");
    // A real import saves it; a file with other headers then says which one.
    let csv = format!(
        "PC;Nr.;Gecheckt;Wat;Hoe\n{};{};2025-06-01;Zorgtoeslag;ja\n",
        postcode, number
    );
    let file = write(&t, "brigade.csv", &csv);
    let out = t
        .wwk("s.db")
        .args(["import-checks", "--mapping"])
        .arg(&mfile)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(saved(&t), 1);
    let other = write(
        &t,
        "anders.csv",
        &format!(
            "Postcode;Huisnummer;Datum;Regeling;Status\n{};{};2025-06-01;Zorgtoeslag;ja\n",
            postcode, number
        ),
    );
    let out = t
        .wwk("s.db")
        .args(["import-checks", "--source", "brigade"])
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("\"brigade\"") && err.contains("--source") && err.contains("--mapping"),
        "{err}"
    );
}
