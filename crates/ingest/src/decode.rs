//! Bytes to text: binary detection, BOMs, UTF-8, UTF-16 and legacy encodings.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text, the encoding it was read as, and what a reader should know about it.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary(&'static str),
}

/// Decodes `bytes` into text.
///
/// Order: a byte-order mark decides; valid UTF-8 is UTF-8; UTF-16 without a BOM is recognised by
/// its zero bytes; otherwise `chardetng` guesses among legacy encodings (windows-1252 and
/// friends), with `declared` (an HTML `<meta charset>` or HTTP header) taking precedence.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    let mut warnings = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                enc.name()
            ));
        }
        return finish(text.into_owned(), enc.name(), warnings);
    }
    if let Some(enc) = sniff_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        warnings.push(format!(
            "no byte-order mark; read as {} from its zero bytes",
            enc.name()
        ));
        if had_errors {
            warnings.push(format!(
                "invalid {} sequences replaced with U+FFFD",
                enc.name()
            ));
        }
        return finish(text.into_owned(), enc.name(), warnings);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(NotText::Binary(kind));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_owned(), UTF_8.name(), warnings);
    }
    let enc = declared
        .and_then(|d| Encoding::for_label(d.trim().as_bytes()))
        .filter(|e| *e != UTF_8)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    warnings.push(format!("not valid UTF-8; decoded as {}", enc.name()));
    if had_errors {
        warnings.push(format!(
            "invalid {} sequences replaced with U+FFFD",
            enc.name()
        ));
    }
    finish(text.into_owned(), enc.name(), warnings)
}

fn finish(text: String, encoding: &'static str, warnings: Vec<String>) -> Result<Decoded, NotText> {
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    // Text with many control characters is a binary file that happened to decode.
    let sample: Vec<char> = text.chars().take(8192).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > sample.len() {
        return Err(NotText::Binary("control characters"));
    }
    Ok(Decoded {
        text,
        encoding,
        warnings,
    })
}

/// UTF-16 text without a BOM has a zero byte in every other position for ASCII-range text.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let n = bytes.len().min(4096) & !1;
    if n < 4 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0, 0);
    for (i, b) in bytes[..n].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_zero += 1;
            } else {
                odd_zero += 1;
            }
        }
    }
    let half = n / 2;
    if odd_zero * 10 > half * 7 && even_zero * 10 < half {
        Some(UTF_16LE)
    } else if even_zero * 10 > half * 7 && odd_zero * 10 < half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Known binary formats by magic number, or a NUL byte in the first 8 KiB.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF", "PDF document"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"\x7fELF", "ELF executable"),
        (b"SQLite format 3", "SQLite database"),
        (b"RIFF", "RIFF media"),
        (b"\x00\x00\x01\x00", "icon"),
    ];
    for (magic, kind) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(kind);
        }
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Some("NUL bytes");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Damascus “liberated”".as_bytes(), None).unwrap();
        assert_eq!(d.text, "Damascus “liberated”");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn windows_1252_is_detected() {
        // “liberated” in windows-1252: 0x93 … 0x94; protégé with 0xE9.
        let mut bytes =
            b"Rebels declared Damascus \x93liberated\x94; a prot\xe9g\xe9 of the leader said so. "
                .to_vec();
        bytes.extend_from_slice(b"The offensive began on November 27 and ended twelve days later.");
        let d = decode(&bytes, None).unwrap();
        assert!(d.text.contains("“liberated”"), "{}", d.text);
        assert!(d.text.contains("protégé"));
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.warnings[0].contains("windows-1252"));
    }

    #[test]
    fn declared_charset_wins_for_legacy_bytes() {
        let d = decode(b"caf\xe9 cr\xe8me", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "café crème");
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let s = "Assad fled to Moscow.";
        let mut le: Vec<u8> = vec![0xff, 0xfe];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le, None).unwrap().text, s);
        let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&be, None).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "UTF-16BE");
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"", None).unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\t ", None).unwrap_err(), NotText::Empty);
        assert_eq!(
            decode(b"%PDF-1.7 ...", None).unwrap_err(),
            NotText::Binary("PDF document")
        );
        assert_eq!(
            decode(b"abc\x00\x01\x02def", None).unwrap_err(),
            NotText::Binary("NUL bytes")
        );
    }
}
