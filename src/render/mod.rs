//! What the map looks like, computed once for every output.
//!
//! [`scene`] turns a document, its analysis and its layout into a list of
//! shapes with their states (a [`Scene`]); [`svg_snapshot`] writes a scene as a
//! self-contained SVG (the command line's `render` and the app's SVG export),
//! and the app's map component draws the same scene interactively. Colours and
//! shapes live in [`theme`], so every output agrees.

mod scene;
mod svg;
pub mod theme;

pub use scene::{edge_path, layout_fingerprint, node_outline, scene, truncate_label, wrap_label, Scene, Tenths, SceneEdge, SceneNode};
pub use svg::{escape_xml, hover_text, svg_document, svg_snapshot};
