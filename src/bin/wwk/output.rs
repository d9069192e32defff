//! Output and errors of the CLI: Dutch text for people, one JSON document with
//! `--json`, and the exit-code contract.

use serde::Serialize;
use wijkwaardenkaart::{DomainError, StoreError};

pub const EXIT_USAGE: u8 = 1;
pub const EXIT_INVALID: u8 = 2;
pub const EXIT_STORE: u8 = 3;

#[derive(Debug)]
pub struct CliError {
    pub exit: u8,
    pub code: String,
    pub message: String,
}

impl CliError {
    pub fn invalid(code: &str, message: impl Into<String>) -> CliError {
        CliError {
            exit: EXIT_INVALID,
            code: code.into(),
            message: message.into(),
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            exit: EXIT_USAGE,
            code: "usage".into(),
            message: message.into(),
        }
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let exit = if e.is_open_failure() {
            EXIT_STORE
        } else if matches!(
            e,
            StoreError::WeakPassphrase(_)
                | StoreError::InvalidProfile(_)
                | StoreError::AlreadyExists(_)
        ) {
            EXIT_INVALID
        } else {
            EXIT_STORE
        };
        CliError {
            exit,
            code: e.code().into(),
            message: e.to_string(),
        }
    }
}

impl From<DomainError> for CliError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Store(s) => s.into(),
            other => {
                let exit = if other.is_invalid_input() {
                    EXIT_INVALID
                } else {
                    EXIT_STORE
                };
                CliError {
                    exit,
                    code: other.code().into(),
                    message: other.to_string(),
                }
            }
        }
    }
}

pub struct Out {
    pub json: bool,
}

impl Out {
    pub fn new(json: bool) -> Out {
        Out { json }
    }

    /// Prints the result: `human` for people, `value` as JSON.
    pub fn result<T: Serialize>(&self, value: &T, human: impl FnOnce() -> String) {
        if self.json {
            println!(
                "{}",
                serde_json::to_string_pretty(value).expect("serialisable")
            );
        } else {
            let text = human();
            if !text.is_empty() {
                println!("{}", text.trim_end());
            }
        }
    }

    /// Progress and notices go to stderr, never to stdout.
    pub fn note(&self, msg: &str) {
        if !self.json {
            eprintln!("{msg}");
        }
    }

    pub fn error(&self, e: &CliError) {
        if self.json {
            let doc = serde_json::json!({ "error": { "code": e.code, "message": e.message } });
            println!("{doc}");
        }
        eprintln!("Fout: {}", e.message);
    }
}

impl From<wijkwaardenkaart::exchange::ExchangeError> for CliError {
    fn from(e: wijkwaardenkaart::exchange::ExchangeError) -> Self {
        use wijkwaardenkaart::exchange::ExchangeError;
        match e {
            ExchangeError::Store(s) => s.into(),
            ExchangeError::Domain(d) => d.into(),
            other => {
                let exit = if other.is_invalid_input() || matches!(other, ExchangeError::Write(..))
                {
                    EXIT_INVALID
                } else {
                    EXIT_STORE
                };
                CliError {
                    exit,
                    code: other.code().into(),
                    message: other.to_string(),
                }
            }
        }
    }
}
