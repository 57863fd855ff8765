//! The recovery view's state: the time control ("hours since the failure",
//! playing or not) and how the single points of failure are ranked. View
//! state only: not undo steps, never stored; what it shows (restore times)
//! is derived from the document and failures on the [`Snapshot`](super::Snapshot).
//!
//! The time control runs from 0, the moment of the failure, to the end of
//! the recovery: the latest hour at which a node that comes back is back,
//! rounded up to the control's step ([`HOUR_STEP`]) so that the control can
//! reach it. Playing advances it by a round number of hours every
//! [`TICK_MS`], about 60 steps from start to end, each step asked for with
//! `Effect::After`; any other action that does something stops it.

use super::Editor;
use crate::analysis::RestoreTimes;
use crate::model::NodeIndex;
use std::rc::Rc;

/// The time control moves in tenths of an hour (six minutes).
pub const HOUR_STEP: f64 = 1.0 / STEPS_AN_HOUR;
const STEPS_AN_HOUR: f64 = 10.0;

/// How often a playing time control advances.
pub const TICK_MS: u32 = 150;

/// At most this many steps from the failure to the end while playing.
const PLAY_STEPS: f64 = 64.0;

/// Where the time control stands.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RecoveryClock {
    /// Hours since the failure, at least 0 (clamped to the end when read).
    pub(super) hour: f64,
    pub(super) playing: bool,
    /// Tells the pending step of the current play from an older one.
    pub(super) generation: u32,
}

/// How the Risks tab ranks single points of failure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SpofRanking {
    /// By the users of the features each one takes down (the report's order).
    #[default]
    Users,
    /// By the user-hours lost until those features are back (never back first).
    UserHours,
}

/// The latest hour at which a node that comes back after the failure is
/// back (0 when nothing is down, or nothing down ever comes back).
pub fn recovery_horizon(times: &RestoreTimes) -> f64 {
    times.down().filter_map(|v| times.hours(v)).fold(0.0, f64::max)
}

/// The end of the time control: the horizon rounded up to [`HOUR_STEP`].
pub fn recovery_end(times: &RestoreTimes) -> f64 {
    // Counted in steps, so that 127.5 stays 127.5 (and 9.75 becomes 9.8);
    // the epsilon keeps a product like 1275.0000000000002 from rounding up.
    (recovery_horizon(times) * STEPS_AN_HOUR - 1e-9).ceil().max(0.0) / STEPS_AN_HOUR
}

/// The multiple of `step` after `hour` (0.1, 0.2, 0.3, never 0.30000000000000004).
pub(super) fn next_multiple(hour: f64, step: f64) -> f64 {
    // The epsilon counts 2.9999999999999996 steps as 3.
    let steps = (hour / step + 1e-9).floor() + 1.0;
    // Below an hour, dividing by the whole number 1 / step keeps round decimals round.
    if step < 1.0 {
        steps / (1.0 / step).round()
    } else {
        steps * step
    }
}

/// The step a playing control advances by: the smallest round number of
/// hours that crosses `end` in at most [`PLAY_STEPS`] steps.
pub fn play_step(end: f64) -> f64 {
    const ROUND: [f64; 12] = [0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 48.0, 96.0, 168.0];
    let wanted = end / PLAY_STEPS;
    match ROUND.iter().find(|&&step| step >= wanted) {
        Some(&step) => step,
        // Weeks, doubled until few enough (an end in years).
        None => {
            let mut step = 168.0;
            while step < wanted {
                step *= 2.0;
            }
            step
        }
    }
}

impl Editor {
    /// Restore times after the current failures (memoised on the snapshot).
    pub fn restore_times(&self) -> Rc<RestoreTimes> {
        let graph = self.document().graph();
        let failed: Vec<NodeIndex> = self.failed.iter().filter_map(|id| graph.index_of(id)).collect();
        self.snapshot.restore_times(&failed)
    }

    /// Hours since the failure that the map shows: 0 is the moment of the
    /// failure, before anything is back.
    pub fn recovery_hour(&self) -> f64 {
        self.recovery.hour.min(self.recovery_end())
    }

    /// Where the time control ends (0: nothing to play).
    pub fn recovery_end(&self) -> f64 {
        recovery_end(&self.restore_times())
    }

    pub fn recovery_playing(&self) -> bool {
        self.recovery.playing
    }

    pub fn spof_ranking(&self) -> SpofRanking {
        self.spof_ranking
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_land_on_round_numbers() {
        assert_eq!(next_multiple(0.0, 0.1), 0.1);
        assert_eq!(next_multiple(0.2, 0.1), 0.3);
        assert_eq!(next_multiple(2.05, 0.1), 2.1);
        assert_eq!(next_multiple(0.5, 0.25), 0.75);
        assert_eq!(next_multiple(125.0, 2.0), 126.0);
        assert_eq!(next_multiple(126.0, 2.0), 128.0);
        let mut hour = 0.0;
        for k in 1..=55 {
            hour = next_multiple(hour, 0.1);
            assert_eq!(hour, f64::from(k) / 10.0);
        }
    }

    #[test]
    fn play_steps_are_round_and_few() {
        assert_eq!(play_step(127.5), 2.0, "Kakao: 64 steps of 2 h");
        assert_eq!(play_step(6.0), 0.1);
        assert_eq!(play_step(10.0), 0.25);
        assert_eq!(play_step(1000.0), 24.0);
        assert_eq!(play_step(100_000.0), 2688.0);
        for end in [0.1, 3.3, 50.0, 127.5, 9000.0, 1e6] {
            assert!(end / play_step(end) <= PLAY_STEPS, "{end}");
        }
    }
}
