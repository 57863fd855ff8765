//! The lasting warning when autosave fails or is off, with one click to save
//! the work to a file.

use crate::autosave::StorageProblem;
use crate::editor::{Action, ExportFormat};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StorageWarningProps {
    pub problem: StorageProblem,
    pub on_action: Callback<Action>,
}

#[function_component(StorageWarning)]
pub fn storage_warning(props: &StorageWarningProps) -> Html {
    let on_save = super::sender(&props.on_action)(Action::Export(ExportFormat::Json));
    html! {
        <div class="storage-warning" role="alert" data-testid="storage-warning">
            <span>{ props.problem.to_string() }</span>
            <button data-testid="storage-save" onclick={on_save}>{ "Save to file" }</button>
        </div>
    }
}
