//! The side panel: a tab bar over the analysis views ([`Panel`]), and the
//! view of the tab the editor shows. Each tab is a component of its own.

use super::{ComparePanel, Comparing, RisksPanel};
use super::super::derived::Situation;
use crate::editor::{Action, Origin, Panel, Snapshot};
use crate::model::NodeId;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct SidePanelProps {
    pub panel: Panel,
    pub snapshot: Snapshot,
    pub situation: Rc<Situation>,
    pub selected: Option<NodeId>,
    pub failures: usize,
    pub on_action: Callback<Action>,
    /// Compare: what the map is compared with and the diff, what the last
    /// saved version is, and files picked to compare with.
    pub comparison: Option<Comparing>,
    pub saved: Origin,
    pub on_compare_files: Callback<Vec<web_sys::File>>,
}

impl PartialEq for SidePanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.panel == other.panel
            && self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && self.selected == other.selected
            && self.failures == other.failures
            && self.saved == other.saved
            && self.comparison == other.comparison
    }
}

#[function_component(SidePanel)]
pub fn side_panel(props: &SidePanelProps) -> Html {
    let tab = |panel: Panel| {
        let shown = panel == props.panel;
        let onclick = super::sender(&props.on_action)(Action::ShowPanel(panel));
        html! {
            <button role="tab" class={classes!("tab", shown.then_some("shown"))} aria-selected={shown.to_string()}
                data-testid={format!("panel-tab-{}", panel.as_str())} {onclick}>{ panel.title() }</button>
        }
    };
    let content = match props.panel {
        Panel::Risks => html! {
            <RisksPanel snapshot={props.snapshot.clone()} situation={Rc::clone(&props.situation)}
                selected={props.selected.clone()} failures={props.failures} on_action={props.on_action.clone()} />
        },
        Panel::Compare => html! {
            <ComparePanel snapshot={props.snapshot.clone()} comparison={props.comparison.clone()} saved={props.saved.clone()}
                selected={props.selected.clone()} on_action={props.on_action.clone()} on_files={props.on_compare_files.clone()} />
        },
    };
    html! {
        <>
            if Panel::ALL.len() > 1 {
                <div class="tabs" role="tablist" aria-label="Analysis views">{ for Panel::ALL.into_iter().map(tab) }</div>
            }
            <div role="tabpanel" data-testid={format!("panel-{}", props.panel.as_str())}>{ content }</div>
        </>
    }
}
