//! The Risks tab of the side panel: scenarios and reset, single points of
//! failure ranked by users (or by user-hours, when the map has recovery
//! data), feature status, and why the selected node is down.

use super::super::derived::Situation;
use crate::analysis::has_recovery_data;
use crate::editor::{Action, Snapshot, SpofRanking};
use crate::model::{NodeId, NodeIndex};
use crate::report::format_users;
use crate::report::recovery::{format_user_hours, rank_by_user_hours};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct RisksPanelProps {
    pub snapshot: Snapshot,
    pub situation: Rc<Situation>,
    pub selected: Option<NodeId>,
    pub failures: usize,
    pub ranking: SpofRanking,
    pub on_action: Callback<Action>,
}

impl PartialEq for RisksPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && self.selected == other.selected
            && self.failures == other.failures
            && self.ranking == other.ranking
    }
}

#[function_component(RisksPanel)]
pub fn risks_panel(props: &RisksPanelProps) -> Html {
    let document = props.snapshot.document();
    let graph = document.graph();
    let analysis = props.snapshot.analysis();
    let outcome = &props.situation.outcome;
    let label = |v: NodeIndex| document.nodes[v as usize].label().to_owned();
    let select = |id: &NodeId| super::select_row(&props.on_action, props.selected.as_ref(), id);
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
    // By user-hours: the restore times of every single failure (memoised), and
    // the user-hours each row adds to its meta line.
    let recovery = has_recovery_data(graph);
    let by_user_hours = (recovery && props.ranking == SpofRanking::UserHours).then(|| props.snapshot.spof_restores());
    let order: Vec<usize> = by_user_hours.as_deref().map_or_else(|| (0..spofs.len()).collect(), rank_by_user_hours);
    let lost = |i: usize| {
        by_user_hours.as_ref().map(|restores| match restores.spofs[i].hours {
            Some(_) => format!(" · {}", format_user_hours(restores.spofs[i].user_hours)),
            None => " · a feature never back".to_owned(),
        })
    };
    let rank = |ranking: SpofRanking, testid: &'static str, text: &'static str| {
        let onclick = super::sender(&props.on_action)(Action::RankSpofs(ranking));
        let pressed = props.ranking == ranking;
        html! { <button data-testid={testid} aria-pressed={pressed.to_string()} {onclick}>{ text }</button> }
    };
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
                if recovery && !spofs.is_empty() {
                    <div class="segmented rank-by" role="group" aria-label="Rank by">
                        { rank(SpofRanking::Users, "spof-rank-users", "By users") }
                        { rank(SpofRanking::UserHours, "spof-rank-user-hours", "By user-hours") }
                    </div>
                }
                if spofs.is_empty() {
                    <p class="good">{ "None: no single failure takes a feature down." }</p>
                }
                <ol class="spof-list" data-testid="spof-list">
                    { for order.iter().map(|&i| {
                        let spof = &spofs[i];
                        let id = graph.id(spof.node);
                        html! {
                            <li key={id.as_str()}>
                                <button class={classes!("row", (props.selected.as_ref() == Some(id)).then_some("selected"))}
                                    data-spof-id={id.as_str().to_owned()} onclick={select(id)}>
                                    <span class={classes!("dot", format!("kind-{}", graph.kind(spof.node).as_str()))}></span>
                                    <span class="name">{ label(spof.node) }</span>
                                    <span class="meta">{ format!("{} of {} features · {} users{}", spof.features.len(), feature_total, format_users(spof.users), lost(i).unwrap_or_default()) }</span>
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
