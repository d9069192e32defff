//! Counts per entity and per wijk: the numbers behind `wwk stats`, the map and
//! the dashboards. Raw counts only; suppression of small numbers is applied
//! where numbers leave the app (reports, tables) and in the UI.

use super::DomainError;
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    pub campaigns: u64,
    pub households: u64,
    pub visits: u64,
    pub conversations: u64,
    pub value_tags: u64,
    pub quotes: u64,
    pub checks: u64,
    pub check_items: u64,
    pub referrals: u64,
    pub participation: u64,
    pub values: u64,
    pub regulations: u64,
    pub areas: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AreaStats {
    pub code: String,
    pub name: String,
    pub stadsdeel: String,
    /// Households with at least one visit that counts as approached.
    pub approached: u64,
    /// Households where a resident was actually spoken to.
    pub reached: u64,
    pub conversations: u64,
    pub follow_ups: u64,
    pub checks: u64,
    /// Regulations marked "mogelijk recht – niet aangevraagd".
    pub non_take_up: u64,
    /// Applications made with help.
    pub applied: u64,
    /// Granted yearly amounts as entered (current status granted), whole euros.
    pub granted_eur: i64,
    pub referrals: u64,
    pub participation: u64,
}

impl Store {
    pub fn counts(&self) -> Result<Counts, DomainError> {
        let n = |sql: &str| -> Result<u64, DomainError> {
            Ok(self.conn().query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            campaigns: n("SELECT count(*) FROM campaign WHERE deleted = 0")?,
            households: n("SELECT count(*) FROM household WHERE deleted = 0")?,
            visits: n("SELECT count(*) FROM visit WHERE deleted = 0")?,
            conversations: n("SELECT count(*) FROM conversation WHERE deleted = 0")?,
            value_tags: n("SELECT count(*) FROM conversation_value cv JOIN conversation c ON c.id = cv.conversation_id WHERE c.deleted = 0")?,
            quotes: n("SELECT count(*) FROM quote q JOIN conversation c ON c.id = q.conversation_id WHERE c.deleted = 0")?,
            checks: n("SELECT count(*) FROM benefit_check WHERE deleted = 0")?,
            check_items: n("SELECT count(*) FROM check_item i JOIN benefit_check b ON b.id = i.check_id WHERE b.deleted = 0")?,
            referrals: n("SELECT count(*) FROM referral WHERE deleted = 0")?,
            participation: n("SELECT count(*) FROM participation WHERE deleted = 0")?,
            values: n("SELECT count(*) FROM value_catalog WHERE retired = 0")?,
            regulations: n("SELECT count(*) FROM regulation")?,
            areas: n("SELECT count(*) FROM area")?,
        })
    }

    /// Per-wijk counts, for every wijk (zeros included), in code order.
    pub fn stats_by_area(&self) -> Result<Vec<AreaStats>, DomainError> {
        let mut stmt = self.conn().prepare(
            "WITH hv AS (
                SELECT h.wijk_code, h.id, max(o.approached) AS approached, max(o.reached) AS reached
                FROM visit v JOIN household h ON h.id = v.household_id JOIN outcome_code o ON o.code = v.outcome
                WHERE v.deleted = 0 AND h.deleted = 0 GROUP BY h.id
             ),
             vis AS (SELECT wijk_code, sum(approached) AS approached, sum(reached) AS reached FROM hv GROUP BY wijk_code),
             conv AS (SELECT wijk_code, count(*) AS n, sum(follow_up_wanted) AS f FROM conversation WHERE deleted = 0 GROUP BY wijk_code),
             chk AS (SELECT wijk_code, count(*) AS n FROM benefit_check WHERE deleted = 0 GROUP BY wijk_code),
             items AS (
                SELECT b.wijk_code,
                       sum(s.counts_as = 'non_take_up') AS ntu,
                       sum(s.counts_as = 'applied') AS applied,
                       sum(CASE WHEN s.counts_as = 'granted' THEN coalesce(i.granted_yearly_eur, 0) ELSE 0 END) AS yield
                FROM check_item_now i JOIN benefit_check b ON b.id = i.check_id JOIN check_status s ON s.code = i.status
                WHERE b.deleted = 0 GROUP BY b.wijk_code
             ),
             ref AS (SELECT wijk_code, count(*) AS n FROM referral WHERE deleted = 0 GROUP BY wijk_code),
             par AS (SELECT wijk_code, count(*) AS n FROM participation WHERE deleted = 0 GROUP BY wijk_code)
             SELECT a.code, a.name, p.name,
                    coalesce(vis.approached, 0), coalesce(vis.reached, 0), coalesce(conv.n, 0), coalesce(conv.f, 0),
                    coalesce(chk.n, 0), coalesce(items.ntu, 0), coalesce(items.applied, 0), coalesce(items.yield, 0),
                    coalesce(ref.n, 0), coalesce(par.n, 0)
             FROM area a JOIN area p ON p.code = a.parent_code
             LEFT JOIN vis ON vis.wijk_code = a.code LEFT JOIN conv ON conv.wijk_code = a.code
             LEFT JOIN chk ON chk.wijk_code = a.code LEFT JOIN items ON items.wijk_code = a.code
             LEFT JOIN ref ON ref.wijk_code = a.code LEFT JOIN par ON par.wijk_code = a.code
             WHERE a.kind = 'wijk' ORDER BY a.code",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AreaStats {
                code: r.get(0)?,
                name: r.get(1)?,
                stadsdeel: r.get(2)?,
                approached: r.get::<_, i64>(3)? as u64,
                reached: r.get::<_, i64>(4)? as u64,
                conversations: r.get::<_, i64>(5)? as u64,
                follow_ups: r.get::<_, i64>(6)? as u64,
                checks: r.get::<_, i64>(7)? as u64,
                non_take_up: r.get::<_, i64>(8)? as u64,
                applied: r.get::<_, i64>(9)? as u64,
                granted_eur: r.get(10)?,
                referrals: r.get::<_, i64>(11)? as u64,
                participation: r.get::<_, i64>(12)? as u64,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
