//! Exchange benchmark at city scale, split over device files like a real
//! coordinator gets them: N laptops (default 20) each with households/N
//! households (default 100000 in total) export `.wwk` files; the files are
//! merged into an empty coordinator store, then merged again (no changes);
//! the coordinator's city store is exported. Side by side: a raw SQLite bulk
//! INSERT of the same rows in one transaction (plain and SQLCipher), and our
//! merge throughput relative to it. Peak RSS of a merge is measured on the
//! real `wwk` binary with `/usr/bin/time`.
//!
//! `cargo bench --bench exchange` (WWK_BENCH_HOUSEHOLDS, WWK_BENCH_DEVICES to change the scale).

use rusqlite::types::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use wijkwaardenkaart::demo::{generate, DemoOptions};
use wijkwaardenkaart::exchange::{
    export, merge, ExportOptions, GeneratedKey, MergeOptions, Protection, Scope, Source, Unlock,
};
use wijkwaardenkaart::store::{Profile, Store};

const PASS: &str = "benchmark passphrase";

/// Tables in dependency order, children after their parents.
const TABLES: &[&str] = &[
    "value_catalog",
    "complex",
    "campaign",
    "household",
    "campaign_address",
    "visit",
    "conversation",
    "conversation_value",
    "conversation_theme",
    "quote",
    "benefit_check",
    "check_item",
    "referral",
    "participation",
];
const PARENTS: &[&str] = &[
    "complex",
    "campaign",
    "household",
    "campaign_address",
    "visit",
    "conversation",
    "benefit_check",
    "referral",
    "participation",
];

fn env_num(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// CPU time (user + system) of this process so far, in seconds (Linux).
fn cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let f: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

/// All rows of the synced tables (children included).
/// One table's column names and rows.
type TableRows = (&'static str, Vec<String>, Vec<Vec<Value>>);

fn read_rows(conn: &rusqlite::Connection) -> Vec<TableRows> {
    TABLES
        .iter()
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {t}")).unwrap();
            let cols: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let n = cols.len();
            let rows = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<Vec<Vec<Value>>, _>>()
                .unwrap();
            (*t, cols, rows)
        })
        .collect()
}

/// Inserts the rows in one transaction with prepared statements; no checks.
fn raw_insert(conn: &mut rusqlite::Connection, rows: &[TableRows]) -> (Duration, f64) {
    // The same page cache the merge uses, so the comparison is fair.
    conn.pragma_update(
        None,
        "cache_size",
        -wijkwaardenkaart::exchange::MERGE_CACHE_KIB,
    )
    .unwrap();
    let (t, c) = (Instant::now(), cpu());
    let tx = conn.transaction().unwrap();
    for (table, cols, data) in rows {
        let marks = (1..=cols.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = tx
            .prepare(&format!(
                "INSERT OR REPLACE INTO {table} ({}) VALUES ({marks})",
                cols.join(", ")
            ))
            .unwrap();
        let tt = Instant::now();
        for r in data {
            stmt.execute(rusqlite::params_from_iter(r.iter())).unwrap();
        }
        if std::env::var_os("WWK_BENCH_DETAIL").is_some() {
            eprintln!(
                "  raw {table}: {} rows in {:.3} s",
                data.len(),
                secs(tt.elapsed())
            );
        }
    }
    tx.commit().unwrap();
    (t.elapsed(), cpu() - c)
}

/// Peak RSS (KB) and wall time of a command, via GNU time.
fn peak_rss(cmd: &mut Command) -> Option<(u64, f64, f64)> {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return None;
    }
    let prog = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let envs: Vec<_> = cmd
        .get_envs()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned())))
        .collect();
    let out = Command::new(time)
        .args(["-f", "RSS %M WALL %e CPU %U %S"])
        .arg(prog)
        .args(args)
        .envs(envs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let line = err.lines().rev().find(|l| l.starts_with("RSS "))?;
    let parts: Vec<&str> = line.split_whitespace().collect();
    let cpu = parts[5].parse::<f64>().ok()? + parts[6].parse::<f64>().ok()?;
    Some((parts[1].parse().ok()?, parts[3].parse().ok()?, cpu))
}

fn main() {
    let households = env_num("WWK_BENCH_HOUSEHOLDS", 100_000);
    let devices = env_num("WWK_BENCH_DEVICES", 20).max(1);
    let dir = tempfile::tempdir().unwrap();
    let key = GeneratedKey::generate();
    let identity = dir.path().join("coordinator.key");
    wijkwaardenkaart::exchange::write_identity_file(&identity, &key).unwrap();
    let protection = Protection::Recipients(vec![key.public_key()]);

    // N laptops, each with its own demo data.
    let t = Instant::now();
    let mut files: Vec<PathBuf> = Vec::new();
    let mut export_time = Duration::ZERO;
    let mut file_bytes = 0u64;
    let mut plain_bytes = 0u64;
    for d in 0..devices {
        let path = dir.path().join(format!("laptop{d}.db"));
        let mut store = Store::create(
            &path,
            PASS,
            &Profile::new(&format!("Werker {d}"), "Team", &format!("Laptop {d}")),
        )
        .unwrap();
        generate(
            &mut store,
            DemoOptions {
                households: households / devices,
                seed: 1000 + d as u64,
            },
            &mut |_| true,
        )
        .unwrap();
        let file = dir.path().join(format!("laptop{d}.wwk"));
        let te = Instant::now();
        let receipt = export(
            &mut store,
            &file,
            &ExportOptions {
                scope: Scope::default(),
                protection: protection.clone(),
            },
            &mut |_| true,
        )
        .unwrap();
        export_time += te.elapsed();
        plain_bytes += receipt.plain_bytes;
        file_bytes += std::fs::metadata(&file).unwrap().len();
        files.push(file);
    }
    let setup = t.elapsed() - export_time;
    let sources: Vec<Source> = files.iter().cloned().map(Source::Path).collect();
    let unlock = Unlock::IdentityFile(identity.clone());

    // Merge everything into an empty coordinator store.
    let coord_path = dir.path().join("coordinator.db");
    let empty_copy = dir.path().join("empty.db");
    let mut coord = Store::create(
        &coord_path,
        PASS,
        &Profile::new("Coördinator", "Team", "Kantoor"),
    )
    .unwrap();
    drop(coord);
    std::fs::copy(&coord_path, &empty_copy).unwrap();
    coord = Store::open(&coord_path, PASS).unwrap();
    let (t, c) = (Instant::now(), cpu());
    let first = merge(
        &mut coord,
        &sources,
        &unlock,
        &MergeOptions::default(),
        &mut |_| true,
    )
    .unwrap();
    let merge_time = t.elapsed();
    let merge_cpu = cpu() - c;
    let records = first.totals.total();
    // The merge defers indexing stories and quotes; the app (and `wwk`)
    // catch the index up right after it.
    let pending = coord.search_index_state().unwrap();
    let (t, c) = (Instant::now(), cpu());
    coord.index_search(&mut |_| {}).unwrap();
    let index_time = t.elapsed();
    let index_cpu = cpu() - c;
    let gap: i64 = coord
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM conversation WHERE story <> '') + (SELECT count(*) FROM quote)
                  - (SELECT count(*) FROM search_fts)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gap, 0, "the search index did not catch up");

    // The same files again: nothing may change.
    let (t, c) = (Instant::now(), cpu());
    let again = merge(
        &mut coord,
        &sources,
        &unlock,
        &MergeOptions::default(),
        &mut |_| true,
    )
    .unwrap();
    let remerge_time = t.elapsed();
    let remerge_cpu = cpu() - c;
    assert_eq!(
        again.totals.changes(),
        0,
        "re-merge changed something: {:?}",
        again.totals
    );

    // Export the city store.
    let city_file = dir.path().join("city.wwk");
    let (t, c) = (Instant::now(), cpu());
    let mut encoded_at = None;
    let city = export(
        &mut coord,
        &city_file,
        &ExportOptions {
            scope: Scope::default(),
            protection: protection.clone(),
        },
        &mut |p| {
            if p.stage == "Versleutelen en wegschrijven" && encoded_at.is_none() {
                encoded_at = Some(t.elapsed());
            }
            true
        },
    )
    .unwrap();
    let city_export = t.elapsed();
    let export_cpu = cpu() - c;
    let encode_part = encoded_at.unwrap_or_default();
    let counts: (i64, i64) = coord
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM household), (SELECT count(*) FROM conversation)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();

    // Raw SQLite: the same rows, bulk INSERT in one transaction.
    let rows = read_rows(coord.conn());
    let parent_rows: usize = rows
        .iter()
        .filter(|(t, _, _)| PARENTS.contains(t) || *t == "value_catalog")
        .map(|(_, _, r)| r.len())
        .sum();
    let all_rows: usize = rows.iter().map(|(_, _, r)| r.len()).sum();
    drop(coord);
    let empty = Store::open(&empty_copy, PASS).unwrap();
    let plain_path = dir.path().join("plain.db");
    // The store was opened without CREATE, so ATTACH needs an existing (empty) file.
    std::fs::File::create(&plain_path).unwrap();
    empty
        .conn()
        .execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plaintext KEY ''; SELECT sqlcipher_export('plaintext'); DETACH DATABASE plaintext;",
            plain_path.display()
        ))
        .unwrap();
    drop(empty);
    let mut plain = rusqlite::Connection::open(&plain_path).unwrap();
    plain
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )
        .unwrap();
    let (raw_plain, raw_plain_cpu) = raw_insert(&mut plain, &rows);
    drop(plain);
    let cipher_copy = dir.path().join("cipher.db");
    std::fs::copy(&empty_copy, &cipher_copy).unwrap();
    let mut cipher = Store::open(&cipher_copy, PASS).unwrap();
    let (raw_cipher, raw_cipher_cpu) = raw_insert(cipher.conn_mut(), &rows);
    drop(cipher);
    // The same without full-text indexing: what the FTS triggers cost.
    let nofts_copy = dir.path().join("nofts.db");
    std::fs::copy(&empty_copy, &nofts_copy).unwrap();
    let mut nofts = Store::open(&nofts_copy, PASS).unwrap();
    nofts
        .conn()
        .execute_batch(
            "DROP TRIGGER conversation_fts_insert; DROP TRIGGER conversation_fts_update;
             DROP TRIGGER conversation_fts_delete; DROP TRIGGER quote_fts_insert;
             DROP TRIGGER quote_fts_update; DROP TRIGGER quote_fts_delete;",
        )
        .unwrap();
    let (raw_nofts, raw_nofts_cpu) = raw_insert(nofts.conn_mut(), &rows);
    drop(nofts);

    // Peak RSS of the same merge through the real binary, into another empty store.
    let rss_db = dir.path().join("rss.db");
    std::fs::copy(&empty_copy, &rss_db).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wwk"));
    cmd.arg("--db")
        .arg(&rss_db)
        .arg("merge")
        .args(&files)
        .arg("--identity")
        .arg(&identity)
        .env("WWK_PASSPHRASE", PASS);
    let rss = peak_rss(&mut cmd);

    let ours = records as f64 / secs(merge_time);
    // The workplace's raw-insert yardstick, the same number of rows, same run.
    let yardstick = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/sqlite_bulk.py");
    let python = Command::new("python3")
        .arg(&yardstick)
        .arg(all_rows.to_string())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| {
            let text = String::from_utf8_lossy(&o.stdout).to_string();
            let per_s: f64 = text.split("= ").nth(1)?.split(' ').next()?.parse().ok()?;
            Some(all_rows as f64 / per_s)
        });
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "machine: {} cores, load average {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    println!(
        "Wijkwaardenkaart exchange benchmark — {households} households over {devices} device files \
         ({} households, {} conversations in the city store; {records} records, {all_rows} rows with children)",
        counts.0, counts.1
    );
    println!("{:<46} {:>10}  target", "measure", "result");
    println!(
        "{:<46} {:>8.1} s",
        "demo data for the laptops (setup)",
        secs(setup)
    );
    println!(
        "{:<46} {:>8.2} s  ({:.1} MB in {devices} files)",
        "export of all laptop files (sum)",
        secs(export_time),
        file_bytes as f64 / 1e6
    );
    println!(
        "{:<46} {:>8.1} %  <= 15 % ({:.1} MB of {:.1} MB plaintext; city file {:.1} of {:.1} MB)",
        "exchange file size / plaintext",
        100.0 * file_bytes as f64 / plain_bytes as f64,
        file_bytes as f64 / 1e6,
        plain_bytes as f64 / 1e6,
        city.bytes as f64 / 1e6,
        city.plain_bytes as f64 / 1e6
    );
    println!(
        "{:<46} {:>8.2} s  < 10 s (CPU {merge_cpu:.1} s)",
        "merge of all files into an empty store",
        secs(merge_time)
    );
    println!(
        "{:<46} {:>8.2} s  < 10 s (CPU {index_cpu:.1} s; {} stories and quotes; search complete after it)",
        "search index catch-up after the merge",
        secs(index_time),
        pending.remaining
    );
    println!(
        "{:<46} {:>8.2} s  < 1 s (CPU {remerge_cpu:.1} s; changes: {}; skipped from the manifest: {} of {devices})",
        "re-merge of the same files",
        secs(remerge_time),
        again.totals.changes(),
        again.files.iter().filter(|f| f.summary.skipped).count()
    );
    println!(
        "{:<46} {:>8.2} s  < 3 s (CPU {export_cpu:.1} s; {:.1} MB; read+encode {:.2} s, pack+seal+write {:.2} s)",
        "export of the city store",
        secs(city_export),
        city.bytes as f64 / 1e6,
        secs(encode_part),
        secs(city_export - encode_part)
    );
    match rss {
        Some((kb, wall, cpu)) => println!(
            "{:<46} {:>7.0} MB  (wwk merge: {wall:.1} s wall, {cpu:.1} s CPU, incl. start-up)",
            "peak RSS of the merge",
            kb as f64 / 1024.0
        ),
        None => println!("{:<46} {:>10}", "peak RSS of the merge", "n/a"),
    }
    let raw_p = parent_rows as f64 / secs(raw_plain);
    let raw_c = parent_rows as f64 / secs(raw_cipher);
    println!(
        "{:<46} {:>8.2} s  ({:.0} records/s, CPU {raw_plain_cpu:.1} s)",
        "raw SQLite bulk INSERT, plain",
        secs(raw_plain),
        raw_p
    );
    println!(
        "{:<46} {:>8.2} s  ({:.0} records/s, CPU {raw_cipher_cpu:.1} s)",
        "raw SQLite bulk INSERT, SQLCipher",
        secs(raw_cipher),
        raw_c
    );
    println!(
        "{:<46} {:>8.2} s  (CPU {raw_nofts_cpu:.1} s; the FTS triggers cost {:.2} s of the SQLCipher INSERT)",
        "raw SQLite bulk INSERT, SQLCipher, no FTS",
        secs(raw_nofts),
        secs(raw_cipher) - secs(raw_nofts)
    );
    match python {
        Some(t) => println!(
            "{:<46} {:>8.2} s  ({all_rows} rows; merge / this: {:.2}, goal > 1)",
            "python3 sqlite_bulk.py, same rows (yardstick)",
            t,
            t / secs(merge_time)
        ),
        None => println!(
            "{:<46} {:>10}  ({} not found)",
            "python3 sqlite_bulk.py (yardstick)",
            "n/a",
            yardstick.display()
        ),
    }
    println!("{:<46} {:>10.0}  records/s", "merge throughput", ours);
    println!(
        "{:<46} {:>10.2}",
        "merge / raw plain INSERT, by CPU time",
        raw_plain_cpu / merge_cpu
    );
    let raw_n = parent_rows as f64 / secs(raw_nofts);
    println!(
        "{:<46} {:>10.2}  goal >= 0.9",
        "merge / raw SQLCipher INSERT without FTS",
        ours / raw_n
    );
    println!(
        "{:<46} {:>10.2}",
        "merge + index catch-up / raw SQLCipher INSERT",
        secs(raw_cipher) / (secs(merge_time) + secs(index_time))
    );
    println!("{:<46} {:>10.2}", "merge / raw plain INSERT", ours / raw_p);
}
