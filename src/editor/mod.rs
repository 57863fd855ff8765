//! The editor: the app's whole state and the one place it changes. It knows
//! nothing of the browser or of how the map is drawn, so it is tested
//! natively; the Yew app is a thin layer that turns events into
//! [`Action`]s, calls [`Editor::apply`], and runs the [`Effect`]s it returns.
//!
//! # The design
//!
//! - **State** ([`Editor`], `state.rs`): the document (a [`Snapshot`] with its
//!   memoised layout and analysis), the undo history, failures, selection,
//!   mode, view, the [`Interaction`] in progress, the [`Session`] (own work, a
//!   shared map, the read-only embed), storage health, the open [`Dialog`],
//!   the [`Message`] line and the recovery time control ([`RecoveryClock`]).
//!   Fields are private; the app reads through methods.
//! - **Actions** ([`Action`], `action.rs`): everything that can happen, as
//!   data: user intents (keys, buttons, pointer input in screen points) and
//!   reports from outside (the map's size, an effect's result).
//! - **Reducer** (`reduce/`, one file per area): `apply(action)` changes the
//!   state and returns an [`Update`]: which [`Part`]s changed (none: a no-op,
//!   the app re-renders nothing) and the effects to run.
//! - **Interactions** (`interaction/`, one file each): gestures are state, so
//!   no half-finished gesture lives outside the editor; any action that is not
//!   part of one ends it (commit), Escape cancels it.
//! - **Effects** ([`Effect`], `effect.rs`): autosave, the title, the link in
//!   the address bar, downloads, the clipboard, timers. `ui/effects.rs` runs
//!   them and reports back with actions.
//! - **History** (`history.rs`): persistent stacks of snapshots; documents
//!   only; one edit, one load or one whole drag is one step.
//!
//! # Adding to it
//!
//! A new tab of the side panel is a [`Panel`] variant (shown with
//! `Action::ShowPanel`) and a component. A new panel, overlay or tool (search, focus, a time control, a report
//! view, a compare overlay) adds its state as a field of [`Editor`] with a
//! reader method, its intents as [`Action`] variants handled in a new
//! `reduce/<area>.rs`, a [`Part`] if components must know it changed, and
//! an [`Effect`] for anything it needs from outside. A long analysis runs in
//! slices the same way as the wheel zoom settles: the reducer keeps the
//! job's progress in the state and asks for the next slice with
//! `Effect::After`; any other action can cancel it. Derived results (an
//! analysis of the document) belong in [`Snapshot`] as another memo with its
//! [`Scope`], never beside the document.

mod action;
mod compare;
pub mod edit;
mod effect;
mod finding;
mod history;
pub mod interaction;
pub mod keymap;
mod message;
mod recovery;
mod reduce;
mod risk;
mod session;
mod snapshot;
mod state;
mod update;

pub use action::{Action, ExportFormat, PointerInput, Source};
pub use compare::{Against, Compared, Comparison, DiffMark, Direction, Origin, SavedVersion};
pub use edit::{Edit, EditError, NodePatch, RequirementChange};
pub use effect::Effect;
pub use finding::{Focus, SearchBox, SEARCH_HITS};
pub use history::HISTORY_LIMIT;
pub use interaction::{Guide, Interaction};
pub use message::{Message, Problem, RequirementReport};
pub use risk::RiskStatus;
pub use recovery::{play_step, recovery_end, recovery_horizon, RecoveryClock, SpofRanking, HOUR_STEP, TICK_MS};
pub use session::{Session, Storage};
pub use snapshot::{set_profiler, Analysis, Profiler, Revision, Scope, Snapshot};
pub use state::{Dialog, Editor, Mode, Panel, Startup, Viewport};
pub use update::{Part, Update};

#[cfg(test)]
mod tests;
