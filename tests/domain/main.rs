//! Domain rules on a real store: constraints, derived counts, search, quick screen.

mod check;
#[path = "../common/mod.rs"]
mod common;
use common::TestDir;
use wijkwaardenkaart::domain::campaign::CampaignInput;
use wijkwaardenkaart::domain::conversation::{
    Consent, ConversationInput, Quote, Sentiment, ValueTag,
};
use wijkwaardenkaart::domain::household::{AddressInput, Contact, Household};
use wijkwaardenkaart::domain::referral::ReferralInput;
use wijkwaardenkaart::domain::visit::VisitInput;
use wijkwaardenkaart::{DomainError, Store};

const MEIJHORST: &str = "BU02680733";

/// A household at Meijhorst `number` (with a postcode, if given).
fn household(s: &mut Store, number: u32, postcode: Option<&str>) -> Household {
    s.add_household(&AddressInput {
        wijk_code: MEIJHORST.into(),
        complex_id: None,
        street: Some("Meijhorst".into()),
        number: Some(number),
        addition: None,
        postcode: postcode.map(str::to_string),
    })
    .unwrap()
}

fn campaign(s: &mut Store) -> String {
    s.save_campaign(&CampaignInput {
        id: None,
        name: "Meijhorst voorjaar".into(),
        team: "Team Dukenburg".into(),
        goal: 10,
        period_start: "2026-03-01".into(),
        period_end: "2026-04-30".into(),
        areas: vec![MEIJHORST.into()],
        complex_id: None,
        reach_band: Default::default(),
        programme: None,
    })
    .unwrap()
    .id
}

fn conversation(household: Option<String>, story: &str) -> ConversationInput {
    ConversationInput {
        id: None,
        household_id: household.clone(),
        visit_id: None,
        campaign_id: None,
        wijk_code: MEIJHORST.into(),
        held_on: "2026-03-10".into(),
        workers: vec!["Test Werker".into()],
        language: "nl".into(),
        story: story.into(),
        values: vec![ValueTag {
            value_id: "ontmoeting".into(),
            sentiment: Sentiment::Concern,
            bevorderend: "koffieochtend".into(),
            belemmerend: "buurthuis dicht".into(),
        }],
        themes: vec!["Eenzaamheid".into(), "eenzaamheid".into()],
        quotes: vec![Quote {
            id: None,
            text: "Het café was onze huiskamer.".into(),
            consent_quoting: true,
        }],
        consent: Consent {
            registration: household.is_some(),
            quoting: true,
            recontact: false,
        },
        follow_up_wanted: false,
        follow_up_note: String::new(),
        contact: None,
    }
}

#[test]
fn walk_list_and_progress_follow_door_outcomes() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let c = campaign(&mut s);
    assert_eq!(
        s.add_address_range(&c, MEIJHORST, "Meijhorst 1-10 even", Some("6537 AB"))
            .unwrap(),
        5
    );
    assert_eq!(
        s.add_address_range(&c, MEIJHORST, "Meijhorst 2-4 even", None)
            .unwrap(),
        0,
        "no duplicates"
    );
    let list = s.walk_list(&c).unwrap();
    assert_eq!(list.len(), 5);
    let visit = |s: &mut Store, i: usize, outcome: &str| {
        s.record_visit(&VisitInput {
            household_id: list[i].household_id.clone(),
            campaign_id: Some(c.clone()),
            outcome: outcome.into(),
            note: String::new(),
            visited_at: None,
        })
        .unwrap()
    };
    visit(&mut s, 0, "niet_thuis");
    visit(&mut s, 0, "gesprek");
    visit(&mut s, 1, "geweigerd");
    visit(&mut s, 2, "niet_benaderen");
    let p = s.campaign_progress(&c).unwrap();
    assert_eq!(
        (p.households, p.approached, p.reached, p.goal),
        (5, 2, 1, 10)
    );
    // Two conversations with the same household asking for a follow-up are
    // one household wanting one.
    for _ in 0..2 {
        let mut talk = conversation(Some(list[0].household_id.clone()), "Graag terugkomen.");
        talk.campaign_id = Some(c.clone());
        talk.follow_up_wanted = true;
        s.save_conversation(&talk).unwrap();
    }
    assert_eq!(s.campaign_progress(&c).unwrap().follow_ups, 1);
    let list = s.walk_list(&c).unwrap();
    assert_eq!(list[0].attempts.len(), 2, "repeated attempts are visible");
    assert!(list[0].done && list[1].done && !list[3].done);
    let err = s
        .record_visit(&VisitInput {
            household_id: list[3].household_id.clone(),
            campaign_id: Some(c.clone()),
            outcome: "misschien".into(),
            note: String::new(),
            visited_at: None,
        })
        .unwrap_err();
    assert!(matches!(err, DomainError::UnknownCode { .. }), "{err}");
}

#[test]
fn a_value_tag_must_reference_the_catalogue() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let mut input = conversation(None, "verhaal");
    input.values[0].value_id = "bestaat_niet".into();
    let err = s.save_conversation(&input).unwrap_err();
    assert!(
        matches!(err, DomainError::UnknownCode { what: "waarde", .. }),
        "{err}"
    );
    assert_eq!(s.counts().unwrap().conversations, 0, "nothing half-written");
    // The database refuses it too, even when the core is bypassed.
    let id: String = s
        .save_conversation(&conversation(None, "verhaal"))
        .unwrap()
        .id;
    let raw = s.conn().execute(
        "INSERT INTO conversation_value(conversation_id, value_id, sentiment) VALUES (?1, 'bestaat_niet', 'valued')",
        [&id],
    );
    assert!(raw.is_err());
}

#[test]
fn contact_details_need_recontact_consent() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let hh = household(&mut s, 12, Some("6537 ab"));
    assert_eq!(hh.postcode.as_deref(), Some("6537AB"));
    let mut input = conversation(Some(hh.id.clone()), "verhaal");
    input.contact = Some(Contact {
        name: Some("A. Bewoner".into()),
        phone: Some("06 12345678".into()),
        email: None,
    });
    let err = s.save_conversation(&input).unwrap_err();
    assert!(err.to_string().contains("toestemming"), "{err}");
    input.consent.recontact = true;
    input.follow_up_wanted = true;
    s.save_conversation(&input).unwrap();
    let hh = s.household(&hh.id).unwrap();
    assert_eq!(hh.contact.unwrap().phone.as_deref(), Some("06 12345678"));
    assert_eq!(hh.last_contact.as_deref(), Some("2026-03-10"));
}

#[test]
fn search_finds_stories_and_quotes_with_or_without_diacritics() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let saved = s
        .save_conversation(&conversation(
            None,
            "Sinds het café dicht is, zie ik niemand meer.",
        ))
        .unwrap();
    for q in ["cafe", "café", "CAFÉ", "caf"] {
        let hits = s.search(q, 10).unwrap();
        assert_eq!(hits.len(), 2, "{q}: story and quote");
        assert!(hits.iter().all(|h| h.conversation_id == saved.id));
        assert!(hits[0]
            .fragments
            .iter()
            .any(|f| f.hit && f.text.to_lowercase().starts_with("caf")));
    }
    assert!(
        s.search("\"NEAR(", 10).unwrap().is_empty(),
        "FTS syntax in input is harmless"
    );
    // Editing the story updates the index.
    let mut edit = conversation(None, "Nu gaan we naar de bibliotheek.");
    edit.id = Some(saved.id.clone());
    edit.quotes.clear();
    s.save_conversation(&edit).unwrap();
    assert!(s.search("cafe", 10).unwrap().is_empty());
    assert_eq!(s.search("bibliotheek", 10).unwrap().len(), 1);
}

/// Best matches first (bm25): a story about loneliness above a long story
/// that mentions it once, whatever their age; equal scores newest first.
#[test]
fn search_ranks_by_relevance_with_the_newest_first_among_equals() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let save = |s: &mut wijkwaardenkaart::Store, story: &str| {
        let mut c = conversation(None, story);
        c.quotes.clear();
        s.save_conversation(&c).unwrap().id
    };
    let focused = save(
        &mut s,
        "Ik ben eenzaam. Eenzaam sinds mijn man overleed, echt eenzaam.",
    );
    let filler =
        "We praten over de straat, de bus, de markt en de school van de kinderen. ".repeat(8);
    let passing = save(&mut s, &format!("{filler} Soms een beetje eenzaam."));
    let twin_old = save(&mut s, "De bankjes in het park zijn weg.");
    let twin_new = save(&mut s, "De bankjes in het park zijn weg.");
    let ids = |q: &str| -> Vec<String> {
        s.search(q, 10)
            .unwrap()
            .into_iter()
            .map(|h| h.conversation_id)
            .collect()
    };
    assert_eq!(
        ids("eenzaam"),
        vec![focused, passing],
        "relevance before age"
    );
    assert_eq!(
        ids("bankjes"),
        vec![twin_new, twin_old],
        "equal scores: newest first"
    );
}

#[test]
fn themes_are_normalised_and_quotes_need_conversation_consent() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let mut input = conversation(None, "verhaal");
    input.consent.quoting = false;
    let c = s.save_conversation(&input).unwrap();
    assert_eq!(c.themes, vec!["eenzaamheid"]);
    assert!(
        !c.quotes[0].consent_quoting,
        "a quote is never usable without conversation-level consent"
    );
}

#[test]
fn huge_stories_are_refused_with_a_clear_message() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let input = conversation(None, &"a".repeat(100_001));
    let err = s.save_conversation(&input).unwrap_err();
    assert!(err.to_string().contains("te lang"));
}

#[test]
fn referrals_move_through_statuses() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let r = s
        .create_referral(&ReferralInput {
            household_id: None,
            conversation_id: None,
            wijk_code: MEIJHORST.into(),
            target: "few".into(),
            status: "voorgesteld".into(),
            proposed_on: "2026-03-12".into(),
            due_on: Some("2026-03-26".into()),
            note: String::new(),
        })
        .unwrap();
    assert_eq!(s.open_referrals(200).unwrap().len(), 1);
    s.set_referral_status(&r.id, "afgerond", "2026-04-01")
        .unwrap();
    assert!(s.open_referrals(200).unwrap().is_empty());
    assert!(s
        .set_referral_status(&r.id, "vergeten", "2026-04-01")
        .is_err());
}

#[test]
fn values_can_be_added_renamed_and_retired_without_breaking_tags() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let v = s
        .add_value("Muziek in de wijk", "Samen muziek maken")
        .unwrap();
    assert!(v.id.starts_with("u_"));
    assert!(
        s.add_value("muziek in de wijk", "").is_err(),
        "duplicate labels are refused"
    );
    let mut input = conversation(None, "verhaal");
    input.values[0].value_id = v.id.clone();
    let c = s.save_conversation(&input).unwrap();
    s.rename_value(&v.id, "Muziek").unwrap();
    s.retire_value(&v.id, true).unwrap();
    assert!(!s.values(false).unwrap().iter().any(|x| x.id == v.id));
    assert_eq!(
        s.conversation(&c.id).unwrap().values[0].value_id,
        v.id,
        "old tags still resolve"
    );
}

#[test]
fn writes_are_stamped_with_device_author_and_increasing_clock() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let a = s.save_conversation(&conversation(None, "een")).unwrap();
    let b = s.save_conversation(&conversation(None, "twee")).unwrap();
    assert!(b.updated_at > a.updated_at);
    assert_eq!(a.author, "Test Werker");
    let (dev, id): (String, String) = s
        .conn()
        .query_row(
            "SELECT device_id, id FROM conversation WHERE id = ?1",
            [&a.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(dev, s.profile().device_id);
    assert_eq!(uuid::Uuid::parse_str(&id).unwrap().get_version_num(), 7);
}

#[test]
fn complexes_are_defined_below_a_wijk_and_targeted_by_campaigns() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let c = s
        .create_complex(MEIJHORST, "Hofje Meijhorst 60e straat", Some("Talis"))
        .unwrap();
    assert_eq!(c.corporation.as_deref(), Some("Talis"));
    assert!(s
        .create_complex(MEIJHORST, "hofje meijhorst 60e straat", None)
        .is_err());
    assert!(
        s.create_complex("WK026807", "Stadsdeel-complex", None)
            .is_err(),
        "a complex lies in a wijk, not a stadsdeel"
    );
    // Renamed and handed to another woningcorporatie; a name taken by another
    // complex in the wijk is refused.
    let other = s.create_complex(MEIJHORST, "Flat Meijhorst", None).unwrap();
    let renamed = s
        .update_complex(&c.id, "Hofje Meijhorst", Some("Portaal"))
        .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.corporation.as_deref()),
        ("Hofje Meijhorst", Some("Portaal"))
    );
    assert!(s
        .update_complex(&other.id, "hofje meijhorst", None)
        .is_err());
    let campaign = s
        .save_campaign(&CampaignInput {
            id: None,
            name: "Hofje".into(),
            team: String::new(),
            goal: 40,
            period_start: "2026-03-01".into(),
            period_end: "2026-03-31".into(),
            areas: vec![MEIJHORST.into()],
            complex_id: Some(c.id.clone()),
            reach_band: Default::default(),
            programme: None,
        })
        .unwrap();
    assert_eq!(
        campaign.reach_band,
        wijkwaardenkaart::domain::campaign::ReachBand {
            min_pct: 50,
            max_pct: 60
        },
        "the funder's band by default"
    );
    let band =
        |min_pct, max_pct| wijkwaardenkaart::domain::campaign::ReachBand { min_pct, max_pct };
    let banded = s
        .save_campaign(&CampaignInput {
            id: Some(campaign.id.clone()),
            name: "Hofje".into(),
            team: String::new(),
            goal: 40,
            period_start: "2026-03-01".into(),
            period_end: "2026-03-31".into(),
            areas: vec![MEIJHORST.into()],
            complex_id: Some(c.id.clone()),
            reach_band: band(40, 55),
            programme: None,
        })
        .unwrap();
    assert_eq!(banded.reach_band, band(40, 55));
    let err = s
        .save_campaign(&CampaignInput {
            id: Some(campaign.id.clone()),
            name: "Hofje".into(),
            team: String::new(),
            goal: 40,
            period_start: "2026-03-01".into(),
            period_end: "2026-03-31".into(),
            areas: vec![MEIJHORST.into()],
            complex_id: None,
            reach_band: band(70, 60),
            programme: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("geen geldige band"), "{err}");
    assert_eq!(campaign.complex_id, Some(c.id));
    assert_eq!(s.complexes(Some(MEIJHORST)).unwrap().len(), 2);
    let bad = s.save_campaign(&CampaignInput {
        id: None,
        name: "Verkeerd".into(),
        team: String::new(),
        goal: 0,
        period_start: "2026-03-31".into(),
        period_end: "2026-03-01".into(),
        areas: vec![MEIJHORST.into()],
        complex_id: None,
        reach_band: Default::default(),
        programme: None,
    });
    assert!(bad.unwrap_err().to_string().contains("einddatum"));
}

/// Referral targets are retired, never deleted: the old ones (such as
/// "Sociaal wijkteam") stay known so referrals made before still merge and
/// print their organisation, but they are not offered and a new referral to
/// one is refused. A target a newer catalogue leaves out is retired as well.
#[test]
fn referral_targets_dropped_from_the_catalogue_are_retired() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let targets = |s: &Store| s.catalogs().unwrap().referral_targets;
    let offered: Vec<String> = targets(&s)
        .into_iter()
        .filter(|t| !t.retired)
        .map(|t| t.code)
        .collect();
    assert_eq!(
        offered,
        [
            "few",
            "buurtteam_volwassenen",
            "buurtteam_jeugd_gezin",
            "team_geldzorgen",
            "stip",
            "woningcorporatie",
            "anders"
        ]
    );
    let old = targets(&s)
        .into_iter()
        .find(|t| t.code == "sociaal_wijkteam")
        .expect("the old target is still known");
    assert!(old.retired);
    assert_eq!(old.label, "Sociaal wijkteam");
    let referral = |target: &str| ReferralInput {
        household_id: None,
        conversation_id: None,
        wijk_code: MEIJHORST.into(),
        target: target.into(),
        status: "voorgesteld".into(),
        proposed_on: "2026-03-12".into(),
        due_on: None,
        note: String::new(),
    };
    let refused = s
        .create_referral(&referral("sociaal_wijkteam"))
        .unwrap_err();
    assert!(
        refused.to_string().contains("niet meer doorverwezen"),
        "{refused}"
    );
    // A target of this team's own, with a referral, then a newer codes
    // catalogue without it.
    s.conn()
        .execute(
            "INSERT INTO referral_target(code, label, description, sort) VALUES ('wijkagent', 'Wijkagent', '', 99)",
            [],
        )
        .unwrap();
    let made = s.create_referral(&referral("wijkagent")).unwrap();
    let mut codes: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/catalog/codes.json")).unwrap();
    codes["version"] = "2026.9".into();
    {
        let tx = s.conn_mut().transaction().unwrap();
        wijkwaardenkaart::catalog::load_file(&tx, &codes.to_string()).unwrap();
        tx.commit().unwrap();
    }
    let kept = targets(&s)
        .into_iter()
        .find(|t| t.code == "wijkagent")
        .unwrap();
    assert!(kept.retired && kept.label == "Wijkagent");
    assert!(s
        .open_referrals(200)
        .unwrap()
        .iter()
        .any(|r| r.id == made.id && r.target == "wijkagent"));
    assert!(s.create_referral(&referral("wijkagent")).is_err());
    s.create_referral(&referral("team_geldzorgen")).unwrap();
}
