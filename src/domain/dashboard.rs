//! The wijkdashboard: for a wijk, a stadsdeel or the city and an optional period,
//! the funnel (benaderd → bereikt → gesprek → vervolg), the values named, the
//! voorzieningencheck outcomes and referrals. Counts from 1 to 4 are withheld
//! (see [`super::areamap::SMALL_NUMBER`]); no personal data leaves this module.

use super::areamap::{rate, shown, SMALL_NUMBER};
use super::{parse_date, DomainError};
use crate::catalog::nijmegen;
use crate::store::Store;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FunnelStep {
    pub key: String,
    pub label: String,
    /// `None`: too few to show.
    pub count: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueStat {
    pub value_id: String,
    pub label: String,
    pub conversations: Option<u64>,
    /// % of the period's conversations that name this value.
    pub share: Option<f64>,
    pub valued: Option<u64>,
    pub concern: Option<u64>,
    /// Most frequent bevorderend factor, when named at least `SMALL_NUMBER` times.
    pub top_bevorderend: Option<String>,
    pub top_belemmerend: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegulationStat {
    pub regulation_id: String,
    pub name: String,
    pub level: String,
    pub receiving: Option<u64>,
    pub non_take_up: Option<u64>,
    pub applied: Option<u64>,
    pub granted: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferralStat {
    pub target: String,
    pub label: String,
    pub count: Option<u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    pub code: String,
    pub name: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub funnel: Vec<FunnelStep>,
    pub conversations: Option<u64>,
    /// Values by number of conversations naming them (top 10).
    pub values: Vec<ValueStat>,
    pub households_checked: Option<u64>,
    pub regulations: Vec<RegulationStat>,
    /// Estimated yearly yield of applications and grants (whole euros), an estimate.
    pub yield_eur: Option<i64>,
    pub referrals: Vec<ReferralStat>,
    pub participation: Option<u64>,
    pub small_number: u64,
}

impl Store {
    /// The dashboard of an area (wijk BU…, stadsdeel WK… or the city GM0268) over
    /// an optional period (`YYYY-MM-DD`, inclusive).
    pub fn area_dashboard(
        &self,
        code: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Dashboard, DomainError> {
        let map = nijmegen();
        let wijken = map
            .wijk_codes_in(code)
            .ok_or_else(|| DomainError::UnknownCode {
                what: "gebied",
                code: code.to_string(),
            })?;
        let name = if code == "GM0268" {
            "Nijmegen".to_string()
        } else {
            map.get(code).map(|a| a.name.clone()).unwrap_or_default()
        };
        let from = from
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_date("vanaf", s).map(|d| d.to_string()))
            .transpose()?;
        let to = to
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_date("tot en met", s).map(|d| d.to_string()))
            .transpose()?;
        if let (Some(f), Some(t)) = (&from, &to) {
            if t < f {
                return Err(DomainError::Invalid(
                    "de einddatum ligt voor de begindatum".into(),
                ));
            }
        }
        // A stadsdeel or the city reads much of the store: with the app's small
        // page cache every page read again would be decrypted again.
        if wijken.len() > 1 {
            let cache = crate::store::bulk_cache(self.conn())?;
            let result = self.dashboard_of(code, name, &wijken, from, to);
            crate::store::restore_cache(self.conn(), cache);
            result
        } else {
            self.dashboard_of(code, name, &wijken, from, to)
        }
    }

    fn dashboard_of(
        &self,
        code: &str,
        name: String,
        wijken: &[String],
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Dashboard, DomainError> {
        let areas = serde_json::to_string(wijken).expect("strings serialise");
        // Value tags are read per conversation in scope for a wijk or a
        // stadsdeel (index lookups), and per value for the city (scans).
        // SQLite keeps a CROSS JOIN's order; without statistics it would scan
        // the whole store's tags for every wijk.
        let tags_from = if wijken.len() <= 20 {
            "conversation c CROSS JOIN conversation_value cv ON cv.conversation_id = c.id"
        } else {
            "conversation_value cv JOIN conversation c ON c.id = cv.conversation_id"
        };
        let (lo, hi) = (
            from.clone().unwrap_or_else(|| "0000-01-01".into()),
            to.clone().unwrap_or_else(|| "9999-12-31".into()),
        );
        let conn = self.conn();
        let one = |sql: &str| -> Result<u64, DomainError> {
            Ok(conn.query_row(sql, params![areas, lo, hi], |r| r.get::<_, i64>(0))? as u64)
        };
        let (approached, reached): (u64, u64) = conn.query_row(
            "SELECT coalesce(sum(a), 0), coalesce(sum(r), 0) FROM (
                SELECT max(o.approached) AS a, max(o.reached) AS r FROM visit v
                JOIN household h ON h.id = v.household_id JOIN outcome_code o ON o.code = v.outcome
                WHERE v.deleted = 0 AND h.deleted = 0 AND h.wijk_code IN (SELECT value FROM json_each(?1))
                  AND substr(v.visited_at, 1, 10) BETWEEN ?2 AND ?3 GROUP BY h.id)",
            params![areas, lo, hi],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )?;
        const CONV: &str = "FROM conversation c WHERE c.deleted = 0 AND c.wijk_code IN (SELECT value FROM json_each(?1)) AND c.held_on BETWEEN ?2 AND ?3";
        let conversations = one(&format!("SELECT count(*) {CONV}"))?;
        let follow_ups = one(&format!(
            "SELECT count(*) {CONV} AND c.follow_up_wanted = 1"
        ))?;
        let referral_total = one(
            "SELECT count(*) FROM referral WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
             AND proposed_on BETWEEN ?2 AND ?3",
        )?;
        let funnel = [
            ("benaderd", "Benaderd", approached),
            ("bereikt", "Bereikt", reached),
            ("gesprek", "Gesprekken", conversations),
            ("vervolg", "Vervolg gewenst", follow_ups),
            ("doorverwezen", "Doorverwezen", referral_total),
        ]
        .into_iter()
        .map(|(k, l, n)| FunnelStep {
            key: k.into(),
            label: l.into(),
            count: shown(n),
        })
        .collect();

        let mut stmt = conn.prepare(&format!(
            "SELECT cv.value_id, v.label, count(*), sum(cv.sentiment = 'valued'), sum(cv.sentiment = 'concern')
             FROM {tags_from}
             JOIN value_catalog v ON v.id = cv.value_id
             WHERE c.deleted = 0 AND c.wijk_code IN (SELECT value FROM json_each(?1)) AND c.held_on BETWEEN ?2 AND ?3
             GROUP BY cv.value_id ORDER BY count(*) DESC, v.sort LIMIT 10"
        ))?;
        let rows: Vec<(String, String, u64, u64, u64)> = stmt
            .query_map(params![areas, lo, hi], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                    r.get::<_, i64>(4)? as u64,
                ))
            })?
            .collect::<Result<_, _>>()?;
        // The most named factor per value (ties: alphabetical), one pass over the
        // tags in scope per column instead of one per value and column.
        let top_factors = |column: &str| -> Result<HashMap<String, String>, DomainError> {
            let sql = format!(
                "SELECT cv.value_id, lower(trim(cv.{column})) AS f, count(*) FROM {tags_from}
                 WHERE c.deleted = 0 AND c.purged = 0 AND trim(cv.{column}) <> ''
                   AND c.wijk_code IN (SELECT value FROM json_each(?1)) AND c.held_on BETWEEN ?2 AND ?3
                 GROUP BY cv.value_id, f"
            );
            let mut best: HashMap<String, (String, i64)> = HashMap::new();
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query(params![areas, lo, hi])?;
            while let Some(r) = rows.next()? {
                let (value, f, n): (String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
                match best.get_mut(&value) {
                    Some(b) if n > b.1 || (n == b.1 && f < b.0) => *b = (f, n),
                    Some(_) => {}
                    None => {
                        best.insert(value, (f, n));
                    }
                }
            }
            Ok(best
                .into_iter()
                .filter(|(_, (_, n))| *n as u64 >= SMALL_NUMBER)
                .map(|(v, (f, _))| (v, f))
                .collect())
        };
        let (mut bevorderend, mut belemmerend) =
            (top_factors("bevorderend")?, top_factors("belemmerend")?);
        let mut values = Vec::new();
        for (id, label, n, valued, concern) in rows {
            values.push(ValueStat {
                top_bevorderend: bevorderend.remove(&id),
                top_belemmerend: belemmerend.remove(&id),
                value_id: id,
                label,
                conversations: shown(n),
                share: rate(n, conversations, 100.0),
                valued: shown(valued),
                concern: shown(concern),
            });
        }

        const CHK: &str = "FROM benefit_check b WHERE b.deleted = 0 AND b.wijk_code IN (SELECT value FROM json_each(?1)) AND b.checked_on BETWEEN ?2 AND ?3";
        let households_checked = one(&format!("SELECT count(DISTINCT b.household_id) {CHK}"))?;
        // Check items in scope are counted per regulation first (checks found by
        // the wijk index), then joined to the catalogue, which lists every one.
        let mut stmt = conn.prepare(
            "SELECT r.id, r.name, r.level, coalesce(x.receiving, 0), coalesce(x.non_take_up, 0),
                    coalesce(x.applied, 0), coalesce(x.granted, 0)
             FROM regulation r LEFT JOIN (
                 SELECT i.regulation_id, sum(s.counts_as = 'receiving') AS receiving,
                        sum(s.counts_as = 'non_take_up') AS non_take_up, sum(s.counts_as = 'applied') AS applied,
                        sum(s.counts_as = 'granted') AS granted
                 FROM benefit_check b CROSS JOIN check_item i ON i.check_id = b.id
                 JOIN check_status s ON s.code = i.status
                 WHERE b.deleted = 0 AND b.wijk_code IN (SELECT value FROM json_each(?1))
                   AND b.checked_on BETWEEN ?2 AND ?3
                 GROUP BY i.regulation_id) x ON x.regulation_id = r.id
             ORDER BY r.sort",
        )?;
        let regulations = stmt
            .query_map(params![areas, lo, hi], |r| {
                let n = |i| r.get::<_, i64>(i).map(|v| shown(v as u64));
                Ok(RegulationStat {
                    regulation_id: r.get(0)?,
                    name: r.get(1)?,
                    level: r.get(2)?,
                    receiving: n(3)?,
                    non_take_up: n(4)?,
                    applied: n(5)?,
                    granted: n(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let (yield_eur, yield_items): (i64, i64) = conn.query_row(
            "SELECT coalesce(sum(i.estimated_yearly_eur), 0), count(i.estimated_yearly_eur)
             FROM check_item i JOIN benefit_check b ON b.id = i.check_id JOIN check_status s ON s.code = i.status
             WHERE b.deleted = 0 AND s.counts_as IN ('applied', 'granted')
               AND b.wijk_code IN (SELECT value FROM json_each(?1)) AND b.checked_on BETWEEN ?2 AND ?3",
            params![areas, lo, hi],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut stmt = conn.prepare(
            "SELECT t.code, t.label, coalesce(x.n, 0) FROM referral_target t LEFT JOIN (
                 SELECT target, count(*) AS n FROM referral WHERE deleted = 0
                   AND wijk_code IN (SELECT value FROM json_each(?1)) AND proposed_on BETWEEN ?2 AND ?3
                 GROUP BY target) x ON x.target = t.code
             ORDER BY t.sort",
        )?;
        let referrals = stmt
            .query_map(params![areas, lo, hi], |r| {
                Ok(ReferralStat {
                    target: r.get(0)?,
                    label: r.get(1)?,
                    count: shown(r.get::<_, i64>(2)? as u64),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let participation = one(
            "SELECT count(*) FROM participation WHERE deleted = 0 AND wijk_code IN (SELECT value FROM json_each(?1))
             AND signalled_on BETWEEN ?2 AND ?3",
        )?;
        Ok(Dashboard {
            code: code.to_string(),
            name,
            from,
            to,
            funnel,
            conversations: shown(conversations),
            values,
            households_checked: shown(households_checked),
            regulations,
            yield_eur: (yield_items as u64 >= SMALL_NUMBER).then_some(yield_eur),
            referrals,
            participation: shown(participation),
            small_number: SMALL_NUMBER,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashboard_counts_follow_the_period_and_hide_small_numbers() {
        let (_dir, s) = crate::testutil::demo_store(1200, 3);
        let city = s.area_dashboard("GM0268", None, None).unwrap();
        let stats = s.stats_by_area().unwrap();
        let conv: u64 = stats.iter().map(|a| a.conversations).sum();
        assert_eq!(city.conversations, Some(conv));
        assert_eq!(city.funnel[0].key, "benaderd");
        let approached = city.funnel[0].count.unwrap();
        let reached = city.funnel[1].count.unwrap();
        assert!(reached < approached && reached > 0);
        assert!(!city.values.is_empty());
        assert!(city.values[0].share.unwrap() > 0.0);
        assert!(city.households_checked.unwrap() > 0);
        assert!(city
            .regulations
            .iter()
            .any(|r| r.non_take_up.is_some_and(|n| n > 0)));
        // No number from 1 to 4 ever appears.
        let json = serde_json::to_value(&city).unwrap().to_string();
        for n in 1..5 {
            assert!(!json.contains(&format!("\"count\":{n},")), "{n}");
        }
        // A period before any data has only zeros.
        let empty = s
            .area_dashboard("GM0268", Some("2000-01-01"), Some("2000-12-31"))
            .unwrap();
        assert!(empty.funnel.iter().all(|f| f.count == Some(0)));
        assert!(s.area_dashboard("BU99999999", None, None).is_err());
        assert!(s
            .area_dashboard("GM0268", Some("2026-02-01"), Some("2026-01-01"))
            .is_err());
    }

    /// The city, a stadsdeel and a wijk: each one's dashboard and its wijk codes as JSON.
    fn scopes(s: &Store) -> Vec<(&'static str, Dashboard, String)> {
        ["GM0268", "WK026807", "BU02680733"]
            .into_iter()
            .map(|code| {
                let wijken = crate::catalog::nijmegen().wijk_codes_in(code).unwrap();
                let d = s.area_dashboard(code, None, None).unwrap();
                (code, d, serde_json::to_string(&wijken).unwrap())
            })
            .collect()
    }

    #[test]
    fn top_factors_are_the_most_named_per_value_in_scope() {
        use rusqlite::{params, OptionalExtension};
        let (_dir, s) = crate::testutil::demo_store(1200, 3);
        let mut named = 0;
        for (code, d, wijken) in scopes(&s) {
            for v in &d.values {
                for (column, got) in [
                    ("bevorderend", &v.top_bevorderend),
                    ("belemmerend", &v.top_belemmerend),
                ] {
                    // The reference: one query per value, as the dashboard used to ask.
                    let want: Option<(String, i64)> = s
                        .conn()
                        .query_row(
                            &format!(
                                "SELECT lower(trim(cv.{column})) AS f, count(*) AS n
                                 FROM conversation_value cv JOIN conversation c ON c.id = cv.conversation_id
                                 WHERE c.deleted = 0 AND c.purged = 0 AND cv.value_id = ?2
                                   AND trim(cv.{column}) <> '' AND c.wijk_code IN (SELECT value FROM json_each(?1))
                                 GROUP BY f ORDER BY n DESC, f LIMIT 1"
                            ),
                            params![wijken, v.value_id],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .optional()
                        .unwrap();
                    let want = want
                        .filter(|(_, n)| *n as u64 >= SMALL_NUMBER)
                        .map(|(f, _)| f);
                    named += usize::from(want.is_some());
                    assert_eq!(got, &want, "{code} {} {column}", v.value_id);
                }
            }
        }
        assert!(
            named > 0,
            "the demo data names factors often enough to show some"
        );
    }

    #[test]
    fn regulation_and_referral_counts_match_a_count_per_item() {
        use rusqlite::params;
        let (_dir, s) = crate::testutil::demo_store(1200, 3);
        for (code, d, wijken) in scopes(&s) {
            for r in &d.regulations {
                for (kind, got) in [
                    ("receiving", r.receiving),
                    ("non_take_up", r.non_take_up),
                    ("applied", r.applied),
                    ("granted", r.granted),
                ] {
                    let want: i64 = s
                        .conn()
                        .query_row(
                            "SELECT count(*) FROM check_item i JOIN benefit_check b ON b.id = i.check_id
                             JOIN check_status st ON st.code = i.status
                             WHERE b.deleted = 0 AND i.regulation_id = ?2 AND st.counts_as = ?3
                               AND b.wijk_code IN (SELECT value FROM json_each(?1))",
                            params![wijken, r.regulation_id, kind],
                            |x| x.get(0),
                        )
                        .unwrap();
                    assert_eq!(got, shown(want as u64), "{code} {} {kind}", r.regulation_id);
                }
            }
            for r in &d.referrals {
                let want: i64 = s
                    .conn()
                    .query_row(
                        "SELECT count(*) FROM referral WHERE deleted = 0 AND target = ?2
                           AND wijk_code IN (SELECT value FROM json_each(?1))",
                        params![wijken, r.target],
                        |x| x.get(0),
                    )
                    .unwrap();
                assert_eq!(r.count, shown(want as u64), "{code} {}", r.target);
            }
        }
    }
}
