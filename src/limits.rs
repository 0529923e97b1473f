//! How much pullquote reads of each kind of input, and reading a file only when it is a regular
//! file: a device, a FIFO or a socket (or a symlink to one) is refused before it is opened, and no
//! read goes past its kind's cap, whatever the file claims about its size.

use std::fmt;
use std::io::Read;
use std::path::Path;

/// A kind of input, with its own size cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An interview transcript (text, Markdown, subtitles or a `.docx` file).
    Transcript,
    /// One uncompressed part of a `.docx` archive (`word/document.xml`).
    DocxPart,
    /// A template's YAML file, or a file it extends.
    Template,
    /// A quotes file written by `extract` and edited by hand.
    Quotes,
    /// A CSV or TSV sheet of quotes.
    Sheet,
    /// A logo, photo or background image (PNG, JPEG, WebP, SVG).
    Image,
    /// A brand font file a template names (TrueType, OpenType, a collection).
    Font,
}

impl Kind {
    /// What the error calls this kind of input.
    pub fn noun(self) -> &'static str {
        match self {
            Kind::Transcript => "transcript",
            Kind::DocxPart => "part of a Word document",
            Kind::Template => "template",
            Kind::Quotes => "quotes file",
            Kind::Sheet => "sheet",
            Kind::Image => "image",
            Kind::Font => "font",
        }
    }

    /// The environment variable that raises (or lowers) the cap, in bytes or with a `K`, `M` or
    /// `G` suffix (binary units).
    pub fn variable(self) -> &'static str {
        match self {
            Kind::Transcript => "PULLQUOTE_MAX_TRANSCRIPT",
            Kind::DocxPart => "PULLQUOTE_MAX_DOCX_PART",
            Kind::Template => "PULLQUOTE_MAX_TEMPLATE",
            Kind::Quotes => "PULLQUOTE_MAX_QUOTES",
            Kind::Sheet => "PULLQUOTE_MAX_SHEET",
            Kind::Image => "PULLQUOTE_MAX_IMAGE",
            Kind::Font => "PULLQUOTE_MAX_FONT",
        }
    }

    /// Sized well above real inputs (a three-hour interview is about 200 KB of text, a brand
    /// template a few KB) and well below what would exhaust a laptop's memory once parsed.
    fn default_cap(self) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self {
            Kind::Transcript => 16 * MIB,
            Kind::DocxPart => 64 * MIB,
            Kind::Template => MIB,
            Kind::Quotes => 16 * MIB,
            Kind::Sheet => 16 * MIB,
            Kind::Image => 32 * MIB,
            // A CJK collection is about 20 MiB; a Latin brand family a few hundred KiB.
            Kind::Font => 32 * MIB,
        }
    }

    /// The cap in bytes: the environment variable's value when it is set and valid.
    pub fn cap(self) -> u64 {
        std::env::var(self.variable())
            .ok()
            .and_then(|v| parse_size(&v))
            .unwrap_or_else(|| self.default_cap())
    }
}

/// `4096`, `512K`, `64M`, `1G` (binary units, case-insensitive, an optional `B` or `iB`).
pub fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_uppercase();
    let text = text
        .strip_suffix("IB")
        .or_else(|| text.strip_suffix('B'))
        .unwrap_or(&text);
    let (digits, unit) = match text.char_indices().last() {
        Some((at, 'K')) => (&text[..at], 1 << 10),
        Some((at, 'M')) => (&text[..at], 1 << 20),
        Some((at, 'G')) => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(unit)
}

/// A size for people: `16 MiB`, `300 KiB`, `12 bytes`.
pub fn human(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (name, size) in UNITS {
        if bytes >= size {
            let whole = bytes / size;
            return if bytes.is_multiple_of(size) || whole >= 10 {
                format!("{whole} {name}")
            } else {
                format!("{:.1} {name}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(std::io::Error),
    /// Not a regular file: what it is instead.
    NotAFile(&'static str),
    /// Over its kind's cap (`size` is what was read or declared, at least `cap + 1`).
    TooLarge {
        /// The kind of input.
        kind: Kind,
        /// Its cap in bytes.
        cap: u64,
        /// Its size, when known before reading.
        size: Option<u64>,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{}", crate::diagnostic::io_reason(e)),
            ReadError::NotAFile(what) => write!(f, "it is {what}, not a regular file"),
            ReadError::TooLarge { kind, cap, size } => {
                match size {
                    Some(size) => write!(f, "it is {}", human(*size))?,
                    None => write!(f, "it is larger than {}", human(*cap))?,
                }
                write!(
                    f,
                    ", over the {} limit for a {} (set {} to raise it, e.g. {}=64M)",
                    human(*cap),
                    kind.noun(),
                    kind.variable(),
                    kind.variable()
                )
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl ReadError {
    /// Over `kind`'s cap, with the size when it is known.
    pub fn too_large(kind: Kind, size: Option<u64>) -> ReadError {
        ReadError::TooLarge {
            kind,
            cap: kind.cap(),
            size,
        }
    }
}

/// What a non-regular file is, for the error.
fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        return "a folder";
    }
    "not a regular file"
}

/// Refuses what is not a regular file (following symlinks), without opening it: opening a FIFO
/// for reading waits for a writer.
pub fn check_regular(path: &Path) -> Result<std::fs::Metadata, ReadError> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_file() {
        Ok(metadata)
    } else {
        Err(ReadError::NotAFile(describe(&metadata.file_type())))
    }
}

/// Reads a regular file of at most `kind`'s cap.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let cap = kind.cap();
    let metadata = check_regular(path)?;
    if metadata.len() > cap {
        return Err(ReadError::too_large(kind, Some(metadata.len())));
    }
    let file = std::fs::File::open(path)?;
    // The path may have been swapped between the check and the open.
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(ReadError::NotAFile(describe(&opened.file_type())));
    }
    read_capped(file, kind)
}

/// Reads `reader` to its end, refusing more than `kind`'s cap (standard input, a zip entry).
pub fn read_capped(reader: impl Read, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let cap = kind.cap();
    let mut bytes = Vec::new();
    reader.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::too_large(kind, None));
    }
    Ok(bytes)
}

/// Reads a regular UTF-8 text file of at most `kind`'s cap.
pub fn read_text(path: &Path, kind: Kind) -> Result<String, ReadError> {
    let bytes = read(path, kind)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ReadError::Io(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 at byte {at}"),
        ))
    })
}

/// How deep YAML may nest (flow brackets, and `- ` or `? ` markers opening one line): a template
/// nests five or six levels. Checked before parsing, because the parser's time grows with depth.
pub const MAX_YAML_DEPTH: usize = 64;

/// Where YAML nests deeper than [`MAX_YAML_DEPTH`]: 1-based line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct TooDeep {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for TooDeep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the YAML nests more than {MAX_YAML_DEPTH} levels deep")
    }
}

/// Finds YAML nested deeper than [`MAX_YAML_DEPTH`], in one pass over the text: brackets of flow
/// collections outside quotes and comments, and block markers opening a line (`- - - x`).
pub fn check_yaml_depth(text: &str) -> Result<(), TooDeep> {
    let mut flow = 0usize;
    for (number, line) in text.lines().enumerate() {
        let mut markers = 0usize;
        let mut at_start = true;
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            let too_deep = || TooDeep {
                line: number + 1,
                column: column + 1,
            };
            match quote {
                Some(q) => {
                    if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    '#' if previous.is_whitespace() => break,
                    '\'' | '"' if flow > 0 || at_start || previous.is_whitespace() || previous == ':' => {
                        quote = Some(c)
                    }
                    '[' | '{' => {
                        flow += 1;
                        if flow > MAX_YAML_DEPTH {
                            return Err(too_deep());
                        }
                    }
                    ']' | '}' => flow = flow.saturating_sub(1),
                    '-' | '?' if at_start => {
                        markers += 1;
                        if markers > MAX_YAML_DEPTH {
                            return Err(too_deep());
                        }
                    }
                    c if c.is_whitespace() => {}
                    _ => at_start = false,
                },
            }
            previous = c;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("64M"), Some(64 << 20));
        assert_eq!(parse_size("1gib"), Some(1 << 30));
        assert_eq!(parse_size("512 KB"), Some(512 << 10));
        assert_eq!(parse_size("lots"), None);
        assert_eq!(human(16 << 20), "16 MiB");
        assert_eq!(human(1536), "1.5 KiB");
        assert_eq!(human(12), "12 bytes");
    }

    #[test]
    fn caps_a_reader_that_lies() {
        let endless = std::io::repeat(b'a');
        let err = read_capped(endless, Kind::Template).unwrap_err();
        assert!(err.to_string().contains("PULLQUOTE_MAX_TEMPLATE"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_devices_before_opening() {
        let err = read(Path::new("/dev/zero"), Kind::Image).unwrap_err();
        assert!(err.to_string().contains("character device"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), Kind::Image).unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }

    #[test]
    fn yaml_depth() {
        assert!(check_yaml_depth("a: [1, [2, {b: \"[[[[\"}]]\n- - x # [[[\n").is_ok());
        let deep = format!("a: {}{}", "[".repeat(65), "]".repeat(65));
        assert_eq!(check_yaml_depth(&deep), Err(TooDeep { line: 1, column: 68 }));
        let dashes = format!("x:\n  {}y\n", "- ".repeat(65));
        assert_eq!(check_yaml_depth(&dashes).unwrap_err().line, 2);
        assert!(check_yaml_depth("note: it's [fine]\n").is_ok());
    }
}
