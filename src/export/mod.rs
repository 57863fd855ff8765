//! Snapshots for docs: the graph and a failure set in forms that travel
//! outside the app.
//!
//! * [`mermaid`]: a Mermaid `flowchart` that GitHub, GitLab and most wikis
//!   render inline in Markdown, coloured like the app's map.
//! * [`share`]: a share link that carries the whole graph, the failure set and
//!   the view in the URL fragment (compressed, never sent to a server), decoded
//!   as untrusted input.
//!
//! * [`dot`] and [`csv`]: the model as a Graphviz digraph and as a
//!   spreadsheet, and [`mef`]: an Open-PSA fault tree, all read back by
//!   [`crate::import`].
//!
//! All are pure, so they are tested natively and run unchanged in the app.

pub mod csv;
pub mod dot;
pub mod mef;
pub mod mermaid;
pub mod share;

pub use mermaid::mermaid;
pub use share::{decode, encode, ShareError, Shared, MAX_LINK_CHARS};
