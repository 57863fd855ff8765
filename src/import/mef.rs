//! Open-PSA Model Exchange Format (MEF) fault trees, read and written.
//!
//! A fault tree's gates say when something *fails*; Blackout's requirements
//! say what a node needs to *run*. With t = n − needed + 1 (how many of its n
//! dependencies must be down to take a node down) the two meet exactly:
//!
//! | MEF | Blackout |
//! | --- | --- |
//! | basic event, probability p (`<float value="p"/>`) | node with availability 1 − p, no dependencies |
//! | house event, false | node without availability (never fails), no dependencies |
//! | `<or>` over n (fails if one fails) | `all` (t = 1) |
//! | `<and>` over n (fails if all fail) | `any` (t = n) |
//! | `<atleast min="k">` over n | `at_least` n − k + 1 (t = k) |
//! | a top gate (referenced by no gate) | a feature |
//!
//! Other gates are services and basic events providers; a nested formula
//! becomes a gate of its own, named after its parent (`G.1`, `G.2`). Anything
//! else (not, xor, nand, nor, iff, imply, cardinality, CCF groups,
//! parameters and expressions other than a constant, house events set to
//! true, a probability of 1) is refused with an error that names the
//! construct and its line. Labels are kept; kinds and users travel as
//! `blackout-kind` / `blackout-users` attributes, so a written tree reads back
//! as the same document.
//!
//! The writer, [`crate::export::mef::write`], uses the same mapping the other
//! way.

use crate::model::{Document, Kind, ModelError, Node, NodeId, Requirement, ValidDocument};
use roxmltree::Node as XmlNode;
use std::collections::HashMap;
use thiserror::Error;

/// Why a MEF text cannot be read or a document cannot be written as one.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum MefError {
    #[error("line {line}: not well-formed XML: {message}")]
    Xml { line: u32, message: String },
    #[error("line {line}: the root element is <{found}>, expected <opsa-mef>")]
    NotMef { line: u32, found: String },
    #[error("line {line}: <{construct}> is not supported: Blackout reads and, or and atleast gates, basic events with a constant probability and house events set to false")]
    Unsupported { construct: String, line: u32 },
    #[error("line {line}: <{element}> needs a \"{attribute}\" attribute")]
    MissingAttribute { element: String, attribute: &'static str, line: u32 },
    #[error("line {line}: {message}")]
    Invalid { message: String, line: u32 },
    #[error("line {line}: \"{name}\" is defined twice")]
    Duplicate { name: String, line: u32 },
    #[error("line {line}: unknown event \"{name}\"")]
    UnknownEvent { name: String, line: u32 },
    #[error("the file defines no gate")]
    NoGate,
    #[error("the imported graph is not valid: {0}")]
    Model(#[from] ModelError),
    #[error("a fault tree has no cycles, and this graph has one: {}", cycle.iter().map(NodeId::as_str).collect::<Vec<_>>().join(" → "))]
    Cyclic { cycle: Vec<NodeId> },
}

fn line_of(node: XmlNode) -> u32 {
    node.document().text_pos_at(node.range().start).row
}

fn attribute<'a>(node: XmlNode<'a, '_>, name: &'static str) -> Result<&'a str, MefError> {
    node.attribute(name).ok_or_else(|| MefError::MissingAttribute {
        element: node.tag_name().name().to_owned(),
        attribute: name,
        line: line_of(node),
    })
}

fn unsupported(node: XmlNode) -> MefError {
    MefError::Unsupported { construct: node.tag_name().name().to_owned(), line: line_of(node) }
}

/// What a reference points at, once every definition is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EventKind {
    Gate,
    Basic,
    House,
}

/// A gate's formula, flattened: a connective over references.
struct GateDefinition<'a, 'input> {
    name: String,
    /// The `<define-gate>` (or the nested formula) it comes from.
    element: XmlNode<'a, 'input>,
    formula: XmlNode<'a, 'input>,
}

/// Reads a MEF fault tree as a Blackout document (version 1), checked.
pub fn read(text: &str) -> Result<ValidDocument, MefError> {
    let xml = roxmltree::Document::parse(text).map_err(|e| MefError::Xml { line: e.pos().row, message: e.to_string() })?;
    let root = xml.root_element();
    if root.tag_name().name() != "opsa-mef" {
        return Err(MefError::NotMef { line: line_of(root), found: root.tag_name().name().to_owned() });
    }
    let mut gates: Vec<GateDefinition> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let mut kinds: HashMap<String, (EventKind, u32)> = HashMap::new();
    let mut title = root.attribute("name").unwrap_or_default().to_owned();
    collect(root, &mut gates, &mut nodes, &mut kinds, &mut title)?;
    if gates.is_empty() {
        return Err(MefError::NoGate);
    }
    // Nested formulas become gates of their own, breadth first.
    let mut index = 0;
    while index < gates.len() {
        let (name, formula) = (gates[index].name.clone(), gates[index].formula);
        let mut nested = 0;
        for child in formula.children().filter(XmlNode::is_element) {
            if is_connective(child) {
                nested += 1;
                let nested_name = format!("{name}.{nested}");
                if kinds.insert(nested_name.clone(), (EventKind::Gate, line_of(child))).is_some() {
                    return Err(MefError::Duplicate { name: nested_name, line: line_of(child) });
                }
                gates.push(GateDefinition { name: nested_name, element: child, formula: child });
            }
        }
        index += 1;
    }
    let mut referenced: HashMap<String, bool> = HashMap::new();
    let mut gate_nodes = Vec::with_capacity(gates.len());
    for gate in &gates {
        let node = gate_node(gate, &kinds, &mut referenced)?;
        gate_nodes.push(node);
    }
    for node in &mut gate_nodes {
        let top = !referenced.contains_key(node.id.as_str());
        if top && !has_kind_attribute(&gates, node) {
            node.kind = Kind::Feature;
        }
    }
    gate_nodes.extend(nodes);
    let document = Document { title, nodes: gate_nodes, ..Document::default() };
    Ok(ValidDocument::new(document)?)
}

fn has_kind_attribute(gates: &[GateDefinition], node: &Node) -> bool {
    gates.iter().any(|g| g.name == node.id.as_str() && blackout_attribute(g.element, "blackout-kind").is_some())
}

/// Gathers definitions from fault trees, components and model data.
fn collect<'a, 'input>(
    container: XmlNode<'a, 'input>,
    gates: &mut Vec<GateDefinition<'a, 'input>>,
    nodes: &mut Vec<Node>,
    kinds: &mut HashMap<String, (EventKind, u32)>,
    title: &mut String,
) -> Result<(), MefError> {
    for element in container.children().filter(XmlNode::is_element) {
        let line = line_of(element);
        let mut define = |name: &str, kind: EventKind| match kinds.insert(name.to_owned(), (kind, line)) {
            Some(_) => Err(MefError::Duplicate { name: name.to_owned(), line }),
            None => Ok(()),
        };
        match element.tag_name().name() {
            "define-fault-tree" | "define-component" | "model-data" => {
                if title.is_empty() {
                    *title = element.attribute("name").unwrap_or_default().to_owned();
                }
                collect(element, gates, nodes, kinds, title)?;
            }
            "label" | "attributes" => {}
            "define-gate" => {
                let name = attribute(element, "name")?;
                define(name, EventKind::Gate)?;
                let formula = definition_body(element)?;
                gates.push(GateDefinition { name: name.to_owned(), element, formula });
            }
            "define-basic-event" => {
                let name = attribute(element, "name")?;
                define(name, EventKind::Basic)?;
                let p = constant_probability(element)?;
                let mut node = event_node(element, name, Kind::Provider);
                node.availability = Some(1.0 - p);
                nodes.push(node);
            }
            "define-house-event" => {
                let name = attribute(element, "name")?;
                define(name, EventKind::House)?;
                if let Some(value) = definition_body_optional(element)? {
                    if value.tag_name().name() != "constant" || attribute(value, "value")? != "false" {
                        return Err(MefError::Invalid {
                            message: format!("house event \"{name}\" must be false: one that is true has failed for sure, which a Blackout node cannot be"),
                            line: line_of(value),
                        });
                    }
                }
                nodes.push(event_node(element, name, Kind::Provider));
            }
            _ => return Err(unsupported(element)),
        }
    }
    Ok(())
}

/// A node for an event, with its label and Blackout attributes.
fn event_node(element: XmlNode, name: &str, default_kind: Kind) -> Node {
    let kind = blackout_attribute(element, "blackout-kind")
        .and_then(|k| Kind::ALL.into_iter().find(|kind| kind.as_str() == k))
        .unwrap_or(default_kind);
    let mut node = Node::new(name, kind);
    node.label = element
        .children()
        .find(|c| c.has_tag_name("label"))
        .and_then(|l| l.text())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    node.users = blackout_attribute(element, "blackout-users").and_then(|u| u.parse().ok()).unwrap_or(0);
    node
}

fn blackout_attribute<'a>(element: XmlNode<'a, '_>, name: &str) -> Option<&'a str> {
    let attributes = element.children().find(|c| c.has_tag_name("attributes"))?;
    let attribute = attributes.children().find(|a| a.has_tag_name("attribute") && a.attribute("name") == Some(name))?;
    attribute.attribute("value")
}

/// The one element of a definition besides its label and attributes.
fn definition_body_optional<'a, 'input>(element: XmlNode<'a, 'input>) -> Result<Option<XmlNode<'a, 'input>>, MefError> {
    let mut body = element.children().filter(|c| c.is_element() && !c.has_tag_name("label") && !c.has_tag_name("attributes"));
    let first = body.next();
    if let Some(extra) = body.next() {
        return Err(MefError::Invalid {
            message: format!("<{}> has more than one formula", element.tag_name().name()),
            line: line_of(extra),
        });
    }
    Ok(first)
}

fn definition_body<'a, 'input>(element: XmlNode<'a, 'input>) -> Result<XmlNode<'a, 'input>, MefError> {
    definition_body_optional(element)?.ok_or_else(|| MefError::Invalid {
        message: format!("<{}> has no formula", element.tag_name().name()),
        line: line_of(element),
    })
}

/// A basic event's probability: a `<float>` constant in [0, 1).
fn constant_probability(element: XmlNode) -> Result<f64, MefError> {
    let name = attribute(element, "name")?;
    let Some(value) = definition_body_optional(element)? else {
        return Err(MefError::Invalid { message: format!("basic event \"{name}\" has no probability"), line: line_of(element) });
    };
    if value.tag_name().name() != "float" {
        return Err(unsupported(value));
    }
    let text = attribute(value, "value")?;
    let p: f64 = text.trim().parse().map_err(|_| MefError::Invalid {
        message: format!("basic event \"{name}\": \"{text}\" is not a number"),
        line: line_of(value),
    })?;
    if !(0.0..1.0).contains(&p) {
        return Err(MefError::Invalid {
            message: format!("basic event \"{name}\": probability {p} must be at least 0 and below 1 (availability = 1 − p must be above 0)"),
            line: line_of(value),
        });
    }
    Ok(p)
}

fn is_connective(node: XmlNode) -> bool {
    matches!(node.tag_name().name(), "and" | "or" | "atleast")
}

/// The Blackout node of a gate: its requirement and its references.
fn gate_node(
    gate: &GateDefinition,
    kinds: &HashMap<String, (EventKind, u32)>,
    referenced: &mut HashMap<String, bool>,
) -> Result<Node, MefError> {
    let formula = gate.formula;
    let (operands, connective): (Vec<XmlNode>, &str) = if is_connective(formula) {
        (formula.children().filter(XmlNode::is_element).collect(), formula.tag_name().name())
    } else {
        // A gate defined as a single event: it fails when that event does.
        (vec![formula], "or")
    };
    let mut depends_on: Vec<NodeId> = Vec::with_capacity(operands.len());
    let mut nested = 0;
    for operand in &operands {
        let name = if is_connective(*operand) {
            nested += 1;
            format!("{}.{nested}", gate.name)
        } else {
            reference(*operand, kinds)?
        };
        referenced.insert(name.clone(), true);
        let id = NodeId::new(name);
        if depends_on.contains(&id) {
            if connective == "atleast" {
                return Err(MefError::Invalid {
                    message: format!("gate \"{}\" counts \"{id}\" twice in an atleast", gate.name),
                    line: line_of(*operand),
                });
            }
            // Repeating an operand of and / or changes nothing.
            continue;
        }
        depends_on.push(id);
    }
    let n = depends_on.len();
    // t: how many operands must fail for the gate to fail.
    let failing = match connective {
        "or" => 1,
        "and" => n,
        _ => {
            let text = attribute(formula, "min")?;
            let k: usize = text.trim().parse().map_err(|_| MefError::Invalid {
                message: format!("atleast min=\"{text}\" is not a whole number"),
                line: line_of(formula),
            })?;
            if k == 0 || k > n {
                return Err(MefError::Invalid {
                    message: format!("atleast min=\"{k}\" must be between 1 and its {n} operands"),
                    line: line_of(formula),
                });
            }
            k
        }
    };
    let needed = n + 1 - failing;
    let mut node = event_node(gate.element, &gate.name, Kind::Service);
    node.requires = if needed == n {
        Requirement::All
    } else if needed == 1 {
        Requirement::Any
    } else {
        Requirement::AtLeast(needed as u32)
    };
    node.depends_on = depends_on;
    Ok(node)
}

/// The name an operand refers to: `<gate>`, `<basic-event>`, `<house-event>`
/// or `<event>` naming something defined.
fn reference(operand: XmlNode, kinds: &HashMap<String, (EventKind, u32)>) -> Result<String, MefError> {
    let expected = match operand.tag_name().name() {
        "gate" => Some(EventKind::Gate),
        "basic-event" => Some(EventKind::Basic),
        "house-event" => Some(EventKind::House),
        "event" => None,
        _ => return Err(unsupported(operand)),
    };
    let name = attribute(operand, "name")?;
    match kinds.get(name) {
        Some((kind, _)) if expected.is_none_or(|e| e == *kind) => Ok(name.to_owned()),
        Some((kind, _)) => Err(MefError::Invalid {
            message: format!("\"{name}\" is referred to as <{}> but defined as a {kind:?}", operand.tag_name().name()),
            line: line_of(operand),
        }),
        None => Err(MefError::UnknownEvent { name: name.to_owned(), line: line_of(operand) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::risk::{analyze, RiskOptions};
    use crate::export::mef::write;

    fn fixture(name: &str) -> String {
        let path = format!("{}/tests/fixtures/mef/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).expect("fixture exists")
    }

    /// Top-event probability and minimal cut sets (all orders up to 8) of the first top gate.
    fn published_answers(text: &str) -> (f64, Vec<Vec<String>>) {
        let document = read(text).expect("reads");
        let graph = document.graph();
        let report = analyze(graph, RiskOptions { order: 8, ..RiskOptions::default() });
        let top = &report.features[0];
        let events: Vec<Vec<String>> = top
            .cut_sets
            .as_ref()
            .unwrap()
            .iter()
            // Cut sets over basic events only, as fault-tree tools list them.
            .filter(|set| set.nodes().iter().all(|&v| graph.availability(v).is_some()))
            .map(|set| {
                let mut ids: Vec<String> = set.nodes().iter().map(|&v| graph.id(v).to_string()).collect();
                ids.sort();
                ids
            })
            .collect();
        (1.0 - top.availability.exact().unwrap(), events)
    }

    fn sets(list: &[&[&str]]) -> Vec<Vec<String>> {
        let mut sets: Vec<Vec<String>> =
            list.iter().map(|s| s.iter().map(|id| id.to_string()).collect()).collect();
        sets.sort();
        sets
    }

    #[test]
    fn two_train_matches_the_published_results() {
        let (q, mut cut_sets) = published_answers(&fixture("two-train.xml"));
        assert!((q - 0.7225).abs() < 1e-12, "{q}");
        cut_sets.sort();
        let expected: &[&[&str]] =
            &[&["ValveOne", "ValveTwo"], &["PumpTwo", "ValveOne"], &["PumpOne", "ValveTwo"], &["PumpOne", "PumpTwo"]];
        assert_eq!(cut_sets, sets(expected));
    }

    #[test]
    fn theatre_matches_the_published_results() {
        let (q, mut cut_sets) = published_answers(&fixture("theatre.xml"));
        assert!((q - 0.00207).abs() < 1e-12, "{q}");
        cut_sets.sort();
        assert_eq!(cut_sets, sets(&[&["Gen_Fail", "Mains_Fail"], &["Mains_Fail", "Relay_Fail"]]));
    }

    #[test]
    fn atleast_matches_the_published_results() {
        let (q, mut cut_sets) = published_answers(&fixture("atleast.xml"));
        assert!((q - 0.098).abs() < 1e-12, "{q}");
        cut_sets.sort();
        assert_eq!(cut_sets, sets(&[&["A", "B"], &["A", "C"], &["B", "C"]]));
    }

    #[test]
    fn gates_map_to_requirements() {
        let document = read(&fixture("theatre.xml")).unwrap();
        let theatre = document.node(&"Theatre".into()).unwrap();
        assert_eq!((theatre.kind, theatre.requires, theatre.label()), (Kind::Feature, Requirement::Any, "No light on stage"));
        assert_eq!(theatre.depends_on, vec![NodeId::from("Mains_Fail"), NodeId::from("Theatre.1")]);
        let nested = document.node(&"Theatre.1".into()).unwrap();
        assert_eq!((nested.kind, nested.requires), (Kind::Service, Requirement::All));
        let mains = document.node(&"Mains_Fail".into()).unwrap();
        assert!((mains.availability.unwrap() - 0.97).abs() < 1e-15);
        let document = read(&fixture("atleast.xml")).unwrap();
        // Fails when 2 of 3 fail: runs while 2 of 3 run.
        assert_eq!(document.node(&"TopEvent".into()).unwrap().requires, Requirement::AtLeast(2));
        assert_eq!(document.node(&"Maintenance".into()).unwrap().availability, None);
    }

    #[test]
    fn round_trips_through_blackout() {
        for name in ["two-train.xml", "theatre.xml", "atleast.xml"] {
            let first = read(&fixture(name)).unwrap();
            let again = read(&write(&first).unwrap()).unwrap();
            assert_eq!(first.nodes.len(), again.nodes.len(), "{name}");
            for node in &first.nodes {
                let other = again.node(&node.id).expect("same ids");
                assert_eq!((&node.kind, &node.requires, &node.depends_on, &node.label), (&other.kind, &other.requires, &other.depends_on, &other.label), "{name}");
                let close = match (node.availability, other.availability) {
                    (Some(a), Some(b)) => (a - b).abs() < 1e-15,
                    (a, b) => a == b,
                };
                assert!(close, "{name}: {}", node.id);
            }
        }
    }

    #[test]
    fn a_blackout_document_round_trips_with_users_and_own_failures() {
        let example = crate::format::parse(include_str!("../../assets/examples/two-regions.json")).unwrap();
        let document = example.into_document();
        let text = write(&document).unwrap();
        let back = read(&text).unwrap();
        for node in &document.nodes {
            let other = back.node(&node.id).expect("every node comes back");
            assert_eq!((node.kind, node.users, &node.depends_on, node.requires), (other.kind, other.users, &other.depends_on, other.requires), "{}", node.id);
        }
        // A node that fails on its own and has dependencies: an or of its own event and its requirement.
        let mut with_own = document.clone();
        with_own.nodes[0].availability = Some(0.99);
        let back = read(&write(&with_own).unwrap()).unwrap();
        let before = analyze(ValidDocument::new(with_own).unwrap().graph(), RiskOptions::default());
        let after = analyze(back.graph(), RiskOptions::default());
        let id = &document.nodes[0].id;
        let after_feature = after.features.iter().find(|f| back.graph().id(f.feature) == id).unwrap();
        assert!((before.features[0].availability.exact().unwrap() - after_feature.availability.exact().unwrap()).abs() < 1e-12);
    }

    #[test]
    fn refuses_what_it_cannot_model_naming_the_construct_and_line() {
        let not_gate = "<opsa-mef><define-fault-tree name=\"t\">\n<define-gate name=\"g\">\n<not><basic-event name=\"a\"/></not>\n</define-gate>\n<define-basic-event name=\"a\"><float value=\"0.1\"/></define-basic-event></define-fault-tree></opsa-mef>";
        assert_eq!(read(not_gate).unwrap_err(), MefError::Unsupported { construct: "not".into(), line: 3 });
        let ccf = "<opsa-mef>\n<define-CCF-group name=\"pumps\" model=\"beta-factor\"/></opsa-mef>";
        assert_eq!(read(ccf).unwrap_err(), MefError::Unsupported { construct: "define-CCF-group".into(), line: 2 });
        let parameter = "<opsa-mef><define-fault-tree name=\"t\"><define-gate name=\"g\"><or><basic-event name=\"a\"/></or></define-gate>\n<define-basic-event name=\"a\">\n<parameter name=\"lambda\"/></define-basic-event></define-fault-tree></opsa-mef>";
        assert_eq!(read(parameter).unwrap_err(), MefError::Unsupported { construct: "parameter".into(), line: 3 });
        for construct in ["xor", "nand", "nor", "iff", "imply"] {
            let text = format!("<opsa-mef><define-fault-tree name=\"t\"><define-gate name=\"g\"><{construct}><house-event name=\"h\"/></{construct}></define-gate><define-house-event name=\"h\"/></define-fault-tree></opsa-mef>");
            let error = read(&text).unwrap_err();
            assert!(error.to_string().contains(&format!("<{construct}> is not supported")), "{error}");
        }
        let unknown = "<opsa-mef><define-fault-tree name=\"t\"><define-gate name=\"g\">\n<or><event name=\"ghost\"/></or></define-gate></define-fault-tree></opsa-mef>";
        assert_eq!(read(unknown).unwrap_err().to_string(), "line 2: unknown event \"ghost\"");
        let certain = "<opsa-mef><define-fault-tree name=\"t\"><define-gate name=\"g\"><or><basic-event name=\"a\"/></or></define-gate><define-basic-event name=\"a\"><float value=\"1\"/></define-basic-event></define-fault-tree></opsa-mef>";
        assert!(read(certain).unwrap_err().to_string().contains("probability 1 must be at least 0 and below 1"));
        assert!(matches!(read("<opsa-mef>").unwrap_err(), MefError::Xml { .. }));
    }

    #[test]
    fn refuses_to_write_the_kakao_example_naming_its_cycle() {
        let kakao = crate::format::parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap();
        let MefError::Cyclic { cycle } = write(&kakao).unwrap_err() else { panic!("a cycle") };
        assert_eq!(cycle.first(), cycle.last());
        for pair in cycle.windows(2) {
            assert!(kakao.node(&pair[0]).unwrap().depends_on.contains(&pair[1]), "{cycle:?}");
        }
    }

    #[test]
    fn refuses_to_write_a_cycle_and_names_it() {
        let document = crate::format::parse(
            r#"{"version": 1, "nodes": [
                {"id": "f", "kind": "feature", "depends_on": ["a"]},
                {"id": "a", "kind": "service", "depends_on": ["b"]},
                {"id": "b", "kind": "service", "depends_on": ["a"]}
            ]}"#,
        )
        .unwrap();
        assert_eq!(write(&document).unwrap_err().to_string(), "a fault tree has no cycles, and this graph has one: a → b → a");
    }
}
