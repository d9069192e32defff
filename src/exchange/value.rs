//! Values as they move between the store and an export file: [`Val`] is one
//! SQLite cell (null, integer or text), [`Json`] is one decoded payload element
//! (the restricted JSON the payload allows: no floats, no objects).

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::de::{self, Deserialize, Deserializer, SeqAccess, Visitor};
use std::cmp::Ordering;
use std::fmt;

/// One cell of a synced row. Ordering follows SQLite's: null < integer < text
/// (text compared bytewise), so sorting here matches `ORDER BY` in the store.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Val {
    Null,
    Int(i64),
    Text(String),
}

impl Val {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Val::Text(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_int(&self) -> Option<i64> {
        match self {
            Val::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// Text or empty string (for stamps, which are never null).
    pub fn text(&self) -> &str {
        self.as_str().unwrap_or("")
    }

    pub fn is_true(&self) -> bool {
        matches!(self, Val::Int(i) if *i != 0)
    }
}

impl ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Val::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Val::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

impl FromSql for Val {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Null => Ok(Val::Null),
            ValueRef::Integer(i) => Ok(Val::Int(i)),
            ValueRef::Text(t) => std::str::from_utf8(t)
                .map(|s| Val::Text(s.to_string()))
                .map_err(|e| FromSqlError::Other(Box::new(e))),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// A decoded payload element. Floats and objects are refused while parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<Json>),
}

impl Json {
    /// Short Dutch name of the type, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "waar/onwaar",
            Json::Int(_) => "getal",
            Json::Str(_) => "tekst",
            Json::List(_) => "lijst",
        }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("null, waar/onwaar, een geheel getal, tekst of een lijst")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        i64::try_from(v)
            .map(Json::Int)
            .map_err(|_| E::custom("getal te groot"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Json, E> {
        Err(E::custom("kommagetallen zijn niet toegestaan"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::Str(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::Str(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::List(items))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Json, A::Error> {
        Err(de::Error::custom("objecten zijn hier niet toegestaan"))
    }
}

/// Compares two optional texts the way the max-register columns merge: null is smallest.
pub fn max_val(a: &Val, b: &Val) -> Val {
    match a.cmp(b) {
        Ordering::Less => b.clone(),
        _ => a.clone(),
    }
}
