//! The executive view's actions (issue 9): scenarios as undoable edits, the
//! report, search, focus and fitting the view; and that the embed refuses
//! every one of them.

use super::*;
use crate::analysis::FocusDirection;
use crate::autosave::Restore;
use crate::layout::View;
use crate::model::Scenario;

/// A map wider than the 1000 × 800 viewport: 30 services in one row under a feature.
fn wide() -> String {
    let services: Vec<String> = (0..30).map(|i| format!(r#"{{"id": "s{i}", "label": "Service {i}", "kind": "service"}}"#)).collect();
    let ids: Vec<String> = (0..30).map(|i| format!(r#""s{i}""#)).collect();
    format!(
        r#"{{"version": 1, "title": "Wide", "nodes": [{{"id": "app", "kind": "feature", "users": 10, "depends_on": [{}]}}, {}]}}"#,
        ids.join(", "),
        services.join(", ")
    )
}

fn on_screen(editor: &Editor, id: &str) -> bool {
    let at = screen_of(editor, id);
    (0.0..=1000.0).contains(&at.x) && (0.0..=800.0).contains(&at.y)
}

#[test]
fn scenarios_are_undoable_edits_stored_with_the_work() {
    let mut e = editor(SMALL);
    e.apply(Action::ToggleFailure("dc".into()));
    let update = e.apply(Action::SaveFailuresAsScenario);
    assert!(update.changed(Part::Document));
    assert_eq!(e.document().scenarios, [Scenario { name: "dc fails".into(), fail: vec!["dc".into()] }]);
    let stored = autosaves(&update);
    assert_eq!(stored[0].0.scenarios.len(), 1, "stored with the work");
    assert!(crate::format::to_json(e.document()).contains(r#""name": "dc fails""#), "and in the file (and so in share links)");
    e.apply(Action::SaveFailuresAsScenario);
    assert_eq!(e.document().scenarios[1].name, "dc fails (2)", "names never repeat");

    e.apply(Action::Edit(Edit::RenameScenario { index: 0, name: "Site fire".into() }));
    e.apply(Action::Edit(Edit::DeleteScenario(1)));
    let names = |e: &Editor| e.document().scenarios.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(&e), ["Site fire"]);
    assert_eq!(e.undo_steps(), 4, "one step each");
    e.apply(Action::Undo);
    assert_eq!(names(&e), ["Site fire", "dc fails (2)"]);
    e.apply(Action::Undo);
    assert_eq!(names(&e), ["dc fails", "dc fails (2)"]);
    e.apply(Action::Redo);
    assert_eq!(names(&e), ["Site fire", "dc fails (2)"]);
    assert!(e.failed().contains(&NodeId::from("dc")), "failures are not touched");

    let before = e.snapshot().clone();
    e.apply(Action::Edit(Edit::RenameScenario { index: 0, name: "dc fails (2)".into() }));
    assert_eq!(e.message(), Some(&Message::Problem(Problem::Edit(EditError::ScenarioNameTaken("dc fails (2)".into())))));
    assert!(e.snapshot().same(&before), "a refused name changes nothing");
}

#[test]
fn saving_without_failures_says_why() {
    let mut e = editor(SMALL);
    e.apply(Action::SaveFailuresAsScenario);
    assert_eq!(e.message(), Some(&Message::Problem(Problem::Edit(EditError::NothingFailed))));
    assert!(e.document().scenarios.is_empty() && !e.can_undo());
}

#[test]
fn the_report_is_for_the_failures_or_a_scenario_and_is_downloaded_or_printed_as_effects() {
    let mut e = editor(SMALL);
    assert!(e.apply(Action::DownloadReport).is_noop() && e.apply(Action::PrintReport).is_noop(), "no report open");
    e.apply(Action::ToggleFailure("api".into()));
    e.apply(Action::SaveFailuresAsScenario);
    e.apply(Action::OpenReport(None));
    assert_eq!(e.dialog(), Some(&Dialog::Report { failed: vec!["api".into()], name: Some("api fails".into()) }), "named after the stored scenario");
    e.apply(Action::ToggleFailure("dc".into()));
    e.apply(Action::OpenReport(None));
    assert_eq!(e.dialog(), Some(&Dialog::Report { failed: vec!["api".into(), "dc".into()], name: None }));
    e.apply(Action::OpenReport(Some(0)));
    assert_eq!(e.dialog(), Some(&Dialog::Report { failed: vec!["api".into()], name: Some("api fails".into()) }));
    assert!(e.apply(Action::OpenReport(Some(7))).is_noop());
    let download = e.apply(Action::DownloadReport);
    assert!(matches!(&download.effects[..], [Effect::DownloadReport { failed, name: Some(name), .. }] if failed == &[NodeId::from("api")] && name == "api fails"));
    assert!(matches!(&e.apply(Action::PrintReport).effects[..], [Effect::PrintReport]));
    e.apply(Action::Escape);
    assert_eq!(e.dialog(), None);
}

#[test]
fn search_finds_as_you_type_and_enter_selects_and_reveals() {
    let mut e = editor(&wide());
    e.apply(Action::ShowPanel(Panel::Scenarios));
    assert!(e.apply(Action::SearchInput("s".into())).is_noop(), "typing needs the box open");
    assert!(e.apply(Action::OpenSearch).changed(Part::Search));
    assert!(e.apply(Action::OpenSearch).is_noop());
    e.apply(Action::SearchInput("service 2".into()));
    let hits: Vec<&str> = e.search().unwrap().hits.iter().map(NodeId::as_str).collect();
    assert_eq!(hits[0], "s2", "the exact name first");
    assert_eq!(hits.len(), SEARCH_HITS, "at most a screenful");
    e.apply(Action::SearchMove(-1));
    assert_eq!(e.search().unwrap().cursor, SEARCH_HITS - 1, "wraps around");
    e.apply(Action::SearchMove(1));
    assert_eq!(e.search().unwrap().current(), Some(&NodeId::from("s2")));
    let fitted = e.view().unwrap();
    assert!(fitted.scale < 0.8, "the whole wide map is small: {fitted:?}");

    let update = e.apply(Action::SearchPick(None));
    assert!(e.search().is_none(), "picking closes the box");
    assert_eq!(e.selection(), [NodeId::from("s2")]);
    assert_eq!(e.panel(), Panel::Risks, "the tab that describes the selected node");
    let view = e.view().unwrap();
    assert!(view.scale >= 0.8 && on_screen(&e, "s2"), "in view at a readable size: {view:?}");
    assert!(update.effects.iter().any(|effect| matches!(effect, Effect::SaveView(_))));
    // Already in view at that size: picking it again moves nothing.
    e.apply(Action::OpenSearch);
    e.apply(Action::SearchInput("S2".into()));
    e.apply(Action::SearchPick(Some(0)));
    assert_eq!(e.view(), Some(view));

    // Nothing found: Enter keeps the box open; Escape closes it before anything else.
    e.apply(Action::OpenSearch);
    e.apply(Action::SearchInput("zzz".into()));
    assert!(e.search().unwrap().hits.is_empty());
    assert!(e.apply(Action::SearchPick(None)).is_noop());
    e.apply(Action::Escape);
    assert!(e.search().is_none());
    assert_eq!(e.selection(), [NodeId::from("s2")], "the first Escape only closed the box");
}

#[test]
fn the_search_index_is_built_once_a_revision_and_follows_renames() {
    let mut e = editor(SMALL);
    let index = e.snapshot().search();
    assert!(std::rc::Rc::ptr_eq(&index, &e.snapshot().search()));
    e.apply(Action::OpenSearch);
    e.apply(Action::SearchInput("checkout".into()));
    assert!(e.search().unwrap().hits.is_empty());
    let patch = NodePatch { label: Some("Checkout".into()), ..NodePatch::default() };
    e.apply(Action::Edit(Edit::Update { id: "shop".into(), patch }));
    assert_eq!(e.search().unwrap().hits, [NodeId::from("shop")], "an open box finds in the new labels");
}

#[test]
fn focus_is_a_node_and_a_direction_and_escape_leaves_it() {
    let mut e = editor(SMALL);
    assert!(e.apply(Action::ToggleFocus(FocusDirection::Upstream)).is_noop(), "nothing selected");
    e.apply(Action::Select(Some("api".into())));
    assert!(e.apply(Action::ToggleFocus(FocusDirection::Upstream)).changed(Part::Focus));
    assert_eq!(e.focus(), Some(&Focus { node: "api".into(), direction: FocusDirection::Upstream }));
    e.apply(Action::ToggleFocus(FocusDirection::Downstream));
    assert_eq!(e.focus().unwrap().direction, FocusDirection::Downstream, "the other way replaces it");
    e.apply(Action::ToggleFocus(FocusDirection::Downstream));
    assert!(e.focus().is_none(), "the same again leaves it");
    e.apply(Action::ToggleFocus(FocusDirection::Upstream));
    assert!(!e.can_undo(), "not an undo step");
    e.apply(Action::Escape);
    assert!(e.focus().is_none());
    assert_eq!(e.selection(), [NodeId::from("api")], "Escape left the focus first");
    e.apply(Action::ToggleFocus(FocusDirection::Upstream));
    e.apply(Action::Edit(Edit::Delete(vec!["api".into()])));
    assert!(e.focus().is_none(), "a focus on a deleted node ends");
}

#[test]
fn the_embed_refuses_scenarios_report_search_and_focus() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), None, true));
    e.apply(Action::MapResized { width: 900.0, height: 700.0 });
    e.apply(Action::ToggleFailure("east".into()));
    for action in [
        Action::SaveFailuresAsScenario,
        Action::Edit(Edit::AddScenario { name: "x".into(), fail: vec!["east".into()] }),
        Action::OpenReport(None),
        Action::DownloadReport,
        Action::PrintReport,
        Action::OpenSearch,
        Action::SearchInput("east".into()),
        Action::SearchPick(None),
        Action::ToggleFocus(FocusDirection::Upstream),
        Action::LeaveFocus,
    ] {
        assert!(!action.allowed_in_embed(), "{action:?}");
        assert!(e.apply(action).is_noop());
    }
    assert!(e.document().scenarios.is_empty() && e.search().is_none() && e.dialog().is_none());
}

#[test]
fn the_embed_fits_its_own_frame_not_the_senders_view() {
    let sender_view = View { x: -900.0, y: -700.0, scale: 3.0 };
    let link = Work { view: Some(sender_view), ..work(SHARED) };
    let (mut e, _) = Editor::start(startup(Some(Ok(link.clone())), None, true));
    e.apply(Action::MapResized { width: 320.0, height: 200.0 });
    let layout = e.snapshot().layout();
    assert_eq!(e.view(), Some(View::fit(layout.width, layout.height, 320.0, 200.0)));
    // A shared map (not embedded) keeps the sender's view: that is what a link is for.
    let (mut shared, _) = Editor::start(startup(Some(Ok(link)), None, false));
    shared.apply(Action::MapResized { width: 320.0, height: 200.0 });
    assert_eq!(shared.view(), Some(sender_view));
}

#[test]
fn load_reload_and_auto_layout_fit_the_map() {
    let mut e = editor(SMALL);
    e.apply(Action::ZoomBy(3.0));
    let update = e.apply(Action::Load { document: doc(&wide()), source: Source::File("wide.json".into()) });
    let layout = e.snapshot().layout();
    let fitted = View::fit(layout.width, layout.height, 1000.0, 800.0);
    assert_eq!(e.view(), Some(fitted));
    assert!(update.effects.iter().any(|effect| matches!(effect, Effect::SaveView(v) if *v == fitted)), "a reload shows this map, not the last one's view");

    // A reload with a view that shows none of the map (kept from another map or window) fits.
    let lost = View { x: 5000.0, y: 5000.0, scale: 1.0 };
    let restored = Restore { work: Some(Work { document: doc(&wide()), failed: Vec::new(), view: Some(lost) }), problem: None, writable: true };
    let (mut reloaded, _) = Editor::start(Startup { restored, ..startup(None, None, false) });
    reloaded.apply(Action::MapResized { width: 1000.0, height: 800.0 });
    assert_eq!(reloaded.view(), Some(fitted));
    // One that shows the map is kept.
    let kept = View { x: -100.0, y: 0.0, scale: 1.0 };
    let restored = Restore { work: Some(Work { document: doc(&wide()), failed: Vec::new(), view: Some(kept) }), problem: None, writable: true };
    let (mut reloaded, _) = Editor::start(Startup { restored, ..startup(None, None, false) });
    reloaded.apply(Action::MapResized { width: 1000.0, height: 800.0 });
    assert_eq!(reloaded.view(), Some(kept));

    e.apply(Action::ZoomBy(2.5));
    e.apply(Action::Edit(Edit::AutoLayout { everything: true }));
    e.apply(Action::SetMode(Mode::Edit));
    e.apply(Action::Edit(Edit::Move(vec![("s29".into(), crate::layout::Point { x: 9000.0, y: 100.0 })])));
    e.apply(Action::Edit(Edit::AutoLayout { everything: true }));
    let layout = e.snapshot().layout();
    assert_eq!(e.view(), Some(View::fit(layout.width, layout.height, 1000.0, 800.0)), "an auto-layout is shown whole");
}

#[test]
fn a_new_node_is_selected_and_in_view() {
    let mut e = editor(&wide());
    e.apply(Action::ZoomBy(4.0));
    e.apply(Action::SetMode(Mode::Edit));
    e.apply(Action::AddNode(None));
    let added = e.selection().to_vec();
    assert_eq!(added.len(), 1);
    assert!(on_screen(&e, added[0].as_str()), "in view");
}

#[test]
fn on_a_phone_the_fit_keeps_labels_readable_when_it_still_shows_most_of_the_map() {
    let kakao = include_str!("../../../assets/examples/kakao-2022.json");
    let mut e = Editor::new(doc(kakao));
    e.apply(Action::MapResized { width: 390.0, height: 440.0 });
    let layout = e.snapshot().layout();
    let whole = View::fit(layout.width, layout.height, 390.0, 440.0);
    let view = e.view().unwrap();
    assert!(whole.scale < 0.3 && view.scale == 0.3, "{whole:?} {view:?}");
    assert!(390.0 >= 2.0 / 3.0 * layout.width * 0.3, "most of the width is shown");
    let talk = screen_of(&e, "talk");
    assert!((0.0..=440.0).contains(&talk.y), "the features at the top are on screen: {talk:?}");
    // A big map gains nothing from it: the whole map, however small.
    let mut big = Editor::new(ValidDocument::new(crate::generate::layered_graph(2_000, 10, 2)).unwrap());
    big.apply(Action::MapResized { width: 390.0, height: 440.0 });
    let layout = big.snapshot().layout();
    assert_eq!(big.view(), Some(View::fit(layout.width, layout.height, 390.0, 440.0)));
    // Nor does the embed: it shows the whole map in its frame.
    let example = Work { document: doc(kakao), failed: Vec::new(), view: None };
    let (mut embed, _) = Editor::start(startup(Some(Ok(example)), None, true));
    embed.apply(Action::MapResized { width: 390.0, height: 440.0 });
    assert_eq!(embed.view(), Some(whole));
}
