//! The error every command returns: `{code, message}` with the core's stable
//! code and its Dutch message, ready for the UI to show.

use serde::Serialize;
use wijkwaardenkaart::ErrorCode;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
pub struct AppError {
    /// Stable machine-readable code (`wrong_passphrase`, `invalid`, `locked`, …).
    pub code: String,
    /// Dutch message a worker can act on.
    pub message: String,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> AppError {
        AppError {
            code: code.to_string(),
            message: message.into(),
        }
    }

    /// A core error: its stable code and its Dutch message as a sentence.
    pub fn from_core(code: &str, message: &str) -> AppError {
        AppError::new(code, capitalise(message))
    }

    /// The store is not unlocked (yet, or any more).
    pub fn locked() -> AppError {
        AppError::new(
            "locked",
            "De opslag is vergrendeld. Ontgrendel hem eerst met uw wachtwoord.",
        )
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Every core error: its stable code and its Dutch message as a sentence.
impl<E: ErrorCode> From<E> for AppError {
    fn from(e: E) -> Self {
        AppError::new(e.code(), capitalise(&e.to_string()))
    }
}

/// Core messages are often sentence fragments ("kies minstens één wijk").
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use wijkwaardenkaart::exchange::ExchangeError;
    use wijkwaardenkaart::privacy::resident::ResidentError;
    use wijkwaardenkaart::tables::TableError;
    use wijkwaardenkaart::{DomainError, StoreError};

    #[test]
    fn core_errors_keep_their_code_and_dutch_message() {
        let e: AppError = StoreError::WrongPassphrase.into();
        assert_eq!(e.code, "wrong_passphrase");
        assert!(e.message.contains("wachtwoord is onjuist"));
        let e: AppError = DomainError::Invalid("kies minstens één wijk".into()).into();
        assert_eq!(e.code, "invalid");
        assert_eq!(e.message, "Kies minstens één wijk");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "invalid");
        let e: AppError = TableError::UnknownArea("XX".into()).into();
        assert_eq!(e.code, "unknown_area");
        assert!(e.message.starts_with("Onbekend gebied"));
        let e: AppError = ResidentError::QueryTooShort.into();
        assert_eq!(e.code, "query_too_short");
        let e: AppError = ExchangeError::NoFiles.into();
        assert_eq!(e.code, "no_files");
        assert!(e.message.starts_with("Geen bestanden"));
    }
}
