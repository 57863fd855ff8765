//! The whole of `blackout analyze` for one document, in slices: the risk
//! analysis ([`RiskAnalysis`]), then the fixes measured against it
//! ([`FixSearch`]), with one progress fraction for both.
//!
//! The app keeps a job in its state and runs one slice between two frames,
//! so a long analysis never freezes the page; dropping the job cancels it.
//! A slice is a number of work units (one node's function or cut-set
//! family, one candidate fix's re-analysis counts its own units), so a slice
//! can run over by the cost of one unit. Cost: that of the two parts.

use super::fixes::{Fix, FixSearch};
use super::risk::{RiskAnalysis, RiskOptions, RiskReport, Stage};
use crate::model::ValidDocument;

/// What the job finds: the risk report and the fixes, ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskResults {
    pub report: RiskReport,
    pub fixes: Vec<Fix>,
}

/// Work units in one slice of the app: one. The app runs slices back to back
/// for a few milliseconds before it lets the page draw and take input, so
/// the page waits at most one unit past that; a unit is cheap on most maps,
/// but one node's cut-set family on a dense 500-node graph takes up to
/// 0.6 s natively, and 64 of them in a row froze the page for seconds
/// (`benches/risk.rs` reports the longest slice).
pub const SLICE: usize = 1;

/// The share of the progress bar the risk analysis takes (the fixes the rest).
const ANALYSIS_SHARE: f64 = 0.8;

enum Phase {
    Analysis(Box<RiskAnalysis<ValidDocument>>),
    // Boxed like the analysis: the search is the largest state by far.
    Fixes { report: RiskReport, search: Box<FixSearch> },
    Done(RiskResults),
    /// The results were moved out ([`RiskJob::take_results`]).
    Taken,
}

/// The analysis of one document in progress.
pub struct RiskJob {
    document: ValidDocument,
    phase: Phase,
}

impl RiskJob {
    /// Nothing is computed yet. O(n + m).
    pub fn new(document: ValidDocument, options: RiskOptions) -> RiskJob {
        let analysis = RiskAnalysis::new(document.clone(), options);
        RiskJob { document, phase: Phase::Analysis(Box::new(analysis)) }
    }

    /// About `budget` units of work; whether everything is done.
    pub fn step(&mut self, budget: usize) -> bool {
        match &mut self.phase {
            Phase::Analysis(analysis) => {
                if analysis.step(budget).stage == Stage::Done {
                    let report = analysis.report();
                    let search = Box::new(FixSearch::new(self.document.clone(), &report));
                    self.phase = Phase::Fixes { report, search };
                }
            }
            Phase::Fixes { report, search } => {
                search.step(budget);
                if search.is_done() {
                    let results = RiskResults { report: report.clone(), fixes: search.fixes() };
                    self.phase = Phase::Done(results);
                }
            }
            Phase::Done(_) | Phase::Taken => {}
        }
        matches!(self.phase, Phase::Done(_) | Phase::Taken)
    }

    /// The results, once everything is done.
    pub fn results(&self) -> Option<&RiskResults> {
        match &self.phase {
            Phase::Done(results) => Some(results),
            _ => None,
        }
    }

    /// Moves the results out once everything is done (`None` before, and after).
    pub fn take_results(&mut self) -> Option<RiskResults> {
        match std::mem::replace(&mut self.phase, Phase::Taken) {
            Phase::Done(results) => Some(results),
            other => {
                self.phase = other;
                None
            }
        }
    }

    /// How far the job is, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        match &self.phase {
            Phase::Analysis(analysis) => ANALYSIS_SHARE * analysis.progress().fraction(),
            Phase::Fixes { search, .. } => {
                let (done, total) = search.progress();
                ANALYSIS_SHARE + (1.0 - ANALYSIS_SHARE) * if total == 0 { 1.0 } else { done as f64 / total as f64 }
            }
            Phase::Done(_) | Phase::Taken => 1.0,
        }
    }

    /// Runs the job to the end.
    pub fn finish(mut self) -> RiskResults {
        while !self.step(usize::MAX) {}
        match self.phase {
            Phase::Done(results) => results,
            _ => unreachable!("step said it is done"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::fixes::suggest;
    use crate::analysis::risk::analyze;

    #[test]
    fn slices_give_what_the_command_line_computes_and_progress_only_grows() {
        let document = crate::format::parse(include_str!("../../tests/fixtures/risk-small.json")).unwrap();
        let report = analyze(document.graph(), RiskOptions::default());
        let fixes = suggest(&document, &report);
        let mut job = RiskJob::new(document.clone(), RiskOptions::default());
        let mut last = job.fraction();
        assert_eq!(last, 0.0);
        let mut slices = 0;
        while !job.step(1) {
            slices += 1;
            assert!(job.fraction() >= last && job.fraction() <= 1.0, "{last} then {}", job.fraction());
            last = job.fraction();
        }
        assert!(slices > 3, "one unit at a time takes several slices");
        assert_eq!(job.fraction(), 1.0);
        assert_eq!(job.results(), Some(&RiskResults { report, fixes }));
        assert_eq!(RiskJob::new(document, RiskOptions::default()).finish(), job.results().unwrap().clone());
    }
}
