//! The voorzieningencheck's counts: per household the latest check in the
//! period, the current status of each of its regulations (the latest step,
//! `check_item_now`), granted amounts apart from estimates, the other work
//! done in it (`check_action`) and who was reached (the quick screen's answers).

use super::{
    child_params, each_row, ids_json, text, Access, Counts, CAMPAIGN_CONV, IN_COMPLEX, IN_WIJKEN,
};
use crate::profile::ordered::Ordered;
use rusqlite::Connection;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Households with a check (the latest check per household in the period)
/// and the items of those checks, counted by what their status counts as.
pub(super) fn checks(
    conn: &Connection,
    p: &[&dyn rusqlite::ToSql],
    access: Access,
    c: &mut Counts,
) -> rusqlite::Result<()> {
    // household → its latest check.
    let mut latest: HashMap<String, Latest> = HashMap::default();
    each_row(
        conn,
        &format!(
            "SELECT household_id, checked_on, id, wijk_code, household_type, age_group, income_band
             FROM benefit_check
             WHERE deleted = 0 AND wijk_code {IN_WIJKEN} AND checked_on BETWEEN ?2 AND ?3
               AND {CAMPAIGN_CONV} AND {IN_COMPLEX}"
        ),
        p,
        |r| {
            let Some(w) = c.of(text(r, 3)?) else {
                return Ok(());
            };
            let (day, id) = (text(r, 1)?, text(r, 2)?);
            c.raw[w].saw_days(day, day);
            let newer = |l: &Latest| (day, id) > (l.day.as_str(), l.id.as_str());
            let household = text(r, 0)?;
            let this = || -> rusqlite::Result<Latest> {
                Ok(Latest {
                    day: day.to_string(),
                    id: id.to_string(),
                    w,
                    traits: [text(r, 4)?.into(), text(r, 5)?.into(), text(r, 6)?.into()],
                })
            };
            match latest.get_mut(household) {
                Some(l) if !newer(l) => {}
                Some(l) => *l = this()?,
                None => {
                    latest.insert(household.to_string(), this()?);
                }
            }
            Ok(())
        },
    )?;
    // Who was reached: the quick screen's answers of each household's latest check.
    for l in latest.values() {
        let raw = &mut c.raw[l.w];
        raw.checks += 1;
        for (dim, v) in TRAITS.iter().zip(&l.traits) {
            *raw.clients.entry(format!("{dim}/{v}")).or_default() += 1;
        }
    }
    let mut by_check = Ordered::new(latest.into_values().map(|l| (l.id, l.w)).collect());
    let counts_as: HashMap<String, String> = {
        let mut stmt = conn.prepare_cached("SELECT code, counts_as FROM check_status")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // Current statuses (the latest step of each item's trajectory). A lookup
    // reads them from the view `check_item_now` (an index probe per item); a
    // city-wide scan reads the items in key order and the steps once, keeping
    // the latest per item in the same order as the view (date, stamp, id), so
    // no probe per item is needed. A test holds both equal.
    let cols = "i.check_id, i.regulation_id, i.status, i.estimated_yearly_eur";
    let sql = match access {
        Access::Lookup => format!(
            "SELECT {cols}, i.granted_yearly_eur FROM json_each(?1) j
             CROSS JOIN check_item_now i ON i.check_id = j.value ORDER BY j.key"
        ),
        Access::Scan => format!("SELECT {cols}, NULL FROM check_item i ORDER BY i.check_id"),
    };
    let ids = match access {
        Access::Lookup => ids_json(by_check.iter().map(|(id, _)| id)),
        Access::Scan => String::new(),
    };
    let latest_steps = match access {
        Access::Lookup => HashMap::default(),
        Access::Scan => latest_steps(conn)?,
    };
    // Checks with an application (pending, granted or rejected) and with
    // anything granted: counted once per household below.
    let mut applied: HashSet<String> = HashSet::default();
    let mut granted_in: HashSet<String> = HashSet::default();
    each_row(conn, &sql, &child_params(access, &ids), |r| {
        let check = text(r, 0)?;
        let Some(&w) = by_check.get(check) else {
            return Ok(());
        };
        let raw = &mut c.raw[w];
        let regulation = text(r, 1)?;
        let e = match raw.regulations.get_mut(regulation) {
            Some(e) => e,
            None => raw.regulations.entry(regulation.to_string()).or_default(),
        };
        let estimate: Option<i64> = r.get(3)?;
        let stepped = latest_steps.get(check).and_then(|m| m.get(regulation));
        let (status, granted) = match stepped {
            Some(l) => (l.status.as_str(), l.granted),
            None => (text(r, 2)?, r.get(4)?),
        };
        let amount = |a: Option<i64>| (a.unwrap_or(0), u64::from(a.is_some()));
        let kind = counts_as.get(status).map(String::as_str);
        if matches!(kind, Some("applied" | "granted" | "rejected")) && !applied.contains(check) {
            applied.insert(check.to_string());
            raw.applied_households += 1;
        }
        if kind == Some("granted") && !granted_in.contains(check) {
            granted_in.insert(check.to_string());
            raw.granted_households += 1;
        }
        match kind {
            Some("receiving") => e.receiving += 1,
            Some(kind @ ("non_take_up" | "applied")) => {
                if kind == "applied" {
                    e.applied += 1;
                } else {
                    e.non_take_up += 1;
                }
                let (eur, known) = amount(estimate);
                e.potential_eur += eur;
                e.potential_known += known;
            }
            Some("granted") => {
                e.granted += 1;
                let (eur, known) = amount(granted);
                e.granted_eur += eur;
                e.granted_known += known;
            }
            _ => e.other += 1,
        }
        Ok(())
    })?;
    // The other work done in those checks, once per check and kind.
    let sql = match access {
        Access::Lookup => {
            "SELECT a.check_id, a.kind FROM json_each(?1) j
             CROSS JOIN check_action a ON a.check_id = j.value WHERE a.deleted = 0 ORDER BY j.key"
        }
        Access::Scan => {
            "SELECT check_id, kind FROM check_action WHERE deleted = 0 ORDER BY check_id"
        }
    };
    let mut seen: HashSet<(String, String)> = HashSet::default();
    each_row(conn, sql, &child_params(access, &ids), |r| {
        let (check, kind) = (text(r, 0)?, text(r, 1)?);
        let Some(&w) = by_check.get(check) else {
            return Ok(());
        };
        if seen.insert((check.to_string(), kind.to_string())) {
            *c.raw[w].check_actions.entry(kind.to_string()).or_default() += 1;
        }
        Ok(())
    })
}

/// The latest live step of every check item that has one: check → regulation
/// → (status, granted € per year), by step date, then stamp, then id (the
/// order of the view `check_item_now`). Looked up by `&str`, without
/// allocating, once per check item.
type LatestSteps = HashMap<String, HashMap<String, LatestStep>>;

/// The latest step of one item and its order key (step_on, updated_at, id).
struct LatestStep {
    key: (String, String, String),
    status: String,
    granted: Option<i64>,
}

fn latest_steps(conn: &Connection) -> rusqlite::Result<LatestSteps> {
    let mut out = LatestSteps::default();
    // Read in table order (no sort, no probe from an index into the table);
    // the latest per item is kept by comparing the order key.
    each_row(
        conn,
        "SELECT check_id, regulation_id, status, amount_cents, period, step_on, updated_at, id
         FROM check_step WHERE deleted = 0",
        &[],
        |r| {
            // Compared before anything is copied: most steps are not the latest.
            let key = (text(r, 5)?, text(r, 6)?, text(r, 7)?);
            let (check, regulation) = (text(r, 0)?, text(r, 1)?);
            let latest =
                |l: &LatestStep| (l.key.0.as_str(), l.key.1.as_str(), l.key.2.as_str()) >= key;
            if out
                .get(check)
                .and_then(|items| items.get(regulation))
                .is_some_and(latest)
            {
                return Ok(());
            }
            let key = (key.0.to_string(), key.1.to_string(), key.2.to_string());
            let items = match out.get_mut(check) {
                Some(items) => items,
                None => out.entry(check.to_string()).or_default(),
            };
            let cents: Option<i64> = r.get(3)?;
            let period: Option<String> = r.get(4)?;
            let granted = cents
                .zip(period.as_deref())
                .map(|(c, p)| crate::domain::check_step::yearly_eur(c, p));
            items.insert(
                regulation.to_string(),
                LatestStep {
                    key,
                    status: r.get(2)?,
                    granted,
                },
            );
            Ok(())
        },
    )?;
    Ok(out)
}

/// The quick screen's answers counted for "Wie we bereikten", keyed
/// `dimension/code` in [`Raw::clients`](crate::profile::raw::Raw).
pub(crate) const TRAITS: [&str; 3] = ["household_type", "age_group", "income_band"];

/// A household's latest check in scope.
struct Latest {
    day: String,
    id: String,
    w: usize,
    /// household_type, age_group, income_band (as [`TRAITS`]).
    traits: [String; 3],
}
