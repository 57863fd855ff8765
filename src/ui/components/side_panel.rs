//! The side panel: a tab bar over the analysis views ([`Panel`]), and the
//! view of the tab the editor shows. Each tab is a component of its own.

use super::{AvailabilityPanel, RisksPanel};
use super::super::derived::Situation;
use crate::editor::{Action, Panel, RiskStatus, Snapshot};
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
    /// The risk numbers (the Availability tab), and the fix previewed.
    pub risk: RiskStatus,
    pub fix_preview: Option<usize>,
    pub on_action: Callback<Action>,
}

impl PartialEq for SidePanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.panel == other.panel
            && self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && self.selected == other.selected
            && self.failures == other.failures
            && self.risk == other.risk
            && self.fix_preview == other.fix_preview
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
        Panel::Availability => html! {
            <AvailabilityPanel snapshot={props.snapshot.clone()} status={props.risk.clone()} preview={props.fix_preview}
                on_action={props.on_action.clone()} />
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
