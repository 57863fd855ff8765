//! The Compare tab of the side panel: pick what to compare the map with (a
//! file in any format Open reads, or the last saved version), then the risk
//! delta, read one way or the other (what the file would change from the
//! map, what the map changed from the saved version; Swap turns it round):
//! new, worse and removed single points of failure with their users, the
//! nodes added, changed and removed (those on the map are also marked
//! there), and the per-feature measures that changed (longest outage from
//! one failure, availability).

use super::super::files;
use crate::diff::{MeasureChanges, SpofEntry, WorseSpof};
use crate::editor::{Action, Against, Compared, DiffMark, Direction, Origin, Snapshot, Source};
use crate::model::{NodeId, ValidDocument};
use crate::report::format_users;
use std::rc::Rc;
use yew::prelude::*;

/// What the map is compared with, and the diff (equal when it is the very same).
#[derive(Clone)]
pub struct Comparing {
    pub against: Against,
    pub direction: Direction,
    /// The version compared with.
    pub other: Snapshot,
    pub compared: Rc<Compared>,
}

impl PartialEq for Comparing {
    fn eq(&self, other: &Self) -> bool {
        self.against == other.against
            && self.direction == other.direction
            && self.other.same(&other.other)
            && Rc::ptr_eq(&self.compared, &other.compared)
    }
}

#[derive(Properties)]
pub struct ComparePanelProps {
    /// The map.
    pub snapshot: Snapshot,
    /// `None`: not comparing.
    pub comparison: Option<Comparing>,
    /// What "the last saved version" is.
    pub saved: Origin,
    pub selected: Option<NodeId>,
    pub on_action: Callback<Action>,
    /// Files picked to compare with.
    pub on_files: Callback<Vec<web_sys::File>>,
}

impl PartialEq for ComparePanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.comparison == other.comparison
            && self.snapshot.same(&other.snapshot)
            && self.saved == other.saved
            && self.selected == other.selected
    }
}

/// "kakao.json as opened", "the map as you last saved it".
fn saved_version(origin: &Origin) -> String {
    match origin {
        Origin::PageOpened => "the map as it was when this page opened".to_owned(),
        Origin::Opened(Source::File(names)) => format!("{names} as opened"),
        Origin::Opened(Source::Example(name)) => format!("the {name} example as opened"),
        Origin::New => "the empty graph that New started".to_owned(),
        Origin::Saved => "the map as you last saved it".to_owned(),
    }
}

fn label<'a>(document: &'a ValidDocument, id: &'a NodeId) -> &'a str {
    document.node(id).map_or(id.as_str(), |node| node.label())
}

#[function_component(ComparePanel)]
pub fn compare_panel(props: &ComparePanelProps) -> Html {
    let send = super::sender(&props.on_action);
    let on_file = super::on_pick_files(&props.on_files);
    let choose = |intro: &str| {
        html! {
            <section class="panel-section compare-choose">
                <h2>{ intro.to_owned() }</h2>
                <div class="compare-actions">
                    <label class="button" title="Any format Open reads: Blackout JSON, Backstage YAML, Jaeger or OpenTelemetry links, DOT, CSV, MEF">
                        { "A file…" }
                        <input type="file" class="visually-hidden" accept={files::ACCEPT} multiple=true data-testid="compare-file" onchange={on_file.clone()} />
                    </label>
                    <button data-testid="compare-saved" onclick={send(Action::CompareWithSaved)}>{ "The last saved version" }</button>
                </div>
                <p class="hint">{ format!("The last saved version is {}.", saved_version(&props.saved)) }</p>
            </section>
        }
    };
    let Some(Comparing { against, direction, other, compared }) = &props.comparison else {
        return html! {
            <>
                { choose("Compare this map with…") }
                <section class="panel-section">
                    <p>{ "The map then marks the nodes added and changed since that version, and this tab lists the nodes removed and the risk the changes bring: new single points of failure, worse ones and those removed, with the users they cut off." }</p>
                </section>
            </>
        };
    };
    let map = props.snapshot.document();
    let (base, head) = match direction {
        Direction::MapChanges => (other.document(), map),
        Direction::OtherChanges => (map, other.document()),
    };
    let delta = &compared.diff;
    let other_word = match against {
        Against::File(_) => "The file",
        Against::Saved(_) => "Saved",
    };
    let columns = match direction {
        Direction::MapChanges => (other_word, "This map"),
        Direction::OtherChanges => ("This map", other_word),
    };
    let against = match against {
        Against::File(names) => names.clone(),
        Against::Saved(origin) => format!("the last saved version ({})", saved_version(origin)),
    };
    let (before, after) = match direction {
        Direction::MapChanges => ("What this map changes from ".to_owned(), String::new()),
        Direction::OtherChanges => ("What ".to_owned(), " would change in this map".to_owned()),
    };
    let on_map = |id: &NodeId| map.node(id).is_some();
    let select = |id: &NodeId| {
        let on_action = props.on_action.clone();
        let id = id.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Select(Some(id.clone()))))
    };
    let is_selected = |id: &NodeId| props.selected.as_ref() == Some(id);
    let names = |document: &ValidDocument, ids: &[NodeId]| -> String {
        const NAMED: usize = 4;
        let mut text = ids.iter().take(NAMED).map(|id| label(document, id)).collect::<Vec<_>>().join(", ");
        if ids.len() > NAMED {
            text.push_str(&format!(" and {} more", ids.len() - NAMED));
        }
        text
    };
    let spof_row = |document: &ValidDocument, id: &NodeId, change: &'static str, meta: String| {
        let clickable = on_map(id);
        let kind = document.node(id).map(|n| n.kind.as_str()).unwrap_or("service");
        let content = html! {
            <>
                <span class={classes!("dot", format!("kind-{kind}"))}></span>
                <span class="name">{ label(document, id).to_owned() }</span>
                <span class="meta">{ meta }</span>
            </>
        };
        html! {
            <li key={id.as_str()}>
                if clickable {
                    <button class={classes!("row", is_selected(id).then_some("selected"))} data-diff-spof={id.as_str().to_owned()}
                        data-change={change} onclick={select(id)}>{ content }</button>
                } else {
                    <div class="row" data-diff-spof={id.as_str().to_owned()} data-change={change}>{ content }</div>
                }
            </li>
        }
    };
    let added = |spof: &SpofEntry| {
        let meta = format!("takes down {} · {} users", names(head, &spof.features), format_users(spof.users));
        spof_row(head, &spof.id, "added", meta)
    };
    let worse = |spof: &WorseSpof| {
        let meta = format!(
            "now also takes down {} · {} → {} users",
            names(head, &spof.new_features),
            format_users(spof.base_users),
            format_users(spof.users)
        );
        spof_row(head, &spof.id, "worse", meta)
    };
    let removed = |spof: &SpofEntry| {
        let meta = format!("no longer takes down {} · {} users", names(base, &spof.features), format_users(spof.users));
        spof_row(base, &spof.id, "removed", meta)
    };
    let spof_section = |title: &str, count: usize, rows: Html| {
        (count > 0).then(|| {
            html! {
                <section class="panel-section">
                    <h2>{ format!("{title} ({count})") }</h2>
                    <ol class="spof-list">{ rows }</ol>
                </section>
            }
        })
    };
    let node_rows = |mark: DiffMark, ids: &[NodeId]| {
        let document = if mark == DiffMark::Removed { base } else { head };
        let word = mark.as_str();
        html! {
            { for ids.iter().map(|id| {
                let content = html! {
                    <>
                        <span class={classes!("diff-tag", format!("diff-{word}"))}>{ word }</span>
                        <span class="name">{ label(document, id).to_owned() }</span>
                        <span class="meta">{ if label(document, id) == id.as_str() { String::new() } else { id.as_str().to_owned() } }</span>
                    </>
                };
                html! {
                    <li key={format!("{word}-{id}")}>
                        if on_map(id) {
                            <button class={classes!("row", is_selected(id).then_some("selected"))} data-diff-node={id.as_str().to_owned()}
                                data-diff={word} onclick={select(id)}>{ content }</button>
                        } else {
                            <div class="row" data-diff-node={id.as_str().to_owned()} data-diff={word}>{ content }</div>
                        }
                    </li>
                }
            }) }
        }
    };
    let node_changes = delta.nodes_added.len() + delta.nodes_changed.len() + delta.nodes_removed.len();
    let measure = |changes: &MeasureChanges| {
        (!changes.changes.is_empty()).then(|| {
            let unit = changes.measure.unit;
            let value = |value: Option<crate::diff::MeasureValue>| value.map_or_else(|| "—".to_owned(), |v| v.text(unit));
            html! {
                <section class="panel-section" data-testid={format!("compare-measure-{}", changes.measure.name)}>
                    <h2>{ changes.measure.title }</h2>
                    <table class="measure-table">
                        <thead><tr><th scope="col">{ "Feature" }</th><th scope="col">{ columns.0 }</th><th scope="col">{ columns.1 }</th></tr></thead>
                        <tbody>
                            { for changes.changes.iter().map(|change| {
                                let document = if head.node(&change.id).is_some() { head } else { base };
                                html! {
                                    <tr key={change.id.as_str()} data-feature={change.id.as_str().to_owned()}>
                                        <th scope="row">{ label(document, &change.id).to_owned() }</th>
                                        <td>{ value(change.base) }</td>
                                        <td>{ value(change.head) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </section>
            }
        })
    };
    html! {
        <>
            <section class="panel-section compare-head">
                <p class="compared-with" data-testid="compare-direction">{ before }<strong data-testid="compare-against">{ against }</strong>{ after }</p>
                <p class={classes!("verdict", delta.has_new_risk().then_some("risk"))} data-testid="compare-verdict">{ delta.verdict() }</p>
                if !compared.marks.is_empty() {
                    <p class="hint">{ "Nodes of this map that differ carry a yellow band and a tag on the map: new, changed or removed." }</p>
                }
                <div class="compare-actions">
                    <button data-testid="compare-swap" title="Read the comparison the other way round" onclick={send(Action::SwapComparison)}>{ "Swap" }</button>
                    <button data-testid="compare-clear" onclick={send(Action::StopComparing)}>{ "Stop comparing" }</button>
                </div>
            </section>
            { for spof_section("New single points of failure", delta.spofs_added.len(), html! { { for delta.spofs_added.iter().map(added) } }) }
            { for spof_section("Worse single points of failure", delta.spofs_worse.len(), html! { { for delta.spofs_worse.iter().map(worse) } }) }
            { for spof_section("Single points of failure removed", delta.spofs_removed.len(), html! { { for delta.spofs_removed.iter().map(removed) } }) }
            <section class="panel-section">
                <h2>{ format!("Nodes ({node_changes} changed)") }</h2>
                if node_changes == 0 {
                    <p>{ "No node was added, removed or changed (moves on the map do not count)." }</p>
                }
                <ul class="diff-list" data-testid="compare-nodes">
                    { node_rows(DiffMark::Added, &delta.nodes_added) }
                    { node_rows(DiffMark::Changed, &delta.nodes_changed) }
                    { node_rows(DiffMark::Removed, &delta.nodes_removed) }
                </ul>
            </section>
            { for delta.measures.0.iter().filter_map(measure) }
            { choose("Compare with something else") }
        </>
    }
}
