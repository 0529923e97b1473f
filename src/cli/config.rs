//! The settings that stay the same from run to run (brand template, formats, output folder,
//! image type), from a settings file and the environment under the command line's flags:
//! flag > environment > file > default. Each value remembers where it came from.

use super::args::ImageType;
use crate::diagnostic::Diagnostic;
use crate::yaml;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The settings file looked for in the working folder when `--config` is not given.
pub const FILE_NAME: &str = "pullquote.yaml";
/// The environment variable naming the brand template.
pub const TEMPLATE_VAR: &str = "PULLQUOTE_TEMPLATE";

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A command-line flag.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// A line of the settings file.
    File(PathBuf, usize),
    /// Nothing set it.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "{flag}"),
            Origin::Env(var) => write!(f, "${var}"),
            Origin::File(path, line) => write!(f, "{}:{line}", path.display()),
            Origin::Default => f.write_str("default"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

/// The settings file as written. Keys are spelt like the flags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    template: Option<String>,
    formats: Option<Formats>,
    output: Option<PathBuf>,
    image_format: Option<ImageType>,
    logo: Option<PathBuf>,
}

/// `formats:` as a list or as comma-separated text, like the flag.
#[derive(Debug)]
struct Formats(Vec<String>);

impl<'de> Deserialize<'de> for Formats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Formats, D::Error> {
        struct Ids;
        impl<'de> Visitor<'de> for Ids {
            type Value = Formats;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of format ids, or `all`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Formats, E> {
                Ok(Formats(text.split(',').map(|s| s.trim().to_owned()).collect()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Formats, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(Formats(ids))
            }
        }
        d.deserialize_any(Ids)
    }
}

/// The settings found in the file and the environment, before the flags have their say.
#[derive(Debug, Default)]
pub struct Config {
    /// The settings file read, if there was one.
    pub file: Option<PathBuf>,
    env_template: Option<Setting<String>>,
    template: Option<Setting<String>>,
    formats: Option<Setting<Vec<String>>>,
    output: Option<Setting<PathBuf>>,
    image_format: Option<Setting<ImageType>>,
    logo: Option<Setting<PathBuf>>,
}

fn failed(path: &Path, reason: String) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(format!(
            "failed to read settings file `{}` ({reason})",
            path.display()
        ))
        .with_hint("see `pullquote config --help` for what it may hold"),
    )
}

impl Config {
    /// Reads `explicit` (which must exist), else `pullquote.yaml` in the working folder if
    /// there is one, and the environment.
    pub fn load(explicit: Option<&Path>) -> Result<Config, Box<Diagnostic>> {
        let mut config = match explicit {
            Some(path) => Config::read(path)?,
            None if Path::new(FILE_NAME).exists() => Config::read(Path::new(FILE_NAME))?,
            None => Config::default(),
        };
        config.env_template = std::env::var(TEMPLATE_VAR)
            .ok()
            .filter(|v| !v.trim().is_empty())
            .map(|value| Setting {
                value,
                origin: Origin::Env(TEMPLATE_VAR),
            });
        Ok(config)
    }

    fn read(path: &Path) -> Result<Config, Box<Diagnostic>> {
        let source = crate::limits::read_text(path, crate::limits::Kind::Template)
            .map_err(|e| failed(path, e.to_string()))?;
        Config::parse(&source, path)
    }

    /// Parses the settings file `source`, read from `path`: paths in it are relative to its
    /// folder.
    pub fn parse(source: &str, path: &Path) -> Result<Config, Box<Diagnostic>> {
        let located = |message: String, at: Option<(usize, usize)>| {
            let mut d = Diagnostic::error(message).in_file(path);
            if let Some((line, column)) = at {
                d = d.at(line, column).with_source(source);
            }
            Box::new(d)
        };
        let yaml_error = |e: yaml::Error| {
            let d = located(crate::template::yaml_message(&e), e.location());
            match crate::template::suggest::hint_from_message(&e.to_string()) {
                Some(hint) => Box::new(d.with_hint(hint)),
                None => d,
            }
        };
        let document = yaml::Document::parse(source).map_err(yaml_error)?;
        let spans = document.spans();
        let empty = spans.get("").is_none()
            || source
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let raw: Raw = if empty {
            Raw::default()
        } else {
            document.deserialize().map_err(yaml_error)?
        };
        let line = |key: &str| spans.get(key).map_or(1, |s| s.value.0);
        let at = |key: &str| Origin::File(path.to_path_buf(), line(key));
        let folder = path.parent().unwrap_or(Path::new(""));
        let mut config = Config {
            file: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(template) = raw.template {
            // A template file is found beside the settings file; a built-in name stays a name.
            let value =
                if crate::template::Template::is_path_spec(&template) && Path::new(&template).is_relative() {
                    folder.join(&template).display().to_string()
                } else {
                    template
                };
            config.template = Some(Setting {
                value,
                origin: at("template"),
            });
        }
        if let Some(Formats(ids)) = raw.formats {
            for (i, id) in ids.iter().enumerate() {
                let known = id.eq_ignore_ascii_case(super::args::ALL_FORMATS)
                    || crate::template::Format::by_id(id).is_some();
                if !known {
                    let span = spans.get(&format!("formats.{i}")).or(spans.get("formats"));
                    let ids: Vec<&str> = crate::template::FORMATS.iter().map(|f| f.id).collect();
                    let d = located(format!("formats: unknown format `{id}`"), span.map(|s| s.value));
                    return Err(Box::new(d.with_hint(format!(
                        "formats are {}, or `all`{}",
                        ids.join(", "),
                        crate::template::suggest::did_you_mean(id, &ids)
                    ))));
                }
            }
            config.formats = Some(Setting {
                value: ids,
                origin: at("formats"),
            });
        }
        if let Some(output) = raw.output {
            config.output = Some(Setting {
                value: folder.join(output),
                origin: at("output"),
            });
        }
        if let Some(kind) = raw.image_format {
            config.image_format = Some(Setting {
                value: kind,
                origin: at("image-format"),
            });
        }
        if let Some(logo) = raw.logo {
            config.logo = Some(Setting {
                value: folder.join(logo),
                origin: at("logo"),
            });
        }
        Ok(config)
    }

    /// The brand template: `-t`, else `PULLQUOTE_TEMPLATE`, else the file's, else the default.
    pub fn template(&self, flag: Option<&str>) -> Setting<String> {
        pick(
            flag.map(str::to_owned),
            "--template",
            [&self.env_template, &self.template],
            crate::template::DEFAULT_TEMPLATE.to_owned(),
        )
    }

    /// The format ids (empty: the default formats).
    pub fn formats(&self, flag: &[String]) -> Setting<Vec<String>> {
        pick(
            (!flag.is_empty()).then(|| flag.to_vec()),
            "--formats",
            [&None, &self.formats],
            Vec::new(),
        )
    }

    /// The output folder: `-o`, else the file's, else `default` (`render` has none).
    pub fn output(&self, flag: Option<&Path>, default: Option<&str>) -> Option<Setting<PathBuf>> {
        let flag = flag.map(Path::to_path_buf);
        match default {
            Some(default) => Some(pick(flag, "--output", [&None, &self.output], default.into())),
            None => flag
                .map(|value| Setting {
                    value,
                    origin: Origin::Flag("--output"),
                })
                .or_else(|| self.output.clone()),
        }
    }

    /// The brand's logo drawn where the template places one: `--logo`, else the file's, else
    /// none (the template's own, if it has one).
    pub fn logo(&self, flag: Option<&Path>) -> Option<Setting<PathBuf>> {
        flag.map(|value| Setting {
            value: value.to_path_buf(),
            origin: Origin::Flag("--logo"),
        })
        .or_else(|| self.logo.clone())
    }

    /// The image type of the cards.
    pub fn image_format(&self, flag: Option<ImageType>) -> Setting<ImageType> {
        pick(
            flag,
            "--image-format",
            [&None, &self.image_format],
            ImageType::Png,
        )
    }
}

/// The flag's value, else the first setting found, else the default.
fn pick<T: Clone>(
    flag: Option<T>,
    name: &'static str,
    found: [&Option<Setting<T>>; 2],
    default: T,
) -> Setting<T> {
    if let Some(value) = flag {
        return Setting {
            value,
            origin: Origin::Flag(name),
        };
    }
    found.into_iter().flatten().next().cloned().unwrap_or(Setting {
        value: default,
        origin: Origin::Default,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(source: &str) -> Result<Config, Box<Diagnostic>> {
        Config::parse(source, Path::new("conf/pullquote.yaml"))
    }

    #[test]
    fn values_come_with_their_line_and_paths_are_relative_to_the_file() {
        let config = parse(
            "# brand\ntemplate: brand/brand.yaml\nformats: [x, story]\noutput: cards\nimage-format: jpg\n",
        )
        .unwrap();
        let template = config.template(None);
        assert_eq!(template.value, "conf/brand/brand.yaml");
        assert_eq!(template.origin, Origin::File("conf/pullquote.yaml".into(), 2));
        assert_eq!(config.formats(&[]).value, ["x", "story"]);
        assert_eq!(config.output(None, None).unwrap().value, Path::new("conf/cards"));
        assert_eq!(config.image_format(None).value, ImageType::Jpeg);
        // A built-in name is not a path.
        assert_eq!(parse("template: bold").unwrap().template(None).value, "bold");
        assert_eq!(
            parse("formats: x, story").unwrap().formats(&[]).value,
            ["x", "story"]
        );
    }

    #[test]
    fn a_flag_wins_then_the_file_then_the_default() {
        let config = parse("template: bold\noutput: cards\n").unwrap();
        assert_eq!(config.template(Some("paper")).origin, Origin::Flag("--template"));
        assert_eq!(
            config.output(Some(Path::new("o")), Some("out")).unwrap().value,
            Path::new("o")
        );
        assert_eq!(config.formats(&[]).origin, Origin::Default);
        let none = parse("").unwrap();
        assert_eq!(none.template(None).value, crate::template::DEFAULT_TEMPLATE);
        assert_eq!(none.output(None, None), None);
        assert_eq!(none.output(None, Some("out")).unwrap().value, Path::new("out"));
    }

    #[test]
    fn mistakes_name_their_line_and_column() {
        let e = parse("template: bold\nformat: [x]\n").unwrap_err();
        let text = e.to_string();
        assert!(text.contains("conf/pullquote.yaml:2:1"), "{text}");
        assert!(text.contains("unknown field `format`"), "{text}");
        assert!(text.contains("did you mean `formats`?"), "{text}");
        let e = parse("formats:\n  - x\n  - instagram-squar\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(":3:5") && e.contains("did you mean `instagram-square`?"),
            "{e}"
        );
        let e = parse("image-format: gif\n").unwrap_err().to_string();
        assert!(e.contains(":1:15") && e.contains("`gif`"), "{e}");
    }
}
