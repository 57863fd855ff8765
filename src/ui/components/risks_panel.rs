//! The Risks tab of the side panel: scenarios and reset, what the selected
//! node is (why it is dark, as a tree), the risks (single points of failure
//! grouped into one entry when they take down the same features, with the
//! people they reach, expandable to their members; ranked by people, or by
//! user-hours when the map has recovery data) and feature status.

use super::super::derived::Situation;
use super::Explanation;
use crate::analysis::has_recovery_data;
use crate::editor::{Action, Focus, Snapshot, SpofRanking};
use crate::model::{NodeId, NodeIndex};
use crate::report::recovery::{format_hours, format_user_hours, rank_risks_by_user_hours, worst_member_outages};
use crate::report::{format_users, group_digits, kind_word, Risk};
use std::rc::Rc;
use yew::prelude::*;

/// The lists show their head: a map of 10,000 nodes has thousands of risks,
/// every row is DOM the page pays for on each pan and zoom, and nobody reads
/// past the top. Search finds any other node.
const LIST_ROWS: usize = 50;

/// "and 5,111 more risks: search (/) finds any node", under a list that shows its head.
fn not_listed(total: usize, what: &str) -> Html {
    match total.checked_sub(LIST_ROWS) {
        Some(rest) if rest > 0 => html! {
            <p class="more" data-testid="not-listed">{ format!("and {} more {what}: search (/) finds any node", group_digits(rest as u64)) }</p>
        },
        _ => html! {},
    }
}

#[derive(Properties)]
pub struct RisksPanelProps {
    pub snapshot: Snapshot,
    pub situation: Rc<Situation>,
    pub risks: Rc<Vec<Risk>>,
    pub selected: Option<NodeId>,
    pub focus: Option<Focus>,
    pub failures: usize,
    pub ranking: SpofRanking,
    pub on_action: Callback<Action>,
}

impl PartialEq for RisksPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && Rc::ptr_eq(&self.risks, &other.risks)
            && self.selected == other.selected
            && self.focus == other.focus
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
    let is_selected = |id: &NodeId| props.selected.as_ref() == Some(id);

    let feature_total = graph.features().count();
    let spof_count = analysis.spofs.spofs.len();
    // With recovery data: how long each risk keeps its features dark and the
    // user-hours it costs (its worst member), and a ranking by user-hours.
    let recovery = has_recovery_data(graph).then(|| {
        let restores = props.snapshot.spof_restores();
        let outages = worst_member_outages(graph.len(), &props.risks, &restores);
        let order = match props.ranking {
            SpofRanking::UserHours => rank_risks_by_user_hours(graph.len(), &props.risks, &restores),
            SpofRanking::Users => (0..props.risks.len()).collect(),
        };
        (outages, order)
    });
    let lost = |position: usize| {
        recovery.as_ref().map_or_else(String::new, |(outages, _)| match outages[position] {
            (hours, loss) if hours.is_finite() => format!(" · dark {} · {}", format_hours(hours), format_user_hours(loss)),
            _ => " · a feature never back".to_owned(),
        })
    };
    let order: Vec<usize> = recovery.as_ref().map_or_else(|| (0..props.risks.len()).collect(), |(_, order)| order.clone());
    let rank = |ranking: SpofRanking, testid: &'static str, text: &'static str| {
        let onclick = super::sender(&props.on_action)(Action::RankSpofs(ranking));
        let pressed = props.ranking == ranking;
        html! { <button data-testid={testid} aria-pressed={pressed.to_string()} {onclick}>{ text }</button> }
    };
    let risk_row = |position: usize| {
        let risk = &props.risks[position];
        let node = risk.group.representative;
        let id = graph.id(node);
        let people = risk.people.phrase().map(|p| format!(" · {p}")).unwrap_or_default();
        let members = risk.group.others.iter().map(|&member| {
            let member_id = graph.id(member);
            html! {
                <li key={member_id.as_str()}>
                    <button class={classes!("row", "member", is_selected(member_id).then_some("selected"))}
                        data-spof-id={member_id.as_str().to_owned()} onclick={select(member_id)}>
                        <span class={classes!("dot", format!("kind-{}", graph.kind(member).as_str()))}></span>
                        <span class="name">{ label(member) }</span>
                        <span class="meta">{ format!("{} · the same features", capitalised(kind_word(graph.kind(member)))) }</span>
                    </button>
                </li>
            }
        });
        let more = risk.group.others.len();
        html! {
            <li key={id.as_str()} class="risk">
                <button class={classes!("row", is_selected(id).then_some("selected"))}
                    data-spof-id={id.as_str().to_owned()} onclick={select(id)}>
                    <span class={classes!("dot", format!("kind-{}", graph.kind(node).as_str()))}></span>
                    <span class="name">{ label(node) }</span>
                    <span class="meta">{ format!("{} · {} of {feature_total} features{people}{}", capitalised(kind_word(graph.kind(node))), risk.group.features.len(), lost(position)) }</span>
                </button>
                if more > 0 {
                    <details class="members" data-testid="risk-members">
                        <summary>{ format!("and {more} more that take{} down the same features", if more == 1 { "s" } else { "" }) }</summary>
                        <ul>{ for members }</ul>
                    </details>
                }
            </li>
        }
    };

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
            if let Some(node) = props.selected.clone() {
                <Explanation {node} snapshot={props.snapshot.clone()} situation={Rc::clone(&props.situation)}
                    risks={Rc::clone(&props.risks)} focus={props.focus.clone()} on_action={props.on_action.clone()} />
            }
            <section class="panel-section">
                <h2>{ "Top risks" }</h2>
                if recovery.is_some() && !props.risks.is_empty() {
                    <div class="segmented rank-by" role="group" aria-label="Rank by">
                        { rank(SpofRanking::Users, "spof-rank-users", "By people") }
                        { rank(SpofRanking::UserHours, "spof-rank-user-hours", "By user-hours") }
                    </div>
                }
                if props.risks.is_empty() {
                    <p class="good">{ "None: no single failure takes a feature down." }</p>
                } else {
                    <p class="counts">{ format!("{spof_count} single point{} of failure in {} risk{}: one failure each takes features down",
                        if spof_count == 1 { "" } else { "s" }, props.risks.len(), if props.risks.len() == 1 { "" } else { "s" }) }</p>
                }
                <ol class="spof-list" data-testid="spof-list">{ for order.iter().take(LIST_ROWS).map(|&position| risk_row(position)) }</ol>
                { not_listed(order.len(), "risks") }
            </section>
            <section class="panel-section">
                <h2>{ "Features" }</h2>
                <ul class="feature-list">
                    { for features.iter().take(LIST_ROWS).map(|&f| {
                        let id = graph.id(f);
                        let state = outcome.state(f);
                        html! {
                            <li key={id.as_str()}>
                                <button class={classes!("row", format!("state-{}", state.as_str()), is_selected(id).then_some("selected"))}
                                    data-feature-id={id.as_str().to_owned()} onclick={select(id)}>
                                    <span class="status">{ if state.is_up() { "up" } else { "dark" } }</span>
                                    <span class="name">{ label(f) }</span>
                                    <span class="meta">{ format!("{} users", format_users(graph.users(f))) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                { not_listed(features.len(), "features") }
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

/// "Building" from "building".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
