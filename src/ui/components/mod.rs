//! One component per file; each gets the props it shows and a callback that
//! sends actions, never the store.

mod availability_panel;
mod compare_panel;
mod confirm_back;
mod explanation;
mod header;
mod help;
mod legend;
mod map;
mod message_line;
mod properties;
mod recovery_bar;
mod recovery_panel;
mod report_view;
mod risks_panel;
mod scenarios_panel;
mod search_box;
mod share_panel;
mod shared_notice;
mod side_panel;
mod storage_warning;
mod toolbar;

pub use availability_panel::AvailabilityPanel;
pub use compare_panel::{ComparePanel, Comparing};
pub use confirm_back::ConfirmBack;
pub use explanation::Explanation;
pub use header::Header;
pub use help::Help;
pub use legend::Legend;
pub use map::Map;
pub use message_line::MessageLine;
pub use properties::Properties;
pub use recovery_bar::RecoveryBar;
pub use recovery_panel::RecoveryPanel;
pub use report_view::ReportView;
pub use risks_panel::RisksPanel;
pub use scenarios_panel::{ScenarioHours, ScenariosPanel};
pub use search_box::SearchBox;
pub use share_panel::SharePanel;
pub use shared_notice::SharedNotice;
pub use side_panel::SidePanel;
pub use storage_warning::StorageWarning;
pub use toolbar::Toolbar;

use crate::editor::Action;
use crate::model::NodeId;
use web_sys::HtmlSelectElement;
use yew::{Callback, Event, MouseEvent, TargetCast};

/// Makes click handlers that send a fixed action: `send(Action::Undo)`.
fn sender(on_action: &Callback<Action>) -> impl Fn(Action) -> Callback<MouseEvent> + '_ {
    move |action: Action| {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(action.clone()))
    }
}

/// A row that selects node `id`; picking the selected row again clears the selection.
fn select_row(on_action: &Callback<Action>, selected: Option<&NodeId>, id: &NodeId) -> Callback<MouseEvent> {
    let again = selected == Some(id);
    let action = Action::Select((!again).then(|| id.clone()));
    sender(on_action)(action)
}

/// For a file input: hands over the picked files and empties the input, so
/// picking the same files again fires another change.
fn on_pick_files(on_files: &Callback<Vec<web_sys::File>>) -> Callback<Event> {
    let on_files = on_files.clone();
    Callback::from(move |event: Event| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        on_files.emit(super::files::list(input.files()));
        input.set_value("");
    })
}

/// For a menu-like `<select>` whose options are numbered from 0 after a
/// placeholder: hands over the picked number and shows the placeholder again,
/// so the same entry can be picked twice.
fn on_pick(on_index: &Callback<usize>) -> Callback<Event> {
    let on_index = on_index.clone();
    Callback::from(move |event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        if let Ok(index) = select.value().parse::<usize>() {
            on_index.emit(index);
        }
        select.set_value("");
    })
}
