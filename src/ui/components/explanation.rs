//! What the side panel says about the selected node. A dark node: the whole
//! tree of broken requirements under it ("Orders DB needs 2 of 3 — DC East
//! and DC West are down"), each broken node explained once, the same tree
//! the map highlights. A node that is up: what it would take down alone and
//! what takes it down. Either way, the focus buttons: show only what it
//! depends on, or only what depends on it.

use super::super::derived::Situation;
use crate::analysis::{explain, FocusDirection, NodeState, Reason, WhyStep};
use crate::editor::{Action, Focus, Snapshot};
use crate::model::{Document, Graph, NodeId};
use crate::report::{risk_reach, why_line, Risk};
use std::rc::Rc;
use yew::prelude::*;

/// A tree longer than this shows its first lines and counts the rest
/// (a chain of thousands of nodes would bury the panel).
const MOST_LINES: usize = 80;
/// How many nodes "goes down if any one of these fails" names.
const MOST_KILLERS: usize = 8;

#[derive(Properties)]
pub struct ExplanationProps {
    pub node: NodeId,
    pub snapshot: Snapshot,
    pub situation: Rc<Situation>,
    pub risks: Rc<Vec<Risk>>,
    pub focus: Option<Focus>,
    pub on_action: Callback<Action>,
}

impl PartialEq for ExplanationProps {
    fn eq(&self, other: &Self) -> bool {
        self.node == other.node
            && self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && Rc::ptr_eq(&self.risks, &other.risks)
            && self.focus == other.focus
    }
}

#[function_component(Explanation)]
pub fn explanation(props: &ExplanationProps) -> Html {
    let document = props.snapshot.document();
    let graph = document.graph();
    let Some(v) = graph.index_of(&props.node) else { return html! {} };
    let outcome = &props.situation.outcome;
    let label = |v: u32| document.nodes[v as usize].label().to_owned();
    let kind = graph.kind(v).display_name();
    let state = outcome.state(v);

    let body = if state.is_up() {
        let analysis = props.snapshot.analysis();
        let killers = analysis.spofs.killers_of(v);
        let alone = props.risks.iter().find(|risk| risk.group.members().any(|m| m == v));
        let named: Vec<String> = killers.iter().take(MOST_KILLERS).map(|&k| label(k)).collect();
        let killers_text = match killers.len() - named.len() {
            0 => named.join(", "),
            more => format!("{} and {more} more", named.join(", ")),
        };
        html! {
            <>
                <p class="state-line">{ format!("{kind} · up") }</p>
                if let Some(risk) = alone {
                    <p class="reach">{ format!("On its own it {}.", risk_reach(graph, risk)) }</p>
                }
                if !killers.is_empty() {
                    <p>{ format!("Goes down if any one of these fails: {killers_text}.") }</p>
                }
            </>
        }
    } else {
        let why = explain(graph, outcome, v);
        let hidden = why.steps.len().saturating_sub(MOST_LINES);
        let shown = &why.steps[..why.steps.len().min(MOST_LINES)];
        html! {
            <>
                <p class="state-line">{ format!("{kind} · {}", if state == NodeState::Failed { "failed" } else { "dark" }) }</p>
                <ul class="why-tree" aria-label="Why it is dark">{ for tree(&Tree { document, graph, steps: shown }, &mut 0, 0) }</ul>
                if hidden > 0 {
                    <p class="more">{ format!("and {hidden} more steps") }</p>
                }
            </>
        }
    };

    let focus_button = |direction: FocusDirection, text: &str, key: &str, testid: &str| {
        let pressed = props.focus.as_ref().is_some_and(|f| f.node == props.node && f.direction == direction);
        let onclick = props.on_action.reform(move |_: MouseEvent| Action::ToggleFocus(direction));
        html! {
            <button data-testid={testid.to_owned()} aria-pressed={pressed.to_string()} title={format!("Dim everything else ({key}; Escape shows all)")} {onclick}>{ text }</button>
        }
    };
    html! {
        <section class="panel-section explanation" data-testid="explanation" aria-live="polite">
            <h2>{ label(v) }</h2>
            { body }
            <div class="focus-buttons" role="group" aria-label="Focus on this node">
                <span>{ "Show only" }</span>
                { focus_button(FocusDirection::Upstream, "What it needs", "U", "focus-upstream") }
                { focus_button(FocusDirection::Downstream, "What needs it", "D", "focus-downstream") }
            </div>
        </section>
    }
}

/// An explanation being drawn.
struct Tree<'a> {
    document: &'a Document,
    graph: &'a Graph,
    steps: &'a [WhyStep],
}

/// The steps at `depth` from `next` on, each broken requirement a
/// disclosure holding the steps under it (the pre-order list of
/// `analysis::explain`, nested). The first level is open: what the node
/// needs and what of that is down; each level below opens on a click.
///
/// A node already explained in another branch (`Reason::SeeAbove`) may sit
/// in a closed disclosure there, so a repeat still says what the node needs
/// and what of that is down, and only leaves out the branch under it.
fn tree(at: &Tree, next: &mut usize, depth: usize) -> Vec<Html> {
    let mut items = Vec::new();
    while let Some(step) = at.steps.get(*next).filter(|step| step.depth == depth) {
        *next += 1;
        let id = at.graph.id(step.node).as_str().to_owned();
        items.push(match step.reason {
            Reason::Broke { .. } => {
                let line = why_line(at.document, at.graph, step);
                let under = tree(at, next, depth + 1);
                html! {
                    <li class="broke" data-why-node={id}>
                        <details open={depth == 0}>
                            <summary>{ line }</summary>
                            <ul>{ for under }</ul>
                        </details>
                    </li>
                }
            }
            Reason::Failed => html! { <li class="failed" data-why-node={id}>{ why_line(at.document, at.graph, step) }</li> },
            Reason::SeeAbove => {
                let expanded = at.steps.iter().find(|s| s.node == step.node && matches!(s.reason, Reason::Broke { .. }));
                let line = why_line(at.document, at.graph, expanded.unwrap_or(step));
                html! {
                    <li class="see-above" data-why-node={id} title="Explained in full once, in another branch of this tree">
                        { line }
                        if expanded.is_some() {
                            <span class="repeat">{ " · explained in another branch" }</span>
                        }
                    </li>
                }
            }
        });
    }
    items
}
