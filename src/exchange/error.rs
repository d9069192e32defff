//! Errors of export, verify, merge and conflict review, in Dutch, each with a
//! stable code. A problem with one offered file always names that file.

use crate::error::ErrorCode;

use std::path::PathBuf;

/// What is wrong with one offered `.wwk` file. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("kan niet worden gelezen ({0})")]
    Unreadable(String),
    #[error("het bestand is leeg")]
    Empty,
    #[error("het bestand is te groot (meer dan {max_mb} MB)")]
    TooLarge { max_mb: u64 },
    #[error(
        "dit is geen versleuteld Wijkwaardenkaart-exportbestand (geen age-versleuteling herkend)"
    )]
    NotAge,
    #[error("de kop van het versleutelde bestand is beschadigd of gewijzigd")]
    HeaderDamaged,
    #[error(
        "het bestand is niet versleuteld voor deze sleutel; vraag de afzender het bestand \
         opnieuw te exporteren voor uw publieke sleutel"
    )]
    WrongKey,
    #[error("het bestand is met een wachtwoord versleuteld, niet voor een sleutel; geef het wachtwoord op")]
    NeedsPassphrase,
    #[error("het bestand is versleuteld voor een sleutel, niet met een wachtwoord; geef het sleutelbestand op")]
    NeedsIdentity,
    #[error("het wachtwoord is onjuist")]
    WrongPassphrase,
    #[error(
        "het bestand vraagt een ongebruikelijk zware wachtwoordcontrole en wordt niet geopend"
    )]
    ExcessiveWork,
    #[error("de versleutelde inhoud is beschadigd, gewijzigd of onvolledig (afgekapt)")]
    Damaged,
    #[error("het bestand is onvolledig (afgebroken tijdens kopiëren of schrijven)")]
    Truncated,
    #[error("de ingepakte inhoud is beschadigd en kan niet worden uitgepakt")]
    Unpack,
    #[error("het bestand zou uitgepakt groter worden dan {max_mb} MB en wordt niet geopend")]
    TooLargeUnpacked { max_mb: u64 },
    #[error("het bestand bevat geen Wijkwaardenkaart-export: {0}")]
    NotBundle(String),
    #[error(
        "het bestand is gemaakt met een nieuwere versie van Wijkwaardenkaart (exportformaat {found}, \
         deze versie kent t/m {supported}); installeer de nieuwste versie en probeer het opnieuw"
    )]
    NewerFormat { found: u64, supported: u64 },
    #[error(
        "het bestand gebruikt een oud exportformaat ({found}) dat niet meer wordt ondersteund; \
         laat de afzender een nieuwe export maken"
    )]
    OlderFormat { found: u64 },
    #[error("de inhoudsopgave (manifest) is ongeldig: {0}")]
    Manifest(String),
    #[error(
        "de controlesom van de inhoud klopt niet met de inhoudsopgave; het bestand is beschadigd of gewijzigd"
    )]
    Checksum,
    #[error("regel {line}: {reason}")]
    Payload { line: u64, reason: String },
    #[error("regel {line}, {what} {id}: {reason}")]
    Record {
        line: u64,
        what: &'static str,
        id: String,
        reason: String,
    },
    #[error("{what} {id} komt twee keer voor in het bestand (regel {first} en {line})")]
    DuplicateId {
        what: &'static str,
        id: String,
        first: u64,
        line: u64,
    },
    #[error("regel {line}, {what} {id}: verwijst naar onbekende {target} \"{reference}\"")]
    UnknownReference {
        line: u64,
        what: &'static str,
        id: String,
        target: &'static str,
        reference: String,
    },
    #[error("catalogus {key}: {reason}")]
    Catalog { key: String, reason: String },
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Unreadable(_) => "bundle_unreadable",
            Problem::Empty => "bundle_empty",
            Problem::TooLarge { .. } => "bundle_too_large",
            Problem::NotAge => "bundle_not_age",
            Problem::HeaderDamaged => "bundle_header_damaged",
            Problem::WrongKey => "bundle_wrong_key",
            Problem::NeedsPassphrase => "bundle_needs_passphrase",
            Problem::NeedsIdentity => "bundle_needs_identity",
            Problem::WrongPassphrase => "bundle_wrong_passphrase",
            Problem::ExcessiveWork => "bundle_excessive_work",
            Problem::Damaged => "bundle_damaged",
            Problem::Truncated => "bundle_truncated",
            Problem::Unpack => "bundle_unpack_damaged",
            Problem::TooLargeUnpacked { .. } => "bundle_too_large_unpacked",
            Problem::NotBundle(_) => "bundle_not_export",
            Problem::NewerFormat { .. } => "bundle_newer_format",
            Problem::OlderFormat { .. } => "bundle_older_format",
            Problem::Manifest(_) => "bundle_manifest",
            Problem::Checksum => "bundle_checksum",
            Problem::Payload { .. } => "bundle_payload",
            Problem::Record { .. } => "bundle_record",
            Problem::DuplicateId { .. } => "bundle_duplicate_id",
            Problem::UnknownReference { .. } => "bundle_unknown_reference",
            Problem::Catalog { .. } => "bundle_catalog",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("Bestand {file}: {problem}.")]
    File { file: String, problem: Problem },
    #[error("Sleutelbestand {path}: {reason}.")]
    Identity { path: String, reason: String },
    #[error(
        "Ongeldige ontvanger \"{0}\": een publieke sleutel begint met age1 (zie `wwk keygen`)."
    )]
    Recipient(String),
    #[error("Kies minstens één ontvanger (publieke sleutel age1…) of een wachtwoord.")]
    NoRecipients,
    #[error("Het wachtwoord voor het exportbestand is te kort: gebruik minstens {0} tekens.")]
    WeakPassphrase(usize),
    #[error("Ongeldig bereik voor de export: {0}.")]
    Scope(String),
    #[error("Op {0} staat al een bestand; een bestaande sleutel wordt nooit overschreven. Kies een andere naam.")]
    Exists(PathBuf),
    #[error("{0} kon niet worden geschreven: {why}", why = crate::util::reason::io(.1))]
    Write(PathBuf, #[source] std::io::Error),
    #[error("Geen bestanden gekozen om samen te voegen.")]
    NoFiles,
    #[error("Conflict {0} bestaat niet of is al opgelost; bekijk de open conflicten met `wwk conflicts`.")]
    ConflictNotFound(i64),
    #[error("Afgebroken; er is niets gewijzigd.")]
    Cancelled,
    #[error("Geef de sleutel een naam van 1 tot {0} tekens.")]
    KeyLabel(usize),
    #[error("Deze sleutel is al opgeslagen als \"{0}\".")]
    KeyExists(String),
    #[error("Sleutel {0} bestaat niet (meer); vernieuw de lijst.")]
    KeyNotFound(i64),
    #[error(transparent)]
    Output(#[from] crate::util::output::OutputError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Domain(#[from] crate::domain::DomainError),
}

impl ErrorCode for ExchangeError {
    fn code(&self) -> &'static str {
        match self {
            ExchangeError::File { problem, .. } => problem.code(),
            ExchangeError::Identity { .. } => "identity_invalid",
            ExchangeError::Recipient(_) => "recipient_invalid",
            ExchangeError::NoRecipients => "no_recipients",
            ExchangeError::WeakPassphrase(_) => "weak_passphrase",
            ExchangeError::Scope(_) => "scope_invalid",
            ExchangeError::Exists(_) => "file_exists",
            ExchangeError::Write(..) => "write_failed",
            ExchangeError::NoFiles => "no_files",
            ExchangeError::ConflictNotFound(_) => "conflict_not_found",
            ExchangeError::Cancelled => "cancelled",
            ExchangeError::KeyLabel(_) => "key_label_invalid",
            ExchangeError::KeyExists(_) => "key_exists",
            ExchangeError::KeyNotFound(_) => "key_not_found",
            ExchangeError::Output(e) => e.code(),
            ExchangeError::Store(e) => e.code(),
            ExchangeError::Domain(e) => e.code(),
        }
    }

    fn is_invalid_input(&self) -> bool {
        match self {
            ExchangeError::Store(e) => e.is_invalid_input(),
            ExchangeError::Domain(e) => e.is_invalid_input(),
            // The path the user chose cannot be written, or the file offered is bad.
            _ => true,
        }
    }

    fn detail(&self) -> Option<String> {
        match self {
            ExchangeError::Write(_, e) => Some(e.to_string()),
            ExchangeError::Output(e) => e.detail(),
            ExchangeError::Store(e) => e.detail(),
            ExchangeError::Domain(e) => e.detail(),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for ExchangeError {
    fn from(e: rusqlite::Error) -> Self {
        ExchangeError::Store(e.into())
    }
}

impl ExchangeError {
    pub(crate) fn file(file: &str, problem: Problem) -> ExchangeError {
        ExchangeError::File {
            file: file.to_string(),
            problem,
        }
    }

    /// The problem with an offered file, if that is what went wrong.
    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ExchangeError::File { problem, .. } => Some(problem),
            _ => None,
        }
    }
}
