//! Area-profile benchmark: report build + PDF render for one wijk and for the
//! whole city on the city-scale demo store (100 000 households), side by side
//! with typst compiling an equivalent pre-aggregated document.
//!
//! `cargo bench --bench report` (the store is generated once into
//! `target/bench-report/city.db` and reused). The typst baseline needs the PyPI
//! package `typst` (`pip install typst`); without it that column says so.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use wijkwaardenkaart::profile::model::*;
use wijkwaardenkaart::report::{self, RenderOptions, ReportRequest};
use wijkwaardenkaart::store::{Profile, Store};

const PASS: &str = "bench-wachtwoord";

fn store(dir: &Path) -> Store {
    let path = dir.join("city.db");
    if path.exists() {
        if let Ok(s) = Store::open(&path, PASS) {
            if s.counts().map(|c| c.households >= 100_000).unwrap_or(false) {
                return s;
            }
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
    std::fs::create_dir_all(dir).unwrap();
    let mut s = Store::create(&path, PASS, &Profile::new("Bench", "Team", "bench")).unwrap();
    let t = Instant::now();
    wijkwaardenkaart::demo::generate(
        &mut s,
        wijkwaardenkaart::demo::DemoOptions {
            households: 100_000,
            seed: 1,
        },
        &mut |_| true,
    )
    .unwrap();
    eprintln!("city store generated in {:.1} s", t.elapsed().as_secs_f64());
    s
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// Build + render `runs` times, each on a freshly opened store (nothing kept;
/// the opening is not timed); returns (median ms, model, bytes).
fn time_report(path: &Path, area: &str, runs: usize) -> (f64, ReportModel, Vec<u8>) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let s = &Store::open(path, PASS).unwrap();
        let t = Instant::now();
        let mut req = ReportRequest::for_area(area);
        req.compare = true;
        req.generated_at = Some("2026-01-01T00:00:00.000Z".into());
        let (m, b) = report::generate(s, &req, &RenderOptions::default(), &mut |_| true).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some((m, b));
    }
    let (m, b) = last.unwrap();
    (median(times), m, b)
}

fn esc(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        if "\\#$*_`<>@[]\"".contains(c) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut t = format!(
        "#table(columns: {}, fill: (x, y) => if y == 0 {{ rgb(\"#1b3a5c\") }}, table.header({}),\n",
        header.len(),
        header
            .iter()
            .map(|h| format!("text(fill: white, weight: \"bold\")[{}]", esc(h)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for r in rows {
        for c in r {
            t += &format!("[{}], ", esc(c));
        }
        t += "\n";
    }
    t + ")\n"
}

/// The same content as our PDF, pre-aggregated, as a typst document: cover,
/// headings, paragraphs, tables, a funnel and bar chart from rectangles and
/// the map from the same polygons.
fn typst_source(m: &ReportModel) -> String {
    let mut s = String::from(
        "#set page(paper: \"a4\", margin: 2cm, header: [Wijkprofiel], footer: context [Pagina #counter(page).display()])\n\
         #set text(font: \"Noto Sans\", size: 10pt, lang: \"nl\")\n\
         #set document(title: \"Wijkprofiel\")\n",
    );
    s += &format!(
        "#rect(width: 100%, height: 8cm, fill: rgb(\"#1b3a5c\"))[#text(fill: white, size: 36pt, weight: \"bold\")[{}] \\ #text(fill: white)[{}]]\n#pagebreak()\n",
        esc(&m.area_name),
        esc(&m.period.label())
    );
    s += "= Kerncijfers\n";
    let first = m.key_figures.funnel[0].count.value().unwrap_or(1).max(1) as f64;
    for f in &m.key_figures.funnel {
        let w = f.count.value().unwrap_or(0) as f64 / first * 100.0;
        s += &format!(
            "#rect(width: {w:.1}%, height: 0.7cm, fill: rgb(\"#1f7a8c\"))[#text(fill: white)[{} {}]]\n",
            esc(&f.label),
            esc(&f.count.to_string())
        );
    }
    s += "= Kaart\n#block[\n";
    let map = wijkwaardenkaart::catalog::nijmegen();
    for w in map.wijken() {
        for r in &w.rings {
            let pts: Vec<String> = r
                .iter()
                .map(|(x, y)| {
                    format!(
                        "({:.1}pt, {:.1}pt)",
                        (x - 5.75) * 2400.0,
                        (51.88 - y) * 3900.0
                    )
                })
                .collect();
            s += &format!(
                "#place(polygon(fill: rgb(\"#b9dbe2\"), stroke: white, {}))\n",
                pts.join(", ")
            );
        }
    }
    s += "#v(10cm)]\n";
    if let Some(sh) = &m.map.shading {
        let rows: Vec<Vec<String>> = sh
            .per_wijk
            .iter()
            .map(|(n, c, v)| vec![n.clone(), c.clone(), v.to_string()])
            .collect();
        s += &table(&["Wijk", "Code", "Gesprekken"], &rows);
    }
    s += "= Wat bewoners waardevol vinden\n";
    if let Section::Shown(v) = &m.values {
        for r in v.rows.iter().take(12) {
            let w = r.named_pct.unwrap_or(0.0);
            s += &format!(
                "#grid(columns: (4cm, 1fr), [{}], rect(width: {w:.1}%, height: 0.35cm, fill: rgb(\"#2e8b57\")))\n",
                esc(&r.label)
            );
        }
        let rows: Vec<Vec<String>> = v
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.label.clone(),
                    r.named.to_string(),
                    r.valued.to_string(),
                    r.concern.to_string(),
                ]
            })
            .collect();
        s += &table(&["Waarde", "Gesprekken", "Gewaardeerd", "Zorg"], &rows);
    }
    s += "= Thema's en citaten\n";
    if let Section::Shown(t) = &m.themes {
        let rows: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|(n, c)| vec![n.clone(), c.to_string()])
            .collect();
        s += &table(&["Thema", "Gesprekken"], &rows);
        for q in &t.quotes {
            s += &format!("#quote(block: true)[{}]\n", esc(q));
        }
    }
    s += "= Voorzieningencheck\n";
    if let Section::Shown(c) = &m.checks {
        let rows: Vec<Vec<String>> = c
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.checked.to_string(),
                    r.receiving.to_string(),
                    r.non_take_up.to_string(),
                    r.applied.to_string(),
                    r.granted.to_string(),
                    r.granted_eur.to_string(),
                ]
            })
            .collect();
        s += &table(
            &[
                "Regeling",
                "Gecheckt",
                "Ontvangt al",
                "Mogelijk recht",
                "Aangevraagd",
                "Toegekend",
                "Opbrengst",
            ],
            &rows,
        );
        for src in &c.sources {
            s += &format!("- {}\n", esc(src));
        }
    }
    s += "= Doorverwijzingen en meedoen\n";
    if let Section::Shown(r) = &m.referrals {
        for list in [&r.by_target, &r.by_status, &r.participation] {
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|(n, c)| vec![n.clone(), c.to_string()])
                .collect();
            s += &table(&["", "Aantal"], &rows);
        }
    }
    s += "= Ontwikkeling\n";
    if let Some(Section::Shown(d)) = &m.development {
        let rows: Vec<Vec<String>> = d
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.label.clone(),
                    r.previous.to_string(),
                    r.current.to_string(),
                ]
            })
            .collect();
        s += &table(&["Kerncijfer", "Vorige", "Deze"], &rows);
    }
    s += "= Verantwoording\n";
    for p in m
        .accountability
        .method
        .iter()
        .chain(&m.accountability.privacy)
    {
        s += &format!("{}\n\n", esc(p));
    }
    s += &esc(&m.accountability.suppression);
    s
}

/// Median typst compile time in ms over `runs`, via the PyPI package.
fn typst_ms(src: &Path, fonts: &Path, runs: usize) -> Result<f64, String> {
    let script = format!(
        "import time, typst\n\
         ts = []\n\
         for _ in range({runs}):\n\
         \x20   t = time.perf_counter()\n\
         \x20   typst.compile({src:?}, font_paths=[{fonts:?}], ignore_system_fonts=True)\n\
         \x20   ts.append((time.perf_counter() - t) * 1000)\n\
         ts.sort()\n\
         print(ts[len(ts) // 2])\n",
        src = src.display().to_string(),
        fonts = fonts.display().to_string(),
    );
    let out = Command::new("python3")
        .arg("-c")
        .arg(script)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .unwrap_or("typst failed")
            .to_string());
    }
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("{e}"))
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target/bench-report");
    let s = store(&dir);
    let wijk = s
        .stats_by_area()
        .unwrap()
        .into_iter()
        .max_by_key(|a| a.conversations)
        .unwrap()
        .code;
    println!(
        "## Area profile (report build + PDF render), city-scale store (100 000 households)\n"
    );
    println!("| profile | ours (median) | PDF size | typst compile (median) | ours / typst |");
    println!("|---|---|---|---|---|");
    for (label, area, runs) in [("wijk", wijk.as_str(), 15), ("city", "GM0268", 5)] {
        let (ms, model, bytes) = time_report(&dir.join("city.db"), area, runs);
        let src = dir.join(format!("{label}.typ"));
        std::fs::write(&src, typst_source(&model)).unwrap();
        std::fs::write(dir.join(format!("{label}.pdf")), &bytes).unwrap();
        let typst = typst_ms(&src, &root.join("assets/fonts"), runs);
        let (t, ratio) = match typst {
            Ok(t) => (format!("{t:.0} ms"), format!("{:.2}", ms / t)),
            Err(e) => (format!("n/a ({e})"), "n/a".into()),
        };
        println!(
            "| {label} ({area}) | {ms:.0} ms | {} KB | {t} | {ratio} |",
            bytes.len() / 1024
        );
    }
    dashboards(&dir.join("city.db"), &wijk);
    year_report(&dir.join("city.db"), &wijk);
}

/// The year report (Jaarverantwoording: every campaign of the year, a row
/// and a page per wijk and complex, PDF) for the busiest year, side by side
/// with the wijk profile (build + PDF) of the busiest wijk in the same run;
/// both cold (a freshly opened store, the opening not timed).
fn year_report(path: &Path, wijk: &str) {
    use wijkwaardenkaart::profile::{build_year, YearRequest};
    let s = Store::open(path, PASS).unwrap();
    let year: i32 = s
        .conn()
        .query_row(
            "SELECT substr(held_on, 1, 4) AS y FROM conversation WHERE deleted = 0
             GROUP BY y ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    drop(s);
    let mut years = Vec::new();
    let mut wijken = Vec::new();
    let mut rows = 0;
    let mut kb = 0;
    for _ in 0..5 {
        let (ms, _, _) = time_report(path, wijk, 1);
        wijken.push(ms);
        let s = Store::open(path, PASS).unwrap();
        let t = Instant::now();
        let r = build_year(
            &s,
            &YearRequest {
                year,
                programme: None,
                policy: Default::default(),
                generated_at: Some("2026-01-01T00:00:00.000Z".into()),
            },
        )
        .unwrap();
        let pdf = report::pdf::render_year_pdf(&r, &mut |_| true).unwrap();
        years.push(t.elapsed().as_secs_f64() * 1000.0);
        rows = r.rows.len();
        kb = pdf.len() / 1024;
    }
    let (y, w) = (median(years), median(wijken));
    println!("\n## Year report (Jaarverantwoording {year}), city-scale store, cold, 5 runs each\n");
    println!("| report | ours (median) | / wijk profile | target |");
    println!("|---|---|---|---|");
    println!("| wijk profile {wijk} (build + PDF) | {w:.0} ms | 1.00 | – |");
    println!(
        "| year report {year}, all campaigns, {rows} rows and a page each, {kb} KB (build + PDF) | {y:.0} ms | {:.1} | < 3 s |",
        y / w
    );
}

/// The app's dashboard (the profile without comparison) for the busiest
/// wijk and the city, and the map's cells of all 44 wijken. "Cold" builds on
/// a freshly opened store (as after starting the app: nothing kept, page
/// cache empty; the opening itself is not timed); "kept" builds again on the
/// same, unchanged store. Side by side: a raw read of the rows the city
/// profile reads (every row and column, from the same tables and indexes,
/// without counting): what reading and decrypting the data alone costs.
fn dashboards(path: &Path, wijk: &str) {
    use wijkwaardenkaart::privacy::SuppressionPolicy;
    use wijkwaardenkaart::profile;
    let open = || Store::open(path, PASS).unwrap();
    let cold = |runs: usize, f: &dyn Fn(&Store)| {
        let mut v = Vec::new();
        for _ in 0..runs {
            let s = open();
            let t = Instant::now();
            f(&s);
            v.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        median(v)
    };
    let kept = |runs: usize, first: &dyn Fn(&Store), f: &dyn Fn(&Store)| {
        let s = open();
        first(&s);
        let mut v = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            f(&s);
            v.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        median(v)
    };
    let raw = cold(5, &|s| {
        for sql in [
            "SELECT id, wijk_code, household_id, follow_up_wanted, consent_quoting, held_on
             FROM conversation WHERE deleted = 0",
            "SELECT id, wijk_code FROM household WHERE deleted = 0",
            "SELECT household_id, visited_at, outcome FROM visit INDEXED BY visit_scope WHERE deleted = 0",
            "SELECT conversation_id, value_id, sentiment, bevorderend, belemmerend FROM conversation_value",
            "SELECT conversation_id, theme FROM conversation_theme",
            "SELECT conversation_id, id, text FROM quote WHERE consent_quoting = 1",
            "SELECT household_id, checked_on, id, wijk_code FROM benefit_check WHERE deleted = 0",
            "SELECT check_id, regulation_id, status, estimated_yearly_eur FROM check_item",
        ] {
            let mut stmt = s.conn().prepare(sql).unwrap();
            let n = stmt.column_count();
            let mut rows = stmt.query([]).unwrap();
            let mut bytes = 0usize;
            while let Some(r) = rows.next().unwrap() {
                for i in 0..n {
                    if let Ok(t) = r.get_ref(i).unwrap().as_str() {
                        bytes += t.len();
                    }
                }
            }
            std::hint::black_box(bytes);
        }
    });
    let build = |area: &str| {
        let area = area.to_string();
        move |s: &Store| {
            profile::build(s, &ReportRequest::for_area(&area)).unwrap();
        }
    };
    let map = |s: &Store| {
        profile::map(s, None, None, &SuppressionPolicy::default()).unwrap();
    };
    println!("\n## Dashboard and map (the profile model), city-scale store\n");
    println!(
        "| view | ours (median) | raw read of the city's rows (median) | ours / raw | target |"
    );
    println!("|---|---|---|---|---|");
    let city = build("GM0268");
    let rows: [(String, f64, &str); 6] = [
        (
            format!("dashboard, busiest wijk {wijk}, cold (15 runs)"),
            cold(15, &build(wijk)),
            "≤ 100 ms",
        ),
        (
            "dashboard, whole city GM0268, cold (5 runs)".into(),
            cold(5, &city),
            "< 1 s",
        ),
        (
            "dashboard, whole city GM0268, kept (5 runs)".into(),
            kept(5, &city, &city),
            "< 1 s",
        ),
        ("map, 44 wijken, cold (5 runs)".into(), cold(5, &map), "–"),
        (
            "map, 44 wijken, after the city (5 runs)".into(),
            kept(5, &city, &map),
            "–",
        ),
        (
            "dashboard, whole city, after the map (5 runs)".into(),
            kept(5, &map, &city),
            "< 1 s",
        ),
    ];
    for (label, ms, target) in rows {
        println!(
            "| {label} | {ms:.0} ms | {raw:.0} ms | {:.2} | {target} |",
            ms / raw
        );
    }
}
