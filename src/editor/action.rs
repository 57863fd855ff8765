//! Everything that can happen to the app, as data: what the user asks for
//! (clicks, keys, pointer input on the map), and what the outside world
//! reports back (a measurement, the result of an effect).

use super::edit::Edit;
use super::message::Problem;
use super::recovery::SpofRanking;
use super::state::{Dialog, Mode, Panel};
use crate::analysis::FocusDirection;
use crate::autosave::StorageProblem;
use crate::layout::{Point, ScreenPoint};
use crate::model::{Kind, NodeId, ValidDocument};

/// Where a loaded document came from (for its messages and file names).
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(String),
    Example(String),
}

/// A pointer on the map (mouse, pen, finger), in CSS pixels from the map's
/// top-left corner. The editor turns screen points into map points with the
/// view it holds, so a pan in progress never leaves a stale conversion.
#[derive(Clone, Debug, PartialEq)]
pub enum PointerInput {
    /// A primary button or a finger went down.
    Down { pointer: i32, at: ScreenPoint, shift: bool },
    Move { pointer: i32, at: ScreenPoint },
    Up { pointer: i32, at: ScreenPoint },
    /// The browser took the pointer away (a touch became a scroll, …).
    Cancel { pointer: i32 },
    /// The wheel turned by `delta` pixels (positive: towards the user, zoom out).
    Wheel { at: ScreenPoint, delta: f64 },
    /// The wheel has been still for a moment (see `Effect::After`).
    WheelSettled { generation: u32 },
    DoubleClick { at: ScreenPoint },
}

/// Formats the map can be saved or exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The graph file (Save).
    Json,
    Svg,
    Png,
    Mermaid,
    /// Graphviz DOT, read back by Open.
    Dot,
    /// A spreadsheet, one row per node, read back by Open.
    Csv,
    /// An Open-PSA MEF fault tree (acyclic graphs only), read back by Open.
    Mef,
}

/// Every change the app can make. Grouped by what it is about; see the
/// module documentation of [`crate::editor`] for how to add one.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    // The document (one undo step each).
    /// Replace the document (a file, an example). Failures and selection are cleared.
    Load { document: ValidDocument, source: Source },
    /// Start an empty graph, in edit mode.
    New,
    Edit(Edit),
    /// Add a node of the kind picked in the toolbar, at a map point or where the layout puts it.
    AddNode(Option<Point>),
    DeleteSelection,
    /// The first selected node depends on the second.
    ConnectSelection,
    Undo,
    Redo,

    // Failures (not undo steps).
    /// Fail a node, or restore it when it has already failed.
    ToggleFailure(NodeId),
    /// Replace the failure set (a stored scenario).
    SetFailures(Vec<NodeId>),
    ResetFailures,

    // Scenarios and the report.
    /// Store the failure set as a scenario under a name made from what
    /// failed (one undo step; rename it afterwards).
    SaveFailuresAsScenario,
    /// Show the one-page report for the failure set (`None`) or for the stored scenario at this position.
    OpenReport(Option<usize>),
    /// Download the report on screen as an HTML file.
    DownloadReport,
    /// Print the report on screen.
    PrintReport,

    // Finding your way.
    /// Open the search box (`/`, Ctrl+K).
    OpenSearch,
    /// What is typed into the search box.
    SearchInput(String),
    /// Move the search box's cursor by this many hits (arrow keys).
    SearchMove(i32),
    /// Select the hit at this position (`None`: the one under the cursor),
    /// bring it into view and close the search box.
    SearchPick(Option<usize>),
    CloseSearch,
    /// Focus on the selected node in this direction; again: leave the focus.
    ToggleFocus(FocusDirection),
    LeaveFocus,

    // Selection and mode.
    Select(Option<NodeId>),
    /// Add a node to the selection or take it out.
    ToggleSelect(NodeId),
    /// A node activated without a pointer (Enter, Space, assistive
    /// technology): fails it in simulate mode, selects it in edit mode.
    Activate { node: NodeId, shift: bool },
    SetMode(Mode),
    /// The kind the next added node gets.
    SetNewNodeKind(Kind),

    // The view.
    /// Show the whole map.
    Fit,
    /// Zoom around the middle of the map.
    ZoomBy(f64),
    /// Centre the view on a map point at the same zoom (the minimap).
    CentreOn(Point),
    /// The map's size on screen, in CSS pixels.
    MapResized { width: f64, height: f64 },
    Pointer(PointerInput),

    // Dialogs and messages.
    /// Cancel the interaction in progress; else close the search box; else
    /// close the dialog; else leave the focus; else clear the selection.
    Escape,
    Open(Dialog),
    CloseDialog,
    /// Show a tab of the side panel.
    ShowPanel(Panel),
    /// Rank the single points of failure by users or by user-hours.
    RankSpofs(SpofRanking),

    // The recovery time control (view state: not undo steps, not stored).
    /// Show the map this many hours after the failure.
    SetRecoveryHour(f64),
    PlayRecovery,
    PauseRecovery,
    /// The next step of a play (see `Effect::After`); ignored when it is
    /// from a play that has ended.
    RecoveryTick { generation: u32 },
    ToggleHelp,
    DismissMessage,
    /// Something went wrong outside the editor (a file, an export).
    Report(Problem),

    // The shared-map session.
    /// Make the shared map the user's own work (it is autosaved from now on).
    KeepShared,
    /// Leave the shared map for the user's own work; asks first when the shared map was edited.
    BackToOwn,
    /// "Discard my changes" in that question.
    ConfirmBackToOwn,

    // Saving and sharing.
    Export(ExportFormat),
    /// Make a share link for the map as it is now.
    Share,
    /// The link made for `Share`.
    ShareLinkReady(String),
    /// Copy text (the share link, the embed snippet).
    Copy(String),
    /// The result of an autosave write.
    Stored(Result<(), StorageProblem>),

    // Risk in numbers (the Availability tab; not undo steps).
    /// Analyse the document on screen (again, after a cancel).
    AnalyseRisk,
    /// The next slice of the analysis in progress (asked for with `Effect::NextSlice`).
    RiskStep { generation: u32 },
    CancelRisk,
    /// Show on the map what the fix at this place of the list would change, or stop.
    PreviewFix(Option<usize>),
    // Comparing (not undo steps; see `compare.rs`).
    /// Compare the map with a document read from files (what it would change).
    CompareWith { document: ValidDocument, source: Source },
    /// Compare the map with the last saved version (what the map changed).
    CompareWithSaved,
    /// Read the comparison the other way.
    SwapComparison,
    StopComparing,
}

impl Action {
    /// Actions that report something (a measurement, the result of an
    /// effect) rather than ask for something. They never end an interaction.
    pub fn is_report(&self) -> bool {
        matches!(
            self,
            Action::MapResized { .. }
                | Action::RiskStep { .. }
                | Action::Report(_)
                | Action::ShareLinkReady(_)
                | Action::Stored(_)
                | Action::RecoveryTick { .. }
        )
    }

    /// The recovery time control's own actions (they never stop its play).
    pub fn is_time_control(&self) -> bool {
        matches!(
            self,
            Action::SetRecoveryHour(_) | Action::PlayRecovery | Action::PauseRecovery | Action::RecoveryTick { .. }
        )
    }

    /// What the read-only embed allows: failing nodes, the view (the
    /// recovery time control included: it changes and stores nothing),
    /// closing what is open. Everything else is refused by the reducer.
    pub fn allowed_in_embed(&self) -> bool {
        matches!(
            self,
            Action::ToggleFailure(_)
                | Action::SetFailures(_)
                | Action::ResetFailures
                | Action::Activate { .. }
                | Action::Fit
                | Action::ZoomBy(_)
                | Action::CentreOn(_)
                | Action::MapResized { .. }
                | Action::Pointer(_)
                | Action::SetRecoveryHour(_)
                | Action::PlayRecovery
                | Action::PauseRecovery
                | Action::RecoveryTick { .. }
                | Action::Escape
                | Action::CloseDialog
                | Action::DismissMessage
                | Action::Report(_)
        )
    }
}
