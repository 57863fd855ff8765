//! Stored scenarios (named failure sets) as document edits: add, rename,
//! delete. They change neither the layout nor the analysis (scope
//! `PRESENTATION`). Names are trimmed, must not be empty, and must differ
//! from the other scenarios' names, so that a person can tell them apart in
//! a menu, a comparison and the report. Scenarios are told apart by their
//! position, because a file may already hold two with the same name.

use super::{finish, EditError, Edited};
use crate::editor::snapshot::Scope;
use crate::model::{Document, NodeId, Scenario};
use std::collections::HashSet;

/// A name no scenario has yet, made from `wanted`: "Pangyo fails", then
/// "Pangyo fails (2)", "(3)", ….
pub fn unique_name(document: &Document, wanted: &str) -> String {
    let taken = |name: &str| document.scenarios.iter().any(|s| s.name == name);
    if !taken(wanted) {
        return wanted.to_owned();
    }
    (2..).map(|n| format!("{wanted} ({n})")).find(|name| !taken(name)).expect("some number is free")
}

/// A name for a failure set, from what failed, in document order:
/// "SK C&C Pangyo fails", "A and B fail", "A, B and 3 more fail".
pub fn name_for(document: &Document, failed: &[NodeId]) -> String {
    let failed: HashSet<&NodeId> = failed.iter().collect();
    let labels: Vec<&str> = document.nodes.iter().filter(|n| failed.contains(&n.id)).map(|n| n.label()).collect();
    let wanted = match labels.as_slice() {
        [] => "Nothing fails".to_owned(),
        [one] => format!("{one} fails"),
        [a, b] => format!("{a} and {b} fail"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more fail", rest.len()),
    };
    unique_name(document, &wanted)
}

/// The name trimmed, refused when empty or when another scenario (not the
/// one at `except`) has it.
fn checked_name(document: &Document, name: &str, except: Option<usize>) -> Result<String, EditError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(EditError::ScenarioNameEmpty);
    }
    if document.scenarios.iter().enumerate().any(|(i, s)| Some(i) != except && s.name == name) {
        return Err(EditError::ScenarioNameTaken(name.to_owned()));
    }
    Ok(name.to_owned())
}

pub(super) fn add(before: &Document, name: &str, fail: &[NodeId]) -> Result<Option<Edited>, EditError> {
    if fail.is_empty() {
        return Err(EditError::NothingFailed);
    }
    // Stored in document order, once each, so that equal sets read the same. O(n).
    let wanted: HashSet<&NodeId> = fail.iter().collect();
    let ordered: Vec<NodeId> = before.nodes.iter().filter(|n| wanted.contains(&n.id)).map(|n| n.id.clone()).collect();
    if ordered.len() < wanted.len() {
        let known: HashSet<&NodeId> = ordered.iter().collect();
        let missing = fail.iter().find(|id| !known.contains(id)).expect("one is missing");
        return Err(EditError::UnknownNode(missing.clone()));
    }
    let name = checked_name(before, name, None)?;
    let mut next = before.clone();
    next.scenarios.push(Scenario { name, fail: ordered });
    finish(before, next, Scope::PRESENTATION, false, None)
}

pub(super) fn rename(before: &Document, index: usize, name: &str) -> Result<Option<Edited>, EditError> {
    let current = before.scenarios.get(index).ok_or(EditError::UnknownScenario(index))?;
    if current.name == name.trim() {
        return Ok(None);
    }
    let name = checked_name(before, name, Some(index))?;
    let mut next = before.clone();
    next.scenarios[index].name = name;
    finish(before, next, Scope::PRESENTATION, false, None)
}

pub(super) fn delete(before: &Document, index: usize) -> Result<Option<Edited>, EditError> {
    if index >= before.scenarios.len() {
        return Err(EditError::UnknownScenario(index));
    }
    let mut next = before.clone();
    next.scenarios.remove(index);
    finish(before, next, Scope::PRESENTATION, false, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::edit::{apply, Edit};
    use crate::editor::snapshot::Snapshot;
    use crate::format::parse;

    const DOC: &str = r#"{"version": 1, "nodes": [
        {"id": "f", "kind": "feature", "users": 5, "depends_on": ["a", "b"]},
        {"id": "a", "label": "DC A", "kind": "datacenter"},
        {"id": "b", "label": "DC B", "kind": "datacenter"},
        {"id": "c", "label": "DC C", "kind": "datacenter"}
    ], "scenarios": [{"name": "A fire", "fail": ["a"]}]}"#;

    fn snapshot() -> Snapshot {
        Snapshot::new(parse(DOC).unwrap(), 1)
    }

    fn edited(edit: Edit) -> Result<Document, EditError> {
        apply(&snapshot(), &edit).map(|e| e.expect("a change").document.document().clone())
    }

    #[test]
    fn names_say_what_fails_and_never_repeat() {
        let doc = parse(DOC).unwrap();
        let ids = |ids: &[&str]| ids.iter().map(|&i| NodeId::from(i)).collect::<Vec<_>>();
        assert_eq!(name_for(&doc, &ids(&["a"])), "DC A fails");
        assert_eq!(name_for(&doc, &ids(&["b", "a"])), "DC A and DC B fail", "document order");
        assert_eq!(name_for(&doc, &ids(&["c", "b", "a", "f"])), "f, DC A and 2 more fail");
        assert_eq!(unique_name(&doc, "A fire"), "A fire (2)");
        assert_eq!(unique_name(&doc, "B fire"), "B fire");
    }

    #[test]
    fn add_rename_delete() {
        let added = edited(Edit::AddScenario { name: "  Both  ".into(), fail: vec!["b".into(), "a".into(), "b".into()] }).unwrap();
        assert_eq!(added.scenarios[1], Scenario { name: "Both".into(), fail: vec!["a".into(), "b".into()] });
        let renamed = edited(Edit::RenameScenario { index: 0, name: "Pangyo".into() }).unwrap();
        assert_eq!(renamed.scenarios[0].name, "Pangyo");
        assert!(edited(Edit::DeleteScenario(0)).unwrap().scenarios.is_empty());
        assert!(apply(&snapshot(), &Edit::RenameScenario { index: 0, name: " A fire ".into() }).unwrap().is_none(), "no change");
    }

    #[test]
    fn refusals_name_the_problem() {
        assert_eq!(edited(Edit::AddScenario { name: "x".into(), fail: vec![] }), Err(EditError::NothingFailed));
        assert_eq!(edited(Edit::AddScenario { name: " ".into(), fail: vec!["a".into()] }), Err(EditError::ScenarioNameEmpty));
        assert_eq!(edited(Edit::AddScenario { name: "A fire".into(), fail: vec!["b".into()] }), Err(EditError::ScenarioNameTaken("A fire".into())));
        assert_eq!(edited(Edit::AddScenario { name: "x".into(), fail: vec!["ghost".into()] }), Err(EditError::UnknownNode("ghost".into())));
        assert_eq!(edited(Edit::RenameScenario { index: 3, name: "x".into() }), Err(EditError::UnknownScenario(3)));
        assert_eq!(edited(Edit::DeleteScenario(1)).unwrap_err().to_string(), "There is no scenario number 2.");
    }
}
