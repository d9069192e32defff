//! Stores held by another program or opened read-only, small input mistakes,
//! residents' data by a search, and library messages in Dutch.

use super::common::{self, stderr, stdout_json, TestDir};

/// The app and the CLI on one store: while another program holds a write
/// transaction, reading (`stats`) still works (opening writes nothing), and a
/// writer waits, then says in Dutch that the store is in use (exit 3).
#[test]
fn a_store_held_by_another_program_is_read_and_named_as_busy() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 50, 8);
    s.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = t.wwk("s.db").args(["--json", "stats"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["households"], 50);
    let out = t
        .wwk("s.db")
        .args(["--json", "retention", "--set", "24m"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let json = stdout_json(&out);
    assert_eq!(json["error"]["code"], "store_busy", "{json}");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(message.contains("in gebruik"), "{message}");
    assert!(!message.contains("locked"), "{message}");
    s.conn().execute_batch("ROLLBACK").unwrap();
}

/// Smaller input mistakes each get their own Dutch message and exit 2.
#[test]
fn small_input_mistakes_are_named() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    std::fs::create_dir(t.path("map")).unwrap();
    for args in [vec!["--json", "stats"], vec!["--json", "init"]] {
        let out = t.wwk("map").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout_json(&out)["error"]["code"], "store_is_directory");
    }
    for period in ["121m", "3651d", "11y"] {
        let out = t
            .wwk("s.db")
            .args(["--json", "retention", "--set", period])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{period}");
        assert_eq!(stdout_json(&out)["error"]["code"], "period_out_of_range");
    }
    use std::os::unix::ffi::OsStrExt;
    let out = t
        .wwk("s.db")
        .args(["--json", "stats"])
        .env(
            "WWK_PASSPHRASE",
            std::ffi::OsStr::from_bytes(b"geheim\xff\xfewachtwoord"),
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["error"]["code"], "passphrase_not_utf8");
}

/// An access or erasure request must find the right household: a house number
/// that cannot be read is an error (exit 2), never dropped, and an absurdly
/// long query is refused as input, not as a database failure.
#[test]
fn resident_find_refuses_unreadable_numbers_and_huge_queries() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 200, 2);
    drop(s);
    for (query, code) in [
        ("6523AB 999999999999".to_string(), "bad_house_number"),
        ("6523 AB 123456".to_string(), "bad_house_number"),
        ("Meijhorst 99999999999".to_string(), "bad_house_number"),
        ("x".repeat(50_001), "query_too_long"),
    ] {
        let out = t
            .wwk("s.db")
            .args(["--json", "resident", "find"])
            .arg(&query)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let json = stdout_json(&out);
        assert_eq!(json["error"]["code"], code);
        assert!(!json["error"]["message"].as_str().unwrap().contains("LIKE"));
    }
}

/// An erasure names exactly the household it will erase, and a search that
/// matches more than one household is refused, listing them: nothing is
/// erased until one household is named and confirmed.
#[test]
fn resident_erase_names_the_household_and_refuses_an_ambiguous_search() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 200, 4);
    let (id, street, number, postcode): (String, String, i64, String) = s
        .conn()
        .query_row(
            "SELECT id, street, number, postcode FROM household h WHERE deleted = 0
               AND (SELECT count(*) FROM household g WHERE g.street = h.street AND g.number = h.number) = 1
               AND (SELECT count(*) FROM household g WHERE g.street = h.street) > 1
             ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    drop(s);
    let purged = || -> i64 {
        let s = t.open("s.db");
        s.conn()
            .query_row("SELECT count(*) FROM household WHERE purged = 1", [], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let erase = |args: &[&str]| {
        t.wwk("s.db")
            .args(["--json", "resident", "erase"])
            .args(args)
            .output()
            .unwrap()
    };
    // A street alone matches several households: refused, listed.
    let out = erase(&[&street, "--yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let json = stdout_json(&out);
    assert_eq!(json["error"]["code"], "ambiguous_resident", "{json}");
    let message = json["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(&street) && message.contains("id "),
        "{message}"
    );
    assert_eq!(purged(), 0);
    // Street and number: one household, named before anything happens.
    let query = format!("{street} {number}");
    let out = erase(&[&query]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stdout_json(&out)["error"]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        message.contains(&query) && message.contains(&postcode) && message.contains(&id),
        "{message}"
    );
    assert!(message.contains("--yes"), "{message}");
    assert_eq!(purged(), 0);
    let out = erase(&[&query, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = stdout_json(&out);
    assert_eq!(json["household"]["household_id"], id.as_str(), "{json}");
    assert_eq!(json["erased"]["household_id"], id.as_str(), "{json}");
    assert_eq!(purged(), 1);
}

/// Library and system messages stay out of what users read: a truncated or
/// misspelt catalogue, a garbage logo and an unreadable path are named in
/// Dutch, with the original words kept in `detail` for support.
#[test]
fn library_messages_are_dutch_with_the_original_in_detail() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 60, 3);
    drop(s);
    let json_err = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        stdout_json(&out)["error"].clone()
    };
    let english = [
        "EOF",
        "parsing",
        "unknown field",
        "expected",
        "os error",
        "Format error",
        "Memory",
    ];
    let dutch_only = |e: &serde_json::Value| {
        let message = e["message"].as_str().unwrap();
        for word in english {
            assert!(!message.contains(word), "{word} in {message}");
        }
    };
    std::fs::write(
        t.path("half.json"),
        r#"{"catalog": "values", "values": [{"id": "a""#,
    )
    .unwrap();
    let e = json_err(&["catalog", "load", t.path("half.json").to_str().unwrap()]);
    dutch_only(&e);
    assert!(e["message"].as_str().unwrap().contains("onvolledig"), "{e}");
    assert!(e["detail"].as_str().unwrap().contains("EOF"), "{e}");
    let mut cat: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/catalog/regulations-2026.json")).unwrap();
    cat["version"] = "2026.9".into();
    cat["regulations"][0]["provder"] = "typfout".into();
    std::fs::write(t.path("typo.json"), cat.to_string()).unwrap();
    let e = json_err(&["catalog", "load", t.path("typo.json").to_str().unwrap()]);
    dutch_only(&e);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("onbekend veld \"provder\""),
        "{e}"
    );
    std::fs::write(t.path("logo.png"), b"\x89PNG\r\n\x1a\nrommel").unwrap();
    for (logo, says) in [
        ("logo.png", "PNG of JPEG"),
        ("bestaat-niet.png", "bestaat niet"),
    ] {
        let e = json_err(&[
            "report",
            "--area",
            "GM0268",
            "--logo",
            t.path(logo).to_str().unwrap(),
            "--out",
            t.path("p.pdf").to_str().unwrap(),
        ]);
        dutch_only(&e);
        assert!(e["message"].as_str().unwrap().contains(says), "{e}");
        assert!(e["detail"].is_string(), "{e}");
    }
    assert!(!t.path("p.pdf").exists());
}

/// `wwk` as a user who may only read the store: as root (CI) through
/// `setpriv` as nobody, otherwise as the test's own user.
fn wwk_reading_only(t: &TestDir) -> std::process::Command {
    let bin = assert_cmd::cargo::cargo_bin("wwk");
    let root = unsafe { libc_geteuid() } == 0;
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin);
        c
    } else {
        std::process::Command::new(bin)
    };
    cmd.arg("--db")
        .arg(t.path("s.db"))
        .env("WWK_PASSPHRASE", common::PASS);
    cmd
}

extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

/// A store the user may only read (a copy on a protected share) opens for
/// reading: counts, a profile and an anonymous table work; a change, or an
/// export that must be audited, is refused in Dutch (exit 3), and the file
/// is left exactly as it was.
#[test]
fn a_read_only_store_opens_for_reading() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDir::new();
    let s = t.demo_store("s.db", 60, 5);
    let household: String = s
        .conn()
        .query_row("SELECT id FROM household LIMIT 1", [], |r| r.get(0))
        .unwrap();
    drop(s);
    let set = |p: &std::path::Path, mode: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    set(t.dir.path(), 0o777);
    set(&t.path("s.db"), 0o444);
    let before = std::fs::read(t.path("s.db")).unwrap();
    let run = |args: &[&str]| {
        let out = wwk_reading_only(&t)
            .arg("--json")
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), stdout_json(&out), stderr(&out))
    };
    let (code, json, err) = run(&["stats"]);
    assert_eq!(code, Some(0), "{json} {err}");
    assert_eq!(json["households"], 60);
    let report = t.path("profiel.json");
    let (code, json, err) = run(&[
        "report",
        "--area",
        "GM0268",
        "--out",
        report.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{json} {err}");
    assert!(report.exists());
    let (code, json, err) = run(&["retention", "--set", "24m"]);
    assert_eq!(code, Some(3), "{json} {err}");
    assert_eq!(json["error"]["code"], "store_read_only", "{json}");
    assert!(json["error"]["message"]
        .as_str()
        .unwrap()
        .contains("alleen-lezen"));
    let personal = t.path("bewoner.json");
    let (code, json, _) = run(&[
        "resident",
        "export",
        &household,
        "--out",
        personal.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(3), "{json}");
    assert_eq!(json["error"]["code"], "store_read_only", "{json}");
    assert!(!personal.exists(), "no unaudited personal data");
    assert_eq!(
        std::fs::read(t.path("s.db")).unwrap(),
        before,
        "the file is unchanged"
    );
    set(&t.path("s.db"), 0o644);
}
