//! The whole app state, owned by the editor. Fields are private to the
//! editor: the app reads them through the methods here and changes them only
//! through [`Editor::apply`](super::Editor::apply).

use super::compare::{Compared, Comparison, Origin, SavedVersion};
use super::effect::Effect;
use super::edit::RequirementChange;
use super::finding::{Focus, SearchBox};
use super::history::History;
use super::interaction::Interaction;
use super::message::{Message, Problem};
use super::risk::RiskState;
use super::recovery::{RecoveryClock, SpofRanking};
use super::session::{Session, Storage};
use super::snapshot::{Revision, Snapshot};
use crate::autosave::{Restore, StorageProblem, Work};
use crate::layout::View;
use crate::model::{Kind, NodeId, ValidDocument};
use std::collections::BTreeSet;

/// What a click on a node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// A click fails a node, a second click restores it.
    #[default]
    Simulate,
    /// A click selects a node; nodes can be dragged, connected, added.
    Edit,
}

/// Which tab of the side panel is shown. Each analysis view of the app is a
/// tab; adding one is a variant here, its title in [`Panel::title`], and a
/// component in `ui/components/` that `side_panel.rs` shows for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Panel {
    /// The risks: single points of failure, features, why a node is dark.
    #[default]
    Risks,
    /// Risk in numbers: availability, cut sets, importance, what to fix first.
    Availability,
    /// Named failure sets: make, rename, delete, apply, compare.
    Scenarios,
    /// How long each dark feature stays dark: the recovery timeline.
    Recovery,
    /// The map compared with a file or the last saved version.
    Compare,
}

impl Panel {
    /// Every tab, in the order the tab bar shows them.
    pub const ALL: [Panel; 5] = [Panel::Risks, Panel::Scenarios, Panel::Recovery, Panel::Availability, Panel::Compare];

    /// The tab's title in the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Panel::Risks => "Risks",
            Panel::Availability => "Availability",
            Panel::Scenarios => "Scenarios",
            Panel::Recovery => "Recovery",
            Panel::Compare => "Compare",
        }
    }

    /// The word in test hooks (`data-testid="panel-tab-risks"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Panel::Risks => "risks",
            Panel::Availability => "availability",
            Panel::Scenarios => "scenarios",
            Panel::Recovery => "recovery",
            Panel::Compare => "compare",
        }
    }
}

/// What is open over the map (one thing at a time).
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// The keyboard shortcuts.
    Help,
    /// The share link and embed snippet.
    Share { link: String },
    /// "Discard your changes to this shared map?" before "Back to my work".
    ConfirmBackToOwn,
    /// The one-page report for a failure set (named when it is a stored scenario).
    Report { failed: Vec<NodeId>, name: Option<String> },
}

/// The size of the map on screen, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

/// What the page was opened with, read by the app before the editor starts.
pub struct Startup {
    /// `?embed`: read-only, nothing stored.
    pub embed: bool,
    /// A share link in the address: the map it carries, or why it cannot be opened.
    pub link: Option<Result<Work, String>>,
    /// What was found in storage.
    pub restored: Restore,
    /// What opens when there is nothing else (the Kakao example).
    pub example: ValidDocument,
}

/// The app state.
#[derive(Clone)]
pub struct Editor {
    pub(super) snapshot: Snapshot,
    pub(super) history: History,
    /// The last revision handed out.
    pub(super) revisions: Revision,
    pub(super) failed: BTreeSet<NodeId>,
    /// Selected nodes in the order they were picked (for "connect": the
    /// first depends on the second).
    pub(super) selection: Vec<NodeId>,
    pub(super) mode: Mode,
    pub(super) new_node_kind: Kind,
    /// `None` until the map has been fitted to its viewport.
    pub(super) view: Option<View>,
    pub(super) viewport: Option<Viewport>,
    pub(super) interaction: Interaction,
    pub(super) session: Session,
    pub(super) storage: Storage,
    /// The latest document and failures are not known to be stored.
    pub(super) unsaved: bool,
    pub(super) dialog: Option<Dialog>,
    /// The side panel's tab (not an undo step, not stored).
    pub(super) panel: Panel,
    /// The search box, while it is open.
    pub(super) search: Option<SearchBox>,
    /// The focus, while one is set.
    pub(super) focus: Option<Focus>,
    pub(super) message: Option<Message>,
    /// The recovery view's time control (not an undo step, not stored).
    pub(super) recovery: RecoveryClock,
    /// How the Risks tab ranks single points of failure.
    pub(super) spof_ranking: SpofRanking,
    /// Tells a settled wheel from an older one.
    pub(super) wheel_generation: u32,
    /// The risk analysis in progress (its results go on the snapshot).
    pub(super) risk: RiskState,
    /// Tells the next slice of the current risk job from a cancelled one's.
    pub(super) risk_generation: u32,
    /// The fix shown on the map, by its place in the list.
    pub(super) fix_preview: Option<usize>,
    /// What "the last saved version" is (see `compare.rs`).
    pub(super) saved: SavedVersion,
    /// The version the map is compared with (not an undo step, not stored).
    pub(super) comparison: Option<Comparison>,
}

impl Editor {
    /// An editor on `document`, the user's own work, nothing else set.
    pub fn new(document: ValidDocument) -> Editor {
        let snapshot = Snapshot::new(document, 1);
        Editor {
            saved: SavedVersion { snapshot: snapshot.clone(), origin: Origin::PageOpened },
            comparison: None,
            snapshot,
            history: History::default(),
            revisions: 1,
            failed: BTreeSet::new(),
            selection: Vec::new(),
            mode: Mode::Simulate,
            new_node_kind: Kind::Service,
            view: None,
            viewport: None,
            interaction: Interaction::Idle,
            session: Session::Own,
            storage: Storage::Writable,
            unsaved: false,
            dialog: None,
            panel: Panel::default(),
            search: None,
            focus: None,
            message: None,
            recovery: RecoveryClock::default(),
            spof_ranking: SpofRanking::default(),
            wheel_generation: 0,
            risk: RiskState::Idle,
            risk_generation: 0,
            fix_preview: None,
        }
    }

    /// The state the app opens in: a shared map (own work kept aside), else
    /// the autosaved work, else the example; with a message when a link or the
    /// autosave could not be read. Returns the effects to run at start.
    pub fn start(startup: Startup) -> (Editor, Vec<Effect>) {
        let Startup { embed, link, restored, example } = startup;
        let example_work = || Work { document: example.clone(), failed: Vec::new(), view: None };
        let (link, link_problem) = match link {
            Some(Ok(work)) => (Some(work), None),
            Some(Err(reason)) => (None, Some(Problem::Link(reason))),
            None => (None, None),
        };
        let storage_problem = restored.problem.clone();
        let (work, session) = if embed {
            (link.unwrap_or_else(example_work), Session::Embed)
        } else if let Some(shared) = link {
            let own = Box::new(restored.work.unwrap_or_else(example_work));
            (shared, Session::Shared { own, changed: false })
        } else {
            (restored.work.unwrap_or_else(example_work), Session::Own)
        };
        let mut editor = Editor::new(work.document);
        editor.failed = work.failed.into_iter().filter(|id| editor.has_node(id)).collect();
        // The embed fits its own frame: the sender's view was made for another window.
        // (`Editor::new` made the work as opened the last saved version.)
        editor.view = if embed { None } else { work.view };
        editor.session = session;
        if !embed {
            editor.storage = match (restored.writable, storage_problem.clone()) {
                (false, Some(problem)) => Storage::Off(problem),
                (true, Some(problem @ StorageProblem::WriteFailed(_))) => Storage::Failing(problem),
                _ => Storage::Writable,
            };
        }
        let set_aside = match storage_problem {
            Some(problem @ StorageProblem::SetAside { .. }) if !embed => Some(Problem::Storage(problem)),
            _ => None,
        };
        let shown = link_problem.or(set_aside);
        editor.message = shown.map(Message::Problem);
        let title = editor.title_effect();
        (editor, vec![title])
    }

    // --- Reading the state -------------------------------------------------

    pub fn document(&self) -> &ValidDocument {
        self.snapshot.document()
    }

    /// The document with its memoised layout and analysis.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// Changes whenever the document does (undo returns to an earlier one).
    pub fn revision(&self) -> Revision {
        self.snapshot.revision()
    }

    pub fn failed(&self) -> &BTreeSet<NodeId> {
        &self.failed
    }

    pub fn selection(&self) -> &[NodeId] {
        &self.selection
    }

    /// The node picked last: the one the panels describe.
    pub fn selected(&self) -> Option<&NodeId> {
        self.selection.last()
    }

    pub fn mode(&self) -> Mode {
        if self.session.is_embed() {
            Mode::Simulate
        } else {
            self.mode
        }
    }

    pub fn new_node_kind(&self) -> Kind {
        self.new_node_kind
    }

    /// `None` until the map is fitted to its viewport.
    pub fn view(&self) -> Option<View> {
        self.view
    }

    /// The map's size on screen, once the map has reported it.
    pub fn viewport(&self) -> Option<Viewport> {
        self.viewport
    }

    pub fn interaction(&self) -> &Interaction {
        &self.interaction
    }

    /// The side panel's tab.
    pub fn panel(&self) -> Panel {
        self.panel
    }

    /// The search box, while it is open.
    pub fn search(&self) -> Option<&SearchBox> {
        self.search.as_ref()
    }

    /// The focus, while one is set.
    pub fn focus(&self) -> Option<&Focus> {
        self.focus.as_ref()
    }

    /// What "the last saved version" is, for the Compare tab to say.
    pub fn saved_origin(&self) -> &Origin {
        &self.saved.origin
    }

    /// The version the map is compared with, if any.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref()
    }

    /// The diff from the compared version to the map (memoised on the map's revision).
    pub fn compared(&self) -> Option<std::rc::Rc<Compared>> {
        self.comparison.as_ref().map(|comparison| comparison.compared(&self.snapshot))
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// How the last edit changed `node`'s requirement, while its message is shown.
    pub fn requirement_change_of(&self, node: &NodeId) -> Option<&RequirementChange> {
        match &self.message {
            Some(Message::RequirementsChanged(report)) => report.change_of(node),
            _ => None,
        }
    }

    pub fn is_embed(&self) -> bool {
        self.session.is_embed()
    }

    /// Viewing a shared map that is not (yet) the user's own work.
    pub fn is_viewing_shared(&self) -> bool {
        self.session.is_shared()
    }

    /// The shared map on screen was edited (dropping it asks first).
    pub fn shared_map_changed(&self) -> bool {
        matches!(self.session, Session::Shared { changed: true, .. })
    }

    /// The lasting storage warning, if autosave is failing or off.
    pub fn storage_warning(&self) -> Option<&StorageProblem> {
        self.storage.warning()
    }

    /// Whether closing the page now would lose work (the page asks first).
    pub fn has_unsaved_work(&self) -> bool {
        match &self.session {
            Session::Own => self.unsaved && self.storage != Storage::Writable,
            Session::Shared { changed, .. } => *changed,
            Session::Embed => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.is_embed() && self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        !self.is_embed() && self.history.can_redo()
    }

    /// How many undo steps there are (for tests and the status line).
    pub fn undo_steps(&self) -> usize {
        self.history.undo_steps()
    }

    // --- Helpers for the reducer -------------------------------------------

    pub(super) fn has_node(&self, id: &NodeId) -> bool {
        self.document().graph().index_of(id).is_some()
    }

    pub(super) fn title_effect(&self) -> Effect {
        let title = &self.document().title;
        Effect::SetTitle(if title.is_empty() { "Blackout".to_owned() } else { format!("{title} · Blackout") })
    }

    pub(super) fn next_revision(&mut self) -> Revision {
        self.revisions += 1;
        self.revisions
    }
}
