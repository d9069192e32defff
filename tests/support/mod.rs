//! Helpers for the tables, import and retention tests: demo stores, reading
//! XLSX files with a real reader (openpyxl) and collecting every piece of
//! personal data a store holds, to prove it does not leak into a table.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use wijkwaardenkaart::demo::{generate, DemoOptions};
use wijkwaardenkaart::Store;

pub mod hostile;

/// Fills `store` with the deterministic demo dataset.
pub fn demo(store: &mut Store, households: u32, seed: u64) {
    generate(store, DemoOptions { households, seed }, &mut |_| true).expect("demo data");
}

/// A Python 3 that has openpyxl (Debian package python3-openpyxl).
fn python() -> &'static str {
    for p in ["/usr/bin/python3", "python3"] {
        let ok = Command::new(p)
            .args(["-c", "import openpyxl"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            return p;
        }
    }
    panic!("openpyxl is missing: run scripts/setup (apt-get install python3-openpyxl)");
}

const DUMP: &str = r#"
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "data": {}}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            v = c.value
            if isinstance(v, datetime.datetime):
                v = v.date().isoformat()
            cells.append({"v": v, "t": c.data_type, "f": c.number_format, "date": bool(getattr(c, "is_date", False))})
        rows.append(cells)
    out["data"][ws.title] = {
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "rows": rows,
    }
print(json.dumps(out))
"#;

/// The workbook as openpyxl reads it: sheet names, and per sheet the frozen
/// pane, the filter range and every cell's value, type and number format.
pub fn xlsx_dump(path: &Path) -> serde_json::Value {
    let out = Command::new(python())
        .args(["-c", DUMP])
        .arg(path)
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "openpyxl could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("dump is JSON")
}

/// All text of a workbook dump, one string per cell.
pub fn xlsx_texts(dump: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for sheet in dump["data"].as_object().unwrap().values() {
        for row in sheet["rows"].as_array().unwrap() {
            for c in row.as_array().unwrap() {
                match &c["v"] {
                    serde_json::Value::Null => {}
                    serde_json::Value::String(s) => out.push(s.clone()),
                    other => out.push(other.to_string()),
                }
            }
        }
    }
    out
}

/// Every personal datum in the store: long texts (stories, quotes, notes,
/// factors, full names, addresses "Straat 12", e-mail addresses) to be found
/// as substrings, and short tokens (postcodes, phone numbers, record ids) to
/// be found as whole tokens.
pub struct Personal {
    pub texts: BTreeSet<String>,
    pub tokens: BTreeSet<String>,
}

pub fn personal_data(store: &Store) -> Personal {
    let conn = store.conn();
    let col = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, Option<String>>(0))
            .unwrap()
            .filter_map(|r| r.unwrap())
            .filter(|s| !s.trim().is_empty())
            .collect()
    };
    let mut texts = BTreeSet::new();
    let mut tokens = BTreeSet::new();
    texts.extend(col("SELECT story FROM conversation"));
    texts.extend(col("SELECT text FROM quote"));
    texts.extend(col("SELECT note FROM visit"));
    texts.extend(col("SELECT follow_up_note FROM conversation"));
    texts.extend(col("SELECT note FROM referral"));
    texts.extend(col("SELECT contact_name FROM household"));
    texts.extend(col("SELECT contact_email FROM household"));
    texts.extend(col(
        "SELECT street || ' ' || number || coalesce(addition, '') FROM household WHERE street IS NOT NULL",
    ));
    // Factor phrases are free text; short ones ("rust") also occur in labels.
    texts.extend(
        col("SELECT bevorderend FROM conversation_value UNION SELECT belemmerend FROM conversation_value")
            .into_iter()
            .filter(|s| s.chars().count() >= 16),
    );
    texts.extend(col("SELECT DISTINCT author FROM visit"));
    texts.extend(col(
        "SELECT DISTINCT value FROM conversation, json_each(conversation.workers)",
    ));
    tokens.extend(col("SELECT postcode FROM household"));
    tokens.extend(col("SELECT replace(contact_phone, ' ', '') FROM household"));
    for table in ["household", "conversation", "benefit_check", "visit"] {
        tokens.extend(col(&format!("SELECT id FROM {table}")));
    }
    Personal { texts, tokens }
}

/// Fails with the first personal datum found in `cells`.
pub fn assert_no_personal_data(cells: &[String], p: &Personal, what: &str) {
    let mut cell_tokens = BTreeSet::new();
    for c in cells {
        for t in c.split(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == '@' || ch == '.'))
        {
            if !t.is_empty() {
                cell_tokens.insert(t.to_string());
            }
        }
        // "6544 AB" written with a space is still a postcode.
        cell_tokens.insert(c.replace(' ', ""));
    }
    for t in &p.tokens {
        assert!(
            !cell_tokens.contains(t),
            "{what}: personal token {t:?} found"
        );
    }
    // A text can only hide in a cell at least as long as itself: compare each
    // distinct cell with the texts that fit, shortest first.
    let mut texts: Vec<&String> = p.texts.iter().collect();
    texts.sort_by_key(|t| t.len());
    let distinct: BTreeSet<&String> = cells.iter().collect();
    for c in distinct {
        for t in texts.iter().take_while(|t| t.len() <= c.len()) {
            assert!(
                !c.contains(t.as_str()),
                "{what}: personal text {t:?} found in {c:?}"
            );
        }
    }
}

/// Reads a `;` CSV (after checking and removing the UTF-8 BOM) into rows.
pub fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "CSV must start with a UTF-8 BOM"
    );
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}
