//! Pictures a template refers to (logo, background, images): decoded when the template loads,
//! so a missing or broken file is a template error; SVG is drawn with resvg at the size used.

use super::layout::Fit;
use image::RgbaImage;
use resvg::{tiny_skia, usvg};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex};

/// Pixels already drawn at a given size: every card of a format needs the same ones.
type SizedCache = Arc<Mutex<BTreeMap<(u32, u32), Arc<RgbaImage>>>>;

/// A decoded picture.
#[derive(Clone)]
pub struct Asset {
    source: Source,
    sized: SizedCache,
    /// Hash of the file's bytes (or pixels), so a changed asset changes every card drawn with it.
    digest: String,
}

#[derive(Clone)]
enum Source {
    Raster(Arc<RgbaImage>),
    /// Vector art, drawn at whatever size a card needs.
    Svg(Arc<usvg::Tree>),
}

impl fmt::Debug for Asset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (w, h) = self.size();
        match self.source {
            Source::Raster(_) => write!(f, "Raster({w}×{h})"),
            Source::Svg(_) => write!(f, "Svg({w}×{h})"),
        }
    }
}

fn is_svg(path: &str, bytes: &[u8]) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".svg") {
        return true;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    head.trim_start().starts_with("<?xml") && head.contains("<svg") || head.trim_start().starts_with("<svg")
}

/// Elements nested deeper than this are refused: the SVG reader and renderer recurse once per
/// level, and a file nested thousands deep would overflow the stack. Drawings exported by design
/// tools nest a few dozen levels at most.
pub const MAX_SVG_DEPTH: usize = 128;
/// Elements and text pieces in one SVG: a logo has a few thousand.
const MAX_SVG_NODES: u32 = 1_000_000;

/// The SVG's text, once it is known to be uncompressed UTF-8 XML nested at most
/// [`MAX_SVG_DEPTH`] deep; read with an explicit walk, which does not recurse.
fn checked_svg(bytes: &[u8]) -> Result<&str, String> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Err("is a compressed SVG (.svgz): save it as plain .svg".to_owned());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| format!("is not a UTF-8 SVG file ({e})"))?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_SVG_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("is not a readable SVG file ({e})"))?;
    // Nodes come in document order, each after its parent: one pass gives every depth.
    let mut depths = vec![0usize; document.descendants().count() + 1];
    for node in document.descendants().filter(|n| n.is_element()) {
        let depth = node.parent().map_or(0, |p| depths[p.id().get_usize()]) + 1;
        depths[node.id().get_usize()] = depth;
        if depth > MAX_SVG_DEPTH {
            return Err(format!(
                "nests elements more than {MAX_SVG_DEPTH} deep (a `<{}>` inside {MAX_SVG_DEPTH} others): \
                 flatten its groups",
                node.tag_name().name()
            ));
        }
    }
    Ok(text)
}

/// Decodes a raster picture and turns it upright: phones store photos sideways and say in their
/// EXIF orientation how to turn them.
pub fn decode_upright(bytes: &[u8]) -> image::ImageResult<image::DynamicImage> {
    let mut decoder = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()?
        .into_decoder()?;
    // A damaged EXIF block is not worth refusing the picture for: it is drawn as stored.
    let orientation =
        image::ImageDecoder::orientation(&mut decoder).unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = image::DynamicImage::from_decoder(decoder)?;
    image.apply_orientation(orientation);
    Ok(image)
}

impl Asset {
    /// Decodes PNG, JPEG or SVG bytes; the error says what was wrong with the file.
    pub fn decode(path: &str, bytes: &[u8]) -> Result<Asset, String> {
        if is_svg(path, bytes) {
            let text = checked_svg(bytes)?;
            let mut options = usvg::Options::default();
            // A template must render the same everywhere: never read files an SVG links to.
            options.image_href_resolver.resolve_string = Box::new(|_, _| None);
            let tree = usvg::Tree::from_str(text, &options)
                .map_err(|e| format!("is not a readable SVG file ({e})"))?;
            return Ok(Asset::new(Source::Svg(Arc::new(tree)), bytes));
        }
        match image::guess_format(bytes) {
            Ok(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
            Ok(other) => return Err(format!("is a {other:?} image: expected PNG, JPEG or SVG")),
            Err(_) => return Err("is not a PNG, JPEG or SVG image".to_owned()),
        }
        let image = decode_upright(bytes).map_err(|e| format!("cannot be decoded ({e})"))?;
        if image.width() == 0 || image.height() == 0 {
            return Err("is empty (0 pixels)".to_owned());
        }
        Ok(Asset::new(Source::Raster(Arc::new(image.to_rgba8())), bytes))
    }

    /// A picture already in memory, such as a speaker's photo.
    pub fn from_image(image: Arc<RgbaImage>) -> Asset {
        let pixels = image.as_raw().clone();
        Asset::new(Source::Raster(image), &pixels)
    }

    fn new(source: Source, bytes: &[u8]) -> Asset {
        Asset {
            source,
            sized: Arc::default(),
            digest: crate::fingerprint::file_hash(bytes),
        }
    }

    /// A hash of the asset's content.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// Natural size in px (SVG: its declared size).
    pub fn size(&self) -> (f32, f32) {
        match &self.source {
            Source::Raster(image) => (image.width() as f32, image.height() as f32),
            Source::Svg(tree) => (tree.size().width(), tree.size().height()),
        }
    }

    /// Width over height.
    pub fn aspect(&self) -> f32 {
        let (w, h) = self.size();
        w / h.max(f32::EPSILON)
    }

    /// Pixels for a box of `width` × `height` px: the picture scaled to cover or fit inside it,
    /// keeping its proportions (SVG drawn at that size). Cached per size.
    pub fn pixels(&self, width: f32, height: f32, fit: Fit) -> Arc<RgbaImage> {
        let (w, h) = self.size();
        let scale = match fit {
            Fit::Cover => (width / w).max(height / h),
            Fit::Contain => (width / w).min(height / h),
        };
        let target = (
            (w * scale).round().clamp(1.0, 8192.0) as u32,
            (h * scale).round().clamp(1.0, 8192.0) as u32,
        );
        let mut sized = self.sized.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        sized
            .entry(target)
            .or_insert_with(|| match &self.source {
                Source::Raster(image) if image.dimensions() == target => image.clone(),
                Source::Raster(image) => Arc::new(resample(image, target)),
                Source::Svg(tree) => Arc::new(rasterize_svg(tree, target.0, target.1)),
            })
            .clone()
    }
}

/// Resamples `image` to `target` (Catmull-Rom, alpha-aware). fast_image_resize's convolution
/// is several times faster than the image crate's; it runs without CPU-specific instructions
/// so that every machine produces the same pixels (reference images depend on it).
fn resample(image: &RgbaImage, target: (u32, u32)) -> RgbaImage {
    use fast_image_resize::{
        images::Image, CpuExtensions, FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer,
    };
    let source = Image::from_vec_u8(
        image.width(),
        image.height(),
        image.as_raw().clone(),
        PixelType::U8x4,
    )
    .expect("an RGBA buffer matches its dimensions");
    let mut resized = Image::new(target.0, target.1, PixelType::U8x4);
    let mut resizer = Resizer::new();
    // SAFETY: `None` selects the portable code path, which every CPU can run.
    unsafe { resizer.set_cpu_extensions(CpuExtensions::None) };
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    resizer
        .resize(&source, &mut resized, &options)
        .expect("RGBA images of the same pixel type resize");
    RgbaImage::from_raw(target.0, target.1, resized.into_vec()).expect("the resized buffer matches its size")
}

/// Draws `tree` stretched to `w` × `h` px (the caller keeps its proportions).
fn rasterize_svg(tree: &usvg::Tree, w: u32, h: u32) -> RgbaImage {
    let (sw, sh) = (tree.size().width(), tree.size().height());
    let Some(mut pixmap) = tiny_skia::Pixmap::new(w, h) else {
        return RgbaImage::new(1, 1);
    };
    let transform = tiny_skia::Transform::from_scale(w as f32 / sw, h as f32 / sh);
    resvg::render(tree, transform, &mut pixmap.as_mut());
    // tiny-skia stores premultiplied alpha; the compositor expects straight alpha.
    let mut out = RgbaImage::new(w, h);
    for (pixel, source) in out.pixels_mut().zip(pixmap.pixels()) {
        let c = source.demultiply();
        pixel.0 = [c.red(), c.green(), c.blue(), c.alpha()];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="20" height="20" fill="#ff0000"/></svg>"##;

    #[test]
    fn svg_is_drawn_at_the_size_asked_for() {
        let asset = Asset::decode("logo.svg", SVG.as_bytes()).unwrap();
        assert_eq!(asset.aspect(), 2.0);
        let pixels = asset.pixels(200.0, 100.0, Fit::Contain);
        assert_eq!(pixels.dimensions(), (200, 100));
        assert_eq!(pixels.get_pixel(50, 50).0, [255, 0, 0, 255]);
        assert_eq!(pixels.get_pixel(150, 50).0[3], 0);
        assert!(
            Arc::ptr_eq(&pixels, &asset.pixels(200.0, 100.0, Fit::Cover)),
            "cached"
        );
    }

    #[test]
    fn rejects_what_is_not_an_image() {
        assert!(Asset::decode("logo.png", b"hello")
            .unwrap_err()
            .contains("not a PNG"));
        assert!(Asset::decode("logo.svg", b"<svg").unwrap_err().contains("SVG"));
    }
}
