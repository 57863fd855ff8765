//! Finding your way on a big map: the search box and the focus.
//!
//! - [`SearchBox`]: what is typed into the search box (`/` or Ctrl+K), the
//!   nodes it finds (ids, best first, from the snapshot's memoised
//!   [`NodeSearch`](crate::search::NodeSearch)) and which one the arrow keys
//!   are on. Enter selects that node and brings it into view.
//! - [`Focus`]: show only what one node depends on, or what depends on it,
//!   dimming the rest. The set itself is derived (`analysis::focus_set`,
//!   O(n + m)), never stored; the state is the node and the direction.
//!
//! Neither is an undo step, nor stored, nor allowed in the read-only embed.

use crate::analysis::FocusDirection;
use crate::model::NodeId;

/// How many nodes the search box lists.
pub const SEARCH_HITS: usize = 8;

/// The open search box.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchBox {
    pub query: String,
    /// The nodes found, best first (at most [`SEARCH_HITS`]).
    pub hits: Vec<NodeId>,
    /// The hit Enter picks (0 when there are none).
    pub cursor: usize,
}

impl SearchBox {
    /// The hit under the cursor.
    pub fn current(&self) -> Option<&NodeId> {
        self.hits.get(self.cursor)
    }
}

/// Only the nodes one node depends on (upstream) or that depend on it
/// (downstream) are shown; the rest are dimmed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Focus {
    pub node: NodeId,
    pub direction: FocusDirection,
}
