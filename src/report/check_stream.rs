//! `blackout check --json` written straight to a writer.
//!
//! The report of a large graph is large (79,000 entries and 38 MB at 100,000
//! nodes); building it as [`super::CheckJson`] first clones every id and
//! holds the whole text in memory. This writes the same bytes (the same
//! pretty JSON, keys and order) from borrowed data: O(report) time, O(largest
//! entry) extra memory beyond a table of the features' order by id.
//!
//! The fields are those of [`super::recovery::CheckRecoveryJson`] (the check
//! report with restore times); a test keeps the two byte-identical.

use super::recovery::tolerance_breaches_json;
use crate::analysis::{SingleFailureRestores, Spof, SpofReport, SpofRestore};
use crate::model::{Graph, NodeIndex};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// Writes `check --json` for `report` to `out`, with a final newline.
pub fn write_check_json(
    out: &mut impl Write,
    graph: &Graph,
    report: &SpofReport,
    restores: &SingleFailureRestores,
) -> io::Result<()> {
    // Each spof lists its features in index order; JSON wants them by id.
    let mut by_id: Vec<NodeIndex> = graph.features().collect();
    by_id.sort_unstable_by(|&a, &b| graph.id(a).cmp(graph.id(b)));
    let mut rank = vec![0u32; graph.len()];
    for (position, &feature) in by_id.iter().enumerate() {
        rank[feature as usize] = position as u32;
    }
    let view = CheckView { graph, report, restores, rank: &rank, features: by_id.len() };
    serde_json::to_writer_pretty(&mut *out, &view).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

struct CheckView<'a> {
    graph: &'a Graph,
    report: &'a SpofReport,
    restores: &'a SingleFailureRestores,
    rank: &'a [u32],
    features: usize,
}

impl Serialize for CheckView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The field names of `CheckJson`, the documented contract.
        let mut report = serializer.serialize_struct("CheckRecoveryJson", 3)?;
        report.serialize_field("features", &self.features)?;
        report.serialize_field("spofs", &SpofsView(self))?;
        // A few entries at most (features with a tolerance): built, not streamed.
        report.serialize_field("tolerance_breaches", &tolerance_breaches_json(self.graph, self.restores))?;
        report.end()
    }
}

struct SpofsView<'a>(&'a CheckView<'a>);

impl Serialize for SpofsView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = self.0;
        let mut seq = serializer.serialize_seq(Some(view.report.spofs.len()))?;
        let mut features = Vec::new();
        for (spof, restore) in view.report.spofs.iter().zip(&view.restores.spofs) {
            features.clear();
            features.extend_from_slice(&spof.features);
            features.sort_unstable_by_key(|&f| view.rank[f as usize]);
            seq.serialize_element(&SpofView { graph: view.graph, spof, restore, features: &features })?;
        }
        seq.end()
    }
}

struct SpofView<'a> {
    graph: &'a Graph,
    spof: &'a Spof,
    restore: &'a SpofRestore,
    features: &'a [NodeIndex],
}

impl Serialize for SpofView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut entry = serializer.serialize_struct("SpofRecoveryJson", 5)?;
        entry.serialize_field("id", self.graph.id(self.spof.node))?;
        entry.serialize_field("features", &Ids { graph: self.graph, nodes: self.features })?;
        entry.serialize_field("users", &self.spof.users)?;
        entry.serialize_field("hours", &self.restore.hours)?;
        entry.serialize_field("user_hours", &self.restore.user_hours)?;
        entry.end()
    }
}

struct Ids<'a> {
    graph: &'a Graph,
    nodes: &'a [NodeIndex],
}

impl Serialize for Ids<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.nodes.iter().map(|&v| self.graph.id(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{single_failure_restores, single_points_of_failure};
    use crate::model::Graph;

    #[test]
    fn writes_exactly_what_check_json_serialises_to() {
        for document in [
            crate::generate::layered_graph(2_000, 3, 5),
            crate::format::parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap().into_document(),
        ] {
            let graph = Graph::build(&document).unwrap();
            let report = single_points_of_failure(&graph);
            let restores = single_failure_restores(&graph, &report);
            let mut streamed = Vec::new();
            write_check_json(&mut streamed, &graph, &report, &restores).unwrap();
            let built = super::super::recovery::check_json(&graph, &report, &restores);
            let mut expected = serde_json::to_string_pretty(&built).unwrap();
            expected.push('\n');
            assert_eq!(String::from_utf8(streamed).unwrap(), expected);
        }
    }
}
