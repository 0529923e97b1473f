//! Output formats: every network's card size and the safe area its interface leaves clear.

use serde::Serialize;

/// Fractions of the canvas that interface chrome covers, per side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SafeInsets {
    /// Top inset.
    pub top: f32,
    /// Right inset.
    pub right: f32,
    /// Bottom inset.
    pub bottom: f32,
    /// Left inset.
    pub left: f32,
}

const NO_INSETS: SafeInsets = SafeInsets {
    top: 0.0,
    right: 0.0,
    bottom: 0.0,
    left: 0.0,
};

/// A card size for one network placement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Format {
    /// The id used on the command line and in file names.
    pub id: &'static str,
    /// Where the format is used.
    pub description: &'static str,
    /// Width in px.
    pub width: u32,
    /// Height in px.
    pub height: u32,
    /// What the network's interface covers.
    pub safe: SafeInsets,
    /// Longest alt text the network accepts, in characters, where it publishes one.
    pub alt_text_limit: Option<usize>,
    /// Largest file the network accepts, in bytes, where it sets one.
    pub max_bytes: Option<u64>,
    /// The file type the network wants, whatever the run asks for.
    pub encoding: Option<crate::encode::ImageKind>,
    /// Pixels per template `px`: 1 for real cards, smaller for proofs and reference images.
    #[serde(skip)]
    pub scale: f32,
}

/// Every built-in format. Sizes drift as networks change: this table is the one place to edit.
pub const FORMATS: &[Format] = &[
    Format {
        id: "instagram-square",
        description: "Instagram, Facebook and LinkedIn feed, 1:1",
        width: 1080,
        height: 1080,
        safe: NO_INSETS,
        alt_text_limit: None,
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
    Format {
        id: "instagram-portrait",
        description: "Instagram, Facebook, Threads and LinkedIn feed, 4:5",
        width: 1080,
        height: 1350,
        safe: NO_INSETS,
        alt_text_limit: None,
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
    Format {
        id: "instagram-tall",
        description: "Instagram feed and profile grid, 3:4",
        width: 1080,
        height: 1440,
        safe: NO_INSETS,
        alt_text_limit: None,
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
    // Stories: Meta keeps the top 14 % and bottom 20 % for the interface.
    Format {
        id: "story",
        description: "Instagram and Facebook stories, TikTok photo, WhatsApp status, 9:16",
        width: 1080,
        height: 1920,
        safe: SafeInsets {
            top: 0.14,
            right: 0.0,
            bottom: 0.20,
            left: 0.0,
        },
        alt_text_limit: None,
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
    Format {
        id: "x",
        description: "X in-stream image, 16:9",
        width: 1600,
        height: 900,
        safe: NO_INSETS,
        alt_text_limit: Some(1000),
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
    Format {
        id: "link",
        description: "Facebook and LinkedIn link preview (og:image), 1.91:1",
        width: 1200,
        height: 630,
        safe: NO_INSETS,
        alt_text_limit: None,
        max_bytes: Some(8_000_000),
        encoding: None,
        scale: 1.0,
    },
    Format {
        id: "linkedin",
        description: "LinkedIn feed image, 1.91:1",
        width: 1200,
        height: 627,
        safe: NO_INSETS,
        alt_text_limit: None,
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
    Format {
        id: "mastodon",
        description: "Mastodon timeline, 16:9",
        width: 1200,
        height: 675,
        safe: NO_INSETS,
        alt_text_limit: Some(1500),
        max_bytes: Some(16_000_000),
        encoding: None,
        scale: 1.0,
    },
    // Bluesky keeps images as blobs of at most 1,000,000 bytes and serves them as JPEG.
    Format {
        id: "bluesky",
        description: "Bluesky post image, 4:5 (a JPEG under 1,000,000 bytes)",
        width: 1080,
        height: 1350,
        safe: NO_INSETS,
        alt_text_limit: Some(2000),
        max_bytes: Some(1_000_000),
        encoding: Some(crate::encode::ImageKind::Jpeg),
        scale: 1.0,
    },
    Format {
        id: "pinterest",
        description: "Pinterest pin, 2:3",
        width: 1000,
        height: 1500,
        safe: NO_INSETS,
        alt_text_limit: Some(500),
        max_bytes: None,
        encoding: None,
        scale: 1.0,
    },
];

/// The formats rendered when none are asked for.
pub const DEFAULT_FORMATS: &[&str] = &[
    "instagram-square",
    "instagram-portrait",
    "instagram-tall",
    "story",
    "x",
    "link",
    "linkedin",
];

/// The broad shape of a format, for per-shape template overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Close to 1:1.
    Square,
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
}

impl Shape {
    /// The name a template's `formats:` section uses.
    pub fn key(self) -> &'static str {
        match self {
            Shape::Square => "square",
            Shape::Portrait => "portrait",
            Shape::Landscape => "landscape",
        }
    }
}

impl Format {
    /// The built-in format with this id (any case).
    pub fn by_id(id: &str) -> Option<Format> {
        FORMATS.iter().find(|f| f.id.eq_ignore_ascii_case(id)).cloned()
    }

    /// Every built-in format's id.
    pub fn ids() -> Vec<&'static str> {
        FORMATS.iter().map(|f| f.id).collect()
    }

    /// Whether the format is square, portrait or landscape.
    pub fn shape(&self) -> Shape {
        let ratio = self.width as f32 / self.height as f32;
        if ratio > 1.15 {
            Shape::Landscape
        } else if ratio < 0.87 {
            Shape::Portrait
        } else {
            Shape::Square
        }
    }

    /// The same format drawn at `factor` of its size, for proofs: every length scales with it.
    pub fn scaled(&self, factor: f32) -> Format {
        Format {
            width: ((self.width as f32 * factor).round() as u32).max(1),
            height: ((self.height as f32 * factor).round() as u32).max(1),
            scale: self.scale * factor,
            ..self.clone()
        }
    }

    /// The safe area in pixels: (x, y, width, height).
    pub fn safe_area(&self) -> (f32, f32, f32, f32) {
        let (w, h) = (self.width as f32, self.height as f32);
        let x = (self.safe.left * w).round();
        let y = (self.safe.top * h).round();
        let right = (self.safe.right * w).round();
        let bottom = (self.safe.bottom * h).round();
        (x, y, w - x - right, h - y - bottom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_safe_area_leaves_top_and_bottom_clear() {
        let story = Format::by_id("story").unwrap();
        assert_eq!(story.safe_area(), (0.0, 269.0, 1080.0, 1267.0));
        assert_eq!(story.shape(), Shape::Portrait);
    }

    #[test]
    fn defaults_exist_and_shapes() {
        for id in DEFAULT_FORMATS {
            assert!(Format::by_id(id).is_some(), "{id}");
        }
        assert_eq!(Format::by_id("link").unwrap().shape(), Shape::Landscape);
        assert_eq!(Format::by_id("instagram-square").unwrap().shape(), Shape::Square);
        assert_eq!(
            Format::by_id("instagram-portrait").unwrap().shape(),
            Shape::Portrait
        );
    }
}
