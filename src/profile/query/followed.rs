//! What followed the conversations: referrals by target and status,
//! participation by kind and current status (`participation_now`), and the
//! collective actions started in the period.

use super::{each_row, text, Counts, CAMPAIGN_CONV, IN_COMPLEX, IN_WIJKEN};
use crate::profile::raw::{CollectiveRaw, Raw};
use rusqlite::Connection;
use std::collections::BTreeMap;

/// Referrals by target and status, participation by kind and current status:
/// few rows, grouped in SQL.
pub(super) fn referrals_and_participation(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    c: &mut Counts,
) -> rusqlite::Result<()> {
    two_way(conn, p, c, "referral", "target", "proposed_on", |r| {
        (&mut r.referrals_by_target, &mut r.referrals_by_status)
    })?;
    two_way(
        conn,
        p,
        c,
        "participation_now",
        "kind",
        "signalled_on",
        |r| (&mut r.participation, &mut r.participation_status),
    )
}

/// Counts by code.
type Tally = BTreeMap<String, u64>;

/// Counts the live rows of `table` in scope per wijk by `by` and by status
/// (into the two maps `into` picks), and notes their first and last `day`.
fn two_way(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    c: &mut Counts,
    table: &str,
    by: &str,
    day: &str,
    into: fn(&mut Raw) -> (&mut Tally, &mut Tally),
) -> rusqlite::Result<()> {
    each_row(
        conn,
        &format!(
            "SELECT wijk_code, {by}, status, count(*), min({day}), max({day})
             FROM {table} WHERE deleted = 0 AND wijk_code {IN_WIJKEN}
               AND {day} BETWEEN ?2 AND ?3 AND {CAMPAIGN_CONV} AND {IN_COMPLEX}
             GROUP BY wijk_code, {by}, status"
        ),
        p,
        |r| {
            let Some(w) = c.of(text(r, 0)?) else {
                return Ok(());
            };
            let raw = &mut c.raw[w];
            let n = r.get::<_, i64>(3)? as u64;
            let (first, second) = into(raw);
            *first.entry(r.get(1)?).or_default() += n;
            *second.entry(r.get(2)?).or_default() += n;
            raw.saw_days(text(r, 4)?, text(r, 5)?);
            Ok(())
        },
    )
}

/// Collective actions started in the period in the wijken (of the complex).
pub(super) fn collective(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    c: &mut Counts,
) -> rusqlite::Result<()> {
    each_row(
        conn,
        &format!(
            "SELECT wijk_code, started_on, title, ended_on, status, residents, value_ids, themes, partners
             FROM collective_action WHERE deleted = 0 AND wijk_code {IN_WIJKEN}
               AND started_on BETWEEN ?2 AND ?3 AND (?5 IS NULL OR complex_id = ?5)"
        ),
        p,
        |r| {
            let Some(w) = c.of(text(r, 0)?) else {
                return Ok(());
            };
            let list = |i: usize| -> rusqlite::Result<Vec<String>> {
                Ok(serde_json::from_str(text(r, i)?).unwrap_or_default())
            };
            let a = CollectiveRaw {
                started_on: r.get(1)?,
                title: r.get(2)?,
                ended_on: r.get(3)?,
                status: r.get(4)?,
                residents: r.get::<_, i64>(5)? as u64,
                value_ids: list(6)?,
                themes: list(7)?,
                partners: list(8)?,
            };
            let raw = &mut c.raw[w];
            raw.collective.push(a);
            raw.collective.sort();
            Ok(())
        },
    )
}
