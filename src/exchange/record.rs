//! One synced record in the payload encoding: decoding a line with every field
//! checked against the [spec](super::spec), and encoding it back.

use super::spec::{ChildSpec, Col, Kind, TableSpec};
use super::value::{Json, Val};
use crate::store::Hlc;
use std::io::Write;

/// `updated_at` of catalogue entries that come with the embedded defaults.
pub const CATALOG_ZERO_HLC: &str = "0000-00-00T00:00:00.000Z-0000";

/// A record: its columns in spec order and, per child spec, its child rows in
/// canonical order (without the parent-id column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rec {
    pub vals: Vec<Val>,
    pub children: Vec<Vec<Vec<Val>>>,
}

impl Rec {
    pub fn id(&self) -> &str {
        self.vals[0].text()
    }

    pub fn get(&self, spec: &TableSpec, col: &str) -> &Val {
        spec.col(col).map(|i| &self.vals[i]).unwrap_or(&Val::Null)
    }

    pub fn updated_at<'a>(&'a self, spec: &TableSpec) -> &'a str {
        self.vals[spec.updated_at()].text()
    }

    pub fn device_id<'a>(&'a self, spec: &TableSpec) -> &'a str {
        self.vals[spec.device_id()].text()
    }

    pub fn is_purged(&self, spec: &TableSpec) -> bool {
        spec.purged().is_some_and(|i| self.vals[i].is_true())
    }
}

// ---------------------------------------------------------------------------
// Encoding

fn encode_val(col: &Col, v: &Val, out: &mut Vec<u8>) {
    match (col.kind, v) {
        (_, Val::Null) => out.extend_from_slice(b"null"),
        (Kind::Bool, Val::Int(i)) => {
            out.extend_from_slice(if *i != 0 { b"true" } else { b"false" })
        }
        (Kind::StrList { .. } | Kind::WijkList, Val::Text(json)) => {
            // Stored as JSON text; re-serialised so the encoding is canonical.
            let list: Vec<String> = serde_json::from_str(json).unwrap_or_default();
            serde_json::to_writer(&mut *out, &list).expect("writing to a Vec");
        }
        (_, Val::Int(i)) => {
            let _ = write!(out, "{i}");
        }
        (_, Val::Text(s)) => serde_json::to_writer(&mut *out, s).expect("writing to a Vec"),
    }
}

fn encode_row(cols: &[Col], vals: &[Val], out: &mut Vec<u8>) {
    out.push(b'[');
    for (i, (col, v)) in cols.iter().zip(vals).enumerate() {
        if i > 0 {
            out.push(b',');
        }
        encode_val(col, v, out);
    }
}

/// Appends the record as one JSON array (no newline).
pub fn encode(spec: &TableSpec, rec: &Rec, out: &mut Vec<u8>) {
    encode_row(spec.cols, &rec.vals, out);
    for (ch, rows) in spec.children.iter().zip(&rec.children) {
        out.extend_from_slice(b",[");
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            encode_row(ch.cols, row, out);
            out.push(b']');
        }
        out.push(b']');
    }
    out.push(b']');
}

pub fn encode_to_string(spec: &TableSpec, rec: &Rec) -> String {
    let mut out = Vec::new();
    encode(spec, rec, &mut out);
    String::from_utf8(out).expect("the encoder writes UTF-8")
}

// ---------------------------------------------------------------------------
// Decoding

pub use crate::util::reason::{json as json_reason, serde as translate_serde};

fn check_chars(s: &str, multi: bool) -> Result<(), String> {
    for ch in s.chars() {
        let bad = match ch {
            '\n' | '\t' | '\r' => !multi,
            c => c.is_control(),
        };
        if bad {
            return Err(format!(
                "bevat een ongeldig stuurteken (U+{:04X})",
                ch as u32
            ));
        }
    }
    Ok(())
}

fn is_slug(s: &str, max: usize) -> bool {
    !s.is_empty()
        && s.len() <= max
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn is_wijk_code(s: &str) -> bool {
    s.len() == 10 && s.starts_with("BU") && s[2..].bytes().all(|b| b.is_ascii_digit())
}

fn year_ok(y: i32) -> bool {
    (1990..=2100).contains(&y)
}

fn str_list(j: Json, items: usize, len: usize, wijk: bool) -> Result<Val, String> {
    let Json::List(list) = j else {
        return Err(format!("verwacht een lijst, gevonden {}", j.type_name()));
    };
    if list.len() > items {
        return Err(format!("te veel elementen (max. {items})"));
    }
    let mut out = Vec::with_capacity(list.len());
    for item in list {
        let Json::Str(s) = item else {
            return Err(format!(
                "lijst mag alleen tekst bevatten, gevonden {}",
                item.type_name()
            ));
        };
        if s.chars().count() > len {
            return Err(format!("element te lang (max. {len} tekens)"));
        }
        check_chars(&s, false)?;
        if wijk && !is_wijk_code(&s) {
            return Err(format!("\"{s}\" is geen wijkcode (BU…)"));
        }
        out.push(s);
    }
    if wijk && out.is_empty() {
        return Err("minstens één wijk nodig".into());
    }
    Ok(Val::Text(
        serde_json::to_string(&out).expect("strings serialise"),
    ))
}

/// Checks one field and converts it to its stored form.
fn decode_val(table: &str, col: &Col, j: Json) -> Result<Val, String> {
    if j == Json::Null {
        return if col.null {
            Ok(Val::Null)
        } else {
            Err("mag niet leeg (null) zijn".into())
        };
    }
    let want_str = |j: Json| match j {
        Json::Str(s) => Ok(s),
        other => Err(format!("verwacht tekst, gevonden {}", other.type_name())),
    };
    match col.kind {
        Kind::Bool => match j {
            Json::Bool(b) => Ok(Val::Int(b as i64)),
            other => Err(format!(
                "verwacht waar/onwaar, gevonden {}",
                other.type_name()
            )),
        },
        Kind::Int { min, max } => match j {
            Json::Int(i) if (min..=max).contains(&i) => Ok(Val::Int(i)),
            Json::Int(i) => Err(format!("{i} ligt buiten {min}..{max}")),
            other => Err(format!(
                "verwacht een getal, gevonden {}",
                other.type_name()
            )),
        },
        Kind::StrList { items, len } => str_list(j, items, len, false),
        Kind::WijkList => str_list(j, 200, 10, true),
        kind => {
            let s = want_str(j)?;
            match kind {
                Kind::Uuid | Kind::Ref(_) => {
                    let ok = uuid::Uuid::parse_str(&s)
                        .map(|u| u.hyphenated().to_string() == s)
                        .unwrap_or(false);
                    if !ok {
                        return Err(format!("\"{}\" is geen geldige id (UUID)", clip(&s)));
                    }
                }
                Kind::Slug(_) | Kind::Code(_) | Kind::ValueRef | Kind::RegulationRef => {
                    let max = if let Kind::Slug(m) = kind { m } else { 80 };
                    if !is_slug(&s, max) {
                        return Err(format!("\"{}\" is geen geldige code", clip(&s)));
                    }
                }
                Kind::Hlc => {
                    let zero_ok = table == "value_catalog" && s == CATALOG_ZERO_HLC;
                    let ok = zero_ok
                        || Hlc::parse(&s).is_some_and(|h| {
                            h.format() == s
                                && s.get(..4).and_then(|y| y.parse().ok()).is_some_and(year_ok)
                        });
                    if !ok {
                        return Err(format!("\"{}\" is geen geldig tijdstempel", clip(&s)));
                    }
                }
                Kind::Timestamp => {
                    let ok = chrono::DateTime::parse_from_rfc3339(&s).is_ok_and(|d| {
                        use chrono::Datelike;
                        year_ok(d.year())
                    });
                    if !ok {
                        return Err(format!("\"{}\" is geen geldig tijdstip", clip(&s)));
                    }
                }
                Kind::Date => {
                    let ok = chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").is_ok_and(|d| {
                        use chrono::Datelike;
                        d.to_string() == s && year_ok(d.year())
                    });
                    if !ok {
                        return Err(format!(
                            "\"{}\" is geen geldige datum (JJJJ-MM-DD)",
                            clip(&s)
                        ));
                    }
                }
                Kind::Text { min, max, multi } => {
                    let n = s.chars().count();
                    if n > max {
                        return Err(format!("te lang ({n} tekens, max. {max})"));
                    }
                    if n < min {
                        return Err("mag niet leeg zijn".into());
                    }
                    check_chars(&s, multi)?;
                }
                Kind::Wijk => {
                    if !is_wijk_code(&s) {
                        return Err(format!("\"{}\" is geen wijkcode (BU…)", clip(&s)));
                    }
                }
                Kind::OneOf(words) => {
                    if !words.contains(&s.as_str()) {
                        return Err(format!(
                            "\"{}\" is niet toegestaan (kies uit {})",
                            clip(&s),
                            words.join(", ")
                        ));
                    }
                }
                Kind::Postcode => {
                    let b = s.as_bytes();
                    let ok = b.len() == 6
                        && (b'1'..=b'9').contains(&b[0])
                        && b[1..4].iter().all(u8::is_ascii_digit)
                        && b[4..].iter().all(u8::is_ascii_uppercase);
                    if !ok {
                        return Err(format!("\"{}\" is geen postcode (1234AB)", clip(&s)));
                    }
                }
                Kind::Bool | Kind::Int { .. } | Kind::StrList { .. } | Kind::WijkList => {
                    unreachable!("handled above")
                }
            }
            Ok(Val::Text(s))
        }
    }
}

/// Shortens a value for an error message.
pub fn clip(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

fn decode_row(table: &str, cols: &[Col], items: Vec<Json>) -> Result<Vec<Val>, String> {
    if items.len() != cols.len() {
        return Err(format!(
            "verwacht {} velden, gevonden {}",
            cols.len(),
            items.len()
        ));
    }
    cols.iter()
        .zip(items)
        .map(|(col, j)| {
            decode_val(table, col, j).map_err(|e| format!("veld \"{}\": {e}", col.name))
        })
        .collect()
}

fn decode_children(table: &str, ch: &ChildSpec, j: Json) -> Result<Vec<Vec<Val>>, String> {
    let Json::List(rows) = j else {
        return Err(format!(
            "\"{}\": verwacht een lijst, gevonden {}",
            ch.name,
            j.type_name()
        ));
    };
    if rows.len() > ch.max {
        return Err(format!("\"{}\": te veel rijen (max. {})", ch.name, ch.max));
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let Json::List(items) = row else {
            return Err(format!("\"{}\": elke rij moet een lijst zijn", ch.name));
        };
        out.push(decode_row(table, ch.cols, items).map_err(|e| format!("{}: {e}", ch.name))?);
    }
    ch.sort(&mut out);
    for pair in out.windows(2) {
        if ch.key.iter().all(|i| pair[0][*i] == pair[1][*i]) {
            return Err(format!(
                "\"{}\": \"{}\" komt twee keer voor",
                ch.name,
                clip(pair[0][ch.key[0]].text())
            ));
        }
    }
    Ok(out)
}

/// Decodes and checks one record line of the current format. The reason is
/// Dutch and names the field.
pub fn decode(spec: &TableSpec, line: &[u8]) -> Result<Rec, String> {
    decode_in(spec, line, super::FORMAT_VERSION)
}

/// Decodes a record line of a file of format `version`: columns added since
/// that version are absent from the line and read as null.
pub fn decode_in(spec: &TableSpec, line: &[u8], version: u64) -> Result<Rec, String> {
    let items: Vec<Json> = serde_json::from_slice(line).map_err(|e| json_reason(&e))?;
    let older = spec.cols.iter().any(|c| c.since > version);
    let carried: Vec<Col>;
    let cols: &[Col] = if older {
        carried = spec.cols_in(version);
        &carried
    } else {
        spec.cols
    };
    let want = cols.len() + spec.children.len();
    if items.len() != want {
        return Err(format!("verwacht {want} velden, gevonden {}", items.len()));
    }
    let mut items = items.into_iter();
    let mut vals = decode_row(spec.name, cols, items.by_ref().take(cols.len()).collect())?;
    if older {
        let mut given = vals.into_iter();
        vals = spec
            .cols
            .iter()
            .map(|c| {
                if c.since > version {
                    Val::Null
                } else {
                    given.next().expect("one value per carried column")
                }
            })
            .collect();
    }
    let mut children = Vec::with_capacity(spec.children.len());
    for (ch, j) in spec.children.iter().zip(items) {
        children.push(decode_children(spec.name, ch, j)?);
    }
    let rec = Rec { vals, children };
    check_record(spec, &rec)?;
    Ok(rec)
}

/// Rules across fields of one record (the schema's CHECK constraints and more).
fn check_record(spec: &TableSpec, rec: &Rec) -> Result<(), String> {
    match spec.name {
        "campaign" if rec.get(spec, "period_end") < rec.get(spec, "period_start") => {
            return Err("de einddatum ligt voor de begindatum".into());
        }
        "campaign" | "programme_target"
            if rec.get(spec, "reach_min_pct") > rec.get(spec, "reach_max_pct") =>
        {
            return Err("de ondergrens van % in gesprek ligt boven de bovengrens".into());
        }
        "programme_target" if rec.get(spec, "households_min") > rec.get(spec, "households_max") => {
            return Err("het minimum aantal huishoudens ligt boven het maximum".into());
        }
        "household" => {
            let contact = ["contact_name", "contact_phone", "contact_email"]
                .iter()
                .any(|c| *rec.get(spec, c) != Val::Null);
            if contact && !rec.get(spec, "contact_consent").is_true() {
                return Err("contactgegevens zonder toestemming".into());
            }
        }
        "conversation" => {
            let prefix = format!("{}-", rec.id());
            let mut ids = std::collections::HashSet::new();
            for q in &rec.children[2] {
                let qid = q[0].text();
                if !qid.starts_with(&prefix) {
                    return Err(format!(
                        "citaat-id \"{}\" hoort niet bij dit gesprek",
                        clip(qid)
                    ));
                }
                if !ids.insert(qid) {
                    return Err(format!("citaat-id \"{}\" komt twee keer voor", clip(qid)));
                }
                if q[2].text().trim().is_empty() {
                    return Err("een citaat is leeg".into());
                }
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::rule::erase_personal;
    use crate::exchange::spec::table;

    #[test]
    fn a_record_of_an_older_format_reads_the_columns_added_since_as_null() {
        let spec = table("complex").unwrap();
        let v1 = r#"["0190a0a0-0000-7000-8000-000000000001","2026-01-05T10:00:00.000Z","2026-01-05T10:00:00.000Z-0000","dev","Anna",false,"BU02680734","Flat"]"#;
        let rec = decode_in(spec, v1.as_bytes(), 1).unwrap();
        let corporation = spec.col("corporation").unwrap();
        assert_eq!(rec.vals.len(), spec.cols.len());
        assert_eq!(rec.vals[corporation], Val::Null);
        assert_eq!(rec.get(spec, "name").text(), "Flat");
        // In the current format the column must be there.
        let err = decode(spec, v1.as_bytes()).unwrap_err();
        assert!(err.contains("verwacht"), "{err}");
        let v2 = v1.replace(r#""Flat"]"#, r#""Flat","Portaal"]"#);
        assert_eq!(
            decode(spec, v2.as_bytes())
                .unwrap()
                .get(spec, "corporation")
                .text(),
            "Portaal"
        );
    }

    #[test]
    fn a_campaign_of_format_2_reads_without_a_programme_and_bands_must_be_ordered() {
        let spec = table("campaign").unwrap();
        let v2 = r#"["0190a0a0-0000-7000-8000-000000000002","2026-01-05T10:00:00.000Z","2026-01-05T10:00:00.000Z-0000","dev","Anna",false,"Ronde","",600,"2026-03-01","2026-04-30",null,["BU02680734"],50,60]"#;
        let rec = decode_in(spec, v2.as_bytes(), 2).unwrap();
        assert_eq!(rec.get(spec, "programme"), &Val::Null);
        assert!(
            decode(spec, v2.as_bytes()).is_err(),
            "format 3 has the column"
        );
        let v3 = v2.replace("50,60]", r#"50,60,"In de wijk"]"#);
        assert_eq!(
            decode(spec, v3.as_bytes())
                .unwrap()
                .get(spec, "programme")
                .text(),
            "In de wijk"
        );
        let reversed = v3.replace("50,60,", "70,60,");
        assert!(decode(spec, reversed.as_bytes())
            .unwrap_err()
            .contains("ondergrens"));
    }

    fn household_line(extra: &str) -> String {
        format!(
            r#"["0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","2025-03-01T10:00:00.000Z","2025-03-01T10:00:00.000Z-0001","dev","Sanne",false,"BU02680100",null,"Meijhorst",12,null,"6544AB",{extra},null,false]"#
        )
    }

    #[test]
    fn a_valid_record_round_trips() {
        let spec = table("household").unwrap();
        let line = household_line(r#"true,"Jan","06 12345678",null"#);
        let rec = decode(spec, line.as_bytes()).unwrap();
        assert_eq!(encode_to_string(spec, &rec), line);
    }

    #[test]
    fn bad_fields_are_named_in_dutch() {
        let spec = table("household").unwrap();
        let cases = [
            (
                household_line(r#"false,"Jan",null,null"#),
                "contactgegevens zonder toestemming",
            ),
            (
                household_line(r#"1,null,null,null"#),
                "veld \"contact_consent\"",
            ),
            (
                household_line(r#"false,null,null,null"#).replace("6544AB", "1234"),
                "postcode",
            ),
            (
                household_line(r#"false,null,null,null"#).replace("0190a1b2", "zzzz"),
                "geen geldige id",
            ),
            (
                household_line(r#"false,null,null,null"#)
                    .replace("2025-03-01T10:00:00.000Z-0001", "gisteren"),
                "tijdstempel",
            ),
            (
                household_line(r#"false,null,null,null"#).replace("Meijhorst", "Meij\\u0001horst"),
                "stuurteken",
            ),
            (
                household_line(r#"false,null,null,null"#).replace(",12,", ",1.5,"),
                "kommagetallen",
            ),
            (
                household_line(r#"false,null,null,null"#).replace(",12,", ",{},"),
                "objecten",
            ),
            ("[1,2".to_string(), "onvolledig"),
        ];
        for (line, want) in cases {
            let err = decode(spec, line.as_bytes()).unwrap_err();
            assert!(err.contains(want), "{line}: {err}");
        }
    }

    #[test]
    fn erasing_is_idempotent_and_keeps_consented_quotes() {
        let spec = table("conversation").unwrap();
        let id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let line = format!(
            r#"["{id}","2025-03-01T10:00:00.000Z","2025-03-01T10:00:00.000Z-0001","dev","Sanne",false,null,null,null,"BU02680100","2025-03-01",[],"nl","Mijn verhaal",true,true,false,false,"",false,false,[["groen","valued","park",""]],[["rust"]],[["{id}-q0",0,"Mooi hier",true],["{id}-q1",1,"Niet citeren",false]]]"#
        );
        let mut rec = decode(spec, line.as_bytes()).unwrap();
        erase_personal(spec, &mut rec);
        let once = rec.clone();
        erase_personal(spec, &mut rec);
        assert_eq!(once, rec);
        assert_eq!(rec.get(spec, "story"), &Val::Text(String::new()));
        assert_eq!(rec.children[2].len(), 1);
        assert!(rec.is_purged(spec));
        assert_eq!(
            rec.children[0].len(),
            1,
            "value tags stay for the aggregates"
        );
    }
}
