//! The tables that travel, with their columns in payload order. Adding a
//! table or a column to the payload is a new export format version; each
//! table says in which version it first travelled (`since`).

use super::{ChildSpec, Col, Kind, Role, TableSpec};

const fn c(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: false,
        role: Role::Content,
        since: 1,
    }
}

const fn n(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: true,
        role: Role::Content,
        since: 1,
    }
}

const fn s(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: false,
        role: Role::Stamp,
        since: 1,
    }
}

const fn text(min: usize, max: usize) -> Kind {
    Kind::Text {
        min,
        max,
        multi: false,
    }
}

const fn long(max: usize) -> Kind {
    Kind::Text {
        min: 0,
        max,
        multi: true,
    }
}

const BOOL: Kind = Kind::Bool;
const DEVICE: Kind = text(1, 100);
const AUTHOR: Kind = text(0, 200);

const VALUE_CATALOG: TableSpec = TableSpec {
    name: "value_catalog",
    what: "waarde",
    since: 1,
    cols: &[
        c("id", Kind::Slug(80)),
        c("label", text(1, 80)),
        c("description", long(2000)),
        c(
            "bevorderend",
            Kind::StrList {
                items: 100,
                len: 200,
            },
        ),
        c(
            "belemmerend",
            Kind::StrList {
                items: 100,
                len: 200,
            },
        ),
        c("builtin", BOOL),
        c("retired", BOOL),
        c(
            "sort",
            Kind::Int {
                min: -1_000_000,
                max: 1_000_000,
            },
        ),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
    ],
    children: &[],
};

const COMPLEX: TableSpec = TableSpec {
    name: "complex",
    what: "complex",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("wijk_code", Kind::Wijk),
        c("name", text(1, 200)),
        n("corporation", text(1, 200)).added_in(2),
    ],
    children: &[],
};

const CAMPAIGN: TableSpec = TableSpec {
    name: "campaign",
    what: "ronde",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("name", text(1, 200)),
        c("team", text(0, 100)),
        c(
            "goal",
            Kind::Int {
                min: 0,
                max: 10_000_000,
            },
        ),
        c("period_start", Kind::Date),
        c("period_end", Kind::Date),
        n("complex_id", Kind::Ref("complex")),
        c("areas", Kind::WijkList),
        n("reach_min_pct", Kind::Int { min: 0, max: 100 }).added_in(2),
        n("reach_max_pct", Kind::Int { min: 0, max: 100 }).added_in(2),
        n("programme", text(1, 100)).added_in(3),
    ],
    children: &[],
};

const HOUSEHOLD: TableSpec = TableSpec {
    name: "household",
    what: "huishouden",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("wijk_code", Kind::Wijk),
        n("complex_id", Kind::Ref("complex")),
        n("street", text(0, 120)),
        n(
            "number",
            Kind::Int {
                min: 1,
                max: 1_000_000,
            },
        ),
        n("addition", text(0, 10)),
        n("postcode", Kind::Postcode),
        c("contact_consent", BOOL),
        n("contact_name", text(0, 100)),
        n("contact_phone", text(0, 30)),
        n("contact_email", text(0, 200)),
        Col {
            name: "last_contact",
            kind: Kind::Date,
            null: true,
            role: Role::Max,
            since: 1,
        },
        c("purged", BOOL),
    ],
    children: &[],
};

const CAMPAIGN_ADDRESS: TableSpec = TableSpec {
    name: "campaign_address",
    what: "looplijstadres",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("campaign_id", Kind::Ref("campaign")),
        c("household_id", Kind::Ref("household")),
    ],
    children: &[],
};

const VISIT: TableSpec = TableSpec {
    name: "visit",
    what: "bezoek",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("household_id", Kind::Ref("household")),
        n("campaign_id", Kind::Ref("campaign")),
        c("visited_at", Kind::Timestamp),
        c("outcome", Kind::Code("outcome_code")),
        c("note", long(2000)),
    ],
    children: &[],
};

const CONVERSATION: TableSpec = TableSpec {
    name: "conversation",
    what: "gesprek",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        n("household_id", Kind::Ref("household")),
        n("visit_id", Kind::Ref("visit")),
        n("campaign_id", Kind::Ref("campaign")),
        c("wijk_code", Kind::Wijk),
        c("held_on", Kind::Date),
        c(
            "workers",
            Kind::StrList {
                items: 20,
                len: 100,
            },
        ),
        c("language", text(0, 20)),
        c("story", long(crate::domain::conversation::MAX_STORY)),
        c("consent_registration", BOOL),
        c("consent_quoting", BOOL),
        c("consent_recontact", BOOL),
        c("follow_up_wanted", BOOL),
        c("follow_up_note", long(2000)),
        c("follow_up_done", BOOL),
        c("purged", BOOL),
    ],
    children: &[
        ChildSpec {
            name: "values",
            table: "conversation_value",
            parent: "conversation_id",
            cols: &[
                c("value_id", Kind::ValueRef),
                c("sentiment", Kind::OneOf(&["valued", "concern"])),
                c("bevorderend", long(2000)),
                c("belemmerend", long(2000)),
            ],
            key: &[0],
            max: 200,
        },
        ChildSpec {
            name: "themes",
            table: "conversation_theme",
            parent: "conversation_id",
            cols: &[c("theme", text(1, 80))],
            key: &[0],
            max: 200,
        },
        ChildSpec {
            name: "quotes",
            table: "quote",
            parent: "conversation_id",
            cols: &[
                c("id", text(1, 120)),
                c(
                    "position",
                    Kind::Int {
                        min: 0,
                        max: 100_000,
                    },
                ),
                c("text", long(2000)),
                c("consent_quoting", BOOL),
            ],
            key: &[1, 0],
            max: 500,
        },
    ],
};

const BENEFIT_CHECK: TableSpec = TableSpec {
    name: "benefit_check",
    what: "voorzieningencheck",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("household_id", Kind::Ref("household")),
        n("conversation_id", Kind::Ref("conversation")),
        c("wijk_code", Kind::Wijk),
        c("checked_on", Kind::Date),
        c("household_type", Kind::Slug(60)),
        c("age_group", Kind::Slug(60)),
        c("income_band", Kind::Slug(60)),
        c("rent_band", Kind::Slug(60)),
        c("children", Kind::Int { min: 0, max: 20 }),
        c(
            "catalog_year",
            Kind::Int {
                min: 2000,
                max: 2100,
            },
        ),
    ],
    children: &[ChildSpec {
        name: "items",
        table: "check_item",
        parent: "check_id",
        cols: &[
            c("regulation_id", Kind::RegulationRef),
            c("status", Kind::Code("check_status")),
            c("screen_possible", BOOL),
            n(
                "estimated_yearly_eur",
                Kind::Int {
                    min: 0,
                    max: 100_000,
                },
            ),
        ],
        key: &[0],
        max: 200,
    }],
};

const REFERRAL: TableSpec = TableSpec {
    name: "referral",
    what: "doorverwijzing",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        n("household_id", Kind::Ref("household")),
        n("conversation_id", Kind::Ref("conversation")),
        c("wijk_code", Kind::Wijk),
        c("target", Kind::Code("referral_target")),
        c("status", Kind::Code("referral_status")),
        c("proposed_on", Kind::Date),
        c("status_on", Kind::Date),
        n("due_on", Kind::Date),
        c("note", long(2000)),
    ],
    children: &[],
};

const PARTICIPATION: TableSpec = TableSpec {
    name: "participation",
    what: "deelname-signaal",
    since: 1,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        n("household_id", Kind::Ref("household")),
        n("conversation_id", Kind::Ref("conversation")),
        c("wijk_code", Kind::Wijk),
        c(
            "kind",
            Kind::OneOf(&[
                "activiteiten",
                "vrijwilligerswerk",
                "werk_opleiding",
                "bewonersinitiatief",
                "taal_digitaal",
            ]),
        ),
        c("topic", text(0, 200)),
        c("signalled_on", Kind::Date),
    ],
    children: &[],
};

const CHECK_STEP: TableSpec = TableSpec {
    name: "check_step",
    what: "stap in een voorzieningencheck",
    since: 2,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("check_id", Kind::Ref("benefit_check")),
        c("wijk_code", Kind::Wijk),
        c("regulation_id", Kind::RegulationRef),
        c("status", Kind::Code("check_status")),
        c("step_on", Kind::Date),
        n(
            "helper",
            Kind::OneOf(&["formulierenbrigade", "few", "zelf"]),
        ),
        n(
            "amount_cents",
            Kind::Int {
                min: 0,
                max: 10_000_000,
            },
        ),
        n("period", Kind::OneOf(&["maand", "jaar", "eenmalig"])),
        n("starts_on", Kind::Date),
        c(
            "reason",
            Kind::OneOf(&[
                "",
                "inkomen_te_hoog",
                "vermogen_te_hoog",
                "voorwaarden",
                "onvolledig",
                "wil_niet",
                "te_ingewikkeld",
                "geen_tijd",
                "anders",
            ]),
        ),
    ],
    children: &[],
};

const CHECK_ACTION: TableSpec = TableSpec {
    name: "check_action",
    what: "actie in een voorzieningencheck",
    since: 2,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("check_id", Kind::Ref("benefit_check")),
        c("wijk_code", Kind::Wijk),
        c(
            "kind",
            Kind::OneOf(&["schulden", "budgetplan", "uitkering", "few_overdracht"]),
        ),
        n("agency", Kind::OneOf(&["gemeente", "uwv", "svb"])),
        c("done_on", Kind::Date),
        n("referral_id", Kind::Ref("referral")),
    ],
    children: &[],
};

const PARTICIPATION_STEP: TableSpec = TableSpec {
    name: "participation_step",
    what: "stap in een deelname",
    since: 2,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("participation_id", Kind::Ref("participation")),
        c("wijk_code", Kind::Wijk),
        c(
            "status",
            Kind::OneOf(&["interesse", "in_contact", "doet_mee", "gestopt"]),
        ),
        c("step_on", Kind::Date),
    ],
    children: &[],
};

const COLLECTIVE_ACTION: TableSpec = TableSpec {
    name: "collective_action",
    what: "collectieve actie",
    since: 2,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("wijk_code", Kind::Wijk),
        n("complex_id", Kind::Ref("complex")),
        c("title", text(1, 200)),
        c("started_on", Kind::Date),
        n("ended_on", Kind::Date),
        c(
            "status",
            Kind::OneOf(&["idee", "in_voorbereiding", "uitgevoerd", "geevalueerd"]),
        ),
        c(
            "residents",
            Kind::Int {
                min: 0,
                max: 100_000,
            },
        ),
        c("value_ids", Kind::StrList { items: 20, len: 80 }),
        c("themes", Kind::StrList { items: 20, len: 80 }),
        c("partners", Kind::StrList { items: 20, len: 40 }),
    ],
    children: &[],
};

const PROGRAMME_TARGET: TableSpec = TableSpec {
    name: "programme_target",
    what: "jaardoel",
    since: 3,
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("programme", text(1, 100)),
        c(
            "year",
            Kind::Int {
                min: 2000,
                max: 2100,
            },
        ),
        c(
            "households_min",
            Kind::Int {
                min: 0,
                max: 1_000_000,
            },
        ),
        c(
            "households_max",
            Kind::Int {
                min: 0,
                max: 1_000_000,
            },
        ),
        c("reach_min_pct", Kind::Int { min: 0, max: 100 }),
        c("reach_max_pct", Kind::Int { min: 0, max: 100 }),
    ],
    children: &[],
};

/// Every table that travels, parents before children.
pub static TABLES: [TableSpec; 15] = [
    VALUE_CATALOG,
    COMPLEX,
    CAMPAIGN,
    HOUSEHOLD,
    CAMPAIGN_ADDRESS,
    VISIT,
    CONVERSATION,
    BENEFIT_CHECK,
    CHECK_STEP,
    REFERRAL,
    CHECK_ACTION,
    PARTICIPATION,
    PARTICIPATION_STEP,
    COLLECTIVE_ACTION,
    PROGRAMME_TARGET,
];
