//! Model tests on hand-built stores: counts, percentages, ranking, suppression
//! (primary and secondary), quote rules, periods and errors.

use super::model::*;
use super::*;
use crate::domain::conversation::{Consent, ConversationInput, Quote, Sentiment, ValueTag};
use crate::domain::household::AddressInput;
use crate::domain::participation::ParticipationInput;
use crate::domain::referral::ReferralInput;
use crate::domain::visit::VisitInput;
use crate::error::ErrorCode;
use crate::privacy::Cell;
use crate::store::Profile;

mod checks;
mod year;

const WIJK: &str = "BU02680733"; // Meijhorst
const OTHER_WIJK: &str = "BU02680202";

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    n: u32,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(
            &dir.path().join("t.db"),
            "geheim-wachtwoord",
            &Profile::new("Tester", "Team Dukenburg", "laptop"),
        )
        .unwrap();
        Fixture {
            _dir: dir,
            store,
            n: 0,
        }
    }

    fn household(&mut self, wijk: &str) -> String {
        self.n += 1;
        self.store
            .add_household(&AddressInput {
                wijk_code: wijk.into(),
                complex_id: None,
                street: Some("Meijhorst".into()),
                number: Some(self.n),
                addition: None,
                postcode: None,
            })
            .unwrap()
            .id
    }

    fn visit(&mut self, hh: &str, outcome: &str, date: &str) {
        self.store
            .record_visit(&VisitInput {
                household_id: hh.into(),
                campaign_id: None,
                outcome: outcome.into(),
                note: String::new(),
                visited_at: Some(format!("{date}T10:00:00.000Z")),
            })
            .unwrap();
    }

    /// A household that was spoken to, with a conversation naming `values`.
    fn talk(&mut self, wijk: &str, date: &str, values: &[(&str, Sentiment)]) -> (String, String) {
        let hh = self.household(wijk);
        self.visit(&hh, "gesprek", date);
        let c = self
            .store
            .save_conversation(&ConversationInput {
                id: None,
                household_id: Some(hh.clone()),
                visit_id: None,
                campaign_id: None,
                wijk_code: wijk.into(),
                held_on: date.into(),
                workers: vec!["Tester".into()],
                language: "nl".into(),
                story: "Een verhaal dat nooit in een rapport mag staan.".into(),
                values: values
                    .iter()
                    .map(|(v, s)| ValueTag {
                        value_id: v.to_string(),
                        sentiment: *s,
                        bevorderend: "buurthuis om de hoek".into(),
                        belemmerend: String::new(),
                    })
                    .collect(),
                themes: vec![],
                quotes: vec![],
                consent: Consent {
                    registration: true,
                    quoting: false,
                    recontact: false,
                },
                follow_up_wanted: false,
                follow_up_note: String::new(),
                contact: None,
            })
            .unwrap();
        (hh, c.id)
    }

    fn build(&self, area: &str) -> Result<ReportModel, ProfileError> {
        let mut req = ReportRequest::for_area(area);
        req.generated_at = Some("2026-01-15T12:00:00.000Z".into());
        build(&self.store, &req)
    }
}

use Sentiment::{Concern, Valued};

#[test]
fn key_figures_count_households_and_suppress_small_numbers() {
    let mut f = Fixture::new();
    for _ in 0..24 {
        f.talk(WIJK, "2025-03-10", &[("groen", Valued)]);
    }
    for _ in 0..16 {
        let hh = f.household(WIJK);
        f.visit(&hh, "niet_thuis", "2025-03-10");
        f.visit(&hh, "niet_thuis", "2025-03-12");
    }
    // Leegstand is not "approached".
    let hh = f.household(WIJK);
    f.visit(&hh, "leegstand", "2025-03-11");
    let m = f.build(WIJK).unwrap();
    let k = &m.key_figures;
    assert_eq!(k.approached, Cell::Value(40));
    assert_eq!(k.reached, Cell::Value(24));
    assert_eq!(k.reached_pct, Some(60.0));
    assert_eq!(k.conversations, Cell::Value(24));
    assert_eq!(k.follow_ups, Cell::Suppressed { below: 5 });
    assert_eq!(k.follow_ups.to_string(), "< 5");
    assert_eq!(k.funnel.len(), 5);
    assert_eq!(k.funnel[2].pct_of_first, Some(60.0));
    assert_eq!(k.funnel[3].pct_of_first, None, "no % of a hidden count");
    assert_eq!(m.level, Level::Wijk);
    assert_eq!(m.area_name, "Meijhorst");
    assert_eq!(m.period.from.to_string(), "2025-03-10");
    assert_eq!(m.period.to.to_string(), "2025-03-12");
}

#[test]
fn values_are_ranked_by_share_and_hidden_ones_go_last_alphabetically() {
    let mut f = Fixture::new();
    for i in 0..30 {
        let mut v = vec![("groen", if i < 20 { Valued } else { Concern })];
        if i < 12 {
            v.push(("veiligheid", Concern));
        }
        if i < 3 {
            v.push(("rust", Valued));
        }
        if i == 3 {
            v.push(("ontmoeting", Valued));
        }
        f.talk(WIJK, "2025-05-01", &v);
    }
    let m = f.build(WIJK).unwrap();
    let v = m.values.shown().expect("30 conversations are enough");
    assert!(v.as_pct);
    assert_eq!(v.rows[0].id, "groen");
    assert_eq!(v.rows[0].named, Cell::Value(30));
    assert_eq!(v.rows[0].named_pct, Some(100.0));
    assert_eq!(v.rows[0].valued, Cell::Value(20));
    assert_eq!(v.rows[0].concern, Cell::Value(10));
    assert_eq!(v.rows[1].id, "veiligheid");
    assert_eq!(v.rows[1].named_pct, Some(40.0));
    // Veiligheid: 0 valued is below k and the line total 12 would give it away,
    // so the 12 concerns are hidden too.
    assert_eq!(v.rows[1].valued, Cell::Suppressed { below: 5 });
    assert_eq!(v.rows[1].concern, Cell::Hidden);
    // Everything named fewer than 5 times follows alphabetically, no %.
    let hidden: Vec<&str> = v.rows[2..].iter().map(|r| r.label.as_str()).collect();
    let mut sorted = hidden.clone();
    sorted.sort();
    assert_eq!(hidden, sorted);
    let rust = v.rows.iter().find(|r| r.id == "rust").unwrap();
    assert_eq!(rust.named.to_string(), "< 5");
    assert_eq!(rust.named_pct, None);
    // Factors: "buurthuis om de hoek" was named with groen 30 times.
    assert_eq!(v.top_factors[0].label, "Groen");
    assert_eq!(v.top_factors[0].bevorderend[0].text, "buurthuis om de hoek");
    assert_eq!(v.top_factors[0].bevorderend[0].count, Cell::Value(30));
}

#[test]
fn sections_with_a_base_below_k_are_replaced() {
    let mut f = Fixture::new();
    for _ in 0..4 {
        f.talk(WIJK, "2025-05-01", &[("groen", Valued)]);
    }
    let m = f.build(WIJK).unwrap();
    for s in [
        matches!(&m.values, Section::TooFew(t) if t.starts_with(TOO_FEW)),
        matches!(&m.themes, Section::TooFew(t) if t.starts_with(TOO_FEW)),
        matches!(&m.referrals, Section::TooFew(t) if t.starts_with(TOO_FEW)),
        matches!(&m.checks, Section::TooFew(_)),
    ] {
        assert!(s, "{m:#?}");
    }
    assert_eq!(m.key_figures.conversations.to_string(), "< 5");
}

#[test]
fn percentages_need_a_base_of_twenty() {
    let mut f = Fixture::new();
    for _ in 0..12 {
        f.talk(WIJK, "2025-05-01", &[("groen", Valued)]);
    }
    let m = f.build(WIJK).unwrap();
    let v = m.values.shown().unwrap();
    assert!(!v.as_pct);
    assert!(v.rows.iter().all(|r| r.named_pct.is_none()));
    assert_eq!(m.key_figures.reached_pct, None);
}

fn quote_conversation(f: &mut Fixture, conv_consent: bool, quote_consent: bool, text: &str) {
    let hh = f.household(WIJK);
    f.store
        .save_conversation(&ConversationInput {
            id: None,
            household_id: Some(hh),
            visit_id: None,
            campaign_id: None,
            wijk_code: WIJK.into(),
            held_on: "2025-06-01".into(),
            workers: vec![],
            language: "nl".into(),
            story: String::new(),
            values: vec![],
            themes: vec!["eenzaamheid".into()],
            quotes: vec![Quote {
                id: None,
                text: text.into(),
                consent_quoting: quote_consent,
            }],
            consent: Consent {
                registration: true,
                quoting: conv_consent,
                recontact: false,
            },
            follow_up_wanted: false,
            follow_up_note: String::new(),
            contact: None,
        })
        .unwrap();
}

#[test]
fn quotes_need_both_consents_and_are_scrubbed() {
    let mut f = Fixture::new();
    quote_conversation(
        &mut f,
        true,
        true,
        "Mevrouw Jansen helpt me elke week met de boodschappen.",
    );
    quote_conversation(
        &mut f,
        true,
        false,
        "Alleen het gesprek had toestemming, dit citaat niet.",
    );
    quote_conversation(
        &mut f,
        false,
        true,
        "Alleen het citaat had toestemming, het gesprek niet.",
    );
    quote_conversation(
        &mut f,
        true,
        true,
        "Bel me gerust op 06-12345678 als er iets is.",
    );
    quote_conversation(
        &mut f,
        true,
        true,
        "Het park is voor mij echt goud waard, elke dag.",
    );
    let m = f.build(WIJK).unwrap();
    let t = m.themes.shown().expect("5 conversations");
    assert_eq!(t.quotes.len(), 3, "{:?}", t.quotes);
    let all = t.quotes.join(" | ");
    assert!(!all.contains("toestemming"), "{all}");
    assert!(
        !all.contains("Jansen") && !all.contains("12345678"),
        "{all}"
    );
    assert!(all.contains("Het park is voor mij echt goud waard"));
    assert_eq!(t.rows, vec![("eenzaamheid".to_string(), Cell::Value(5))]);
}

#[test]
fn no_quotes_when_the_area_has_fewer_than_k_conversations() {
    let mut f = Fixture::new();
    for _ in 0..4 {
        quote_conversation(
            &mut f,
            true,
            true,
            "Het park is voor mij echt goud waard, elke dag.",
        );
    }
    let m = f.build(WIJK).unwrap();
    assert!(m.themes.shown().is_none());
}

#[test]
fn referrals_and_participation_use_secondary_suppression() {
    let mut f = Fixture::new();
    for i in 0..20 {
        let (hh, conv) = f.talk(WIJK, "2025-08-01", &[]);
        let target = if i < 17 { "few" } else { "stip" };
        f.store
            .create_referral(&ReferralInput {
                household_id: Some(hh),
                conversation_id: Some(conv.clone()),
                wijk_code: WIJK.into(),
                target: target.into(),
                status: "doorverwezen".into(),
                proposed_on: "2025-08-01".into(),
                due_on: None,
                note: String::new(),
            })
            .unwrap();
        if i < 8 {
            f.store
                .record_participation(&ParticipationInput {
                    household_id: None,
                    conversation_id: Some(conv),
                    wijk_code: WIJK.into(),
                    kind: "vrijwilligerswerk".into(),
                    topic: String::new(),
                    signalled_on: "2025-08-01".into(),
                })
                .unwrap();
        }
    }
    let m = f.build(WIJK).unwrap();
    let r = m.referrals.shown().unwrap();
    let get = |l: &[(String, Cell)], key: &str| l.iter().find(|(k, _)| k.contains(key)).unwrap().1;
    assert_eq!(get(&r.by_target, "Stip"), Cell::Suppressed { below: 5 });
    // 20 - 17 = 3 spread over six small cells: none of them is pinned down.
    assert_eq!(get(&r.by_target, "FEW"), Cell::Value(17));
    assert_eq!(r.total, Cell::Value(20));
    // All 20 have one status: "20 of 20" would reveal every other status is 0.
    assert_eq!(get(&r.by_status, "Doorverwezen"), Cell::Hidden);
    assert_eq!(r.participation_total, Cell::Value(8));
    assert_eq!(get(&r.participation, "Vrijwilligerswerk"), Cell::Hidden);
    assert_eq!(m.key_figures.referrals, Cell::Value(20));
}

#[test]
fn periods_filter_and_compare_with_the_previous_period() {
    let mut f = Fixture::new();
    for _ in 0..8 {
        f.talk(WIJK, "2025-01-15", &[("groen", Valued)]);
    }
    for _ in 0..25 {
        f.talk(WIJK, "2025-02-15", &[("groen", Concern)]);
    }
    // Another wijk never counts.
    for _ in 0..9 {
        f.talk(OTHER_WIJK, "2025-02-15", &[("groen", Concern)]);
    }
    // A second wijk in Dukenburg, so the stadsdeel map can show Meijhorst.
    let neighbour = crate::catalog::nijmegen()
        .wijk_codes_in("WK026807")
        .unwrap()
        .into_iter()
        .find(|w| w != WIJK)
        .unwrap();
    for _ in 0..6 {
        f.talk(&neighbour, "2025-02-15", &[("groen", Valued)]);
    }
    let mut req = ReportRequest::for_area(WIJK);
    req.from = NaiveDate::from_ymd_opt(2025, 2, 1);
    req.to = NaiveDate::from_ymd_opt(2025, 2, 28);
    req.compare = true;
    let m = build(&f.store, &req).unwrap();
    assert_eq!(m.key_figures.conversations, Cell::Value(25));
    let d = m.development.unwrap();
    let d = d.shown().expect("previous period has 8 conversations");
    assert_eq!(d.previous.from.to_string(), "2025-01-04");
    assert_eq!(d.previous.to.to_string(), "2025-01-31");
    let conv = d.rows.iter().find(|r| r.label == "Gesprekken").unwrap();
    assert_eq!(
        (conv.previous, conv.current),
        (Cell::Value(8), Cell::Value(25))
    );
    assert_eq!(conv.change_pct, Some(212.5));
    // The stadsdeel Dukenburg includes Meijhorst but not the other wijk.
    let m = f.build("WK026807").unwrap();
    assert_eq!(m.level, Level::Stadsdeel);
    assert_eq!(m.key_figures.conversations, Cell::Value(39));
    let s = m.map.shading.unwrap();
    assert_eq!(s.wijk_class.len(), 9);
    assert!(s.wijk_class.iter().any(|(c, k)| c == WIJK && *k > 0));
    let meijhorst = s.per_wijk.iter().find(|(_, c, _)| c == WIJK).unwrap();
    assert_eq!(meijhorst.2, Cell::Value(33));
    // The seven empty wijken add up to 0, which pins them down: the 6 is hidden too.
    assert!(s
        .per_wijk
        .iter()
        .any(|(_, c, n)| *c == neighbour && *n == Cell::Hidden));
    let m = f.build(CITY).unwrap();
    assert_eq!(m.key_figures.conversations, Cell::Value(48));
    assert_eq!(m.map.highlight.len(), 44);
}

#[test]
fn unknown_area_and_empty_period_are_input_errors() {
    let mut f = Fixture::new();
    f.talk(WIJK, "2025-01-15", &[]);
    let e = f.build("BU99999999").unwrap_err();
    assert_eq!(e.code(), "unknown_area");
    assert!(e.is_invalid_input());
    let e = f.build(OTHER_WIJK).unwrap_err();
    assert_eq!(e.code(), "empty_period");
    let mut req = ReportRequest::for_area(WIJK);
    req.from = NaiveDate::from_ymd_opt(2024, 1, 1);
    req.to = NaiveDate::from_ymd_opt(2024, 12, 31);
    assert_eq!(build(&f.store, &req).unwrap_err().code(), "empty_period");
    req.policy.k = 2;
    assert_eq!(build(&f.store, &req).unwrap_err().code(), "k_too_small");
}

#[test]
fn the_organisation_lives_in_meta() {
    let f = Fixture::new();
    assert_eq!(organisation(&f.store).unwrap(), "Bindkracht10");
    set_organisation(&f.store, "Bindkracht10 Dukenburg").unwrap();
    assert_eq!(organisation(&f.store).unwrap(), "Bindkracht10 Dukenburg");
    assert_eq!(
        set_organisation(&f.store, " ").unwrap_err().code(),
        "invalid"
    );
}

#[test]
fn the_model_round_trips_as_json() {
    let mut f = Fixture::new();
    for _ in 0..6 {
        f.talk(WIJK, "2025-05-01", &[("groen", Valued)]);
    }
    let m = f.build(WIJK).unwrap();
    let json = serde_json::to_string(&m).unwrap();
    assert!(
        !json.contains("nooit in een rapport"),
        "stories never reach the model"
    );
    let back: ReportModel = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
}

#[test]
fn a_breakdown_that_would_give_away_its_published_total_is_left_out() {
    let mut f = Fixture::new();
    for _ in 0..5 {
        let (hh, conv) = f.talk(WIJK, "2025-08-01", &[]);
        f.store
            .create_referral(&ReferralInput {
                household_id: Some(hh),
                conversation_id: Some(conv),
                wijk_code: WIJK.into(),
                target: "few".into(),
                status: "voorgesteld".into(),
                proposed_on: "2025-08-01".into(),
                due_on: None,
                note: String::new(),
            })
            .unwrap();
    }
    let m = f.build(WIJK).unwrap();
    // 5 to FEW and 0 elsewhere: hiding the 5 as "x" (at least 5) next to a
    // published total of 5 would still pin every cell, so no breakdown at all.
    let r = m.referrals.shown().unwrap();
    assert_eq!(r.total, Cell::Value(5));
    assert!(r.by_target.is_empty() && r.by_status.is_empty());
    assert_eq!(m.key_figures.referrals, Cell::Value(5));
}
