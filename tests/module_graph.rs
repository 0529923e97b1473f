//! The library's modules import each other in one direction: no two top-level modules reach each
//! other, directly or through others. Read from the `crate::` paths in `src/` (test code left out),
//! so a new import that closes a circle fails here with the files and lines that make it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Where one module refers to another: file and 1-based line.
type Edges = BTreeMap<(String, String), Vec<(PathBuf, usize)>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`src/typeset/fit.rs` → `typeset`); `None` for the
/// crate root, which re-exports everything.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (name != "lib" && name != "main").then_some(name)
}

/// The file's lines with comments and `#[cfg(test)]` items blanked out, and the names of
/// `#[cfg(test)] mod name;` files it declares.
fn code_lines(text: &str) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut test_files = Vec::new();
    let mut skipping_depth: Option<i32> = None;
    let mut after_cfg_test = false;
    for raw in text.lines() {
        let line = match raw.find("//") {
            Some(at) => &raw[..at],
            None => raw,
        };
        if let Some(depth) = skipping_depth.as_mut() {
            *depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if *depth <= 0 {
                skipping_depth = None;
            }
            lines.push(String::new());
            continue;
        }
        let trimmed = line.trim();
        if trimmed == "#[cfg(test)]" {
            after_cfg_test = true;
            lines.push(String::new());
            continue;
        }
        if after_cfg_test && !trimmed.is_empty() {
            after_cfg_test = false;
            if let Some(name) = trimmed.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')) {
                test_files.push(name.trim().to_owned());
                lines.push(String::new());
                continue;
            }
            let depth = line.matches('{').count() as i32 - line.matches('}').count() as i32;
            if depth > 0 {
                skipping_depth = Some(depth);
            }
            lines.push(String::new());
            continue;
        }
        lines.push(line.to_owned());
    }
    (lines, test_files)
}

/// The top-level modules a line names through `crate::`, including `crate::{a, b::c}` groups.
fn referenced(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue; // `$crate::` or a longer identifier
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            // Top-level names of the group: skip nested braces.
            let mut depth = 0;
            let mut name = String::new();
            let mut names = Vec::new();
            for c in group[..end].chars() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => names.push(std::mem::take(&mut name)),
                    _ if depth == 0 => name.push(c),
                    _ => {}
                }
            }
            names.push(name);
            for n in names {
                let head: String = n
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !head.is_empty() && head != "self" {
                    out.push(head);
                }
            }
        } else {
            let head: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !head.is_empty() && rest[head.len()..].starts_with("::") {
                out.push(head);
            }
        }
    }
    out
}

fn edges(src: &Path) -> (BTreeSet<String>, Edges) {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let texts: Vec<(PathBuf, String)> = files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect();
    // Files that are test modules (`#[cfg(test)] mod tests;`) are left out whole.
    let mut test_only: BTreeSet<PathBuf> = BTreeSet::new();
    for (file, text) in &texts {
        let dir = if file.file_name().is_some_and(|n| n == "mod.rs" || n == "lib.rs") {
            file.parent().unwrap().to_path_buf()
        } else {
            file.with_extension("")
        };
        for name in code_lines(text).1 {
            test_only.insert(dir.join(format!("{name}.rs")));
            test_only.insert(dir.join(&name).join("mod.rs"));
        }
    }
    let mut modules = BTreeSet::new();
    let mut edges: Edges = BTreeMap::new();
    for (file, text) in &texts {
        let Some(module) = module_of(src, file) else {
            continue;
        };
        modules.insert(module.clone());
        if test_only.contains(file) {
            continue;
        }
        for (i, line) in code_lines(text).0.iter().enumerate() {
            for target in referenced(line) {
                if target != module {
                    edges
                        .entry((module.clone(), target))
                        .or_default()
                        .push((file.clone(), i + 1));
                }
            }
        }
    }
    (modules, edges)
}

/// Strongly connected components with more than one module (Tarjan's algorithm).
fn circles(modules: &BTreeSet<String>, edges: &Edges) -> Vec<Vec<String>> {
    struct State<'a> {
        next: BTreeMap<&'a str, Vec<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        counter: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.counter);
        s.low.insert(v, s.counter);
        s.counter += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.next.get(v).cloned().unwrap_or_default() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                component.push(w.to_owned());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        next: BTreeMap::new(),
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        counter: 0,
        out: Vec::new(),
    };
    for (from, to) in edges.keys() {
        // Only modules of this crate: `crate::` never names anything else, but be safe.
        if modules.contains(to) {
            state.next.entry(from.as_str()).or_default().push(to.as_str());
        }
    }
    for m in modules {
        if !state.index.contains_key(m.as_str()) {
            visit(&mut state, m.as_str());
        }
    }
    state.out
}

#[test]
fn no_two_modules_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (modules, edges) = edges(&src);
    assert!(
        modules.contains("typeset") && modules.contains("template"),
        "{modules:?}"
    );
    let mut unexpected = Vec::new();
    for circle in circles(&modules, &edges) {
        let mut report = format!("modules {circle:?} import each other:\n");
        for ((from, to), places) in &edges {
            if circle.contains(from) && circle.contains(to) {
                let (file, line) = &places[0];
                report.push_str(&format!(
                    "  {from} → {to} ({}:{line}, {} place{})\n",
                    file.strip_prefix(&src).unwrap().display(),
                    places.len(),
                    if places.len() == 1 { "" } else { "s" }
                ));
            }
        }
        unexpected.push(report);
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
}

#[test]
fn the_reader_sees_imports_and_skips_tests_and_comments() {
    assert_eq!(referenced("use crate::template::{Rect, Rgba};"), ["template"]);
    assert_eq!(
        referenced("use crate::{fonts::FontBook, locale::Locale, self};"),
        ["fonts", "locale"]
    );
    assert_eq!(
        referenced("let f = crate::fonts::FontBook::embedded();"),
        ["fonts"]
    );
    assert!(referenced("use $crate::x::y;").is_empty());
    let (lines, tests) = code_lines(
        "use crate::a::X;\n// use crate::b::Y;\n#[cfg(test)]\nmod tests {\n    use crate::c::Z;\n}\n#[cfg(test)]\nmod more;\nuse crate::d::W;\n",
    );
    let names: Vec<String> = lines.iter().flat_map(|l| referenced(l)).collect();
    assert_eq!(names, ["a", "d"]);
    assert_eq!(tests, ["more"]);
}
