//! The Availability tab: the risk analysis in slices (start, next slice,
//! cancel, and a fresh start whenever the document on screen changes in a
//! way the numbers depend on), and the preview of a proposed fix.

use crate::analysis::risk::RiskOptions;
use crate::analysis::risk_job::{RiskJob, SLICE};
use crate::editor::action::Action;
use crate::editor::effect::Effect;
use crate::editor::risk::{RiskState, RunningRisk};
use crate::editor::snapshot::RiskMemo;
use crate::editor::state::Panel;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use std::cell::RefCell;
use std::rc::Rc;

impl Editor {
    /// Analyses the document on screen, unless its numbers are known or
    /// being computed already.
    pub(super) fn analyse_risk(&mut self, update: &mut Update) {
        let memo = self.snapshot.risk_memo();
        if memo.get().is_some() || matches!(&self.risk, RiskState::Running(running) if Rc::ptr_eq(&running.memo, memo)) {
            return;
        }
        self.risk_generation = self.risk_generation.wrapping_add(1);
        let generation = self.risk_generation;
        let job = RiskJob::new(self.document().clone(), RiskOptions::default());
        self.risk = RiskState::Running(RunningRisk { memo: Rc::clone(memo), generation, fraction: 0.0, job: Rc::new(RefCell::new(job)) });
        update.mark(Part::Risk);
        update.effect(Effect::NextSlice(Box::new(Action::RiskStep { generation })));
    }

    /// One slice of the job in progress; the next is asked for until it is done.
    pub(super) fn risk_step(&mut self, generation: u32, update: &mut Update) {
        let RiskState::Running(running) = &mut self.risk else { return };
        if running.generation != generation {
            // A slice of a job that was cancelled or replaced.
            return;
        }
        let results = {
            let mut job = running.job.borrow_mut();
            match job.step(SLICE) {
                true => job.take_results(),
                false => {
                    running.fraction = job.fraction();
                    None
                }
            }
        };
        match results {
            Some(results) => {
                // Set only here, and only once: a filled memo never starts a job.
                let _ = running.memo.set(Rc::new(results));
                self.risk = RiskState::Idle;
            }
            None => update.effect(Effect::NextSlice(Box::new(Action::RiskStep { generation }))),
        }
        update.mark(Part::Risk);
    }

    pub(super) fn cancel_risk(&mut self, update: &mut Update) {
        if let RiskState::Running(running) = &self.risk {
            self.risk = RiskState::Cancelled(Rc::clone(&running.memo));
            update.mark(Part::Risk);
        }
    }

    /// The side panel now shows `self.panel`: the Availability tab starts
    /// its analysis, unless the user cancelled it for this document.
    pub(super) fn risk_panel_shown(&mut self, update: &mut Update) {
        if self.panel == Panel::Availability && !matches!(&self.risk, RiskState::Cancelled(memo) if Rc::ptr_eq(memo, self.snapshot.risk_memo())) {
            self.analyse_risk(update);
        }
    }

    /// After an action that put another document version on screen whose
    /// numbers may differ (`before` was the memo of the version before): the
    /// job for the old version is dropped, and a new one starts while the
    /// tab is shown. A preview of a fix for the old version ends.
    pub(super) fn risk_document_changed(&mut self, before: &RiskMemo, update: &mut Update) {
        if Rc::ptr_eq(before, self.snapshot.risk_memo()) {
            return;
        }
        if self.fix_preview.take().is_some() {
            update.mark(Part::Risk);
        }
        if !matches!(self.risk, RiskState::Idle) {
            self.risk = RiskState::Idle;
            update.mark(Part::Risk);
        }
        if self.panel == Panel::Availability {
            self.analyse_risk(update);
        }
    }

    /// Shows on the map what the fix at `index` of the list would change (or nothing).
    pub(super) fn preview_fix(&mut self, index: Option<usize>, update: &mut Update) {
        let known = |i: usize| self.snapshot.risk().is_some_and(|results| i < results.fixes.len());
        let index = index.filter(|&i| known(i));
        if self.fix_preview != index {
            self.fix_preview = index;
            update.mark(Part::Risk);
        }
    }
}
