//! The JSON Schema of the template language, for editors: VS Code's YAML extension uses it to
//! complete and check templates as they are typed. It is built from the same field tables the
//! resolver enforces, so the two cannot drift apart.

use super::format::FORMATS;
use super::raw::{ElementKind, RawElement};
use super::resolve::{allowed_fields, FORMAT_GROUPS};
use crate::fonts::FontBook;
use serde_json::{json, Map, Value};

/// What each element field means, shown by the editor on hover.
fn field_schema(field: &str) -> Value {
    match field {
        "type" => json!({
            "description": "What the element draws.",
            "enum": ElementKind::ALL.iter().map(|k| k.name()).collect::<Vec<_>>()
        }),
        "id" => json!({"type": "string", "pattern": "^[A-Za-z0-9_-]+$",
            "description": "A name that per-format overrides and styles refer to."}),
        "area" => json!({"enum": ["safe", "canvas"],
            "description": "What positions are relative to: the format's safe area (default) or the whole canvas."}),
        "anchor" => {
            json!({"enum": ["top-left", "top", "top-right", "left", "center", "right", "bottom-left", "bottom", "bottom-right"],
            "description": "Where a box with a size but no edge sits in its area."})
        }
        "left" | "top" | "right" | "bottom" => json!({"$ref": "#/definitions/length",
            "description": format!("Distance from the area's {field} edge.")}),
        "width" | "height" => {
            json!({"$ref": "#/definitions/length", "description": format!("The box's {field}.")})
        }
        "color" => json!({"$ref": "#/definitions/color"}),
        "gradient" => json!({"$ref": "#/definitions/gradient"}),
        "radius" => json!({"$ref": "#/definitions/length", "description": "Corner radius."}),
        "gap" => json!({"$ref": "#/definitions/length",
            "description": "Space between a stack's children; for an element placed with `below`, `above` or `right_of`, the space from that element."}),
        "align" => json!({"enum": ["left", "center", "right"], "description": "Horizontal alignment."}),
        "valign" => json!({"enum": ["top", "center", "bottom"], "description": "Vertical alignment."}),
        "children" => json!({"type": "array", "items": {"$ref": "#/definitions/element"},
            "description": "A stack's children, top to bottom: quote, ornament, text, rule, spacer."}),
        "text" => json!({"type": "string",
            "description": "Text with placeholders: {speaker.name}, {speaker.role}, {speaker.organisation}, {speaker.credit}, {speaker.initials}, {interview.title}, {date}, {url}, {hashtags}."}),
        "style" => json!({"type": "string", "description": "A text style from `styles:`."}),
        "font" => json!({"$ref": "#/definitions/font"}),
        "size" => json!({"$ref": "#/definitions/size"}),
        "line_height" => json!({"type": "number", "minimum": 0.5, "maximum": 4,
            "description": "Distance between baselines, as a multiple of the font size."}),
        "letter_spacing" => json!({"$ref": "#/definitions/letterSpacing"}),
        "case" => json!({"enum": ["none", "upper", "lower"]}),
        "max_lines" => json!({"type": "integer", "minimum": 1}),
        "hanging_punctuation" => json!({"enum": ["margin", "inside", "none"],
            "description": "Where an opening quotation mark that starts the text goes: in the margin left of the box, inside it with every line set in, or nowhere special."}),
        "space_before" => {
            json!({"$ref": "#/definitions/length", "description": "Extra space above this child in a stack."})
        }
        "glyph" => {
            json!({"type": "string", "description": "`auto` (« in French, “ in English) or the character to draw."})
        }
        "src" => {
            json!({"type": "string", "description": "A PNG, JPEG or SVG file, relative to the template."})
        }
        "fit" => json!({"enum": ["cover", "contain"]}),
        "shape" => json!({"enum": ["circle", "rounded", "square"]}),
        "fallback" => json!({"enum": ["initials", "none"], "description": "What to draw without a photo."}),
        "visible" => json!({"type": "boolean"}),
        "emphasis_color" => json!({"$ref": "#/definitions/color",
            "description": "Colour of words set between `**` in the quote (default: the palette's `accent`)."}),
        "emphasis_weight" => json!({"type": "integer", "minimum": 100, "maximum": 900,
            "description": "Weight of emphasised words, in the text's own family (default: its own weight)."}),
        "emphasis_mark" => json!({"enum": ["band", "underline", "none"],
            "description": "A highlighter band or an underline behind emphasised words."}),
        "emphasis_mark_color" => json!({"$ref": "#/definitions/color",
            "description": "Colour of the band or underline (default: the accent; translucent for a band)."}),
        "stroke" => {
            json!({"type": "object", "additionalProperties": false, "required": ["width"], "properties": {
            "width": {"$ref": "#/definitions/length"}, "color": {"$ref": "#/definitions/color"}},
            "description": "A line along the inside of the edge: `{ width: 6px, color: accent }`; a ring around a circular photo."})
        }
        "shadow" => json!({"type": "object", "additionalProperties": false, "properties": {
            "offset": {"type": "array", "items": {"$ref": "#/definitions/length"}, "minItems": 2, "maxItems": 2},
            "blur": {"$ref": "#/definitions/length"}, "color": {"$ref": "#/definitions/color"}},
            "description": "A soft drop shadow: offset right and down, blur, colour (default translucent black)."}),
        "opacity" => {
            json!({"$ref": "#/definitions/fraction", "description": "How opaque the element is: 0 to 1, or 0% to 100%."})
        }
        "focus" => {
            json!({"type": "array", "items": {"type": "string", "pattern": "^[0-9.]+%$"}, "minItems": 2, "maxItems": 2,
            "description": "The point of the picture kept in view when it is cropped: `[50%, 30%]`."})
        }
        "below" | "above" | "right_of" => json!({"type": "string", "pattern": "^[A-Za-z0-9_-]+$",
            "description": format!("Place the element {} the element with this id, once that is laid out; `gap` is the space between.",
                field.replace('_', " "))}),
        "contrast" => json!({"enum": ["check", "ignore"],
            "description": "`ignore` leaves a decorative text out of the contrast check (and `templates check --strict`)."}),
        other => unreachable!("no schema for element field `{other}`"),
    }
}

/// The element definition: every field, then one rule per type restricting the fields.
fn element_schema(patch: bool) -> Value {
    let mut properties = Map::new();
    for field in RawElement::field_names() {
        if patch && (field == "type" || field == "id") {
            continue;
        }
        properties.insert(field.to_owned(), field_schema(field));
    }
    let mut schema = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !patch {
        schema["required"] = json!(["type"]);
        let rules: Vec<Value> = ElementKind::ALL
            .iter()
            .map(|&kind| {
                let mut names = vec!["type", "id", "visible"];
                names.extend(allowed_fields(kind));
                json!({
                    "if": {"properties": {"type": {"const": kind.name()}}, "required": ["type"]},
                    "then": {"propertyNames": {"enum": names}}
                })
            })
            .collect();
        schema["allOf"] = Value::Array(rules);
    }
    schema
}

/// The schema as a JSON value.
pub fn schema(fonts: &FontBook) -> Value {
    let mut format_keys: Vec<&str> = FORMAT_GROUPS.to_vec();
    format_keys.extend(FORMATS.iter().map(|f| f.id));
    let length = "^(auto|[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*(px|%|vw|vh|vmin|vmax)?)$";
    // Definitions of their own, added below: one `json!` of the whole schema would pass the
    // macro recursion limit.
    let font_file = json!({"type": "object", "additionalProperties": false, "required": ["file"], "properties": {
        "file": {"type": "string", "minLength": 1,
            "description": "A TrueType (.ttf), OpenType (.otf) or collection (.ttc) font file, relative to the template."},
        "index": {"type": "integer", "minimum": 0, "description": "The face of a collection (.ttc) to use, from 0."},
        "instance": {"type": "string", "description": "A named instance of a variable font, e.g. `SemiBold`."},
        "weight": {"type": "integer", "minimum": 100, "maximum": 900,
            "description": "A variable font is set at this weight (`wght` axis); a static file is recorded as this weight."},
        "italic": {"type": "boolean"},
        "axes": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z0-9 ]{4}$"},
            "additionalProperties": {"type": "number"},
            "description": "Variation axes of a variable font, e.g. `{ wght: 650, wdth: 90 }`."}
    }});
    let mut schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://pullquote.invalid/template.schema.json",
        "title": "pullquote template",
        "description": "A quote-card layout: brand, text styles, background and elements, re-flowed for each format.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "name": {"type": "string"},
            "description": {"type": "string"},
            "extends": {"type": "string",
                "description": "A built-in template name or a template file (relative to this one) to start from.",
                "examples": super::Template::builtin_names()},
            "assets_root": {"type": "string",
                "description": "A folder (relative to this file) that its pictures may come from besides the template's own folder, e.g. `..` for a shared assets folder beside it."},
            "brand": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "palette": {"type": "object",
                        "propertyNames": {"pattern": "^[A-Za-z0-9_-]+$"},
                        "additionalProperties": {"$ref": "#/definitions/hexColor"},
                        "description": "Named colours, usable wherever a colour is. `ink`, `accent` and `background` are defaults."},
                    "fonts": {"type": "object", "additionalProperties": {"$ref": "#/definitions/brandFont"},
                        "description": "Font roles: `quote`, `name` and `body` are used by default. A role gives an embedded family, or a font file of the brand."},
                    "logo": {"type": "string", "description": "PNG, JPEG or SVG file, relative to the template."},
                    "url": {"type": "string", "description": "What `{url}` expands to."},
                    "hashtags": {"type": "array", "items": {"type": "string"}, "description": "What `{hashtags}` expands to."}
                }
            },
            "styles": {"type": "object", "additionalProperties": {"$ref": "#/definitions/textStyle"},
                "description": "Named text styles; an element uses one with `style:`, or the one named like its id."},
            "background": {"$ref": "#/definitions/background"},
            "locale": {"oneOf": [
                {"enum": crate::locale::Locale::TAGS},
                {"type": "array", "items": {"enum": crate::locale::Locale::TAGS}}
            ], "description": "Regional typography: `fr-CA` closes up the space before ; ! ?, `en-GB` uses ‘single’ outer quotes."},
            "elements": {"type": "array", "items": {"$ref": "#/definitions/element"}},
            "formats": {
                "type": "object",
                "propertyNames": {"enum": format_keys},
                "additionalProperties": {"type": "object", "additionalProperties": {"$ref": "#/definitions/patch"}},
                "description": "Per-format changes: `all`, a shape (square, portrait, landscape) or a format id, then element ids."
            },
            "variants": {
                "type": "array",
                "description": "Other arrangements, tried in order before the template's own: the first whose `when` admits the quote and that the quote fits wins.",
                "items": {"type": "object", "additionalProperties": false, "properties": {
                    "name": {"type": "string"},
                    "when": {"type": "object", "additionalProperties": false, "properties": {
                        "chars": {"type": "object", "additionalProperties": false, "properties": {
                            "min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0}},
                            "description": "The quote's length in characters."}}},
                    "elements": {"type": "object", "additionalProperties": {"$ref": "#/definitions/patch"},
                        "description": "Changes to elements, by id, laid over the format's own."},
                    "formats": {"type": "object", "propertyNames": {"enum": format_keys},
                        "additionalProperties": {"type": "object", "additionalProperties": {"$ref": "#/definitions/patch"}},
                        "description": "Per-format changes within the variant, as the template's `formats:`."}
                }}
            }
        },
        "definitions": {
            "length": {
                "description": "A length: px (the default unit), % of the area along the axis, vw, vh, vmin (% of the shorter side), vmax; `auto` removes an edge in an override.",
                "oneOf": [{"type": "number"}, {"type": "string", "pattern": length}]
            },
            "hexColor": {"type": "string", "pattern": "^(#([0-9A-Fa-f]{3,4}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})|white|black|transparent|(rgba?|hsla?)\\(.*\\))$"},
            "color": {"type": "string", "pattern": "^(#[0-9A-Fa-f]+|[A-Za-z0-9_-]+|(rgba?|hsla?)\\(.*\\))$",
                "description": "`#rgb`, `#rrggbb`, `#rrggbbaa`, `rgb(30, 42, 58)`, `rgba(…, 0.5)`, `hsl(210, 40%, 20%)`, `hsla(…)`, or a name from `brand.palette`."},
            "size": {"oneOf": [
                {"$ref": "#/definitions/length"},
                {"type": "object", "additionalProperties": false, "required": ["min", "max"],
                 "properties": {"min": {"$ref": "#/definitions/length"}, "max": {"$ref": "#/definitions/length"}}}
            ], "description": "A font size, or the range the text is fitted into."},
            "fontSpec": {"type": "object", "additionalProperties": false, "properties": {
                "family": {"enum": fonts.families()},
                "weight": {"type": "integer", "minimum": 100, "maximum": 900},
                "italic": {"type": "boolean"},
                "axes": {"type": "object", "propertyNames": {"pattern": "^[A-Za-z0-9 ]{4}$"},
                    "additionalProperties": {"type": "number"},
                    "description": "Variation axes of a variable font, e.g. `{ wght: 650, slnt: -6 }`."}
            }},
            "font": {"oneOf": [{"type": "string", "description": "A role from `brand.fonts`."}, {"$ref": "#/definitions/fontSpec"}]},
            "letterSpacing": {"oneOf": [{"type": "number"},
                {"type": "string", "pattern": "^[-+]?[0-9.]+\\s*(em|px|%|vw|vh|vmin|vmax)?$"}],
                "description": "Extra space between letters: `0.05em` or a length."},
            "fraction": {"oneOf": [{"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": "^[0-9.]+\\s*%$"}]},
            "gradient": {"type": "object", "additionalProperties": false, "required": ["stops"], "properties": {
                "type": {"enum": ["linear", "radial"]},
                "angle": {"oneOf": [{"type": "number"}, {"type": "string", "pattern": "^[-+]?[0-9.]+\\s*(deg)?$"}],
                    "description": "Direction of a linear gradient in degrees: 180 runs top to bottom."},
                "center": {"type": "array", "items": {"$ref": "#/definitions/length"}, "minItems": 2, "maxItems": 2},
                "radius": {"$ref": "#/definitions/length"},
                "stops": {"type": "array", "minItems": 2, "items": {"oneOf": [
                    {"$ref": "#/definitions/color"},
                    {"type": "object", "additionalProperties": false, "required": ["color"], "properties": {
                        "color": {"$ref": "#/definitions/color"}, "at": {"$ref": "#/definitions/fraction"}}}
                ]}}
            }},
            "textStyle": {"type": "object", "additionalProperties": false, "properties": {
                "font": field_schema("font"), "size": field_schema("size"), "line_height": field_schema("line_height"),
                "letter_spacing": field_schema("letter_spacing"), "color": field_schema("color"),
                "align": field_schema("align"), "case": field_schema("case"), "max_lines": field_schema("max_lines"),
                "hanging_punctuation": field_schema("hanging_punctuation"),
                "emphasis_color": field_schema("emphasis_color"), "emphasis_weight": field_schema("emphasis_weight"),
                "emphasis_mark": field_schema("emphasis_mark"), "emphasis_mark_color": field_schema("emphasis_mark_color"),
                "shadow": field_schema("shadow")
            }},
            "background": {"oneOf": [
                {"$ref": "#/definitions/color"},
                {"type": "object", "additionalProperties": false, "properties": {
                    "color": {"$ref": "#/definitions/color"},
                    "gradient": {"$ref": "#/definitions/gradient"},
                    "image": {"type": "string", "description": "PNG, JPEG or SVG file, relative to the template."},
                    "fit": {"enum": ["cover", "contain"]},
                    "focus": {"type": "array", "items": {"type": "string", "pattern": "^[0-9.]+%$"}, "minItems": 2, "maxItems": 2,
                        "description": "The point of the image kept in view when it is cropped."},
                    "tint": {"$ref": "#/definitions/color"},
                    "darken": {"$ref": "#/definitions/fraction"}
                }}
            ]},
            "element": element_schema(false),
            "patch": element_schema(true)
        }
    });
    schema["definitions"]["fontFile"] = font_file;
    schema["definitions"]["brandFont"] =
        json!({"oneOf": [{"$ref": "#/definitions/fontSpec"}, {"$ref": "#/definitions/fontFile"}]});
    schema
}

/// The schema as pretty-printed JSON text.
pub fn schema_text(fonts: &FontBook) -> String {
    serde_json::to_string_pretty(&schema(fonts)).expect("the schema serialises") + "\n"
}
