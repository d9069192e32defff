//! Pseudonymous ids for anonymous tables: a keyed hash (HMAC-SHA256 with the
//! store's secret) of the record id, truncated. The same record gets the same
//! pseudonym in every table from this store; without the secret, which never
//! leaves the store, a pseudonym cannot be traced back to a record or address.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Hex characters kept from the hash (64 bits: collisions are negligible at
/// city scale and the value cannot be brute-forced back to a UUIDv7).
const HEX_LEN: usize = 16;

#[derive(Clone)]
pub struct Pseudonymiser {
    mac: Hmac<Sha256>,
}

/// What a pseudonym stands for; part of the hashed input and the visible
/// prefix, so ids of different kinds never coincide and are never read as
/// numbers by a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Conversation,
    Household,
    Check,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Conversation => "G",
            Kind::Household => "H",
            Kind::Check => "C",
        }
    }
}

impl Pseudonymiser {
    pub fn new(secret: &str) -> Pseudonymiser {
        Pseudonymiser {
            mac: Hmac::<Sha256>::new_from_slice(secret.as_bytes())
                .expect("HMAC accepts keys of any length"),
        }
    }

    pub fn id(&self, kind: Kind, record_id: &str) -> String {
        let mut mac = self.mac.clone();
        mac.update(kind.prefix().as_bytes());
        mac.update(b"\0");
        mac.update(record_id.as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::with_capacity(HEX_LEN + 2);
        out.push_str(kind.prefix());
        out.push('-');
        out.push_str(&hex::encode_upper(&digest[..HEX_LEN / 2]));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_per_secret_and_kind_and_unlinkable_across_secrets() {
        let a = Pseudonymiser::new("geheim-1");
        let b = Pseudonymiser::new("geheim-2");
        let id = "0192a4b0-0000-7000-8000-000000000001";
        assert_eq!(a.id(Kind::Household, id), a.id(Kind::Household, id));
        assert_ne!(a.id(Kind::Household, id), b.id(Kind::Household, id));
        assert_ne!(
            a.id(Kind::Household, id)[2..],
            a.id(Kind::Conversation, id)[2..]
        );
        let p = a.id(Kind::Check, id);
        assert!(p.starts_with("C-") && p.len() == 2 + HEX_LEN, "{p}");
        assert!(!p.contains(&id[..8]));
    }
}
