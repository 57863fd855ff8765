//! Property test: the measures a diff carries (`restore_hours_changed`,
//! `availability_changed`) against a reference built from the command
//! line's own outputs, on random pairs of versions with recovery hours,
//! rebuild hours, availabilities and cycles:
//!
//! - restore hours from `simulate --json` of every single failure of each
//!   version (a feature's value: the longest `restore_hours` it has among the
//!   runs whose `features_down` name it; `null` there is "never");
//! - availability from `analyze --json` of each version.
//!
//! The reference knows nothing of how the diff computes them: it replays
//! every node, and reads the numbers back from JSON.

use super::{diff, FeatureMeasures};
use crate::analysis::risk::{analyze, RiskOptions};
use crate::analysis::{restore_times, simulate, single_points_of_failure};
use crate::model::{Document, Kind, Node, NodeId, ValidDocument};
use crate::report::{recovery, risk};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

/// kind, dependencies (positions), rule, users, recovery, rebuild, availability (tenths of a percent under 100).
type Spec = (usize, BTreeSet<usize>, u32, u64, Option<u8>, Option<u8>, Option<u8>);

const N: usize = 10;

fn spec() -> impl Strategy<Value = Spec> {
    (
        0usize..5,
        proptest::collection::btree_set(0..N, 0..=3),
        0u32..4,
        1u64..100,
        proptest::option::weighted(0.5, 0u8..20),
        proptest::option::weighted(0.15, 1u8..30),
        proptest::option::weighted(0.3, 1u8..200),
    )
}

fn document(specs: &[(usize, Spec)]) -> ValidDocument {
    let present: BTreeSet<usize> = specs.iter().map(|(id, _)| *id).collect();
    let nodes = specs
        .iter()
        .map(|(id, (kind, deps, rule, users, recovery, rebuild, availability))| {
            let mut node = Node::new(format!("n{id}"), Kind::ALL[*kind]);
            node.depends_on = deps.iter().filter(|d| present.contains(d)).map(|d| NodeId(format!("n{d}"))).collect();
            node.requires = crate::analysis::oracle::requirement(*rule, node.depends_on.len() as u32);
            node.users = if node.kind == Kind::Feature { *users } else { 0 };
            node.recovery_hours = recovery.map(|h| f64::from(h) / 2.0);
            node.rebuild_hours = rebuild.map(f64::from);
            node.availability = availability.map(|a| 1.0 - f64::from(a) / 1000.0);
            node
        })
        .collect();
    ValidDocument::new(Document { nodes, ..Document::default() }).expect("generated versions are valid")
}

/// Two versions over ids 0..N: some ids only in one, some rewritten, some kept.
fn versions() -> impl Strategy<Value = (ValidDocument, ValidDocument)> {
    (proptest::collection::vec(spec(), N), proptest::collection::vec(spec(), N), proptest::collection::vec(0u8..5, N)).prop_map(
        |(first, second, fate)| {
            let (mut base, mut head) = (Vec::new(), Vec::new());
            for i in 0..N {
                match fate[i] {
                    0 => base.push((i, first[i].clone())),
                    1 => head.push((i, second[i].clone())),
                    2 => {
                        base.push((i, first[i].clone()));
                        head.push((i, second[i].clone()));
                    }
                    _ => {
                        base.push((i, first[i].clone()));
                        head.push((i, first[i].clone()));
                    }
                }
            }
            (document(&base), document(&head))
        },
    )
}

/// Hours with "never" last.
fn later(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, _) => true,
        (_, Value::Null) => false,
        (a, b) => a.as_f64().unwrap() > b.as_f64().unwrap(),
    }
}

/// feature id → its longest outage after one failure, from `simulate --json` of every node.
fn restore_reference(valid: &ValidDocument) -> BTreeMap<String, Value> {
    let graph = valid.graph();
    let mut longest: BTreeMap<String, Value> = BTreeMap::new();
    for u in graph.nodes() {
        let run = serde_json::to_value(recovery::simulate_json(graph, &simulate(graph, &[u]), &restore_times(graph, &[u]))).unwrap();
        for feature in run["features_down"].as_array().unwrap() {
            let id = feature.as_str().unwrap().to_owned();
            let hours = run["restore_hours"][&id].clone();
            if longest.get(&id).is_none_or(|known| later(&hours, known)) {
                longest.insert(id, hours);
            }
        }
    }
    // The JSON of the diff writes never as "never".
    longest.into_iter().map(|(id, hours)| (id, if hours.is_null() { json!("never") } else { hours })).collect()
}

/// feature id → availability (or its bound), from `analyze --json`.
fn availability_reference(valid: &ValidDocument) -> BTreeMap<String, Value> {
    let graph = valid.graph();
    let report = serde_json::to_value(risk::analyze_json(valid, graph, &analyze(graph, RiskOptions::default()), &[])).unwrap();
    report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let value = if f["availability"].is_null() { f["availability_bound"].clone() } else { f["availability"].clone() };
            (f["id"].as_str().unwrap().to_owned(), value)
        })
        .collect()
}

fn same(a: &Value, b: &Value) -> bool {
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs());
    match (a, b) {
        (Value::Number(a), Value::Number(b)) => close(a.as_f64().unwrap(), b.as_f64().unwrap()),
        (Value::Object(a), Value::Object(b)) => ["lower", "upper"].iter().all(|k| close(a[*k].as_f64().unwrap(), b[*k].as_f64().unwrap())),
        (a, b) => a == b,
    }
}

/// The `_changed` list the reference expects.
fn changes(before: &BTreeMap<String, Value>, after: &BTreeMap<String, Value>) -> Value {
    let ids: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    let rows: Vec<Value> = ids
        .into_iter()
        .filter_map(|id| {
            let (b, a) = (before.get(id).cloned().unwrap_or(Value::Null), after.get(id).cloned().unwrap_or(Value::Null));
            let unchanged = !b.is_null() && !a.is_null() && same(&b, &a);
            (!unchanged).then(|| json!({"id": id, "base": b, "head": a}))
        })
        .collect();
    Value::Array(rows)
}

fn has_recovery_data(valid: &ValidDocument) -> bool {
    valid.nodes.iter().any(|n| n.recovery_hours.is_some_and(|h| h > 0.0) || n.rebuild_hours.is_some() || n.tolerance_hours.is_some())
}

fn has_availability(valid: &ValidDocument) -> bool {
    valid.nodes.iter().any(|n| n.availability.is_some())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn measures_match_a_reference_built_from_simulate_and_analyze((base, head) in versions()) {
        let measures = |v: &ValidDocument| FeatureMeasures::of(v, &single_points_of_failure(v.graph()));
        let mut delta = diff(&base, &head);
        delta.add_feature_measures((&base, &measures(&base)), (&head, &measures(&head)));
        let json = serde_json::to_value(&delta).unwrap();

        let restore = (has_recovery_data(&base) || has_recovery_data(&head))
            .then(|| changes(&restore_reference(&base), &restore_reference(&head)));
        prop_assert_eq!(json.get("restore_hours_changed").cloned(), restore);
        let availability = (has_availability(&base) || has_availability(&head))
            .then(|| changes(&availability_reference(&base), &availability_reference(&head)));
        let actual = json.get("availability_changed").cloned();
        // Same rows; numbers compared up to rounding.
        match (&actual, &availability) {
            (Some(Value::Array(got)), Some(Value::Array(want))) => {
                prop_assert_eq!(got.len(), want.len(), "{:?} vs {:?}", got, want);
                for (g, w) in got.iter().zip(want) {
                    prop_assert_eq!(&g["id"], &w["id"]);
                    for side in ["base", "head"] {
                        prop_assert!(same(&g[side], &w[side]), "{}: {} vs {}", side, g, w);
                    }
                }
            }
            _ => prop_assert_eq!(actual, availability),
        }
        // The existing contract is untouched by the measures.
        let plain = serde_json::to_value(diff(&base, &head)).unwrap();
        for field in ["nodes_added", "nodes_removed", "nodes_changed", "spofs_added", "spofs_removed", "spofs_worse"] {
            prop_assert_eq!(&json[field], &plain[field]);
        }
    }
}
