//! Benchmarks of issue #6 at city scale: anonymous tables (XLSX and CSV of all
//! conversations, the check table, the area table per wijk) and the purge of
//! the whole city, plus an
//! import of a large voorzieningencheck spreadsheet.
//!
//! `cargo bench --bench tables` (WWK_BENCH_HOUSEHOLDS changes the scale;
//! default 100000 = city scale; WWK_BENCH_DB=/path keeps the generated city
//! store between runs). Each timing covers the core call end to end, file
//! writing included, on a real SQLCipher file. The machine is shared, so each
//! step runs `RUNS` times and reports the fastest wall-clock time and the
//! process CPU time of that run (less sensitive to other load).

use std::path::Path;
use std::time::Instant;
use wijkwaardenkaart::demo::{generate, DemoOptions};
use wijkwaardenkaart::ingest::{import_checks, ImportRequest};
use wijkwaardenkaart::privacy::retention::{self, PurgeRequest};
use wijkwaardenkaart::store::{Profile, Store};
use wijkwaardenkaart::tables::{self, TableFormat, TableLevel, TableRequest};

const PASS: &str = "benchmark passphrase";
const RUNS: usize = 3;

/// User + system CPU time of this process, in seconds (Linux).
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|s| s.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // Fields after the command name: state is 0, utime is 11, stime is 12.
    (ticks(11) + ticks(12)) / 100.0
}

/// Runs `f` `RUNS` times; returns (fastest wall time, CPU time of that run, its result).
fn measure<T>(mut f: impl FnMut() -> T) -> (f64, f64, T) {
    let mut best: Option<(f64, f64, T)> = None;
    for _ in 0..RUNS {
        let (c, t) = (cpu(), Instant::now());
        let out = f();
        let (wall, cpu_s) = (t.elapsed().as_secs_f64(), cpu() - c);
        if best.as_ref().is_none_or(|b| wall < b.0) {
            best = Some((wall, cpu_s, out));
        }
    }
    best.unwrap()
}

fn open_copy(master: &Path, work: &Path) -> Store {
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", work.display()));
    }
    std::fs::copy(master, work).unwrap();
    Store::open(work, PASS).unwrap()
}

fn main() {
    let households: u32 = std::env::var("WWK_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let master = match std::env::var_os("WWK_BENCH_DB") {
        Some(p) => std::path::PathBuf::from(p),
        None => dir.path().join("city-master.db"),
    };
    let t = Instant::now();
    if !master.exists() {
        let mut store =
            Store::create(&master, PASS, &Profile::new("Bench", "Bench", "Bench")).unwrap();
        generate(
            &mut store,
            DemoOptions {
                households,
                seed: 1,
            },
            &mut |_| true,
        )
        .unwrap();
    }
    let work = dir.path().join("city.db");
    let mut store = open_copy(&master, &work);
    let c = store.counts().unwrap();
    println!(
        "dataset: {households} addresses on walk lists ({} distinct households), {} conversations, {} checks \
         with {} items (ready in {:.1} s)",
        c.households,
        c.conversations,
        c.checks,
        c.check_items,
        t.elapsed().as_secs_f64()
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average at start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut rows: Vec<(String, f64, f64, String, &str)> = Vec::new();
    // WWK_BENCH_ONLY=tables|import|purge runs one group.
    let only = std::env::var("WWK_BENCH_ONLY").unwrap_or_default();
    let run = |group: &str| only.is_empty() || only == group;

    let levels = if run("tables") {
        vec![
            (TableLevel::Conversation, TableFormat::Xlsx, "< 5 s"),
            (TableLevel::Conversation, TableFormat::Csv, "< 2 s"),
            (TableLevel::Check, TableFormat::Xlsx, ""),
            (TableLevel::Check, TableFormat::Csv, ""),
            (TableLevel::Area, TableFormat::Xlsx, ""),
        ]
    } else {
        vec![]
    };
    for (level, format, target) in levels {
        let req = TableRequest::new(level, format);
        let out = dir.path().join(format!("t.{}", format.extension()));
        let (wall, cpu_s, s) =
            measure(|| tables::export(&store, &req, &out, &mut |_| true).unwrap());
        // The parts: reading the store, and making the file.
        let (read, _, set) = measure(|| tables::build(&store, &req, &mut |_| true).unwrap());
        let (file, _, _) = measure(|| tables::render(&set, format, None).unwrap());
        rows.push((
            format!("`wwk table --level {level:?} --format {format:?}`, whole city").to_lowercase(),
            wall,
            cpu_s,
            format!(
                "{} rows, {:.1} MB; read {read:.2} s + file {file:.2} s",
                s.rows,
                s.bytes as f64 / 1e6
            ),
            target,
        ));
    }

    // Import: a long-format CSV with one row per regulation for 5,000 checks.
    if run("import") {
        let mut csv = String::from("\u{feff}Straat;Huisnummer;Wijk;Datum;Regeling;Status\r\n");
        {
            let mut stmt = store
            .conn()
            .prepare(
                "SELECT street, number, wijk_code FROM household WHERE street IS NOT NULL AND addition IS NULL
                 GROUP BY street, number, wijk_code ORDER BY id LIMIT 5000",
            )
            .unwrap();
            let homes: Vec<(String, u32, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            for (street, number, wijk) in &homes {
                for (reg, status) in [
                    ("Zorgtoeslag", "Ontvangt al"),
                    ("Huurtoeslag", "Mogelijk recht"),
                    ("CAZ", "Aangevraagd"),
                ] {
                    csv += &format!("{street};{number};{wijk};2025-10-01;{reg};{status}\r\n");
                }
            }
        }
        let req = ImportRequest::new("bench.csv");
        let (c0, t) = (cpu(), Instant::now());
        let r = import_checks(&mut store, csv.as_bytes(), &req, &mut |_| true).unwrap();
        rows.push((
            "`wwk import-checks`, 15,000-row CSV (5,000 checks)".into(),
            t.elapsed().as_secs_f64(),
            cpu() - c0,
            format!("{} new checks, {} bad rows", r.checks.new, r.rows_invalid),
            "",
        ));
        let (wall, cpu_s, r) =
            measure(|| import_checks(&mut store, csv.as_bytes(), &req, &mut |_| true).unwrap());
        rows.push((
            "`wwk import-checks`, the same file again".into(),
            wall,
            cpu_s,
            format!("{} unchanged, {} new", r.checks.unchanged, r.checks.new),
            "",
        ));
    }
    drop(store);

    // Purge of the whole city: a "today" far ahead puts every record past the
    // period. Each run starts from a fresh copy of the city store.
    let req = PurgeRequest {
        older_than: None,
        dry_run: false,
        today: Some(chrono::NaiveDate::from_ymd_opt(2040, 1, 1).unwrap()),
    };
    let purges = if run("purge") {
        vec![
            ("`wwk purge --dry-run`, whole city", true, ""),
            ("`wwk purge`, whole city", false, "< 5 s"),
        ]
    } else {
        vec![]
    };
    for (name, dry, target) in purges {
        let mut best: Option<(f64, f64, retention::PurgeReport)> = None;
        for _ in 0..RUNS {
            let mut store = open_copy(&master, &work);
            let (c0, t) = (cpu(), Instant::now());
            let r = retention::purge(
                &mut store,
                &PurgeRequest {
                    dry_run: dry,
                    ..req.clone()
                },
            )
            .unwrap();
            let (wall, cpu_s) = (t.elapsed().as_secs_f64(), cpu() - c0);
            if best.as_ref().is_none_or(|b| wall < b.0) {
                best = Some((wall, cpu_s, r));
            }
        }
        let (wall, cpu_s, r) = best.unwrap();
        rows.push((
            name.into(),
            wall,
            cpu_s,
            format!(
                "{} households, {} conversations, {} quotes deleted, {} visit notes",
                r.households, r.conversations, r.quotes_deleted, r.visit_notes
            ),
            target,
        ));
    }
    if run("purge") {
        let mut store = Store::open(&work, PASS).unwrap();
        retention::purge(&mut store, &req).unwrap();
        let (wall, cpu_s, r) = measure(|| retention::purge(&mut store, &req).unwrap());
        assert!(r.is_empty());
        rows.push((
            "`wwk purge` again (nothing to do, as at app start)".into(),
            wall,
            cpu_s,
            String::new(),
            "",
        ));
    }

    println!("\n| step | wall | CPU | result | target |\n|---|---:|---:|---|---|");
    for (name, wall, cpu_s, what, target) in rows {
        println!("| {name} | {wall:.2} s | {cpu_s:.2} s | {what} | {target} |");
    }
}
