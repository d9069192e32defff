//! CSV for Dutch Excel: UTF-8 with a byte order mark (so Excel reads the
//! encoding), `;` as delimiter (the Dutch list separator), CRLF line ends,
//! decimal commas, and text cells that Excel would run as a formula
//! neutralised with a leading apostrophe.

use super::model::{Table, Value};
use super::TableError;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters that make a spreadsheet treat a cell as a formula (or, for tab
/// and carriage return, let one slip through after trimming).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a text cell safe to open in a spreadsheet.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A number with one decimal and a decimal comma: 12,5.
pub fn decimal(n: f64) -> String {
    format!("{n:.1}").replace('.', ",")
}

fn field(v: &Value) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match v {
        Value::Empty => Cow::Borrowed(""),
        Value::Text(s) => neutralise(s),
        Value::Int(n) => Cow::Owned(n.to_string()),
        Value::Num(n) => Cow::Owned(decimal(*n)),
        Value::Date(d) => Cow::Owned(d.format("%Y-%m-%d").to_string()),
        Value::Hidden(s) => neutralise(s),
    }
}

pub fn write(table: &Table) -> Result<Vec<u8>, TableError> {
    let mut buf = Vec::with_capacity(64 * (table.rows.len() + 1));
    buf.extend_from_slice(BOM);
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Necessary)
        .from_writer(buf);
    let csv_err = |e: ::csv::Error| TableError::Write(e.to_string());
    w.write_record(
        table
            .columns
            .iter()
            .map(|c| neutralise(&c.header).into_owned()),
    )
    .map_err(csv_err)?;
    let mut record = ::csv::ByteRecord::new();
    for row in &table.rows {
        record.clear();
        for v in row {
            record.push_field(field(v).as_bytes());
        }
        w.write_byte_record(&record).map_err(csv_err)?;
    }
    w.into_inner()
        .map_err(|e| TableError::Write(e.error().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::model::{Column, ColumnKind};

    #[test]
    fn formula_cells_are_neutralised_and_others_left_alone() {
        for s in ["=SUM(A1:A9)", "+31 6 1234", "-2", "@cmd", "\tx", "\rx"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["gewaardeerd", "< 5", "x", "G-0A1B", ""] {
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn dutch_excel_layout() {
        let mut t = Table::new(
            "T",
            "",
            vec![
                Column::new("naam", ColumnKind::Text, ""),
                Column::new("pct", ColumnKind::Percent, ""),
                Column::new("n", ColumnKind::Integer, ""),
            ],
        );
        t.push(vec![
            Value::text("a;b \"c\""),
            Value::Num(12.26),
            Value::Int(-3),
        ]);
        t.push(vec![
            Value::text("=1+1"),
            Value::Hidden("< 5".into()),
            Value::Empty,
        ]);
        let bytes = write(&t).unwrap();
        assert!(bytes.starts_with(BOM));
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        assert_eq!(
            text,
            "naam;pct;n\r\n\"a;b \"\"c\"\"\";12,3;-3\r\n'=1+1;< 5;\r\n"
        );
    }
}
