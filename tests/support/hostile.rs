//! Hostile spreadsheets, built by the tests (never committed as blobs): XLSX
//! workbooks whose zip or XML would make a reader allocate far more than the
//! file's size, and CSV files that are malformed in the ways users meet.
#![allow(dead_code)]

use std::io::Write;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
const SHEET_HEAD: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &[u8] = b"</sheetData></worksheet>";

/// A workbook with one sheet: `sheet` writes the rows (between the sheet's
/// head and tail), `strings` the shared strings' items.
pub fn xlsx(sheet: impl FnOnce(&mut dyn Write), strings: impl FnOnce(&mut dyn Write)) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, body) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.start_file("xl/sharedStrings.xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        .unwrap();
    strings(&mut zip);
    zip.write_all(b"</sst>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    zip.write_all(SHEET_HEAD).unwrap();
    sheet(&mut zip);
    zip.write_all(SHEET_TAIL).unwrap();
    zip.finish().unwrap().into_inner()
}

fn cell(w: &mut dyn Write, r: &str, text: &str) {
    write!(w, r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#).unwrap();
}

/// A1 and one cell far away: a tiny file whose used range is huge.
pub fn sparse_far_cell(far: &str) -> Vec<u8> {
    let row: String = far
        .chars()
        .skip_while(|c| c.is_ascii_alphabetic())
        .collect();
    xlsx(
        |w| {
            w.write_all(br#"<row r="1">"#).unwrap();
            cell(w, "A1", "Postcode");
            w.write_all(b"</row>").unwrap();
            write!(w, r#"<row r="{row}">"#).unwrap();
            cell(w, far, "x");
            w.write_all(b"</row>").unwrap();
        },
        |_| {},
    )
}

/// `rows` identical rows: compresses about a thousandfold.
pub fn row_bomb(rows: u64) -> Vec<u8> {
    xlsx(
        |w| {
            for r in 1..=rows {
                write!(w, r#"<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}"><v>2</v></c><c r="C{r}"><v>3</v></c></row>"#).unwrap();
            }
        },
        |_| {},
    )
}

/// Shared strings of `bytes` in total behind a one-cell sheet.
pub fn shared_strings_bomb(bytes: usize) -> Vec<u8> {
    let item = format!("<si><t>{}</t></si>", "a".repeat(1000));
    xlsx(
        |w| {
            w.write_all(br#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
                .unwrap();
        },
        |w| {
            for _ in 0..bytes / item.len() {
                w.write_all(item.as_bytes()).unwrap();
            }
        },
    )
}

/// A sheet padded with `bytes` of whitespace.
pub fn whitespace_bomb(bytes: usize) -> Vec<u8> {
    xlsx(
        |w| {
            w.write_all(br#"<row r="1">"#).unwrap();
            cell(w, "A1", "Postcode");
            let chunk = vec![b' '; 1 << 20];
            for _ in 0..bytes >> 20 {
                w.write_all(&chunk).unwrap();
            }
            w.write_all(b"</row>").unwrap();
        },
        |_| {},
    )
}

/// What Excel saves for a workbook with a password: an OLE compound file.
pub fn password_protected() -> Vec<u8> {
    let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    b.extend(std::iter::repeat_n(0u8, 4096));
    b
}

/// Text as Excel's "Unicode-tekst" saves it: UTF-16LE with a BOM, tabs.
pub fn utf16(text: &str) -> Vec<u8> {
    let mut b = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        b.extend(u.to_le_bytes());
    }
    b
}
