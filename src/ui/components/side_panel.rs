//! The side panel: a tab bar over the analysis views ([`Panel`]), and the
//! view of the tab the editor shows. Each tab is a component of its own.

use super::{RisksPanel, ScenarioHours, ScenariosPanel};
use super::super::derived::Situation;
use crate::editor::{Action, Focus, Panel, Snapshot};
use crate::model::NodeId;
use crate::report::Risk;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct SidePanelProps {
    pub panel: Panel,
    pub snapshot: Snapshot,
    pub situation: Rc<Situation>,
    pub risks: Rc<Vec<Risk>>,
    pub selected: Option<NodeId>,
    pub focus: Option<Focus>,
    pub failed: BTreeSet<NodeId>,
    /// Restore hours for the scenario comparison, once the app computes
    /// restore times (the Scenarios tab shows an Hours column then).
    #[prop_or_default]
    pub scenario_hours: Option<ScenarioHours>,
    pub on_action: Callback<Action>,
}

impl PartialEq for SidePanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.panel == other.panel
            && self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && Rc::ptr_eq(&self.risks, &other.risks)
            && self.selected == other.selected
            && self.focus == other.focus
            && self.failed == other.failed
            && super::scenarios_panel::same_hours(&self.scenario_hours, &other.scenario_hours)
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
            <RisksPanel snapshot={props.snapshot.clone()} situation={Rc::clone(&props.situation)} risks={Rc::clone(&props.risks)}
                selected={props.selected.clone()} focus={props.focus.clone()} failures={props.failed.len()} on_action={props.on_action.clone()} />
        },
        Panel::Scenarios => html! {
            <ScenariosPanel snapshot={props.snapshot.clone()} failed={props.failed.clone()} hours={props.scenario_hours.clone()}
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
