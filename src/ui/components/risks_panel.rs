//! The Risks tab of the side panel: scenarios and reset, single points of
//! failure ranked by users, feature status, and why the selected node is down.

use super::super::derived::Situation;
use crate::editor::{Action, Snapshot};
use crate::model::{NodeId, NodeIndex};
use crate::report::format_users;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct RisksPanelProps {
    pub snapshot: Snapshot,
    pub situation: Rc<Situation>,
    pub selected: Option<NodeId>,
    pub failures: usize,
    pub on_action: Callback<Action>,
}

impl PartialEq for RisksPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && self.selected == other.selected
            && self.failures == other.failures
    }
}

#[function_component(RisksPanel)]
pub fn risks_panel(props: &RisksPanelProps) -> Html {
    let document = props.snapshot.document();
    let graph = document.graph();
    let analysis = props.snapshot.analysis();
    let outcome = &props.situation.outcome;
    let label = |v: NodeIndex| document.nodes[v as usize].label().to_owned();
    // Picking the selected row again clears the selection.
    let select = |id: &NodeId| {
        let on_action = props.on_action.clone();
        let id = id.clone();
        let selected = props.selected.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::Select(if selected.as_ref() == Some(&id) { None } else { Some(id.clone()) }))
        })
    };
    let on_scenario = {
        let on_action = props.on_action.clone();
        let scenarios: Vec<Vec<NodeId>> = document.scenarios.iter().map(|s| s.fail.clone()).collect();
        super::on_pick(&Callback::from(move |index: usize| {
            if let Some(fail) = scenarios.get(index) {
                on_action.emit(Action::SetFailures(fail.clone()));
            }
        }))
    };
    let on_reset = super::sender(&props.on_action)(Action::ResetFailures);

    let explanation = props.selected.as_ref().and_then(|id| graph.index_of(id)).map(|v| {
        let chain = outcome.explain(v);
        if chain.is_empty() {
            let killers = analysis.spofs.killers_of(v);
            html! {
                <section class="panel-section explanation" data-testid="explanation">
                    <h2>{ label(v) }</h2>
                    <p>{ format!("{} · up", graph.kind(v).display_name()) }</p>
                    if !killers.is_empty() {
                        <p>{ format!("Goes down if any one of these fails: {}", killers.iter().map(|&k| label(k)).collect::<Vec<_>>().join(", ")) }</p>
                    }
                </section>
            }
        } else {
            html! {
                <section class="panel-section explanation" data-testid="explanation">
                    <h2>{ label(v) }</h2>
                    <p>{ if chain.len() == 1 { "Failed directly.".to_owned() } else { "Down because:".to_owned() } }</p>
                    <ol class="chain">{ for chain.iter().map(|&c| html! { <li>{ label(c) }</li> }) }</ol>
                </section>
            }
        }
    });

    let spofs = &analysis.spofs.spofs;
    let feature_total = graph.features().count();
    let mut features: Vec<NodeIndex> = graph.features().collect();
    features.sort_by(|&a, &b| {
        outcome.state(a).is_up().cmp(&outcome.state(b).is_up())
            .then_with(|| graph.users(b).cmp(&graph.users(a)))
    });

    html! {
        <>
            <section class="panel-section controls">
                if !document.scenarios.is_empty() {
                    <select aria-label="Apply a stored scenario" data-testid="scenario" onchange={on_scenario}>
                        <option value="" selected=true>{ "Scenarios…" }</option>
                        { for document.scenarios.iter().enumerate().map(|(i, s)| html! { <option value={i.to_string()}>{ s.name.clone() }</option> }) }
                    </select>
                }
                <button data-testid="reset" disabled={props.failures == 0} onclick={on_reset}>{ "Reset failures" }</button>
            </section>
            { for explanation }
            <section class="panel-section">
                <h2>{ format!("Single points of failure ({})", spofs.len()) }</h2>
                if spofs.is_empty() {
                    <p class="good">{ "None: no single failure takes a feature down." }</p>
                }
                <ol class="spof-list" data-testid="spof-list">
                    { for spofs.iter().map(|spof| {
                        let id = graph.id(spof.node);
                        html! {
                            <li key={id.as_str()}>
                                <button class={classes!("row", (props.selected.as_ref() == Some(id)).then_some("selected"))}
                                    data-spof-id={id.as_str().to_owned()} onclick={select(id)}>
                                    <span class={classes!("dot", format!("kind-{}", graph.kind(spof.node).as_str()))}></span>
                                    <span class="name">{ label(spof.node) }</span>
                                    <span class="meta">{ format!("{} of {} features · {} users", spof.features.len(), feature_total, format_users(spof.users)) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            </section>
            <section class="panel-section">
                <h2>{ "Features" }</h2>
                <ul class="feature-list">
                    { for features.iter().map(|&f| {
                        let id = graph.id(f);
                        let state = outcome.state(f);
                        html! {
                            <li key={id.as_str()}>
                                <button class={classes!("row", format!("state-{}", state.as_str()), (props.selected.as_ref() == Some(id)).then_some("selected"))}
                                    data-feature-id={id.as_str().to_owned()} onclick={select(id)}>
                                    <span class="status">{ if state.is_up() { "up" } else { "dark" } }</span>
                                    <span class="name">{ label(f) }</span>
                                    <span class="meta">{ format!("{} users", format_users(graph.users(f))) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </section>
            if !analysis.cycles.cold_start_hazards.is_empty() {
                <section class="panel-section warning">
                    <h2>{ "Cold-start hazard" }</h2>
                    <p>{ format!("Circular dependencies: after a full restart these would not come back on their own: {}.",
                        analysis.cycles.cold_start_hazards.iter().map(|&v| label(v)).collect::<Vec<_>>().join(", ")) }</p>
                </section>
            }
        </>
    }
}
