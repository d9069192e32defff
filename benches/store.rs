//! Store benchmarks, each side by side with raw SQLite doing the same work:
//! city-scale demo generation, save-conversation latency (p50/p95), full-text
//! search latency (p50/p95) over the city dataset, and database size.
//!
//! `cargo bench --bench store` (set WWK_BENCH_HOUSEHOLDS to change the scale;
//! default 100000 = city scale). The raw-SQLite baseline is an unencrypted copy
//! of the same database (made with `sqlcipher_export`), written to with plain SQL
//! and no validation, so the ratio shows the cost of encryption and the core's checks.

use std::time::{Duration, Instant};
use wijkwaardenkaart::demo::{generate, DemoOptions};
use wijkwaardenkaart::domain::conversation::{
    Consent, ConversationInput, Quote, Sentiment, ValueTag,
};
use wijkwaardenkaart::store::{Profile, Store};

const PASS: &str = "benchmark passphrase";
const SAVES: usize = 400;
/// Words searched: the 20 most common in the demo stories (by the number of
/// stories and quotes they occur in) and the 20 rarest.
const WORDS: usize = 20;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn input(i: usize) -> ConversationInput {
    ConversationInput {
        id: None,
        household_id: None,
        visit_id: None,
        campaign_id: None,
        wijk_code: "BU02680733".into(),
        held_on: "2026-05-04".into(),
        workers: vec!["Bench".into()],
        language: "nl".into(),
        story: format!(
            "Ik woon hier nu {i} jaar. Wat ik fijn vind is het buurthuis om de hoek, daar drink ik koffie. \
             Maar sinds de bushalte weg is kom ik minder de deur uit en de huur stijgt elk jaar."
        ),
        values: vec![
            ValueTag { value_id: "ontmoeting".into(), sentiment: Sentiment::Valued, bevorderend: "buurthuis".into(), belemmerend: String::new() },
            ValueTag { value_id: "bereikbaarheid".into(), sentiment: Sentiment::Concern, bevorderend: String::new(), belemmerend: "bushalte weg".into() },
            ValueTag { value_id: "betaalbaar_wonen".into(), sentiment: Sentiment::Concern, bevorderend: String::new(), belemmerend: "huurverhoging".into() },
        ],
        themes: vec!["vervoer".into()],
        quotes: vec![Quote { id: None, text: "Zonder bus ben ik nergens.".into(), consent_quoting: true }],
        consent: Consent { registration: false, quoting: true, recontact: false },
        follow_up_wanted: false,
        follow_up_note: String::new(),
        contact: None,
    }
}

fn raw_save(conn: &mut rusqlite::Connection, i: usize) {
    let c = input(i);
    let tx = conn.transaction().unwrap();
    let id = uuid::Uuid::now_v7().to_string();
    tx.prepare_cached(
        "INSERT INTO conversation(id, created_at, updated_at, device_id, author, wijk_code, held_on, workers, language, story,
           consent_registration, consent_quoting, consent_recontact, follow_up_wanted, follow_up_note)
         VALUES (?1, '2026-05-04T10:00:00.000Z', '2026-05-04T10:00:00.000Z-0000', 'dev', 'Bench', ?2, ?3, '[\"Bench\"]', 'nl', ?4, 0, 1, 0, 0, '')",
    )
    .unwrap()
    .execute(rusqlite::params![id, c.wijk_code, c.held_on, c.story])
    .unwrap();
    for v in &c.values {
        tx.prepare_cached("INSERT INTO conversation_value(conversation_id, value_id, sentiment, bevorderend, belemmerend) VALUES (?1, ?2, ?3, ?4, ?5)")
            .unwrap()
            .execute(rusqlite::params![id, v.value_id, v.sentiment.as_str(), v.bevorderend, v.belemmerend])
            .unwrap();
    }
    tx.prepare_cached(
        "INSERT INTO conversation_theme(conversation_id, theme) VALUES (?1, 'vervoer')",
    )
    .unwrap()
    .execute([&id])
    .unwrap();
    tx.prepare_cached("INSERT INTO quote(id, conversation_id, position, text, consent_quoting) VALUES (?1, ?2, 0, ?3, 1)")
        .unwrap()
        .execute(rusqlite::params![format!("{id}-q0"), id, c.quotes[0].text])
        .unwrap();
    tx.commit().unwrap();
}

/// The same ranked search as the store's, as one raw FTS5 query on the
/// unencrypted copy: bm25 over the same window of newest matches, the
/// conversation joined and the snippet made for the 20 shown.
fn raw_search(conn: &rusqlite::Connection, q: &str) -> usize {
    let fts = wijkwaardenkaart::domain::search::to_fts_query(q).unwrap();
    let mut stmt = conn
        .prepare_cached(
            "SELECT r.conversation_id, c.held_on,
                    (SELECT snippet(search_fts, 0, '[', ']', '…', 16) FROM search_fts
                     WHERE search_fts MATCH ?1 AND rowid = r.rowid)
             FROM (SELECT rowid, conversation_id, score FROM
                     (SELECT rowid, conversation_id, bm25(search_fts) AS score FROM search_fts
                      WHERE search_fts MATCH ?1 ORDER BY rowid DESC LIMIT ?2)
                   ORDER BY score, rowid DESC) r
             JOIN conversation c ON c.id = r.conversation_id WHERE c.deleted = 0 LIMIT 20",
        )
        .unwrap();
    let window = wijkwaardenkaart::domain::search::RANK_WINDOW;
    let rows = stmt
        .query_map(rusqlite::params![fts, window], |r| r.get::<_, String>(0))
        .unwrap();
    rows.count()
}

/// The most common and some rare words of the stories and quotes, from
/// the index's vocabulary (on the unencrypted copy).
fn words(conn: &rusqlite::Connection) -> (Vec<String>, Vec<String>) {
    conn.execute_batch("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, search_fts, 'row');")
        .unwrap();
    let list = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        let rows = stmt.query_map([WORDS as i64], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    (
        list("SELECT term FROM temp.vocab WHERE length(term) > 2 ORDER BY doc DESC, term LIMIT ?1"),
        list(
            "SELECT term FROM temp.vocab WHERE length(term) > 3 AND term NOT GLOB '*[0-9]*'
             ORDER BY doc, term LIMIT ?1",
        ),
    )
}

fn size_of(path: &std::path::Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|s| {
            std::fs::metadata(format!("{}{s}", path.display()))
                .map(|m| m.len())
                .unwrap_or(0)
        })
        .sum()
}

fn main() {
    let households: u32 = std::env::var("WWK_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let mut store = Store::create(&path, PASS, &Profile::new("Bench", "Bench", "Bench")).unwrap();

    let t = Instant::now();
    let summary = generate(
        &mut store,
        DemoOptions {
            households,
            seed: 1,
        },
        &mut |_| true,
    )
    .unwrap();
    let gen = t.elapsed();
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();

    // Unencrypted copy with identical schema and data: the raw-SQLite baseline.
    let plain = dir.path().join("plain.db");
    store
        .conn()
        .execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plaintext KEY ''; SELECT sqlcipher_export('plaintext'); DETACH DATABASE plaintext;",
            plain.display()
        ))
        .unwrap();
    let mut raw = rusqlite::Connection::open(&plain).unwrap();
    raw.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
    )
    .unwrap();
    let (size_store, size_plain) = (size_of(&path), size_of(&plain));

    let mut core_saves = Vec::with_capacity(SAVES);
    let mut raw_saves = Vec::with_capacity(SAVES);
    for i in 0..SAVES {
        let t = Instant::now();
        store.save_conversation(&input(i)).unwrap();
        core_saves.push(t.elapsed());
        let t = Instant::now();
        raw_save(&mut raw, i);
        raw_saves.push(t.elapsed());
    }

    let (common, rare) = words(&raw);
    // Search as after starting the app: the store opened afresh (the
    // generator's connection holds its write-time state).
    drop(store);
    let store = Store::open(&path, PASS).unwrap();
    let timed = |words: &[String]| {
        let (mut core, mut base, mut hits) = (Vec::new(), Vec::new(), 0);
        for _round in 0..5 {
            for q in words {
                let t = Instant::now();
                hits += store.search(q, 20).unwrap().len();
                core.push(t.elapsed());
                let t = Instant::now();
                raw_search(&raw, q);
                base.push(t.elapsed());
            }
        }
        (core, base, hits)
    };
    let (mut core_common, mut raw_common, hits_common) = timed(&common);
    let (mut core_rare, mut raw_rare, hits_rare) = timed(&rare);

    println!(
        "Wijkwaardenkaart store benchmark — {households} households, {} conversations",
        summary.conversations
    );
    println!(
        "{:<34} {:>12} {:>14} {:>8}",
        "measure", "wwk", "raw SQLite", "ratio"
    );
    println!(
        "{:<34} {:>10.1} s {:>14} {:>8}",
        "demo generation (city scale)",
        gen.as_secs_f64(),
        "-",
        "-"
    );
    for (name, core, base, p) in [
        (
            "save conversation p50",
            &mut core_saves.clone(),
            &mut raw_saves.clone(),
            0.50,
        ),
        (
            "save conversation p95",
            &mut core_saves,
            &mut raw_saves,
            0.95,
        ),
        (
            "search, 20 commonest words p50",
            &mut core_common.clone(),
            &mut raw_common.clone(),
            0.50,
        ),
        (
            "search, 20 commonest words p95",
            &mut core_common,
            &mut raw_common,
            0.95,
        ),
        (
            "search, 20 rare words p50",
            &mut core_rare.clone(),
            &mut raw_rare.clone(),
            0.50,
        ),
        (
            "search, 20 rare words p95",
            &mut core_rare,
            &mut raw_rare,
            0.95,
        ),
    ] {
        let (c, b) = (percentile(core, p), percentile(base, p));
        println!(
            "{name:<34} {:>9.2} ms {:>11.2} ms {:>7.2}x",
            ms(c),
            ms(b),
            ms(c) / ms(b)
        );
    }
    println!(
        "{:<34} {:>9.1} MB {:>11.1} MB {:>7.2}x",
        "database size",
        size_store as f64 / 1e6,
        size_plain as f64 / 1e6,
        size_store as f64 / size_plain as f64
    );
    println!(
        "(search ranked by bm25 over the newest {} matches; target p95 < 20 ms; commonest: {}; rare: {}; \
         {hits_common} and {hits_rare} hits over 5 rounds)",
        wijkwaardenkaart::domain::search::RANK_WINDOW,
        common.join(" "),
        rare.join(" ")
    );
}
