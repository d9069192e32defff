//! The CLI contract of keygen, export, verify, merge and conflicts.

use super::common::{stderr, stdout_json};
use super::{assert_same, exit_code, json_error_code, Env};
use std::process::Command;

/// `age -d -i KEY FILE`, the standard tool.
fn age_decrypt(identity: &std::path::Path, file: &std::path::Path) -> Vec<u8> {
    let out = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg(file)
        .output()
        .expect("the age command line tool is installed (scripts/setup)");
    assert!(
        out.status.success(),
        "age -d: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `zstd -d` of a decrypted file: the plaintext of format 4 and later.
fn zstd_d(packed: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut child = Command::new("zstd")
        .args(["-d", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the zstd command line tool is installed (scripts/setup)");
    let mut stdin = child.stdin.take().unwrap();
    let input = packed.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "zstd -d: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn keygen_writes_a_standard_identity_and_age_decrypts_the_export() {
    let e = Env::new();
    let (key, public) = e.keygen("coordinator.key");
    assert!(public.starts_with("age1"), "{public}");
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("AGE-SECRET-KEY-1")),
        "{text}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "identity file is private");
    }
    // The standard tool derives the same public key from our identity file.
    let y = Command::new("age-keygen")
        .arg("-y")
        .arg(&key)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&y.stdout).trim(), public);
    // Keygen never overwrites a key.
    let again = e
        .wwk("none.db")
        .args(["keygen", "--out"])
        .arg(&key)
        .output()
        .unwrap();
    assert_eq!(exit_code(&again), 2);
    assert_eq!(std::fs::read_to_string(&key).unwrap(), text);

    e.demo("a.db", "Fatima", 120, 7);
    let file = e.export("a.db", "a.wwk", &public, &[]);
    let raw = std::fs::read(&file).unwrap();
    assert!(raw.starts_with(b"age-encryption.org/v1\n"));
    assert!(
        !String::from_utf8_lossy(&raw).contains("household"),
        "nothing readable without the key"
    );

    // `age -d -i KEY f.wwk | zstd -d` shows the manifest and the records.
    let packed = age_decrypt(&key, &file);
    assert!(
        packed.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]),
        "one zstd frame"
    );
    let plain = zstd_d(&packed);
    assert!(
        packed.len() * 4 < plain.len(),
        "{} packed of {}",
        packed.len(),
        plain.len()
    );
    let nl = plain.iter().position(|b| *b == b'\n').unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&plain[..nl]).unwrap();
    let payload = &plain[nl + 1..];
    assert_eq!(manifest["format"], "wijkwaardenkaart-export");
    assert_eq!(
        manifest["format_version"],
        wijkwaardenkaart::exchange::FORMAT_VERSION
    );
    assert_eq!(manifest["worker"], "Fatima");
    assert_eq!(manifest["team"], "Team Oost");
    assert_eq!(manifest["device_name"], "Laptop Fatima");
    assert_eq!(
        manifest["source_device"],
        e.open("a.db").profile().device_id.as_str()
    );
    assert_eq!(
        manifest["schema_version"],
        wijkwaardenkaart::store::SCHEMA_VERSION
    );
    assert_eq!(
        manifest["scope"],
        serde_json::json!({"area": null, "campaign": null, "since": null})
    );
    assert!(manifest["catalog_versions"]["codes"].is_string());
    assert!(
        chrono::DateTime::parse_from_rfc3339(manifest["exported_at"].as_str().unwrap()).is_ok()
    );
    assert_eq!(manifest["payload"]["bytes"], payload.len());
    assert_eq!(
        manifest["payload"]["blake3"],
        blake3::hash(payload).to_hex().as_str()
    );
    assert!(manifest["payload"]["sha256"].is_null());
    let stats = stdout_json(&e.wwk("a.db").args(["--json", "stats"]).output().unwrap());
    assert_eq!(manifest["counts"]["household"], stats["households"]);
    assert_eq!(manifest["counts"]["visit"], stats["visits"]);
    assert_eq!(manifest["counts"]["conversation"], stats["conversations"]);
    assert_eq!(manifest["counts"]["benefit_check"], stats["checks"]);
    // Payload: one section header per table, then one JSON array per record.
    let text = String::from_utf8(payload.to_vec()).unwrap();
    let households: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("[\"") && l.contains("\"BU0268"))
        .collect();
    assert!(!households.is_empty());
    assert!(text
        .lines()
        .any(|l| l.starts_with("{\"section\":\"household\"")));
}

#[test]
fn merge_is_order_independent_and_merging_again_changes_nothing() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.demo("a.db", "Fatima", 150, 1);
    e.demo("b.db", "Joost", 150, 2);
    let a = e.export("a.db", "a.wwk", &public, &[]);
    let b = e.export("b.db", "b.wwk", &public, &[]);
    e.init("ab.db", "Coordinator");
    e.init("ba.db", "Coordinator");
    e.init("both.db", "Coordinator");
    let first = e.merge_ok("ab.db", &[&a], &key);
    e.merge_ok("ab.db", &[&b], &key);
    e.merge_ok("ba.db", &[&b], &key);
    e.merge_ok("ba.db", &[&a], &key);
    e.merge_ok("both.db", &[&b, &a], &key);
    let ab = e.dump("ab.db", false);
    assert_same(&ab, &e.dump("ba.db", false), "A then B vs B then A");
    assert_same(&ab, &e.dump("both.db", false), "A then B vs A+B at once");
    let records = first["files"][0]["records"].as_u64().unwrap();
    assert!(records > 500);
    assert_eq!(
        first["totals"]["new"].as_u64().unwrap() + first["totals"]["duplicate"].as_u64().unwrap(),
        records
    );

    // The same file again: recognised, all duplicates, nothing changes.
    let before = e.dump("ab.db", false);
    let again = e.merge_ok("ab.db", &[&a], &key);
    assert_eq!(
        again["totals"]["duplicate"].as_u64().unwrap(),
        records,
        "{again}"
    );
    for k in ["new", "updated", "conflict", "rejected"] {
        assert_eq!(again["totals"][k], 0, "{k}: {again}");
    }
    assert!(again["files"][0]["already_merged"].is_string(), "{again}");
    assert_eq!(
        again["files"][0]["skipped"], true,
        "recognised from the manifest"
    );
    assert_same(&before, &e.dump("ab.db", false), "second merge");

    let human = e
        .wwk("ab.db")
        .args(["merge"])
        .arg(&a)
        .arg("--identity")
        .arg(&key)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("al eerder samengevoegd"), "{text}");
    assert!(
        text.contains("Overgeslagen: herkend aan de inhoudsopgave"),
        "{text}"
    );
    assert!(text.contains("dubbel"), "{text}");
    // Merges and receipts are in the audit log.
    let store = e.open("ab.db");
    let merges: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'merge'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(merges, 4);
    let receipts: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM exchange_merge WHERE json_extract(receipt, '$.result.new') >= 0",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(receipts, 4);
    // The coordinator's clock is past everything it merged.
    let max_in: String = store
        .conn()
        .query_row("SELECT max(updated_at) FROM visit", [], |r| r.get(0))
        .unwrap();
    assert!(store.stamp().hlc > max_in);
}

#[test]
fn verify_and_dry_run_change_nothing() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.demo("a.db", "Fatima", 60, 3);
    let a = e.export("a.db", "a.wwk", &public, &[]);
    e.init("c.db", "Coordinator");
    let before = e.dump("c.db", true);
    let out = e
        .wwk("c.db")
        .args(["--json", "verify"])
        .arg(&a)
        .arg("--identity")
        .arg(&key)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout_json(&out);
    assert_eq!(report["files"][0]["worker"], "Fatima");
    assert!(report["files"][0]["already_merged"].is_null());
    let out = e.merge("c.db", &[&a], &key, &["--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let receipt = stdout_json(&out);
    assert_eq!(receipt["dry_run"], true);
    assert!(receipt["totals"]["new"].as_u64().unwrap() > 100);
    assert_same(&before, &e.dump("c.db", true), "verify and dry run");

    // The app's path: bytes from drag and drop, progress, and cancelling halfway.
    use wijkwaardenkaart::exchange::{merge, verify, ExchangeError, MergeOptions, Source, Unlock};
    let mut store = e.open("c.db");
    let source = Source::Bytes {
        name: "gesleept.wwk".into(),
        bytes: std::fs::read(&a).unwrap(),
    };
    let unlock = Unlock::IdentityFile(key.clone());
    let mut phases = Vec::new();
    let report = verify(&store, std::slice::from_ref(&source), &unlock, &mut |p| {
        phases.push(p.stage.clone());
        true
    })
    .unwrap();
    assert_eq!(report.files[0].file, "gesleept.wwk");
    assert_eq!(report.files[0].worker, "Fatima");
    assert!(phases.iter().any(|s| s == "Ontsleutelen en controleren"));
    let cancelled = merge(
        &mut store,
        &[source],
        &unlock,
        &MergeOptions::default(),
        &mut |p| p.stage != "Samenvoegen in de opslag",
    );
    assert!(
        matches!(cancelled, Err(ExchangeError::Cancelled)),
        "{cancelled:?}"
    );
    drop(store);
    assert_same(&before, &e.dump("c.db", true), "cancelled merge");
}

#[test]
fn passphrase_exports_merge_with_the_passphrase_only() {
    let e = Env::new();
    e.demo("a.db", "Fatima", 30, 4);
    let file = e.path("p.wwk");
    let out = e
        .wwk("a.db")
        .args(["export", "--out"])
        .arg(&file)
        .args(["--passphrase-env", "EXPORT_PASS"])
        .env("EXPORT_PASS", "kort")
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 2, "a short passphrase is refused");
    assert!(stderr(&out).contains("te kort"), "{}", stderr(&out));
    assert!(!file.exists());
    let out = e
        .wwk("a.db")
        .args(["export", "--out"])
        .arg(&file)
        .args(["--passphrase-env", "EXPORT_PASS"])
        .env("EXPORT_PASS", "paarse olifant op de fiets")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&file)
        .unwrap()
        .windows(6)
        .any(|w| w == b"scrypt"));
    e.init("c.db", "Coordinator");
    let before = e.dump("c.db", true);
    let merge = |pass: &str| {
        e.wwk("c.db")
            .args(["--json", "merge"])
            .arg(&file)
            .args(["--passphrase-env", "IMPORT_PASS"])
            .env("IMPORT_PASS", pass)
            .output()
            .unwrap()
    };
    let out = merge("paarse olifant op de trein");
    assert_eq!(exit_code(&out), 2);
    assert_eq!(json_error_code(&out), "bundle_wrong_passphrase");
    assert!(
        stderr(&out).contains("p.wwk") && stderr(&out).contains("wachtwoord is onjuist"),
        "{}",
        stderr(&out)
    );
    assert_same(&before, &e.dump("c.db", true), "wrong passphrase");
    let (key, _) = e.keygen("k");
    let out = e.merge("c.db", &[&file], &key, &[]);
    assert_eq!(json_error_code(&out), "bundle_needs_passphrase");
    let out = merge("paarse olifant op de fiets");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout_json(&out)["totals"]["new"].as_u64().unwrap() > 30);
}

#[test]
fn export_scopes_select_records_and_everything_they_reference() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.demo("a.db", "Fatima", 1300, 5);
    let store = e.open("a.db");
    // The wijk of the first campaign, and that campaign.
    let (campaign, wijk): (String, String) = store
        .conn()
        .query_row(
            "SELECT id, json_extract(areas, '$[0]') FROM campaign ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let total_households: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM household", [], |r| r.get(0))
        .unwrap();
    let in_wijk: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM household WHERE wijk_code = ?1",
            [&wijk],
            |r| r.get(0),
        )
        .unwrap();
    drop(store);
    let by_area = e.export("a.db", "area.wwk", &public, &["--area", &wijk]);
    let by_campaign = e.export("a.db", "campaign.wwk", &public, &["--campaign", &campaign]);
    let since = e.export("a.db", "since.wwk", &public, &["--since", "2099-01-01"]);
    for (db, file) in [
        ("area.db", &by_area),
        ("campaign.db", &by_campaign),
        ("since.db", &since),
    ] {
        e.init(db, "Coordinator");
        e.merge_ok(db, &[file], &key);
    }
    let count = |db: &str, sql: &str| -> i64 {
        e.open(db).conn().query_row(sql, [], |r| r.get(0)).unwrap()
    };
    assert_eq!(count("area.db", "SELECT count(*) FROM household"), in_wijk);
    assert!(in_wijk < total_households);
    assert_eq!(
        count(
            "area.db",
            &format!("SELECT count(*) FROM household WHERE wijk_code <> '{wijk}'")
        ),
        0
    );
    assert_eq!(
        count(
            "campaign.db",
            "SELECT count(DISTINCT campaign_id) FROM visit"
        ),
        1
    );
    assert_eq!(
        count(
            "campaign.db",
            &format!("SELECT count(*) FROM campaign WHERE id = '{campaign}'")
        ),
        1
    );
    assert!(count("campaign.db", "SELECT count(*) FROM conversation") > 0);
    assert_eq!(
        count("campaign.db", "SELECT count(*) FROM household"),
        count("campaign.db", "SELECT count(*) FROM campaign_address"),
        "the walk list's households come along"
    );
    assert_eq!(count("since.db", "SELECT count(*) FROM household"), 0);
    assert_eq!(
        count("since.db", "SELECT count(*) FROM value_catalog"),
        20,
        "catalogue entries always travel"
    );
    // Unknown scopes are refused before anything is written.
    for args in [
        ["--area", "BU99999999"],
        ["--campaign", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"],
        ["--since", "gisteren"],
    ] {
        let out = e
            .wwk("a.db")
            .args(["export", "--out"])
            .arg(e.path("x.wwk"))
            .args(["--recipient", &public])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(exit_code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!e.path("x.wwk").exists());
    }
    let out = e
        .wwk("a.db")
        .args(["export", "--out"])
        .arg(e.path("x.wwk"))
        .args(["--recipient", "age1geen"])
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 2);
    assert!(
        stderr(&out).contains("Ongeldige ontvanger"),
        "{}",
        stderr(&out)
    );
    let out = e
        .wwk("a.db")
        .args(["export", "--out"])
        .arg(e.path("x.wwk"))
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 1, "recipient or passphrase is required");
}

/// A file merged before is recognised from its manifest (the first line of
/// its plaintext) and skipped without reading the rest: a copy damaged after
/// the first encrypted chunk is still only skipped, and says so, while
/// `wwk verify` reads every file in full and finds the damage.
#[test]
fn a_file_merged_before_is_skipped_from_its_manifest_alone() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.demo("a.db", "Fatima", 1200, 5);
    let a = e.export("a.db", "a.wwk", &public, &[]);
    let mut damaged = std::fs::read(&a).unwrap();
    let n = damaged.len();
    assert!(n > 100_000, "more than one 64 KiB age chunk: {n} bytes");
    damaged[n - 100] ^= 0x01;
    let copy = e.path("a-beschadigd.wwk");
    std::fs::write(&copy, &damaged).unwrap();
    e.init("c.db", "Coordinator");
    // Before the first merge the damage is found, and nothing is merged.
    let out = e.merge("c.db", &[&copy], &key, &[]);
    assert_eq!(exit_code(&out), 2);
    e.merge_ok("c.db", &[&a], &key);
    let before = e.dump("c.db", false);
    let again = e.merge_ok("c.db", &[&copy], &key);
    assert_eq!(again["files"][0]["skipped"], true, "{again}");
    assert!(again["files"][0]["already_merged"].is_string(), "{again}");
    assert_eq!(again["totals"]["new"], 0);
    assert_same(&before, &e.dump("c.db", false), "after the skipped copy");
    let out = e
        .wwk("c.db")
        .args(["--json", "verify"])
        .arg(&copy)
        .arg("--identity")
        .arg(&key)
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 2, "verify reads the whole file");
}
