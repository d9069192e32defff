//! Property tests of the merge rule over generated record histories: edits,
//! deletes, purges and catalogue additions on three devices, spread over
//! three files. Files go through the real encoder and decoder; merges run the
//! real validation and apply code on in-memory databases with the real schema.
//!
//! - commutativity: any order of files, one by one or all at once, gives the
//!   same records and the same stored losing versions;
//! - idempotence: merging a file again changes nothing and reports only duplicates;
//! - associativity: merging exports of partial merges equals merging everything.

use super::apply::apply;
use super::bundle::{self, Manifest, PayloadInfo, PayloadWriter};
use super::export::build_payload;
use super::record::{self, Rec};
use super::spec::{table, TABLES};
use super::testutil::{dump, memory_db};
use super::validate::{check_references, Loaded};
use super::Scope;
use proptest::prelude::*;
use rusqlite::Connection;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

const DEVICES: [&str; 3] = ["dev-a", "dev-b", "dev-c"];
const WIJK: &str = "BU02680100";

fn uuid(kind: u8, i: usize) -> String {
    format!("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f{kind:02x}{i:02x}")
}

/// Deterministic choice from (salt, slot, device, time): the same stamp always
/// carries the same content, as it does on real devices.
fn pick(salt: u64, slot: usize, d: usize, t: usize, what: &str, n: u64) -> u64 {
    let h = Sha256::digest(format!("{salt}/{slot}/{d}/{t}/{what}"));
    u64::from_le_bytes(h[..8].try_into().unwrap()) % n
}

fn of(list: &[&'static str], i: u64) -> &'static str {
    list[i as usize]
}

fn hlc(t: usize) -> String {
    format!("2025-06-01T10:{t:02}:00.000Z-0000")
}

/// The record slots: (table, index, fixed in every file).
const SLOTS: [(&str, usize); 12] = [
    ("value_catalog", 0),
    ("value_catalog", 1),
    ("value_catalog", 2),
    ("household", 0),
    ("household", 1),
    ("household", 2),
    ("visit", 0),
    ("visit", 1),
    ("visit", 2),
    ("conversation", 0),
    ("conversation", 1),
    ("benefit_check", 0),
];

/// Referenced by other slots, so every file carries some version of them.
fn required(slot: usize) -> bool {
    slot <= 5
}

fn version(salt: u64, slot: usize, d: usize, t: usize) -> Rec {
    let (name, i) = SLOTS[slot];
    let p = |what: &str, n: u64| pick(salt, slot, d, t, what, n);
    let dev = DEVICES[d];
    let deleted = p("deleted", 6) == 0;
    let purged = p("purged", 5) == 0;
    let line: Value = match name {
        "value_catalog" => {
            // Slot 0 renames a built-in value; slots 1 and 2 are values added on laptops.
            let (id, builtin, sort) = if i == 0 {
                ("rust".to_string(), true, 4)
            } else {
                (format!("u_{i}"), false, 1000)
            };
            json!([
                id,
                format!("Waarde {i}.{}", p("label", 3)),
                "",
                [],
                [],
                builtin,
                p("retired", 4) == 0,
                sort,
                hlc(t),
                dev
            ])
        }
        "household" => {
            let consent = p("consent", 2) == 0;
            json!([
                uuid(1, i),
                "2025-06-01T09:00:00.000Z",
                hlc(t),
                dev,
                format!("W{d}"),
                deleted,
                WIJK,
                null,
                of(&["Meijhorst", "Dukenburg"], p("street", 2)),
                1 + p("nr", 3),
                null,
                "6544AB",
                consent,
                if consent { json!("Jan") } else { json!(null) },
                null,
                null,
                format!("2025-0{}-01", 1 + p("lc", 5)),
                purged
            ])
        }
        "visit" => json!([
            uuid(2, i),
            "2025-06-01T09:00:00.000Z",
            hlc(t),
            dev,
            format!("W{d}"),
            deleted,
            uuid(1, i),
            null,
            "2025-06-01T09:30:00Z",
            of(&["niet_thuis", "gesprek", "geweigerd"], p("outcome", 3)),
            of(&["", "Hond", "Later"], p("note", 3))
        ]),
        "conversation" => {
            let id = uuid(3, i);
            let values: Vec<Value> = ["groen", "u_1", "u_2"]
                .iter()
                .filter(|v| p(v, 2) == 0)
                .map(|v| json!([v, of(&["valued", "concern"], p("sent", 2)), "park", ""]))
                .collect();
            let quotes: Vec<Value> = (0..p("quotes", 3))
                .map(|q| {
                    json!([
                        format!("{id}-q{q}"),
                        q,
                        format!("Citaat {q}"),
                        p(&format!("qc{q}"), 2) == 0
                    ])
                })
                .collect();
            json!([
                id,
                "2025-06-01T09:00:00.000Z",
                hlc(t),
                dev,
                format!("W{d}"),
                deleted,
                if i == 0 {
                    json!(uuid(1, 0))
                } else {
                    json!(null)
                },
                null,
                null,
                WIJK,
                "2025-06-01",
                ["Sanne"],
                "nl",
                of(&["Fijn hier", "Te druk", ""], p("story", 3)),
                i == 0,
                true,
                false,
                false,
                "",
                false,
                purged,
                values,
                if p("theme", 2) == 0 {
                    json!([["verkeer"]])
                } else {
                    json!([])
                },
                quotes
            ])
        }
        "benefit_check" => json!([
            uuid(4, i),
            "2025-06-01T09:00:00.000Z",
            hlc(t),
            dev,
            format!("W{d}"),
            deleted,
            uuid(1, 1),
            null,
            WIJK,
            "2025-06-01",
            "alleenstaand",
            "21_aow",
            "tot_100",
            "huur_tot_grens",
            0,
            2026,
            [[
                "zorgtoeslag",
                of(&["ontvangt_al", "mogelijk_recht"], p("status", 2)),
                true,
                1200
            ]]
        ]),
        _ => unreachable!(),
    };
    let spec = table(name).unwrap();
    record::decode(spec, line.to_string().as_bytes())
        .unwrap_or_else(|e| panic!("generated {name} is invalid: {e}\n{line}"))
}

/// Encodes records into a real file plaintext and decodes it back.
fn bundle_of(name: &str, recs: Vec<(usize, Rec)>, payload: Option<Vec<u8>>) -> Loaded {
    let payload = payload.unwrap_or_else(|| {
        let mut w = PayloadWriter::new(&[]);
        for (ti, spec) in TABLES.iter().enumerate() {
            let mut lines = Vec::new();
            let mut n = 0;
            for (t, r) in &recs {
                if *t == ti {
                    record::encode(spec, r, &mut lines);
                    lines.push(b'\n');
                    n += 1;
                }
            }
            w.table(spec, n, &lines);
        }
        w.finish().0
    });
    let text = String::from_utf8(payload.clone()).unwrap();
    let mut counts = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("{\"section\":\"") {
            current = rest.split('"').next().map(str::to_string);
            continue;
        }
        if let Some(c) = &current {
            if c != "catalogs" {
                *counts.entry(c.clone()).or_insert(0u64) += 1;
            }
        }
    }
    for spec in &TABLES {
        counts.entry(spec.name.to_string()).or_insert(0);
    }
    let manifest = Manifest {
        format: bundle::FORMAT.into(),
        format_version: bundle::FORMAT_VERSION,
        app_version: "test".into(),
        schema_version: 2,
        source_device: name.into(),
        device_name: name.into(),
        worker: "W".into(),
        team: "T".into(),
        exported_at: "2025-06-02T00:00:00.000Z".into(),
        scope: Scope::default(),
        counts,
        catalog_versions: BTreeMap::new(),
        payload: PayloadInfo {
            encoding: bundle::ENCODING.into(),
            bytes: payload.len() as u64,
            sha256: None,
            blake3: Some(bundle::payload_blake3(&payload)),
        },
    };
    let bundle = bundle::decode(&bundle::plaintext(&manifest, &payload)).expect("decodes");
    Loaded {
        name: name.into(),
        bundle,
        already: None,
    }
}

/// Merges files (all at once) into `conn`; returns the receipt totals.
fn merge_into(conn: &mut Connection, files: &[&Loaded]) -> super::Counts {
    let owned: Vec<Loaded> = files
        .iter()
        .map(|f| Loaded {
            name: f.name.clone(),
            bundle: f.bundle.clone(),
            already: None,
        })
        .collect();
    let tx = conn.transaction().unwrap();
    check_references(&tx, &owned).expect("references resolve");
    let receipt = apply(&tx, &owned, "2025-06-03T00:00:00.000Z", &mut |_| true).unwrap();
    tx.commit().unwrap();
    receipt.totals
}

/// The store's current records as a file.
fn export_of(name: &str, conn: &Connection) -> Loaded {
    let (payload, _, _) = build_payload(conn, &Scope::default(), &mut |_| true).unwrap();
    bundle_of(name, vec![], Some(payload))
}

/// Lines only in `a` and only in `b`, for readable failures.
fn diff(a: &[String], b: &[String]) -> String {
    let only = |x: &[String], y: &[String]| {
        x.iter()
            .filter(|l| !y.contains(l))
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!("only left:\n{}\nonly right:\n{}", only(a, b), only(b, a))
}

macro_rules! same {
    ($a:expr, $b:expr) => {{
        let (a, b) = ($a, $b);
        prop_assert!(a == b, "{}", diff(&a, &b));
    }};
}

type FilePicks = Vec<Option<(usize, usize)>>;

fn files_strategy() -> impl Strategy<Value = (u64, Vec<FilePicks>)> {
    (
        any::<u64>(),
        prop::collection::vec(
            prop::collection::vec(
                prop::option::weighted(0.7, (0..3usize, 0..6usize)),
                SLOTS.len(),
            ),
            3,
        ),
    )
}

fn build_files(salt: u64, picks: &[FilePicks]) -> Vec<Loaded> {
    picks
        .iter()
        .enumerate()
        .map(|(f, slots)| {
            let recs = slots
                .iter()
                .enumerate()
                .filter_map(|(slot, p)| {
                    let (d, t) = match p {
                        Some(x) => *x,
                        None if required(slot) => (f % 3, slot % 6),
                        None => return None,
                    };
                    let ti = TABLES.iter().position(|s| s.name == SLOTS[slot].0).unwrap();
                    Some((ti, version(salt, slot, d, t)))
                })
                .collect();
            bundle_of(&format!("file-{f}"), recs, None)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn merge_is_commutative((salt, picks) in files_strategy()) {
        let files = build_files(salt, &picks);
        let (a, b, c) = (&files[0], &files[1], &files[2]);
        let mut one_by_one = memory_db();
        for f in [a, b, c] {
            merge_into(&mut one_by_one, &[f]);
        }
        let expected = dump(&one_by_one, true);
        for order in [[c, b, a], [b, a, c], [c, a, b]] {
            let mut db = memory_db();
            for f in order {
                merge_into(&mut db, &[f]);
            }
            same!(dump(&db, true), expected.clone());
        }
        let mut at_once = memory_db();
        merge_into(&mut at_once, &[b, c, a]);
        same!(dump(&at_once, true), expected.clone());
    }

    #[test]
    fn merging_again_changes_nothing((salt, picks) in files_strategy()) {
        let files = build_files(salt, &picks);
        let mut db = memory_db();
        for f in &files {
            let first = merge_into(&mut db, &[f]);
            let before = dump(&db, true);
            let again = merge_into(&mut db, &[f]);
            // Each record is now either the stored version, a stored losing
            // version, or superseded by a newer one from the same device.
            prop_assert_eq!(again.changes(), 0, "second merge: {:?}", again);
            prop_assert_eq!(again.duplicate + again.rejected, first.total());
            same!(dump(&db, true), before.clone());
        }
        // Every earlier file, merged once more after all of them: still no change.
        let before = dump(&db, true);
        for f in &files {
            let again = merge_into(&mut db, &[f]);
            prop_assert_eq!(again.changes(), 0, "{:?}", again);
        }
        same!(dump(&db, true), before.clone());
        // Local edits after the merge (made after seeing the merged data) do
        // not turn the merged versions into conflicts when a file comes again.
        db.execute_batch(
            "UPDATE visit SET note = 'lokaal', updated_at = '2025-06-02T00:00:00.000Z-0000',
               device_id = 'dev-local', author = 'C';
             UPDATE conversation SET follow_up_done = 1 - follow_up_done,
               updated_at = '2025-06-02T00:00:00.000Z-0001', device_id = 'dev-local', author = 'C';",
        )
        .unwrap();
        let before = dump(&db, true);
        for f in &files {
            let again = merge_into(&mut db, &[f]);
            prop_assert_eq!(again.changes(), 0, "after local edits: {:?}", again);
        }
        same!(dump(&db, true), before);
    }

    #[test]
    fn merge_is_associative((salt, picks) in files_strategy()) {
        let files = build_files(salt, &picks);
        let (a, b, c) = (&files[0], &files[1], &files[2]);
        // (A ⊔ B) ⊔ C, via an export of A ⊔ B.
        let mut ab = memory_db();
        merge_into(&mut ab, &[a, b]);
        let ab_file = export_of("ab", &ab);
        let mut left = memory_db();
        merge_into(&mut left, &[&ab_file, c]);
        // A ⊔ (B ⊔ C), via an export of B ⊔ C.
        let mut bc = memory_db();
        merge_into(&mut bc, &[b, c]);
        let bc_file = export_of("bc", &bc);
        let mut right = memory_db();
        merge_into(&mut right, &[a, &bc_file]);
        let mut all = memory_db();
        merge_into(&mut all, &[a, b, c]);
        same!(dump(&left, false), dump(&all, false));
        same!(dump(&right, false), dump(&all, false));
    }
}

#[test]
fn purged_records_never_get_personal_fields_back() {
    let spec = table("household").unwrap();
    let line = |t: usize, purged: bool, street: &str| {
        json!([
            uuid(1, 0),
            "2025-06-01T09:00:00.000Z",
            hlc(t),
            "dev-a",
            "W",
            false,
            WIJK,
            null,
            if purged { json!(null) } else { json!(street) },
            if purged { json!(null) } else { json!(5) },
            null,
            null,
            false,
            null,
            null,
            null,
            null,
            purged
        ])
        .to_string()
    };
    let old = record::decode(spec, line(1, false, "Meijhorst").as_bytes()).unwrap();
    let purged = record::decode(spec, line(2, true, "").as_bytes()).unwrap();
    let newer_edit = record::decode(spec, line(3, false, "Dukenburg").as_bytes()).unwrap();
    let hh = TABLES.iter().position(|t| t.name == "household").unwrap();
    let mut db = memory_db();
    merge_into(&mut db, &[&bundle_of("p", vec![(hh, purged)], None)]);
    merge_into(&mut db, &[&bundle_of("old", vec![(hh, old)], None)]);
    merge_into(&mut db, &[&bundle_of("new", vec![(hh, newer_edit)], None)]);
    let (street, number, purged, updated): (Option<String>, Option<i64>, bool, String) = db
        .query_row(
            "SELECT street, number, purged, updated_at FROM household",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((street, number, purged), (None, None, true));
    assert_eq!(
        updated,
        hlc(3),
        "the newer edit won, without its personal fields"
    );
    let versions: String = db
        .query_row(
            "SELECT group_concat(version) FROM merge_conflict",
            [],
            |r| r.get::<_, Option<String>>(0),
        )
        .unwrap()
        .unwrap_or_default();
    assert!(
        !versions.contains("Meijhorst") && !versions.contains("Dukenburg"),
        "{versions}"
    );
}
