//! Reading a spreadsheet into header and text rows with their line numbers:
//! CSV (UTF-16 as Excel's "Unicode-tekst" saves it, UTF-8 with or without BOM,
//! or Windows-1252 as Dutch Excel saves it; `;`, `,` or tab as delimiter,
//! sniffed from the header) and XLSX ([`super::xlsx`], calamine after a check
//! of the zip). Every input is bounded: the limits below are checked before
//! anything large is allocated, each with a Dutch message that states it.

use super::ImportError;

/// Largest file accepted.
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Most data rows accepted.
pub const MAX_ROWS: usize = 100_000;
/// Most columns accepted in a row.
pub const MAX_COLUMNS: usize = 200;
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
        return Err(ImportError::TooLarge { max: MAX_BYTES });
    }
    let s = match format_of(file_name)? {
        FileFormat::Csv => read_csv(bytes)?,
        FileFormat::Xlsx => super::xlsx::read(bytes, sheet)?,
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
    if s.headers.len() > MAX_COLUMNS {
        return Err(ImportError::TooManyColumns {
            line: 1,
            columns: s.headers.len(),
            max: MAX_COLUMNS,
        });
    }
    let mut seen = std::collections::HashSet::new();
    for h in s.headers.iter().map(|h| h.trim().to_lowercase()) {
        if !h.is_empty() && !seen.insert(h.clone()) {
            let shown = s
                .headers
                .iter()
                .find(|x| x.trim().to_lowercase() == h)
                .map(|x| x.trim().to_string())
                .unwrap_or(h);
            return Err(ImportError::DuplicateColumn(quote(&shown)));
        }
    }
    Ok(s)
}

/// Text from a file, as it may appear in a message: between quotes, control
/// characters shown as escapes (never sent to a terminal), cut at 80 characters.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", shown(s))
}

/// [`quote`] without the quotes.
pub fn shown(s: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Windows-1252 bytes 0x80–0x9F; the rest of the range equals Latin-1.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(big_endian) = utf16(bytes) {
        let body = match bytes {
            [0xFF, 0xFE, rest @ ..] | [0xFE, 0xFF, rest @ ..] => rest,
            _ => bytes,
        };
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| {
                if big_endian {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        return (String::from_utf16_lossy(&units), "UTF-16");
    }
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

/// UTF-16 by its byte-order mark, or by the pattern of NUL bytes that ASCII
/// text has in UTF-16: `Some(true)` for big-endian, `Some(false)` for little.
fn utf16(bytes: &[u8]) -> Option<bool> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some(false),
        [0xFE, 0xFF, ..] => return Some(true),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |odd: usize| {
        head.chunks_exact(2)
            .filter(|p| p[odd] == 0 && p[1 - odd] != 0)
            .count()
    };
    let (le, be) = (zero_at(1), zero_at(0));
    // Mostly ASCII text: nearly every pair has its high byte zero.
    if le * 10 >= pairs * 7 {
        Some(false)
    } else if be * 10 >= pairs * 7 {
        Some(true)
    } else {
        None
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

/// A cell's text, trimmed; longer than [`MAX_CELL`] characters is refused.
pub(super) fn cell_text(s: &str, line: u64) -> Result<String, ImportError> {
    let t = s.trim();
    if t.len() > MAX_CELL && t.chars().count() > MAX_CELL {
        return Err(ImportError::CellTooLong {
            line,
            max: MAX_CELL,
        });
    }
    Ok(t.to_string())
}

/// Before the CSV reader allocates anything per field: every record has at
/// most [`MAX_COLUMNS`] fields, and every quote that opens is closed (an
/// unclosed quote would swallow the rest of the file into one cell).
fn precheck(text: &str, delimiter: u8) -> Result<(), ImportError> {
    let (mut line, mut quoted, mut opened_at, mut fields) = (1u64, false, 0u64, 1usize);
    let mut record_line = 1u64;
    for b in text.bytes() {
        match b {
            b'"' => {
                if !quoted {
                    opened_at = line;
                }
                quoted = !quoted;
            }
            b'\n' => {
                line += 1;
                if !quoted {
                    fields = 1;
                    record_line = line;
                }
            }
            _ if b == delimiter && !quoted => {
                fields += 1;
                if fields > MAX_COLUMNS {
                    return Err(ImportError::TooManyColumns {
                        line: record_line,
                        columns: text
                            .lines()
                            .nth(record_line as usize - 1)
                            .map_or(fields, |l| {
                                l.bytes().filter(|c| *c == delimiter).count() + 1
                            }),
                        max: MAX_COLUMNS,
                    });
                }
            }
            _ => {}
        }
    }
    if quoted {
        return Err(ImportError::UnclosedQuote { line: opened_at });
    }
    Ok(())
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, ImportError> {
    let (text, encoding) = decode(bytes);
    let delimiter = sniff(&text);
    precheck(&text, delimiter)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut rows_seen = 0usize;
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
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if headers.is_some() && rows_seen >= MAX_ROWS {
            // Count the rest without keeping it, to say how many there are.
            rows_seen += 1;
            continue;
        }
        let cells = rec
            .iter()
            .map(|c| cell_text(c, line))
            .collect::<Result<Vec<String>, _>>()?;
        match headers {
            None => headers = Some(cells),
            Some(_) => {
                rows.push((line, cells));
                rows_seen += 1;
            }
        }
    }
    if rows_seen > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            rows: rows_seen,
            max: MAX_ROWS,
        });
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
