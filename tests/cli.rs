//! The real `wwk` binary: the contract coordinators' scripts rely on.

mod common;
use common::{stderr, stdout_json, TestDir, PASS};

#[test]
fn init_stats_and_json_output() {
    let t = TestDir::new();
    let out = t
        .wwk("s.db")
        .args(["--json", "init", "--worker", "Anna", "--team", "Oost"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout_json(&out)["device_id"].as_str().unwrap().len() == 36);
    let out = t.wwk("s.db").args(["--json", "stats"]).output().unwrap();
    let v = stdout_json(&out);
    assert_eq!(v["areas"], 53);
    assert_eq!(v["values"], 20);
    let human = t.wwk("s.db").arg("stats").output().unwrap();
    assert!(String::from_utf8_lossy(&human.stdout).contains("Gesprekken"));
}

#[test]
fn a_wrong_passphrase_exits_3_with_a_dutch_message() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    let out = t
        .wwk("s.db")
        .env("WWK_PASSPHRASE", "helemaal fout")
        .arg("stats")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("Het wachtwoord is onjuist"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("file is not a database"));
    let out = t
        .wwk("s.db")
        .env("WWK_PASSPHRASE", "helemaal fout")
        .args(["--json", "stats"])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out)["error"]["code"], "wrong_passphrase");
}

#[test]
fn a_missing_store_exits_3_and_usage_errors_exit_1() {
    let t = TestDir::new();
    let out = t.wwk("nergens.db").arg("stats").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("wwk init"));
    let out = t.wwk("s.db").arg("vlieg").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let out = t.wwk("s.db").args(["demo"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "missing --households");
}

#[test]
fn passwd_changes_the_passphrase() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    t.wwk("s.db")
        .arg("passwd")
        .env("WWK_NEW_PASSPHRASE", "een nieuw wachtwoord")
        .assert()
        .success();
    t.wwk("s.db").arg("stats").assert().code(3);
    t.wwk("s.db")
        .arg("stats")
        .env("WWK_PASSPHRASE", "een nieuw wachtwoord")
        .assert()
        .success();
    let out = t
        .wwk("s.db")
        .arg("passwd")
        .env("WWK_PASSPHRASE", "een nieuw wachtwoord")
        .env("WWK_NEW_PASSPHRASE", "kort")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("te kort"));
}

#[test]
fn demo_is_deterministic_per_seed() {
    let t = TestDir::new();
    let stats = |db: &str, seed: &str| {
        t.wwk(db).arg("init").assert().success();
        t.wwk(db)
            .args(["demo", "--households", "700", "--seed", seed])
            .assert()
            .success();
        (
            stdout_json(&t.wwk(db).args(["--json", "stats"]).output().unwrap()),
            stdout_json(
                &t.wwk(db)
                    .args(["--json", "stats", "--by-area"])
                    .output()
                    .unwrap(),
            ),
        )
    };
    let a = stats("a.db", "7");
    let b = stats("b.db", "7");
    let c = stats("c.db", "8");
    assert_eq!(a, b, "same seed, same data");
    assert_ne!(a, c, "another seed, other data");
    let counts = &a.0;
    let conversations = counts["conversations"].as_u64().unwrap();
    assert!(
        (300..=450).contains(&conversations),
        "reach 50-60 %: {conversations} of 700"
    );
    assert!(counts["checks"].as_u64().unwrap() > 50);
    assert!(counts["referrals"].as_u64().unwrap() > 10);
    // Same seed gives byte-identical stories too.
    let story = |db: &str| {
        stdout_json(
            &t.wwk(db)
                .args(["--json", "search", "buurt", "--limit", "3"])
                .output()
                .unwrap(),
        )
    };
    assert_eq!(story("a.db"), story("b.db"));
}

#[test]
fn search_from_the_command_line_folds_diacritics() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    t.wwk("s.db")
        .args(["demo", "--households", "600", "--seed", "3"])
        .assert()
        .success();
    let hits = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "search", "cafe", "--limit", "5"])
            .output()
            .unwrap(),
    );
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    let text: String = hits[0]["fragments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(text.to_lowercase().contains("café"), "{text}");
    let human = t
        .wwk("s.db")
        .args(["search", "cafe", "--limit", "1"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&human.stdout).contains("«"));
}

#[test]
fn a_malformed_catalogue_is_rejected_and_changes_nothing() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    std::fs::write(t.path("kapot.json"), r#"{"catalog": "values", "version": "x", "language": "nl", "values": [{"id": "Ontmoeting!", "label": "x"}]}"#).unwrap();
    let out = t
        .wwk("s.db")
        .args(["catalog", "load"])
        .arg(t.path("kapot.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("ongeldige id"), "{}", stderr(&out));
    std::fs::write(t.path("geen.json"), "{ niet eens json").unwrap();
    let out = t
        .wwk("s.db")
        .args(["catalog", "load"])
        .arg(t.path("geen.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("geen geldige JSON"));
    let v = stdout_json(&t.wwk("s.db").args(["--json", "stats"]).output().unwrap());
    assert_eq!(v["values"], 20);
}

#[test]
fn a_coordinator_can_load_a_new_regulations_catalogue() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    let mut cat: serde_json::Value =
        serde_json::from_str(include_str!("../assets/catalog/regulations-2026.json")).unwrap();
    cat["version"] = "2026.2".into();
    cat["regulations"][0]["estimate"]["single_eur"] = 1600.into();
    std::fs::write(t.path("reg.json"), cat.to_string()).unwrap();
    t.wwk("s.db")
        .args(["catalog", "load"])
        .arg(t.path("reg.json"))
        .assert()
        .success();
    let shown = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "catalog", "show"])
            .output()
            .unwrap(),
    );
    assert!(shown
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["catalog"] == "regulations-2026" && c["version"] == "2026.2"));
    // Reopening does not downgrade it back to the embedded version.
    let shown = stdout_json(
        &t.wwk("s.db")
            .args(["--json", "catalog", "show"])
            .output()
            .unwrap(),
    );
    assert!(shown
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["version"] == "2026.2"));
    let _ = PASS;
}

/// `--out` never replaces the store, its journals, a link to it, a device or a
/// FIFO: exit 2, a Dutch message, and the store opens with its data.
#[test]
fn out_paths_that_would_destroy_the_store_are_refused() {
    let t = TestDir::new();
    let s = t.demo_store("v.db", 200, 4);
    let before = s.counts().unwrap().households;
    drop(s);
    let store = t.path("v.db");
    std::fs::write(t.path("v.db-wal"), b"").unwrap();
    std::fs::hard_link(&store, t.path("hard.pdf")).unwrap();
    std::os::unix::fs::symlink(&store, t.path("link.pdf")).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(t.path("pijp.pdf"))
        .status()
        .unwrap()
        .success());
    let cases: Vec<(Vec<String>, &str)> = vec![
        (report_to(&store), "output_is_store"),
        (
            report_to(&t.dir.path().join(".").join("v.db")),
            "output_is_store",
        ),
        (report_to(&t.path("v.db-wal")), "output_is_store"),
        (report_to(&t.path("hard.pdf")), "output_is_store"),
        (report_to(&t.path("link.pdf")), "output_symlink"),
        (report_to(&t.path("pijp.pdf")), "output_not_a_file"),
        (
            report_to(std::path::Path::new("/dev/null")),
            "output_not_a_file",
        ),
        (
            vec![
                "resident".into(),
                "export".into(),
                "x".into(),
                "--out".into(),
                store.display().to_string(),
            ],
            "output_is_store",
        ),
        (
            vec![
                "table".into(),
                "--level".into(),
                "area".into(),
                "--format".into(),
                "xlsx".into(),
                "--out".into(),
                t.path("y.csv").display().to_string(),
            ],
            "output_extension",
        ),
    ];
    for (args, code) in cases {
        let out = t.wwk("v.db").arg("--json").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let json = stdout_json(&out);
        assert_eq!(json["error"]["code"], code, "{args:?}");
        let message = json["error"]["message"].as_str().unwrap().to_lowercase();
        assert!(
            message.contains("kies") || message.contains("gebruik"),
            "{args:?}: a Dutch message that says what to do: {message}"
        );
    }
    // The FIFO is still a FIFO, the link still a link, and the store intact.
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(t.path("pijp.pdf"))
        .unwrap()
        .file_type()
        .is_fifo());
    assert!(std::fs::symlink_metadata(t.path("link.pdf"))
        .unwrap()
        .file_type()
        .is_symlink());
    let s = wijkwaardenkaart::Store::open(&store, PASS).unwrap();
    assert_eq!(s.counts().unwrap().households, before);
    assert!(!t.path("y.csv").exists());
}

fn report_to(out: &std::path::Path) -> Vec<String> {
    vec![
        "report".into(),
        "--area".into(),
        "GM0268".into(),
        "--out".into(),
        out.display().to_string(),
    ]
}

/// `catalog load` refuses what would break reports or lose meaning: huge
/// fields, an empty or incomplete regulations list, and an older version
/// than the store has. Each is exit 2 with a Dutch message; nothing changes.
#[test]
fn catalogue_loads_that_would_break_the_store_are_refused() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 200, 6);
    drop(s);
    let base: serde_json::Value =
        serde_json::from_str(include_str!("../assets/catalog/regulations-2026.json")).unwrap();
    let version = base["version"].as_str().unwrap().to_string();
    let newer = format!("{version}.1");
    let variant = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut c = base.clone();
        c["version"] = newer.clone().into();
        edit(&mut c);
        c
    };
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        (
            "reuzennaam.json",
            variant(&|c| c["regulations"][0]["name"] = "x".repeat(10 << 20).into()),
            "groter dan 4 MB",
        ),
        (
            "lange-naam.json",
            variant(&|c| c["regulations"][0]["name"] = "x".repeat(201).into()),
            "langer dan 200 tekens",
        ),
        (
            "leeg.json",
            variant(&|c| c["regulations"] = serde_json::json!([])),
            "geen regelingen",
        ),
        (
            "zonder-zorgtoeslag.json",
            variant(&|c| {
                let regs = c["regulations"].as_array_mut().unwrap();
                regs.retain(|r| r["id"] != "zorgtoeslag");
            }),
            "Zorgtoeslag",
        ),
    ];
    let shown = |t: &TestDir| {
        stdout_json(
            &t.wwk("s.db")
                .args(["--json", "catalog", "show"])
                .output()
                .unwrap(),
        )
    };
    let before = shown(&t);
    for (name, cat, needle) in cases {
        std::fs::write(t.path(name), cat.to_string()).unwrap();
        let started = std::time::Instant::now();
        let out = t
            .wwk("s.db")
            .args(["catalog", "load"])
            .arg(t.path(name))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(needle), "{name}: {}", stderr(&out));
        assert!(
            started.elapsed().as_secs() < 30,
            "{name} took {:?}",
            started.elapsed()
        );
        assert_eq!(shown(&t), before, "{name} changed the catalogues");
    }
    // A newer version loads; the older embedded one is then refused, not
    // "geladen" followed by a silent revert.
    std::fs::write(t.path("nieuw.json"), variant(&|_| {}).to_string()).unwrap();
    t.wwk("s.db")
        .args(["catalog", "load"])
        .arg(t.path("nieuw.json"))
        .assert()
        .success();
    std::fs::write(t.path("oud.json"), base.to_string()).unwrap();
    let out = t
        .wwk("s.db")
        .args(["catalog", "load"])
        .arg(t.path("oud.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("nieuwer"), "{}", stderr(&out));
    assert!(shown(&t)
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["catalog"] == "regulations-2026" && c["version"] == newer.as_str()));
    // A device is not a catalogue.
    let out = t
        .wwk("s.db")
        .args(["catalog", "load", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("geen gewoon bestand"),
        "{}",
        stderr(&out)
    );
}

/// With `--json` even a usage error is one JSON document with a Dutch
/// message; a closed stdout ends the program quietly.
#[test]
fn usage_errors_are_json_and_a_closed_pipe_is_quiet() {
    let t = TestDir::new();
    t.wwk("s.db").arg("init").assert().success();
    for args in [
        vec!["--json", "stats", "--bogus"],
        vec![
            "--json", "report", "--area", "GM0268", "--k", "-1", "--out", "x.pdf",
        ],
    ] {
        let out = t.wwk("s.db").args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let json = stdout_json(&out);
        assert_eq!(json["error"]["code"], "usage");
        let message = json["error"]["message"].as_str().unwrap();
        assert!(message.contains("wwk --help"), "{message}");
        assert!(
            !message.contains("error:"),
            "clap's English stays in the detail: {message}"
        );
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wwk"))
        .args(["--db"])
        .arg(t.path("s.db"))
        .args(["--json", "stats", "--by-area"])
        .env("WWK_PASSPHRASE", PASS)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0) | Some(141) | None),
        "{:?}",
        out.status
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
}

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
        serde_json::from_str(include_str!("../assets/catalog/regulations-2026.json")).unwrap();
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

/// Participation is recorded by a command (as the app's check screen does)
/// and is what the profile's "Meedoen" counts; a wrong kind or date is
/// refused in Dutch and nothing is written.
#[test]
fn participation_is_recorded_and_counted_in_the_profile() {
    use wijkwaardenkaart::privacy::Cell;
    use wijkwaardenkaart::profile::{build, ReportRequest};
    let t = TestDir::new();
    let s = t.demo_store("s.db", 300, 6);
    let wijk = common::busiest_wijk(&s);
    let households: Vec<String> = s
        .conn()
        .prepare("SELECT id FROM household WHERE wijk_code = ?1 AND deleted = 0 LIMIT 6")
        .unwrap()
        .query_map([&wijk], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let meedoen = |s: &wijkwaardenkaart::Store| {
        let req = ReportRequest {
            from: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
            to: chrono::NaiveDate::from_ymd_opt(2099, 12, 31),
            ..ReportRequest::for_area(&wijk)
        };
        let m = build(s, &req).unwrap();
        let r = m.referrals.shown().expect("enough conversations").clone();
        (r.participation_total, r.participation)
    };
    let before: u64 = s
        .conn()
        .query_row(
            "SELECT count(*) FROM participation WHERE wijk_code = ?1 AND deleted = 0",
            [&wijk],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as u64;
    drop(s);
    for (i, h) in households.iter().enumerate() {
        let kind = if i < 5 {
            "activiteiten"
        } else {
            "vrijwilligerswerk"
        };
        let out = t
            .wwk("s.db")
            .args([
                "--json",
                "participation",
                "add",
                "--household",
                h,
                "--kind",
                kind,
            ])
            .args(["--date", "2026-03-05", "--topic", "buurtmoestuin"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout_json(&out)["wijk_code"], wijk.as_str());
    }
    for (args, code) in [
        (
            vec!["--kind", "sport", "--date", "2026-03-05"],
            "unknown_code",
        ),
        (
            vec!["--kind", "activiteiten", "--date", "5 maart"],
            "invalid",
        ),
    ] {
        let out = t
            .wwk("s.db")
            .args([
                "--json",
                "participation",
                "add",
                "--household",
                &households[0],
            ])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout_json(&out)["error"]["code"], code, "{args:?}");
    }
    let list = t
        .wwk("s.db")
        .args(["--json", "participation", "list", &households[0]])
        .output()
        .unwrap();
    let listed = stdout_json(&list);
    let first = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["topic"] == "buurtmoestuin")
        .unwrap()
        .clone();
    assert_eq!(first["status"], "interesse");
    // Followed up: doet mee, then no longer open.
    let pid = first["id"].as_str().unwrap();
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "participation",
            "step",
            pid,
            "--status",
            "doet_mee",
        ])
        .args(["--date", "2026-03-20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["status"], "doet_mee");
    let open = t
        .wwk("s.db")
        .args(["--json", "participation", "open"])
        .output()
        .unwrap();
    assert!(!stdout_json(&open)
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == pid));
    let (after, lines) = meedoen(&t.open("s.db"));
    assert_eq!(after, Cell::Value(before + 6), "{lines:?}");
}

/// A complex is made and filled by address from the CLI, and its profile
/// counts only its households; a complex below k households, an unknown one
/// and an address range without addresses are refused in Dutch (exit 2).
#[test]
fn a_complex_gets_its_own_profile_from_its_households() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 400, 8);
    let wijk = common::busiest_wijk(&s);
    let (postcode, n): (String, i64) = s
        .conn()
        .query_row(
            "SELECT postcode, count(*) FROM household WHERE wijk_code = ?1 AND postcode IS NOT NULL
             GROUP BY postcode ORDER BY count(*) DESC, postcode LIMIT 1",
            [&wijk],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(n >= 5, "a postcode with enough households");
    drop(s);
    let json = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        (out.status.code(), stdout_json(&out))
    };
    let (code, made) = json(&[
        "complex",
        "add",
        "--wijk",
        &wijk,
        "--name",
        "Flat aan het plein",
    ]);
    assert_eq!(code, Some(0), "{made}");
    let id = made["id"].as_str().unwrap().to_string();
    let (code, assigned) = json(&["complex", "assign", &id, "--postcode", &postcode]);
    assert_eq!(code, Some(0), "{assigned}");
    assert_eq!(assigned["complex"]["households"], n);
    let (code, e) = json(&["complex", "assign", &id, "--postcode", "9999ZZ"]);
    assert_eq!(
        (code, e["error"]["code"].as_str()),
        (Some(2), Some("invalid")),
        "{e}"
    );
    // The profile of the complex: its households only.
    let out = t
        .wwk("s.db")
        .args([
            "--json",
            "report",
            "--area",
            &wijk,
            "--complex",
            &id,
            "--out",
        ])
        .arg(t.path("complex.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let model: serde_json::Value =
        serde_json::from_slice(&std::fs::read(t.path("complex.json")).unwrap()).unwrap();
    assert_eq!(model["title"], "Complexprofiel Flat aan het plein");
    let expected: i64 = t
        .open("s.db")
        .conn()
        .query_row(
            "SELECT count(DISTINCT h.id) FROM household h JOIN visit v ON v.household_id = h.id
               JOIN outcome_code o ON o.code = v.outcome
             WHERE h.complex_id = ?1 AND h.deleted = 0 AND v.deleted = 0 AND o.approached = 1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    let approached = &model["key_figures"]["approached"];
    if expected >= 5 {
        assert_eq!(approached, expected, "{model}");
    } else {
        assert_eq!(approached, "< 5", "{model}");
    }
    // Too small, unknown, or outside the area: refused.
    let (_, small) = json(&["complex", "add", "--wijk", &wijk, "--name", "Hofje"]);
    let small = small["id"].as_str().unwrap().to_string();
    let elsewhere = if wijk == "BU02680100" {
        "BU02680733"
    } else {
        "BU02680100"
    };
    for (args, want) in [
        (
            vec!["--area", wijk.as_str(), "--complex", small.as_str()],
            "complex_too_small",
        ),
        (
            vec!["--area", wijk.as_str(), "--complex", "bestaat-niet"],
            "unknown_complex",
        ),
        (
            vec!["--area", elsewhere, "--complex", id.as_str()],
            "complex_outside_area",
        ),
    ] {
        let out = t
            .wwk("s.db")
            .args(["--json", "report"])
            .args(&args)
            .arg("--out")
            .arg(t.path("x.json"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout_json(&out)["error"]["code"], want, "{args:?}");
        assert!(!t.path("x.json").exists());
    }
}

#[test]
fn a_check_is_recorded_and_followed_up_from_the_command_line() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 60, 8);
    let household: String = s
        .conn()
        .query_row(
            "SELECT id FROM household WHERE deleted = 0 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(s);
    let wwk = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        (out.status.code(), stdout_json(&out), stderr(&out))
    };
    let (code, check, err) = wwk(&[
        "check",
        "add",
        "--household",
        &household,
        "--date",
        "2026-03-12",
        "--household-type",
        "paar_met_kinderen",
        "--age-group",
        "21_aow",
        "--income-band",
        "tot_100",
        "--rent-band",
        "huur_tot_grens",
        "--children",
        "2",
        "--item",
        "leergeld=mogelijk_recht",
        "--item",
        "zorgtoeslag=ontvangt_al",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let id = check["id"].as_str().unwrap().to_string();
    let step = |extra: &[&str]| {
        let mut args = vec!["check", "step", &id, "--regulation", "leergeld"];
        args.extend_from_slice(extra);
        wwk(&args)
    };
    // Refused with a clear message, nothing written.
    for (extra, says) in [
        (
            vec![
                "--status",
                "aangevraagd",
                "--date",
                "2026-03-01",
                "--helper",
                "few",
            ],
            "vóór de check",
        ),
        (
            vec![
                "--status",
                "toegekend",
                "--date",
                "2026-04-20",
                "--amount",
                "-85",
                "--period",
                "maand",
            ],
            "negatief",
        ),
        (
            vec![
                "--status",
                "toegekend",
                "--date",
                "2026-04-20",
                "--amount",
                "85",
            ],
            "per maand, per jaar of eenmalig",
        ),
    ] {
        let (code, json, err) = step(&extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert_eq!(json["error"]["code"], "invalid", "{extra:?}");
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    let (code, _, err) = step(&[
        "--status",
        "aangevraagd",
        "--date",
        "2026-03-20",
        "--helper",
        "formulierenbrigade",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, granted, err) = step(&[
        "--status",
        "toegekend",
        "--date",
        "2026-04-20",
        "--amount",
        "85",
        "--period",
        "maand",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(granted["yearly_eur"], 1020);
    let (_, shown, _) = wwk(&["check", "show", &id]);
    let leergeld = shown["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["regulation_id"] == "leergeld")
        .unwrap()
        .clone();
    assert_eq!(leergeld["status"], "toegekend");
    assert_eq!(leergeld["checked_status"], "mogelijk_recht");
    assert_eq!(leergeld["granted_yearly_eur"], 1020);
    assert_eq!(shown["steps"].as_array().unwrap().len(), 2);
    // The rest of the work: a benefit at the UWV, a warm handover to the FEW.
    let (code, _, err) = wwk(&[
        "check",
        "action",
        &id,
        "--kind",
        "uitkering",
        "--date",
        "2026-04-01",
    ]);
    assert_eq!(code, Some(2), "an agency is needed: {err}");
    assert!(err.contains("UWV"), "{err}");
    for args in [
        vec![
            "--kind",
            "uitkering",
            "--agency",
            "uwv",
            "--date",
            "2026-04-01",
        ],
        vec!["--kind", "few_overdracht", "--date", "2026-04-02"],
    ] {
        let mut a = vec!["check", "action", id.as_str()];
        a.extend(args);
        let (code, _, err) = wwk(&a);
        assert_eq!(code, Some(0), "{err}");
    }
    let (_, shown, _) = wwk(&["check", "show", &id]);
    let actions = shown["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert!(
        actions[1]["referral_id"].is_string(),
        "the handover is a referral"
    );
    let (_, list, _) = wwk(&["check", "list", &household]);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == id.as_str() && c["last_step_on"] == "2026-04-20"));
}

#[test]
fn a_collective_action_is_recorded_and_listed_in_the_area_profile() {
    let t = TestDir::new();
    let s = t.demo_store("s.db", 300, 6);
    let wijk = common::busiest_wijk(&s);
    drop(s);
    let wwk = |args: &[&str]| {
        let out = t.wwk("s.db").arg("--json").args(args).output().unwrap();
        (out.status.code(), stdout_json(&out), stderr(&out))
    };
    let add = |extra: &[&str]| {
        let mut a = vec![
            "collective",
            "add",
            "--wijk",
            wijk.as_str(),
            "--title",
            "Buurtmoestuin aanleggen",
        ];
        a.extend_from_slice(extra);
        wwk(&a)
    };
    for (extra, says) in [
        (
            vec!["--from", "2026-05-01", "--to", "2026-04-01"],
            "vóór de startdatum",
        ),
        (vec!["--from", "2026-05-01", "--status", "klaar"], "klaar"),
        (
            vec!["--from", "2026-05-01", "--complex", "onbekend"],
            "onbekend",
        ),
    ] {
        let (code, _, err) = add(&extra);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert!(err.contains(says), "{extra:?}: {err}");
    }
    let (code, a, err) = add(&[
        "--from",
        "2026-05-01",
        "--status",
        "uitgevoerd",
        "--to",
        "2026-06-15",
        "--residents",
        "14",
        "--value",
        "groen",
        "--theme",
        "moestuin",
        "--partner",
        "woningcorporatie",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (_, list, _) = wwk(&["collective", "list", "--area", &wijk]);
    assert!(list.as_array().unwrap().iter().any(|x| x["id"] == a["id"]));
    let json = t.path("profiel.json");
    let (code, _, err) = wwk(&[
        "report",
        "--area",
        &wijk,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let model: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let row = model["collective"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Buurtmoestuin aanleggen")
        .unwrap_or_else(|| panic!("{}", model["collective"]))
        .clone();
    assert_eq!(row["status"], "Uitgevoerd");
    assert_eq!(row["residents"], 14);
    assert_eq!(row["partners"][0], "Woningcorporatie");
}
