//! The Availability tab of the side panel: risk in numbers. Progress and
//! Cancel while the analysis runs (in slices, by the editor); then the fixes
//! to make first (Apply, Preview on the map), the nodes that matter most to
//! users, and per feature its availability, the pairs and triples of
//! failures that take it down (a click fails them on the map) and its most
//! important nodes.

use crate::analysis::risk::{Availability, CutSet, FeatureRisk};
use crate::analysis::risk_job::RiskResults;
use crate::editor::{Action, Edit, RiskStatus, Snapshot};
use crate::model::{Document, NodeId, NodeIndex};
use crate::report::format_users;
use crate::report::risk::{availability_short, loss_text, user_hours};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct AvailabilityPanelProps {
    pub snapshot: Snapshot,
    pub status: RiskStatus,
    /// The fix previewed on the map, by its place in the list.
    pub preview: Option<usize>,
    pub on_action: Callback<Action>,
}

impl PartialEq for AvailabilityPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot) && self.status == other.status && self.preview == other.preview
    }
}

/// How many cut sets of one order, and how many nodes of a ranking, are listed.
const LISTED: usize = 12;

fn label(document: &Document, node: NodeIndex) -> String {
    document.nodes[node as usize].label().to_owned()
}

#[function_component(AvailabilityPanel)]
pub fn availability_panel(props: &AvailabilityPanelProps) -> Html {
    let send = super::sender(&props.on_action);
    match &props.status {
        RiskStatus::Ready(results) => html! {
            <Results snapshot={props.snapshot.clone()} results={Rc::clone(results)} preview={props.preview} on_action={props.on_action.clone()} />
        },
        RiskStatus::Running { fraction } => {
            let percent = (fraction * 100.0).floor().clamp(0.0, 99.0);
            html! {
                <section class="panel-section analysing" data-testid="availability-progress" aria-live="polite">
                    <p>{ format!("Analysing… {percent:.0} %") }</p>
                    <progress max="1" value={fraction.to_string()} aria-label="Analysis progress"></progress>
                    <button data-testid="availability-cancel" onclick={send(Action::CancelRisk)}>{ "Cancel" }</button>
                </section>
            }
        }
        RiskStatus::Cancelled | RiskStatus::NotStarted => html! {
            <section class="panel-section analysing">
                <p>{ if props.status == RiskStatus::Cancelled { "Analysis cancelled." } else { "Not analysed yet." } }</p>
                <button data-testid="availability-start" onclick={send(Action::AnalyseRisk)}>{ "Analyse" }</button>
            </section>
        },
    }
}

#[derive(Properties)]
struct ResultsProps {
    snapshot: Snapshot,
    results: Rc<RiskResults>,
    preview: Option<usize>,
    on_action: Callback<Action>,
}

impl PartialEq for ResultsProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot) && Rc::ptr_eq(&self.results, &other.results) && self.preview == other.preview
    }
}

#[function_component(Results)]
fn results(props: &ResultsProps) -> Html {
    let document = props.snapshot.document();
    let graph = document.graph();
    let report = &props.results.report;
    let stated = graph.nodes().any(|v| graph.availability(v).is_some_and(|a| a < 1.0));
    // Least available first; among equals, most users first.
    let mut features: Vec<&FeatureRisk> = report.features.iter().collect();
    features.sort_by(|a, b| {
        a.availability.lower().total_cmp(&b.availability.lower()).then_with(|| graph.users(b.feature).cmp(&graph.users(a.feature)))
    });
    html! {
        <>
            <section class="panel-section" data-testid="expected-loss">
                <h2>{ "Expected loss" }</h2>
                if stated {
                    <p>{ format!("{} a year over {} features", loss_text(report.expected_loss), report.features.len()) }</p>
                } else {
                    <p>{ "No node states an availability, so every feature counts as always up. The pairs and triples below still show which failures together take features down." }</p>
                }
            </section>
            <Fixes snapshot={props.snapshot.clone()} results={Rc::clone(&props.results)} preview={props.preview} on_action={props.on_action.clone()} />
            <section class="panel-section">
                <h2>{ "Most important nodes, weighted by users" }</h2>
                if report.ranking.is_empty() {
                    <p>{ "No node matters to a feature's availability." }</p>
                }
                <ol class="ranking" data-testid="importance-ranking">
                    { for report.ranking.iter().take(LISTED).map(|node| html! {
                        <li key={graph.id(node.node).as_str()} data-node={graph.id(node.node).as_str().to_owned()}>
                            <span class="name">{ label(document, node.node) }</span>
                            <span class="meta">{ ranking_meta(node.users_at_stake, node.user_hours) }</span>
                        </li>
                    }) }
                </ol>
            </section>
            <section class="panel-section">
                <h2>{ format!("Features ({})", features.len()) }</h2>
                <ul class="availability-features">
                    { for features.iter().enumerate().map(|(i, risk)| html! {
                        <FeatureDetails key={graph.id(risk.feature).as_str()} snapshot={props.snapshot.clone()}
                            results={Rc::clone(&props.results)} feature={risk.feature} open={i == 0} on_action={props.on_action.clone()} />
                    }) }
                </ul>
            </section>
        </>
    }
}

/// "47 M users at stake · 1.2 K user-hours a year".
fn ranking_meta(users_at_stake: f64, hours: f64) -> String {
    let users = format!("{} users at stake", format_users(users_at_stake.round().max(0.0) as u64));
    if hours > 0.0 {
        format!("{users} · {} a year", user_hours(hours))
    } else {
        users
    }
}

#[function_component(Fixes)]
fn fixes(props: &ResultsProps) -> Html {
    let document = props.snapshot.document();
    let fixes = &props.results.fixes;
    html! {
        <section class="panel-section">
            <h2>{ "What to fix first" }</h2>
            if fixes.is_empty() {
                <p>{ "No fix found that protects users or saves expected user-hours." }</p>
            }
            <ol class="fix-list" data-testid="fix-list">
                { for fixes.iter().enumerate().map(|(i, fix)| {
                    let previewed = props.preview == Some(i);
                    let toggle = {
                        let on_action = props.on_action.clone();
                        Callback::from(move |_: MouseEvent| on_action.emit(Action::PreviewFix((!previewed).then_some(i))))
                    };
                    let apply = {
                        let on_action = props.on_action.clone();
                        let changes = fix.changes.clone();
                        Callback::from(move |_: MouseEvent| on_action.emit(Action::Edit(Edit::ApplyFix(changes.clone()))))
                    };
                    let saved = match fix.user_hours_saved {
                        Some(hours) if hours > 0.0 => format!(" · saves {} a year", user_hours(hours)),
                        Some(_) => String::new(),
                        None => " · saving only bounded".to_owned(),
                    };
                    html! {
                        <li key={i} class={classes!("fix", previewed.then_some("previewed"))} data-testid="fix">
                            <p class="fix-title">{ fix.kind.describe(document) }</p>
                            <p class="meta">{ format!("Protects {} users{saved}", format_users(fix.users_protected)) }</p>
                            if previewed {
                                <p class="meta" data-testid="fix-changes">{ changes_text(document, fix) }</p>
                            }
                            <div class="fix-actions">
                                <button data-testid="fix-preview" aria-pressed={previewed.to_string()} onclick={toggle}>
                                    { if previewed { "Hide preview" } else { "Preview on map" } }
                                </button>
                                <button data-testid="fix-apply" onclick={apply}>{ "Apply" }</button>
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// "Adds X (replica), X (either copy). Changes A, B. Protects C, D."
fn changes_text(document: &Document, fix: &crate::analysis::fixes::Fix) -> String {
    let name = |id: &NodeId| document.node(id).map_or(id.as_str(), |n| n.label()).to_owned();
    let added: Vec<String> = fix.added().map(|n| n.label().to_owned()).collect();
    let touched: Vec<String> = fix.touched().iter().map(name).collect();
    let protected: Vec<String> = fix.features_protected.iter().map(name).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("Adds {}.", added.join(", ")));
    }
    parts.push(format!("Changes {} (dashed on the map).", touched.join(", ")));
    if !protected.is_empty() {
        parts.push(format!("Protects {} (ringed).", protected.join(", ")));
    }
    parts.join(" ")
}

#[derive(Properties)]
struct FeatureProps {
    snapshot: Snapshot,
    results: Rc<RiskResults>,
    feature: NodeIndex,
    /// Open at first (the least available feature).
    open: bool,
    on_action: Callback<Action>,
}

impl PartialEq for FeatureProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot) && Rc::ptr_eq(&self.results, &other.results) && self.feature == other.feature && self.open == other.open
    }
}

#[function_component(FeatureDetails)]
fn feature_details(props: &FeatureProps) -> Html {
    let document = props.snapshot.document();
    let graph = document.graph();
    let Some(risk) = props.results.report.feature(props.feature) else { return html! {} };
    let id = graph.id(props.feature);
    let bound = matches!(risk.availability, Availability::Bound { .. });
    let cut_sets_of = |order: usize, name: &str| -> Html {
        let Some(sets) = &risk.cut_sets else { return html! {} };
        let of_order: Vec<&CutSet> = sets.iter().filter(|s| s.len() == order).collect();
        if of_order.is_empty() {
            return html! {};
        }
        let more = of_order.len().saturating_sub(LISTED);
        html! {
            <div class="cut-sets">
                <h3>{ format!("{name} ({})", of_order.len()) }</h3>
                <ul>
                    { for of_order.iter().take(LISTED).map(|set| {
                        let ids: Vec<NodeId> = set.nodes().iter().map(|&v| graph.id(v).clone()).collect();
                        let names: Vec<String> = set.nodes().iter().map(|&v| label(document, v)).collect();
                        let key = ids.iter().map(NodeId::as_str).collect::<Vec<_>>().join(",");
                        let onclick = {
                            let on_action = props.on_action.clone();
                            Callback::from(move |_: MouseEvent| on_action.emit(Action::SetFailures(ids.clone())))
                        };
                        html! {
                            <li key={key.clone()}>
                                <button class="cut-set" data-testid="cut-set" data-cut-set={key} title="Fail these together on the map" {onclick}>
                                    { names.join(" + ") }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
                if more > 0 {
                    <p class="meta">{ format!("and {more} more") }</p>
                }
            </div>
        }
    };
    let singles = risk.cut_sets.as_ref().map_or(0, |sets| sets.iter().filter(|s| s.len() == 1).count());
    html! {
        <li>
            <details class="availability-feature" data-testid="availability-feature" data-feature-id={id.as_str().to_owned()} open={props.open}>
                <summary>
                    <span class="name">{ label(document, props.feature) }</span>
                    <span class={classes!("figure", bound.then_some("bound"))} data-testid="availability-figure">{ availability_short(risk.availability) }</span>
                </summary>
                if bound {
                    <p class="meta">{ "A bound: this feature's exact availability is too large to compute." }</p>
                }
                if singles > 0 {
                    <p class="meta">{ format!("{singles} single points of failure (the Risks tab lists them).") }</p>
                }
                if risk.cut_sets.is_none() {
                    <p class="meta">{ "Too many cut sets to list." }</p>
                }
                { cut_sets_of(2, "Pairs") }
                { cut_sets_of(3, "Triples") }
                if let Some(importance) = risk.importance.as_ref().filter(|list| !list.is_empty()) {
                    <div class="importance">
                        <h3>{ "Most important" }</h3>
                        <ol>
                            { for importance.iter().take(5).map(|m| html! {
                                <li key={graph.id(m.node).as_str()}>
                                    { label(document, m.node) }
                                    <span class="meta" title="Birnbaum importance: how much more likely the feature is down when this node is down than when it is up">
                                        { format!(" · {:.3}", m.birnbaum) }
                                    </span>
                                </li>
                            }) }
                        </ol>
                    </div>
                }
            </details>
        </li>
    }
}
