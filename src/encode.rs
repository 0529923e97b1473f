//! Encoding: canvas pixels to file bytes with fixed settings, so equal cards give equal files.

use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, ImageEncoder, RgbImage};

/// Encodes an opaque card as an 8-bit RGB PNG.
pub fn png(image: &RgbImage) -> Result<Vec<u8>, image::ImageError> {
    let mut bytes = Vec::with_capacity(image.as_raw().len() / 8);
    // Adaptive filtering with fast deflate: flat cards compress well and encode in a few ms.
    PngEncoder::new_with_quality(&mut bytes, CompressionType::Fast, FilterType::Adaptive).write_image(
        image.as_raw(),
        image.width(),
        image.height(),
        ExtendedColorType::Rgb8,
    )?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_is_deterministic() {
        let image = RgbImage::from_fn(64, 32, |x, y| image::Rgb([x as u8 * 4, y as u8 * 8, 99]));
        let a = png(&image).unwrap();
        assert_eq!(a, png(&image).unwrap());
        let decoded = image::load_from_memory(&a).unwrap().to_rgb8();
        assert_eq!(decoded, image);
    }
}
