//! Retention (`wwk purge`, purge at app start) and the AVG rights of access
//! and erasure ("Gegevens van een bewoner"), on generated stores.

mod common;
mod support;

use chrono::NaiveDate;
use common::{stderr, stdout_json, TestDir};
use support::{demo, personal_data};
use wijkwaardenkaart::privacy::resident;
use wijkwaardenkaart::privacy::retention::{self, PurgeRequest, RetentionPeriod};
use wijkwaardenkaart::Store;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn n(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// What the aggregates are built from; must not change by a purge.
fn aggregates(store: &Store) -> String {
    let mut s = serde_json::to_string(&store.stats_by_area().unwrap()).unwrap();
    for sql in [
        "SELECT group_concat(x, '|') FROM (SELECT wijk_code || held_on || follow_up_wanted || consent_quoting AS x
           FROM conversation ORDER BY id)",
        "SELECT group_concat(x, '|') FROM (SELECT conversation_id || value_id || sentiment || bevorderend || belemmerend AS x
           FROM conversation_value ORDER BY 1)",
        "SELECT group_concat(x, '|') FROM (SELECT conversation_id || theme AS x FROM conversation_theme ORDER BY 1)",
        "SELECT group_concat(x, '|') FROM (SELECT check_id || regulation_id || status || coalesce(estimated_yearly_eur, '')
           AS x FROM check_item ORDER BY 1)",
        "SELECT group_concat(x, '|') FROM (SELECT household_id || visited_at || outcome AS x FROM visit ORDER BY id)",
        "SELECT group_concat(x, '|') FROM (SELECT id || wijk_code AS x FROM household ORDER BY id)",
        "SELECT group_concat(x, '|') FROM (SELECT q.text AS x FROM quote q JOIN conversation c ON c.id = q.conversation_id
           WHERE q.consent_quoting = 1 AND c.consent_quoting = 1 ORDER BY q.id)",
    ] {
        s.push_str(&store.conn().query_row(sql, [], |r| r.get::<_, Option<String>>(0)).unwrap().unwrap_or_default());
    }
    s
}

#[test]
fn purge_removes_personal_fields_past_the_period_and_keeps_the_aggregates() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 1500, 11);
    let before = aggregates(&store);
    let personal_before = personal_data(&store);
    // Today such that about half the households are past 18 months.
    let median: String = store
        .conn()
        .query_row(
            "SELECT last_contact FROM household ORDER BY last_contact
             LIMIT 1 OFFSET (SELECT count(*) / 2 FROM household)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let cutoff = median.as_str();
    let today = day(cutoff)
        .checked_add_months(chrono::Months::new(18))
        .unwrap();
    let old_households = n(
        &store,
        &format!("SELECT count(*) FROM household WHERE coalesce(last_contact, substr(created_at, 1, 10)) < '{cutoff}'"),
    );
    assert!(
        old_households > 100,
        "the demo spans 2024–2026, so some households are old"
    );
    let req = PurgeRequest {
        older_than: None,
        dry_run: true,
        today: Some(today),
    };
    let dry = retention::purge(&mut store, &req).unwrap();
    assert_eq!(dry.cutoff.to_string(), cutoff, "default 18 months");
    assert_eq!(dry.households as i64, old_households);
    assert_eq!(
        n(&store, "SELECT count(*) FROM household WHERE purged = 1"),
        0,
        "dry run changes nothing"
    );
    assert_eq!(personal_data(&store).texts, personal_before.texts);

    let report = retention::purge(
        &mut store,
        &PurgeRequest {
            dry_run: false,
            ..req.clone()
        },
    )
    .unwrap();
    assert_eq!(
        (
            report.households,
            report.conversations,
            report.quotes_deleted,
            report.visit_notes
        ),
        (
            dry.households,
            dry.conversations,
            dry.quotes_deleted,
            dry.visit_notes
        ),
        "the dry run counted exactly what the purge did"
    );
    assert!(report.conversations > 0 && report.quotes_deleted > 0 && report.visit_notes > 0);
    assert!(report.notice().contains("18 maanden"));

    // Past the period: nothing personal left.
    assert_eq!(
        n(&store, "SELECT count(*) FROM household WHERE purged = 1 AND (street IS NOT NULL OR number IS NOT NULL
             OR postcode IS NOT NULL OR contact_name IS NOT NULL OR contact_phone IS NOT NULL OR contact_consent = 1)"),
        0
    );
    assert_eq!(
        n(&store, "SELECT count(*) FROM household WHERE purged = 1"),
        old_households
    );
    assert_eq!(
        n(
            &store,
            "SELECT count(*) FROM conversation c JOIN household h ON h.id = c.household_id
             WHERE h.purged = 1 AND (c.purged = 0 OR c.story <> '' OR c.follow_up_note <> '')"
        ),
        0
    );
    assert_eq!(
        n(&store, &format!("SELECT count(*) FROM conversation WHERE household_id IS NULL AND held_on < '{cutoff}' AND story <> ''")),
        0,
        "street conversations go by their own date"
    );
    assert_eq!(
        n(
            &store,
            "SELECT count(*) FROM quote q JOIN conversation c ON c.id = q.conversation_id
             WHERE c.purged = 1 AND NOT (q.consent_quoting = 1 AND c.consent_quoting = 1)"
        ),
        0,
        "unconsented quotes are gone"
    );
    assert_eq!(
        n(&store, "SELECT count(*) FROM visit v JOIN household h ON h.id = v.household_id WHERE h.purged = 1 AND v.note <> ''"),
        0
    );
    assert_eq!(
        n(&store, "SELECT count(*) FROM benefit_check b JOIN household h ON h.id = b.household_id
             WHERE h.purged = 1 AND (b.income_band <> 'onbekend' OR b.rent_band <> 'onbekend' OR b.children <> 0)"),
        0
    );
    // Within the period: untouched.
    assert!(
        n(
            &store,
            "SELECT count(*) FROM household WHERE purged = 0 AND street IS NOT NULL"
        ) > 100
    );
    assert!(
        n(
            &store,
            "SELECT count(*) FROM conversation WHERE purged = 0 AND story <> ''"
        ) > 100
    );
    // Search no longer finds purged stories.
    assert_eq!(
        n(
            &store,
            "SELECT count(*) FROM search_fts f JOIN conversation c ON c.id = f.conversation_id
             WHERE c.purged = 1 AND f.kind = 'story'"
        ),
        0
    );
    // What the aggregates need is exactly as before.
    assert_eq!(aggregates(&store), before);
    assert_eq!(
        n(
            &store,
            "SELECT count(*) FROM audit_log WHERE action = 'purge'"
        ),
        1
    );

    // Idempotent.
    let again = retention::purge(
        &mut store,
        &PurgeRequest {
            dry_run: false,
            ..req
        },
    )
    .unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(aggregates(&store), before);
}

#[test]
fn purge_and_retention_from_the_command_line() {
    let t = TestDir::new();
    {
        let mut s = t.store("s.db");
        demo(&mut s, 600, 5);
    }
    let out = t
        .wwk("s.db")
        .args(["--json", "retention"])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out)["text"], "18m");
    let out = t
        .wwk("s.db")
        .args(["--json", "retention", "--set", "2 jaar"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout_json(&out)["text"], "2y");
    for bad in ["5w", "3d", "vandaag"] {
        let out = t
            .wwk("s.db")
            .args(["purge", "--older-than", bad])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("bewaartermijn"), "{}", stderr(&out));
    }
    let out = t
        .wwk("s.db")
        .args(["--json", "purge", "--older-than", "1m", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let dry = stdout_json(&out);
    assert_eq!(dry["dry_run"], true);
    assert!(dry["households"].as_i64().unwrap() > 0);
    let out = t
        .wwk("s.db")
        .args(["purge", "--older-than", "1m"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "persoonsgegevens zijn verwijderd van {} huishoudens",
            dry["households"]
        )),
        "{text}"
    );
    let out = t
        .wwk("s.db")
        .args(["--json", "purge", "--older-than", "1m"])
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out)["households"], 0, "idempotent");
}

#[test]
fn purge_at_start_uses_the_setting() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 600, 9);
    retention::set_retention_period(&store, "10y".parse().unwrap()).unwrap();
    let r = retention::purge_at_start(&mut store).unwrap();
    assert!(r.is_empty(), "nothing is 10 years old");
    assert_eq!(
        r.period,
        RetentionPeriod {
            amount: 10,
            unit: retention::Unit::Years
        }
    );
    retention::set_retention_period(&store, "30d".parse().unwrap()).unwrap();
    let r = retention::purge_at_start(&mut store).unwrap();
    assert!(!r.is_empty() && r.notice().starts_with("Bewaartermijn 30 dagen"));
    assert!(retention::set_retention_period(
        &store,
        RetentionPeriod {
            amount: 2,
            unit: retention::Unit::Days
        }
    )
    .is_err());
}

#[test]
fn purge_at_start_runs_once_a_day_unless_data_arrived() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 300, 5);
    retention::set_retention_period(&store, "10y".parse().unwrap()).unwrap();
    assert!(retention::purge_at_start(&mut store).unwrap().is_empty());
    // A household whose last contact is long past (written behind the app's
    // back, so no merge, import or demo marks it as new data).
    let stale: String = store
        .conn()
        .query_row(
            "SELECT id FROM household WHERE purged = 0
               AND id NOT IN (SELECT household_id FROM referral WHERE household_id IS NOT NULL)
             ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let backdate = |s: &Store| {
        s.conn()
            .execute(
                "UPDATE household SET last_contact = '2001-01-01', created_at = '2001-01-01T09:00:00Z' WHERE id = ?1",
                [&stale],
            )
            .unwrap();
    };
    backdate(&store);
    let purged = |s: &Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT purged FROM household WHERE id = ?1",
                [&stale],
                |r| r.get(0),
            )
            .unwrap()
    };
    // The same day, the same period, nothing arrived: the start skips the scan.
    assert!(retention::purge_at_start(&mut store).unwrap().is_empty());
    assert_eq!(purged(&store), 0);
    // New demo data arrives (audited): the next start purges again.
    demo(&mut store, 50, 6);
    backdate(&store);
    let r = retention::purge_at_start(&mut store).unwrap();
    assert!(r.households >= 1, "{r:?}");
    assert_eq!(purged(&store), 1);
}

#[test]
fn a_resident_can_see_and_erase_their_data() {
    let t = TestDir::new();
    let mut store = t.store("s.db");
    demo(&mut store, 900, 4);
    // A household with contact details, a story and a quote.
    let (hh, name, phone, street, number, postcode): (String, String, String, String, u32, String) = store
        .conn()
        .query_row(
            "SELECT h.id, h.contact_name, h.contact_phone, h.street, h.number, h.postcode FROM household h
             WHERE h.contact_name IS NOT NULL
               AND EXISTS (SELECT 1 FROM conversation c JOIN quote q ON q.conversation_id = c.id WHERE c.household_id = h.id)
             ORDER BY h.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .unwrap();
    for q in [
        format!("{street} {number}"),
        format!("{} {} {number}", &postcode[..4], &postcode[4..]),
        name.clone(),
        phone.clone(),
    ] {
        let hits = resident::find_residents(&store, &q, 50).unwrap();
        assert!(
            hits.iter().any(|h| h.household_id == hh),
            "{q} does not find the household: {hits:?}"
        );
    }
    assert!(resident::find_residents(&store, "ab", 5).is_err());

    let file = t.path("inzage.json");
    let data = resident::export_resident(&store, &hh, &file).unwrap();
    let json = std::fs::read_to_string(&file).unwrap();
    let story = data
        .conversations
        .iter()
        .find(|c| !c.story.is_empty())
        .unwrap()
        .story
        .clone();
    let quote = data
        .conversations
        .iter()
        .flat_map(|c| c.quotes.iter())
        .next()
        .unwrap()
        .text
        .clone();
    for needle in [&name, &phone, &street, &story, &quote] {
        assert!(
            json.contains(&serde_json::to_string(needle).unwrap()[1..needle.len()]),
            "export lacks {needle}"
        );
    }
    assert!(!data.visits.is_empty());
    assert_eq!(
        n(
            &store,
            "SELECT count(*) FROM audit_log WHERE action = 'access'"
        ),
        1
    );

    let before = store.stats_by_area().unwrap();
    let r = resident::erase_resident(&mut store, &hh).unwrap();
    assert!(r.conversations >= 1 && r.quotes_deleted >= 1);
    let after = resident::resident_data(&store, &hh).unwrap();
    assert!(
        after.household.purged
            && after.household.street.is_none()
            && after.household.contact_name.is_none()
    );
    assert!(after
        .conversations
        .iter()
        .all(|c| c.story.is_empty() && c.quotes.is_empty() && !c.consent.quoting));
    assert!(after
        .conversations
        .iter()
        .flat_map(|c| c.values.iter())
        .all(|v| v.bevorderend.is_empty() && v.belemmerend.is_empty()));
    assert!(after.visits.iter().all(|v| v.note.is_empty()));
    assert_eq!(
        store.stats_by_area().unwrap(),
        before,
        "anonymous counts stay"
    );
    assert!(resident::find_residents(&store, &name, 500)
        .unwrap()
        .iter()
        .all(|h| h.household_id != hh));
    assert!(store
        .search(&story[..story.len().min(40)], 5)
        .unwrap()
        .iter()
        .all(|h| !after
            .conversations
            .iter()
            .any(|c| c.id == h.conversation_id)));
    let audit: String = store
        .conn()
        .query_row(
            "SELECT detail FROM audit_log WHERE action = 'erase'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        audit.contains(&hh) && !audit.contains(&street),
        "audited by id, without the address"
    );

    // The CLI: find, export, erase (with confirmation).
    drop(store);
    let out = t
        .wwk("s.db")
        .args(["--json", "resident", "find", &format!("{street} {number}")])
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = t
        .wwk("s.db")
        .args(["resident", "erase", &hh])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "erasing needs --yes");
    let out = t
        .wwk("s.db")
        .args(["resident", "export", "onbekend-id", "--out"])
        .arg(t.path("x.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!t.path("x.json").exists());
}

mod merge_after_purge {
    use super::*;
    use wijkwaardenkaart::domain::household::Contact;
    use wijkwaardenkaart::exchange::{
        export, merge, ExportOptions, MergeOptions, Protection, Scope, Source, Unlock,
    };

    const FILE_PASS: &str = "een lang wachtwoord voor de test";

    fn export_all(store: &mut Store, path: &std::path::Path) {
        export(
            store,
            path,
            &ExportOptions {
                scope: Scope::default(),
                protection: Protection::Passphrase(FILE_PASS.into()),
            },
            &mut |_| true,
        )
        .unwrap();
    }

    fn merge_file(store: &mut Store, path: &std::path::Path) {
        merge(
            store,
            &[Source::Path(path.to_path_buf())],
            &Unlock::Passphrase(FILE_PASS.into()),
            &MergeOptions { dry_run: false },
            &mut |_| true,
        )
        .unwrap();
    }

    /// Every personal field of purged records is still empty.
    fn assert_purged_stay_empty(store: &Store, what: &str) {
        for (sql, name) in [
            ("SELECT count(*) FROM household WHERE purged = 1 AND (street IS NOT NULL OR number IS NOT NULL
                OR postcode IS NOT NULL OR contact_name IS NOT NULL OR contact_phone IS NOT NULL)", "household"),
            ("SELECT count(*) FROM conversation WHERE purged = 1 AND (story <> '' OR follow_up_note <> '')", "story"),
            ("SELECT count(*) FROM quote q JOIN conversation c ON c.id = q.conversation_id
                WHERE c.purged = 1 AND q.consent_quoting = 0", "quote"),
            ("SELECT count(*) FROM visit v JOIN household h ON h.id = v.household_id
                WHERE h.purged = 1 AND v.note <> ''", "visit note"),
            ("SELECT count(*) FROM benefit_check b JOIN household h ON h.id = b.household_id
                WHERE h.purged = 1 AND (b.income_band <> 'onbekend' OR b.rent_band <> 'onbekend')", "check"),
        ] {
            assert_eq!(n(store, sql), 0, "{what}: {name} came back");
        }
    }

    #[test]
    fn merging_old_files_after_a_purge_brings_no_personal_data_back() {
        let t = TestDir::new();
        let mut laptop = t.store("laptop.db");
        demo(&mut laptop, 900, 17);
        let old = t.path("oud.wwk");
        export_all(&mut laptop, &old);
        let mut coord = t.store("coord.db");
        merge_file(&mut coord, &old);

        let req = PurgeRequest {
            older_than: None,
            dry_run: false,
            today: Some(day("2040-01-01")),
        };
        // The laptop purges, then gets its own old export merged back.
        let r = retention::purge(&mut laptop, &req).unwrap();
        assert!(r.households > 100 && r.quotes_deleted > 0 && r.visit_notes > 0);
        let aggregates_after_purge = aggregates(&laptop);
        merge_file(&mut laptop, &old);
        assert_purged_stay_empty(&laptop, "old file into the purged laptop");
        assert_eq!(aggregates(&laptop), aggregates_after_purge);

        // The coordinator purges, and later merges a newer file from a laptop
        // that had not purged: older versions of every record, plus one new edit.
        retention::purge(&mut coord, &req).unwrap();
        let mut other = t.store("other.db");
        merge_file(&mut other, &old);
        let hh: String = other
            .conn()
            .query_row(
                "SELECT id FROM household WHERE street IS NOT NULL ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // An edit made after the purge: contact details for a purged household.
        other
            .set_household_contact(
                &hh,
                Some(&Contact {
                    name: Some("Nieuwe Naam".into()),
                    phone: Some("0612345678".into()),
                    email: None,
                }),
            )
            .unwrap();
        let newer = t.path("nieuwer.wwk");
        export_all(&mut other, &newer);
        merge_file(&mut coord, &newer);
        assert_purged_stay_empty(&coord, "newer file into the purged coordinator");
        let (purged, name): (bool, Option<String>) = coord
            .conn()
            .query_row(
                "SELECT purged, contact_name FROM household WHERE id = ?1",
                [&hh],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (purged, name),
            (true, None),
            "purged is sticky, also against a newer edit"
        );
    }
}
