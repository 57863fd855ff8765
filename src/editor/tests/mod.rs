//! The editor driven natively through `apply`, as the app drives it.
//!
//! - `actions.rs`: each area of the reducer, by hand;
//! - `executive.rs`: scenarios, report, search, focus and fit (issue 9);
//! - `regressions.rs`: one test for each bug issue 8 lists (they fail on
//!   the reducer before this design);
//! - `availability.rs`: the Availability tab (the analysis in slices, fixes);
//! - `properties.rs`: random action sequences against the invariants.

mod actions;
mod availability;
mod executive;
mod compare;
mod overview;
mod properties;
mod recovery;
mod regressions;

use super::*;
use crate::autosave::{Restore, Work};
use crate::layout::ScreenPoint;
use crate::model::{NodeId, ValidDocument};

/// A feature on two services on one data center, plus a spare provider.
pub const SMALL: &str = r#"{"version": 1, "title": "Shop", "nodes": [
    {"id": "shop", "label": "Web shop", "kind": "feature", "users": 100, "depends_on": ["api", "db"]},
    {"id": "api", "kind": "service", "depends_on": ["dc"]},
    {"id": "db", "kind": "datastore", "depends_on": ["dc"]},
    {"id": "dc", "kind": "datacenter"},
    {"id": "grid", "kind": "provider"}
]}"#;

/// What the app opens when nothing else is there (stands for the Kakao example).
pub const EXAMPLE: &str = r#"{"version": 1, "title": "Example", "nodes": [
    {"id": "talk", "kind": "feature", "users": 47, "depends_on": ["pangyo"]},
    {"id": "pangyo", "kind": "datacenter"}
]}"#;

/// Someone else's map, sent as a link.
pub const SHARED: &str = r#"{"version": 1, "title": "Their map", "nodes": [
    {"id": "pay", "kind": "feature", "users": 9, "depends_on": ["east", "west"], "requires": "any"},
    {"id": "east", "kind": "datacenter"},
    {"id": "west", "kind": "datacenter"}
]}"#;

pub fn doc(text: &str) -> ValidDocument {
    crate::format::parse(text).unwrap()
}

/// An editor on `text`, with a 1000 × 800 map (so the view is fitted).
pub fn editor(text: &str) -> Editor {
    let mut editor = Editor::new(doc(text));
    editor.apply(Action::MapResized { width: 1000.0, height: 800.0 });
    editor
}

/// Where node `id` is on screen.
pub fn screen_of(editor: &Editor, id: &str) -> ScreenPoint {
    let index = editor.document().graph().index_of(&NodeId::from(id)).unwrap();
    editor.view().unwrap_or_default().to_screen(editor.snapshot().layout().positions[index as usize])
}

pub fn offset(at: ScreenPoint, dx: f64, dy: f64) -> ScreenPoint {
    ScreenPoint { x: at.x + dx, y: at.y + dy }
}

pub fn down(editor: &mut Editor, at: ScreenPoint) -> Update {
    editor.apply(Action::Pointer(PointerInput::Down { pointer: 1, at, shift: false }))
}

pub fn move_to(editor: &mut Editor, at: ScreenPoint) -> Update {
    editor.apply(Action::Pointer(PointerInput::Move { pointer: 1, at }))
}

pub fn up(editor: &mut Editor, at: ScreenPoint) -> Update {
    editor.apply(Action::Pointer(PointerInput::Up { pointer: 1, at }))
}

/// Press on `from`, move in steps to `to`, leaving the pointer down.
pub fn drag_without_release(editor: &mut Editor, from: ScreenPoint, to: ScreenPoint) {
    down(editor, from);
    for step in 1..=4 {
        let t = f64::from(step) / 4.0;
        move_to(editor, ScreenPoint { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t });
    }
}

pub fn work(text: &str) -> Work {
    Work { document: doc(text), failed: Vec::new(), view: None }
}

/// What the app starts with when nothing is stored.
pub fn startup(link: Option<Result<Work, String>>, own: Option<Work>, embed: bool) -> Startup {
    Startup {
        embed,
        link,
        restored: Restore { work: own, problem: None, writable: true },
        example: doc(EXAMPLE),
    }
}

/// The autosave effects of an update.
pub fn autosaves(update: &Update) -> Vec<(ValidDocument, Vec<NodeId>)> {
    update
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::Autosave { document, failed } => Some((document.clone(), failed.clone())),
            _ => None,
        })
        .collect()
}
