//! Which format a file is in, from its content first and its extension second.
//!
//! Content rules, on the text after leading white space and comments:
//! * `<` and an `<opsa-mef` element: Open-PSA MEF;
//! * `[`: Jaeger dependency links (a JSON array of links);
//! * `{`: a JSON object with a top-level `"data"` key is Jaeger's API answer,
//!   one with `"nodes"` or `"version"` a Blackout model; the keys are read up
//!   to the end or to the first syntax error, so that a model with a typo is
//!   still read (and refused) as a model, with the model reader's message;
//! * the keyword `digraph`, `graph` or `strict`: Graphviz DOT;
//! * a line that starts with `apiVersion:` and one that starts with `kind:`:
//!   a Backstage catalog (YAML);
//! * a first line that is a comma-separated header with an `id` column: CSV.
//!
//! When the content says nothing, the extension decides: `.yaml`/`.yml`
//! Backstage, `.json` Jaeger, `.dot`/`.gv` DOT, `.csv` CSV, `.xml` MEF.
//! Content wins over the extension (a `.txt` holding a digraph is DOT).
//! O(length of the file); a JSON object is scanned once without building it.

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::str::FromStr;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Backstage,
    Jaeger,
    Dot,
    Csv,
    /// Open-PSA Model Exchange Format (XML fault trees); its reader is wired
    /// in by the MEF importer.
    Mef,
    /// Blackout's own JSON model.
    Blackout,
}

impl Format {
    /// The formats `--from` accepts, by name.
    pub const NAMED: [Format; 5] = [Format::Backstage, Format::Jaeger, Format::Dot, Format::Csv, Format::Mef];

    /// The word used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Backstage => "backstage",
            Format::Jaeger => "jaeger",
            Format::Dot => "dot",
            Format::Csv => "csv",
            Format::Mef => "mef",
            Format::Blackout => "blackout",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Backstage => "a Backstage catalog",
            Format::Jaeger => "Jaeger dependency links",
            Format::Dot => "Graphviz DOT",
            Format::Csv => "CSV",
            Format::Mef => "Open-PSA MEF",
            Format::Blackout => "a Blackout model",
        })
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Format, String> {
        Format::NAMED
            .into_iter()
            .find(|format| format.name() == name.trim().to_ascii_lowercase())
            .ok_or_else(|| format!("unknown format \"{name}\"; expected backstage, jaeger, dot, csv or mef"))
    }
}

/// The format of the file called `name` holding `text`, or `None` when
/// neither its content nor its extension tells.
pub fn detect(name: &str, text: &str) -> Option<Format> {
    from_content(text).or_else(|| from_extension(name))
}

fn from_extension(name: &str) -> Option<Format> {
    let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "yaml" | "yml" => Some(Format::Backstage),
        "json" => Some(Format::Jaeger),
        "dot" | "gv" => Some(Format::Dot),
        "csv" => Some(Format::Csv),
        "xml" => Some(Format::Mef),
        _ => None,
    }
}

fn from_content(text: &str) -> Option<Format> {
    let start = skip_comments(text);
    match start.chars().next()? {
        '<' => start.contains("<opsa-mef").then_some(Format::Mef),
        '[' => Some(Format::Jaeger),
        '{' => json_object(start),
        _ if starts_with_keyword(start, &["digraph", "graph", "strict"]) => Some(Format::Dot),
        _ if is_backstage(text) => Some(Format::Backstage),
        _ if is_csv_header(start) => Some(Format::Csv),
        _ => None,
    }
}

/// Skips white space and the comments DOT and YAML allow before their first
/// statement (`//`, `/* */`, `#` lines), and a byte-order mark.
fn skip_comments(text: &str) -> &str {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') || rest.starts_with("//") {
            rest = rest.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return rest;
        }
    }
}

fn starts_with_keyword(text: &str, keywords: &[&str]) -> bool {
    let word: String = text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    keywords.iter().any(|keyword| word.eq_ignore_ascii_case(keyword))
}

fn is_backstage(text: &str) -> bool {
    let mut api_version = false;
    let mut kind = false;
    for line in text.lines() {
        api_version |= line.starts_with("apiVersion:");
        kind |= line.starts_with("kind:");
        if api_version && kind {
            return true;
        }
    }
    false
}

fn is_csv_header(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("");
    header.contains(',')
        && header.split(',').any(|cell| cell.trim().trim_matches('"').eq_ignore_ascii_case("id"))
}

/// The top-level keys that tell a Jaeger answer from a Blackout model, as
/// far as the object could be read.
#[derive(Default)]
struct JsonKeys {
    data: Cell<bool>,
    model: Cell<bool>,
}

impl<'de> Visitor<'de> for &JsonKeys {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // Each key is noted as soon as it is read: a syntax error further
        // on leaves what was seen before it.
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match key.as_ref() {
                "data" => self.data.set(true),
                "nodes" | "version" => self.model.set(true),
                _ => {}
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

fn json_object(text: &str) -> Option<Format> {
    let keys = JsonKeys::default();
    // An error only ends the reading; the keys seen until then decide.
    let _ = serde_json::Deserializer::from_str(text).deserialize_map(&keys);
    if keys.data.get() {
        Some(Format::Jaeger)
    } else if keys.model.get() {
        Some(Format::Blackout)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        let cases = [
            ("x.txt", "<?xml version=\"1.0\"?>\n<opsa-mef><define-fault-tree/></opsa-mef>", Some(Format::Mef)),
            ("x.json", "[{\"parent\": \"a\", \"child\": \"b\", \"callCount\": 1}]", Some(Format::Jaeger)),
            ("x.json", "{\"data\": [], \"total\": 0}", Some(Format::Jaeger)),
            ("x.json", "{\"version\": 1, \"nodes\": []}", Some(Format::Blackout)),
            // A model with a syntax error is still a model (its reader says where the error is).
            ("x.json", "{\"version\": 1, \"nodes\": [ {\"id\": \"a\",, } ]}", Some(Format::Blackout)),
            ("x.json", "{\"data\": [{\"parent\": \"a\" \"child\": \"b\"}]}", Some(Format::Jaeger)),
            ("x", "// made by hand\n/* c */ digraph G { a -> b }", Some(Format::Dot)),
            ("x", "strict digraph { a }", Some(Format::Dot)),
            ("x", "# catalog\n---\napiVersion: backstage.io/v1alpha1\nkind: Component\n", Some(Format::Backstage)),
            ("x", "id,label,kind\npay,Payments,feature\n", Some(Format::Csv)),
            ("x.csv", "digraph { a -> b }", Some(Format::Dot)),
        ];
        for (name, text, expected) in cases {
            assert_eq!(detect(name, text), expected, "{name}: {text}");
        }
    }

    #[test]
    fn the_extension_decides_when_the_content_does_not() {
        assert_eq!(detect("catalog.YAML", "a: b\n"), Some(Format::Backstage));
        assert_eq!(detect("links.json", "{\"links\": []}"), Some(Format::Jaeger));
        assert_eq!(detect("graph.gv", ""), Some(Format::Dot));
        assert_eq!(detect("nodes.csv", "name;kind\n"), Some(Format::Csv));
        assert_eq!(detect("tree.xml", "<opsa>"), Some(Format::Mef));
        assert_eq!(detect("notes.txt", "hello"), None);
        assert_eq!(detect("noextension", "{\"other\": 1}"), None);
        assert_eq!(detect("broken.json", "{\"other\" 1, \"nodes\": []}"), Some(Format::Jaeger), "nothing read before the error");
    }

    #[test]
    fn names_for_the_command_line() {
        assert_eq!("DOT".parse::<Format>(), Ok(Format::Dot));
        assert_eq!("mef".parse::<Format>(), Ok(Format::Mef));
        assert!("blackout".parse::<Format>().is_err());
        assert_eq!(Format::Backstage.to_string(), "a Backstage catalog");
    }
}
