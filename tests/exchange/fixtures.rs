//! The catalogue of bad `.wwk` files in `tests/fixtures/bad/`, and the helper
//! that builds them from a small real export. The committed files are rebuilt
//! only when missing or with `WWK_REGEN_FIXTURES=1`; the two very large ones
//! (a 50 MB story, an oversized JSON line) are built at test time.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// How a bad file is offered to `wwk merge`.
#[derive(Debug, Clone, Copy)]
pub enum Offer {
    /// With the coordinator's identity file (`identity.txt`).
    Key,
    /// With a passphrase.
    Pass(&'static str),
}

pub struct Bad {
    pub name: &'static str,
    pub offer: Offer,
    /// Expected `error.code` in `--json` output.
    pub code: &'static str,
    /// Expected fragment of the Dutch message.
    pub says: &'static str,
    /// Committed to the repository (false: built at test time, too large).
    pub committed: bool,
}

const fn bad(name: &'static str, code: &'static str, says: &'static str) -> Bad {
    Bad {
        name,
        offer: Offer::Key,
        code,
        says,
        committed: true,
    }
}

/// The passphrase of the passphrase-encrypted fixtures.
pub const FIXTURE_PASS: &str = "fixture wachtwoord 2026";

pub fn catalogue() -> Vec<Bad> {
    vec![
        bad("empty.wwk", "bundle_empty", "leeg"),
        bad("not-age.wwk", "bundle_not_age", "geen versleuteld"),
        bad("zip-archive.wwk", "bundle_not_age", "geen versleuteld"),
        bad("age-armored-garbage.wwk", "bundle_header_damaged", "kop"),
        bad("truncated-in-header.wwk", "bundle_truncated", "onvolledig"),
        bad(
            "truncated-after-header.wwk",
            "bundle_truncated",
            "onvolledig",
        ),
        bad("truncated-half.wwk", "bundle_damaged", "onvolledig"),
        bad("truncated-last-byte.wwk", "bundle_damaged", "onvolledig"),
        bad(
            "bitflip-recipient.wwk",
            "bundle_wrong_key",
            "niet versleuteld voor deze sleutel",
        ),
        bad("bitflip-header-mac.wwk", "bundle_header_damaged", "kop"),
        bad("bitflip-body.wwk", "bundle_damaged", "beschadigd"),
        bad("bitflip-last-chunk.wwk", "bundle_damaged", "beschadigd"),
        bad("trailing-garbage.wwk", "bundle_damaged", "beschadigd"),
        bad(
            "wrong-recipient.wwk",
            "bundle_wrong_key",
            "niet versleuteld voor deze sleutel",
        ),
        bad(
            "passphrase-offered-key.wwk",
            "bundle_needs_passphrase",
            "wachtwoord",
        ),
        Bad {
            name: "wrong-passphrase.wwk",
            offer: Offer::Pass("dit is het niet helaas"),
            code: "bundle_wrong_passphrase",
            says: "wachtwoord is onjuist",
            committed: true,
        },
        Bad {
            name: "key-offered-passphrase.wwk",
            offer: Offer::Pass(FIXTURE_PASS),
            code: "bundle_needs_identity",
            says: "sleutel",
            committed: true,
        },
        bad(
            "not-an-export.wwk",
            "bundle_not_export",
            "geen Wijkwaardenkaart-export",
        ),
        bad("checksum-mismatch.wwk", "bundle_checksum", "controlesom"),
        bad(
            "payload-shorter-than-manifest.wwk",
            "bundle_payload",
            "korter",
        ),
        bad(
            "future-format-version.wwk",
            "bundle_newer_format",
            "nieuwere versie",
        ),
        bad(
            "old-format-version.wwk",
            "bundle_older_format",
            "oud exportformaat",
        ),
        bad(
            "manifest-missing-worker.wwk",
            "bundle_manifest",
            "\"worker\" ontbreekt",
        ),
        bad(
            "manifest-wrong-type.wwk",
            "bundle_manifest",
            "verkeerd type",
        ),
        bad("manifest-counts-wrong.wwk", "bundle_manifest", "klopt niet"),
        bad(
            "record-invalid-uuid.wwk",
            "bundle_record",
            "geen geldige id",
        ),
        bad(
            "record-invalid-date.wwk",
            "bundle_record",
            "geen geldige datum",
        ),
        bad(
            "record-invalid-timestamp.wwk",
            "bundle_record",
            "geen geldig tijdstempel",
        ),
        bad(
            "record-wrong-type.wwk",
            "bundle_record",
            "verwacht een getal",
        ),
        bad("record-missing-field.wwk", "bundle_record", "velden"),
        bad("record-float-number.wwk", "bundle_record", "kommagetallen"),
        bad(
            "record-contact-without-consent.wwk",
            "bundle_record",
            "zonder toestemming",
        ),
        bad(
            "unknown-household.wwk",
            "bundle_unknown_reference",
            "onbekende huishouden",
        ),
        bad(
            "unknown-area.wwk",
            "bundle_unknown_reference",
            "onbekende wijk",
        ),
        bad(
            "unknown-value.wwk",
            "bundle_unknown_reference",
            "onbekende waarde",
        ),
        bad(
            "unknown-outcome-code.wwk",
            "bundle_unknown_reference",
            "onbekende uitkomstcode",
        ),
        bad(
            "duplicate-id-different-content.wwk",
            "bundle_duplicate_id",
            "twee keer",
        ),
        bad("invalid-utf8.wwk", "bundle_payload", "UTF-8"),
        bad("control-characters.wwk", "bundle_record", "stuurteken"),
        bad("deeply-nested-json.wwk", "bundle_record", "te diep geneste"),
        bad("sections-out-of-order.wwk", "bundle_payload", "verwacht"),
        bad(
            "data-after-last-section.wwk",
            "bundle_payload",
            "na de laatste sectie",
        ),
        Bad {
            name: "story-50mb.wwk",
            offer: Offer::Key,
            code: "bundle_record",
            says: "te lang",
            committed: false,
        },
        // Format 4 packs the plaintext with zstd: a cut-off frame, a bit flip
        // inside the compressed stream (sealed correctly, so age accepts it),
        // and a frame that claims to unpack to 100 GB.
        Bad {
            name: "packed-truncated-frame.wwk",
            offer: Offer::Key,
            code: "bundle_truncated",
            says: "onvolledig",
            committed: false,
        },
        Bad {
            name: "packed-bitflip.wwk",
            offer: Offer::Key,
            code: "bundle_unpack_damaged",
            says: "uitgepakt",
            committed: false,
        },
        Bad {
            name: "packed-bomb-100gb.wwk",
            offer: Offer::Key,
            code: "bundle_too_large_unpacked",
            says: "uitgepakt groter",
            committed: false,
        },
        Bad {
            name: "oversized-json-line.wwk",
            offer: Offer::Key,
            code: "bundle_record",
            says: "velden",
            committed: false,
        },
    ]
}

pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// A decrypted export split into its manifest and payload lines.
#[derive(Clone)]
pub struct Plain {
    pub manifest: Value,
    pub lines: Vec<String>,
}

impl Plain {
    pub fn parse(bytes: &[u8]) -> Plain {
        let text = String::from_utf8(bytes.to_vec()).unwrap();
        let mut it = text.lines();
        let manifest = serde_json::from_str(it.next().unwrap()).unwrap();
        Plain {
            manifest,
            lines: it.map(str::to_string).collect(),
        }
    }

    /// Manifest + payload with the payload size and checksum recomputed.
    pub fn bytes(&self) -> Vec<u8> {
        let mut payload = self.lines.join("\n").into_bytes();
        payload.push(b'\n');
        let mut m = self.manifest.clone();
        m["payload"]["bytes"] = payload.len().into();
        m["payload"]["sha256"] =
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&payload)).into();
        let mut out = serde_json::to_vec(&m).unwrap();
        out.push(b'\n');
        out.extend(payload);
        out
    }

    /// Index of the section header for `table`, and its column names.
    fn section(&self, table: &str) -> (usize, Vec<String>) {
        let at = self
            .lines
            .iter()
            .position(|l| l.starts_with(&format!("{{\"section\":\"{table}\"")))
            .unwrap_or_else(|| panic!("section {table}"));
        let h: Value = serde_json::from_str(&self.lines[at]).unwrap();
        let cols = h["columns"]
            .as_array()
            .map(|c| c.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        (at, cols)
    }

    /// Line index of the `n`th record of `table`.
    pub fn record_line(&self, table: &str, n: usize) -> usize {
        let (at, _) = self.section(table);
        let h: Value = serde_json::from_str(&self.lines[at]).unwrap();
        assert!(
            h["count"].as_u64().unwrap() as usize > n,
            "{table} has a record {n}"
        );
        at + 1 + n
    }

    /// Sets field `col` of the `n`th record of `table`.
    pub fn set(&mut self, table: &str, n: usize, col: &str, v: Value) {
        let (_, cols) = self.section(table);
        let i = cols.iter().position(|c| c == col).unwrap();
        let line = self.record_line(table, n);
        let mut rec: Value = serde_json::from_str(&self.lines[line]).unwrap();
        rec[i] = v;
        self.lines[line] = rec.to_string();
    }

    /// Replaces the `n`th record line of `table` with raw text.
    pub fn set_raw(&mut self, table: &str, n: usize, raw: String) {
        let line = self.record_line(table, n);
        self.lines[line] = raw;
    }

    pub fn record(&self, table: &str, n: usize) -> Value {
        serde_json::from_str(&self.lines[self.record_line(table, n)]).unwrap()
    }

    /// Appends a record to a table, keeping counts in header and manifest.
    pub fn push(&mut self, table: &str, rec: String) {
        let (at, _) = self.section(table);
        let mut h: Value = serde_json::from_str(&self.lines[at]).unwrap();
        let n = h["count"].as_u64().unwrap();
        h["count"] = (n + 1).into();
        self.lines[at] = h.to_string();
        self.lines.insert(at + 1 + n as usize, rec);
        self.manifest["counts"][table] = (n + 1).into();
    }

    /// Drops the catalogue documents (keeps fixtures small; stores have the defaults).
    pub fn without_catalogs(mut self) -> Plain {
        let h: Value = serde_json::from_str(&self.lines[0]).unwrap();
        let n = h["count"].as_u64().unwrap() as usize;
        self.lines.drain(1..=n);
        self.lines[0] = r#"{"section":"catalogs","count":0}"#.to_string();
        self
    }
}

pub fn seal_key(plain: &[u8], public: &str) -> Vec<u8> {
    let r = age::x25519::Recipient::from_str(public).unwrap();
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

pub fn seal_pass(plain: &[u8], pass: &str) -> Vec<u8> {
    let mut r = age::scrypt::Recipient::new(age::secrecy::SecretString::from(pass.to_string()));
    r.set_work_factor(12);
    let enc = age::Encryptor::with_recipients(std::iter::once(&r as &dyn age::Recipient)).unwrap();
    let mut out = Vec::new();
    let mut w = enc.wrap_output(&mut out).unwrap();
    w.write_all(plain).unwrap();
    w.finish().unwrap();
    out
}

/// The plaintext packed as format 4 packs it: one zstd frame with a checksum.
fn pack(plain: &[u8]) -> Vec<u8> {
    let mut enc = zstd::stream::write::Encoder::new(Vec::new(), 3).unwrap();
    enc.include_checksum(true).unwrap();
    enc.write_all(plain).unwrap();
    enc.finish().unwrap()
}

/// Byte offset where the encrypted payload starts (after header and nonce).
fn body_start(sealed: &[u8]) -> usize {
    let mac = sealed.windows(4).position(|w| w == b"\n---").unwrap();
    let end = mac + 1 + sealed[mac + 1..].iter().position(|b| *b == b'\n').unwrap() + 1;
    end + 16
}

fn flip(mut b: Vec<u8>, at: usize) -> Vec<u8> {
    b[at] ^= 0x20;
    b
}

/// Builds one bad file from a valid plaintext.
pub fn build(name: &str, base: &Plain, public: &str, other_public: &str) -> Vec<u8> {
    let good = base.bytes();
    let sealed = seal_key(&good, public);
    let with = |f: &dyn Fn(&mut Plain)| {
        let mut p = base.clone();
        f(&mut p);
        seal_key(&p.bytes(), public)
    };
    match name {
        "empty.wwk" => vec![],
        "not-age.wwk" => b"Dit is een gewoon tekstbestand.\n".to_vec(),
        "zip-archive.wwk" => b"PK\x03\x04\x14\x00\x00\x00\x08\x00".repeat(20),
        "age-armored-garbage.wwk" => {
            b"age-encryption.org/v1\n-> X25519 nonsense\n--- abc\n".to_vec()
        }
        "truncated-in-header.wwk" => sealed[..40].to_vec(),
        "truncated-after-header.wwk" => sealed[..body_start(&sealed)].to_vec(),
        "truncated-half.wwk" => sealed[..sealed.len() / 2].to_vec(),
        "truncated-last-byte.wwk" => sealed[..sealed.len() - 1].to_vec(),
        "bitflip-recipient.wwk" => {
            let at = sealed.windows(3).position(|w| w == b"-> ").unwrap() + 20;
            flip(sealed, at)
        }
        "bitflip-header-mac.wwk" => {
            let at = sealed.windows(4).position(|w| w == b"--- ").unwrap() + 10;
            flip(sealed, at)
        }
        "bitflip-body.wwk" => {
            let at = body_start(&sealed) + 100;
            flip(sealed, at)
        }
        "bitflip-last-chunk.wwk" => {
            let at = sealed.len() - 5;
            flip(sealed, at)
        }
        "trailing-garbage.wwk" => {
            let mut s = sealed;
            s.extend_from_slice(b"extra bytes after the end");
            s
        }
        "wrong-recipient.wwk" => seal_key(&good, other_public),
        "passphrase-offered-key.wwk" | "wrong-passphrase.wwk" => seal_pass(&good, FIXTURE_PASS),
        "key-offered-passphrase.wwk" => sealed,
        "not-an-export.wwk" => seal_key(b"hallo wereld\nniets bijzonders\n", public),
        "checksum-mismatch.wwk" => {
            let mut b = good.clone();
            let n = b.len();
            b[n - 3] ^= 0x01;
            seal_key(&b, public)
        }
        "payload-shorter-than-manifest.wwk" => {
            let b = &good[..good.len() - 10];
            seal_key(b, public)
        }
        "future-format-version.wwk" => with(&|p| {
            p.manifest["format_version"] = 99.into();
            p.manifest["something_new"] = "x".into();
        }),
        "old-format-version.wwk" => with(&|p| p.manifest["format_version"] = 0.into()),
        "manifest-missing-worker.wwk" => with(&|p| {
            p.manifest.as_object_mut().unwrap().remove("worker");
        }),
        "manifest-wrong-type.wwk" => with(&|p| p.manifest["counts"] = "veel".into()),
        "manifest-counts-wrong.wwk" => {
            with(&|p| p.manifest["counts"]["household"] = 999_999.into())
        }
        "record-invalid-uuid.wwk" => with(&|p| p.set("household", 0, "id", "niet-een-uuid".into())),
        "record-invalid-date.wwk" => {
            with(&|p| p.set("conversation", 0, "held_on", "2025-02-30".into()))
        }
        "record-invalid-timestamp.wwk" => {
            with(&|p| p.set("visit", 0, "updated_at", "gisteren om vier uur".into()))
        }
        "record-wrong-type.wwk" => with(&|p| p.set("household", 0, "number", "twaalf".into())),
        "record-missing-field.wwk" => with(&|p| {
            let mut r = p.record("household", 0);
            r.as_array_mut().unwrap().pop();
            p.set_raw("household", 0, r.to_string());
        }),
        "record-float-number.wwk" => with(&|p| {
            let r = p.record("household", 0).to_string();
            let mut v: Value = serde_json::from_str(&r).unwrap();
            v[9] = serde_json::json!(12);
            let raw = v.to_string().replacen(",12,", ",12.5,", 1);
            p.set_raw("household", 0, raw);
        }),
        "record-contact-without-consent.wwk" => with(&|p| {
            p.set("household", 0, "contact_consent", false.into());
            p.set("household", 0, "contact_name", "Jan Jansen".into());
        }),
        "unknown-household.wwk" => with(&|p| {
            p.set(
                "visit",
                0,
                "household_id",
                "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".into(),
            )
        }),
        "unknown-area.wwk" => with(&|p| p.set("household", 0, "wijk_code", "BU09999999".into())),
        "unknown-value.wwk" => with(&|p| {
            let line = p.record_line("conversation", 0);
            let mut r: Value = serde_json::from_str(&p.lines[line]).unwrap();
            let n = r.as_array().unwrap().len();
            r[n - 3] = serde_json::json!([["bestaat_niet", "valued", "", ""]]);
            p.lines[line] = r.to_string();
        }),
        "unknown-outcome-code.wwk" => with(&|p| p.set("visit", 0, "outcome", "weggelopen".into())),
        "duplicate-id-different-content.wwk" => with(&|p| {
            let mut r = p.record("household", 0);
            r[8] = "Andere straat".into();
            p.push("household", r.to_string());
        }),
        "invalid-utf8.wwk" => {
            let mut p = base.clone();
            p.set("visit", 0, "note", "XXXX".into());
            let text = p.bytes();
            let at = text.windows(4).position(|w| w == b"XXXX").unwrap();
            let mut b = text;
            b[at] = 0xff;
            b[at + 1] = 0xfe;
            // Recompute the checksum over the damaged payload.
            let nl = b.iter().position(|x| *x == b'\n').unwrap();
            let payload = b[nl + 1..].to_vec();
            let mut m: Value = serde_json::from_slice(&b[..nl]).unwrap();
            m["payload"]["sha256"] =
                hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&payload)).into();
            let mut out = serde_json::to_vec(&m).unwrap();
            out.push(b'\n');
            out.extend(payload);
            seal_key(&out, public)
        }
        "control-characters.wwk" => {
            with(&|p| p.set("conversation", 0, "story", "Bel\u{7}letje\u{1b}[31m".into()))
        }
        "deeply-nested-json.wwk" => with(&|p| {
            let mut r = p.record("conversation", 0).to_string();
            let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
            r = r.replacen("\"nl\"", &nested, 1);
            p.set_raw("conversation", 0, r);
        }),
        "sections-out-of-order.wwk" => with(&|p| {
            let (a, _) = p.section("complex");
            let (b, _) = p.section("campaign");
            p.lines.swap(a, b);
        }),
        "data-after-last-section.wwk" => with(&|p| p.lines.push("[\"nog iets\"]".into())),
        "story-50mb.wwk" => with(&|p| {
            p.set(
                "conversation",
                0,
                "story",
                "Lang verhaal. ".repeat(50 * 1024 * 1024 / 14).into(),
            )
        }),
        "packed-truncated-frame.wwk" => {
            let packed = pack(&good);
            seal_key(&packed[..packed.len() / 2], public)
        }
        "packed-bitflip.wwk" => {
            let packed = pack(&good);
            seal_key(&flip(packed.clone(), packed.len() / 2), public)
        }
        "packed-bomb-100gb.wwk" => {
            // A zstd frame header with an 8-byte content size of 100 GB and an
            // empty last block: tiny, but it claims to unpack to 100 GB.
            let mut b = vec![0x28, 0xb5, 0x2f, 0xfd, 0b1110_0000];
            b.extend_from_slice(&(100u64 << 30).to_le_bytes());
            b.extend_from_slice(&[0x01, 0x00, 0x00]);
            seal_key(&b, public)
        }
        "oversized-json-line.wwk" => with(&|p| {
            let fields = vec!["\"x\""; 2_000_000].join(",");
            p.set_raw("visit", 0, format!("[{fields}]"));
        }),
        other => panic!("no recipe for {other}"),
    }
}
