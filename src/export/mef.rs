//! Open-PSA MEF fault trees written from a Blackout graph: the mapping of
//! [`crate::import::mef`] the other way, so a written tree reads back as the
//! same document. Refuses graphs with cycles (a fault tree has none) and names
//! one. A node that both fails on its own and has dependencies becomes a gate
//! `<or>` of a basic event `ID-own` and its requirement.

use crate::analysis::cycles;
use crate::import::mef::MefError;
use crate::model::{Document, Graph, Node, NodeId};
use crate::render::escape_xml as escape;
use std::fmt::Write;

/// Writes an acyclic document as a MEF fault tree.
pub fn write(document: &Document) -> Result<String, MefError> {
    let graph = Graph::build(document)?;
    let report = cycles(&graph);
    if let Some(&v) = report.self_dependencies.first() {
        return Err(MefError::Cyclic { cycle: vec![graph.id(v).clone(), graph.id(v).clone()] });
    }
    if let Some(component) = report.components.first() {
        // Walk dependencies inside the component until a node repeats: that loop is a cycle.
        let mut path = vec![component[0]];
        loop {
            let last = path[path.len() - 1];
            let next = graph.dependencies(last).iter().copied().find(|d| component.binary_search(d).is_ok());
            let Some(next) = next else { break };
            if let Some(start) = path.iter().position(|&p| p == next) {
                let mut cycle: Vec<NodeId> = path[start..].iter().map(|&p| graph.id(p).clone()).collect();
                cycle.push(graph.id(next).clone());
                return Err(MefError::Cyclic { cycle });
            }
            path.push(next);
        }
    }
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let title = if document.title.is_empty() { "Blackout" } else { &document.title };
    let _ = writeln!(out, "<opsa-mef>\n  <define-fault-tree name=\"{}\">", escape(title));
    let reference = |v: u32| -> String {
        let id = escape(graph.id(v).as_str());
        if !graph.dependencies(v).is_empty() {
            format!("<gate name=\"{id}\"/>")
        } else if graph.availability(v).is_some() {
            format!("<basic-event name=\"{id}\"/>")
        } else {
            format!("<house-event name=\"{id}\"/>")
        }
    };
    for v in graph.nodes().filter(|&v| !graph.dependencies(v).is_empty()) {
        let node = &document.nodes[v as usize];
        let _ = writeln!(out, "    <define-gate name=\"{}\">", escape(node.id.as_str()));
        write_annotations(&mut out, node);
        let n = graph.dependencies(v).len();
        let failing = n + 1 - graph.needed(v);
        let connective = if failing == 1 {
            "<or>".to_owned()
        } else if failing == n {
            "<and>".to_owned()
        } else {
            format!("<atleast min=\"{failing}\">")
        };
        let close = connective.trim_start_matches('<').split([' ', '>']).next().unwrap_or("or").to_owned();
        let own = node.availability.is_some();
        let indent = if own { "        " } else { "      " };
        if own {
            let _ = writeln!(out, "      <or>\n        <basic-event name=\"{}-own\"/>", escape(node.id.as_str()));
        }
        let _ = writeln!(out, "{indent}{connective}");
        for &d in graph.dependencies(v) {
            let _ = writeln!(out, "{indent}  {}", reference(d));
        }
        let _ = writeln!(out, "{indent}</{close}>");
        if own {
            let _ = writeln!(out, "      </or>");
        }
        let _ = writeln!(out, "    </define-gate>");
    }
    for v in graph.nodes() {
        let node = &document.nodes[v as usize];
        let Some(availability) = node.availability else {
            if graph.dependencies(v).is_empty() {
                let _ = writeln!(out, "    <define-house-event name=\"{}\">", escape(node.id.as_str()));
                write_annotations(&mut out, node);
                let _ = writeln!(out, "      <constant value=\"false\"/>\n    </define-house-event>");
            }
            continue;
        };
        let own = !graph.dependencies(v).is_empty();
        let name = if own { format!("{}-own", node.id) } else { node.id.to_string() };
        let _ = writeln!(out, "    <define-basic-event name=\"{}\">", escape(&name));
        if !own {
            write_annotations(&mut out, node);
        }
        let _ = writeln!(out, "      <float value=\"{}\"/>\n    </define-basic-event>", 1.0 - availability);
    }
    out.push_str("  </define-fault-tree>\n</opsa-mef>\n");
    Ok(out)
}

/// The label, kind and users of a node, as MEF annotations.
fn write_annotations(out: &mut String, node: &Node) {
    if let Some(label) = &node.label {
        let _ = writeln!(out, "      <label>{}</label>", escape(label));
    }
    let _ = writeln!(out, "      <attributes>\n        <attribute name=\"blackout-kind\" value=\"{}\"/>", node.kind);
    if node.users > 0 {
        let _ = writeln!(out, "        <attribute name=\"blackout-users\" value=\"{}\"/>", node.users);
    }
    let _ = writeln!(out, "      </attributes>");
}


