//! The Recovery tab of the side panel: after a failure, one bar per dark
//! feature from hour 0 to the hour it is back, sooner first, with its users
//! and user-hours; the features that never come back flagged with what
//! blocks them; each feature's impact tolerance as a line on its bar; and
//! the hour of the time control as a line across all of them.
//!
//! Bars are drawn with percentages of the time control's range, so they
//! fill the panel at any width. State reads without colour: a bar still dark
//! at the chosen hour is solid and dark, one that is back is light with
//! "back" written beside it, one that never comes back is hatched and says
//! so, and a broken tolerance is written out.

use crate::analysis::{FeatureRestore, RestoreTimes};
use crate::editor::{recovery_end, Action, Snapshot};
use crate::model::{Graph, NodeId, NodeIndex};
use crate::render::state_at_hour;
use crate::report::format_users;
use crate::report::recovery::{format_hours, format_user_hours};
use crate::analysis::has_recovery_data;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct RecoveryPanelProps {
    pub snapshot: Snapshot,
    /// Restore times after the current failures.
    pub times: Rc<RestoreTimes>,
    /// The time control's hour.
    pub hour: f64,
    pub failures: usize,
    pub selected: Option<NodeId>,
    pub on_action: Callback<Action>,
}

impl PartialEq for RecoveryPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.times, &other.times)
            && self.hour == other.hour
            && self.failures == other.failures
            && self.selected == other.selected
    }
}

const TITLE: &str = "How long features stay dark";

/// The marks of the timeline and what they mean.
const LEGEND: [(&str, &str); 4] = [("dark", "still dark"), ("back", "back"), ("never", "never back"), ("tolerance", "tolerance")];

/// `part` of `whole` as a CSS percentage (0 when the whole is 0).
fn percent(part: f64, whole: f64) -> String {
    let share = if whole > 0.0 { (part / whole).clamp(0.0, 1.0) } else { 0.0 };
    format!("{:.2}%", share * 100.0)
}

#[function_component(RecoveryPanel)]
pub fn recovery_panel(props: &RecoveryPanelProps) -> Html {
    let document = props.snapshot.document();
    let graph = document.graph();
    let times = &props.times;
    let timeline = times.features(graph);
    if timeline.is_empty() {
        let (class, text) = if props.failures == 0 {
            ("", "Fail a node on the map, or pick a scenario in the Risks tab, to see when each dark feature is back and the user-hours lost.")
        } else {
            ("good", "No feature goes dark: nothing to restore.")
        };
        return html! {
            <section class="panel-section" data-testid="recovery-empty">
                <h2>{ TITLE }</h2>
                <p {class}>{ text }</p>
            </section>
        };
    }
    let end = recovery_end(times);
    let hour = props.hour;
    let back = timeline.iter().filter(|f| state_at_hour(times, f.feature, hour).is_up()).count();
    let rows = timeline.iter().map(|restore| {
        let id = graph.id(restore.feature);
        let label = document.nodes[restore.feature as usize].label().to_owned();
        let row = Row::of(graph, times, restore, hour);
        let selected = props.selected.as_ref() == Some(id);
        html! {
            <li key={id.as_str()} class={classes!("restore-row", row.class(), selected.then_some("selected"))}
                data-restore-feature={id.as_str().to_owned()}
                data-hours={restore.hours.map(|h| h.to_string()).unwrap_or_default()}>
                <button class="restore-head" onclick={super::select_row(&props.on_action, props.selected.as_ref(), id)} aria-pressed={selected.to_string()}>
                    <span class="name">{ label }</span>
                    <span class="when">{ row.when() }</span>
                </button>
                <div class="track" aria-hidden="true">
                    <div class="bar" style={format!("width: {}", restore.hours.map_or_else(|| "100%".to_owned(), |h| percent(h, end)))}></div>
                    if let Some(tolerance) = row.tolerance.filter(|&t| t <= end) {
                        <div class="tolerance" style={format!("left: {}", percent(tolerance, end))}></div>
                    }
                    if hour > 0.0 {
                        <div class="now" style={format!("left: {}", percent(hour, end))}></div>
                    }
                </div>
                <p class="meta">{ row.meta(restore) }</p>
                if let Some((broken, note)) = row.tolerance_note() {
                    <p class={classes!("tolerance-note", broken.then_some("breach"))}>{ note }</p>
                }
                if let Some(blocker) = restore.hours.is_none().then(|| times.blocker(graph, restore.feature)).flatten() {
                    <p class="blocker">
                        if blocker.chain.len() > 1 {
                            { format!("Waits on {}. ", names(document, &blocker.chain[1..], " → ")) }
                        }
                        { format!("Cycle with no rebuild: {}.", names(document, &blocker.cycle, ", ")) }
                    </p>
                }
            </li>
        }
    });
    html! {
        <section class="panel-section recovery" data-testid="recovery-timeline">
            <h2>{ TITLE }</h2>
            <p class="recovery-progress" data-testid="recovery-progress">
                { if hour > 0.0 {
                    format!("At {} since the failure: {back} of {} dark features back.", format_hours(hour), timeline.len())
                } else {
                    format!("{} features went dark. Move the time control to watch them come back.", timeline.len())
                } }
            </p>
            if !has_recovery_data(graph) {
                <p class="note">{ "This map states no recovery hours: a feature is back as soon as what it needs is. Give nodes recovery and rebuild hours in Edit mode." }</p>
            }
            <div class="axis" aria-hidden="true"><span>{ "0 h" }</span><span>{ format_hours(end) }</span></div>
            <ol class="restore-list">{ for rows }</ol>
            <ul class="restore-legend" aria-label="What the bars mean">
                { for LEGEND.iter().map(|(key, text)| html! { <li><span class={classes!("key", *key)}></span>{ *text }</li> }) }
            </ul>
        </section>
    }
}

/// What one row says.
struct Row {
    back: bool,
    never: bool,
    tolerance: Option<f64>,
    hours: Option<f64>,
}

impl Row {
    fn of(graph: &Graph, times: &RestoreTimes, restore: &FeatureRestore, hour: f64) -> Row {
        Row {
            back: state_at_hour(times, restore.feature, hour).is_up(),
            never: restore.hours.is_none(),
            tolerance: graph.tolerance_hours(restore.feature),
            hours: restore.hours,
        }
    }

    fn class(&self) -> &'static str {
        match (self.never, self.back) {
            (true, _) => "never",
            (false, true) => "back",
            (false, false) => "dark",
        }
    }

    /// "10 h", "back · 10 h", "never back".
    fn when(&self) -> String {
        match self.hours {
            None => "never back".to_owned(),
            Some(hours) if self.back => format!("✓ back · {}", format_hours(hours)),
            Some(hours) => format_hours(hours),
        }
    }

    fn meta(&self, restore: &FeatureRestore) -> String {
        let users = format!("{} users", format_users(restore.users));
        match restore.user_hours {
            Some(user_hours) => format!("{users} · {}", format_user_hours(user_hours)),
            None => users,
        }
    }

    /// For a feature with an impact tolerance: whether the outage breaks
    /// it (longer than it accepts), and that in words.
    fn tolerance_note(&self) -> Option<(bool, String)> {
        let tolerance = format_hours(self.tolerance?);
        Some(match self.hours {
            Some(hours) if hours > self.tolerance? => {
                (true, format!("⚠ Over its {tolerance} tolerance by {}", format_hours(hours - self.tolerance?)))
            }
            Some(_) => (false, format!("Within its {tolerance} tolerance")),
            None => (true, format!("⚠ Over its {tolerance} tolerance: never back")),
        })
    }
}

fn names(document: &crate::model::Document, nodes: &[NodeIndex], separator: &str) -> String {
    nodes.iter().map(|&v| document.nodes[v as usize].label()).collect::<Vec<_>>().join(separator)
}
