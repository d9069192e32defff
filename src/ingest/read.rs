//! Reading a spreadsheet into header and text rows with their line numbers:
//! CSV (UTF-8 with or without BOM, or Windows-1252 as Dutch Excel saves it;
//! `;`, `,` or tab as delimiter, sniffed from the header) and XLSX (calamine).

use super::ImportError;
use std::io::Cursor;

/// Largest file accepted.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_ROWS: usize = 100_000;
/// Longest cell accepted (characters).
pub const MAX_CELL: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub format: FileFormat,
    /// How the file was read, for the report ("UTF-8, scheidingsteken ;").
    pub read_as: String,
    /// Sheet name (XLSX).
    pub sheet: Option<String>,
    pub headers: Vec<String>,
    /// (line or row number in the file, cells as text)
    pub rows: Vec<(u64, Vec<String>)>,
}

/// The format from the file name.
pub fn format_of(file_name: &str) -> Result<FileFormat, ImportError> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        Ok(FileFormat::Csv)
    } else if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        Ok(FileFormat::Xlsx)
    } else {
        Err(ImportError::Unsupported(file_name.to_string()))
    }
}

pub fn read(bytes: &[u8], file_name: &str, sheet: Option<&str>) -> Result<Sheet, ImportError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let s = match format_of(file_name)? {
        FileFormat::Csv => read_csv(bytes)?,
        FileFormat::Xlsx => read_xlsx(bytes, sheet)?,
    };
    if s.headers.iter().all(|h| h.is_empty()) {
        return Err(ImportError::Empty);
    }
    if s.rows.len() > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            rows: s.rows.len(),
            max: MAX_ROWS,
        });
    }
    Ok(s)
}

/// Windows-1252 bytes 0x80–0x9F; the rest of the range equals Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => (
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
                    _ => b as char,
                })
                .collect(),
            "Windows-1252",
        ),
    }
}

/// The delimiter that splits the first line into the most fields, outside quotes.
fn sniff(text: &str) -> u8 {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [(b';', 0), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in first.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|c| c.1)
        .filter(|c| c.1 > 0)
        .map_or(b',', |c| c.0)
}

fn cell_text(s: &str) -> String {
    let t = s.trim();
    if t.chars().count() > MAX_CELL {
        t.chars().take(MAX_CELL).collect()
    } else {
        t.to_string()
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, ImportError> {
    let (text, encoding) = decode(bytes);
    let delimiter = sniff(&text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // Line numbers as an editor shows them. The csv crate's own line count is
    // off with CRLF line ends, so count the newlines before each record's
    // first byte.
    let bytes = text.as_bytes();
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| {
        let mut b = (byte as usize).min(bytes.len());
        while b < bytes.len() && (bytes[b] == b'\r' || bytes[b] == b'\n') {
            b += 1;
        }
        if b >= counted.0 {
            counted.1 += bytes[counted.0..b].iter().filter(|&&c| c == b'\n').count() as u64;
            counted.0 = b;
        }
        counted.1
    };
    for rec in reader.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                return Err(ImportError::Malformed {
                    line: e.position().map_or(0, |p| line_at(p.byte())),
                    reason: match e.kind() {
                        ::csv::ErrorKind::Utf8 { .. } => "ongeldige tekens".into(),
                        _ => e.to_string(),
                    },
                })
            }
        };
        let line = rec.position().map_or(0, |p| line_at(p.byte()));
        let cells: Vec<String> = rec.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some(cells),
            Some(_) => rows.push((line, cells)),
        }
        if rows.len() > MAX_ROWS {
            break;
        }
    }
    let name = match delimiter {
        b';' => "puntkomma",
        b'\t' => "tab",
        _ => "komma",
    };
    Ok(Sheet {
        format: FileFormat::Csv,
        read_as: format!("{encoding}, scheidingsteken {name}"),
        sheet: None,
        headers: headers.ok_or(ImportError::Empty)?,
        rows,
    })
}

/// An Excel serial date as `YYYY-MM-DD` (1900 date system; 1904 handled by calamine).
fn excel_date(d: &calamine::ExcelDateTime) -> String {
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{day:02}")
}

fn data_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => cell_text(s),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // Decimal numbers (amounts) the Dutch way, as a user would type them.
        Data::Float(f) => format!("{f}").replace('.', ","),
        Data::Bool(b) => if *b { "ja" } else { "nee" }.into(),
        Data::DateTime(dt) if dt.is_datetime() => excel_date(dt),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
    }
}

fn read_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, ImportError> {
    use calamine::Reader;
    let bad = |e: calamine::XlsxError| ImportError::Xlsx(e.to_string());
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                wanted: s.to_string(),
                available: names.join(", "),
            })?,
        None => names.first().cloned().ok_or(ImportError::Empty)?,
    };
    let range = wb.worksheet_range(&name).map_err(bad)?;
    let first_row = range.start().map_or(0, |(r, _)| r as u64);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (i, row) in range.rows().enumerate() {
        // Keep columns where the sheet has them, even when column A is empty.
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend(row.iter().map(data_text));
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some(cells),
            Some(_) => rows.push((first_row + i as u64 + 1, cells)),
        }
        if rows.len() > MAX_ROWS {
            break;
        }
    }
    Ok(Sheet {
        format: FileFormat::Xlsx,
        read_as: format!("XLSX, blad \"{name}\""),
        sheet: Some(name),
        headers: headers.ok_or(ImportError::Empty)?,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_bom_and_windows_1252_are_read() {
        let mut bytes =
            b"\xEF\xBB\xBFPostcode;Huisnr;Regeling\r\n6543 AB;12;Zorgtoeslag\r\n".to_vec();
        let s = read(&bytes, "a.csv", None).unwrap();
        assert_eq!(s.headers, vec!["Postcode", "Huisnr", "Regeling"]);
        assert_eq!(
            s.rows,
            vec![(2, vec!["6543 AB".into(), "12".into(), "Zorgtoeslag".into()])]
        );
        assert!(s.read_as.contains("puntkomma"));
        let s = read(b"a;b\r\n\r\nc;\"d\r\ne\"\r\nf;g\r\n", "m.csv", None).unwrap();
        let lines: Vec<u64> = s.rows.iter().map(|r| r.0).collect();
        assert_eq!(
            lines,
            vec![3, 5],
            "blank line skipped, quoted newline counted"
        );
        bytes = b"straat,nr,regeling\n\"Caf\xe9laan, oost\",3,Meedoen\x96regeling\n".to_vec();
        let s = read(&bytes, "b.CSV", None).unwrap();
        assert_eq!(s.rows[0].1, vec!["Cafélaan, oost", "3", "Meedoen–regeling"]);
        assert!(s.read_as.starts_with("Windows-1252"));
    }

    #[test]
    fn broken_quotes_and_unknown_formats_are_refused() {
        assert!(matches!(
            read(b"x", "c.pdf", None),
            Err(ImportError::Unsupported(_))
        ));
        assert!(matches!(read(b"", "c.csv", None), Err(ImportError::Empty)));
        assert!(matches!(
            read(b"not a zip", "c.xlsx", None),
            Err(ImportError::Xlsx(_))
        ));
    }
}
