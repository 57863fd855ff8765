//! Scenarios and the one-page report: storing the failure set as a named
//! scenario (one undo step, through `Edit::AddScenario`), and the Report
//! view with its download and print effects.

use crate::editor::edit::{scenario_name_for, Edit};
use crate::editor::effect::Effect;
use crate::editor::state::Dialog;
use crate::editor::update::Update;
use crate::editor::Editor;
use crate::model::NodeId;
use std::collections::BTreeSet;

impl Editor {
    /// Stores the failure set under a name made from what failed.
    pub(super) fn save_failures_as_scenario(&mut self, update: &mut Update) {
        let fail: Vec<NodeId> = self.failed.iter().cloned().collect();
        let name = scenario_name_for(self.document(), &fail);
        self.edit(Edit::AddScenario { name, fail }, update);
    }

    /// Opens the report for the failure set (named after the stored
    /// scenario it equals, if any) or for a stored scenario.
    pub(super) fn open_report(&mut self, scenario: Option<usize>, update: &mut Update) {
        let scenarios = &self.document().scenarios;
        let dialog = match scenario {
            Some(index) => {
                let Some(scenario) = scenarios.get(index) else { return };
                Dialog::Report { failed: scenario.fail.clone(), name: Some(scenario.name.clone()) }
            }
            None => {
                let name = scenarios
                    .iter()
                    .find(|s| s.fail.iter().cloned().collect::<BTreeSet<NodeId>>() == self.failed)
                    .map(|s| s.name.clone());
                Dialog::Report { failed: self.failed.iter().cloned().collect(), name }
            }
        };
        self.open(dialog, update);
    }

    pub(super) fn download_report(&mut self, update: &mut Update) {
        if let Some(Dialog::Report { failed, name }) = &self.dialog {
            let effect = Effect::DownloadReport { snapshot: self.snapshot.clone(), failed: failed.clone(), name: name.clone() };
            update.effect(effect);
        }
    }

    pub(super) fn print_report(&mut self, update: &mut Update) {
        if matches!(self.dialog, Some(Dialog::Report { .. })) {
            update.effect(Effect::PrintReport);
        }
    }
}
