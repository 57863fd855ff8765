//! The one place where app state changes: [`Editor::apply`]. It routes an
//! action to the handler of its area (one file each) after two rules that
//! hold for every action:
//!
//! 1. In the read-only embed, only what [`Action::allowed_in_embed`] lists
//!    gets through; everything else (the keyboard included) is refused here.
//! 2. An action that is not part of the interaction in progress ends it
//!    first: Escape cancels it (and does nothing else), anything else commits
//!    it. Pointer input belongs to the interaction; reports (a measurement,
//!    an effect's result) never end one.

mod availability;
mod compare;
mod dialogs;
mod document;
mod finding;
mod overview;
mod pointer;
mod recovery;
mod scenarios;
mod selection;
mod session;
mod simulation;
mod view;

use super::action::Action;
use super::interaction::End;
use super::update::Update;
use super::{Editor, Origin};

impl Editor {
    /// Applies `action`: what changed, and the effects to run.
    pub fn apply(&mut self, action: Action) -> Update {
        let mut update = Update::default();
        if self.is_embed() && !action.allowed_in_embed() {
            return update;
        }
        if !self.interaction.is_idle() && !action.is_report() && !matches!(action, Action::Pointer(_)) {
            if matches!(action, Action::Escape) {
                self.end_interaction(End::Cancel, &mut update);
                return update;
            }
            self.end_interaction(End::Commit, &mut update);
        }
        let risk_memo = std::rc::Rc::clone(self.snapshot.risk_memo());
        let time_control = action.is_time_control() || action.is_report();
        match action {
            Action::Load { document, source } => self.load(document, Origin::Opened(source), &mut update),
            Action::New => self.new_document(&mut update),
            Action::Edit(edit) => self.edit(edit, &mut update),
            Action::AddNode(at) => self.add_node(at, &mut update),
            Action::DeleteSelection => self.delete_selection(&mut update),
            Action::ConnectSelection => self.connect_selection(&mut update),
            Action::Undo => self.undo(&mut update),
            Action::Redo => self.redo(&mut update),
            Action::ToggleFailure(id) => self.toggle_failure(id, &mut update),
            Action::SetFailures(ids) => self.set_failures(ids, &mut update),
            Action::ResetFailures => self.set_failures(Vec::new(), &mut update),
            Action::SaveFailuresAsScenario => self.save_failures_as_scenario(&mut update),
            Action::OpenReport(scenario) => self.open_report(scenario, &mut update),
            Action::DownloadReport => self.download_report(&mut update),
            Action::PrintReport => self.print_report(&mut update),
            Action::OpenSearch => self.open_search(&mut update),
            Action::SearchInput(query) => self.search_input(query, &mut update),
            Action::SearchMove(delta) => self.search_move(delta, &mut update),
            Action::SearchPick(index) => self.search_pick(index, &mut update),
            Action::CloseSearch => self.close_search(&mut update),
            Action::ToggleFocus(direction) => self.toggle_focus(direction, &mut update),
            Action::LeaveFocus => self.leave_focus(&mut update),
            Action::Select(id) => self.select(id, &mut update),
            Action::ToggleSelect(id) => self.toggle_select(id, &mut update),
            Action::Activate { node, shift } => self.activate(node, shift, &mut update),
            Action::SetMode(mode) => self.set_mode(mode, &mut update),
            Action::SetNewNodeKind(kind) => self.set_new_node_kind(kind, &mut update),
            Action::Fit => self.fit(&mut update),
            Action::ZoomBy(factor) => self.zoom_by(factor, &mut update),
            Action::CentreOn(point) => self.centre_on(point, &mut update),
            Action::MapResized { width, height } => self.resize(width, height, &mut update),
            Action::Pointer(input) => self.pointer(input, &mut update),
            Action::Escape => self.escape(&mut update),
            Action::Open(dialog) => self.open(dialog, &mut update),
            Action::CloseDialog => self.close_dialog(&mut update),
            Action::ShowPanel(panel) => self.show_panel(panel, &mut update),
            Action::RankSpofs(ranking) => self.rank_spofs(ranking, &mut update),
            Action::SetRecoveryHour(hour) => self.set_recovery_hour(hour, &mut update),
            Action::PlayRecovery => self.play_recovery(&mut update),
            Action::PauseRecovery => self.pause_recovery(&mut update),
            Action::RecoveryTick { generation } => self.recovery_tick(generation, &mut update),
            Action::ToggleHelp => self.toggle_help(&mut update),
            Action::DismissMessage => self.dismiss_message(&mut update),
            Action::Report(problem) => self.report(problem, &mut update),
            Action::KeepShared => self.keep_shared(&mut update),
            Action::BackToOwn => self.back_to_own(false, &mut update),
            Action::ConfirmBackToOwn => self.back_to_own(true, &mut update),
            Action::Export(format) => self.export(format, &mut update),
            Action::Share => self.share(&mut update),
            Action::ShareLinkReady(link) => self.share_link_ready(link, &mut update),
            Action::Copy(text) => self.copy(text, &mut update),
            Action::Stored(result) => self.stored(result, &mut update),
            Action::AnalyseRisk => self.analyse_risk(&mut update),
            Action::RiskStep { generation } => self.risk_step(generation, &mut update),
            Action::CancelRisk => self.cancel_risk(&mut update),
            Action::PreviewFix(index) => self.preview_fix(index, &mut update),
            Action::CompareWith { document, source } => self.compare_with(document, source, &mut update),
            Action::CompareWithSaved => self.compare_with_saved(&mut update),
            Action::SwapComparison => self.swap_comparison(&mut update),
            Action::StopComparing => self.stop_comparing(&mut update),
        }
        self.risk_document_changed(&risk_memo, &mut update);
        self.follow_recovery_clock(time_control, &mut update);
        update
    }
}
