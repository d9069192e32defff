//! The year report: its rows are the profiles of the wijken over the year,
//! a lone withheld wijk cell gets a partner so the total cannot give it away,
//! and a programme narrows everything to its campaigns.

use super::{Fixture, OTHER_WIJK, WIJK};
use crate::domain::campaign::{CampaignInput, ReachBand};
use crate::domain::programme::TargetInput;
use crate::privacy::Cell;
use crate::profile::year::{build_year, RowKind, YearRequest};
use crate::profile::{ProfileError, ReportRequest};

const THIRD_WIJK: &str = "BU02680734"; // Lankforst

fn year(f: &Fixture, programme: Option<&str>) -> Result<crate::profile::YearReport, ProfileError> {
    build_year(
        &f.store,
        &YearRequest {
            year: 2025,
            programme: programme.map(str::to_string),
            policy: Default::default(),
            generated_at: Some("2026-01-15T12:00:00.000Z".into()),
        },
    )
}

fn talks(f: &mut Fixture, wijk: &str, n: u32, date: &str) -> Vec<String> {
    (0..n).map(|_| f.talk(wijk, date, &[]).0).collect()
}

#[test]
fn rows_are_the_wijk_profiles_of_the_year_and_a_lone_withheld_cell_gets_a_partner() {
    let mut f = Fixture::new();
    talks(&mut f, WIJK, 12, "2025-03-01");
    talks(&mut f, OTHER_WIJK, 8, "2025-06-01");
    talks(&mut f, THIRD_WIJK, 3, "2025-09-01");
    // The year before is not part of it.
    talks(&mut f, WIJK, 6, "2024-11-01");
    let r = year(&f, None).unwrap();
    let codes: Vec<&str> = r.rows.iter().map(|x| x.code.as_str()).collect();
    let mut expected = vec![WIJK, OTHER_WIJK, THIRD_WIJK];
    expected.sort_by_key(|c| {
        crate::catalog::nijmegen()
            .wijken()
            .position(|w| w.code == *c)
    });
    assert_eq!(codes, expected);
    assert_eq!(r.total.approached, Cell::Value(23));
    let row = |code: &str| r.rows.iter().find(|x| x.code == code).unwrap();
    assert_eq!(row(THIRD_WIJK).approached, Cell::Suppressed { below: 5 });
    // 23 − 12 − 8 would give Lankforst's 3 away: the smaller of the two
    // published wijken (8) is withheld as well.
    assert_eq!(row(OTHER_WIJK).approached, Cell::Hidden);
    assert_eq!(row(WIJK).approached, Cell::Value(12));
    // A published cell is the wijk's own profile over the year, as the
    // dashboard shows it.
    let dashboard = crate::profile::build(
        &f.store,
        &ReportRequest {
            from: Some("2025-01-01".parse().unwrap()),
            to: Some("2025-12-31".parse().unwrap()),
            ..ReportRequest::for_area(WIJK)
        },
    )
    .unwrap();
    assert_eq!(row(WIJK).reached, dashboard.key_figures.reached);
    assert_eq!(row(WIJK).reached_pct, dashboard.key_figures.reached_pct);
    assert_eq!(r.areas.len(), r.rows.len());
    assert_eq!(r.total.kind, RowKind::Total);
    assert!(r.targets.is_empty());
    assert!(r.targets_note.as_deref().unwrap().contains("geen jaardoel"));
}

#[test]
fn a_programme_counts_only_its_campaigns_and_is_compared_with_its_target() {
    let mut f = Fixture::new();
    let inside = talks(&mut f, WIJK, 21, "2025-04-01");
    talks(&mut f, WIJK, 7, "2025-04-02");
    let c = f
        .store
        .save_campaign(&CampaignInput {
            id: None,
            name: "Meijhorst voorjaar".into(),
            team: String::new(),
            goal: 600,
            period_start: "2025-03-01".into(),
            period_end: "2025-05-31".into(),
            areas: vec![WIJK.into()],
            complex_id: None,
            reach_band: ReachBand::default(),
            programme: Some("In de wijk".into()),
        })
        .unwrap();
    for hh in &inside {
        for table in ["visit", "conversation"] {
            f.store
                .conn()
                .execute(
                    &format!("UPDATE {table} SET campaign_id = ?1 WHERE household_id = ?2"),
                    [&c.id, hh],
                )
                .unwrap();
        }
    }
    f.store
        .set_programme_target(&TargetInput {
            programme: "in de wijk".into(),
            year: 2025,
            households_min: 500,
            households_max: 600,
            reach_min_pct: 40,
            reach_max_pct: 55,
        })
        .unwrap();
    let all = year(&f, None).unwrap();
    assert_eq!(all.total.approached, Cell::Value(28));
    // Without a programme the target is shown with the programme's own figures.
    assert_eq!(all.targets.len(), 1);
    assert_eq!(all.targets[0].approached, Cell::Value(21));
    assert_eq!(all.targets[0].approached_status, "onder het doel");
    let r = year(&f, Some("In de wijk")).unwrap();
    assert_eq!(r.title, "Jaarverantwoording In de wijk 2025");
    assert_eq!(r.total.approached, Cell::Value(21));
    assert_eq!(r.rows[0].approached, Cell::Value(21));
    assert_eq!(
        (r.rows[0].reach_band.min_pct, r.rows[0].reach_band.max_pct),
        (40, 55)
    );
    // Every household approached was spoken to (a base of 20 or more gives
    // a share): above the band.
    assert_eq!(r.total.reach_status, "boven het doel");
    let err = year(&f, Some("Formulierenbrigade")).unwrap_err();
    assert!(matches!(err, ProfileError::UnknownProgramme(_)), "{err:?}");
    assert!(err.to_string().contains("geen rondes van programma"));
    let err = build_year(
        &f.store,
        &YearRequest {
            year: 1999,
            programme: None,
            policy: Default::default(),
            generated_at: None,
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("1999"), "{err}");
}
