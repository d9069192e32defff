//! Every bad file is refused with exit 2, a specific code and a Dutch message
//! naming the file, and the store stays exactly as it was.

use super::common::{stderr, stdout_json};
use super::fixtures::{self, build, catalogue, Offer, Plain};
use super::{assert_same, exit_code, Env};
use std::path::{Path, PathBuf};
use wijkwaardenkaart::exchange::{public_keys_of, write_identity_file, GeneratedKey};

/// Makes sure the committed fixtures exist (rebuilds them when missing or
/// when `WWK_REGEN_FIXTURES=1`); returns (dir, coordinator identity).
fn ensure_fixtures(e: &Env) -> (PathBuf, PathBuf) {
    let dir = fixtures::dir();
    let identity = dir.join("identity.txt");
    let other = dir.join("other-identity.txt");
    let regen = std::env::var("WWK_REGEN_FIXTURES").is_ok_and(|v| v == "1");
    let missing = !identity.exists()
        || !dir.join("good-v1.wwk").exists()
        || catalogue()
            .iter()
            .any(|b| b.committed && !dir.join(b.name).exists());
    if !(regen || missing) {
        return (dir, identity);
    }
    std::fs::create_dir_all(&dir).unwrap();
    for k in [&identity, &other] {
        if !k.exists() {
            write_identity_file(k, &GeneratedKey::generate()).unwrap();
        }
    }
    let public = public_keys_of(&identity).unwrap().remove(0);
    let other_public = public_keys_of(&other).unwrap().remove(0);
    e.demo("fixture.db", "Fixture", 12, 42);
    let file = e.export("fixture.db", "fixture.wwk", &public, &[]);
    let plain = decrypt(&file, &identity);
    let base = Plain::parse(&plain).without_catalogs();
    // good-v1.wwk is a file of export format 1, kept to prove old files stay
    // readable: it is written only when missing, never regenerated.
    if !dir.join("good-v1.wwk").exists() {
        std::fs::write(
            dir.join("good-v1.wwk"),
            fixtures::seal_key(&base.bytes(), &public),
        )
        .unwrap();
    }
    for b in catalogue().iter().filter(|b| b.committed) {
        std::fs::write(
            dir.join(b.name),
            build(b.name, &base, &public, &other_public),
        )
        .unwrap();
    }
    (dir, identity)
}

fn decrypt(file: &Path, identity: &Path) -> Vec<u8> {
    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg(file)
        .output()
        .unwrap();
    assert!(out.status.success());
    out.stdout
}

#[test]
fn bad_files_are_refused_with_a_specific_dutch_message_and_change_nothing() {
    let e = Env::new();
    let (dir, identity) = ensure_fixtures(&e);
    let cat = catalogue();
    assert!(cat.len() >= 30);

    // The committed valid file still merges: the format did not change by accident.
    e.init("good.db", "Coordinator");
    let receipt = e.merge_ok("good.db", &[&dir.join("good-v1.wwk")], &identity);
    assert!(receipt["totals"]["new"].as_u64().unwrap() > 20, "{receipt}");

    e.init("c.db", "Coordinator");
    let before = e.dump("c.db", true);
    let public = public_keys_of(&identity).unwrap().remove(0);
    let base = Plain::parse(&decrypt(&dir.join("good-v1.wwk"), &identity));
    for (n, b) in cat.iter().enumerate() {
        let path = if b.committed {
            dir.join(b.name)
        } else {
            let p = e.path(b.name);
            std::fs::write(&p, build(b.name, &base, &public, &public)).unwrap();
            p
        };
        // verify shares the checks with merge; run it on a spread of the files.
        let commands: &[&str] = if n % 4 == 0 {
            &["merge", "verify"]
        } else {
            &["merge"]
        };
        for command in commands {
            let mut cmd = e.wwk("c.db");
            cmd.args(["--json", command]).arg(&path);
            match b.offer {
                Offer::Key => {
                    cmd.arg("--identity").arg(&identity);
                }
                Offer::Pass(p) => {
                    cmd.args(["--passphrase-env", "FIXTURE_PASS"])
                        .env("FIXTURE_PASS", p);
                }
            }
            let out = cmd.output().unwrap();
            let err = stderr(&out);
            assert_eq!(exit_code(&out), 2, "{} ({command}): {err}", b.name);
            let json = stdout_json(&out);
            assert_eq!(
                json["error"]["code"], b.code,
                "{} ({command}): {err}",
                b.name
            );
            assert!(
                err.contains(b.name),
                "{}: the message names the file: {err}",
                b.name
            );
            assert!(
                err.contains(b.says),
                "{}: expected \"{}\" in: {err}",
                b.name,
                b.says
            );
            assert!(err.len() < 2000, "{}: message stays short", b.name);
        }
    }
    assert_same(&before, &e.dump("c.db", true), "store after all bad files");

    // A good file offered together with a bad one: nothing of the good one is kept.
    let out = e.merge(
        "c.db",
        &[&dir.join("good-v1.wwk"), &dir.join("unknown-household.wwk")],
        &identity,
        &[],
    );
    assert_eq!(exit_code(&out), 2);
    assert_same(
        &before,
        &e.dump("c.db", true),
        "store after a batch with one bad file",
    );

    // A broken identity file is refused the same way.
    let broken = e.path("broken.key");
    std::fs::write(&broken, "AGE-SECRET-KEY-1NIETGOED\n").unwrap();
    let out = e.merge("c.db", &[&dir.join("good-v1.wwk")], &broken, &[]);
    assert_eq!(exit_code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("Sleutelbestand"), "{}", stderr(&out));
}
