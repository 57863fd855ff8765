//! Graphviz DOT graphs (`.dot`, `.gv`): what the syntax tree of
//! [`super::dot_syntax`] means for Blackout.
//!
//! Mapping. Every node a file mentions (in a node statement or at an end of
//! an edge) is a node with its DOT ID as id; `a -> b` means a depends on b
//! (`all`), and an edge to or from a subgraph `{b c}` links every node in it.
//! Node attributes named like the model's fields state them: `label`, `kind`,
//! `requires` (`all`, `any`, `at_least K`), `users`, `availability`,
//! `recovery_hours`, `rebuild_hours`, `tolerance_hours`, `x`, `y`, `notes`
//! (the text forms of [`super::fields`]). Defaults from `node [...]` apply to
//! the nodes created after them in the same (sub)graph, as in Graphviz. Other
//! attributes (shape, colour, edge attributes) are ignored. The top-level
//! graph attributes `label`, `notes` and `audience` state the document's title,
//! notes and audience. A node without a `kind` is a feature when nothing
//! depends on it, else a service. An undirected graph is refused: it does not
//! say who depends on whom. Only an edge repeated is dropped (a dependency is
//! listed once). O(size of the file) expected.

use super::dot_syntax::{self, DefaultsTarget, Endpoint, Id, Statement};
use super::draft::{Draft, DraftNode, Reference};
use super::error::{ImportError, Location};
use super::fields::NodeField;
use crate::model::{Kind, Node};
use std::collections::HashMap;
use std::sync::Arc;

pub(crate) fn read(files: &[(Arc<str>, &str)]) -> Result<Draft, ImportError> {
    let mut reader = Reader { draft: Draft::default(), position: HashMap::new(), file: Arc::from("") };
    for (file, text) in files {
        reader.file = Arc::clone(file);
        let graph = dot_syntax::parse(text).map_err(|error| ImportError::Syntax {
            at: Location::new(file, Some(error.line)),
            message: error.message,
        })?;
        if !graph.directed {
            return Err(ImportError::Syntax {
                at: Location::new(file, Some(1)),
                message: "an undirected graph does not say who depends on whom; write a digraph where a -> b means a depends on b".to_owned(),
            });
        }
        reader.statements(&graph.statements, &mut Vec::new(), true, &mut Vec::new())?;
    }
    Ok(reader.draft)
}

struct Reader {
    draft: Draft,
    position: HashMap<String, usize>,
    file: Arc<str>,
}

impl Reader {
    fn at(&self, id: &Id) -> Location {
        Location::new(&self.file, Some(id.line))
    }

    /// Reads `statements` with the node defaults in force, collecting the
    /// nodes they mention into `mentioned` (for edges to a subgraph).
    fn statements(
        &mut self,
        statements: &[Statement],
        defaults: &mut Vec<(Id, Id)>,
        top_level: bool,
        mentioned: &mut Vec<usize>,
    ) -> Result<(), ImportError> {
        for statement in statements {
            match statement {
                Statement::Node { id, attributes } => {
                    let node = self.node(id, defaults)?;
                    self.apply(node, attributes)?;
                    mentioned.push(node);
                }
                Statement::Edge { ends, .. } => {
                    let mut previous: Option<Vec<usize>> = None;
                    for end in ends {
                        let nodes = self.end(end, defaults)?;
                        if let Some(dependents) = previous {
                            for &dependent in &dependents {
                                for &dependency in &nodes {
                                    let line = match end {
                                        Endpoint::Node(id) => id.line,
                                        Endpoint::Subgraph(_) => self.draft.nodes[dependency].origin.line.unwrap_or(1),
                                    };
                                    let target = self.draft.nodes[dependency].node.id.clone();
                                    self.draft.nodes[dependent].references.push(Reference {
                                        target,
                                        at: Location::new(&self.file, Some(line)),
                                        placeholder_kind: Kind::Service,
                                    });
                                }
                            }
                        }
                        mentioned.extend(&nodes);
                        previous = Some(nodes);
                    }
                }
                Statement::Defaults { target: DefaultsTarget::Node, attributes } => defaults.extend(attributes.iter().cloned()),
                Statement::Defaults { target: DefaultsTarget::Graph, attributes } if top_level => {
                    for (name, value) in attributes {
                        self.graph_attribute(name, value)?;
                    }
                }
                Statement::Assign { name, value } if top_level => self.graph_attribute(name, value)?,
                Statement::Defaults { .. } | Statement::Assign { .. } => {}
                Statement::Subgraph(inner) => self.statements(inner, &mut defaults.clone(), false, mentioned)?,
            }
        }
        Ok(())
    }

    fn end(&mut self, end: &Endpoint, defaults: &[(Id, Id)]) -> Result<Vec<usize>, ImportError> {
        match end {
            Endpoint::Node(id) => Ok(vec![self.node(id, defaults)?]),
            Endpoint::Subgraph(inner) => {
                let mut mentioned = Vec::new();
                self.statements(inner, &mut defaults.to_vec(), false, &mut mentioned)?;
                mentioned.dedup();
                Ok(mentioned)
            }
        }
    }

    /// The node called `id`, created with the defaults in force if new.
    fn node(&mut self, id: &Id, defaults: &[(Id, Id)]) -> Result<usize, ImportError> {
        let name = id.text();
        if let Some(&position) = self.position.get(&name) {
            return Ok(position);
        }
        if name.trim().is_empty() {
            return Err(ImportError::Syntax { at: self.at(id), message: "a node has an empty name".to_owned() });
        }
        let position = self.draft.nodes.len();
        self.draft.nodes.push(DraftNode::new(Node::new(name.as_str(), Kind::Service), self.at(id)));
        self.position.insert(name, position);
        self.apply(position, defaults)?;
        Ok(position)
    }

    fn apply(&mut self, position: usize, attributes: &[(Id, Id)]) -> Result<(), ImportError> {
        for (name, value) in attributes {
            let Some(field) = NodeField::from_name(&name.text()) else {
                continue;
            };
            let text = match field {
                NodeField::Label | NodeField::Notes => value.free_text(),
                _ => value.text(),
            };
            let drafted = &mut self.draft.nodes[position];
            field.parse_into(&text, &mut drafted.node).map_err(|message| ImportError::Invalid {
                at: Location::new(&self.file, Some(value.line)),
                entity: format!("node \"{}\"", drafted.node.id),
                message,
            })?;
            drafted.stated.insert(field);
        }
        Ok(())
    }

    fn graph_attribute(&mut self, name: &Id, value: &Id) -> Result<(), ImportError> {
        match name.text().as_str() {
            "label" => self.draft.title = Some(value.free_text()),
            "notes" => self.draft.notes = Some(value.free_text()),
            "audience" => {
                let text = value.text();
                let audience = text.trim().parse().map_err(|_| ImportError::Invalid {
                    at: self.at(value),
                    entity: "the graph".to_owned(),
                    message: format!("audience: \"{text}\" is not a whole number of people"),
                })?;
                self.draft.audience = Some(audience);
            }
            _ => {}
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::import_as;
    use crate::import::Format;
    use crate::model::{Document, NodeId, Requirement};

    fn import(text: &str) -> Result<Document, ImportError> {
        import_as(Format::Dot, "g.dot", &[text], false)
    }

    #[test]
    fn edges_defaults_and_attributes() {
        let document = import(
            "digraph {\n  label=\"Shop\"; audience=900\n  node [kind=datastore]\n  db1; db2\n  node [kind=service]\n  web [kind=feature, label=\"Web\\nshop\", users=900]\n  web -> api -> {db1 db2}\n  api [requires=any, recovery_hours=0.5]\n  subgraph { node [kind=provider]; power }\n  db1 -> power; db2 -> power; db1 -> power\n  orphan [shape=box]\n}\n",
        )
        .unwrap();
        assert_eq!((document.title.as_str(), document.audience), ("Shop", Some(900)));
        let by_id = |id: &str| document.node(&NodeId::from(id)).unwrap();
        assert_eq!(by_id("web").label(), "Web\nshop");
        assert_eq!(by_id("web").users, 900);
        assert_eq!(by_id("api").kind, Kind::Service);
        assert_eq!(by_id("api").requires, Requirement::Any);
        assert_eq!(by_id("api").depends_on, vec![NodeId::from("db1"), NodeId::from("db2")]);
        assert_eq!(by_id("db1").kind, Kind::Datastore);
        assert_eq!(by_id("db1").depends_on, vec![NodeId::from("power")]);
        assert_eq!(by_id("power").kind, Kind::Provider);
        // Created after `node [kind=service]`, so it has a stated kind.
        assert_eq!(by_id("orphan").kind, Kind::Service);
    }

    #[test]
    fn a_node_without_kind_is_a_feature_unless_depended_on() {
        let document = import("digraph { a -> b }").unwrap();
        assert_eq!((document.nodes[0].kind, document.nodes[1].kind), (Kind::Feature, Kind::Service));
    }

    #[test]
    fn errors_name_line_and_node() {
        assert_eq!(
            import("digraph {\n  a [users=lots]\n}").unwrap_err().to_string(),
            "g.dot line 2: node \"a\": users: \"lots\" is not a whole number of users"
        );
        assert_eq!(
            import("graph {\n  a -- b\n}").unwrap_err().to_string(),
            "g.dot line 1: an undirected graph does not say who depends on whom; write a digraph where a -> b means a depends on b"
        );
        assert_eq!(
            import("digraph {\n a -> b\n b [requires=\"at_least 2\"]\n}").unwrap_err().to_string(),
            "g.dot line 2: node \"b\": requires at_least 2, but it has 0 dependencies (k must be between 1 and 0)"
        );
    }
}
