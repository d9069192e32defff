//! XLSX with `rust_xlsxwriter`: one sheet per table with typed cells (dates as
//! dates, counts and euros as numbers), a frozen header row with filters, and
//! a "Toelichting" sheet describing every column, the suppression rule, the
//! catalogue versions and the CBS attribution.

use super::model::{ColumnKind, Table, TableSet, Value};
use super::TableError;
use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

/// Excel's row limit per sheet, header included.
pub const MAX_ROWS: usize = 1_048_576;

struct Formats {
    header: Format,
    date: Format,
    pct: Format,
    eur: Format,
    hidden: Format,
    wrap: Format,
    bold: Format,
    title: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color("#E8EEF4"),
            date: Format::new().set_num_format("dd-mm-yyyy"),
            pct: Format::new().set_num_format("0.0"),
            eur: Format::new().set_num_format("€ #,##0"),
            hidden: Format::new().set_align(FormatAlign::Right),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            bold: Format::new().set_bold().set_align(FormatAlign::Top),
            title: Format::new().set_bold().set_font_size(14),
        }
    }
}

fn err(e: rust_xlsxwriter::XlsxError) -> TableError {
    TableError::Write(e.to_string())
}

fn write_table(ws: &mut Worksheet, t: &Table, f: &Formats) -> Result<(), TableError> {
    if t.rows.len() + 1 > MAX_ROWS {
        return Err(TableError::TooLarge {
            table: t.name.clone(),
            rows: t.rows.len(),
        });
    }
    ws.set_name(&t.name).map_err(err)?;
    for (c, col) in t.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, &col.header, &f.header)
            .map_err(err)?;
        let width = match col.kind {
            ColumnKind::Date => 11.0,
            ColumnKind::Flag | ColumnKind::Integer | ColumnKind::Percent => 10.0,
            ColumnKind::Euro => 12.0,
            ColumnKind::Text => 14.0,
        };
        let header_width = (col.header.chars().count() as f64 * 0.9 + 2.0).min(28.0);
        ws.set_column_width(c, f64::max(width, header_width))
            .map_err(err)?;
    }
    for (r, row) in t.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            let c16 = c as u16;
            match v {
                Value::Empty => {}
                Value::Text(s) => {
                    ws.write_string(r, c16, s).map_err(err)?;
                }
                Value::Hidden(s) => {
                    ws.write_string_with_format(r, c16, s, &f.hidden)
                        .map_err(err)?;
                }
                Value::Int(n) => {
                    match t.columns[c].kind {
                        ColumnKind::Euro => ws.write_number_with_format(r, c16, *n as f64, &f.eur),
                        _ => ws.write_number(r, c16, *n as f64),
                    }
                    .map_err(err)?;
                }
                Value::Num(n) => {
                    ws.write_number_with_format(r, c16, *n, &f.pct)
                        .map_err(err)?;
                }
                Value::Date(d) => {
                    let dt =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(err)?;
                    ws.write_datetime_with_format(r, c16, &dt, &f.date)
                        .map_err(err)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(err)?;
    if !t.columns.is_empty() {
        ws.autofilter(0, 0, t.rows.len() as u32, t.columns.len() as u16 - 1)
            .map_err(err)?;
    }
    Ok(())
}

fn kind_label(k: ColumnKind) -> &'static str {
    match k {
        ColumnKind::Text => "tekst",
        ColumnKind::Integer => "aantal",
        ColumnKind::Percent => "percentage (0–100)",
        ColumnKind::Euro => "euro per jaar",
        ColumnKind::Date => "datum",
        ColumnKind::Flag => "1 = ja, 0 = nee",
    }
}

fn write_notes(ws: &mut Worksheet, set: &TableSet, f: &Formats) -> Result<(), TableError> {
    ws.set_name("Toelichting").map_err(err)?;
    ws.set_column_width(0, 26).map_err(err)?;
    ws.set_column_width(1, 28).map_err(err)?;
    ws.set_column_width(2, 18).map_err(err)?;
    ws.set_column_width(3, 90).map_err(err)?;
    ws.write_string_with_format(0, 0, &set.title, &f.title)
        .map_err(err)?;
    let mut r = 2u32;
    for n in &set.notes {
        ws.write_string_with_format(r, 0, &n.heading, &f.bold)
            .map_err(err)?;
        ws.merge_range(r, 1, r, 3, &n.text, &f.wrap).map_err(err)?;
        // Room for the wrapped text: about 130 characters per line.
        let lines = (n.text.chars().count() / 130 + 1 + n.text.matches('\n').count()) as f64;
        ws.set_row_height(r, 15.0 * lines).map_err(err)?;
        r += 1;
    }
    r += 1;
    for (c, h) in ["Blad", "Kolom", "Soort", "Betekenis"].iter().enumerate() {
        ws.write_string_with_format(r, c as u16, *h, &f.header)
            .map_err(err)?;
    }
    r += 1;
    for t in &set.tables {
        ws.write_string_with_format(r, 0, &t.name, &f.bold)
            .map_err(err)?;
        ws.write_string_with_format(r, 3, &t.description, &f.wrap)
            .map_err(err)?;
        r += 1;
        for col in &t.columns {
            ws.write_string(r, 1, &col.header).map_err(err)?;
            ws.write_string(r, 2, kind_label(col.kind)).map_err(err)?;
            ws.write_string_with_format(r, 3, &col.description, &f.wrap)
                .map_err(err)?;
            r += 1;
        }
    }
    Ok(())
}

pub fn write(
    set: &TableSet,
    generated_at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, TableError> {
    let f = Formats::new();
    use chrono::Timelike;
    let created = ExcelDateTime::from_ymd(
        generated_at.year() as u16,
        generated_at.month() as u8,
        generated_at.day() as u8,
    )
    .and_then(|d| {
        d.and_hms(
            generated_at.hour() as u16,
            generated_at.minute() as u8,
            generated_at.second() as f64,
        )
    })
    .map_err(err)?;
    let mut wb = Workbook::new();
    // Level 3, like Excel 365: about a third faster than the default 6 for a
    // file a few percent larger.
    wb.set_zip_compression_level(3);
    wb.set_properties(
        &DocProperties::new()
            .set_title(&set.title)
            .set_subject("Anonieme tabel uit Wijkwaardenkaart")
            .set_author("Wijkwaardenkaart")
            .set_creation_datetime(&created),
    );
    for t in &set.tables {
        // Constant-memory sheets stream rows to a temporary file (written in
        // row order, as here) with inline strings: faster, and memory stays
        // flat for city-sized tables.
        write_table(wb.add_worksheet_with_constant_memory().map_err(err)?, t, &f)?;
    }
    write_notes(wb.add_worksheet(), set, &f)?;
    wb.save_to_buffer().map_err(err)
}
