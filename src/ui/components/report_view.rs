//! The Report view: the one-page report, the very page `blackout report`
//! writes, shown over the app in a frame (its own document, so its print
//! style applies and nothing of the app leaks into it), with Print,
//! Download and Close.

use super::super::report::report_page;
use crate::editor::{Action, Snapshot};
use crate::model::NodeId;
use yew::prelude::*;

#[derive(Properties)]
pub struct ReportViewProps {
    pub snapshot: Snapshot,
    pub failed: Vec<NodeId>,
    /// The stored scenario's name, when the failure set is one.
    pub name: Option<String>,
    pub on_action: Callback<Action>,
}

impl PartialEq for ReportViewProps {
    fn eq(&self, other: &Self) -> bool {
        self.snapshot.same(&other.snapshot) && self.failed == other.failed && self.name == other.name
    }
}

#[function_component(ReportView)]
pub fn report_view(props: &ReportViewProps) -> Html {
    let page = use_memo((props.snapshot.revision(), props.failed.clone(), props.name.clone()), {
        let snapshot = props.snapshot.clone();
        move |(_, failed, name)| report_page(&snapshot, failed, name.as_deref())
    });
    let send = super::sender(&props.on_action);
    let title = match &props.name {
        Some(name) => format!("Report · {name}"),
        None if props.failed.is_empty() => "Report · nothing failed".to_owned(),
        None => "Report · the failures on the map".to_owned(),
    };
    html! {
        <div class="overlay report-overlay" role="dialog" aria-modal="true" aria-labelledby="report-title" data-testid="report-view">
            <div class="report-dialog">
                <div class="report-bar">
                    <h2 id="report-title">{ title }</h2>
                    <div class="report-actions">
                        <button data-testid="report-print" title="Print it (one page, A4 or Letter)" onclick={send(Action::PrintReport)}>{ "Print" }</button>
                        <button data-testid="report-download" title="Save the page as one HTML file" onclick={send(Action::DownloadReport)}>{ "Download HTML" }</button>
                        <button data-testid="report-close" aria-label="Close the report" onclick={send(Action::CloseDialog)}>{ "Close" }</button>
                    </div>
                </div>
                // The page carries no script; the sandbox makes sure it never runs one.
                <iframe class="report-frame" data-testid="report-frame" title="One-page report" sandbox="allow-modals allow-same-origin"
                    srcdoc={(*page).clone()}></iframe>
            </div>
        </div>
    }
}
