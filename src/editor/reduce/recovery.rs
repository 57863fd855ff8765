//! The time control of the recovery view and the ranking of single points
//! of failure (see `editor/recovery.rs`). Neither is an undo step nor
//! stored. A new failure set starts the clock again at hour 0; any other
//! action that changes something, or asks for a timer of its own (the
//! single `Effect::After` timer would drop the next step), stops playing.

use crate::editor::effect::Effect;
use crate::editor::recovery::{next_multiple, play_step, SpofRanking, TICK_MS};
use crate::editor::update::{Part, Update};
use crate::editor::{Action, Editor};

impl Editor {
    /// Moves the time control (and stops playing). Hours outside the control are clamped.
    pub(super) fn set_recovery_hour(&mut self, hour: f64, update: &mut Update) {
        if !hour.is_finite() {
            return;
        }
        let hour = hour.clamp(0.0, self.recovery_end());
        self.stop_playing(update);
        if hour != self.recovery.hour {
            self.recovery.hour = hour;
            update.mark(Part::Recovery);
        }
    }

    /// Plays from where the control stands, or from the start when it is at the end.
    pub(super) fn play_recovery(&mut self, update: &mut Update) {
        let end = self.recovery_end();
        if self.recovery.playing || end <= 0.0 {
            return;
        }
        if self.recovery.hour >= end {
            self.recovery.hour = 0.0;
        }
        self.recovery.playing = true;
        self.recovery.generation = self.recovery.generation.wrapping_add(1);
        update.mark(Part::Recovery);
        self.schedule_tick(update);
    }

    pub(super) fn pause_recovery(&mut self, update: &mut Update) {
        self.stop_playing(update);
    }

    /// One step of a play: forward to the next multiple of the step, stopping at the end.
    pub(super) fn recovery_tick(&mut self, generation: u32, update: &mut Update) {
        if !self.recovery.playing || generation != self.recovery.generation {
            return;
        }
        let end = self.recovery_end();
        let step = play_step(end);
        self.recovery.hour = next_multiple(self.recovery.hour.min(end), step).min(end);
        update.mark(Part::Recovery);
        if self.recovery.hour >= end {
            self.stop_playing(update);
        } else {
            self.schedule_tick(update);
        }
    }

    pub(super) fn rank_spofs(&mut self, ranking: SpofRanking, update: &mut Update) {
        if ranking != self.spof_ranking {
            self.spof_ranking = ranking;
            update.mark(Part::Panel);
        }
    }

    /// After every action: a new failure set starts at hour 0; an action
    /// that did something else stops playing (`own`: the action was the
    /// time control's, or a report, which never stops it).
    pub(super) fn follow_recovery_clock(&mut self, own: bool, update: &mut Update) {
        if update.changed(Part::Failures) {
            self.stop_playing(update);
            if self.recovery.hour != 0.0 {
                self.recovery.hour = 0.0;
                update.mark(Part::Recovery);
            }
        } else if !own && self.recovery.playing {
            let timer = update.effects.iter().any(|e| matches!(e, Effect::After { .. }));
            if update.changed_anything() || timer {
                self.stop_playing(update);
            }
        }
    }

    fn stop_playing(&mut self, update: &mut Update) {
        if self.recovery.playing {
            self.recovery.playing = false;
            // A step already scheduled finds another generation and does nothing.
            self.recovery.generation = self.recovery.generation.wrapping_add(1);
            update.mark(Part::Recovery);
        }
    }

    fn schedule_tick(&self, update: &mut Update) {
        let tick = Action::RecoveryTick { generation: self.recovery.generation };
        update.effect(Effect::After { delay_ms: TICK_MS, action: Box::new(tick) });
    }
}
