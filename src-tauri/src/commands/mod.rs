//! Tauri commands: thin adapters from IPC onto the core. One file per domain;
//! no logic here beyond locking the store and converting errors.

pub mod campaign;
pub mod catalog;
pub mod check;
pub mod conversation;
pub mod demo;
pub mod exchange;
pub mod followup;
pub mod import;
pub mod map;
pub mod privacy;
pub mod report;
pub mod search;
pub mod session;
pub mod tables;
pub mod walk;
