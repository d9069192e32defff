//! The parts of the merge rule that look at one record: version equality
//! (with and without stamps), the total order of versions, and erasing the
//! personal fields of a purged record. See `merge` for the whole rule.

use super::record::{encode, Rec};
use super::spec::{Role, TableSpec};
use super::value::Val;
use sha2::{Digest, Sha256};
use std::cmp::Ordering;

/// Equal as versions: every column except the max-register ones, and the children.
pub fn same_version(spec: &TableSpec, a: &Rec, b: &Rec) -> bool {
    a.children == b.children
        && spec
            .cols
            .iter()
            .zip(a.vals.iter().zip(&b.vals))
            .all(|(c, (x, y))| c.role == Role::Max || x == y)
}

/// Equal in what was recorded, ignoring who saved it and when.
pub fn same_content(spec: &TableSpec, a: &Rec, b: &Rec) -> bool {
    a.children == b.children
        && spec
            .cols
            .iter()
            .zip(a.vals.iter().zip(&b.vals))
            .all(|(c, (x, y))| c.role != Role::Content || x == y)
}

/// SHA-256 of the canonical encoding without max-register columns; breaks ties
/// between versions with the same stamp so every machine picks the same one.
pub fn content_hash(spec: &TableSpec, rec: &Rec) -> [u8; 32] {
    let mut r = rec.clone();
    if let Some(i) = spec.max_col() {
        r.vals[i] = Val::Null;
    }
    let mut buf = Vec::new();
    encode(spec, &r, &mut buf);
    Sha256::digest(&buf).into()
}

/// Total order of versions: (updated_at, device_id), then the content hash.
pub fn cmp_versions(spec: &TableSpec, a: &Rec, b: &Rec) -> Ordering {
    (a.updated_at(spec), a.device_id(spec))
        .cmp(&(b.updated_at(spec), b.device_id(spec)))
        .then_with(|| {
            if same_version(spec, a, b) {
                Ordering::Equal
            } else {
                content_hash(spec, a).cmp(&content_hash(spec, b))
            }
        })
}

/// Personal fields a purge erases. Purged is sticky: a purged record never
/// gets these back, whichever version wins a merge.
pub fn erase_personal(spec: &TableSpec, rec: &mut Rec) {
    let Some(p) = spec.purged() else { return };
    rec.vals[p] = Val::Int(1);
    match spec.name {
        "household" => {
            for col in [
                "street",
                "number",
                "addition",
                "postcode",
                "contact_name",
                "contact_phone",
                "contact_email",
            ] {
                let i = spec.col(col).expect("household column");
                rec.vals[i] = Val::Null;
            }
            let i = spec.col("contact_consent").expect("household column");
            rec.vals[i] = Val::Int(0);
        }
        "conversation" => {
            for col in ["story", "follow_up_note"] {
                let i = spec.col(col).expect("conversation column");
                rec.vals[i] = Val::Text(String::new());
            }
            // Only quotes the resident agreed to may stay.
            rec.children[2].retain(|q| q[3].is_true());
        }
        _ => {}
    }
}
