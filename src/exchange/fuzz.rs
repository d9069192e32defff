//! Byte-mutation harness for decoding and validating a decrypted bundle.
//!
//! Starts from real exports, mutates them (bit flips, interesting bytes,
//! deleted/duplicated ranges, truncation, swapped/duplicated lines, huge
//! numbers, deep nesting, long strings) and, for half of the inputs, repairs
//! the manifest's size and checksum so the mutation reaches the record
//! decoder. Every input is decoded; inputs that decode are validated against
//! a store and applied in a transaction that is rolled back. Fails on any
//! panic, on an input taking longer than a second, and on a database error
//! during apply (which would mean validation let something invalid through).
//!
//! ```text
//! WWK_FUZZ_INPUTS=1000000 cargo test --release --lib exchange::fuzz -- --ignored --nocapture
//! ```

use super::apply::apply;
use super::bundle::{self, Manifest};
use super::export::build_payload;
use super::testutil::memory_db;
use super::validate::{check_references, Loaded};
use super::{ExchangeError, Scope};
use crate::error::ErrorCode;
use crate::store::StoreError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Plaintexts of real exports: with and without catalogue documents.
fn seeds() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::store::Store::create(
        &dir.path().join("s.db"),
        "fuzz passphrase",
        &crate::store::Profile::new("Fuzz", "Team", "Laptop"),
    )
    .unwrap();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            households: 6,
            seed: 9,
        },
        &mut |_| true,
    )
    .unwrap();
    let (payload, counts, versions) =
        build_payload(store.conn(), &Scope::default(), &mut |_| true).unwrap();
    let manifest = |payload: &[u8]| Manifest {
        format: bundle::FORMAT.into(),
        format_version: bundle::FORMAT_VERSION,
        app_version: "fuzz".into(),
        schema_version: 2,
        source_device: "fuzz-device".into(),
        device_name: "Laptop".into(),
        worker: "Fuzz".into(),
        team: "Team".into(),
        exported_at: "2026-01-01T00:00:00.000Z".into(),
        scope: Scope::default(),
        counts: counts.clone(),
        catalog_versions: versions.clone(),
        payload: bundle::PayloadInfo {
            encoding: bundle::ENCODING.into(),
            bytes: payload.len() as u64,
            sha256: None,
            blake3: Some(bundle::payload_blake3(payload)),
        },
    };
    let full = bundle::plaintext(&manifest(&payload), &payload);
    // Without the catalogue documents: small, so most time goes to records.
    let text = String::from_utf8(payload.clone()).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let n: usize = serde_json::from_str::<serde_json::Value>(lines[0]).unwrap()["count"]
        .as_u64()
        .unwrap() as usize;
    lines.drain(1..=n);
    lines[0] = r#"{"section":"catalogs","count":0}"#;
    let mut small = lines.join("\n").into_bytes();
    small.push(b'\n');
    let lean = bundle::plaintext(&manifest(&small), &small);
    assert!(bundle::decode(&full).is_ok() && bundle::decode(&lean).is_ok());
    vec![full, lean]
}

const INTERESTING: &[u8] = b"\0\xff\"[]{},:\n\\-0123456789eE.tfn ";

fn mutate(rng: &mut ChaCha8Rng, input: &[u8]) -> Vec<u8> {
    let mut b = input.to_vec();
    let rounds = 1 + rng.random_range(0..4);
    for _ in 0..rounds {
        if b.is_empty() {
            b.push(b'[');
        }
        let len = b.len();
        let at = rng.random_range(0..len);
        match rng.random_range(0..12) {
            0 => b[at] ^= 1 << rng.random_range(0..8),
            1 => b[at] = INTERESTING[rng.random_range(0..INTERESTING.len())],
            2 => {
                let end = (at + rng.random_range(1..64)).min(len);
                b.drain(at..end);
            }
            3 => {
                let from = rng.random_range(0..len);
                let end = (from + rng.random_range(1..64)).min(len);
                let chunk = b[from..end].to_vec();
                b.splice(at..at, chunk);
            }
            4 => b.truncate(at),
            5 | 6 => {
                // Line-level: swap, duplicate or drop lines.
                let mut lines: Vec<Vec<u8>> =
                    b.split(|c| *c == b'\n').map(<[u8]>::to_vec).collect();
                let n = lines.len();
                let (i, j) = (rng.random_range(0..n), rng.random_range(0..n));
                match rng.random_range(0..3) {
                    0 => lines.swap(i, j),
                    1 => {
                        let l = lines[i].clone();
                        lines.insert(j, l);
                    }
                    _ => {
                        lines.remove(i);
                    }
                }
                b = lines.join(&b'\n');
            }
            7 => {
                // A number somewhere becomes huge, negative or fractional.
                if let Some(p) = b[at..].iter().position(u8::is_ascii_digit) {
                    let repl: &[u8] = [&b"99999999999999999999"[..], b"-1", b"1.5", b"1e400", b"0"]
                        [rng.random_range(0..5)];
                    b.splice(at + p..at + p + 1, repl.iter().copied());
                }
            }
            8 => {
                // A string becomes long, or gets control characters / escapes.
                if let Some(p) = b[at..].iter().position(|c| *c == b'"') {
                    let repl: Vec<u8> = match rng.random_range(0..4) {
                        0 => "x".repeat(rng.random_range(100..150_000)).into_bytes(),
                        1 => b"\\u0007\\u001b".to_vec(),
                        2 => b"\\ud800".to_vec(),
                        _ => "é\u{202e}ü".as_bytes().to_vec(),
                    };
                    b.splice(at + p + 1..at + p + 1, repl);
                }
            }
            9 => {
                let depth = rng.random_range(1..400);
                let nest = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                b.splice(at..at, nest.into_bytes());
            }
            10 => {
                // Swap one JSON literal for another.
                let lits: [&[u8]; 6] = [b"true", b"false", b"null", b"\"\"", b"[]", b"0"];
                if let Some(p) = b[at..].iter().position(|c| *c == b',') {
                    let l = lits[rng.random_range(0..lits.len())];
                    b.splice(at + p + 1..at + p + 1, l.iter().copied().chain([b',']));
                }
            }
            _ => {
                let end = (at + rng.random_range(1..8)).min(len);
                for x in &mut b[at..end] {
                    *x = rng.random();
                }
            }
        }
    }
    b
}

/// Sets the manifest's payload size and checksum to match the (mutated) payload.
fn repair(b: &[u8]) -> Vec<u8> {
    let Some(nl) = b.iter().position(|c| *c == b'\n') else {
        return b.to_vec();
    };
    let Ok(mut m) = serde_json::from_slice::<serde_json::Value>(&b[..nl]) else {
        return b.to_vec();
    };
    let payload = &b[nl + 1..];
    if !m.get("payload").is_some_and(|p| p.is_object()) {
        return b.to_vec();
    }
    m["payload"]["bytes"] = payload.len().into();
    m["payload"]["sha256"] = bundle::payload_hash(payload).into();
    let mut out = serde_json::to_vec(&m).unwrap();
    out.push(b'\n');
    out.extend_from_slice(payload);
    out
}

#[test]
#[ignore = "long-running; run in release, see the module documentation"]
fn byte_mutations_never_panic_hang_or_slip_through() {
    let inputs: u64 = std::env::var("WWK_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seeds = seeds();
    let mut rng = ChaCha8Rng::seed_from_u64(0x5757_4b21);
    let mut conn = memory_db();
    let mut outcomes: BTreeMap<String, u64> = BTreeMap::new();
    let (mut slowest, mut applied) = (Duration::ZERO, 0u64);
    let started = Instant::now();
    for i in 0..inputs {
        let seed = &seeds[if rng.random_range(0..10) == 0 { 0 } else { 1 }];
        let mut input = mutate(&mut rng, seed);
        if rng.random_bool(0.5) {
            input = repair(&input);
        }
        let t = Instant::now();
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| bundle::decode(&input)));
        let key = match result {
            Err(_) => panic!(
                "input {i} panicked the decoder:\n{}",
                String::from_utf8_lossy(&input)
            ),
            Ok(Err(problem)) => problem.code().to_string(),
            Ok(Ok(bundle)) => {
                let files = vec![Loaded {
                    name: "fuzz.wwk".into(),
                    bundle,
                    already: None,
                }];
                let tx = conn.transaction().unwrap();
                let checked = check_references(&tx, &files);
                match checked {
                    Err(e) => e.code().to_string(),
                    Ok(()) => {
                        applied += 1;
                        match apply(&tx, &files, "2026-01-01T00:00:00.000Z", &mut |_| true) {
                            Ok(_) => "accepted".to_string(),
                            Err(ExchangeError::Store(StoreError::Sqlite(e))) => panic!(
                                "input {i} passed validation but the database refused it: {e}\n{}",
                                String::from_utf8_lossy(&input)
                            ),
                            Err(e) => panic!("input {i}: apply failed after validation: {e}"),
                        }
                    }
                }
                // Dropping the transaction rolls the apply back.
            }
        };
        let took = t.elapsed();
        slowest = slowest.max(took);
        assert!(took < Duration::from_secs(1), "input {i} took {took:?}");
        *outcomes.entry(key).or_default() += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "fuzz: {inputs} inputs in {secs:.1} s ({:.0}/s), slowest {:.1} ms, {applied} applied (rolled back), no panics",
        inputs as f64 / secs,
        slowest.as_secs_f64() * 1000.0
    );
    for (k, v) in &outcomes {
        println!("  {k:<28} {v:>9}");
    }
}
