//! What the editor asks the outside world to do, as data. The reducer never
//! touches the browser: it returns effects, and one thin runner in the app
//! (`ui/effects.rs`) performs them and reports back with actions.

use super::action::{Action, ExportFormat};
use super::snapshot::Snapshot;
use crate::layout::View;
use crate::model::{NodeId, ValidDocument};

#[derive(Clone, Debug)]
pub enum Effect {
    /// Write the autosave: always the document and failures the state holds
    /// once the action is applied. Reported back with `Action::Stored`.
    Autosave { document: ValidDocument, failed: Vec<NodeId> },
    /// Write the view (separately: it is small and changes often).
    SaveView(View),
    /// The page title follows the document's.
    SetTitle(String),
    /// Take the share link out of the address bar, so a reload opens the user's own work.
    ClearLink,
    /// Make a share link; reported back with `Action::ShareLinkReady`.
    MakeShareLink { document: ValidDocument, failed: Vec<NodeId>, view: Option<View> },
    /// Offer the map as a file; failures are reported with `Action::Report`.
    Export { format: ExportFormat, snapshot: Snapshot, failed: Vec<NodeId> },
    /// Put text on the clipboard.
    Copy(String),
    /// Offer the one-page report for `failed` (named `name`) as an HTML file.
    DownloadReport { snapshot: Snapshot, failed: Vec<NodeId>, name: Option<String> },
    /// Print the report on screen (the browser's print dialog, the page's print style).
    PrintReport,
    /// Dispatch `action` after `delay_ms`, replacing any earlier pending one.
    After { delay_ms: u32, action: Box<Action> },
    /// Dispatch `action` as soon as the page has had its turn to draw and
    /// handle input (the next slice of a long analysis). Apart from `After`,
    /// so neither replaces the other; replaces an earlier pending slice.
    NextSlice(Box<Action>),
}
