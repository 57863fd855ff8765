//! Keyboard shortcuts: one table, read by the help overlay and by the app's
//! key handler. The reducer decides what an action may do (the read-only
//! embed refuses edits however they arrive), so this is only the mapping.

use super::action::Action;
use crate::analysis::FocusDirection;
use super::state::Mode;

/// A key press, as the browser reports it (`KeyboardEvent.key`).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyPress {
    pub key: String,
    /// Ctrl, or Cmd on a Mac.
    pub command: bool,
    pub shift: bool,
    pub alt: bool,
}

/// (keys, what they do): what the help overlay lists.
pub const SHORTCUTS: [(&str, &str); 14] = [
    ("S", "Simulate mode: click a node to fail or restore it"),
    ("E", "Edit mode: click to select, shift-click or shift-drag to select several"),
    ("N", "Add a node (or double-click empty space in edit mode)"),
    ("C", "Connect: the first selected node depends on the second"),
    ("Delete", "Delete the selected nodes"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("R", "Reset all failures"),
    ("F", "Fit the map to the screen"),
    ("/ or Ctrl+K", "Search for a node by name or id; arrows and Enter pick one"),
    ("U", "Focus: show only what the selected node depends on (again: show all)"),
    ("D", "Focus: show only what depends on the selected node (again: show all)"),
    ("Escape", "Cancel a drag, close search or this help, leave the focus, clear the selection"),
    ("?", "Show or hide this help"),
];

/// The action a key press asks for, if it is a shortcut.
pub fn action_for(press: &KeyPress) -> Option<Action> {
    let key = press.key.as_str();
    Some(match key {
        "z" | "Z" if press.command && press.shift => Action::Redo,
        "z" | "Z" if press.command => Action::Undo,
        "y" | "Y" if press.command => Action::Redo,
        "k" | "K" if press.command => Action::OpenSearch,
        _ if press.command || press.alt => return None,
        "Delete" | "Backspace" => Action::DeleteSelection,
        "Escape" => Action::Escape,
        "?" => Action::ToggleHelp,
        "s" | "S" => Action::SetMode(Mode::Simulate),
        "e" | "E" => Action::SetMode(Mode::Edit),
        "n" | "N" => Action::AddNode(None),
        "c" | "C" => Action::ConnectSelection,
        "r" | "R" => Action::ResetFailures,
        "f" | "F" => Action::Fit,
        "/" => Action::OpenSearch,
        "u" | "U" => Action::ToggleFocus(FocusDirection::Upstream),
        "d" | "D" => Action::ToggleFocus(FocusDirection::Downstream),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(key: &str, command: bool, shift: bool) -> Option<Action> {
        action_for(&KeyPress { key: key.to_owned(), command, shift, alt: false })
    }

    #[test]
    fn shortcuts_map_to_actions() {
        assert_eq!(press("z", true, false), Some(Action::Undo));
        assert_eq!(press("Z", true, true), Some(Action::Redo));
        assert_eq!(press("y", true, false), Some(Action::Redo));
        assert_eq!(press("n", false, false), Some(Action::AddNode(None)));
        assert_eq!(press("Escape", false, false), Some(Action::Escape));
        assert_eq!(press("n", true, false), None, "Ctrl+N is the browser's");
        assert_eq!(press("x", false, false), None);
        assert_eq!(press("/", false, false), Some(Action::OpenSearch));
        assert_eq!(press("k", true, false), Some(Action::OpenSearch), "Ctrl+K");
        assert_eq!(press("u", false, false), Some(Action::ToggleFocus(FocusDirection::Upstream)));
        assert_eq!(press("D", false, true), Some(Action::ToggleFocus(FocusDirection::Downstream)));
    }
}
