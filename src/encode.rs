//! Encoding: canvas pixels to file bytes with fixed settings, so equal cards give equal files.
//! PNG (default, optionally squeezed further by oxipng), JPEG with optimised Huffman tables and
//! lossless WebP; the alt text and credit go into the file's metadata where the format has a
//! place for them, and a network's byte cap is met by stepping JPEG quality down.

use image::codecs::webp::WebPEncoder;
use image::{ExtendedColorType, RgbImage};
use serde::Serialize;

/// An output file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageKind {
    /// PNG, lossless (the default).
    Png,
    /// JPEG at quality 90 (lower only to meet a size limit).
    Jpeg,
    /// Lossless WebP.
    Webp,
}

impl ImageKind {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
        }
    }

    /// The kind named `name` (`png`, `jpg`/`jpeg`, `webp`).
    pub fn parse(name: &str) -> Option<ImageKind> {
        match name.to_ascii_lowercase().as_str() {
            "png" => Some(ImageKind::Png),
            "jpg" | "jpeg" => Some(ImageKind::Jpeg),
            "webp" => Some(ImageKind::Webp),
            _ => None,
        }
    }
}

/// Text stored inside the image file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Metadata {
    /// The alt text.
    pub description: String,
    /// Who is quoted.
    pub credit: String,
}

/// Encoded bytes and how they were made.
#[derive(Debug, Clone, PartialEq)]
pub struct Encoded {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Their type: the one asked for, or JPEG to meet a size limit.
    pub kind: ImageKind,
    /// The JPEG quality used, for JPEG output.
    pub quality: Option<u8>,
}

/// Why an image could not be encoded.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    /// The PNG encoder failed.
    #[error("{0}")]
    Png(#[from] png::EncodingError),
    /// The JPEG or WebP encoder failed.
    #[error("{0}")]
    Image(#[from] image::ImageError),
    /// The JPEG encoder failed.
    #[error("{0}")]
    Jpeg(#[from] jpeg_encoder::EncodingError),
    /// oxipng could not recompress the PNG.
    #[error("{0}")]
    Optimize(#[from] oxipng::PngError),
    #[error("a JPEG is at most 65,535 pixels wide and high; this card is {width}×{height}")]
    /// The card is larger than JPEG allows.
    TooLargeForJpeg {
        /// The card's width in pixels.
        width: u32,
        /// The card's height in pixels.
        height: u32,
    },
    #[error(
        "the smallest JPEG ({size} bytes at quality {quality}) is still over the format's {cap}-byte limit"
    )]
    /// Even the lowest JPEG quality is over the network's size limit.
    OverCap {
        /// The smallest file's size, in bytes.
        size: usize,
        /// The lowest quality tried.
        quality: u8,
        /// The format's limit, in bytes.
        cap: u64,
    },
}

/// PNG compression, chosen by measurement on the example interview's cards and the shared
/// benchmark's (`cargo run --release --example encode-levels`, figures in docs/encoding.md):
/// zlib level 2 with adaptive filtering makes files about a quarter smaller than fdeflate's
/// fastest mode for a few ms more per card; levels 3 to 6 save 1–4 % more for up to twice the
/// time, and level 9 is twenty times slower.
const PNG_DEFLATE: png::DeflateCompression = png::DeflateCompression::Level(2);
const PNG_FILTER: png::Filter = png::Filter::Adaptive;

/// JPEG qualities tried, best first, when a format caps the file size.
const JPEG_QUALITIES: &[u8] = &[90, 85, 80, 75, 70, 65, 60, 55, 50];

/// How much time to spend making files small.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Effort {
    /// The settings measured as the best trade for a batch: a few ms per card.
    #[default]
    Normal,
    /// PNGs recompressed by oxipng as well: about a third smaller, about a second per card.
    Smallest,
}

/// Encodes `image` as `kind`, embedding `metadata`. When the result is over `max_bytes`, the card
/// becomes the highest-quality JPEG under the cap.
pub fn encode(
    image: &RgbImage,
    kind: ImageKind,
    metadata: &Metadata,
    max_bytes: Option<u64>,
) -> Result<Encoded, EncodeError> {
    encode_with(image, kind, Effort::Normal, metadata, max_bytes)
}

/// [`encode`] with a choice of [`Effort`].
pub fn encode_with(
    image: &RgbImage,
    kind: ImageKind,
    effort: Effort,
    metadata: &Metadata,
    max_bytes: Option<u64>,
) -> Result<Encoded, EncodeError> {
    let first = match kind {
        ImageKind::Png => {
            let mut bytes = png_with_metadata(image, Some(metadata))?;
            if effort == Effort::Smallest {
                bytes = optimize_png(&bytes)?;
            }
            Encoded {
                bytes,
                kind,
                quality: None,
            }
        }
        ImageKind::Jpeg => Encoded {
            bytes: jpeg(image, JPEG_QUALITIES[0], metadata)?,
            kind,
            quality: Some(JPEG_QUALITIES[0]),
        },
        ImageKind::Webp => Encoded {
            bytes: webp(image)?,
            kind,
            quality: None,
        },
    };
    let Some(cap) = max_bytes.filter(|&cap| first.bytes.len() as u64 > cap) else {
        return Ok(first);
    };
    let mut smallest = (first.bytes.len(), first.quality.unwrap_or(100));
    for &quality in JPEG_QUALITIES.iter().skip(usize::from(kind == ImageKind::Jpeg)) {
        let bytes = jpeg(image, quality, metadata)?;
        if bytes.len() as u64 <= cap {
            return Ok(Encoded {
                bytes,
                kind: ImageKind::Jpeg,
                quality: Some(quality),
            });
        }
        smallest = (bytes.len(), quality);
    }
    Err(EncodeError::OverCap {
        size: smallest.0,
        quality: smallest.1,
        cap,
    })
}

/// Encodes an opaque card as an 8-bit RGB PNG without metadata.
pub fn png(image: &RgbImage) -> Result<Vec<u8>, EncodeError> {
    png_with_metadata(image, None)
}

fn png_with_metadata(image: &RgbImage, metadata: Option<&Metadata>) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = Vec::with_capacity(image.as_raw().len() / 6);
    let mut encoder = png::Encoder::new(&mut bytes, image.width(), image.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(PNG_DEFLATE);
    encoder.set_filter(PNG_FILTER);
    if let Some(m) = metadata {
        encoder.add_itxt_chunk("Description".into(), m.description.clone())?;
        encoder.add_itxt_chunk("Author".into(), m.credit.clone())?;
        encoder.add_text_chunk("Software".into(), "pullquote".into())?;
    }
    let mut writer = encoder.write_header()?;
    writer.write_image_data(image.as_raw())?;
    writer.finish()?;
    Ok(bytes)
}

/// oxipng's preset 2 (its default), keeping every chunk so the metadata stays; it only ever
/// returns a smaller file or the same one.
fn optimize_png(png: &[u8]) -> Result<Vec<u8>, EncodeError> {
    let options = oxipng::Options::from_preset(2);
    Ok(oxipng::optimize_from_memory(png, &options)?)
}

/// A baseline JPEG with Huffman tables fitted to the card (smaller at the same quality than the
/// standard tables), full-resolution colour (4:4:4, so coloured text keeps clean edges) and the
/// metadata as XMP.
fn jpeg(image: &RgbImage, quality: u8, metadata: &Metadata) -> Result<Vec<u8>, EncodeError> {
    let (Ok(width), Ok(height)) = (u16::try_from(image.width()), u16::try_from(image.height())) else {
        return Err(EncodeError::TooLargeForJpeg {
            width: image.width(),
            height: image.height(),
        });
    };
    let mut bytes = Vec::with_capacity(image.as_raw().len() / 8);
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
    encoder.set_sampling_factor(jpeg_encoder::SamplingFactor::F_1_1);
    encoder.set_optimized_huffman_tables(true);
    let mut segment = XMP_NAMESPACE.to_vec();
    segment.extend_from_slice(xmp_packet(metadata).as_bytes());
    // An alt text too long for one segment leaves the file without metadata, never without a card.
    let _ = encoder.add_app_segment(1, segment);
    encoder.encode(image.as_raw(), width, height, jpeg_encoder::ColorType::Rgb)?;
    Ok(bytes)
}

fn webp(image: &RgbImage) -> Result<Vec<u8>, EncodeError> {
    let mut bytes = Vec::new();
    WebPEncoder::new_lossless(&mut bytes).encode(
        image.as_raw(),
        image.width(),
        image.height(),
        ExtendedColorType::Rgb8,
    )?;
    Ok(bytes)
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An XMP packet with the alt text as `dc:description` and the speaker as `photoshop:Credit`.
fn xmp_packet(metadata: &Metadata) -> String {
    format!(
        concat!(
            "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>",
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
            "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">",
            "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:description>",
            "<photoshop:Credit>{}</photoshop:Credit>",
            "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>"
        ),
        xml_escape(&metadata.description),
        xml_escape(&metadata.credit)
    )
}

const XMP_NAMESPACE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RgbImage {
        RgbImage::from_fn(64, 32, |x, y| image::Rgb([x as u8 * 4, y as u8 * 8, 99]))
    }

    fn metadata() -> Metadata {
        Metadata {
            description: "Quote from Dana Fox: “Rock & roll”".into(),
            credit: "Dana Fox".into(),
        }
    }

    #[test]
    fn png_round_trips_is_deterministic_and_carries_metadata() {
        let image = sample();
        let a = encode(&image, ImageKind::Png, &metadata(), None).unwrap();
        assert_eq!(a, encode(&image, ImageKind::Png, &metadata(), None).unwrap());
        assert_eq!(image::load_from_memory(&a.bytes).unwrap().to_rgb8(), image);
        let decoder = png::Decoder::new(std::io::Cursor::new(&a.bytes));
        let reader = decoder.read_info().unwrap();
        let texts: Vec<(String, String)> = reader
            .info()
            .utf8_text
            .iter()
            .map(|t| (t.keyword.clone(), t.get_text().unwrap()))
            .collect();
        assert!(texts.contains(&("Description".into(), "Quote from Dana Fox: “Rock & roll”".into())));
        assert!(texts.contains(&("Author".into(), "Dana Fox".into())));
    }

    #[test]
    fn jpeg_carries_xmp_and_decodes() {
        let encoded = encode(&sample(), ImageKind::Jpeg, &metadata(), None).unwrap();
        assert_eq!(encoded.kind, ImageKind::Jpeg);
        let text = String::from_utf8_lossy(&encoded.bytes);
        assert!(text.contains("http://ns.adobe.com/xap/1.0/"));
        assert!(text.contains("Rock &amp; roll"));
        assert!(text.contains("<photoshop:Credit>Dana Fox</photoshop:Credit>"));
        let decoded = image::load_from_memory(&encoded.bytes).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (64, 32));
    }

    #[test]
    fn webp_is_lossless() {
        let image = sample();
        let encoded = encode(&image, ImageKind::Webp, &metadata(), None).unwrap();
        assert_eq!(image::load_from_memory(&encoded.bytes).unwrap().to_rgb8(), image);
    }

    #[test]
    fn a_byte_cap_steps_jpeg_quality_down() {
        // Noise no compressor can shrink, so that PNG is far over a JPEG-sized cap.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let noisy = RgbImage::from_fn(400, 400, |_, _| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let [r, g, b, ..] = state.to_le_bytes();
            image::Rgb([r, g, b])
        });
        let generous = encode(&noisy, ImageKind::Jpeg, &metadata(), Some(10_000_000)).unwrap();
        assert_eq!(generous.quality, Some(90));
        let png = encode(&noisy, ImageKind::Png, &metadata(), Some(10_000_000)).unwrap();
        assert_eq!(
            png.kind,
            ImageKind::Png,
            "under the cap, the asked-for kind is kept"
        );
        let cap = generous.bytes.len() as u64 * 3 / 4;
        let capped = encode(&noisy, ImageKind::Png, &metadata(), Some(cap)).unwrap();
        assert_eq!(capped.kind, ImageKind::Jpeg);
        assert!(capped.quality.unwrap() < 90);
        assert!(capped.bytes.len() as u64 <= cap);
        assert!(matches!(
            encode(&noisy, ImageKind::Png, &metadata(), Some(100)),
            Err(EncodeError::OverCap { .. })
        ));
    }
}
