//! Dialogs, the message line, Escape, and what is handed to the outside world
//! (exports, share links, the clipboard).

use crate::editor::action::ExportFormat;
use crate::editor::effect::Effect;
use crate::editor::message::{Message, Problem};
use crate::editor::state::{Dialog, Panel};
use crate::editor::update::{Part, Update};
use crate::editor::{Editor, Origin, SavedVersion};

impl Editor {
    /// With no interaction in progress: close the search box, else the
    /// dialog, else leave the focus, else clear the selection.
    pub(super) fn escape(&mut self, update: &mut Update) {
        if self.search.is_some() {
            self.close_search(update);
        } else if self.dialog.is_some() {
            self.close_dialog(update);
        } else if self.focus.is_some() {
            self.leave_focus(update);
        } else if !self.selection.is_empty() {
            self.select(None, update);
        }
    }

    pub(super) fn open(&mut self, dialog: Dialog, update: &mut Update) {
        if self.dialog.as_ref() != Some(&dialog) {
            self.dialog = Some(dialog);
            update.mark(Part::Dialog);
        }
    }

    pub(super) fn close_dialog(&mut self, update: &mut Update) {
        if self.dialog.take().is_some() {
            update.mark(Part::Dialog);
        }
    }

    pub(super) fn show_panel(&mut self, panel: Panel, update: &mut Update) {
        if self.panel != panel {
            self.panel = panel;
            update.mark(Part::Panel);
            self.risk_panel_shown(update);
        }
    }

    pub(super) fn toggle_help(&mut self, update: &mut Update) {
        match self.dialog {
            Some(Dialog::Help) => self.close_dialog(update),
            _ => self.open(Dialog::Help, update),
        }
    }

    pub(in crate::editor) fn show(&mut self, message: Message, update: &mut Update) {
        self.message = Some(message);
        update.mark(Part::Message);
    }

    pub(in crate::editor) fn dismiss_message(&mut self, update: &mut Update) {
        if self.message.take().is_some() {
            update.mark(Part::Message);
        }
    }

    pub(super) fn report(&mut self, problem: Problem, update: &mut Update) {
        self.show(Message::Problem(problem), update);
    }

    pub(super) fn export(&mut self, format: ExportFormat, update: &mut Update) {
        if format == ExportFormat::Json {
            // Save: this version is now the last saved one (Compare).
            self.saved = SavedVersion { snapshot: self.snapshot.clone(), origin: Origin::Saved };
            update.mark(Part::Comparison);
        }
        update.effect(Effect::Export { format, snapshot: self.snapshot.clone(), failed: self.failed.iter().cloned().collect() });
    }

    pub(super) fn share(&mut self, update: &mut Update) {
        update.effect(Effect::MakeShareLink {
            document: self.document().clone(),
            failed: self.failed.iter().cloned().collect(),
            view: self.view,
        });
    }

    pub(super) fn share_link_ready(&mut self, link: String, update: &mut Update) {
        self.open(Dialog::Share { link }, update);
    }

    pub(super) fn copy(&mut self, text: String, update: &mut Update) {
        update.effect(Effect::Copy(text));
    }
}
