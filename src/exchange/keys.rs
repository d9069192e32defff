//! Keys and encryption: age X25519 identities (standard `AGE-SECRET-KEY-1…`
//! identity files, `age1…` public keys) with a passphrase (scrypt) fallback.
//! Files written here decrypt with the standard `age` command line tool.

use super::error::{ExchangeError, Problem};
use age::secrecy::{ExposeSecret, SecretString};
use std::io::BufRead;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Shortest passphrase accepted for protecting an export file.
pub const MIN_EXPORT_PASSPHRASE: usize = 12;
/// Largest `.wwk` file (and decrypted content) accepted.
pub const MAX_FILE_BYTES: u64 = 2 << 30;
/// Largest identity file read.
const MAX_IDENTITY_BYTES: u64 = 64 * 1024;
const AGE_MAGIC: &[u8] = b"age-encryption.org/";

/// A new coordinator key. The secret half only leaves through
/// [`write_identity_file`]; it is never displayed.
pub struct GeneratedKey {
    identity: age::x25519::Identity,
}

impl GeneratedKey {
    pub fn generate() -> GeneratedKey {
        GeneratedKey {
            identity: age::x25519::Identity::generate(),
        }
    }

    /// The public key (`age1…`) to give to workers.
    pub fn public_key(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// The identity file content in the standard age format.
    fn file_content(&self) -> String {
        format!(
            "# created: {}\n# public key: {}\n{}\n",
            crate::util::now_rfc3339(),
            self.public_key(),
            self.identity.to_string().expose_secret()
        )
    }
}

/// Writes a new identity file (mode 0600, atomically). Refuses to overwrite an
/// existing file: a lost key means files encrypted for it can never be read.
pub fn write_identity_file(path: &Path, key: &GeneratedKey) -> Result<(), ExchangeError> {
    crate::util::output::check(path, None, &[])?;
    if path.exists() {
        return Err(ExchangeError::Exists(path.to_path_buf()));
    }
    crate::util::write_atomic_private(path, key.file_content().as_bytes())
        .map_err(|e| ExchangeError::Write(path.to_path_buf(), e))
}

/// How an export is protected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protection {
    /// Public keys (`age1…`) of the coordinators who may read the file.
    Recipients(Vec<String>),
    /// A passphrase shared out of band (scrypt).
    Passphrase(String),
}

impl Protection {
    /// Checks keys and passphrase before anything is read or written.
    pub fn check(&self) -> Result<(), ExchangeError> {
        match self {
            Protection::Recipients(keys) => {
                if keys.is_empty() {
                    return Err(ExchangeError::NoRecipients);
                }
                for k in keys {
                    parse_recipient(k)?;
                }
            }
            Protection::Passphrase(p) => {
                if p.chars().count() < MIN_EXPORT_PASSPHRASE {
                    return Err(ExchangeError::WeakPassphrase(MIN_EXPORT_PASSPHRASE));
                }
            }
        }
        Ok(())
    }

    /// Short description for the audit log (never the passphrase).
    pub fn describe(&self) -> serde_json::Value {
        match self {
            Protection::Recipients(keys) => serde_json::json!({ "recipients": keys }),
            Protection::Passphrase(_) => serde_json::json!({ "passphrase": true }),
        }
    }
}

/// Parses a public key; the error quotes it.
pub fn parse_recipient(s: &str) -> Result<age::x25519::Recipient, ExchangeError> {
    age::x25519::Recipient::from_str(s.trim())
        .map_err(|_| ExchangeError::Recipient(super::record::clip(s.trim())))
}

/// The public keys belonging to an identity file (for key management screens).
pub fn public_keys_of(path: &Path) -> Result<Vec<String>, ExchangeError> {
    let text = read_identity_text(path)?;
    let mut keys = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let id = age::x25519::Identity::from_str(line)
            .map_err(|_| identity_error(path, "bevat een regel die geen age-sleutel is"))?;
        keys.push(id.to_public().to_string());
    }
    if keys.is_empty() {
        return Err(identity_error(
            path,
            "bevat geen sleutel (AGE-SECRET-KEY-1…)",
        ));
    }
    Ok(keys)
}

fn identity_error(path: &Path, reason: &str) -> ExchangeError {
    ExchangeError::Identity {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

fn read_identity_text(path: &Path) -> Result<String, ExchangeError> {
    let f = std::fs::File::open(path)
        .map_err(|e| identity_error(path, &format!("kan niet worden gelezen ({e})")))?;
    let mut text = String::new();
    f.take(MAX_IDENTITY_BYTES)
        .read_to_string(&mut text)
        .map_err(|_| identity_error(path, "is geen tekstbestand"))?;
    Ok(text)
}

/// How files offered for verify/merge are opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unlock {
    /// An age identity file (from `wwk keygen` or `age-keygen`).
    IdentityFile(PathBuf),
    /// The passphrase the files were exported with.
    Passphrase(String),
}

/// Prepared decryption keys, reused for every file of a merge.
pub(crate) enum Opener {
    Identities(Vec<Box<dyn age::Identity + Send + Sync>>),
    Passphrase(SecretString),
}

impl Opener {
    pub fn new(unlock: &Unlock) -> Result<Opener, ExchangeError> {
        match unlock {
            Unlock::IdentityFile(path) => {
                let text = read_identity_text(path)?;
                let file = age::IdentityFile::from_buffer(text.as_bytes()).map_err(|_| {
                    identity_error(path, "is geen age-sleutelbestand (AGE-SECRET-KEY-1…)")
                })?;
                let ids = file
                    .into_identities()
                    .map_err(|_| identity_error(path, "bevat een onbruikbare sleutel"))?;
                if ids.is_empty() {
                    return Err(identity_error(
                        path,
                        "bevat geen sleutel (AGE-SECRET-KEY-1…)",
                    ));
                }
                Ok(Opener::Identities(ids))
            }
            Unlock::Passphrase(p) => {
                if p.is_empty() {
                    return Err(ExchangeError::File {
                        file: "-".into(),
                        problem: Problem::WrongPassphrase,
                    });
                }
                Ok(Opener::Passphrase(SecretString::from(p.clone())))
            }
        }
    }

    /// Decrypts one file's bytes (and unpacks format 4's zstd frame).
    pub fn decrypt(&self, bytes: &[u8]) -> Result<Vec<u8>, Problem> {
        let mut reader = self.stream(bytes)?;
        let head = reader.fill_buf().map_err(stream_problem)?;
        // Format 4 and later: the plaintext is one zstd frame; older formats
        // are the plain JSON lines.
        if head.starts_with(&crate::exchange::bundle::ZSTD_MAGIC) {
            return crate::exchange::bundle::unpack(reader);
        }
        let mut out = Vec::with_capacity(bytes.len());
        reader
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(stream_problem)?;
        if out.len() as u64 > MAX_FILE_BYTES {
            return Err(Problem::TooLarge {
                max_mb: MAX_FILE_BYTES >> 20,
            });
        }
        Ok(out)
    }

    /// The start of a file's plaintext as lines: decrypting and unpacking
    /// only as much as is read (the manifest, the catalogue section).
    pub fn head<'a>(&self, bytes: &'a [u8]) -> Result<Head<'a>, Problem> {
        let mut reader = self.stream(bytes)?;
        let head = reader.fill_buf().map_err(stream_problem)?;
        let inner: Box<dyn BufRead + 'a> = if head.starts_with(&crate::exchange::bundle::ZSTD_MAGIC)
        {
            crate::exchange::bundle::frame_size(head)?;
            let dec =
                zstd::stream::read::Decoder::with_buffer(reader).map_err(|_| Problem::Unpack)?;
            Box::new(std::io::BufReader::new(dec))
        } else {
            Box::new(reader)
        };
        Ok(Head { inner })
    }

    /// The decrypted stream of one file.
    fn stream<'a>(&self, bytes: &'a [u8]) -> Result<std::io::BufReader<impl Read + 'a>, Problem> {
        if bytes.is_empty() {
            return Err(Problem::Empty);
        }
        let looks_age = bytes.starts_with(AGE_MAGIC);
        let dec = age::Decryptor::new_buffered(bytes).map_err(|e| match e {
            _ if !looks_age => Problem::NotAge,
            // The header ended early: cut off, unless its closing MAC line is
            // there (then the header itself is malformed).
            age::DecryptError::Io(ref io)
                if io.kind() == std::io::ErrorKind::UnexpectedEof && !has_mac_line(bytes) =>
            {
                Problem::Truncated
            }
            _ => Problem::HeaderDamaged,
        })?;
        let scrypt = dec.is_scrypt();
        let reader = match self {
            Opener::Identities(ids) => {
                if scrypt {
                    return Err(Problem::NeedsPassphrase);
                }
                dec.decrypt(ids.iter().map(|i| i.as_ref() as &dyn age::Identity))
            }
            Opener::Passphrase(p) => {
                if !scrypt {
                    return Err(Problem::NeedsIdentity);
                }
                let id = age::scrypt::Identity::new(p.clone());
                dec.decrypt(std::iter::once(&id as &dyn age::Identity))
            }
        }
        .map_err(|e| match e {
            age::DecryptError::ExcessiveWork { .. } => Problem::ExcessiveWork,
            age::DecryptError::InvalidMac => Problem::HeaderDamaged,
            age::DecryptError::NoMatchingKeys
            | age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
                if scrypt =>
            {
                Problem::WrongPassphrase
            }
            age::DecryptError::NoMatchingKeys => Problem::WrongKey,
            _ => Problem::HeaderDamaged,
        })?;
        Ok(std::io::BufReader::with_capacity(1 << 16, reader))
    }
}

/// A failure while reading the decrypted stream: cut off, or damaged.
/// The start of a decrypted (and unpacked) plaintext, read line by line.
pub struct Head<'a> {
    inner: Box<dyn BufRead + 'a>,
}

impl Head<'_> {
    /// The next line with its `\n` (empty at the end), at most `max` bytes
    /// (a longer line is returned cut at `max + 1` bytes, for the caller to
    /// refuse).
    pub fn line(&mut self, max: usize) -> Result<Vec<u8>, Problem> {
        let mut line = Vec::new();
        (&mut self.inner)
            .take(max as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::UnexpectedEof => Problem::Truncated,
                std::io::ErrorKind::InvalidData => Problem::Damaged,
                _ => Problem::Unpack,
            })?;
        Ok(line)
    }
}

pub(crate) fn stream_problem(e: std::io::Error) -> Problem {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => Problem::Truncated,
        _ => Problem::Damaged,
    }
}

/// True when the bytes contain a complete age header MAC line (`--- …\n`).
fn has_mac_line(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.windows(5)
        .position(|w| w == b"\n--- ")
        .is_some_and(|i| head[i + 5..].contains(&b'\n'))
}

/// Encrypts `plain` for the recipients or the passphrase.
pub(crate) fn encrypt(plain: &[u8], protection: &Protection) -> Result<Vec<u8>, ExchangeError> {
    protection.check()?;
    let encryptor = match protection {
        Protection::Recipients(keys) => {
            let recipients = keys
                .iter()
                .map(|k| parse_recipient(k))
                .collect::<Result<Vec<_>, _>>()?;
            age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
                .map_err(|_| ExchangeError::NoRecipients)?
        }
        Protection::Passphrase(p) => {
            age::Encryptor::with_user_passphrase(SecretString::from(p.clone()))
        }
    };
    let mut out = Vec::with_capacity(plain.len() + 4096);
    let io = |e: std::io::Error| ExchangeError::Write(PathBuf::from("-"), e);
    let mut w = encryptor.wrap_output(&mut out).map_err(io)?;
    w.write_all(plain).map_err(io)?;
    w.finish().map_err(io)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_for_a_key_opens_with_that_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (GeneratedKey::generate(), GeneratedKey::generate());
        let (pa, pb) = (dir.path().join("a.key"), dir.path().join("b.key"));
        write_identity_file(&pa, &a).unwrap();
        write_identity_file(&pb, &b).unwrap();
        assert!(matches!(
            write_identity_file(&pa, &b),
            Err(ExchangeError::Exists(_))
        ));
        assert_eq!(public_keys_of(&pa).unwrap(), vec![a.public_key()]);
        let sealed = encrypt(b"hallo", &Protection::Recipients(vec![a.public_key()])).unwrap();
        let open_a = Opener::new(&Unlock::IdentityFile(pa)).unwrap();
        assert_eq!(open_a.decrypt(&sealed).unwrap(), b"hallo");
        let open_b = Opener::new(&Unlock::IdentityFile(pb)).unwrap();
        assert_eq!(open_b.decrypt(&sealed).unwrap_err(), Problem::WrongKey);
        let pass = Opener::new(&Unlock::Passphrase("een lang wachtwoord".into())).unwrap();
        assert_eq!(pass.decrypt(&sealed).unwrap_err(), Problem::NeedsIdentity);
        assert_eq!(open_a.decrypt(b"").unwrap_err(), Problem::Empty);
        assert_eq!(
            open_a.decrypt(b"PK\x03\x04zip").unwrap_err(),
            Problem::NotAge
        );
    }

    #[test]
    fn weak_passphrases_and_bad_recipients_are_refused() {
        assert!(matches!(
            Protection::Passphrase("kort".into()).check(),
            Err(ExchangeError::WeakPassphrase(_))
        ));
        assert!(matches!(
            Protection::Recipients(vec!["age1nietgoed".into()]).check(),
            Err(ExchangeError::Recipient(_))
        ));
        assert!(matches!(
            Protection::Recipients(vec![]).check(),
            Err(ExchangeError::NoRecipients)
        ));
    }
}
