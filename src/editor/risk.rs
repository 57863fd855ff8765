//! The risk analysis as app state: a job that runs in slices, and what the
//! Availability tab shows of it.
//!
//! The numbers themselves are derived: a finished job puts them on the
//! snapshot ([`Snapshot::risk`](super::Snapshot::risk)), where undo finds
//! them again. What the editor keeps is the job in progress: the memo it
//! will fill, how far it is, and a generation that tells its next slice from
//! a cancelled job's. The job's working state (BDDs, cut-set families) is
//! shared by the clones of one editor state (`Rc<RefCell<…>>`): only the
//! reducer's next slice advances it, and a cancelled or restarted job is
//! simply dropped.

use super::snapshot::RiskMemo;
use crate::analysis::risk_job::{RiskJob, RiskResults};
use std::cell::RefCell;
use std::rc::Rc;

/// What the Availability tab shows.
#[derive(Clone, Debug, PartialEq)]
pub enum RiskStatus {
    /// The numbers of the document on screen.
    Ready(Rc<RiskResults>),
    /// Being computed: the fraction done, from 0 to 1.
    Running { fraction: f64 },
    /// The user cancelled the analysis of this document version.
    Cancelled,
    /// Nothing computed or running yet.
    NotStarted,
}

/// The job in progress, for one document version (the memo it will fill).
#[derive(Clone)]
pub(super) struct RunningRisk {
    pub memo: RiskMemo,
    pub generation: u32,
    pub fraction: f64,
    pub job: Rc<RefCell<RiskJob>>,
}

/// The editor's part of the risk analysis.
#[derive(Clone, Default)]
pub(super) enum RiskState {
    #[default]
    Idle,
    Running(RunningRisk),
    /// Cancelled for the document version whose memo this is.
    Cancelled(RiskMemo),
}

impl super::Editor {
    /// What the Availability tab shows for the document on screen.
    pub fn risk_status(&self) -> RiskStatus {
        if let Some(results) = self.snapshot.risk() {
            return RiskStatus::Ready(results);
        }
        let memo = self.snapshot.risk_memo();
        match &self.risk {
            RiskState::Running(running) if Rc::ptr_eq(&running.memo, memo) => RiskStatus::Running { fraction: running.fraction },
            RiskState::Cancelled(cancelled) if Rc::ptr_eq(cancelled, memo) => RiskStatus::Cancelled,
            _ => RiskStatus::NotStarted,
        }
    }

    /// The place in the list of the fix previewed on the map.
    pub fn fix_preview(&self) -> Option<usize> {
        self.fix_preview
    }
}
