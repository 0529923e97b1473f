//! Bytes to text: byte-order marks, UTF-16, Windows-1252 detection and line-ending normalisation.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Text decoded from a transcript file, with the encoding that was used.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text with `\n` line ends and no byte-order mark; every other character is kept as written.
    pub text: String,
    /// The encoding the bytes were read as.
    pub encoding: &'static str,
    /// Where a UTF-8 file had stray invalid bytes, replaced by U+FFFD: 1-based line and column
    /// (in characters) of each, in the decoded text.
    pub replaced: Vec<(usize, usize)>,
}

/// Invalid sequences a UTF-8 file may have and still be read as UTF-8 (with replacements); more,
/// and it is taken for Windows-1252.
const STRAY_BYTES: usize = 8;

/// Why bytes could not be read as text.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum DecodeError {
    /// There are no bytes.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not text.
    #[error("the file looks binary (NUL byte at offset {offset}), not a text transcript")]
    Binary {
        /// Where the first sign of binary content is.
        offset: usize,
    },
    /// The bytes are not valid in the encoding.
    #[error("invalid {encoding} at byte {offset}")]
    Invalid {
        /// The encoding the bytes should be in.
        encoding: &'static str,
        /// The first invalid byte.
        offset: usize,
    },
}

/// Looks up an encoding by a label such as `utf-8`, `windows-1252`, `latin1` or `utf-16le`.
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decodes `bytes`, honouring a byte-order mark, else `forced`, else detecting UTF-8 with a
/// Windows-1252 fallback (what word processors on Windows save as "plain text").
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => match forced {
            Some(encoding) => (encoding, bytes),
            None => (sniff(bytes), bytes),
        },
    };
    if encoding != UTF_16LE && encoding != UTF_16BE {
        if let Some(offset) = body.iter().position(|&b| b == 0) {
            return Err(DecodeError::Binary { offset });
        }
    }
    let mut replaced = Vec::new();
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(text) => text.to_owned(),
            // Forced UTF-8, or detected with a few stray bytes: replaced, and said where.
            Err(e) if forced.is_none() || stray_bytes(body).is_some() => {
                let text = String::from_utf8_lossy(body).into_owned();
                replaced = positions_of_replacements(&text);
                if replaced.is_empty() {
                    return Err(DecodeError::Invalid {
                        encoding: "UTF-8",
                        offset: e.valid_up_to(),
                    });
                }
                text
            }
            Err(e) => {
                return Err(DecodeError::Invalid {
                    encoding: "UTF-8",
                    offset: e.valid_up_to(),
                })
            }
        }
    } else {
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Invalid {
                encoding: encoding.name(),
                offset: 0,
            });
        }
        text.into_owned()
    };
    if let Some(offset) = text.find(|c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')) {
        if text
            .chars()
            .filter(|c| c.is_control() && !c.is_whitespace())
            .count()
            > 8
        {
            return Err(DecodeError::Binary { offset });
        }
    }
    Ok(Decoded {
        text: normalise_line_ends(&text),
        encoding: encoding.name(),
        replaced,
    })
}

/// How many invalid sequences `bytes` has, when it is UTF-8 but for a few of them: at most
/// [`STRAY_BYTES`], and fewer than the valid multi-byte characters (a Windows-1252 file has
/// invalid bytes wherever it has accents, and no valid multi-byte character).
fn stray_bytes(bytes: &[u8]) -> Option<usize> {
    let mut invalid = 0;
    let mut multibyte = 0;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
            if invalid > STRAY_BYTES {
                return None;
            }
        }
    }
    (invalid > 0 && multibyte > invalid).then_some(invalid)
}

/// Line and column of every U+FFFD in `text` (CR, LF and CRLF each end a line).
fn positions_of_replacements(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (number, line) in normalise_line_ends(text).lines().enumerate() {
        for (column, c) in line.chars().enumerate() {
            if c == '\u{fffd}' {
                out.push((number + 1, column + 1));
            }
        }
    }
    out
}

/// Picks an encoding for text without a byte-order mark.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() || stray_bytes(bytes).is_some() {
        return UTF_8;
    }
    // UTF-16 without a BOM: ASCII text leaves every other byte NUL.
    let sample = &bytes[..bytes.len().min(4096)];
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    if half >= 8 {
        if zeros_at(1) * 10 > half * 6 && zeros_at(0) * 10 < half {
            return UTF_16LE;
        }
        if zeros_at(0) * 10 > half * 6 && zeros_at(1) * 10 < half {
            return UTF_16BE;
        }
    }
    WINDOWS_1252
}

/// Turns CRLF and lone CR into LF.
fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom_and_crlf() {
        let decoded = decode(b"\xEF\xBB\xBFAO: Bonjour\r\nLA : Salut\r\n", None).unwrap();
        assert_eq!(decoded.text, "AO: Bonjour\nLA : Salut\n");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn reads_utf16_le_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Q: Ça va ?\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap().text, "Q: Ça va ?\n");
    }

    #[test]
    fn reads_utf16_be_with_bom() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "« Oui »".encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&bytes, None).unwrap().text, "« Oui »");
    }

    #[test]
    fn falls_back_to_windows_1252() {
        // "l’été" as Windows-1252: ’ is 0x92, é is 0xE9.
        let decoded = decode(b"l\x92\xE9t\xE9", None).unwrap();
        assert_eq!(decoded.text, "l’été");
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn a_utf8_file_with_a_stray_byte_stays_utf8() {
        let mut bytes = "AO : « Ça dépend »\nLA : l’été".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(" ici\n".as_bytes());
        let decoded = decode(&bytes, None).unwrap();
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, "AO : « Ça dépend »\nLA : l’été\u{fffd} ici\n");
        assert_eq!(decoded.replaced, [(2, 11)]);
    }

    #[test]
    fn forced_encoding_is_used() {
        let latin1 = encoding_for_label("latin1").unwrap();
        assert_eq!(decode(b"caf\xE9", Some(latin1)).unwrap().text, "café");
    }

    #[test]
    fn rejects_empty_and_binary() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn lone_cr_becomes_lf() {
        assert_eq!(decode(b"a\rb", None).unwrap().text, "a\nb");
    }
}
