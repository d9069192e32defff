//! The two ways a load reaches its rows ([`query::Access`]) count the same,
//! and a load over an open period finds the same days as
//! [`query::data_range`].

use super::model::Period;
use super::query::{self, Access, Scope};
use crate::catalog::nijmegen;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const OPEN: Period = Period {
    from: NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
    to: NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
};

#[test]
fn lookup_and_scan_count_the_same() {
    let (_dir, mut s) = crate::testutil::demo_store(1200, 5);
    let busiest = crate::testutil::busiest_wijk(&s);
    // A complex: the busiest postcode of that wijk.
    let postcode: String = s
        .conn()
        .query_row(
            "SELECT postcode FROM household WHERE wijk_code = ?1 AND postcode IS NOT NULL
             GROUP BY postcode ORDER BY count(*) DESC, postcode LIMIT 1",
            [&busiest],
            |r| r.get(0),
        )
        .unwrap();
    // The lower half of that postcode's house numbers: a strict part.
    let half: u32 = s
        .conn()
        .query_row(
            "SELECT max(number) / 2 FROM household WHERE wijk_code = ?1 AND postcode = ?2",
            [&busiest, &postcode],
            |r| r.get(0),
        )
        .unwrap();
    let complex = s.create_complex(&busiest, "Flat", None).unwrap().id;
    s.assign_to_complex(&complex, &postcode, Some(1), Some(half.max(1)))
        .unwrap();
    let conn = s.conn();
    let stadsdeel = nijmegen()
        .get(&busiest)
        .and_then(|a| a.parent_code.clone())
        .unwrap();
    let all: Vec<String> = nijmegen().wijken().map(|w| w.code.clone()).collect();
    let campaign: (String, String) = conn
        .query_row(
            "SELECT c.id, a.value FROM campaign c, json_each(c.areas) a LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let in_complex = Scope {
        wijken: vec![busiest.clone()],
        campaigns: None,
        period: OPEN,
        complex: Some(complex.clone()),
    };
    let lookup = query::load(conn, &in_complex, Access::Lookup).unwrap();
    assert_eq!(
        lookup,
        query::load(conn, &in_complex, Access::Scan).unwrap()
    );
    let whole = query::load(
        conn,
        &Scope {
            complex: None,
            ..in_complex.clone()
        },
        Access::Lookup,
    )
    .unwrap()
    .total();
    let part = lookup.total();
    assert!(
        part.approached > 0 && part.approached < whole.approached,
        "complex {} of wijk {}",
        part.approached,
        whole.approached
    );
    assert_eq!(
        part.data_range(),
        query::data_range(conn, &in_complex.wijken, None, Some(&complex)).unwrap()
    );
    let scopes = [
        (vec![busiest.clone()], None, OPEN),
        (nijmegen().wijk_codes_in(&stadsdeel).unwrap(), None, OPEN),
        (all.clone(), None, OPEN),
        (
            all.clone(),
            None,
            Period {
                from: day("2025-03-01"),
                to: day("2025-09-30"),
            },
        ),
        (all.clone(), Some(campaign.0.clone()), OPEN),
        (vec![campaign.1.clone()], Some(campaign.0.clone()), OPEN),
    ];
    for (wijken, campaign, period) in scopes {
        let scope = Scope {
            wijken: wijken.clone(),
            campaigns: campaign.clone().map(|c| vec![c]),
            period,
            complex: None,
        };
        let lookup = query::load(conn, &scope, Access::Lookup).unwrap();
        let scan = query::load(conn, &scope, Access::Scan).unwrap();
        let total = lookup.total();
        assert!(
            total.conversations > 0 && total.approached > 0 && total.checks > 0,
            "scope {wijken:?} {campaign:?} has data"
        );
        assert!(!total.regulations.is_empty() && !total.values.is_empty());
        assert_eq!(lookup, scan, "scope {wijken:?} {campaign:?} {period:?}");
        if period == OPEN {
            assert_eq!(
                total.data_range(),
                query::data_range(conn, &wijken, scope.campaigns.as_deref(), None).unwrap(),
                "scope {wijken:?} {campaign:?}"
            );
        }
    }
}

/// A household that no visit has approached yet.
const UNAPPROACHED: &str = "SELECT id FROM household h WHERE deleted = 0 AND NOT EXISTS
    (SELECT 1 FROM visit v JOIN outcome_code o ON o.code = v.outcome
     WHERE v.household_id = h.id AND v.deleted = 0 AND o.approached = 1) LIMIT 1";

/// The city's counts are kept after a scan; any write, here or by another
/// program on the same file, shows in the next profile.
#[test]
fn kept_counts_follow_every_change() {
    use crate::profile::{build, ReportRequest};
    let (dir, s) = crate::testutil::demo_store(600, 9);
    let approached = |s: &crate::store::Store| {
        build(s, &ReportRequest::for_area(crate::catalog::CITY))
            .unwrap()
            .key_figures
            .approached
    };
    let before = approached(&s);
    assert_eq!(approached(&s), before, "kept counts are the same counts");
    let household: String = s.conn().query_row(UNAPPROACHED, [], |r| r.get(0)).unwrap();
    let visit = |conn: &rusqlite::Connection| {
        conn.execute(
            "INSERT INTO visit(id, created_at, updated_at, device_id, author, household_id,
                               visited_at, outcome)
             SELECT ?1, '2025-05-01T10:00:00Z', '0', 'd', 'a', ?2, '2025-05-01T10:00:00Z', code
             FROM outcome_code WHERE approached = 1 LIMIT 1",
            (uuid::Uuid::now_v7().to_string(), &household),
        )
        .unwrap();
    };
    visit(s.conn());
    let after_own = approached(&s);
    assert_ne!(after_own, before, "this connection's write shows");
    // Another program: a second connection to the same file.
    let other = crate::store::Store::open(&dir.path().join("s.db"), crate::testutil::PASS).unwrap();
    let household2: String = other
        .conn()
        .query_row(UNAPPROACHED, [], |r| r.get(0))
        .unwrap();
    other
        .conn()
        .execute(
            "INSERT INTO visit(id, created_at, updated_at, device_id, author, household_id,
                               visited_at, outcome)
             SELECT ?1, '2025-05-01T10:00:00Z', '0', 'd', 'a', ?2, '2025-05-01T10:00:00Z', code
             FROM outcome_code WHERE approached = 1 LIMIT 1",
            (uuid::Uuid::now_v7().to_string(), &household2),
        )
        .unwrap();
    assert_ne!(approached(&s), after_own, "another program's write shows");
}
