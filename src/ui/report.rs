//! The one-page report in the app: the very page `blackout report` writes
//! (`render::report_html`), for a failure set of the editor's document.
//! The Report view shows it, the download saves it, the print prints it.

use crate::editor::Snapshot;
use crate::model::{NodeId, NodeIndex};
use crate::render::{report_html, ReportContent};

/// The report page for `failed` (named `name` when it is a stored scenario).
/// Lays the map out and compares the scenarios: O(s · (n + m)) plus the layout.
pub fn report_page(snapshot: &Snapshot, failed: &[NodeId], name: Option<&str>) -> String {
    let valid = snapshot.document();
    let (document, graph) = (valid.document(), valid.graph());
    let failed: Vec<NodeIndex> = failed.iter().filter_map(|id| graph.index_of(id)).collect();
    let content = ReportContent::new(document, graph, &failed, name);
    report_html(document, graph, &content)
}
