//! Applications without a decision: check items whose current status is an
//! application (`aangevraagd`) submitted longer ago than a settable number of
//! weeks, so the worker asks after them ("aanvraag loopt 6 weken — navragen").
//! Listed in Opvolging (IPC `pending_applications`) and by `wwk check pending`.

use super::DomainError;
use crate::store::Store;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The `meta` key of the setting; weeks after which an application is listed.
const WEEKS_KEY: &str = "pending_application_weeks";
/// Weeks when nothing is set.
pub const DEFAULT_WEEKS: u32 = 6;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PendingApplication {
    pub check_id: String,
    pub household_id: String,
    pub regulation_id: String,
    pub regulation_name: String,
    /// When the application was submitted (the step, or the check itself).
    pub applied_on: String,
    /// Whole weeks since then.
    pub weeks: u32,
    /// Who helped: `formulierenbrigade`, `few`, `zelf` (unknown for an
    /// application recorded at the check itself).
    pub helper: Option<String>,
    pub wijk_code: String,
    /// "Meijhorst 12A".
    pub address: Option<String>,
}

impl Store {
    /// Weeks after which an application without a decision is listed.
    pub fn pending_weeks(&self) -> Result<u32, DomainError> {
        Ok(self
            .meta_get(WEEKS_KEY)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_WEEKS))
    }

    /// Sets the weeks (1 to 52).
    pub fn set_pending_weeks(&mut self, weeks: u32) -> Result<u32, DomainError> {
        if !(1..=52).contains(&weeks) {
            return Err(DomainError::Invalid(format!(
                "kies tussen 1 en 52 weken (niet {weeks})"
            )));
        }
        self.require_writable()?;
        self.meta_set(WEEKS_KEY, Some(&weeks.to_string()))?;
        Ok(weeks)
    }

    /// Applications without a decision for at least the set number of weeks
    /// on `today`, longest waiting first (at most `limit`).
    pub fn pending_applications_on(
        &self,
        today: NaiveDate,
        limit: u32,
    ) -> Result<Vec<PendingApplication>, DomainError> {
        let weeks = self.pending_weeks()?;
        let cutoff = (today - chrono::Duration::weeks(i64::from(weeks))).to_string();
        let mut stmt = self.conn().prepare_cached(
            "SELECT n.check_id, b.household_id, n.regulation_id, r.name,
                    coalesce(n.status_on, b.checked_on) AS applied_on,
                    (SELECT s.helper FROM check_step s WHERE s.check_id = n.check_id
                       AND s.regulation_id = n.regulation_id AND s.deleted = 0 AND s.status = n.status
                     ORDER BY s.step_on DESC, s.updated_at DESC LIMIT 1),
                    b.wijk_code, h.street, h.number, h.addition
             FROM check_item_now n
             JOIN check_status st ON st.code = n.status AND st.counts_as = 'applied'
             JOIN benefit_check b ON b.id = n.check_id AND b.deleted = 0
             JOIN regulation r ON r.id = n.regulation_id
             LEFT JOIN household h ON h.id = b.household_id AND h.deleted = 0
             WHERE coalesce(n.status_on, b.checked_on) <= ?1
             ORDER BY applied_on, n.check_id, r.sort LIMIT ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![cutoff, limit], |r| {
            let applied_on: String = r.get(4)?;
            let address = super::household::address_at(r, 7)?;
            let days = NaiveDate::parse_from_str(&applied_on, "%Y-%m-%d")
                .map(|d| (today - d).num_days())
                .unwrap_or(0);
            Ok(PendingApplication {
                check_id: r.get(0)?,
                household_id: r.get(1)?,
                regulation_id: r.get(2)?,
                regulation_name: r.get(3)?,
                weeks: (days / 7).max(0) as u32,
                applied_on,
                helper: r.get(5)?,
                wijk_code: r.get(6)?,
                address,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// [`Store::pending_applications_on`] today.
    pub fn pending_applications(&self, limit: u32) -> Result<Vec<PendingApplication>, DomainError> {
        self.pending_applications_on(chrono::Local::now().date_naive(), limit)
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::ScreenInput;
    use crate::domain::check::{CheckInput, CheckItemInput};
    use crate::domain::check_step::CheckStepInput;
    use crate::domain::household::AddressInput;
    use chrono::NaiveDate;

    #[test]
    fn applications_without_a_decision_are_listed_after_the_set_weeks() {
        let (_dir, mut s) = crate::testutil::temp_store();
        let hh = s
            .add_household(&AddressInput {
                wijk_code: "BU02680734".into(),
                complex_id: None,
                street: Some("Lankforst".into()),
                number: Some(12),
                addition: Some("a".into()),
                postcode: None,
            })
            .unwrap();
        let item = |reg: &str, status: &str| CheckItemInput {
            regulation_id: reg.into(),
            status: status.into(),
            estimated_yearly_eur: None,
        };
        let check = s
            .save_check(&CheckInput {
                id: None,
                household_id: hh.id.clone(),
                conversation_id: None,
                checked_on: "2026-03-02".into(),
                screen: ScreenInput {
                    household_type: "alleenstaand".into(),
                    age_group: "21_aow".into(),
                    income_band: "tot_100".into(),
                    rent_band: "huur_tot_grens".into(),
                    children: 0,
                },
                items: vec![
                    item("zorgtoeslag", "aangevraagd"),
                    item("leergeld", "mogelijk_recht"),
                ],
            })
            .unwrap();
        s.record_check_step(&CheckStepInput {
            check_id: check.id.clone(),
            regulation_id: "leergeld".into(),
            status: "aangevraagd".into(),
            step_on: "2026-03-16".into(),
            helper: Some("few".into()),
            amount_cents: None,
            period: None,
            starts_on: None,
            reason: None,
        })
        .unwrap();
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        assert_eq!(s.pending_weeks().unwrap(), 6);
        let on = |s: &crate::Store, d: &str| {
            s.pending_applications_on(day(d), 100)
                .unwrap()
                .into_iter()
                .map(|p| (p.regulation_id, p.weeks, p.helper))
                .collect::<Vec<_>>()
        };
        assert!(on(&s, "2026-04-12").is_empty(), "not six weeks yet");
        assert_eq!(
            on(&s, "2026-04-13"),
            vec![("zorgtoeslag".to_string(), 6, None)]
        );
        assert_eq!(
            on(&s, "2026-04-27"),
            vec![
                ("zorgtoeslag".to_string(), 8, None),
                ("leergeld".to_string(), 6, Some("few".to_string()))
            ]
        );
        s.set_pending_weeks(2).unwrap();
        assert_eq!(on(&s, "2026-03-30").len(), 2);
        assert!(s.set_pending_weeks(0).is_err());
        // A decision takes it off the list.
        s.record_check_step(&CheckStepInput {
            check_id: check.id.clone(),
            regulation_id: "zorgtoeslag".into(),
            status: "afgewezen".into(),
            step_on: "2026-04-01".into(),
            helper: None,
            amount_cents: None,
            period: None,
            starts_on: None,
            reason: Some("inkomen_te_hoog".into()),
        })
        .unwrap();
        let left = s.pending_applications_on(day("2026-04-27"), 100).unwrap();
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].address.as_deref(), Some("Lankforst 12A"));
    }
}
