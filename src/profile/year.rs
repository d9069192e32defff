//! The year report ("Jaarverantwoording"): one year of work, optionally of one
//! programme, as the funder asks for it. Every row is the profile of a wijk or
//! a complex over the year ([`ReportModel`], with its suppression), read into
//! one line of the year table; the total row is the profile of the whole
//! city for the year. Nothing here counts: it selects from the models, so the
//! PDF, the dashboard of a wijk over the year and the year table agree.

use super::model::{Amount, Period, ReportModel, Section};
use super::{build, ProfileError, ReportRequest};
use crate::catalog::{nijmegen, CITY};
use crate::domain::campaign::ReachBand;
use crate::domain::programme::{self, ProgrammeTarget};
use crate::privacy::{Cell, SuppressionPolicy};
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the year report covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearRequest {
    pub year: i32,
    /// Only the campaigns of this programme ("In de wijk").
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub programme: Option<String>,
    #[serde(default)]
    pub policy: SuppressionPolicy,
    /// RFC 3339; `None` means now. Fixed in tests.
    #[serde(default)]
    pub generated_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearReport {
    /// "Jaarverantwoording 2026" or "Jaarverantwoording In de wijk 2026".
    pub title: String,
    pub year: i32,
    pub programme: Option<String>,
    pub period: Period,
    pub organisation: String,
    pub generated_at: String,
    pub policy: SuppressionPolicy,
    /// Progress against the targets of the year (the programme's, or every
    /// programme's without one).
    pub targets: Vec<TargetProgress>,
    /// Why there is no target line, when there is none.
    pub targets_note: Option<String>,
    /// Headers of the referral columns, in the order of `YearRow::referrals`.
    pub referral_targets: Vec<String>,
    /// The year as a whole (the first row of the table).
    pub total: YearRow,
    /// One row per wijk with data in the year, each followed by its complexes.
    pub rows: Vec<YearRow>,
    /// Complexes left out of the table (below k households).
    pub notes: Vec<String>,
    /// The profile of the whole year: insights and accountability.
    pub profile: ReportModel,
    /// The profile of every row, in the order of `rows` (a page each).
    pub areas: Vec<ReportModel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetProgress {
    pub programme: String,
    pub households_min: u32,
    pub households_max: u32,
    pub approached: Cell,
    /// "onder het doel", "binnen het doel", "boven het doel" or "niet te tonen".
    pub approached_status: String,
    pub reach_band: ReachBand,
    pub reached_pct: Option<f64>,
    pub reach_status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Total,
    Wijk,
    Complex,
}

/// One line of the year table, read from one profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearRow {
    pub kind: RowKind,
    /// BU0268… for a wijk, the complex's id, GM0268 for the total.
    pub code: String,
    pub name: String,
    /// The stadsdeel of a wijk, the wijk of a complex.
    pub parent: Option<String>,
    pub approached: Cell,
    pub reached: Cell,
    pub reached_pct: Option<f64>,
    pub reach_band: ReachBand,
    pub reach_status: String,
    /// Households that asked for a follow-up.
    pub follow_ups: Cell,
    /// Households with a voorzieningencheck.
    pub checks: Cell,
    /// Checked households with an application, and with anything granted.
    pub applied: Cell,
    pub granted: Cell,
    /// Real granted amounts, € per year.
    pub granted_eur: Amount,
    /// The catalogue's estimate ("schatting") for entitlements not yet decided.
    pub potential_eur: Amount,
    /// Referrals per organisation, in the order of `YearReport::referral_targets`.
    pub referrals: Vec<Cell>,
    pub referrals_total: Cell,
    /// Households taking part in something (participation signalled).
    pub participation: Cell,
    pub collective_actions: u64,
}

/// The wijk rows add up to the total row, so a column with exactly one
/// withheld wijk cell would give it away by subtraction: another wijk cell
/// (the smallest published) is withheld as well, or, when there is none,
/// the total. Complex rows are parts of their wijk and stay as they are. A
/// share whose counts are withheld is withheld too.
fn protect_columns(total: &mut YearRow, rows: &mut [YearRow]) {
    fn cells(r: &mut YearRow) -> Vec<&mut Cell> {
        let mut v = vec![
            &mut r.approached,
            &mut r.reached,
            &mut r.follow_ups,
            &mut r.checks,
            &mut r.applied,
            &mut r.granted,
            &mut r.referrals_total,
            &mut r.participation,
        ];
        v.extend(r.referrals.iter_mut());
        v
    }
    let n = cells(total).len();
    for col in 0..n {
        let mut wijk: Vec<&mut Cell> = rows
            .iter_mut()
            .filter(|r| r.kind == RowKind::Wijk)
            .filter_map(|r| cells(r).into_iter().nth(col))
            .collect();
        let withheld = wijk.iter().filter(|c| c.is_suppressed()).count();
        let t = cells(total).into_iter().nth(col).expect("same columns");
        if withheld != 1 || t.is_suppressed() {
            continue;
        }
        match wijk
            .iter_mut()
            .filter(|c| !c.is_suppressed())
            .min_by_key(|c| c.value())
        {
            Some(c) => **c = Cell::Hidden,
            None => *t = Cell::Hidden,
        }
    }
    fn granted(r: &mut YearRow) -> &mut Amount {
        &mut r.granted_eur
    }
    fn potential(r: &mut YearRow) -> &mut Amount {
        &mut r.potential_eur
    }
    let picks: [fn(&mut YearRow) -> &mut Amount; 2] = [granted, potential];
    for pick in picks {
        let mut wijk: Vec<&mut Amount> = rows
            .iter_mut()
            .filter(|r| r.kind == RowKind::Wijk)
            .map(pick)
            .collect();
        let withheld = wijk.iter().filter(|a| ***a == Amount::Hidden).count();
        let t = pick(total);
        if withheld != 1 || *t == Amount::Hidden {
            continue;
        }
        let partner = wijk
            .iter_mut()
            .filter(|a| matches!(***a, Amount::Eur(n) if n > 0))
            .min_by_key(|a| match ***a {
                Amount::Eur(n) => n,
                _ => i64::MAX,
            });
        match partner {
            Some(a) => **a = Amount::Hidden,
            None => *t = Amount::Hidden,
        }
    }
    for r in std::iter::once(total).chain(rows.iter_mut()) {
        if r.approached.is_suppressed() || r.reached.is_suppressed() {
            r.reached_pct = None;
            r.reach_status = band_status(None, 0.0, 0.0);
        }
    }
}

/// Where a share stands against its band.
pub fn band_status(value: Option<f64>, min: f64, max: f64) -> String {
    match value {
        None => "niet te tonen".into(),
        Some(v) if v < min => "onder het doel".into(),
        Some(v) if v > max => "boven het doel".into(),
        Some(_) => "binnen het doel".into(),
    }
}

fn year_period(year: i32) -> Result<Period, ProfileError> {
    let day = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    match (day(1, 1), day(12, 31)) {
        (Some(from), Some(to)) if (2000..=2100).contains(&year) => Ok(Period { from, to }),
        _ => Err(ProfileError::Domain(crate::DomainError::Invalid(format!(
            "jaar {year} ligt niet tussen 2000 en 2100"
        )))),
    }
}

/// Builds the year report.
pub fn build_year(store: &Store, req: &YearRequest) -> Result<YearReport, ProfileError> {
    req.policy.validate()?;
    let period = year_period(req.year)?;
    let generated_at = req
        .generated_at
        .clone()
        .unwrap_or_else(crate::util::now_rfc3339);
    let programme = req
        .programme
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    let base = ReportRequest {
        programme: programme.clone(),
        from: Some(period.from),
        to: Some(period.to),
        policy: req.policy,
        generated_at: Some(generated_at.clone()),
        ..ReportRequest::for_area(CITY)
    };
    let conn = store.conn();
    let profile = build(store, &base).map_err(|e| match e {
        ProfileError::EmptyPeriod { .. } => ProfileError::EmptyPeriod {
            area: match &programme {
                Some(p) => format!("programma {p}"),
                None => "Nijmegen".into(),
            },
            period: format!("{}", req.year),
        },
        other => other,
    })?;
    // Targets: the programme's, or those of every programme in the year.
    let targets: Vec<ProgrammeTarget> = match &programme {
        Some(p) => programme::target(conn, p, req.year)?.into_iter().collect(),
        None => programme::targets(conn, Some(req.year))?,
    };
    let band = match (&programme, targets.as_slice()) {
        (Some(_), [t]) => ReachBand {
            min_pct: t.reach_min_pct,
            max_pct: t.reach_max_pct,
        },
        _ => ReachBand::default(),
    };
    let mut progress = Vec::new();
    for t in &targets {
        let of = if programme.is_some() {
            profile.clone()
        } else {
            match build(
                store,
                &ReportRequest {
                    programme: Some(t.programme.clone()),
                    ..base.clone()
                },
            ) {
                Ok(m) => m,
                Err(ProfileError::EmptyPeriod { .. } | ProfileError::UnknownProgramme(_)) => {
                    progress.push(target_line(t, &Cell::Value(0), None));
                    continue;
                }
                Err(e) => return Err(e),
            }
        };
        progress.push(target_line(
            t,
            &of.key_figures.approached,
            of.key_figures.reached_pct,
        ));
    }
    let targets_note = progress.is_empty().then(|| {
        format!(
            "Er is geen jaardoel voor {} {} vastgelegd. Leg het vast bij Jaarverantwoording in de \
             app of met wwk target set.",
            programme.as_deref().unwrap_or("een programma in"),
            req.year
        )
    });
    let referral_targets: Vec<String> = match &profile.referrals {
        Section::Shown(r) if !r.by_target.is_empty() => {
            r.by_target.iter().map(|(l, _)| l.clone()).collect()
        }
        _ => super::assemble::Labels::load(conn)?
            .referral_targets
            .into_iter()
            .map(|(_, l)| l)
            .collect(),
    };
    let cols = referral_targets.as_slice();
    // A row per wijk with data, each followed by its complexes (k or more households).
    let map = nijmegen();
    let mut rows = Vec::new();
    let mut areas = Vec::new();
    let mut small = 0u32;
    let complexes = store.complexes(None)?;
    for w in map.wijken() {
        let req_w = ReportRequest {
            area: w.code.clone(),
            ..base.clone()
        };
        let model = match build(store, &req_w) {
            Ok(m) => m,
            Err(ProfileError::EmptyPeriod { .. }) => continue,
            Err(e) => return Err(e),
        };
        rows.push(row(RowKind::Wijk, &w.code, &model, band, cols));
        areas.push(model);
        for c in complexes.iter().filter(|c| c.wijk_code == w.code) {
            let req_c = ReportRequest {
                complex: Some(c.id.clone()),
                ..req_w.clone()
            };
            match build(store, &req_c) {
                Ok(m) => {
                    rows.push(row(RowKind::Complex, &c.id, &m, band, cols));
                    areas.push(m);
                }
                Err(ProfileError::EmptyPeriod { .. }) => {}
                Err(ProfileError::ComplexTooSmall { .. }) => small += 1,
                Err(e) => return Err(e),
            }
        }
    }
    let mut notes = Vec::new();
    if small > 0 {
        notes.push(format!(
            "{small} {} met minder dan {} huishoudens {} niet apart in de tabel; hun huishoudens \
             tellen mee in hun wijk.",
            if small == 1 { "complex" } else { "complexen" },
            req.policy.k,
            if small == 1 { "staat" } else { "staan" },
        ));
    }
    let mut total = row(RowKind::Total, CITY, &profile, band, cols);
    total.name = "Totaal".into();
    total.parent = None;
    protect_columns(&mut total, &mut rows);
    let title = match &programme {
        Some(p) => format!("Jaarverantwoording {p} {}", req.year),
        None => format!("Jaarverantwoording {}", req.year),
    };
    Ok(YearReport {
        title,
        year: req.year,
        programme,
        period,
        organisation: profile.organisation.clone(),
        generated_at,
        policy: req.policy,
        targets: progress,
        targets_note,
        referral_targets,
        total,
        rows,
        notes,
        profile,
        areas,
    })
}

fn target_line(t: &ProgrammeTarget, approached: &Cell, reached_pct: Option<f64>) -> TargetProgress {
    TargetProgress {
        programme: t.programme.clone(),
        households_min: t.households_min,
        households_max: t.households_max,
        approached: *approached,
        approached_status: band_status(
            approached.value().map(|v| v as f64),
            f64::from(t.households_min),
            f64::from(t.households_max),
        ),
        reach_band: ReachBand {
            min_pct: t.reach_min_pct,
            max_pct: t.reach_max_pct,
        },
        reached_pct,
        reach_status: band_status(
            reached_pct,
            f64::from(t.reach_min_pct),
            f64::from(t.reach_max_pct),
        ),
    }
}

/// A section below k: every count in it is "< k".
fn too_few(k: u32) -> Cell {
    Cell::Suppressed { below: k }
}

fn row(
    kind: RowKind,
    code: &str,
    m: &ReportModel,
    band: ReachBand,
    referral_columns: &[String],
) -> YearRow {
    let k = m.policy.k;
    let kf = &m.key_figures;
    let checks = m.checks.shown();
    let refs = m.referrals.shown();
    YearRow {
        kind,
        code: code.to_string(),
        name: m.area_name.clone(),
        parent: m.parent_name.clone(),
        approached: kf.approached,
        reached: kf.reached,
        reached_pct: kf.reached_pct,
        reach_band: band,
        reach_status: band_status(
            kf.reached_pct,
            f64::from(band.min_pct),
            f64::from(band.max_pct),
        ),
        follow_ups: kf.follow_ups,
        checks: kf.checks,
        applied: checks.map_or(too_few(k), |c| c.applied_households),
        granted: checks.map_or(too_few(k), |c| c.granted_households),
        granted_eur: checks.map_or(Amount::Hidden, |c| c.total_granted),
        potential_eur: checks.map_or(Amount::Hidden, |c| c.total_potential),
        referrals: referral_cells(m, referral_columns),
        referrals_total: kf.referrals,
        participation: refs.map_or(too_few(k), |r| r.participation_total),
        collective_actions: m.collective.actions.len() as u64,
    }
}

/// The referral cells of a profile in the order of the year's columns (a
/// column its profile does not list is 0 when the breakdown is shown, "x"
/// when it was left out to protect its total).
fn referral_cells(m: &ReportModel, columns: &[String]) -> Vec<Cell> {
    match &m.referrals {
        Section::TooFew(_) => vec![too_few(m.policy.k); columns.len()],
        Section::Shown(s) if s.by_target.is_empty() => vec![Cell::Hidden; columns.len()],
        Section::Shown(s) => columns
            .iter()
            .map(|c| {
                s.by_target
                    .iter()
                    .find(|(l, _)| l == c)
                    .map_or(Cell::Value(0), |(_, n)| *n)
            })
            .collect(),
    }
}
