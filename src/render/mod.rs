//! What the map looks like, computed once for every output.
//!
//! [`scene`] turns a document, its analysis and its layout into a list of
//! shapes with their states (a [`Scene`]); [`svg_snapshot`] writes a scene as a
//! self-contained SVG (the command line's `render` and the app's SVG export),
//! and the app's map component draws the same scene interactively; [`report_html`]
//! puts that picture on the one-page report. Colours and shapes live in
//! [`theme`], and how one node is drawn in [`glyph`], so every output agrees.

mod at_hour;
mod curve;
mod escape;
mod glyph;
mod label;
mod page;
mod scene;
mod svg;
pub mod theme;

pub use at_hour::{nodes_back_by, scene_at_hour, state_at_hour};
pub use curve::{edge_curve, pieces_inside, Cubic, Piece};
pub use escape::{escape_xml, is_xml_safe, xml_safe};
pub use glyph::{glyph, hover_text, node_outline, Badge, Glyph, LabelLines, Rect, SpofBadge, TextLine, FULL_DETAIL};
pub use label::{truncate_label, wrap_label};
pub use scene::{edge_path, scene, Scene, SceneEdge, SceneNode, Tenths};
pub use svg::{svg_document, svg_snapshot};
pub use page::{report_html, ReportContent, RISKS_ON_PAGE, SCENARIOS_ON_PAGE};
