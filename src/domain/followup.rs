//! Follow-ups: conversations where the resident wanted a follow-up that has not
//! been handled yet, with the address and (only with recontact consent) contact.

use super::household::Contact;
use super::DomainError;
use crate::store::Store;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FollowUp {
    pub conversation_id: String,
    pub held_on: String,
    pub wijk_code: String,
    pub wijk_name: String,
    /// "Meijhorst 12A", or `None` for a street conversation.
    pub address: Option<String>,
    pub note: String,
    /// Present only when the resident consented to being contacted again.
    pub contact: Option<Contact>,
    pub author: String,
}

impl Store {
    /// Open follow-ups, oldest conversation first (at most `limit`).
    pub fn open_follow_ups(&self, limit: u32) -> Result<Vec<FollowUp>, DomainError> {
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.held_on, c.wijk_code, a.name, h.street, h.number, h.addition, c.follow_up_note,
                    c.consent_recontact AND h.contact_consent, h.contact_name, h.contact_phone, h.contact_email, c.author
             FROM conversation c JOIN area a ON a.code = c.wijk_code
             LEFT JOIN household h ON h.id = c.household_id AND h.deleted = 0
             WHERE c.deleted = 0 AND c.follow_up_wanted = 1 AND c.follow_up_done = 0
             ORDER BY c.held_on, c.id LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let address = super::household::address_at(r, 4)?;
            let consent: Option<bool> = r.get(8)?;
            Ok(FollowUp {
                conversation_id: r.get(0)?,
                held_on: r.get(1)?,
                wijk_code: r.get(2)?,
                wijk_name: r.get(3)?,
                address,
                note: r.get(7)?,
                contact: consent.unwrap_or(false).then(|| Contact {
                    name: r.get(9).ok().flatten(),
                    phone: r.get(10).ok().flatten(),
                    email: r.get(11).ok().flatten(),
                }),
                author: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::conversation::{Consent, ConversationInput};
    use crate::domain::household::{AddressInput, Contact};

    #[test]
    fn open_follow_ups_show_contact_only_with_consent_and_disappear_when_done() {
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
        let mut input = ConversationInput {
            id: None,
            household_id: Some(hh.id.clone()),
            visit_id: None,
            campaign_id: None,
            wijk_code: "BU02680734".into(),
            held_on: "2026-03-02".into(),
            workers: vec![],
            language: "nl".into(),
            story: "Wil graag hulp bij formulieren".into(),
            values: vec![],
            themes: vec![],
            quotes: vec![],
            consent: Consent {
                registration: true,
                quoting: false,
                recontact: true,
            },
            follow_up_wanted: true,
            follow_up_note: "Bellen over huurtoeslag".into(),
            contact: Some(Contact {
                name: Some("Mevr. De Vries".into()),
                phone: Some("06 12345678".into()),
                email: None,
            }),
        };
        let c = s.save_conversation(&input).unwrap();
        input.consent.recontact = false;
        input.contact = None;
        input.household_id = None;
        input.consent.registration = false;
        s.save_conversation(&input).unwrap();
        let f = s.open_follow_ups(100).unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].address.as_deref(), Some("Lankforst 12A"));
        let with_contact: Vec<_> = f.iter().filter(|x| x.contact.is_some()).collect();
        assert_eq!(with_contact.len(), 1);
        assert_eq!(
            with_contact[0].contact.as_ref().unwrap().phone.as_deref(),
            Some("06 12345678")
        );
        s.set_follow_up_done(&c.id, true).unwrap();
        assert_eq!(s.open_follow_ups(100).unwrap().len(), 1);
    }
}
