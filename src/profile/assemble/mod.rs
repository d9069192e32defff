//! From raw aggregates to the report model: ranking, shares, suppression
//! (primary and secondary), quote selection and scrubbing, and the fixed texts.
//! Pure: no store access beyond loading labels, so it is tested on hand-made data.

mod checks;
mod collective;

use super::model::*;
use super::raw::{Raw, TextCounts};
use crate::privacy::{scrub, suppress_line, Cell, SuppressionPolicy, PLACEHOLDER};
use checks::checks;
use collective::collective;
use rusqlite::Connection;
use std::collections::BTreeMap;

/// Most values whose factors are listed, factors per side, themes, quotes.
const TOP_VALUES: usize = 3;
const TOP_FACTORS: usize = 3;
const MAX_THEMES: usize = 12;
const MAX_QUOTES: usize = 6;
const MAX_QUOTE_CHARS: usize = 280;

/// Labels and catalogue facts the report prints.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// (id, label) in catalogue order, retired values included only if used.
    pub values: Vec<(String, String, bool)>,
    /// (id, name, level) in catalogue order.
    pub regulations: Vec<(String, String, String)>,
    pub regulation_sources: Vec<String>,
    pub catalog_year: i32,
    pub disclaimer: String,
    pub referral_targets: Vec<(String, String)>,
    pub referral_statuses: Vec<(String, String)>,
    pub catalogs: Vec<(String, String)>,
    /// (code, label) of the other work in a check.
    pub check_actions: Vec<(String, String)>,
    /// The quick screen's client answers, as "Wie we bereikten" shows them.
    pub client_dims: Vec<ClientDim>,
}

/// One answer of the quick screen counted in "Wie we bereikten".
#[derive(Debug, Clone)]
pub struct ClientDim {
    /// The key prefix in `Raw::clients` (`household_type`, …).
    pub dim: String,
    pub title: String,
    /// (code, label) in catalogue order.
    pub options: Vec<(String, String)>,
}

impl Labels {
    pub fn load(conn: &Connection) -> Result<Labels, super::ProfileError> {
        let pairs = |sql: &str| -> rusqlite::Result<Vec<(String, String)>> {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        };
        let mut stmt =
            conn.prepare("SELECT id, label, retired FROM value_catalog ORDER BY sort, label")?;
        let values = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? == 1)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let regs = crate::catalog::regulations_in_store(conn)
            .map_err(|e| super::ProfileError::Domain(e.into()))?;
        Ok(Labels {
            values,
            regulations: regs
                .regulations
                .iter()
                .map(|r| (r.id.clone(), r.name.clone(), r.level.clone()))
                .collect(),
            regulation_sources: regs
                .regulations
                .iter()
                .map(|r| format!("{}: {} ({})", r.name, r.estimate.source, r.estimate.year))
                .collect(),
            catalog_year: regs.year,
            disclaimer: regs.disclaimer.clone(),
            referral_targets: pairs("SELECT code, label FROM referral_target ORDER BY sort")?,
            referral_statuses: pairs("SELECT code, label FROM referral_status ORDER BY sort")?,
            catalogs: pairs("SELECT catalog, version FROM catalog_version ORDER BY catalog")?,
            check_actions: crate::domain::check_action::KINDS
                .iter()
                .map(|(c, l)| (c.to_string(), l.to_string()))
                .collect(),
            client_dims: client_dims(&regs.screen_inputs),
        })
    }
}

/// The quick screen's client answers as labelled dimensions, in the order of
/// [`TRAITS`](super::query::TRAITS).
fn client_dims(si: &crate::catalog::ScreenInputs) -> Vec<ClientDim> {
    let opts = |it: Vec<(&String, &String)>| {
        it.into_iter()
            .map(|(id, label)| (id.clone(), label.clone()))
            .collect::<Vec<_>>()
    };
    let dims = [
        (
            "Samenstelling huishouden",
            opts(
                si.household_types
                    .iter()
                    .map(|o| (&o.id, &o.label))
                    .collect(),
            ),
        ),
        (
            "Leeftijd oudste volwassene",
            opts(si.age_groups.iter().map(|o| (&o.id, &o.label)).collect()),
        ),
        (
            "Inkomen",
            opts(si.income_bands.iter().map(|o| (&o.id, &o.label)).collect()),
        ),
    ];
    super::query::TRAITS
        .iter()
        .zip(dims)
        .map(|(dim, (title, options))| ClientDim {
            dim: dim.to_string(),
            title: title.to_string(),
            options,
        })
        .collect()
}

/// Facts about the request that are not counts.
#[derive(Debug, Clone)]
pub struct Context {
    pub level: Level,
    pub area_code: String,
    pub area_name: String,
    pub parent_name: Option<String>,
    pub campaign_name: Option<String>,
    pub period: Period,
    pub wijken: Vec<String>,
    pub organisation: String,
    pub team: String,
    pub generated_at: String,
    pub policy: SuppressionPolicy,
}

pub fn assemble(
    ctx: &Context,
    labels: &Labels,
    raw: &Raw,
    previous: Option<&(Period, Raw)>,
) -> ReportModel {
    let pol = &ctx.policy;
    let title = match ctx.level {
        Level::Campaign => format!("Wijkprofiel {} (ronde)", ctx.area_name),
        Level::Wijk => format!("Wijkprofiel {}", ctx.area_name),
        Level::Stadsdeel => format!("Stadsdeelprofiel {}", ctx.area_name),
        Level::City => "Stadsprofiel Nijmegen".to_string(),
        Level::Complex => format!("Complexprofiel {}", ctx.area_name),
    };
    ReportModel {
        title,
        level: ctx.level,
        area_code: ctx.area_code.clone(),
        area_name: ctx.area_name.clone(),
        parent_name: ctx.parent_name.clone(),
        campaign_name: ctx.campaign_name.clone(),
        period: ctx.period,
        organisation: ctx.organisation.clone(),
        team: ctx.team.clone(),
        generated_at: ctx.generated_at.clone(),
        policy: *pol,
        key_figures: key_figures(pol, raw),
        map: map(ctx, raw),
        values: values(pol, labels, raw),
        themes: themes(pol, raw),
        checks: checks(pol, labels, raw),
        referrals: referrals(pol, labels, raw),
        collective: collective(pol, labels, raw),
        development: previous.map(|(p, prev)| development(pol, labels, raw, *p, prev)),
        accountability: super::accountability::accountability(ctx, labels),
    }
}

fn key_figures(pol: &SuppressionPolicy, raw: &Raw) -> KeyFigures {
    let approached = pol.cell(raw.approached);
    let reached = pol.cell(raw.reached);
    let conversations = pol.cell(raw.conversations);
    let follow_ups = pol.cell(raw.follow_ups);
    let referrals = pol.cell(raw.referrals());
    let steps = [
        ("Benaderd", approached),
        ("Bereikt", reached),
        ("Gesprekken", conversations),
        ("Vervolg gewenst", follow_ups),
        ("Doorverwezen", referrals),
    ];
    KeyFigures {
        approached,
        reached,
        reached_pct: pol.pct(&reached, &approached),
        conversations,
        follow_ups,
        referrals,
        checks: pol.cell(raw.checks),
        funnel: steps
            .iter()
            .map(|(label, c)| FunnelStep {
                label: label.to_string(),
                count: *c,
                pct_of_first: pol.pct(c, &approached),
            })
            .collect(),
    }
}

fn map(ctx: &Context, raw: &Raw) -> MapModel {
    let pol = &ctx.policy;
    let counts: Vec<(String, u64)> = ctx
        .wijken
        .iter()
        .map(|w| (w.clone(), raw.per_wijk.get(w).copied().unwrap_or(0)))
        .collect();
    // The per-wijk counts add up to the published number of conversations.
    let line = suppress_line(pol, &counts.iter().map(|(_, n)| *n).collect::<Vec<_>>());
    // A breakdown that had to hide its total (every cell hidden and still
    // pinned down) would give it away next to the key figure: left out.
    let keeps_total = !line.total.is_suppressed() || !pol.base_ok(raw.conversations);
    let shading = (matches!(ctx.level, Level::Stadsdeel | Level::City) && keeps_total).then(|| {
        let mut shown: Vec<u64> = line.cells.iter().filter_map(Cell::value).collect();
        shown.sort_unstable();
        // Up to three classes split at the terciles of the publishable counts.
        let mut bounds: Vec<u64> = Vec::new();
        if !shown.is_empty() {
            for q in [1, 2] {
                let b = shown[(shown.len() * q / 3).min(shown.len() - 1)];
                if bounds.last().is_none_or(|l| b > *l) && b > shown[0] {
                    bounds.push(b);
                }
            }
        }
        let mut classes = vec![format!("< {} of afgeschermd", pol.k)];
        let mut lo = pol.k as u64;
        for b in &bounds {
            classes.push(format!(
                "{} – {}",
                crate::privacy::format_int(lo as i64),
                crate::privacy::format_int(*b as i64 - 1)
            ));
            lo = *b;
        }
        if !shown.is_empty() {
            classes.push(format!("{} of meer", crate::privacy::format_int(lo as i64)));
        }
        let wijk_class = counts
            .iter()
            .zip(&line.cells)
            .map(|((w, _), c)| {
                let class = match c.value() {
                    None => 0,
                    Some(n) => 1 + bounds.iter().filter(|b| n >= **b).count(),
                };
                (w.clone(), class)
            })
            .collect();
        let names = crate::catalog::nijmegen();
        let per_wijk = counts
            .iter()
            .zip(&line.cells)
            .map(|((w, _), c)| {
                let name = names.get(w).map(|a| a.name.clone()).unwrap_or_default();
                (name, w.clone(), *c)
            })
            .collect();
        Shading {
            measure: "Gesprekken per wijk".into(),
            classes,
            wijk_class,
            per_wijk,
        }
    });
    MapModel {
        highlight: ctx.wijken.clone(),
        shading,
        attribution: crate::catalog::nijmegen().attribution.clone(),
    }
}

/// Value rows ranked: publishable counts by size, hidden ones alphabetically.
fn value_rows(pol: &SuppressionPolicy, labels: &Labels, raw: &Raw) -> (Vec<ValueRow>, bool) {
    let base = pol.cell(raw.conversations);
    let as_pct = matches!(base, Cell::Value(n) if n >= pol.min_base_for_pct as u64);
    let mut rows: Vec<(u64, ValueRow)> = labels
        .values
        .iter()
        .filter(|(id, _, retired)| !retired || raw.values.contains_key(id))
        .map(|(id, label, _)| {
            let (v, c) = raw.values.get(id).copied().unwrap_or((0, 0));
            let line = suppress_line(pol, &[v, c]);
            let named = line.total;
            (
                v + c,
                ValueRow {
                    id: id.clone(),
                    label: label.clone(),
                    named,
                    valued: line.cells[0],
                    concern: line.cells[1],
                    named_pct: pol.pct(&named, &base),
                    valued_pct: pol.pct(&line.cells[0], &base),
                    concern_pct: pol.pct(&line.cells[1], &base),
                },
            )
        })
        .collect();
    rows.sort_by(|(na, a), (nb, b)| {
        let key = |n: &u64, r: &ValueRow| {
            (
                r.named.is_suppressed(),
                if r.named.is_suppressed() {
                    0
                } else {
                    u64::MAX - n
                },
            )
        };
        key(na, a)
            .cmp(&key(nb, b))
            .then_with(|| a.label.cmp(&b.label))
    });
    (rows.into_iter().map(|(_, r)| r).collect(), as_pct)
}

/// Free texts with their counts, most named first (ties alphabetically).
fn ranked(texts: &TextCounts) -> Vec<(&String, u64)> {
    let mut list: Vec<(&String, u64)> = texts.values().map(|(t, n)| (t, *n)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    list
}

fn factors(pol: &SuppressionPolicy, texts: Option<&TextCounts>) -> Vec<Factor> {
    texts
        .map(|texts| {
            ranked(texts)
                .into_iter()
                .filter(|(_, n)| *n >= pol.k as u64)
                .map(|(t, n)| Factor {
                    text: scrub(t),
                    count: pol.cell(n),
                })
                .filter(|f| !f.text.contains(PLACEHOLDER))
                .take(TOP_FACTORS)
                .collect()
        })
        .unwrap_or_default()
}

fn too_few(pol: &SuppressionPolicy, what: &str) -> String {
    format!(
        "{TOO_FEW} Er zijn minder dan {} {what} in deze periode.",
        pol.k
    )
}

fn values(pol: &SuppressionPolicy, labels: &Labels, raw: &Raw) -> Section<ValuesSection> {
    if !pol.base_ok(raw.conversations) {
        return Section::TooFew(too_few(pol, "gesprekken"));
    }
    let (rows, as_pct) = value_rows(pol, labels, raw);
    let top_factors = rows
        .iter()
        .filter(|r| !r.named.is_suppressed())
        .take(TOP_VALUES)
        .map(|r| ValueFactors {
            label: r.label.clone(),
            bevorderend: factors(pol, raw.bevorderend.get(&r.id)),
            belemmerend: factors(pol, raw.belemmerend.get(&r.id)),
        })
        .collect();
    Section::Shown(ValuesSection {
        conversations: pol.cell(raw.conversations),
        rows,
        as_pct,
        top_factors,
    })
}

fn themes(pol: &SuppressionPolicy, raw: &Raw) -> Section<ThemesSection> {
    if !pol.base_ok(raw.conversations) {
        return Section::TooFew(too_few(pol, "gesprekken"));
    }
    let k = pol.k as u64;
    // Themes are typed by workers: only themes named at least k times are listed,
    // and only when scrubbing leaves them intact.
    let (listed, rest): (Vec<_>, Vec<_>) = ranked(&raw.themes)
        .into_iter()
        .partition(|(t, n)| *n >= k && scrub(t) == **t);
    let rows: Vec<(String, Cell)> = listed
        .iter()
        .take(MAX_THEMES)
        .map(|(t, n)| ((*t).clone(), pol.cell(*n)))
        .collect();
    let other_n: u64 = listed
        .iter()
        .skip(MAX_THEMES)
        .chain(rest.iter())
        .map(|(_, n)| *n)
        .sum();
    let has_other = listed.len() > MAX_THEMES || !rest.is_empty();
    let mut quotes: Vec<String> = Vec::new();
    for (_, q) in &raw.quotes {
        if quotes.len() == MAX_QUOTES {
            break;
        }
        let s = scrub(q.trim());
        // Skip quotes that are too long to stand alone or lost most of their words.
        let words = s.split_whitespace().count();
        if s.chars().count() > MAX_QUOTE_CHARS
            || words < 4
            || s.matches(PLACEHOLDER).count() * 4 > words
            || quotes.contains(&s)
        {
            continue;
        }
        quotes.push(s);
    }
    let quotes_note = quotes.is_empty().then(|| {
        "Er zijn geen citaten waarvoor bewoners toestemming gaven om ze anoniem te gebruiken."
            .to_string()
    });
    Section::Shown(ThemesSection {
        rows,
        other: has_other.then(|| pol.cell(other_n)),
        quotes,
        quotes_note,
    })
}

fn labelled_line(
    pol: &SuppressionPolicy,
    labels: &[(String, String)],
    counts: &BTreeMap<String, u64>,
) -> (Vec<(String, Cell)>, Cell) {
    let mut keys: Vec<(String, String)> = labels.to_vec();
    for k in counts.keys() {
        if !keys.iter().any(|(c, _)| c == k) {
            keys.push((k.clone(), k.clone()));
        }
    }
    let n: Vec<u64> = keys
        .iter()
        .map(|(c, _)| counts.get(c).copied().unwrap_or(0))
        .collect();
    let line = suppress_line(pol, &n);
    (
        keys.into_iter().map(|(_, l)| l).zip(line.cells).collect(),
        line.total,
    )
}

fn referrals(pol: &SuppressionPolicy, labels: &Labels, raw: &Raw) -> Section<ReferralsSection> {
    if !pol.base_ok(raw.conversations) {
        return Section::TooFew(too_few(pol, "gesprekken"));
    }
    let (mut by_target, t1) =
        labelled_line(pol, &labels.referral_targets, &raw.referrals_by_target);
    let (mut by_status, t2) =
        labelled_line(pol, &labels.referral_statuses, &raw.referrals_by_status);
    // The total is also a key figure. If a breakdown had to hide a total of k or
    // more (every cell hidden and still pinned down), the breakdown is left out.
    if raw.referrals() >= pol.k as u64 && (t1.is_suppressed() || t2.is_suppressed()) {
        by_target.clear();
        by_status.clear();
    }
    let total = pol.cell(raw.referrals());
    let pairs = |l: &[(&str, &str)]| -> Vec<(String, String)> {
        l.iter()
            .map(|(c, l)| (c.to_string(), l.to_string()))
            .collect()
    };
    use crate::domain::participation::{KINDS, STATUSES};
    let (participation, participation_total) =
        labelled_line(pol, &pairs(KINDS), &raw.participation);
    let (participation_status, _) = labelled_line(pol, &pairs(STATUSES), &raw.participation_status);
    Section::Shown(ReferralsSection {
        by_target,
        by_status,
        total,
        participation,
        participation_total,
        participation_status,
    })
}

fn development(
    pol: &SuppressionPolicy,
    labels: &Labels,
    raw: &Raw,
    previous: Period,
    prev: &Raw,
) -> Section<DevelopmentSection> {
    if prev.is_empty() {
        return Section::TooFew(format!(
            "Er zijn geen gegevens over de vorige periode ({}), dus er valt nog niets te vergelijken.",
            previous.label()
        ));
    }
    if !pol.base_ok(prev.conversations) {
        return Section::TooFew(format!(
            "{TOO_FEW} In de vorige periode ({}) zijn minder dan {} gesprekken gevoerd.",
            previous.label(),
            pol.k
        ));
    }
    let pairs = [
        ("Huishoudens benaderd", raw.approached, prev.approached),
        ("Huishoudens bereikt", raw.reached, prev.reached),
        ("Gesprekken", raw.conversations, prev.conversations),
        ("Vervolg gewenst", raw.follow_ups, prev.follow_ups),
        ("Voorzieningenchecks", raw.checks, prev.checks),
        ("Doorverwijzingen", raw.referrals(), prev.referrals()),
    ];
    let rows = pairs
        .iter()
        .map(|(label, now, before)| {
            let (c, p) = (pol.cell(*now), pol.cell(*before));
            let change_pct = match (c, p) {
                (Cell::Value(a), Cell::Value(b)) if b > 0 => {
                    Some((a as f64 - b as f64) * 100.0 / b as f64)
                }
                _ => None,
            };
            DevelopmentRow {
                label: label.to_string(),
                current: c,
                previous: p,
                change_pct,
            }
        })
        .collect();
    let (now_rows, _) = value_rows(pol, labels, raw);
    let (prev_rows, _) = value_rows(pol, labels, prev);
    let values = now_rows
        .iter()
        .filter(|r| !r.named.is_suppressed())
        .take(5)
        .map(|r| ValueChange {
            label: r.label.clone(),
            current_pct: r.named_pct,
            previous_pct: prev_rows
                .iter()
                .find(|p| p.id == r.id)
                .and_then(|p| p.named_pct),
        })
        .collect();
    Section::Shown(DevelopmentSection {
        previous,
        rows,
        values,
    })
}
