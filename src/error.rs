//! The error contract shared by every core error: a stable machine-readable
//! `code()` (unique across the core) and whether the caller's input caused it.
//! The CLI (`{code, message}`, exit 2 for invalid input, 3 otherwise) and the
//! app's IPC adapter each convert any [`ErrorCode`] once, generically.

/// What every core error type offers besides its Dutch `Display` message.
pub trait ErrorCode: std::error::Error {
    /// Stable code, such as `unknown_area` or `wrong_passphrase`.
    fn code(&self) -> &'static str;
    /// True when the caller's input was wrong (nothing changed); false when
    /// the store or the machine failed.
    fn is_invalid_input(&self) -> bool;
    /// The underlying library's or system's own words, for support; never
    /// shown as the message (which is Dutch and says what to do).
    fn detail(&self) -> Option<String> {
        None
    }
}
