//! The real `wwk` binary: the contract coordinators' scripts rely on. What
//! workers record through it (checks, participation, complexes, collective
//! actions) is in `records`; bad input and odd stores in `edges`.

#[path = "../common/mod.rs"]
mod common;
mod edges;
mod records;
mod targets;
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
        serde_json::from_str(include_str!("../../assets/catalog/regulations-2026.json")).unwrap();
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
        serde_json::from_str(include_str!("../../assets/catalog/regulations-2026.json")).unwrap();
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
