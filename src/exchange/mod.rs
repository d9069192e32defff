//! Data that leaves or enters the store as files for other tools: anonymous
//! tables for analysts (CSV/XLSX) and voorzieningencheck imports from spreadsheets.

pub mod import;
pub mod tables;
