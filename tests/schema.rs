//! The JSON Schema printed by `pullquote templates schema` accepts every built-in template and
//! rejects the mistakes an editor should flag while typing.

use std::process::Command;

fn pullquote(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pullquote"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn new() -> Validator {
        let schema: serde_json::Value = serde_json::from_str(&pullquote(&["templates", "schema"])).unwrap();
        let url = schema["$id"].as_str().unwrap().to_owned();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(&url, schema).unwrap();
        let index = compiler.compile(&url, &mut schemas).unwrap();
        Validator { schemas, index }
    }

    fn check(&self, yaml: &str) -> Result<(), String> {
        let instance: serde_json::Value = serde_yaml::from_str(yaml).unwrap();
        self.schemas
            .validate(&instance, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn every_builtin_is_valid() {
    let validator = Validator::new();
    let names: Vec<String> = pullquote(&["templates", "list"])
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["paper", "bold", "photo", "minimal", "headline", "civic"]);
    for name in &names {
        let source = pullquote(&["templates", "show", name]);
        validator.check(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn mistakes_are_flagged() {
    let validator = Validator::new();
    let valid = "elements:\n  - type: stack\n    children:\n      - type: quote\n        color: accent\n";
    validator.check(valid).unwrap();
    for font in [
        "{ file: fonts/brand.ttf, weight: 600 }",
        "{ file: fonts/brand.ttc, index: 1 }",
        "{ file: fonts/brand-variable.ttf, instance: SemiBold, axes: { wdth: 90 } }",
        "{ family: Inter, weight: 700 }",
    ] {
        validator
            .check(&format!("{valid}brand:\n  fonts:\n    quote: {font}\n"))
            .unwrap_or_else(|e| panic!("{font}: {e}"));
    }
    for (broken, why) in [
        (valid.replace("color:", "colour:"), "a misspelt field"),
        (
            valid.replace("type: quote", "type: qoute"),
            "an unknown element type",
        ),
        (
            valid.replace("color: accent", "radius: 4"),
            "a field the element type does not take",
        ),
        (valid.replace("color: accent", "size: 12pt"), "a bad unit"),
        (
            valid.replace("color: accent", "line_height: tall"),
            "a wrong type",
        ),
        (format!("{valid}formats:\n  storry: {{}}\n"), "an unknown format"),
        (
            format!("{valid}brand:\n  palette:\n    accent: \"#12345G\"\n"),
            "a bad palette colour",
        ),
        (
            format!("{valid}brand:\n  fonts:\n    quote: {{ file: fonts/brand.ttf, family: Inter }}\n"),
            "a font role with both a file and a family",
        ),
        (
            format!("{valid}brand:\n  fonts:\n    quote: {{ file: fonts/brand.ttc, index: -1 }}\n"),
            "a negative collection index",
        ),
        (
            valid.replace("color: accent", "font: { file: fonts/brand.ttf }"),
            "a font file outside `brand.fonts`",
        ),
    ] {
        assert!(
            validator.check(&broken).is_err(),
            "the schema accepts {why}:\n{broken}"
        );
    }
}
