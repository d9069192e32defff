//! No withheld cell of a profile can be recovered from its published cells:
//! generated small areas, assembled into the model that the PDF, the
//! dashboard, the map and the tables all show, checked by brute force over
//! every line whose parts add up to a published total.

use super::assemble::{assemble, Context, Labels};
use super::model::*;
use super::raw::{Raw, RegulationRaw};
use crate::privacy::{Cell, SuppressionPolicy};
use proptest::prelude::*;

const K: u32 = 3;
/// Counts are drawn below this, so brute force stays small.
const MAX: u64 = 9;

fn labels() -> Labels {
    let pairs = |xs: &[&str]| xs.iter().map(|x| (x.to_string(), x.to_string())).collect();
    Labels {
        values: ["groen", "rust", "veiligheid"]
            .iter()
            .map(|v| (v.to_string(), v.to_string(), false))
            .collect(),
        regulations: ["zorgtoeslag", "huurtoeslag"]
            .iter()
            .map(|r| (r.to_string(), r.to_string(), "rijk".to_string()))
            .collect(),
        referral_targets: pairs(&["few", "buurtteam", "stip"]),
        referral_statuses: pairs(&["voorgesteld", "afgerond"]),
        ..Labels::default()
    }
}

fn context(wijken: &[&str]) -> Context {
    Context {
        level: Level::City,
        area_code: "GM0268".into(),
        area_name: "Nijmegen".into(),
        parent_name: None,
        campaign_name: None,
        period: Period {
            from: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        },
        wijken: wijken.iter().map(|w| w.to_string()).collect(),
        organisation: "Bindkracht10".into(),
        team: "Team".into(),
        generated_at: "2026-01-01T00:00:00.000Z".into(),
        policy: SuppressionPolicy::new(K, K).unwrap(),
    }
}

fn count() -> impl Strategy<Value = u64> {
    prop_oneof![0..K as u64, 0..MAX]
}

prop_compose! {
    fn raw()(
        per_wijk in proptest::collection::vec(count(), 3),
        values in proptest::collection::vec((count(), count()), 3),
        regs in proptest::collection::vec(proptest::collection::vec(count(), 5), 2),
        targets in proptest::collection::vec(count(), 3),
        statuses in proptest::collection::vec(count(), 2),
        part in proptest::collection::vec(count(), 2),
        checks in count(),
    ) -> Raw {
        let names = ["groen", "rust", "veiligheid"];
        let wijken = ["BU1", "BU2", "BU3"];
        let mut raw = Raw {
            // The wijk counts add up to the conversations.
            conversations: per_wijk.iter().sum(),
            checks: checks.max(K as u64),
            ..Raw::default()
        };
        for (w, n) in wijken.iter().zip(&per_wijk) {
            raw.per_wijk.insert(w.to_string(), *n);
        }
        for (v, (a, b)) in names.iter().zip(values) {
            raw.values.insert(v.to_string(), (a, b));
        }
        for (r, c) in ["zorgtoeslag", "huurtoeslag"].iter().zip(regs) {
            raw.regulations.insert(r.to_string(), RegulationRaw {
                receiving: c[0], non_take_up: c[1], applied: c[2], granted: c[3], other: c[4],
                granted_eur: (c[2] + c[3]) as i64 * 1200, granted_known: c[2] + c[3],
                potential_eur: c[1] as i64 * 900, potential_known: c[1],
            });
        }
        let total: u64 = targets.iter().sum();
        let mut statuses = statuses;
        // Both breakdowns of referrals add up to the same total.
        statuses[1] = total.saturating_sub(statuses[0].min(total));
        statuses[0] = total - statuses[1];
        raw.referrals_by_target = ["few", "buurtteam", "stip"].iter().map(|t| t.to_string()).zip(targets).collect();
        raw.referrals_by_status = ["voorgesteld", "afgerond"].iter().map(|t| t.to_string()).zip(statuses).collect();
        raw.participation = ["activiteiten", "vrijwilligerswerk"].iter().map(|t| t.to_string()).zip(part).collect();
        raw
    }
}

/// The values a cell can take given what is published about it.
fn range(c: &Cell) -> Vec<u64> {
    match c {
        Cell::Value(v) => vec![*v],
        Cell::Suppressed { below } => (0..*below as u64).collect(),
        Cell::Hidden => (K as u64..=3 * MAX).collect(),
    }
}

/// For a line of cells adding up to `total`, the index of a withheld cell
/// that only one value fits, if any.
fn recoverable(cells: &[Cell], total: &Cell) -> Option<usize> {
    let mut options: Vec<Vec<u64>> = vec![vec![]];
    for c in cells {
        options = options
            .into_iter()
            .flat_map(|p| {
                range(c).into_iter().map(move |v| {
                    let mut p = p.clone();
                    p.push(v);
                    p
                })
            })
            .collect();
    }
    options.retain(|o| range(total).contains(&o.iter().sum()));
    (0..cells.len()).find(|&i| {
        cells[i].is_suppressed() && {
            let mut seen: Vec<u64> = options.iter().map(|o| o[i]).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len() < 2
        }
    })
}

/// Every additive line the model publishes: (what, parts, total).
fn lines(m: &ReportModel) -> Vec<(String, Vec<Cell>, Cell)> {
    let mut out = Vec::new();
    if let Some(v) = m.values.shown() {
        for r in &v.rows {
            out.push((
                format!("waarde {}", r.id),
                vec![r.valued, r.concern],
                r.named,
            ));
        }
    }
    if let Some(c) = m.checks.shown() {
        for r in &c.rows {
            let parts = vec![r.receiving, r.non_take_up, r.applied, r.granted, r.other];
            out.push((format!("regeling {}", r.id), parts, r.checked));
        }
    }
    if let Some(r) = m.referrals.shown() {
        let cells = |l: &[(String, Cell)]| l.iter().map(|(_, c)| *c).collect::<Vec<_>>();
        if !r.by_target.is_empty() {
            out.push(("doorverwezen naar".into(), cells(&r.by_target), r.total));
            out.push(("doorverwijzing status".into(), cells(&r.by_status), r.total));
        }
        out.push((
            "meedoen".into(),
            cells(&r.participation),
            r.participation_total,
        ));
        assert_eq!(r.total, m.key_figures.referrals, "one total for referrals");
    }
    if let Some(s) = &m.map.shading {
        let cells = s.per_wijk.iter().map(|(_, _, c)| *c).collect();
        out.push((
            "gesprekken per wijk".into(),
            cells,
            m.key_figures.conversations,
        ));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// What the dashboard, the map, the tables and the PDF publish never lets
    /// a reader pin a withheld count down by subtraction.
    #[test]
    fn no_withheld_cell_is_recoverable(raw in raw()) {
        let m = assemble(&context(&["BU1", "BU2", "BU3"]), &labels(), &raw, None);
        for (what, cells, total) in lines(&m) {
            prop_assert!(
                recoverable(&cells, &total).is_none(),
                "{} {:?} = {:?} gives a withheld cell away", what, cells, total
            );
        }
        // Euro sums: a published total never sits next to exactly one hidden amount.
        if let Some(c) = m.checks.shown() {
            for (total, cells) in [
                (c.total_granted, c.rows.iter().map(|r| r.granted_eur).collect::<Vec<_>>()),
                (c.total_potential, c.rows.iter().map(|r| r.potential_eur).collect()),
            ] {
                if matches!(total, Amount::Eur(_)) {
                    let hidden = cells.iter().filter(|a| **a == Amount::Hidden).count();
                    prop_assert!(hidden != 1, "one hidden amount next to its total: {:?}", cells);
                }
            }
        }
    }
}

#[test]
fn the_brute_force_finds_a_recoverable_cell() {
    // Guard against a check that cannot fail: 2 + "< 3" = 4 pins the hidden 2.
    let hidden = Cell::Suppressed { below: K };
    assert_eq!(
        recoverable(&[Cell::Value(2), hidden], &Cell::Value(4)),
        Some(1)
    );
    assert_eq!(recoverable(&[hidden, hidden], &Cell::Value(3)), None);
}
