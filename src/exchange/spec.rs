//! The payload schema: which tables travel in an export, their columns in
//! payload order, what each column may hold, and how each takes part in a merge.
//!
//! Tables are listed parents first, so applying them in this order never
//! breaks a foreign key. Children (conversation values/themes/quotes, check
//! items) travel inside their parent's row and are compared as part of it.

use super::value::Val;

/// What a column may hold; checked for every incoming record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The record's own UUID (canonical lowercase, hyphenated).
    Uuid,
    /// A UUID referencing a synced table.
    Ref(&'static str),
    /// `[a-z0-9_]`, 1..=max bytes.
    Slug(usize),
    /// Hybrid logical clock reading (`updated_at`).
    Hlc,
    /// RFC 3339 timestamp.
    Timestamp,
    /// `YYYY-MM-DD`.
    Date,
    /// Free text of `min..=max` characters; `multi` allows line breaks and tabs.
    Text {
        min: usize,
        max: usize,
        multi: bool,
    },
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    /// A JSON list of short texts, stored as JSON text.
    StrList {
        items: usize,
        len: usize,
    },
    /// A JSON list of wijk codes, stored as JSON text.
    WijkList,
    /// A wijk (CBS buurt, `BU…`) known to the store.
    Wijk,
    /// A code from a code table (`outcome_code`, `referral_target`, …).
    Code(&'static str),
    /// One of a fixed set of words.
    OneOf(&'static [&'static str]),
    /// Dutch postcode `1234AB`.
    Postcode,
    /// A value id in the values catalogue (this file or the store).
    ValueRef,
    /// A regulation id in the regulations catalogue.
    RegulationRef,
}

/// How a column takes part in the merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Ordinary content.
    Content,
    /// `updated_at`, `device_id`, `author`: who/when, not what.
    Stamp,
    /// Merges as the maximum of both sides, whichever version wins
    /// (e.g. `household.last_contact`); not part of a version's identity.
    Max,
}

#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub kind: Kind,
    pub null: bool,
    pub role: Role,
}

const fn c(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: false,
        role: Role::Content,
    }
}

const fn n(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: true,
        role: Role::Content,
    }
}

const fn s(name: &'static str, kind: Kind) -> Col {
    Col {
        name,
        kind,
        null: false,
        role: Role::Stamp,
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

/// A child table travelling inside its parent's row.
#[derive(Debug)]
pub struct ChildSpec {
    /// Name in the payload header.
    pub name: &'static str,
    pub table: &'static str,
    /// Column referencing the parent's id (not in the payload).
    pub parent: &'static str,
    pub cols: &'static [Col],
    /// Column indexes that order (and identify) the rows within one parent.
    pub key: &'static [usize],
    /// Most rows one parent may carry.
    pub max: usize,
}

#[derive(Debug)]
pub struct TableSpec {
    pub name: &'static str,
    /// Dutch name of one record, for messages.
    pub what: &'static str,
    pub cols: &'static [Col],
    pub children: &'static [ChildSpec],
}

impl TableSpec {
    pub fn col(&self, name: &str) -> Option<usize> {
        self.cols.iter().position(|c| c.name == name)
    }

    pub fn updated_at(&self) -> usize {
        self.col("updated_at")
            .expect("every synced table has updated_at")
    }

    pub fn device_id(&self) -> usize {
        self.col("device_id")
            .expect("every synced table has device_id")
    }

    pub fn purged(&self) -> Option<usize> {
        self.col("purged")
    }

    pub fn max_col(&self) -> Option<usize> {
        self.cols.iter().position(|c| c.role == Role::Max)
    }

    /// Comma-separated column list for SQL.
    pub fn column_list(&self) -> String {
        self.cols
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl ChildSpec {
    pub fn column_list(&self) -> String {
        self.cols
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn order_by(&self) -> String {
        self.key
            .iter()
            .map(|i| self.cols[*i].name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Sorts rows into their canonical order (the store's `ORDER BY`).
    pub fn sort(&self, rows: &mut [Vec<Val>]) {
        rows.sort_by(|a, b| {
            self.key
                .iter()
                .map(|i| a[*i].cmp(&b[*i]))
                .find(|o| o.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
    }
}

const VALUE_CATALOG: TableSpec = TableSpec {
    name: "value_catalog",
    what: "waarde",
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
    cols: &[
        c("id", Kind::Uuid),
        c("created_at", Kind::Timestamp),
        s("updated_at", Kind::Hlc),
        s("device_id", DEVICE),
        s("author", AUTHOR),
        c("deleted", BOOL),
        c("wijk_code", Kind::Wijk),
        c("name", text(1, 200)),
    ],
    children: &[],
};

const CAMPAIGN: TableSpec = TableSpec {
    name: "campaign",
    what: "ronde",
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
    ],
    children: &[],
};

const HOUSEHOLD: TableSpec = TableSpec {
    name: "household",
    what: "huishouden",
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
        },
        c("purged", BOOL),
    ],
    children: &[],
};

const CAMPAIGN_ADDRESS: TableSpec = TableSpec {
    name: "campaign_address",
    what: "looplijstadres",
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
        c("kind", Kind::OneOf(&["activiteiten", "vrijwilligerswerk"])),
        c("topic", text(0, 200)),
        c("signalled_on", Kind::Date),
    ],
    children: &[],
};

/// Every table that travels, parents before children.
pub static TABLES: [TableSpec; 10] = [
    VALUE_CATALOG,
    COMPLEX,
    CAMPAIGN,
    HOUSEHOLD,
    CAMPAIGN_ADDRESS,
    VISIT,
    CONVERSATION,
    BENEFIT_CHECK,
    REFERRAL,
    PARTICIPATION,
];

pub fn table(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}

/// Dutch name of a referenced table, for messages.
pub fn what(table_name: &str) -> &'static str {
    match table_name {
        "outcome_code" => "uitkomstcode",
        "referral_target" => "doorverwijsorganisatie",
        "referral_status" => "doorverwijsstatus",
        "check_status" => "checkstatus",
        "regulation" => "regeling",
        "area" => "wijk",
        other => table(other).map(|t| t.what).unwrap_or("gegeven"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_match_the_schema() {
        let conn = crate::exchange::testutil::memory_db();
        for t in &TABLES {
            let sql = format!("SELECT {} FROM {} LIMIT 0", t.column_list(), t.name);
            conn.prepare(&sql)
                .unwrap_or_else(|e| panic!("{}: {e}", t.name));
            let cols: i64 = conn
                .query_row(
                    &format!("SELECT count(*) FROM pragma_table_info('{}')", t.name),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                cols as usize,
                t.cols.len(),
                "{} has columns not in the spec",
                t.name
            );
            assert_eq!(t.cols[0].name, "id");
            for ch in t.children {
                let sql = format!(
                    "SELECT {}, {} FROM {} LIMIT 0",
                    ch.parent,
                    ch.column_list(),
                    ch.table
                );
                conn.prepare(&sql)
                    .unwrap_or_else(|e| panic!("{}: {e}", ch.table));
                let cols: i64 = conn
                    .query_row(
                        &format!("SELECT count(*) FROM pragma_table_info('{}')", ch.table),
                        [],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert_eq!(cols as usize, ch.cols.len() + 1, "{}", ch.table);
            }
        }
    }
}
