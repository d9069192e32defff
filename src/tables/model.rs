//! The table model: typed columns and cells, independent of the file format.
//! Built by the level builders, written by the CSV and XLSX writers; plain
//! serialisable data so the app can preview it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a column holds; decides the cell type and number format in XLSX and
/// the text form in CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    /// Whole numbers (counts).
    Integer,
    /// A percentage 0–100 with one decimal.
    Percent,
    /// Whole euros.
    Euro,
    Date,
    /// 1 = yes, 0 = no (summable).
    Flag,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub kind: ColumnKind,
    /// Explained on the "Toelichting" sheet.
    pub description: String,
    /// Identifying columns (area, category) as opposed to measures; used to
    /// stack several tables into one long CSV.
    #[serde(default)]
    pub key: bool,
}

impl Column {
    pub fn new(header: &str, kind: ColumnKind, description: &str) -> Column {
        Column {
            header: header.to_string(),
            kind,
            description: description.to_string(),
            key: false,
        }
    }

    pub fn key(header: &str, description: &str) -> Column {
        Column {
            key: true,
            ..Column::new(header, ColumnKind::Text, description)
        }
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Value {
    Empty,
    Text(String),
    Int(i64),
    /// A number with decimals (percentages).
    Num(f64),
    Date(NaiveDate),
    /// A count that may not be published, as printed: "< 5" or "x".
    Hidden(String),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub fn opt_int(n: Option<i64>) -> Value {
        n.map_or(Value::Empty, Value::Int)
    }

    pub fn flag(b: bool) -> Value {
        Value::Int(b as i64)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Sheet name (at most 31 characters, no `[]:*?/\`).
    pub name: String,
    /// One line about what a row is.
    pub description: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new(name: &str, description: &str, columns: Vec<Column>) -> Table {
        debug_assert!(name.chars().count() <= 31);
        Table {
            name: name.to_string(),
            description: description.to_string(),
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width of {}", self.name);
        self.rows.push(row);
    }
}

/// A line of the "Toelichting" sheet: a heading and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub heading: String,
    pub text: String,
}

/// Everything one export contains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSet {
    pub title: String,
    /// The area exported (BU…, WK… or GM0268) and its name.
    pub area_code: String,
    pub area_name: String,
    /// The period covered; `None` for an open end.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub tables: Vec<Table>,
    /// General notes (scope, suppression, pseudonyms, catalogues, attribution);
    /// the column descriptions are added by the writers.
    pub notes: Vec<Note>,
}

impl TableSet {
    /// Cells withheld by the small-number rules ([`Value::Hidden`]), all tables.
    pub fn hidden_cells(&self) -> usize {
        self.tables
            .iter()
            .flat_map(|t| &t.rows)
            .flatten()
            .filter(|v| matches!(v, Value::Hidden(_)))
            .count()
    }

    pub fn rows(&self) -> usize {
        self.tables.iter().map(|t| t.rows.len()).sum()
    }

    /// All tables stacked into one long table, for a single CSV: per row the
    /// table name, the key columns (first two as they are, the rest joined as
    /// "categorie"), the measure's header and its value.
    pub fn stacked(&self) -> Table {
        let mut out = Table::new(
            "Alle tabellen",
            "Alle tabellen onder elkaar, één regel per gebied, categorie en kenmerk.",
            vec![
                Column::key("tabel", "Naam van de tabel (blad in de XLSX-versie)."),
                Column::key("gebiedscode", "CBS-code van het gebied."),
                Column::key("gebied", "Naam van het gebied."),
                Column::key(
                    "categorie",
                    "Waarde, regeling of soort doorverwijzing; leeg bij kerncijfers.",
                ),
                Column::key("kenmerk", "Wat er geteld is (kolomnaam in de XLSX-versie)."),
                Column::new(
                    "waarde",
                    ColumnKind::Text,
                    "Aantal, percentage of bedrag; \"< k\" of \"x\" als het niet getoond mag worden.",
                ),
            ],
        );
        for t in &self.tables {
            let keys: Vec<usize> = (0..t.columns.len()).filter(|&i| t.columns[i].key).collect();
            for row in &t.rows {
                let key_text = |i: usize| match &row[i] {
                    Value::Text(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                let code = keys.first().map(|&i| key_text(i)).unwrap_or_default();
                let name = keys.get(1).map(|&i| key_text(i)).unwrap_or_default();
                let category = keys
                    .iter()
                    .skip(2)
                    .map(|&i| key_text(i))
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" / ");
                for (i, col) in t.columns.iter().enumerate() {
                    if col.key || row[i] == Value::Empty {
                        continue;
                    }
                    out.rows.push(vec![
                        Value::text(&t.name),
                        Value::text(&code),
                        Value::text(&name),
                        Value::text(&category),
                        Value::text(&col.header),
                        row[i].clone(),
                    ]);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_cells_count_every_withheld_count_in_all_tables() {
        let cols = || {
            vec![
                Column::key("wijk", "Wijk."),
                Column::new("gesprekken", ColumnKind::Integer, "Aantal."),
            ]
        };
        let mut a = Table::new("a", "", cols());
        a.push(vec![Value::text("Lankforst"), Value::Hidden("< 5".into())]);
        a.push(vec![Value::text("Meijhorst"), Value::Int(12)]);
        let mut b = Table::new("b", "", cols());
        b.push(vec![Value::text("Lankforst"), Value::Hidden("x".into())]);
        b.push(vec![Value::text("Meijhorst"), Value::Hidden("< 5".into())]);
        let set = TableSet {
            title: "t".into(),
            area_code: "GM0268".into(),
            area_name: "Nijmegen".into(),
            from: None,
            to: None,
            tables: vec![a, b],
            notes: vec![],
        };
        assert_eq!(set.hidden_cells(), 3);
        assert_eq!(set.rows(), 4);
    }
}
