//! What to fix first: concrete changes to the document, each measured by
//! re-analysing the changed document.
//!
//! Three kinds of change are proposed for the top risks (the nodes at the
//! head of the users-weighted importance ranking, and the redundancy groups
//! under the features):
//!
//! - **Replicate** a node: an independent copy (same kind, requirement and
//!   availability), and a node that needs either copy in its place for
//!   everything that needed it. Independent means sharing none of the
//!   original's sites: the copy runs at a data center the original does not
//!   need, and keeps only those dependencies that need none of the original's
//!   data centers and providers (a cache that runs in the burning building is
//!   not replicated by a copy that still needs it). A data center or provider
//!   is copied as a new site or provider of its own, with no dependencies.
//!   Without another data center in the document the copy shares the
//!   original's dependencies, and says so.
//! - **Use the replicas**: a node that needs *all* of two or more replicas
//!   (dependencies of one kind whose ids differ only in a last `-part` or in
//!   trailing digits) needs any of them (two) or a majority (three or more).
//! - **Remove a shared dependency**: replicas behind an `any` / `at_least`
//!   node that all need the same node stop needing it, all but the first.
//!
//! Each [`Fix`] carries its edit as data ([`Change`]s, applied by [`apply`]),
//! so that the app can preview it and apply it as one undoable step. A fix is
//! kept when it protects users or saves expected user-hours. *Users
//! protected*: the users of the features that the risk it addresses (a node,
//! or a replica, failing alone) took down before and no longer does.
//! *User-hours saved*: expected loss before minus after, exact or `None`
//! when either side is only a bound. Ranked by users protected, then
//! user-hours saved, both descending, then by description.
//!
//! Cost: one risk analysis (availability only) per candidate; [`FixSearch`]
//! runs them in slices like [`super::risk::RiskAnalysis`].

use super::risk::{self, Loss, RiskAnalysis, RiskOptions, RiskReport, Stage};
use super::simulate;
use crate::model::{Document, Graph, Kind, ModelError, Node, NodeId, NodeIndex, Requirement, ValidDocument};
use thiserror::Error;

/// One change to a document.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    AddNode(Node),
    SetRequirement { node: NodeId, requires: Requirement },
    /// `node` depends on `new` where it depended on `old`.
    ReplaceDependency { node: NodeId, old: NodeId, new: NodeId },
    RemoveDependency { node: NodeId, dependency: NodeId },
}

/// Why a fix could not be applied (the document changed since it was proposed).
#[derive(Clone, Debug, PartialEq, Error)]
pub enum FixError {
    #[error("node \"{0}\" is not in the document")]
    UnknownNode(NodeId),
    #[error("node \"{0}\" is already in the document")]
    DuplicateNode(NodeId),
    #[error("node \"{node}\" does not depend on \"{dependency}\"")]
    NotADependency { node: NodeId, dependency: NodeId },
    #[error("the fixed document is not valid: {0}")]
    Invalid(#[from] ModelError),
}

/// Applies `changes` in order and checks the result: the new document, or
/// the first problem (the input is never modified).
pub fn apply(document: &Document, changes: &[Change]) -> Result<ValidDocument, FixError> {
    let mut next = document.clone();
    for change in changes {
        match change {
            Change::AddNode(node) => {
                if next.node(&node.id).is_some() {
                    return Err(FixError::DuplicateNode(node.id.clone()));
                }
                next.nodes.push(node.clone());
            }
            Change::SetRequirement { node, requires } => node_mut(&mut next, node)?.requires = *requires,
            Change::ReplaceDependency { node, old, new } => {
                let entry = node_mut(&mut next, node)?;
                let slot = entry.depends_on.iter_mut().find(|d| *d == old);
                *slot.ok_or_else(|| FixError::NotADependency { node: node.clone(), dependency: old.clone() })? = new.clone();
            }
            Change::RemoveDependency { node, dependency } => {
                let entry = node_mut(&mut next, node)?;
                let before = entry.depends_on.len();
                entry.depends_on.retain(|d| d != dependency);
                if entry.depends_on.len() == before {
                    return Err(FixError::NotADependency { node: node.clone(), dependency: dependency.clone() });
                }
            }
        }
    }
    Ok(ValidDocument::new(next)?)
}

fn node_mut<'a>(document: &'a mut Document, id: &NodeId) -> Result<&'a mut Node, FixError> {
    document.nodes.iter_mut().find(|n| &n.id == id).ok_or_else(|| FixError::UnknownNode(id.clone()))
}

/// What a fix does, for people and for grouping: the ids it is about, so
/// that it can be described with the labels a document has now ([`Fix::describe`]).
#[derive(Clone, Debug, PartialEq)]
pub enum FixKind {
    /// A replica of `node`, at the data center `site` when there is one.
    Replicate { node: NodeId, site: Option<NodeId> },
    /// `node` needs `requires` of its `replicas` instead of all of them.
    UseReplicas { node: NodeId, requires: Requirement, replicas: Vec<NodeId> },
    /// The replicas behind `behind` stop sharing `dependency`.
    RemoveSharedDependency { dependency: NodeId, behind: NodeId },
}

impl FixKind {
    /// One sentence for people, with the labels of `document` (ids where a
    /// node is no longer there).
    pub fn describe(&self, document: &Document) -> String {
        let label = |id: &NodeId| document.node(id).map_or(id.as_str(), Node::label).to_owned();
        match self {
            FixKind::Replicate { node, site: Some(site) } => {
                format!("Add an independent replica of {} at {}", label(node), label(site))
            }
            FixKind::Replicate { node, site: None } => match document.node(node).map(|n| n.kind) {
                Some(kind) if is_site(kind) => format!("Add an independent replica of {}", label(node)),
                _ => format!("Add a second copy of {} (it shares its dependencies: no other data center)", label(node)),
            },
            FixKind::UseReplicas { node, requires, replicas } => {
                format!("Let {} run on {requires} of its replicas {}", label(node), replicas.join_ids())
            }
            FixKind::RemoveSharedDependency { dependency, behind } => {
                format!("Remove {} as a shared dependency of the replicas behind {}", label(dependency), label(behind))
            }
        }
    }
}

/// A proposed change and its measured effect.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    pub kind: FixKind,
    /// One sentence for people, with the labels the document had
    /// ([`FixKind::describe`] gives it with today's).
    pub description: String,
    /// The document edit it stands for.
    pub changes: Vec<Change>,
    /// The features the addressed risk no longer takes down, sorted.
    pub features_protected: Vec<NodeId>,
    pub users_protected: u64,
    /// Expected user-hours a year saved; `None` when either loss is a bound.
    pub user_hours_saved: Option<f64>,
}

impl Fix {
    /// The nodes of today's document that the fix is about or changes (its
    /// subject, and every node whose requirement or dependencies it edits),
    /// sorted, for a preview on the map; the nodes it adds are not there yet.
    pub fn touched(&self) -> Vec<NodeId> {
        let subject = match &self.kind {
            FixKind::Replicate { node, .. } | FixKind::UseReplicas { node, .. } => node,
            FixKind::RemoveSharedDependency { dependency, .. } => dependency,
        };
        let mut ids: Vec<NodeId> = self
            .changes
            .iter()
            .filter_map(|change| match change {
                Change::AddNode(_) => None,
                Change::SetRequirement { node, .. }
                | Change::ReplaceDependency { node, .. }
                | Change::RemoveDependency { node, .. } => Some(node.clone()),
            })
            .chain([subject.clone()])
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }

    /// The nodes the fix adds.
    pub fn added(&self) -> impl Iterator<Item = &Node> {
        self.changes.iter().filter_map(|change| match change {
            Change::AddNode(node) => Some(node),
            _ => None,
        })
    }
}

/// A candidate before measurement: its edit and the failures it addresses.
#[derive(Clone, Debug)]
struct Candidate {
    kind: FixKind,
    changes: Vec<Change>,
    /// Each a failure set (node ids) the change is meant to survive.
    risks: Vec<Vec<NodeId>>,
}

/// How many of the top-ranked nodes get a replica proposed.
const TOP_RISKS: usize = 5;
/// The most candidates measured.
const MAX_CANDIDATES: usize = 12;

/// Fix candidates measured one re-analysis at a time.
pub struct FixSearch {
    document: ValidDocument,
    before: Loss,
    order: usize,
    candidates: Vec<Candidate>,
    next: usize,
    current: Option<(ValidDocument, RiskAnalysis<ValidDocument>)>,
    fixes: Vec<Fix>,
}

impl FixSearch {
    /// Candidates for `document`, whose risk `report` has already been computed.
    pub fn new(document: ValidDocument, report: &RiskReport) -> FixSearch {
        let mut candidates = replicas(&document, report);
        candidates.extend(use_replicas(&document));
        candidates.extend(shared_dependencies(&document));
        candidates.truncate(MAX_CANDIDATES);
        FixSearch {
            before: report.expected_loss,
            order: report.order,
            document,
            candidates,
            next: 0,
            current: None,
            fixes: Vec::new(),
        }
    }

    /// (candidates measured, candidates).
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.candidates.len())
    }

    pub fn is_done(&self) -> bool {
        self.next >= self.candidates.len() && self.current.is_none()
    }

    /// About `budget` units of analysis work (see [`RiskAnalysis::step`]).
    pub fn step(&mut self, budget: usize) {
        let mut left = budget.max(1);
        while left > 0 && !self.is_done() {
            if self.current.is_none() {
                let candidate = &self.candidates[self.next];
                match apply(&self.document, &candidate.changes) {
                    Ok(changed) => {
                        let options = RiskOptions { order: 1, importance: false, ..RiskOptions::default() };
                        let analysis = RiskAnalysis::new(changed.clone(), options);
                        self.current = Some((changed, analysis));
                    }
                    // A candidate that breaks a rule is not proposed.
                    Err(_) => self.next += 1,
                }
                continue;
            }
            let Some((changed, analysis)) = &mut self.current else { break };
            let before = analysis.progress().done;
            let progress = analysis.step(left);
            left = left.saturating_sub(progress.done.saturating_sub(before).max(1));
            if progress.stage == Stage::Done {
                let after = analysis.report().expected_loss;
                let candidate = &self.candidates[self.next];
                let fix = measure(&self.document, changed, candidate, self.before, after);
                self.fixes.extend(fix);
                self.current = None;
                self.next += 1;
            }
        }
    }

    /// The fixes found so far, ranked.
    pub fn fixes(&self) -> Vec<Fix> {
        let mut fixes = self.fixes.clone();
        fixes.sort_by(|a, b| {
            b.users_protected
                .cmp(&a.users_protected)
                .then_with(|| b.user_hours_saved.unwrap_or(f64::NEG_INFINITY).total_cmp(&a.user_hours_saved.unwrap_or(f64::NEG_INFINITY)))
                .then_with(|| a.description.cmp(&b.description))
        });
        fixes
    }

    /// The order of the analysis the fixes were proposed for.
    pub fn order(&self) -> usize {
        self.order
    }
}

/// Every fix for `document`, ranked: [`FixSearch`] run to the end.
pub fn suggest(document: &ValidDocument, report: &RiskReport) -> Vec<Fix> {
    let mut search = FixSearch::new(document.clone(), report);
    while !search.is_done() {
        search.step(usize::MAX);
    }
    search.fixes()
}

fn measure(before: &ValidDocument, after: &ValidDocument, candidate: &Candidate, loss_before: Loss, loss_after: Loss) -> Option<Fix> {
    let (old, new) = (before.graph(), after.graph());
    let mut protected: Vec<NodeId> = Vec::new();
    for risk in &candidate.risks {
        let failed_before: Vec<NodeIndex> = risk.iter().filter_map(|id| old.index_of(id)).collect();
        let failed_after: Vec<NodeIndex> = risk.iter().filter_map(|id| new.index_of(id)).collect();
        let (down_before, down_after) = (simulate(old, &failed_before), simulate(new, &failed_after));
        for f in old.features() {
            let id = old.id(f);
            let still_down = new.index_of(id).is_none_or(|g| !down_after.state(g).is_up());
            if !down_before.state(f).is_up() && !still_down && !protected.contains(id) {
                protected.push(id.clone());
            }
        }
    }
    protected.sort();
    let users_protected = protected.iter().filter_map(|id| old.index_of(id)).map(|f| old.users(f)).sum();
    let user_hours_saved = match (loss_before, loss_after) {
        (Loss::Exact(b), Loss::Exact(a)) => Some(b - a),
        _ => None,
    };
    let helps = users_protected > 0 || user_hours_saved.is_some_and(|saved| saved > 0.0);
    helps.then(|| Fix {
        kind: candidate.kind.clone(),
        description: candidate.kind.describe(before),
        changes: candidate.changes.clone(),
        features_protected: protected,
        users_protected,
        user_hours_saved,
    })
}

/// An id not in `document`: `base`, or `base-2`, `base-3`, …
fn fresh_id(document: &Document, base: &str) -> NodeId {
    let mut id = NodeId::new(base);
    let mut n = 2;
    while document.node(&id).is_some() {
        id = NodeId::new(format!("{base}-{n}"));
        n += 1;
    }
    id
}

/// Sites: the data centers and providers that a failure of a place is made of.
fn is_site(kind: Kind) -> bool {
    matches!(kind, Kind::Datacenter | Kind::Provider)
}

/// What an independent replica of `v` at `site` depends on, and its
/// requirement: `site`, and each dependency of `v` that needs none of the
/// sites `v` needs (in `v`'s order); an at-least count shrinks to what is left.
fn independent_dependencies(graph: &Graph, v: NodeIndex, site: &NodeId) -> (Vec<NodeId>, Requirement) {
    let sites_of_v: Vec<NodeIndex> =
        risk::availability::cone(graph, v).into_iter().filter(|&d| d != v && is_site(graph.kind(d))).collect();
    let needs_a_site_of_v = |d: NodeIndex| risk::availability::cone(graph, d).iter().any(|c| sites_of_v.contains(c));
    let mut depends_on = vec![site.clone()];
    depends_on.extend(graph.dependencies(v).iter().filter(|&&d| !needs_a_site_of_v(d)).map(|&d| graph.id(d).clone()));
    depends_on.dedup();
    let requires = match graph.requirement(v) {
        Requirement::AtLeast(k) => Requirement::AtLeast(k.min(depends_on.len() as u32)),
        // Only the new site is left of what the original needed: it needs that one.
        other => other,
    };
    (depends_on, requires)
}

/// A replica of each of the top-ranked nodes (features excepted).
fn replicas(document: &ValidDocument, report: &RiskReport) -> Vec<Candidate> {
    let graph = document.graph();
    let top = report.ranking.iter().map(|r| r.node).filter(|&v| !graph.is_feature(v)).take(TOP_RISKS);
    top.map(|v| {
        let original = &document.nodes[v as usize];
        let cone = risk::availability::cone(graph, v);
        // Another data center: one this node does not already need.
        let elsewhere = graph
            .nodes()
            .filter(|&d| graph.kind(d) == Kind::Datacenter && !cone.contains(&d))
            .min_by(|&a, &b| graph.id(a).cmp(graph.id(b)))
            .map(|d| graph.id(d).clone());
        let replica_id = fresh_id(document, &format!("{}-replica", original.id));
        let mut replica = original.clone();
        replica.id = replica_id.clone();
        replica.label = Some(format!("{} (replica)", original.label()));
        replica.x = None;
        replica.y = None;
        replica.users = 0;
        let elsewhere = if is_site(original.kind) {
            // A second site or provider: a place of its own, needing nothing of the first.
            replica.depends_on.clear();
            replica.requires = Requirement::All;
            replica.notes = Some("Proposed by Blackout: an independent second site or provider.".to_owned());
            None
        } else if let Some(site) = elsewhere {
            (replica.depends_on, replica.requires) = independent_dependencies(graph, v, &site);
            replica.notes = Some("Proposed by Blackout: an independent replica at another site.".to_owned());
            Some(site)
        } else {
            replica.notes = Some("Proposed by Blackout: a second copy; it shares the original's dependencies (no other data center in the model).".to_owned());
            None
        };
        let group_id = fresh_id(document, &format!("{}-either", original.id));
        let mut group = Node::new(group_id.0.clone(), original.kind);
        group.label = Some(format!("{} (either copy)", original.label()));
        group.requires = Requirement::Any;
        group.depends_on = vec![original.id.clone(), replica_id.clone()];
        let mut changes = vec![Change::AddNode(replica), Change::AddNode(group)];
        changes.extend(graph.dependents(v).iter().filter(|&&d| d != v).map(|&d| Change::ReplaceDependency {
            node: graph.id(d).clone(),
            old: original.id.clone(),
            new: group_id.clone(),
        }));
        Candidate {
            kind: FixKind::Replicate { node: original.id.clone(), site: elsewhere },
            changes,
            risks: vec![vec![original.id.clone()]],
        }
    })
    .collect()
}

/// The replica family of an id: without a last `-part` / `_part`, or
/// without trailing digits.
fn stem(id: &str) -> &str {
    match id.rfind(['-', '_']) {
        Some(at) if at > 0 => &id[..at],
        _ => id.trim_end_matches(|c: char| c.is_ascii_digit()),
    }
}

/// Dependencies of `v` grouped as replicas: same kind, same stem, two or more.
fn replica_groups(graph: &Graph, v: NodeIndex) -> Vec<Vec<NodeIndex>> {
    let mut groups: Vec<Vec<NodeIndex>> = Vec::new();
    for &d in graph.dependencies(v) {
        let key = (graph.kind(d), stem(graph.id(d).as_str()));
        match groups.iter_mut().find(|g| (graph.kind(g[0]), stem(graph.id(g[0]).as_str())) == key) {
            Some(group) => group.push(d),
            None => groups.push(vec![d]),
        }
    }
    groups.retain(|g| g.len() >= 2 && stem(graph.id(g[0]).as_str()) != graph.id(g[0]).as_str());
    groups
}

/// For a group of n replicas: any of two, a majority of more.
fn redundancy(n: usize) -> Requirement {
    if n == 2 { Requirement::Any } else { Requirement::AtLeast(n as u32 / 2 + 1) }
}

/// `all` nodes over replicas become `any` / majority nodes.
fn use_replicas(document: &ValidDocument) -> Vec<Candidate> {
    let graph = document.graph();
    let mut candidates = Vec::new();
    for v in graph.nodes().filter(|&v| graph.requirement(v) == Requirement::All) {
        for group in replica_groups(graph, v) {
            let id = graph.id(v).clone();
            let members: Vec<NodeId> = group.iter().map(|&m| graph.id(m).clone()).collect();
            let requires = redundancy(group.len());
            let changes = if group.len() == graph.dependencies(v).len() {
                vec![Change::SetRequirement { node: id.clone(), requires }]
            } else {
                // Only part of its dependencies are replicas: they get a node of their own.
                let group_id = fresh_id(document, &format!("{}-{}", id, stem(members[0].as_str())));
                let mut node = Node::new(group_id.0.clone(), graph.kind(group[0]));
                node.label = Some(format!("{} ({requires} of {})", stem(members[0].as_str()), members.len()));
                node.requires = requires;
                node.depends_on = members.clone();
                let mut changes = vec![Change::AddNode(node), Change::ReplaceDependency {
                    node: id.clone(),
                    old: members[0].clone(),
                    new: group_id,
                }];
                changes.extend(members[1..].iter().map(|m| Change::RemoveDependency { node: id.clone(), dependency: m.clone() }));
                changes
            };
            candidates.push(Candidate {
                kind: FixKind::UseReplicas { node: id.clone(), requires, replicas: members.clone() },
                changes,
                risks: members.iter().map(|m| vec![m.clone()]).collect(),
            });
        }
    }
    candidates
}

/// Replicas behind an `any` / `at_least` node that all need the same node.
fn shared_dependencies(document: &ValidDocument) -> Vec<Candidate> {
    let graph = document.graph();
    let mut candidates = Vec::new();
    for g in graph.nodes().filter(|&g| graph.requirement(g) != Requirement::All) {
        let replicas = graph.dependencies(g);
        let mut shared: Vec<NodeIndex> = graph.dependencies(replicas[0]).to_vec();
        shared.retain(|u| replicas[1..].iter().all(|&r| graph.dependencies(r).contains(u)));
        for u in shared {
            let changes: Vec<Change> = replicas[1..]
                .iter()
                .filter(|&&r| graph.dependencies(r).len() > 1 && graph.requirement(r) == Requirement::All)
                .map(|&r| Change::RemoveDependency { node: graph.id(r).clone(), dependency: graph.id(u).clone() })
                .collect();
            if changes.is_empty() {
                continue;
            }
            let dependency = graph.id(u).clone();
            candidates.push(Candidate {
                kind: FixKind::RemoveSharedDependency { dependency: dependency.clone(), behind: graph.id(g).clone() },
                changes,
                risks: vec![vec![dependency]],
            });
        }
    }
    candidates
}

trait JoinIds {
    fn join_ids(&self) -> String;
}

impl JoinIds for [NodeId] {
    fn join_ids(&self) -> String {
        self.iter().map(NodeId::as_str).collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::risk::analyze;
    use crate::format::parse;

    fn document(json: &str) -> ValidDocument {
        parse(json).expect("valid test document")
    }

    const SHARED_SITE: &str = r#"{"version": 1, "nodes": [
        {"id": "pay", "kind": "feature", "users": 1000, "depends_on": ["api"]},
        {"id": "api", "kind": "service", "requires": "any", "depends_on": ["api-1", "api-2"]},
        {"id": "api-1", "kind": "service", "depends_on": ["db", "dc1"], "availability": 0.99},
        {"id": "api-2", "kind": "service", "depends_on": ["db", "dc2"], "availability": 0.99},
        {"id": "db", "kind": "datastore", "depends_on": ["dc1"], "availability": 0.999},
        {"id": "dc1", "kind": "datacenter", "availability": 0.9995},
        {"id": "dc2", "kind": "datacenter", "availability": 0.9995}
    ]}"#;

    #[test]
    fn apply_changes_and_refuse_stale_ones() {
        let doc = document(SHARED_SITE);
        let changed = apply(&doc, &[Change::RemoveDependency { node: "api-2".into(), dependency: "db".into() }]).unwrap();
        assert_eq!(changed.node(&"api-2".into()).unwrap().depends_on, vec![NodeId::from("dc2")]);
        let stale = apply(&doc, &[Change::RemoveDependency { node: "api-2".into(), dependency: "dc1".into() }]);
        assert_eq!(stale.unwrap_err(), FixError::NotADependency { node: "api-2".into(), dependency: "dc1".into() });
        let invalid = apply(&doc, &[Change::SetRequirement { node: "api".into(), requires: Requirement::AtLeast(3) }]);
        assert!(matches!(invalid, Err(FixError::Invalid(_))));
    }

    #[test]
    fn the_shared_database_is_the_top_risk_and_replicating_it_protects_pay() {
        let doc = document(SHARED_SITE);
        let report = analyze(doc.graph(), RiskOptions::default());
        let fixes = suggest(&doc, &report);
        let best = &fixes[0];
        assert_eq!(best.users_protected, 1000, "{fixes:#?}");
        assert!(best.user_hours_saved.unwrap() > 0.0);
        // Applying it gives a document where db alone no longer takes pay down.
        let fixed = apply(&doc, &best.changes).unwrap();
        let db = fixed.graph().index_of(&"db".into()).unwrap();
        assert!(simulate(fixed.graph(), &[db]).state(0).is_up(), "{}", best.description);
        // Every fix is ranked: users protected, then user-hours saved.
        for pair in fixes.windows(2) {
            assert!(pair[0].users_protected >= pair[1].users_protected);
        }
        assert!(fixes.iter().any(|f| matches!(&f.kind, FixKind::RemoveSharedDependency { dependency, .. } if dependency.as_str() == "db")));
    }

    #[test]
    fn an_all_over_replicas_becomes_any() {
        let doc = document(
            r#"{"version": 1, "nodes": [
            {"id": "f", "kind": "feature", "users": 5, "depends_on": ["cache-1", "cache-2", "auth"]},
            {"id": "cache-1", "kind": "service"}, {"id": "cache-2", "kind": "service"}, {"id": "auth", "kind": "service"}
        ]}"#,
        );
        let report = analyze(doc.graph(), RiskOptions::default());
        let fixes = suggest(&doc, &report);
        let fix = fixes.iter().find(|f| matches!(f.kind, FixKind::UseReplicas { .. })).expect("proposed");
        assert_eq!(fix.users_protected, 5);
        assert_eq!(fix.user_hours_saved, Some(0.0), "no availabilities: nothing expected");
        let fixed = apply(&doc, &fix.changes).unwrap();
        let group = fixed.node(&"f-cache".into()).unwrap();
        assert_eq!(group.requires, Requirement::Any);
        assert_eq!(fixed.node(&"f".into()).unwrap().depends_on, vec![NodeId::from("f-cache"), NodeId::from("auth")]);
    }

    #[test]
    fn a_fix_names_what_it_touches_and_reads_with_todays_labels() {
        let doc = document(SHARED_SITE);
        let report = analyze(doc.graph(), RiskOptions::default());
        let fixes = suggest(&doc, &report);
        let shared = fixes.iter().find(|f| matches!(f.kind, FixKind::RemoveSharedDependency { .. })).expect("proposed");
        assert_eq!(shared.touched(), [NodeId::from("api-2"), NodeId::from("db")]);
        assert_eq!(shared.added().count(), 0);
        assert_eq!(shared.description, shared.kind.describe(&doc));
        let mut renamed = doc.document().clone();
        renamed.nodes.iter_mut().find(|n| n.id.as_str() == "db").unwrap().label = Some("Orders DB".into());
        assert_eq!(shared.kind.describe(&renamed), "Remove Orders DB as a shared dependency of the replicas behind api");
        let replica = fixes.iter().find(|f| matches!(f.kind, FixKind::Replicate { .. })).expect("proposed");
        assert_eq!(replica.added().count(), 2, "the replica and the node that needs either copy");
        assert!(replica.touched().contains(&NodeId::from("db")) || replica.touched().contains(&NodeId::from("api")));
    }

    /// Every site (data center or provider) that `id` needs in `document`.
    fn sites_needed(document: &ValidDocument, id: &str) -> Vec<NodeId> {
        let graph = document.graph();
        let v = graph.index_of(&id.into()).unwrap();
        let mut sites: Vec<NodeId> = risk::availability::cone(graph, v)
            .into_iter()
            .filter(|&d| d != v && is_site(graph.kind(d)))
            .map(|d| graph.id(d).clone())
            .collect();
        sites.sort();
        sites
    }

    /// The proposal to replicate node `id` of `doc`.
    fn replication_of(doc: &ValidDocument, id: &str) -> Fix {
        let report = analyze(doc.graph(), RiskOptions::default());
        let fixes = suggest(doc, &report);
        fixes.into_iter().find(|f| matches!(&f.kind, FixKind::Replicate { node, .. } if node.as_str() == id)).expect("proposed")
    }

    #[test]
    fn a_replica_shares_no_site_with_the_original() {
        // The service runs on a cache in dc1, and on auth, which needs no site.
        let doc = document(
            r#"{"version": 1, "nodes": [
            {"id": "pay", "kind": "feature", "users": 10, "depends_on": ["api"]},
            {"id": "api", "kind": "service", "depends_on": ["cache", "auth", "dc1"], "availability": 0.99},
            {"id": "cache", "kind": "datastore", "depends_on": ["dc1"]},
            {"id": "auth", "kind": "service"},
            {"id": "dc1", "kind": "datacenter", "depends_on": ["grid1"], "availability": 0.999},
            {"id": "grid1", "kind": "provider", "availability": 0.999},
            {"id": "dc2", "kind": "datacenter"}
        ]}"#,
        );
        let report = analyze(doc.graph(), RiskOptions::default());
        let fixes = suggest(&doc, &report);
        for fix in fixes.iter().filter(|f| matches!(f.kind, FixKind::Replicate { .. })) {
            let fixed = apply(&doc, &fix.changes).unwrap();
            let replica = fix.added().next().expect("a replica").id.clone();
            let FixKind::Replicate { node, .. } = &fix.kind else { unreachable!() };
            let before = sites_needed(&doc, node.as_str());
            let shared: Vec<_> = sites_needed(&fixed, replica.as_str()).into_iter().filter(|s| before.contains(s)).collect();
            assert!(shared.is_empty(), "{}: the replica still needs {shared:?}", fix.description);
        }
        let api = replication_of(&doc, "api");
        assert_eq!(api.description, "Add an independent replica of api at dc2");
        let fixed = apply(&doc, &api.changes).unwrap();
        let replica = fixed.node(&"api-replica".into()).unwrap();
        assert_eq!(replica.depends_on, vec![NodeId::from("dc2"), NodeId::from("auth")], "the cache in dc1 is left behind");
        // With the replica, losing dc1 (or its grid) no longer takes pay down.
        let dc1 = fixed.graph().index_of(&"dc1".into()).unwrap();
        assert!(simulate(fixed.graph(), &[dc1]).state(fixed.graph().index_of(&"pay".into()).unwrap()).is_up());
    }

    #[test]
    fn a_replicated_site_is_a_site_of_its_own() {
        let doc = document(
            r#"{"version": 1, "nodes": [
            {"id": "pay", "kind": "feature", "users": 10, "depends_on": ["dc1"]},
            {"id": "dc1", "kind": "datacenter", "depends_on": ["grid1"], "availability": 0.999},
            {"id": "grid1", "kind": "provider", "availability": 0.999}
        ]}"#,
        );
        let site = replication_of(&doc, "dc1");
        let fixed = apply(&doc, &site.changes).unwrap();
        assert!(fixed.node(&"dc1-replica".into()).unwrap().depends_on.is_empty());
        assert_eq!(site.description, "Add an independent replica of dc1");
        assert_eq!(site.users_protected, 10);
    }

    #[test]
    fn without_another_data_center_the_copy_says_it_shares_dependencies() {
        let doc = document(
            r#"{"version": 1, "nodes": [
            {"id": "pay", "kind": "feature", "users": 10, "depends_on": ["api"]},
            {"id": "api", "kind": "service", "depends_on": ["dc1"], "availability": 0.99},
            {"id": "dc1", "kind": "datacenter", "availability": 0.999}
        ]}"#,
        );
        let copy = replication_of(&doc, "api");
        assert_eq!(copy.description, "Add a second copy of api (it shares its dependencies: no other data center)");
    }

    #[test]
    fn stems_of_replica_ids() {
        assert_eq!(stem("api-pangyo"), "api");
        assert_eq!(stem("db_2"), "db");
        assert_eq!(stem("db3"), "db");
        assert_eq!(stem("grid"), "grid");
    }
}
