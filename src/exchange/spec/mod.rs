//! The payload schema: which tables travel in an export, their columns in
//! payload order, what each column may hold, and how each takes part in a merge.
//!
//! Tables are listed parents first, so applying them in this order never
//! breaks a foreign key. Children (conversation values/themes/quotes, check
//! items) travel inside their parent's row and are compared as part of it.

use super::value::Val;

mod tables;
pub use tables::TABLES;

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
    /// The export format version in which this column first travelled. A
    /// column added later is nullable: in older files it reads as null.
    pub since: u64,
}

impl Col {
    /// The same column, first travelling in format `version`.
    pub const fn added_in(self, version: u64) -> Col {
        Col {
            since: version,
            ..self
        }
    }
}

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
    /// The export format version in which this table first travelled; files
    /// of an older version have no section for it.
    pub since: u64,
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

    /// The columns a file of format `version` carries, in payload order.
    pub fn cols_in(&self, version: u64) -> Vec<Col> {
        self.cols
            .iter()
            .filter(|c| c.since <= version)
            .copied()
            .collect()
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

pub fn table(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}

/// Index in [`TABLES`] of a synced table; the specs are static, so an
/// unknown name is a programming error.
pub fn index_of(name: &str) -> usize {
    TABLES
        .iter()
        .position(|t| t.name == name)
        .unwrap_or_else(|| panic!("{name} is not a synced table"))
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
    #[test]
    fn columns_added_after_the_first_format_read_as_null_in_older_files() {
        for t in super::TABLES.iter() {
            assert!(
                t.since >= 1 && t.since <= crate::exchange::FORMAT_VERSION,
                "{}",
                t.name
            );
            for c in t.cols.iter().filter(|c| c.since > t.since.max(1)) {
                assert!(
                    c.null,
                    "{}.{} is added later, so it must be nullable",
                    t.name, c.name
                );
                assert_eq!(c.role, super::Role::Content, "{}.{}", t.name, c.name);
                assert!(
                    c.since <= crate::exchange::FORMAT_VERSION,
                    "{}.{}",
                    t.name,
                    c.name
                );
            }
        }
    }

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
