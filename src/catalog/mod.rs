//! Catalogues: the data that drives the logic and is never hard-coded in it.
//!
//! Values (with typical bevorderend/belemmerend factors), regulations per year with
//! their quick-screen rules and estimates, door-outcome and referral codes, and the
//! Nijmegen areas from the CBS/Kadaster GeoJSON. Defaults are embedded from
//! `assets/`; a coordinator can load an edited catalogue file with `wwk catalog load`.
//! Every catalogue is validated before it touches the store.

pub mod areas;
mod codes;
mod error;
pub mod regulations;
mod seed;
mod values;

pub use areas::{nijmegen, Area, AreaKind, AreaMap, ATTRIBUTION, CITY};
pub use codes::{CheckStatusDef, CodesCatalog, OutcomeDef, ReferralStatusDef, ReferralTargetDef};
pub use error::CatalogError;
pub use regulations::{
    Estimate, Regulation, RegulationsCatalog, ScreenInput, ScreenInputs, ScreenRule,
};
pub use seed::{
    load_file, read_file, regulations_in_store, seed, version_cmp, CatalogKind, LoadedCatalog,
    MAX_NAME, MAX_TEXT,
};
pub use values::{ValueEntry, ValuesCatalog};

/// Embedded default catalogues (copied from `assets/catalog`).
pub mod defaults {
    pub const VALUES: &str = include_str!("../../assets/catalog/values.json");
    pub const CODES: &str = include_str!("../../assets/catalog/codes.json");
    pub const REGULATIONS: &str = include_str!("../../assets/catalog/regulations-2026.json");
}

/// Checks that an id is a stable slug: lowercase ascii letters, digits and `_`.
pub(crate) fn check_slug(catalog: &'static str, id: &str) -> Result<(), CatalogError> {
    let ok = !id.is_empty()
        && id.len() <= 60
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(CatalogError::invalid(
            catalog,
            format!("ongeldige id \"{id}\" (alleen a-z, 0-9 en _)"),
        ))
    }
}

/// Fails on the first duplicate in `ids`.
pub(crate) fn check_unique<'a>(
    catalog: &'static str,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<(), CatalogError> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(CatalogError::invalid(
                catalog,
                format!("id \"{id}\" komt twee keer voor"),
            ));
        }
    }
    Ok(())
}
