//! Writing a file's plaintext: the payload section by section, its hash, and
//! the manifest line in front.

use super::{CatalogDoc, CatalogLine, Manifest, SectionHeader};
use crate::exchange::spec::{TableSpec, TABLES};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Builds the payload section by section.
pub struct PayloadWriter {
    buf: Vec<u8>,
    counts: BTreeMap<String, u64>,
    next_table: usize,
}

impl PayloadWriter {
    pub fn new(catalogs: &[CatalogDoc]) -> PayloadWriter {
        let mut buf = Vec::with_capacity(1 << 20);
        write_line(
            &mut buf,
            &SectionHeader {
                section: "catalogs".into(),
                columns: vec![],
                children: None,
                count: catalogs.len() as u64,
            },
        );
        for doc in catalogs {
            let data: serde_json::Value =
                serde_json::from_str(&doc.json).expect("catalogue documents are valid JSON");
            write_line(
                &mut buf,
                &CatalogLine {
                    key: doc.key.clone(),
                    version: doc.version.clone(),
                    data,
                },
            );
        }
        PayloadWriter {
            buf,
            counts: BTreeMap::new(),
            next_table: 0,
        }
    }

    /// Appends a table section; `lines` holds `count` encoded records, each ending in `\n`.
    pub fn table(&mut self, spec: &TableSpec, count: u64, lines: &[u8]) {
        assert_eq!(
            TABLES[self.next_table].name, spec.name,
            "tables are written in spec order"
        );
        self.next_table += 1;
        write_line(&mut self.buf, &header(spec, count, super::FORMAT_VERSION));
        self.buf.extend_from_slice(lines);
        self.counts.insert(spec.name.to_string(), count);
    }

    /// The payload bytes and the per-table counts.
    pub fn finish(self) -> (Vec<u8>, BTreeMap<String, u64>) {
        assert_eq!(self.next_table, TABLES.len(), "every table is written");
        (self.buf, self.counts)
    }
}

/// The section header of `spec` in a file of format `version`.
pub(super) fn header(spec: &TableSpec, count: u64, version: u64) -> SectionHeader {
    SectionHeader {
        section: spec.name.to_string(),
        columns: spec
            .cols_in(version)
            .iter()
            .map(|c| c.name.to_string())
            .collect(),
        children: Some(
            spec.children
                .iter()
                .map(|ch| {
                    (
                        ch.name.to_string(),
                        ch.cols.iter().map(|c| c.name.to_string()).collect(),
                    )
                })
                .collect(),
        ),
        count,
    }
}

fn write_line<T: Serialize>(buf: &mut Vec<u8>, v: &T) {
    serde_json::to_writer(&mut *buf, v).expect("serialisable");
    buf.push(b'\n');
}

/// SHA-256 of the payload, lowercase hex.
pub fn payload_hash(payload: &[u8]) -> String {
    hex::encode(Sha256::digest(payload))
}

/// BLAKE3 of the payload, lowercase hex (format 4 and later).
pub fn payload_blake3(payload: &[u8]) -> String {
    blake3::hash(payload).to_hex().to_string()
}

/// The plaintext of a file: manifest line + payload.
pub fn plaintext(manifest: &Manifest, payload: &[u8]) -> Vec<u8> {
    let mut out = serde_json::to_vec(manifest).expect("serialisable");
    out.push(b'\n');
    out.extend_from_slice(payload);
    out
}
