//! Jaeger / OpenTelemetry service dependency links: a JSON array of
//! `{"parent", "child", "callCount"}` (what Jaeger's storage and
//! `/api/dependencies` hold), or Jaeger's HTTP answer `{"data": [...]}`.
//!
//! Mapping. One service node per service name (id = the name, no label);
//! a link means the parent depends on the child (`all`); a service that no
//! other service calls is a feature (it faces users). Links repeated within
//! or across files are one dependency; a service calling itself is no
//! dependency (tracing sees retries and internal spans that way), so it is
//! dropped. `callCount` and `source` are read and ignored; other keys are
//! ignored, as Jaeger adds fields over time. The links state only structure:
//! no kind, label or value, so a merge keeps all of those.
//! Nodes appear in the order their names first appear. O(links) expected.

use super::draft::{Draft, DraftNode, Reference};
use super::error::{ImportError, Location};
use crate::model::{Kind, Node, NodeId};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Deserialize)]
struct Link {
    parent: String,
    child: String,
    #[serde(default, rename = "callCount")]
    _call_count: Option<IgnoredAny>,
}

/// Jaeger's HTTP answer (`total`, `limit`, `offset`, `errors` are ignored).
#[derive(Deserialize)]
struct Answer {
    data: Vec<Link>,
}

pub(crate) fn read(files: &[(Arc<str>, &str)]) -> Result<Draft, ImportError> {
    let mut draft = Draft::default();
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut linked: HashSet<(usize, usize)> = HashSet::new();
    for (file, text) in files {
        let links = if text.trim_start().starts_with('[') {
            read_json::<Vec<Link>>(file, text)?
        } else {
            read_json::<Answer>(file, text)?.data
        };
        for (number, link) in links.into_iter().enumerate() {
            let at = Location::new(file, None);
            for (role, name) in [("parent", &link.parent), ("child", &link.child)] {
                if name.trim().is_empty() {
                    return Err(ImportError::Invalid {
                        at,
                        entity: format!("link #{}", number + 1),
                        message: format!("the {role} service has no name"),
                    });
                }
            }
            // Looked up before inserting: most names are already known, and
            // `entry` would copy the name every time.
            let mut node_of = |name: &String| match position.get(name) {
                Some(&known) => known,
                None => {
                    position.insert(name.clone(), draft.nodes.len());
                    draft.nodes.push(DraftNode::new(Node::new(name.as_str(), Kind::Service), at.clone()));
                    draft.nodes.len() - 1
                }
            };
            let parent = node_of(&link.parent);
            let child = node_of(&link.child);
            if parent != child && linked.insert((parent, child)) {
                draft.nodes[parent].references.push(Reference {
                    target: NodeId(link.child),
                    at: at.clone(),
                    placeholder_kind: Kind::Service,
                });
            }
        }
    }
    Ok(draft)
}

/// Reads JSON fast, and only a file with an error again, tracking the path
/// for a message that says where (e.g. `data[3].child: missing field`).
pub(crate) fn read_json<T: DeserializeOwned>(file: &Arc<str>, text: &str) -> Result<T, ImportError> {
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let error = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(error) => error,
        Ok(_) => {
            // The value was fine: the text after it is not.
            let error = deserializer.end().err();
            let line = error.as_ref().map(serde_json::Error::line);
            let message = error.map_or_else(|| "unreadable JSON".to_owned(), |e| strip_position(&e.to_string()));
            return Err(ImportError::Syntax { at: Location::new(file, line), message });
        }
    };
    let path = error.path().to_string();
    let inner = error.into_inner();
    let message = strip_position(&inner.to_string());
    let message = if path == "." || inner.is_syntax() || inner.is_eof() { message } else { format!("{path}: {message}") };
    Err(ImportError::Syntax { at: Location::new(file, Some(inner.line())), message })
}

/// serde_json ends messages with " at line L column C"; the location says the line.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::import_as;
    use crate::import::Format;
    use crate::model::Document;

    fn import(texts: &[&str]) -> Result<Document, ImportError> {
        import_as(Format::Jaeger, "links.json", texts, false)
    }

    fn summary(document: &Document) -> Vec<(String, Kind, Vec<String>)> {
        document
            .nodes
            .iter()
            .map(|n| (n.id.0.clone(), n.kind, n.depends_on.iter().map(|d| d.0.clone()).collect()))
            .collect()
    }

    #[test]
    fn both_shapes_become_the_same_graph() {
        let bare = r#"[{"parent": "frontend", "child": "orders", "callCount": 12},
                       {"parent": "orders", "child": "mysql", "callCount": 3},
                       {"parent": "frontend", "child": "orders", "callCount": 1},
                       {"parent": "orders", "child": "orders", "callCount": 9}]"#;
        let wrapped = r#"{"data": [{"parent": "frontend", "child": "orders", "callCount": 12, "source": "jaeger"},
                                   {"parent": "orders", "child": "mysql", "callCount": 3}],
                          "total": 0, "limit": 0, "offset": 0, "errors": null}"#;
        let expected = vec![
            ("frontend".to_owned(), Kind::Feature, vec!["orders".to_owned()]),
            ("orders".to_owned(), Kind::Service, vec!["mysql".to_owned()]),
            ("mysql".to_owned(), Kind::Service, vec![]),
        ];
        assert_eq!(summary(&import(&[bare]).unwrap()), expected);
        assert_eq!(summary(&import(&[wrapped]).unwrap()), expected);
        // Two files: the union of their links.
        let more = r#"[{"parent": "admin", "child": "mysql"}]"#;
        let both = import(&[bare, more]).unwrap();
        assert_eq!(both.nodes[3].id.as_str(), "admin");
        assert_eq!(both.nodes[3].kind, Kind::Feature);
    }

    #[test]
    fn errors_say_where() {
        let missing = import(&["[\n  {\"parent\": \"a\"}\n]"]).unwrap_err();
        assert_eq!(missing.to_string(), "links.json line 2: [0]: missing field `child`");
        let syntax = import(&["[{\"parent\": \"a\",,}]"]).unwrap_err();
        assert_eq!(syntax.to_string(), "links.json line 1: key must be a string");
        let empty = import(&[r#"{"data": [{"parent": "a", "child": "b"}, {"parent": " ", "child": "b"}]}"#]).unwrap_err();
        assert_eq!(empty.to_string(), "links.json: link #2: the parent service has no name");
    }
}
