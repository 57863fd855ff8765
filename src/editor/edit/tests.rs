use super::*;
use crate::analysis::single_points_of_failure;
use crate::format::parse;
use crate::layout::layout_document;

fn doc() -> ValidDocument {
    parse(
        r#"{"version": 1, "nodes": [
            {"id": "app", "kind": "feature", "users": 10, "depends_on": ["a", "b"]},
            {"id": "a", "kind": "service"},
            {"id": "b", "kind": "service"},
            {"id": "q", "kind": "datastore", "requires": {"at_least": 2}, "depends_on": ["a", "b"]}
        ], "scenarios": [{"name": "lose a", "fail": ["a"]}]}"#,
    )
    .unwrap()
}

fn run(document: &ValidDocument, edit: &Edit) -> Result<Option<Edited>, EditError> {
    apply(&Snapshot::new(document.clone(), 0), edit)
}

fn edited(document: &ValidDocument, edit: Edit) -> ValidDocument {
    run(document, &edit).unwrap().expect("the edit changes something").document
}

fn spof_ids(document: &ValidDocument) -> Vec<String> {
    let graph = document.graph();
    single_points_of_failure(graph).spofs.iter().map(|s| graph.id(s.node).to_string()).collect()
}

#[test]
fn add_gives_a_fresh_id_and_optional_position() {
    let added = run(&doc(), &Edit::AddNode { kind: Kind::Service, at: Some(Point { x: 5.0, y: 6.0 }) }).unwrap().unwrap();
    assert_eq!(added.added, Some(NodeId::from("service-1")));
    let node = added.document.nodes.last().unwrap();
    assert_eq!((node.x, node.y), (Some(5.0), Some(6.0)));
    let twice = edited(&added.document, Edit::AddNode { kind: Kind::Service, at: None });
    assert_eq!(twice.nodes.last().unwrap().id.as_str(), "service-2");
}

#[test]
fn connect_and_requires_any_make_and_remove_a_spof() {
    let d = edited(&doc(), Edit::AddNode { kind: Kind::Datacenter, at: None });
    let connect = |d: &ValidDocument, from: &str| edited(d, Edit::Connect { dependent: from.into(), dependency: "datacenter-1".into() });
    let d = connect(&connect(&d, "a"), "b");
    assert!(spof_ids(&d).contains(&"datacenter-1".to_owned()));
    let patch = NodePatch { requires: Some(Requirement::Any), ..NodePatch::default() };
    let d = edited(&d, Edit::Update { id: "app".into(), patch });
    assert!(spof_ids(&d).contains(&"datacenter-1".to_owned()), "a and b still share the data center");
    let d = edited(&d, Edit::Disconnect { dependent: "b".into(), dependency: "datacenter-1".into() });
    assert!(!spof_ids(&d).contains(&"datacenter-1".to_owned()));
}

#[test]
fn refusals_are_typed_and_name_the_nodes() {
    let d = doc();
    assert_eq!(run(&d, &Edit::Connect { dependent: "a".into(), dependency: "a".into() }).unwrap_err(), EditError::SelfDependency("a".into()));
    assert_eq!(
        run(&d, &Edit::Connect { dependent: "app".into(), dependency: "a".into() }).unwrap_err(),
        EditError::AlreadyDepends { dependent: "app".into(), dependency: "a".into() }
    );
    assert_eq!(run(&d, &Edit::Connect { dependent: "app".into(), dependency: "zz".into() }).unwrap_err(), EditError::UnknownNode("zz".into()));
    assert!(matches!(run(&d, &Edit::Disconnect { dependent: "a".into(), dependency: "b".into() }), Err(EditError::NotDependent { .. })));
    let patch = NodePatch { requires: Some(Requirement::AtLeast(3)), ..NodePatch::default() };
    let err = run(&d, &Edit::Update { id: "q".into(), patch }).unwrap_err();
    assert!(matches!(err, EditError::Model(_)));
    assert_eq!(err.to_string(), "node \"q\": requires at_least 3, but it has 2 dependencies (k must be between 1 and 2)");
}

#[test]
fn delete_removes_references_keeps_quorums_valid_and_says_so() {
    let done = run(&doc(), &Edit::Delete(vec!["a".into()])).unwrap().unwrap();
    let d = &done.document;
    assert!(d.node(&"a".into()).is_none());
    assert_eq!(d.node(&"app".into()).unwrap().depends_on, vec![NodeId::from("b")]);
    assert_eq!(d.node(&"q".into()).unwrap().requires, Requirement::AtLeast(1));
    assert!(d.scenarios[0].fail.is_empty());
    let changed: Vec<&str> = done.requirement_changes.iter().map(|c| c.node.as_str()).collect();
    assert_eq!(changed, ["q"], "app needs all of what is left: no change of meaning");
    let d = edited(d, Edit::Delete(vec!["b".into()]));
    assert_eq!(d.node(&"q".into()).unwrap().requires, Requirement::All);
}

#[test]
fn deleting_one_of_three_sites_under_two_of_three_is_reported() {
    let d = parse(
        r#"{"version": 1, "nodes": [
            {"id": "shop", "kind": "feature", "users": 5, "depends_on": ["db"]},
            {"id": "db", "label": "Orders DB", "kind": "datastore", "requires": {"at_least": 2}, "depends_on": ["s1", "s2", "s3"]},
            {"id": "s1", "kind": "datacenter"}, {"id": "s2", "kind": "datacenter"}, {"id": "s3", "kind": "datacenter"}]}"#,
    )
    .unwrap();
    let done = run(&d, &Edit::Delete(vec!["s3".into()])).unwrap().unwrap();
    assert_eq!(done.requirement_changes.len(), 1);
    assert_eq!(done.requirement_changes[0].to_string(), "Orders DB needed 2 of 3 and now needs 2 of 2: it survived 1 failure, now no failure");
}

#[test]
fn no_ops_are_detected_where_they_happen() {
    let d = doc();
    let same_label = NodePatch { label: Some("a".into()), ..NodePatch::default() };
    assert!(run(&d, &Edit::Update { id: "a".into(), patch: same_label }).unwrap().is_none());
    assert!(run(&d, &Edit::AutoLayout { everything: true }).unwrap().is_none(), "nothing placed: nothing to forget");
    assert!(run(&d, &Edit::SetTitle(String::new())).unwrap().is_none());
    let pinned = edited(&d, Edit::AutoLayout { everything: false });
    assert!(run(&pinned, &Edit::AutoLayout { everything: false }).unwrap().is_none());
    let at = Point { x: pinned.nodes[1].x.unwrap(), y: pinned.nodes[1].y.unwrap() };
    assert!(run(&pinned, &Edit::Move(vec![("a".into(), at)])).unwrap().is_none());
}

#[test]
fn scopes_say_what_may_have_changed() {
    let d = doc();
    let relabel = NodePatch { label: Some("Payments".into()), notes: Some(Some("n".into())), ..NodePatch::default() };
    assert_eq!(run(&d, &Edit::Update { id: "a".into(), patch: relabel }).unwrap().unwrap().scope, Scope::PRESENTATION);
    let users = NodePatch { users: Some(99), ..NodePatch::default() };
    assert_eq!(run(&d, &Edit::Update { id: "app".into(), patch: users }).unwrap().unwrap().scope, Scope::ANALYSIS);
    let moved = run(&d, &Edit::Move(vec![("a".into(), Point { x: 1.0, y: 1.0 })])).unwrap().unwrap();
    assert_eq!(moved.scope, Scope::POSITIONS);
}

#[test]
fn move_pins_the_others_and_auto_layout_forgets() {
    let before = layout_document(&doc(), doc().graph());
    let moved = edited(&doc(), Edit::Move(vec![("a".into(), Point { x: 10.0, y: 20.0 })]));
    assert_eq!(moved.node(&"a".into()).unwrap().x, Some(10.0));
    let b = moved.node(&"b".into()).unwrap();
    assert_eq!((b.x, b.y), (Some(before.positions[2].x), Some(before.positions[2].y)), "the others stay where they were drawn");
    let fresh = edited(&moved, Edit::AutoLayout { everything: true });
    assert!(fresh.nodes.iter().all(|n| n.x.is_none()));
    assert_eq!(run(&doc(), &Edit::Move(vec![("a".into(), Point { x: f64::NAN, y: 0.0 })])).unwrap_err(), EditError::OffTheMap("a".into()));
}
