//! The properties panel: edits the selected node. Each committed field is
//! one undo step; values the model refuses show its message instead. When
//! the last edit changed this node's requirement as a side effect (a
//! dependency deleted under a quorum), the panel says so.

use crate::analysis::risk::availability::parse_mtbf_mttr;
use crate::editor::{edit::describe_requirement, Action, Edit, NodePatch, RequirementChange};
use crate::model::{Kind, Node, Requirement};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PropertiesProps {
    pub node: Node,
    /// How the last edit changed this node's requirement, if it did.
    pub change: Option<RequirementChange>,
    pub on_action: Callback<Action>,
}

/// An optional number field: empty is none; anything that is not a number
/// becomes NaN, which the model refuses with a message naming the field.
fn optional_number(text: &str) -> Option<f64> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.parse::<f64>().unwrap_or(f64::NAN))
}

/// A labelled field for an optional number (availability, hours): one
/// function, so the markup is built by one piece of code for all of them.
fn number_field(label: &str, testid: &'static str, value: Option<f64>, onchange: Callback<Event>) -> Html {
    html! {
        <label>{ label }
            <input type="text" inputmode="decimal" data-testid={testid}
                value={value.map(|v| v.to_string()).unwrap_or_default()} {onchange} />
        </label>
    }
}

#[function_component(Properties)]
pub fn properties(props: &PropertiesProps) -> Html {
    let node = &props.node;
    let dependencies = node.depends_on.len();
    let patch = |make: fn(String, &Node) -> Option<NodePatch>| {
        let on_action = props.on_action.clone();
        let node = node.clone();
        move |value: String| {
            if let Some(patch) = make(value, &node) {
                on_action.emit(Action::Edit(Edit::Update { id: node.id.clone(), patch }));
            }
        }
    };
    let on_delete = super::sender(&props.on_action)(Action::DeleteSelection);
    let input_value = |apply: Box<dyn Fn(String)>| {
        Callback::from(move |event: Event| apply(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_label = input_value(Box::new(patch(|v, _| Some(NodePatch { label: Some(v), ..NodePatch::default() }))));
    let on_users = input_value(Box::new(patch(|v, _| {
        let users = v.trim().replace(['_', ',', ' '], "").parse().unwrap_or(0);
        Some(NodePatch { users: Some(users), ..NodePatch::default() })
    })));
    // MTBF / MTTR: another way to enter the same availability. Text that is
    // not two such numbers reaches the model as an invalid availability,
    // which says so in the message line.
    let on_mtbf_mttr = input_value(Box::new(patch(|v, _| {
        if v.trim().is_empty() {
            return None;
        }
        let availability = parse_mtbf_mttr(&v).unwrap_or(f64::NAN);
        Some(NodePatch { availability: Some(Some(availability)), ..NodePatch::default() })
    })));
    let on_availability = input_value(Box::new(patch(|v, _| Some(NodePatch { availability: Some(optional_number(&v)), ..NodePatch::default() }))));
    let on_recovery = input_value(Box::new(patch(|v, _| Some(NodePatch { recovery_hours: Some(optional_number(&v)), ..NodePatch::default() }))));
    let on_rebuild = input_value(Box::new(patch(|v, _| Some(NodePatch { rebuild_hours: Some(optional_number(&v)), ..NodePatch::default() }))));
    let on_tolerance = input_value(Box::new(patch(|v, _| Some(NodePatch { tolerance_hours: Some(optional_number(&v)), ..NodePatch::default() }))));
    let on_k = input_value(Box::new(patch(|v, _| {
        let k = v.trim().parse::<u32>().unwrap_or(0);
        Some(NodePatch { requires: Some(Requirement::AtLeast(k)), ..NodePatch::default() })
    })));
    let on_kind = {
        let apply = patch(|v, _| Kind::ALL.iter().find(|k| k.as_str() == v).map(|&kind| NodePatch { kind: Some(kind), ..NodePatch::default() }));
        Callback::from(move |event: Event| apply(event.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_requires = {
        let apply = patch(|v, node| {
            let requires = match v.as_str() {
                "any" => Requirement::Any,
                // A quorum starts at a majority of the dependencies.
                "at_least" => Requirement::AtLeast((node.depends_on.len() as u32 / 2 + 1).max(1)),
                _ => Requirement::All,
            };
            Some(NodePatch { requires: Some(requires), ..NodePatch::default() })
        });
        Callback::from(move |event: Event| apply(event.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_notes = {
        let apply = patch(|v, _| Some(NodePatch { notes: Some(Some(v)), ..NodePatch::default() }));
        Callback::from(move |event: Event| apply(event.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let requires_word = match node.requires {
        Requirement::All => "all",
        Requirement::Any => "any",
        Requirement::AtLeast(_) => "at_least",
    };
    html! {
        <section class="panel-section properties" data-testid="properties" aria-label="Properties">
            <h2>{ "Properties" }</h2>
            <p class="node-id">{ "id " }<code>{ node.id.as_str() }</code></p>
            <label>{ "Label" }
                <input type="text" data-testid="prop-label" value={node.label().to_owned()} onchange={on_label} />
            </label>
            <label>{ "Kind" }
                <select data-testid="prop-kind" onchange={on_kind}>
                    { for Kind::ALL.iter().map(|k| html! {
                        <option value={k.as_str()} selected={*k == node.kind}>{ k.display_name() }</option>
                    }) }
                </select>
            </label>
            if let Some(change) = &props.change {
                <p class="requirement-change" data-testid="requirement-change" role="status">
                    { format!("The last edit changed this requirement: {} → {}.",
                        describe_requirement(change.before, change.before_dependencies),
                        describe_requirement(change.after, change.after_dependencies)) }
                    if change.tolerance_after() < change.tolerance_before() {
                        { format!(" It now survives {} of its dependencies failing.", match change.tolerance_after() { 0 => "none".to_owned(), n => n.to_string() }) }
                    }
                </p>
            }
            <label>{ format!("Requires ({dependencies} dependencies)") }
                <select data-testid="prop-requires" onchange={on_requires}>
                    <option value="all" selected={requires_word == "all"}>{ "All of them" }</option>
                    <option value="any" selected={requires_word == "any"}>{ "Any one" }</option>
                    <option value="at_least" selected={requires_word == "at_least"}>{ "At least k" }</option>
                </select>
            </label>
            if let Requirement::AtLeast(k) = node.requires {
                <label>{ format!("k (1 to {dependencies})") }
                    <input type="number" data-testid="prop-k" min="1" max={dependencies.to_string()} value={k.to_string()} onchange={on_k} />
                </label>
            }
            if node.kind == Kind::Feature {
                <label>{ "Users" }
                    <input type="number" min="0" data-testid="prop-users" value={node.users.to_string()} onchange={on_users} />
                </label>
            }
            { number_field("Availability (0 to 1, optional)", "prop-availability", node.availability, on_availability) }
            <label>{ "or from MTBF / MTTR (hours)" }
                // Keyed by node and value: a fresh, empty field for another node or once applied.
                <input key={format!("{}={:?}", node.id, node.availability)} type="text" inputmode="decimal" data-testid="prop-mtbf-mttr"
                    placeholder="e.g. 8760 / 4" onchange={on_mtbf_mttr} />
            </label>
            { number_field("Recovery hours (once what it needs is back)", "prop-recovery-hours", node.recovery_hours, on_recovery) }
            { number_field("Rebuild hours (without its dependencies, optional)", "prop-rebuild-hours", node.rebuild_hours, on_rebuild) }
            if node.kind == Kind::Feature {
                { number_field("Impact tolerance in hours (optional)", "prop-tolerance-hours", node.tolerance_hours, on_tolerance) }
            }
            <label>{ "Notes" }
                <textarea data-testid="prop-notes" rows="3" value={node.notes.clone().unwrap_or_default()} onchange={on_notes} />
            </label>
            <button data-testid="delete" class="danger" onclick={on_delete}>{ "Delete node" }</button>
        </section>
    }
}
