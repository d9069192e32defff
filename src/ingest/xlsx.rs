//! XLSX workbooks: calamine reads them, after a check of the zip that bounds
//! what calamine would allocate. The check decompresses every entry itself
//! with a budget (the sizes the zip declares are not trusted), and scans the
//! worksheets' cell references for the used range: a few bytes of XML can
//! name a cell at XFD1048576, and calamine allocates the whole rectangle.

use super::read::{cell_text, FileFormat, Sheet, MAX_COLUMNS, MAX_ROWS};
use super::ImportError;
use std::io::{Cursor, Read};

/// Most bytes all entries of a workbook may unzip to together.
pub const MAX_UNZIPPED: u64 = 50 * 1024 * 1024;
/// Most cells the used range of one sheet, or all its cells, may hold.
pub const MAX_CELLS: u64 = 2_000_000;

/// The start of an OLE compound file: a password-protected workbook (or an
/// old .xls), not a zip.
const OLE_MAGIC: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];

/// Cell references seen in a worksheet.
#[derive(Debug, Default)]
struct Used {
    min_row: u64,
    max_row: u64,
    min_col: u64,
    max_col: u64,
    any: bool,
    cells: u64,
}

impl Used {
    fn add(&mut self, row: u64, col: Option<u64>) {
        let col = col.unwrap_or(self.min_col.max(1));
        if !self.any {
            (self.min_row, self.max_row, self.min_col, self.max_col) = (row, row, col, col);
            self.any = true;
        }
        self.min_row = self.min_row.min(row);
        self.max_row = self.max_row.max(row);
        self.min_col = self.min_col.min(col);
        self.max_col = self.max_col.max(col);
    }

    fn area(&self) -> u64 {
        if !self.any {
            return 0;
        }
        (self.max_row - self.min_row + 1).saturating_mul(self.max_col - self.min_col + 1)
    }
}

/// "XFD2000" → (2000, Some(16384)); "12" → (12, None).
fn parse_ref(r: &[u8]) -> Option<(u64, Option<u64>)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    if letters > 3
        || digits.is_empty()
        || digits.len() > 7
        || !digits.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let row = std::str::from_utf8(digits).ok()?.parse().ok()?;
    let col = (letters > 0).then(|| {
        r[..letters].iter().fold(0u64, |n, b| {
            n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u64
        })
    });
    Some((row, col))
}

/// Column letters for a message: 16384 → "XFD".
fn col_name(mut n: u64) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Streams a worksheet's XML and records every ` r="…"` reference (cells and
/// rows) and every cell element; returns the bytes read.
fn scan_sheet(r: &mut impl Read, used: &mut Used) -> std::io::Result<u64> {
    const NEEDLE: &[u8] = b" r=\"";
    let mut buf = vec![0u8; 64 * 1024];
    let mut carry: Vec<u8> = Vec::new();
    let mut total = 0u64;
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        carry.extend_from_slice(&buf[..n]);
        let mut i = 0;
        let mut keep_from = carry.len().saturating_sub(16);
        while i + NEEDLE.len() <= carry.len() {
            if carry[i] == b'<'
                && carry.get(i + 1) == Some(&b'c')
                && matches!(carry.get(i + 2), Some(b' ' | b'>' | b'/'))
            {
                used.cells += 1;
            }
            if &carry[i..i + NEEDLE.len()] == NEEDLE {
                let start = i + NEEDLE.len();
                match carry[start..].iter().position(|b| *b == b'"') {
                    Some(len) => {
                        if let Some((row, col)) = parse_ref(&carry[start..start + len]) {
                            used.add(row, col);
                        }
                        i = start + len;
                        continue;
                    }
                    None => {
                        keep_from = keep_from.min(i);
                        break;
                    }
                }
            }
            i += 1;
        }
        keep_from = keep_from.min(i);
        carry.drain(..keep_from);
        if carry.len() > 4096 {
            // A reference this long is not one; don't let it grow.
            carry.drain(..carry.len() - 16);
        }
    }
    Ok(total)
}

/// The check before calamine: see the module doc.
fn guard(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.starts_with(&OLE_MAGIC) {
        return Err(ImportError::Encrypted);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ImportError::Xlsx(format!("zip: {e}")))?;
    let mut budget = MAX_UNZIPPED;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| ImportError::Xlsx(format!("zip: {e}")))?;
        let name = entry
            .name()
            .map(|n| n.into_owned())
            .map_err(|e| ImportError::Xlsx(format!("zip: {e}")))?;
        if entry.encrypted() {
            return Err(ImportError::Encrypted);
        }
        let mut limited = (&mut entry).take(budget + 1);
        let read = if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            let mut used = Used::default();
            let n = scan_sheet(&mut limited, &mut used)
                .map_err(|e| ImportError::Xlsx(format!("{name}: {e}")))?;
            if n > budget {
                return Err(ImportError::Unzipped { max: MAX_UNZIPPED });
            }
            let sheet = name
                .trim_start_matches("xl/worksheets/")
                .trim_end_matches(".xml")
                .to_string();
            let range = || {
                format!(
                    "{}{}:{}{}",
                    col_name(used.min_col),
                    used.min_row,
                    col_name(used.max_col),
                    used.max_row
                )
            };
            if used.area() > MAX_CELLS || used.cells > MAX_CELLS {
                return Err(ImportError::RangeTooLarge {
                    sheet,
                    range: range(),
                    max: MAX_CELLS,
                });
            }
            if used.any && used.max_col - used.min_col + 1 > MAX_COLUMNS as u64 {
                return Err(ImportError::TooManyColumns {
                    line: used.min_row,
                    columns: (used.max_col - used.min_col + 1) as usize,
                    max: MAX_COLUMNS,
                });
            }
            if used.any && used.max_row - used.min_row > MAX_ROWS as u64 {
                return Err(ImportError::TooManyRows {
                    rows: (used.max_row - used.min_row) as usize,
                    max: MAX_ROWS,
                });
            }
            n
        } else {
            std::io::copy(&mut limited, &mut std::io::sink())
                .map_err(|e| ImportError::Xlsx(format!("{name}: {e}")))?
        };
        if read > budget {
            return Err(ImportError::Unzipped { max: MAX_UNZIPPED });
        }
        budget -= read;
    }
    Ok(())
}

/// An Excel serial date as `YYYY-MM-DD` (1900 date system; 1904 handled by calamine).
fn excel_date(d: &calamine::ExcelDateTime) -> String {
    let (y, m, day, ..) = d.to_ymd_hms_milli();
    format!("{y:04}-{m:02}-{day:02}")
}

fn data_text(d: &calamine::Data, line: u64) -> Result<String, ImportError> {
    use calamine::Data;
    Ok(match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => cell_text(s, line)?,
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        // Decimal numbers (amounts) the Dutch way, as a user would type them.
        Data::Float(f) => format!("{f}").replace('.', ","),
        Data::Bool(b) => if *b { "ja" } else { "nee" }.into(),
        Data::DateTime(dt) if dt.is_datetime() => excel_date(dt),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => cell_text(s, line)?,
    })
}

/// Reads one sheet (the first, or the one named) of a checked workbook.
pub(super) fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, ImportError> {
    use calamine::Reader;
    guard(bytes)?;
    let bad = |e: calamine::XlsxError| ImportError::Xlsx(e.to_string());
    let mut wb: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(bad)?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| ImportError::NoSheet {
                wanted: super::read::quote(s),
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
        let line = first_row + i as u64 + 1;
        // Keep columns where the sheet has them, even when column A is empty.
        let mut cells: Vec<String> = vec![String::new(); first_col];
        for d in row {
            cells.push(data_text(d, line)?);
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match headers {
            None => headers = Some(cells),
            Some(_) => rows.push((line, cells)),
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
    fn references_and_column_names() {
        assert_eq!(parse_ref(b"XFD2000"), Some((2000, Some(16384))));
        assert_eq!(parse_ref(b"A1"), Some((1, Some(1))));
        assert_eq!(parse_ref(b"12"), Some((12, None)));
        assert_eq!(parse_ref(b"ABCD1"), None);
        assert_eq!(parse_ref(b"A"), None);
        assert_eq!(col_name(16384), "XFD");
        assert_eq!(col_name(28), "AB");
    }

    #[test]
    fn a_scan_finds_references_across_buffer_boundaries() {
        let mut xml = Vec::new();
        xml.extend_from_slice(b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
        xml.extend(std::iter::repeat_n(b' ', 64 * 1024 - 5));
        xml.extend_from_slice(
            b"<row r=\"2000\"><c r=\"XFD2000\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>",
        );
        let mut used = Used::default();
        scan_sheet(&mut xml.as_slice(), &mut used).unwrap();
        assert_eq!((used.min_row, used.max_row), (1, 2000));
        assert_eq!((used.min_col, used.max_col), (1, 16384));
        assert_eq!(used.cells, 2);
    }
}
