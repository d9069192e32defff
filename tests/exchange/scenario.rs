//! Three laptops with shared records edited on more than one of them: every
//! merge order gives the same store, conflicts are listed and resolvable.

use super::common::{stderr, stdout_json};
use super::{assert_same, exit_code, Env};
use wijkwaardenkaart::domain::conversation::ConversationInput;
use wijkwaardenkaart::Store;

fn edit_story(store: &mut Store, id: &str, story: &str) {
    let c = store.conversation(id).unwrap();
    store
        .save_conversation(&ConversationInput {
            id: Some(c.id.clone()),
            household_id: c.household_id.clone(),
            visit_id: c.visit_id.clone(),
            campaign_id: c.campaign_id.clone(),
            wijk_code: c.wijk_code.clone(),
            held_on: c.held_on.clone(),
            workers: c.workers.clone(),
            language: c.language.clone(),
            story: story.to_string(),
            values: c.values.clone(),
            themes: c.themes.clone(),
            quotes: c.quotes.clone(),
            consent: c.consent,
            follow_up_wanted: c.follow_up_wanted,
            follow_up_note: c.follow_up_note.clone(),
            contact: None,
        })
        .unwrap();
}

fn first(store: &Store, sql: &str) -> String {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn three_laptops_merge_to_the_same_store_in_every_order() {
    let e = Env::new();
    let (key, public) = e.keygen("k");
    e.demo("a.db", "Fatima", 80, 11);
    e.demo("b.db", "Joost", 80, 12);
    e.demo("c.db", "Sanne", 80, 13);
    // B and C receive A's records, so all three share them.
    let a0 = e.export("a.db", "a0.wwk", &public, &[]);
    e.merge_ok("b.db", &[&a0], &key);
    e.merge_ok("c.db", &[&a0], &key);
    let (conv, referral, visit) = {
        let a = e.open("a.db");
        (
            first(
                &a,
                "SELECT id FROM conversation WHERE purged = 0 AND story <> '' ORDER BY id LIMIT 1",
            ),
            first(&a, "SELECT id FROM referral ORDER BY id LIMIT 1"),
            first(&a, "SELECT id FROM visit ORDER BY id LIMIT 1"),
        )
    };
    // Concurrent edits of shared records on different laptops.
    {
        let mut a = e.open("a.db");
        edit_story(&mut a, &conv, "Versie van Fatima: het park is opgeknapt.");
        a.set_referral_status(&referral, "afgerond", "2026-03-01")
            .unwrap();
    }
    {
        let mut b = e.open("b.db");
        edit_story(&mut b, &conv, "Versie van Joost: het park is te donker.");
    }
    {
        let mut c = e.open("c.db");
        c.set_referral_status(&referral, "gestopt", "2026-03-02")
            .unwrap();
        c.delete_visit(&visit).unwrap();
    }
    let files = [
        e.export("a.db", "a.wwk", &public, &[]),
        e.export("b.db", "b.wwk", &public, &[]),
        e.export("c.db", "c.wwk", &public, &[]),
    ];
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut dumps = Vec::new();
    for (n, order) in orders.iter().enumerate() {
        let db = format!("coord{n}.db");
        e.init(&db, "Coordinator");
        for i in order {
            e.merge_ok(&db, &[&files[*i]], &key);
        }
        dumps.push(e.dump(&db, false));
    }
    for (n, d) in dumps.iter().enumerate().skip(1) {
        assert_same(
            &dumps[0],
            d,
            &format!("order {:?} vs {:?}", orders[0], orders[n]),
        );
    }
    e.init("all.db", "Coordinator");
    let receipt = e.merge_ok("all.db", &[&files[2], &files[0], &files[1]], &key);
    assert_same(&dumps[0], &e.dump("all.db", false), "all three at once");
    assert!(
        receipt["totals"]["conflict"].as_u64().unwrap() >= 2,
        "{}",
        receipt["totals"]
    );

    // The tombstone from C wins over the older visit.
    let coord = e.open("coord0.db");
    let deleted: i64 = coord
        .conn()
        .query_row("SELECT deleted FROM visit WHERE id = ?1", [&visit], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(deleted, 1);
    drop(coord);

    // Conflicts are listed with both versions.
    let out = e
        .wwk("coord0.db")
        .args(["--json", "conflicts"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let list = stdout_json(&out);
    let list = list.as_array().unwrap();
    let conv_conflict = list
        .iter()
        .find(|c| c["record_id"] == conv.as_str())
        .unwrap_or_else(|| panic!("conversation conflict listed: {list:?}"));
    assert_eq!(conv_conflict["table"], "conversation");
    let story = conv_conflict["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "story")
        .expect("story differs");
    let texts = [
        story["local"].as_str().unwrap(),
        story["incoming"].as_str().unwrap(),
    ];
    assert!(
        texts.iter().any(|t| t.contains("Fatima")) && texts.iter().any(|t| t.contains("Joost")),
        "{texts:?}"
    );
    let ref_conflicts: Vec<_> = list
        .iter()
        .filter(|c| c["record_id"] == referral.as_str())
        .collect();
    assert!(
        !ref_conflicts.is_empty(),
        "referral conflict listed: {list:?}"
    );
    let human = e.wwk("coord0.db").arg("conflicts").output().unwrap();
    assert!(String::from_utf8_lossy(&human.stdout).contains("--resolve"));

    // Resolve: keep the local side of the conversation, the incoming side of the referral.
    let conv_id = conv_conflict["id"].as_i64().unwrap();
    let local_story = story["local"].as_str().unwrap().to_string();
    let out = e
        .wwk("coord0.db")
        .args([
            "--json",
            "conflicts",
            "--resolve",
            &conv_id.to_string(),
            "--keep",
            "local",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ref_id = ref_conflicts[0]["id"].as_i64().unwrap();
    let incoming_status = ref_conflicts[0]["differences"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "status")
        .map(|d| d["incoming"].as_str().unwrap().to_string())
        .expect("status differs");
    let out = e
        .wwk("coord0.db")
        .args([
            "conflicts",
            "--resolve",
            &ref_id.to_string(),
            "--keep",
            "incoming",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let coord = e.open("coord0.db");
    assert_eq!(coord.conversation(&conv).unwrap().story, local_story);
    assert_eq!(
        first(
            &coord,
            &format!("SELECT status FROM referral WHERE id = '{referral}'")
        ),
        incoming_status
    );
    drop(coord);
    let out = e
        .wwk("coord0.db")
        .args([
            "conflicts",
            "--resolve",
            &conv_id.to_string(),
            "--keep",
            "incoming",
        ])
        .output()
        .unwrap();
    assert_eq!(exit_code(&out), 2, "already resolved");
    let remaining = stdout_json(
        &e.wwk("coord0.db")
            .args(["--json", "conflicts"])
            .output()
            .unwrap(),
    );
    assert!(
        !remaining
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == conv_id || c["id"] == ref_id),
        "{remaining}"
    );
    // Merging the same files again brings no resolved conflict back.
    let again = e.merge_ok("coord0.db", &[&files[0], &files[1], &files[2]], &key);
    assert_eq!(again["totals"]["new"], 0);
    assert_eq!(again["totals"]["conflict"], 0, "{again}");
    let after = stdout_json(
        &e.wwk("coord0.db")
            .args(["--json", "conflicts"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        after.as_array().unwrap().len(),
        remaining.as_array().unwrap().len(),
        "{after}"
    );
    let coord = e.open("coord0.db");
    assert_eq!(
        coord.conversation(&conv).unwrap().story,
        local_story,
        "the resolution holds"
    );
}
