//! The architecture invariants of ARCHITECTURE.md, checked on the source:
//! which layer may not use which (scanning every `crate::…` path and every
//! browser crate a file names). Test-only modules are left out: a test may
//! use anything.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (layer, the layers it must not use, why). A layer is a top-level module
/// under `src/`; `file:` rules name one file.
const RULES: &[(&str, &[&str], &str)] = &[
    ("model", &["format", "analysis", "layout", "render", "report", "export", "editor", "autosave", "generate"], "the model depends on nothing"),
    ("format", &["analysis", "layout", "render", "report", "export", "editor", "autosave"], "the reader knows only the model"),
    ("analysis", &["format", "layout", "render", "report", "export", "editor", "autosave"], "the analysis knows only the model"),
    ("layout", &["analysis", "render", "report", "export", "editor", "autosave"], "the layout is geometry over the model"),
    ("report", &["layout", "render", "export", "editor", "autosave"], "reports are text from analysis results"),
    ("render", &["editor", "export", "autosave"], "the renderer draws documents, not app state"),
    ("export", &["editor", "autosave"], "exports and the share-link codec do not know app state"),
    ("file:export/share.rs", &["editor", "autosave", "render", "report"], "the share-link codec does not know app state"),
    ("autosave", &["editor", "render", "report", "export"], "storage policy does not know the editor"),
    ("editor", &["render", "report", "export"], "the editor does not know the renderer"),
    ("import", &["analysis", "layout", "render", "report", "editor", "autosave"], "importers turn text into the model and nothing else"),
    ("diff", &["layout", "render", "export", "import", "editor", "autosave"], "the risk diff compares analyses, it draws and stores nothing"),
];

/// Layers that make up the pure core: none may use the browser or the UI.
const CORE: &[&str] = &[
    "model", "format", "analysis", "layout", "render", "report", "export", "import", "diff", "editor", "autosave", "generate",
    "generate.rs", "search.rs",
];
const BROWSER: &[&str] = &["web_sys", "yew", "gloo", "wasm_bindgen", "js_sys", "crate::ui"];

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

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

/// Files and folders declared as `#[cfg(test)] mod name;`.
fn test_only(files: &[PathBuf]) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let declaration = pair[1].trim_start_matches("pub(crate) ").trim_start_matches("pub ");
            let Some(name) = declaration.strip_prefix("mod ").and_then(|rest| rest.strip_suffix(';')) else { continue };
            if pair[0] != "#[cfg(test)]" {
                continue;
            }
            let stem = file.file_stem().unwrap().to_str().unwrap();
            let dir = if matches!(stem, "mod" | "lib") { file.parent().unwrap().to_path_buf() } else { file.with_extension("") };
            found.insert(dir.join(format!("{name}.rs")));
            found.insert(dir.join(name));
        }
    }
    found
}

/// The code of a file without its inline test module.
fn code(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    match text.find("#[cfg(test)]\nmod tests {") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The top-level modules a piece of code names through `crate::` (including
/// grouped imports such as `crate::{model, layout::Point}`), with line numbers.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or_default();
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                for item in inner.split(',') {
                    let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() {
                        found.push((number + 1, name));
                    }
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.push((number + 1, name));
            }
        }
    }
    found
}

fn layer_of(relative: &Path) -> String {
    relative.components().next().unwrap().as_os_str().to_str().unwrap().to_owned()
}

#[test]
fn layers_use_only_what_the_architecture_allows() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let tests = test_only(&files);
    let mut broken = Vec::new();
    for file in &files {
        if tests.iter().any(|t| file.starts_with(t)) {
            continue;
        }
        let relative = file.strip_prefix(src()).unwrap();
        let layer = layer_of(relative);
        let code = code(file);
        for (rule, forbidden, why) in RULES {
            let applies = match rule.strip_prefix("file:") {
                Some(path) => relative == Path::new(path),
                None => layer == *rule,
            };
            if !applies {
                continue;
            }
            for (line, used) in crate_paths(&code) {
                if forbidden.contains(&used.as_str()) {
                    broken.push(format!("src/{}:{line}: uses crate::{used}, but {why}", relative.display()));
                }
            }
        }
        if CORE.contains(&layer.as_str()) {
            for (number, line) in code.lines().enumerate() {
                let line = line.split("//").next().unwrap_or_default();
                for browser in BROWSER {
                    if line.contains(&format!("{browser}::")) || line.contains(&format!("use {browser}")) {
                        broken.push(format!("src/{}:{}: names {browser}, but the core never touches the browser or the UI", relative.display(), number + 1));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "architecture rules broken:\n{}", broken.join("\n"));
}

#[test]
fn the_scanner_finds_what_it_must() {
    let found: Vec<String> = crate_paths("use crate::render::scene;\nuse crate::{model::Node, layout};\nlet x = crate::editor::Editor::new(d); // crate::ui").into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["render", "model", "layout", "editor"]);
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let tests = test_only(&files);
    assert!(tests.contains(&src().join("editor/tests")), "test-only modules are recognised");
    assert!(tests.contains(&src().join("analysis/oracle.rs")));
}
