//! What followed the conversations: referrals by target and status,
//! participation by kind and current status (`participation_now`), and the
//! collective actions started in the period.

use super::{each_row, text, Counts, CAMPAIGN_CONV, IN_COMPLEX, IN_WIJKEN};
use crate::profile::raw::CollectiveRaw;
use rusqlite::Connection;

/// Referrals by target and status, participation by kind: few rows, grouped
/// in SQL.
pub(super) fn referrals_and_participation(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    c: &mut Counts,
) -> rusqlite::Result<()> {
    each_row(
        conn,
        &format!(
            "SELECT wijk_code, target, status, count(*), min(proposed_on), max(proposed_on)
             FROM referral WHERE deleted = 0 AND wijk_code {IN_WIJKEN}
               AND proposed_on BETWEEN ?2 AND ?3 AND {CAMPAIGN_CONV} AND {IN_COMPLEX}
             GROUP BY wijk_code, target, status"
        ),
        p,
        |r| {
            let Some(w) = c.of(text(r, 0)?) else {
                return Ok(());
            };
            let raw = &mut c.raw[w];
            let n = r.get::<_, i64>(3)? as u64;
            *raw.referrals_by_target.entry(r.get(1)?).or_default() += n;
            *raw.referrals_by_status.entry(r.get(2)?).or_default() += n;
            raw.saw_days(text(r, 4)?, text(r, 5)?);
            Ok(())
        },
    )?;
    each_row(
        conn,
        &format!(
            "SELECT wijk_code, kind, status, count(*), min(signalled_on), max(signalled_on)
             FROM participation_now WHERE deleted = 0 AND wijk_code {IN_WIJKEN}
               AND signalled_on BETWEEN ?2 AND ?3 AND {CAMPAIGN_CONV} AND {IN_COMPLEX}
             GROUP BY wijk_code, kind, status"
        ),
        p,
        |r| {
            let Some(w) = c.of(text(r, 0)?) else {
                return Ok(());
            };
            let raw = &mut c.raw[w];
            let n = r.get::<_, i64>(3)? as u64;
            *raw.participation.entry(r.get(1)?).or_default() += n;
            *raw.participation_status.entry(r.get(2)?).or_default() += n;
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
