//! The installation's identity: device id and worker profile (name, team, device name).

use super::StoreError;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Profile {
    /// Set by the store; ignored on input.
    #[serde(default)]
    pub device_id: String,
    pub worker_name: String,
    pub team: String,
    pub device_name: String,
}

impl Profile {
    pub fn new(worker_name: &str, team: &str, device_name: &str) -> Profile {
        Profile {
            device_id: String::new(),
            worker_name: worker_name.trim().to_string(),
            team: team.trim().to_string(),
            device_name: device_name.trim().to_string(),
        }
    }

    pub fn validate(&self) -> Result<(), StoreError> {
        for (field, v) in [
            ("naam", &self.worker_name),
            ("team", &self.team),
            ("apparaatnaam", &self.device_name),
        ] {
            if v.trim().is_empty() {
                return Err(StoreError::InvalidProfile(format!("vul een {field} in")));
            }
            if v.chars().count() > 100 {
                return Err(StoreError::InvalidProfile(format!(
                    "{field} is te lang (max. 100 tekens)"
                )));
            }
        }
        Ok(())
    }
}

pub(super) fn write(conn: &Connection, p: &Profile) -> Result<(), StoreError> {
    for (k, v) in [
        ("worker_name", &p.worker_name),
        ("team", &p.team),
        ("device_name", &p.device_name),
    ] {
        super::meta::set(conn, k, Some(v.trim()))?;
    }
    Ok(())
}

pub(super) fn read(conn: &Connection) -> Result<Profile, StoreError> {
    let get = |k: &str| -> Result<String, StoreError> {
        Ok(super::meta::get(conn, k)?.unwrap_or_default())
    };
    Ok(Profile {
        device_id: get("device_id")?,
        worker_name: get("worker_name")?,
        team: get("team")?,
        device_name: get("device_name")?,
    })
}
