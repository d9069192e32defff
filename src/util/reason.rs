//! Dutch words for what libraries and the operating system report. A message
//! shown to a user says in Dutch what went wrong; the original text goes to
//! the error's `detail` (see [`crate::error::ErrorCode::detail`]) for support.

use std::io::ErrorKind;

/// What an I/O error means for the user, in Dutch.
pub fn io(e: &std::io::Error) -> &'static str {
    match e.kind() {
        ErrorKind::NotFound => "het bestand of de map bestaat niet",
        ErrorKind::PermissionDenied => {
            "geen toestemming (controleer de rechten op het bestand of de map)"
        }
        ErrorKind::AlreadyExists => "er bestaat al een bestand met die naam",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "de schijf is vol",
        ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen",
        ErrorKind::IsADirectory => "dit is een map, geen bestand",
        ErrorKind::NotADirectory => "een deel van het pad is geen map",
        ErrorKind::InvalidFilename => "de bestandsnaam is ongeldig of te lang",
        ErrorKind::FileTooLarge => "het bestand is te groot",
        ErrorKind::UnexpectedEof => "het bestand houdt te vroeg op",
        ErrorKind::InvalidData => "het bestand bevat ongeldige gegevens",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "het lezen of schrijven werd onderbroken",
        ErrorKind::OutOfMemory => "er is onvoldoende geheugen",
        _ => "lees- of schrijffout",
    }
}

/// What a JSON parse error means, in Dutch, without serde's position suffix.
pub fn json(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    if e.to_string().starts_with("recursion limit exceeded") {
        return "te diep geneste gegevens".to_string();
    }
    match e.classify() {
        Category::Eof => "onvolledig: de JSON houdt te vroeg op".to_string(),
        Category::Syntax => format!("geen geldige JSON (positie {})", e.column()),
        Category::Io => "leesfout".to_string(),
        Category::Data => {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            serde(&msg)
        }
    }
}

/// As [`json`], with the line when it is known ("regel 3: …").
pub fn json_at(e: &serde_json::Error) -> String {
    match e.line() {
        0 => json(e),
        line => format!("regel {line}: {}", json(e)),
    }
}

/// Translates the common serde messages into Dutch.
pub fn serde(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("missing field ") {
        format!("veld {} ontbreekt", rest.replace('`', "\""))
    } else if let Some(rest) = msg.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest);
        format!("onbekend veld {}", name.replace('`', "\""))
    } else if let Some(rest) = msg.strip_prefix("invalid type: ") {
        format!("verkeerd type ({})", rest.replace('`', "\""))
    } else if let Some(rest) = msg.strip_prefix("invalid value: ") {
        format!("ongeldige waarde ({})", rest.replace('`', "\""))
    } else if msg.starts_with("recursion limit exceeded") {
        "te diep geneste gegevens".to_string()
    } else if let Some(rest) = msg.strip_prefix("invalid length ") {
        format!("verkeerd aantal elementen ({rest})")
    } else if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let name = rest.split(',').next().unwrap_or(rest);
        format!("onbekende waarde {}", name.replace('`', "\""))
    } else if let Some(rest) = msg.strip_prefix("duplicate field ") {
        format!("veld {} staat er twee keer in", rest.replace('`', "\""))
    } else {
        // Our own deserialisers' messages are Dutch already.
        msg.to_string()
    }
}

/// What the image library's error means for a logo, in Dutch.
pub fn image(e: &image::ImageError) -> String {
    use image::ImageError;
    match e {
        ImageError::Decoding(_) => "geen geldige PNG of JPEG (het beeld is beschadigd)".into(),
        ImageError::Unsupported(_) => {
            "dit beeldformaat wordt niet ondersteund; kies een PNG of JPEG".into()
        }
        ImageError::Limits(_) => "het beeld is te groot om te lezen".into(),
        ImageError::IoError(io_err) => format!("geen geldige PNG of JPEG ({})", io(io_err)),
        ImageError::Encoding(_) | ImageError::Parameter(_) => {
            "het beeld kon niet worden verwerkt".into()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_english_reaches_the_user() {
        let eof = serde_json::from_str::<Vec<u32>>("[1, 2").unwrap_err();
        assert_eq!(
            super::json_at(&eof),
            "regel 1: onvolledig: de JSON houdt te vroeg op"
        );
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct S {
            a: u32,
        }
        let unknown = serde_json::from_str::<S>("{\"a\": 1, \"b\": 2}").unwrap_err();
        assert_eq!(super::json(&unknown), "onbekend veld \"b\"");
        let missing = serde_json::from_str::<S>("{}").unwrap_err();
        assert_eq!(super::json(&missing), "veld \"a\" ontbreekt");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(super::io(&denied).starts_with("geen toestemming"));
        let garbage = image::load_from_memory(b"\x89PNG\r\n\x1a\nrommel").unwrap_err();
        assert!(
            super::image(&garbage).contains("PNG of JPEG"),
            "{}",
            super::image(&garbage)
        );
    }
}
