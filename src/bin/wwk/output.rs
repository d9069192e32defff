//! Output and errors of the CLI: Dutch text for people, one JSON document with
//! `--json`, and the exit-code contract.

use serde::Serialize;
use wijkwaardenkaart::progress::Progress;
use wijkwaardenkaart::ErrorCode;

pub const EXIT_USAGE: u8 = 1;
pub const EXIT_INVALID: u8 = 2;
pub const EXIT_STORE: u8 = 3;

#[derive(Debug)]
pub struct CliError {
    pub exit: u8,
    pub code: String,
    pub message: String,
    /// The library's or system's own words, for support (`--json` only).
    pub detail: Option<String>,
}

impl CliError {
    pub fn invalid(code: &str, message: impl Into<String>) -> CliError {
        CliError {
            exit: EXIT_INVALID,
            code: code.into(),
            message: message.into(),
            detail: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> CliError {
        CliError {
            exit: EXIT_USAGE,
            code: "usage".into(),
            message: message.into(),
            detail: None,
        }
    }
}

/// Every core error: its stable code and Dutch message; exit 2 when the
/// caller's input was wrong (nothing changed), 3 when the store or machine failed.
impl<E: ErrorCode> From<E> for CliError {
    fn from(e: E) -> Self {
        CliError {
            exit: if e.is_invalid_input() {
                EXIT_INVALID
            } else {
                EXIT_STORE
            },
            code: e.code().into(),
            message: e.to_string(),
            detail: e.detail(),
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
            print_out(&serde_json::to_string_pretty(value).expect("serialisable"));
        } else {
            let text = human();
            if !text.is_empty() {
                print_out(&terminal_safe(text.trim_end()));
            }
        }
    }

    /// A progress callback for any long operation: notes each stage, file and
    /// tenth on stderr (never stdout), and never cancels.
    pub fn progress(&self) -> impl FnMut(&Progress) -> bool + '_ {
        let mut last: Option<(String, Option<String>, u64)> = None;
        move |p| {
            let tenth = (p.done * 10).checked_div(p.total).unwrap_or(0);
            let key = (p.stage.clone(), p.file.clone(), tenth);
            if last.as_ref() != Some(&key) {
                let file = p
                    .file
                    .as_deref()
                    .map(|f| format!(" ({f})"))
                    .unwrap_or_default();
                self.note(&format!("… {}: {} van {}{file}", p.stage, p.done, p.total));
                last = Some(key);
            }
            true
        }
    }

    /// Progress and notices go to stderr, never to stdout.
    pub fn note(&self, msg: &str) {
        if !self.json {
            eprintln!("{}", terminal_safe(msg));
        }
    }

    pub fn error(&self, e: &CliError) {
        if self.json {
            let mut err = serde_json::json!({ "code": e.code, "message": e.message });
            if let Some(d) = &e.detail {
                err["detail"] = d.clone().into();
            }
            let doc = serde_json::json!({ "error": err });
            print_out(&doc.to_string());
        }
        eprintln!("Fout: {}", terminal_safe(&e.message));
    }
}

/// Text for a terminal: control characters (an escape sequence from a file's
/// contents, say) are shown as `\u{1b}` instead of being obeyed, and a
/// message is cut at a length a person can read.
pub fn terminal_safe(s: &str) -> String {
    const MAX: usize = 4000;
    let mut out = String::with_capacity(s.len().min(MAX));
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push_str(" …");
            break;
        }
        if c.is_control() && c != '\n' && c != '\t' {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Prints one line on stdout. A reader that went away (`wwk … | head -1`)
/// ends the program quietly with exit 0 instead of a panic.
pub fn print_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// A usage error from the argument parser, in Dutch; clap's own (English)
/// text stays as the detail.
pub fn usage_error(e: &clap::Error) -> CliError {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let arg = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => format!(" {s}"),
        _ => String::new(),
    };
    let value = match e.get(ContextKind::InvalidValue) {
        Some(ContextValue::String(s)) => format!(" \"{}\"", terminal_safe(s)),
        _ => String::new(),
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("onbekende optie{arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            format!("ongeldige waarde{value} voor{arg}")
        }
        ErrorKind::MissingRequiredArgument => format!("verplichte optie ontbreekt:{arg}"),
        ErrorKind::InvalidSubcommand => "onbekend commando".to_string(),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "geef een commando".to_string()
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("verkeerd aantal waarden voor{arg}")
        }
        ErrorKind::ArgumentConflict => format!("deze opties gaan niet samen:{arg}"),
        _ => "ongeldige aanroep".to_string(),
    };
    CliError {
        exit: EXIT_USAGE,
        code: "usage".into(),
        message: format!("{message}; zie wwk --help"),
        detail: Some(e.to_string()),
    }
}
