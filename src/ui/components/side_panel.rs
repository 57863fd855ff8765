//! The side panel: a tab bar over the analysis views ([`Panel`]), and the
//! view of the tab the editor shows. Each tab is a component of its own.

use super::{AvailabilityPanel, ComparePanel, Comparing, RecoveryPanel, RisksPanel, ScenarioHours, ScenariosPanel};
use super::super::derived::Situation;
use crate::analysis::RestoreTimes;
use crate::editor::{Action, Focus, Origin, Panel, RiskStatus, Snapshot, SpofRanking};
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
    /// The risk numbers (the Availability tab), and the fix previewed.
    pub risk: RiskStatus,
    pub fix_preview: Option<usize>,
    pub focus: Option<Focus>,
    pub failed: BTreeSet<NodeId>,
    /// Restore times after the failures, and the time control's hour.
    pub times: Rc<RestoreTimes>,
    pub hour: f64,
    pub ranking: SpofRanking,
    /// Restore hours for the scenario comparison, once the app computes
    /// restore times (the Scenarios tab shows an Hours column then).
    #[prop_or_default]
    pub scenario_hours: Option<ScenarioHours>,
    /// Compare: what the map is compared with and the diff, what the last
    /// saved version is, and files picked to compare with.
    pub comparison: Option<Comparing>,
    pub saved: Origin,
    pub on_compare_files: Callback<Vec<web_sys::File>>,
    pub on_action: Callback<Action>,
}

impl PartialEq for SidePanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.panel == other.panel
            && self.snapshot.same(&other.snapshot)
            && Rc::ptr_eq(&self.situation, &other.situation)
            && Rc::ptr_eq(&self.risks, &other.risks)
            && self.selected == other.selected
            && self.risk == other.risk
            && self.fix_preview == other.fix_preview
            && self.focus == other.focus
            && self.failed == other.failed
            && Rc::ptr_eq(&self.times, &other.times)
            && self.hour == other.hour
            && self.ranking == other.ranking
            && self.saved == other.saved
            && self.comparison == other.comparison
            && super::scenarios_panel::same_hours(&self.scenario_hours, &other.scenario_hours)
    }
}

#[function_component(SidePanel)]
pub fn side_panel(props: &SidePanelProps) -> Html {
    // Another tab opens at its top, not where the last one was scrolled to.
    let tabs = use_node_ref();
    {
        let tabs = tabs.clone();
        use_effect_with(props.panel, move |_| {
            let Some(tabs) = tabs.cast::<web_sys::Element>() else { return };
            let Some(panel) = tabs.closest(".side-panel").ok().flatten() else { return };
            panel.set_scroll_top(0);
            // On a phone the page scrolls instead: back to the panel's top when it went by.
            if panel.get_bounding_client_rect().top() < 0.0 {
                panel.scroll_into_view();
            }
        });
    }
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
                selected={props.selected.clone()} focus={props.focus.clone()} failures={props.failed.len()} ranking={props.ranking}
                on_action={props.on_action.clone()} />
        },
        Panel::Compare => html! {
            <ComparePanel snapshot={props.snapshot.clone()} comparison={props.comparison.clone()} saved={props.saved.clone()}
                selected={props.selected.clone()} on_action={props.on_action.clone()} on_files={props.on_compare_files.clone()} />
        },
        Panel::Recovery => html! {
            <RecoveryPanel snapshot={props.snapshot.clone()} times={Rc::clone(&props.times)} hour={props.hour}
                failures={props.failed.len()} selected={props.selected.clone()} on_action={props.on_action.clone()} />
        },
        Panel::Scenarios => html! {
            <ScenariosPanel snapshot={props.snapshot.clone()} failed={props.failed.clone()} hours={props.scenario_hours.clone()}
                on_action={props.on_action.clone()} />
        },
        Panel::Availability => html! {
            <AvailabilityPanel snapshot={props.snapshot.clone()} status={props.risk.clone()} preview={props.fix_preview}
                on_action={props.on_action.clone()} />
        },
    };
    html! {
        <>
            if Panel::ALL.len() > 1 {
                <div class="tabs" role="tablist" aria-label="Analysis views" ref={tabs}>{ for Panel::ALL.into_iter().map(tab) }</div>
            }
            <div role="tabpanel" data-testid={format!("panel-{}", props.panel.as_str())}>{ content }</div>
        </>
    }
}
