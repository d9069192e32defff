//! Domain rules on a real store: constraints, derived counts, search, quick screen.

mod common;
use common::TestDir;
use wijkwaardenkaart::catalog::ScreenInput;
use wijkwaardenkaart::domain::campaign::CampaignInput;
use wijkwaardenkaart::domain::check::{CheckInput, CheckItemInput};
use wijkwaardenkaart::domain::check_step::CheckStepInput;
use wijkwaardenkaart::domain::conversation::{
    Consent, ConversationInput, Quote, Sentiment, ValueTag,
};
use wijkwaardenkaart::domain::household::{AddressInput, Contact};
use wijkwaardenkaart::domain::referral::ReferralInput;
use wijkwaardenkaart::domain::visit::VisitInput;
use wijkwaardenkaart::{DomainError, Store};

const MEIJHORST: &str = "BU02680733";

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
    let hh = s
        .add_household(&AddressInput {
            wijk_code: MEIJHORST.into(),
            complex_id: None,
            street: Some("Meijhorst".into()),
            number: Some(12),
            addition: None,
            postcode: Some("6537 ab".into()),
        })
        .unwrap();
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
fn voorzieningencheck_computes_indications_and_estimates_from_the_catalogue() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let hh = s
        .add_household(&AddressInput {
            wijk_code: MEIJHORST.into(),
            complex_id: None,
            street: Some("Meijhorst".into()),
            number: Some(40),
            addition: None,
            postcode: None,
        })
        .unwrap();
    let screen = ScreenInput {
        household_type: "alleenstaande_ouder".into(),
        age_group: "21_aow".into(),
        income_band: "tot_100".into(),
        rent_band: "huur_tot_grens".into(),
        children: 2,
    };
    let results = s.screen(&screen).unwrap();
    let leergeld = results
        .iter()
        .find(|r| r.regulation_id == "leergeld")
        .unwrap();
    assert!(leergeld.possible);
    assert_eq!(leergeld.estimated_yearly_eur, Some(900));
    let check = s
        .save_check(&CheckInput {
            id: None,
            household_id: hh.id.clone(),
            conversation_id: None,
            checked_on: "2026-03-12".into(),
            screen: screen.clone(),
            items: vec![
                CheckItemInput {
                    regulation_id: "leergeld".into(),
                    status: "aangevraagd".into(),
                    estimated_yearly_eur: None,
                },
                CheckItemInput {
                    regulation_id: "zorgtoeslag".into(),
                    status: "ontvangt_al".into(),
                    estimated_yearly_eur: None,
                },
            ],
        })
        .unwrap();
    assert_eq!(check.items[0].regulation_id, "zorgtoeslag");
    assert_eq!(
        check.items[0].estimated_yearly_eur, None,
        "already received: no extra yield"
    );
    assert_eq!(check.items[1].estimated_yearly_eur, Some(900));
    assert!(check.items[1].screen_possible);
    let area = s
        .stats_by_area()
        .unwrap()
        .into_iter()
        .find(|a| a.code == MEIJHORST)
        .unwrap();
    assert_eq!(
        (area.checks, area.applied, area.granted_eur),
        (1, 1, 0),
        "a pending application is not counted as yield"
    );
    let bad = s.save_check(&CheckInput {
        id: None,
        household_id: hh.id.clone(),
        conversation_id: None,
        checked_on: "2026-03-12".into(),
        screen: ScreenInput {
            income_band: "rijk".into(),
            ..screen
        },
        items: vec![],
    });
    assert!(bad.unwrap_err().to_string().contains("inkomensklasse"));
}

/// A step of the leergeld application in the check `check_id`.
fn leergeld_step(check_id: &str, status: &str, on: &str) -> CheckStepInput {
    CheckStepInput {
        check_id: check_id.into(),
        regulation_id: "leergeld".into(),
        status: status.into(),
        step_on: on.into(),
        helper: None,
        amount_cents: None,
        period: None,
        starts_on: None,
        reason: None,
    }
}

#[test]
fn a_check_is_a_trajectory_over_visits_with_real_granted_amounts() {
    let t = TestDir::new();
    let mut s = t.store("a.db");
    let hh = s
        .add_household(&AddressInput {
            wijk_code: MEIJHORST.into(),
            complex_id: None,
            street: Some("Meijhorst".into()),
            number: Some(41),
            addition: None,
            postcode: None,
        })
        .unwrap();
    let screen = ScreenInput {
        household_type: "paar_met_kinderen".into(),
        age_group: "21_aow".into(),
        income_band: "tot_100".into(),
        rent_band: "huur_tot_grens".into(),
        children: 2,
    };
    let check = s
        .save_check(&CheckInput {
            id: None,
            household_id: hh.id.clone(),
            conversation_id: None,
            checked_on: "2026-03-12".into(),
            screen,
            items: vec![CheckItemInput {
                regulation_id: "leergeld".into(),
                status: "mogelijk_recht".into(),
                estimated_yearly_eur: None,
            }],
        })
        .unwrap();
    let steps = |s: &Store| s.check(&check.id).unwrap().steps.len();

    // Bad steps are refused with a clear message and write nothing.
    let refused = |s: &mut Store, input: CheckStepInput, says: &str| {
        let err = s.record_check_step(&input).unwrap_err().to_string();
        assert!(err.contains(says), "expected \"{says}\" in: {err}");
    };
    refused(
        &mut s,
        leergeld_step(&check.id, "aangevraagd", "2026-03-01"),
        "vóór de check",
    );
    refused(
        &mut s,
        leergeld_step(&check.id, "aangevraagd", "2026-03-20"),
        "wie hielp",
    );
    refused(
        &mut s,
        CheckStepInput {
            amount_cents: Some(-8500),
            period: Some("maand".into()),
            ..leergeld_step(&check.id, "toegekend", "2026-04-20")
        },
        "negatief",
    );
    refused(
        &mut s,
        leergeld_step(&check.id, "toegekend", "2026-04-20"),
        "bedrag",
    );
    refused(
        &mut s,
        leergeld_step(&check.id, "afgewezen", "2026-04-20"),
        "reden",
    );
    refused(
        &mut s,
        CheckStepInput {
            regulation_id: "zorgtoeslag".into(),
            ..leergeld_step(&check.id, "ontvangt_al", "2026-04-20")
        },
        "hoort niet bij deze check",
    );
    assert_eq!(steps(&s), 0, "nothing written by refused steps");

    // Second visit: the application is submitted with the Formulierenbrigade.
    s.record_check_step(&CheckStepInput {
        helper: Some("formulierenbrigade".into()),
        ..leergeld_step(&check.id, "aangevraagd", "2026-03-20")
    })
    .unwrap();
    let now = s.check(&check.id).unwrap();
    assert_eq!(now.items[0].status, "aangevraagd");
    assert_eq!(now.items[0].checked_status, "mogelijk_recht");
    assert_eq!(now.items[0].granted_yearly_eur, None);
    let summary = s.household_checks(&hh.id).unwrap();
    assert_eq!((summary.len(), summary[0].pending), (1, 1));

    // Third visit: granted, € 85 per month: € 1 020 per year, never mixed
    // with the catalogue's estimate.
    let step = s
        .record_check_step(&CheckStepInput {
            amount_cents: Some(8500),
            period: Some("maand".into()),
            starts_on: Some("2026-05-01".into()),
            ..leergeld_step(&check.id, "toegekend", "2026-04-20")
        })
        .unwrap();
    assert_eq!(step.yearly_eur, Some(1020));
    let now = s.check(&check.id).unwrap();
    assert_eq!(now.steps.len(), 2);
    assert_eq!(
        (
            now.items[0].status.as_str(),
            now.items[0].status_on.as_deref()
        ),
        ("toegekend", Some("2026-04-20"))
    );
    assert_eq!(now.items[0].granted_yearly_eur, Some(1020));
    assert_eq!(now.items[0].estimated_yearly_eur, Some(900));
    assert_eq!(s.household_checks(&hh.id).unwrap()[0].pending, 0);
    let area = s
        .stats_by_area()
        .unwrap()
        .into_iter()
        .find(|a| a.code == MEIJHORST)
        .unwrap();
    assert_eq!((area.applied, area.granted_eur), (0, 1020));
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
        serde_json::from_str(include_str!("../assets/catalog/codes.json")).unwrap();
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
