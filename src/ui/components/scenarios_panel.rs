//! The Scenarios tab: named failure sets side by side. The stored ones
//! (make one from the current failures, rename, delete: each one undoable
//! edit, stored in the file and in share links), the current failures when
//! they are not stored, and the generated library (each data center, each
//! provider, each group of copies sharing a dependency) one click from
//! being applied or saved. Each row: the features that go dark and the
//! people reached (`report::compare_scenarios`), and the hours until the
//! last feature is back when the app knows restore times.

use crate::analysis::Outcome;
use crate::editor::edit::unique_scenario_name;
use crate::editor::{Action, Edit, Snapshot};
use crate::model::{Graph, NodeId};
use crate::report::{compare_scenarios, format_hour_count, generated_scenarios, stored_scenarios, NamedScenario, ScenarioResult};
use std::collections::BTreeSet;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The hours until the last dark feature of an outcome is back
/// (`f64::INFINITY`: one never comes back), when restore times are known.
pub type ScenarioHours = Rc<dyn Fn(&Outcome) -> Option<f64>>;

/// How many generated scenarios are compared (each is one simulation).
const SUGGESTIONS: usize = 24;

#[derive(Properties)]
pub struct ScenariosPanelProps {
    pub snapshot: Snapshot,
    pub failed: BTreeSet<NodeId>,
    /// Restore hours, from the restore-time analysis when the app has it.
    #[prop_or_default]
    pub hours: Option<ScenarioHours>,
    pub on_action: Callback<Action>,
}

/// The same hours function (or none on both sides), for props' equality.
pub fn same_hours(a: &Option<ScenarioHours>, b: &Option<ScenarioHours>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        _ => false,
    }
}

impl PartialEq for ScenariosPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot) && self.failed == other.failed && same_hours(&self.hours, &other.hours)
    }
}

/// Compares `scenarios` with the hours function, if there is one.
fn compared(graph: &Graph, scenarios: &[NamedScenario], hours: &Option<ScenarioHours>) -> Vec<ScenarioResult> {
    match hours {
        Some(hours) => compare_scenarios(graph, scenarios, |outcome| hours(outcome)),
        None => compare_scenarios(graph, scenarios, |_| None),
    }
}

#[function_component(ScenariosPanel)]
pub fn scenarios_panel(props: &ScenariosPanelProps) -> Html {
    let snapshot = &props.snapshot;
    let revision = snapshot.revision();
    let hours_key = props.hours.as_ref().map(|h| Rc::as_ptr(h) as *const () as usize);
    // The stored scenarios, and the current failures first when they are not one of them.
    let stored = use_memo((revision, props.failed.clone(), hours_key), {
        let (snapshot, hours) = (snapshot.clone(), props.hours.clone());
        move |(_, failed, _)| {
            let valid = snapshot.document();
            let graph = valid.graph();
            let mut named = stored_scenarios(valid.document(), graph);
            let mut current: Vec<u32> = failed.iter().filter_map(|id| graph.index_of(id)).collect();
            current.sort_unstable();
            let unsaved = !current.is_empty() && !named.iter().any(|s| s.fail == current);
            if unsaved {
                named.insert(0, NamedScenario { name: "Current failures".to_owned(), fail: current.clone() });
            }
            (compared(graph, &named, &hours), unsaved, current)
        }
    });
    let suggested = use_memo((revision, hours_key), {
        let (snapshot, hours) = (snapshot.clone(), props.hours.clone());
        move |_| {
            let valid = snapshot.document();
            let library = generated_scenarios(valid.document(), valid.graph());
            let total = library.len();
            (compared(valid.graph(), &library[..total.min(SUGGESTIONS)], &hours), total)
        }
    });
    let (rows, unsaved, current) = &*stored;
    let (suggestions, library_size) = &*suggested;
    let valid = snapshot.document();
    let graph = valid.graph();
    let feature_total = graph.features().count().max(1);
    let with_hours = rows.iter().chain(suggestions.iter()).any(|row| row.hours.is_some());
    let columns = if with_hours { "4" } else { "3" }.to_owned();
    let ids = |scenario: &NamedScenario| -> Vec<NodeId> { scenario.fail.iter().map(|&v| graph.id(v).clone()).collect() };

    // Features dark (with a bar to compare at a glance), people, hours.
    let figures = |row: &ScenarioResult| {
        let dark = row.features_dark.len();
        let share = 100.0 * dark as f64 / feature_total as f64;
        let hours = match row.hours {
            Some(h) if h.is_finite() => format_hour_count(h),
            Some(_) => "never".to_owned(),
            None => "—".to_owned(),
        };
        html! {
            <>
                <td class="num dark">
                    <span>{ dark }</span>
                    <span class="bar" aria-hidden="true"><span style={format!("width: {share:.0}%")}></span></span>
                </td>
                <td class="num">{ row.people.amount().unwrap_or_else(|| "—".to_owned()) }</td>
                if with_hours {
                    <td class="num">{ hours }</td>
                }
            </>
        }
    };
    let head = html! {
        <thead>
            <tr>
                <th scope="col">{ "Scenario" }</th>
                <th scope="col" class="num" title="Features that go dark">{ "Dark" }</th>
                <th scope="col" class="num" title="People who lose at least one feature">{ "People" }</th>
                if with_hours {
                    <th scope="col" class="num" title="Hours until the last feature is back">{ "Hours" }</th>
                }
            </tr>
        </thead>
    };

    let stored_offset = usize::from(*unsaved);
    let stored_rows = rows.iter().enumerate().map(|(position, row)| {
        let shown = &row.scenario.fail == current && !current.is_empty();
        if *unsaved && position == 0 {
            let on_save = props.on_action.reform(|_: MouseEvent| Action::SaveFailuresAsScenario);
            return html! {
                <tbody key="current" class="current shown" data-testid="current-failures">
                    <tr class="title-row"><td colspan={columns.clone()}><span class="title">{ "Current failures (not saved)" }</span></td></tr>
                    <tr>
                        <td class="actions-cell"><div class="row-actions">
                            <button data-testid="save-scenario" title="Keep these failures as a named scenario (undoable)" onclick={on_save}>{ "Save as scenario" }</button>
                        </div></td>
                        { figures(row) }
                    </tr>
                </tbody>
            };
        }
        let index = position - stored_offset;
        let name = row.scenario.name.clone();
        let on_rename = {
            let (on_action, name) = (props.on_action.clone(), name.clone());
            Callback::from(move |event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                let wanted = input.value();
                // The editor may refuse the name; the field shows the stored one until it takes it.
                input.set_value(&name);
                on_action.emit(Action::Edit(Edit::RenameScenario { index, name: wanted }));
            })
        };
        let on_apply = {
            let fail = ids(&row.scenario);
            props.on_action.reform(move |_: MouseEvent| Action::SetFailures(fail.clone()))
        };
        let on_report = props.on_action.reform(move |_: MouseEvent| Action::OpenReport(Some(index)));
        let on_delete = props.on_action.reform(move |_: MouseEvent| Action::Edit(Edit::DeleteScenario(index)));
        // The name on a line of its own, so that it is never cut; the figures under it line up.
        html! {
            <tbody key={format!("stored-{index}")} class={classes!(shown.then_some("shown"))} data-scenario-index={index.to_string()}>
                <tr class="title-row">
                    <td colspan={columns.clone()}><input data-testid="scenario-name" aria-label="Scenario name" title="Rename: type and press Enter" value={name} onchange={on_rename} /></td>
                </tr>
                <tr>
                    <td class="actions-cell"><div class="row-actions">
                        <button data-testid="scenario-apply" title="Fail these nodes on the map" onclick={on_apply}>{ "Apply" }</button>
                        <button data-testid="scenario-report" title="The one-page report for this scenario" onclick={on_report}>{ "Report" }</button>
                        <button data-testid="scenario-delete" class="quiet-danger" title="Delete this scenario (undoable)" onclick={on_delete}>{ "Delete" }</button>
                    </div></td>
                    { figures(row) }
                </tr>
            </tbody>
        }
    });
    let suggestion_rows = suggestions.iter().enumerate().map(|(i, row)| {
        let shown = &row.scenario.fail == current;
        let fail = ids(&row.scenario);
        let on_apply = {
            let fail = fail.clone();
            props.on_action.reform(move |_: MouseEvent| Action::SetFailures(fail.clone()))
        };
        let on_save = {
            let name = unique_scenario_name(valid.document(), &row.scenario.name);
            props.on_action.reform(move |_: MouseEvent| Action::Edit(Edit::AddScenario { name: name.clone(), fail: fail.clone() }))
        };
        html! {
            <tbody key={format!("suggested-{i}")} class={classes!(shown.then_some("shown"))} data-suggestion-index={i.to_string()}>
                <tr class="title-row"><td colspan={columns.clone()}><span class="title">{ row.scenario.name.clone() }</span></td></tr>
                <tr>
                    <td class="actions-cell"><div class="row-actions">
                        <button data-testid="suggestion-apply" title="Fail these nodes on the map" onclick={on_apply}>{ "Apply" }</button>
                        <button data-testid="suggestion-save" title="Keep it with your scenarios (undoable)" onclick={on_save}>{ "Save" }</button>
                    </div></td>
                    { figures(row) }
                </tr>
            </tbody>
        }
    });
    let on_report = props.on_action.reform(|_: MouseEvent| Action::OpenReport(None));
    html! {
        <>
            <section class="panel-section">
                <div class="section-head">
                    <h2>{ "Scenarios side by side" }</h2>
                    <button data-testid="scenarios-report" title="The one-page report for the failures on the map" onclick={on_report}>{ "Report" }</button>
                </div>
                if rows.is_empty() {
                    <p data-testid="no-scenarios">{ "No scenarios yet. Fail nodes on the map (click them, or apply a suggestion below), then save them here." }</p>
                } else {
                    <table class="scenario-table" data-testid="scenario-compare">
                        { head.clone() }
                        { for stored_rows }
                    </table>
                }
            </section>
            if !suggestions.is_empty() {
                <section class="panel-section">
                    <h2>{ "Suggested" }</h2>
                    <p>{ "Each data center, each provider, and each group of copies that share a dependency, failing." }</p>
                    <table class="scenario-table" data-testid="suggested-scenarios">
                        { head }
                        { for suggestion_rows }
                    </table>
                    if *library_size > suggestions.len() {
                        <p class="more">{ format!("and {} more", library_size - suggestions.len()) }</p>
                    }
                </section>
            }
        </>
    }
}
