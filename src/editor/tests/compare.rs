//! Compare: the map against a file or the last saved version, as editor
//! state that is no undo step, ends with a load, and whose diff is memoised.

use super::*;
use std::rc::Rc;

/// SMALL with the shop on a second site too (requires any): no single point of failure.
const REDUNDANT: &str = r#"{"version": 1, "title": "Shop", "nodes": [
    {"id": "shop", "label": "Web shop", "kind": "feature", "users": 100, "requires": "any", "depends_on": ["api", "db"]},
    {"id": "api", "kind": "service", "depends_on": ["dc"]},
    {"id": "db", "kind": "datastore", "depends_on": ["dc"]},
    {"id": "dc", "kind": "datacenter"},
    {"id": "grid", "kind": "provider"},
    {"id": "old", "kind": "service"}
]}"#;

fn ids(list: &[NodeId]) -> Vec<&str> {
    list.iter().map(NodeId::as_str).collect()
}

fn spof_ids(list: &[crate::diff::SpofEntry]) -> Vec<&str> {
    list.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn comparing_with_a_file_says_what_it_would_change_and_can_be_read_the_other_way() {
    let mut e = editor(SMALL);
    let before = e.snapshot().clone();
    let update = e.apply(Action::CompareWith { document: doc(REDUNDANT), source: Source::File("redundant.json".into()) });
    assert!(update.changed(Part::Comparison) && update.changed(Part::Panel));
    assert!(update.effects.is_empty(), "nothing stored");
    assert_eq!(e.panel(), Panel::Compare);
    assert!(e.snapshot().same(&before) && !e.can_undo(), "the map is untouched and no undo step is made");
    let comparison = e.comparison().unwrap();
    assert_eq!((comparison.against(), comparison.direction()), (&Against::File("redundant.json".into()), Direction::OtherChanges));
    let compared = e.compared().unwrap();
    let delta = &compared.diff;
    // From the map (BASE) to the file (HEAD): the file adds "old" and a spare path.
    assert_eq!((ids(&delta.nodes_added), ids(&delta.nodes_changed)), (vec!["old"], vec!["shop"]));
    assert!(delta.nodes_removed.is_empty() && delta.spofs_added.is_empty());
    assert_eq!(spof_ids(&delta.spofs_removed), ["api", "db"], "neither takes the shop down any more (dc still does)");
    assert_eq!(delta.spofs_removed[0].users, 100);
    // "old" is not on the map: the tab lists it; the map marks its own node.
    assert_eq!(*compared.marks, [(NodeId::from("shop"), DiffMark::Changed)].into_iter().collect());
    assert!(delta.measures.0.is_empty(), "neither version has recovery data or availabilities");

    // Read the other way: what the map changes from the file.
    let swap = e.apply(Action::SwapComparison);
    assert!(swap.changed(Part::Comparison) && !e.can_undo());
    assert_eq!(e.comparison().unwrap().direction(), Direction::MapChanges);
    let delta = &e.compared().unwrap().diff;
    assert_eq!(ids(&delta.nodes_removed), ["old"]);
    assert_eq!(spof_ids(&delta.spofs_added), ["api", "db"]);
}

#[test]
fn the_map_marks_its_own_nodes_whichever_way_the_diff_reads() {
    let mut e = editor(REDUNDANT);
    e.apply(Action::CompareWith { document: doc(SMALL), source: Source::File("small.json".into()) });
    // The file lacks "old": removed, and it is on the map.
    let marks = e.compared().unwrap().marks.clone();
    assert_eq!(marks.get(&NodeId::from("old")), Some(&DiffMark::Removed));
    assert_eq!(marks.get(&NodeId::from("shop")), Some(&DiffMark::Changed));
    e.apply(Action::SwapComparison);
    assert_eq!(e.compared().unwrap().marks.get(&NodeId::from("old")), Some(&DiffMark::Added));
}

#[test]
fn the_last_saved_version_is_the_work_as_opened_then_the_last_file_opened_or_saved() {
    let mut e = editor(SMALL);
    assert_eq!(e.saved_origin(), &Origin::PageOpened);
    e.apply(Action::Edit(Edit::Connect { dependent: "api".into(), dependency: "grid".into() }));
    e.apply(Action::CompareWithSaved);
    assert_eq!(e.comparison().unwrap().against(), &Against::Saved(Origin::PageOpened));
    assert_eq!(e.comparison().unwrap().direction(), Direction::MapChanges);
    assert_eq!(ids(&e.compared().unwrap().diff.nodes_changed), ["api"]);

    // Save: the map as it is becomes the saved version, and nothing differs from it.
    let save = e.apply(Action::Export(ExportFormat::Json));
    assert!(save.changed(Part::Comparison), "the tab says what the saved version is");
    assert_eq!(e.saved_origin(), &Origin::Saved);
    e.apply(Action::CompareWithSaved);
    assert!(e.compared().unwrap().diff.nodes_changed.is_empty());

    // Opening a file ends the comparison and makes the file the saved version.
    let source = Source::File("redundant.json".into());
    let load = e.apply(Action::Load { document: doc(REDUNDANT), source: source.clone() });
    assert!(load.changed(Part::Comparison));
    assert!(e.comparison().is_none());
    assert_eq!(e.saved_origin(), &Origin::Opened(source));
    e.apply(Action::Edit(Edit::Delete(vec!["old".into()])));
    e.apply(Action::CompareWithSaved);
    assert_eq!(ids(&e.compared().unwrap().diff.nodes_removed), ["old"]);
    // Undo keeps the comparison: the diff follows the map.
    e.apply(Action::Undo);
    assert!(e.compared().unwrap().diff.nodes_removed.is_empty());

    e.apply(Action::New);
    assert_eq!((e.saved_origin(), e.comparison().is_none()), (&Origin::New, true));
}

#[test]
fn stop_comparing_and_the_diff_is_memoised_on_the_revision() {
    let mut e = editor(SMALL);
    assert!(e.apply(Action::StopComparing).is_noop(), "nothing to stop");
    e.apply(Action::CompareWith { document: doc(REDUNDANT), source: Source::File("r.json".into()) });
    let first = e.compared().unwrap();
    assert!(Rc::ptr_eq(&first, &e.compared().unwrap()), "computed once for a revision");
    e.apply(Action::ToggleFailure("dc".into()));
    assert!(Rc::ptr_eq(&first, &e.compared().unwrap()), "failures do not change the diff");
    e.apply(Action::Edit(Edit::SetTitle("Shop, renamed".into())));
    let renamed = e.compared().unwrap();
    assert!(!Rc::ptr_eq(&first, &renamed) && *first == *renamed, "recomputed for the new revision, to the same diff");
    assert!(e.snapshot().has_analysis(), "the analysis memo of the snapshot was used");
    let stop = e.apply(Action::StopComparing);
    assert!(stop.changed(Part::Comparison) && e.comparison().is_none() && e.compared().is_none());
    assert_eq!(e.panel(), Panel::Compare, "the tab stays, ready for another comparison");
}

#[test]
fn measures_are_compared_when_a_version_has_recovery_hours() {
    let mut e = editor(SMALL);
    let slow = SMALL.replace(r#""kind": "datacenter"}"#, r#""kind": "datacenter", "recovery_hours": 12}"#);
    e.apply(Action::CompareWith { document: doc(&slow), source: Source::File("slow.json".into()) });
    let compared = e.compared().unwrap();
    let json = serde_json::to_value(&compared.diff).unwrap();
    // What the file would change: the shop would stay dark for 12 h after the data center fails.
    assert_eq!(json["restore_hours_changed"], serde_json::json!([{"id": "shop", "base": 0.0, "head": 12.0}]));
    assert!(json.get("availability_changed").is_none());
}

#[test]
fn going_back_to_ones_own_work_ends_the_comparison() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), Some(work(SMALL)), false));
    e.apply(Action::CompareWithSaved);
    assert!(e.comparison().is_some());
    e.apply(Action::BackToOwn);
    assert!(e.comparison().is_none());
    assert_eq!(e.saved_origin(), &Origin::PageOpened);
    assert_eq!(e.saved.snapshot.document().title, "Shop");
}

#[test]
fn the_embed_refuses_to_compare_and_to_export_new_formats() {
    let (mut embed, _) = Editor::start(startup(None, None, true));
    for action in [
        Action::CompareWith { document: doc(SMALL), source: Source::File("x.json".into()) },
        Action::CompareWithSaved,
        Action::SwapComparison,
        Action::StopComparing,
        Action::Export(ExportFormat::Dot),
        Action::Export(ExportFormat::Csv),
        Action::Export(ExportFormat::Mef),
        Action::Load { document: doc(SMALL), source: Source::File("catalog.yaml, infra.yaml".into()) },
    ] {
        assert!(embed.apply(action.clone()).is_noop(), "{action:?}");
    }
    assert!(embed.comparison().is_none());
}

#[test]
fn exports_to_dot_csv_and_mef_are_effects_and_not_saves() {
    let mut e = editor(SMALL);
    for format in [ExportFormat::Dot, ExportFormat::Csv, ExportFormat::Mef] {
        let update = e.apply(Action::Export(format));
        assert!(matches!(&update.effects[..], [Effect::Export { format: f, .. }] if *f == format));
        assert!(!update.changed_anything());
    }
    assert_eq!(e.saved_origin(), &Origin::PageOpened);
}
