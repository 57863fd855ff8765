//! The side panel: a tab bar over the analysis views ([`Panel`]), and the
//! view of the tab the editor shows. Each tab is a component of its own.

use super::{RecoveryPanel, RisksPanel};
use super::super::derived::Situation;
use crate::analysis::RestoreTimes;
use crate::editor::{Action, Panel, Snapshot, SpofRanking};
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
    /// Restore times after the failures, and the time control's hour.
    pub times: Rc<RestoreTimes>,
    pub hour: f64,
    pub ranking: SpofRanking,
    pub on_action: Callback<Action>,
}

impl PartialEq for SidePanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.panel == other.panel
            && self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && self.selected == other.selected
            && self.failures == other.failures
            && Rc::ptr_eq(&self.times, &other.times)
            && self.hour == other.hour
            && self.ranking == other.ranking
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
                selected={props.selected.clone()} failures={props.failures} ranking={props.ranking} on_action={props.on_action.clone()} />
        },
        Panel::Recovery => html! {
            <RecoveryPanel snapshot={props.snapshot.clone()} times={Rc::clone(&props.times)} hour={props.hour}
                failures={props.failures} selected={props.selected.clone()} on_action={props.on_action.clone()} />
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
