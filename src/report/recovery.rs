//! Restore times in the reports: what `simulate --json` and `check --json`
//! add (restore hours, user-hours, tolerance breaches), and the recovery
//! timeline as text for people.

use super::{label, labels};
use super::{format_users, CheckJson, Risk, SimulateJson, SpofJson};
use crate::analysis::{has_recovery_data, Outcome, RestoreTimes, SingleFailureRestores, SpofReport};
use crate::model::{Document, Graph, NodeId};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// `blackout simulate --json`: the simulation's fields, then restore times.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SimulateRecoveryJson {
    #[serde(flatten)]
    pub simulate: SimulateJson,
    /// Every node in `down`, by id: hours until it is back; `null`: never.
    pub restore_hours: BTreeMap<NodeId, Option<f64>>,
    /// Σ users × restore hours over the dark features that come back.
    pub user_hours: f64,
}

/// `blackout check --json`: the single points of failure with restore
/// times, and the tolerances that one failure breaks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckRecoveryJson {
    pub features: usize,
    /// In the order of [`CheckJson::spofs`].
    pub spofs: Vec<SpofRecoveryJson>,
    /// Sorted by feature id.
    pub tolerance_breaches: Vec<ToleranceBreachJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpofRecoveryJson {
    #[serde(flatten)]
    pub spof: SpofJson,
    /// When the last feature it takes down is back; `null`: one never comes back.
    pub hours: Option<f64>,
    /// Σ users × restore hours over the features it takes down that come back.
    pub user_hours: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ToleranceBreachJson {
    pub feature: NodeId,
    pub tolerance_hours: f64,
    /// Longest outage first (`null`, never back, before any number), then by id.
    pub breached_by: Vec<BreachJson>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreachJson {
    /// The node whose lone failure breaks the tolerance.
    pub id: NodeId,
    /// How long the feature stays down; `null`: never back.
    pub hours: Option<f64>,
}

pub fn simulate_json(graph: &Graph, outcome: &Outcome, times: &RestoreTimes) -> SimulateRecoveryJson {
    SimulateRecoveryJson {
        simulate: super::simulate_json(graph, outcome),
        restore_hours: outcome.down().map(|v| (graph.id(v).clone(), times.hours(v))).collect(),
        user_hours: times.user_hours(graph),
    }
}

pub fn check_json(graph: &Graph, report: &SpofReport, restores: &SingleFailureRestores) -> CheckRecoveryJson {
    // Destructured field by field, so that a field added to `CheckJson`
    // stops the build here instead of silently missing from this output.
    let CheckJson { features, spofs } = super::check_json(graph, report);
    CheckRecoveryJson {
        features,
        spofs: spofs
            .into_iter()
            .zip(&restores.spofs)
            .map(|(spof, restore)| SpofRecoveryJson {
                spof,
                hours: restore.hours,
                user_hours: restore.user_hours,
            })
            .collect(),
        tolerance_breaches: tolerance_breaches_json(graph, restores),
    }
}

/// The `tolerance_breaches` list of `check --json`.
pub fn tolerance_breaches_json(graph: &Graph, restores: &SingleFailureRestores) -> Vec<ToleranceBreachJson> {
    restores
        .tolerance_breaches
        .iter()
        .map(|breach| ToleranceBreachJson {
            feature: graph.id(breach.feature).clone(),
            tolerance_hours: breach.tolerance_hours,
            breached_by: breach
                .breached_by
                .iter()
                .map(|by| BreachJson {
                    id: graph.id(by.node).clone(),
                    hours: by.hours,
                })
                .collect(),
        })
        .collect()
}

/// The single points of failure ranked by the user-hours lost until their
/// features are back: positions in `restores.spofs`, those after which a
/// feature never comes back first (in the report's order), then by
/// user-hours (descending); ties keep the report's order (by users).
pub fn rank_by_user_hours(restores: &SingleFailureRestores) -> Vec<usize> {
    // Never back is the largest loss; a stable sort keeps ties in the report's order.
    let loss = |i: usize| match restores.spofs[i].hours {
        Some(_) => restores.spofs[i].user_hours,
        None => f64::INFINITY,
    };
    let mut order: Vec<usize> = (0..restores.spofs.len()).collect();
    order.sort_by(|&a, &b| loss(b).total_cmp(&loss(a)));
    order
}

/// The worst single failure of each risk among its members (they take down
/// the same features, but may take longer to come back): the longest outage
/// and the most user-hours, each `f64::INFINITY` when a feature never comes
/// back. Members `restores` does not list count for nothing.
pub fn worst_member_outages(node_count: usize, risks: &[Risk], restores: &SingleFailureRestores) -> Vec<(f64, f64)> {
    let mut position = vec![usize::MAX; node_count];
    for (i, restore) in restores.spofs.iter().enumerate() {
        position[restore.node as usize] = i;
    }
    risks
        .iter()
        .map(|risk| {
            risk.group
                .members()
                .filter_map(|member| restores.spofs.get(position[member as usize]))
                .fold((0.0f64, 0.0f64), |(hours, loss), restore| match restore.hours {
                    Some(h) => (hours.max(h), loss.max(restore.user_hours)),
                    None => (f64::INFINITY, f64::INFINITY),
                })
        })
        .collect()
}

/// Fills each risk's outage hours from its worst member (see
/// [`worst_member_outages`]), for the headline and the report.
pub fn add_outage_hours(node_count: usize, risks: &mut [Risk], restores: &SingleFailureRestores) {
    let outages = worst_member_outages(node_count, risks, restores);
    for (risk, (hours, _)) in risks.iter_mut().zip(outages) {
        risk.figures.outage_hours = Some(hours);
    }
}

/// Positions of `risks` ranked by user-hours lost (most first, never-back
/// first of all); ties keep the given order (by people).
pub fn rank_risks_by_user_hours(node_count: usize, risks: &[Risk], restores: &SingleFailureRestores) -> Vec<usize> {
    let outages = worst_member_outages(node_count, risks, restores);
    let mut order: Vec<usize> = (0..risks.len()).collect();
    order.sort_by(|&a, &b| outages[b].1.total_cmp(&outages[a].1));
    order
}

/// Hours for people: "10 h", "127.5 h", "0.25 h".
pub fn format_hours(hours: f64) -> String {
    let text = format!("{hours:.2}");
    format!("{} h", text.trim_end_matches('0').trim_end_matches('.'))
}

/// "5.9 billion user-hours", "470 million user-hours".
pub fn format_user_hours(user_hours: f64) -> String {
    // `as` saturates, and user-hours are never negative.
    let short = format_users(user_hours.round() as u64);
    let amount = match short.rsplit_once(' ') {
        Some((number, "B")) => format!("{number} billion"),
        Some((number, "M")) => format!("{number} million"),
        Some((number, "k")) => format!("{number} thousand"),
        _ => short,
    };
    format!("{amount} user-hours")
}

/// After `simulate`'s text: when each dark feature is back, what blocks
/// those that never are, and the user-hours lost. Empty when the file has no
/// recovery data and every dark feature comes back (at hour 0, then).
pub fn timeline_text(document: &Document, graph: &Graph, times: &RestoreTimes) -> String {
    let timeline = times.features(graph);
    let never = timeline.iter().filter(|f| f.hours.is_none()).count();
    let mut out = String::new();
    if timeline.is_empty() || (never == 0 && !has_recovery_data(graph)) {
        return out;
    }
    let _ = writeln!(out, "Recovery timeline (hours since the failure):");
    for restore in &timeline {
        let name = label(document, restore.feature);
        let users = format_users(restore.users);
        match restore.hours {
            Some(hours) => {
                let _ = writeln!(out, "  {name} back after {} ({users} users)", format_hours(hours));
            }
            None => {
                let _ = write!(out, "  {name} never back ({users} users)");
                if let Some(blocker) = times.blocker(graph, restore.feature) {
                    // The chain starts at the feature itself.
                    if blocker.chain.len() > 1 {
                        let _ = write!(out, ": waits on {}", labels(document, &blocker.chain[1..], " → "));
                    }
                    let _ = write!(out, ", in a cycle with no rebuild: {}", labels(document, &blocker.cycle, ", "));
                }
                out.push('\n');
            }
        }
    }
    let _ = writeln!(out, "{}.", all_back(graph, times, timeline.len(), never, "; "));
    out
}

/// The line the app shows under its summary after a failure: "Every
/// feature back after 127.5 h · 5.9 billion user-hours", or how many dark
/// features never come back. `None` when there is nothing to tell, as for
/// [`timeline_text`]: no dark feature, or no recovery data and every dark
/// feature back at once. User-hours are a sum over features, as the README
/// says; people are counted only by `report::people`.
pub fn recovery_line(graph: &Graph, times: &RestoreTimes) -> Option<String> {
    let timeline = times.features(graph);
    let never = timeline.iter().filter(|f| f.hours.is_none()).count();
    if timeline.is_empty() || (never == 0 && !has_recovery_data(graph)) {
        return None;
    }
    Some(all_back(graph, times, timeline.len(), never, " · "))
}

/// When every dark feature is back, or how many never are, then the user-hours.
fn all_back(graph: &Graph, times: &RestoreTimes, dark: usize, never: usize, separator: &str) -> String {
    let user_hours = format_user_hours(times.user_hours(graph));
    match times.last_feature_back(graph) {
        Some(hours) => format!("Every feature back after {}{separator}{user_hours}", format_hours(hours)),
        None => format!("{never} of {dark} dark features never come back{separator}{user_hours} for those that do"),
    }
}

/// After `check`'s text, when the file has recovery data: how long each
/// single point of failure keeps its features down, and the tolerances one
/// failure breaks.
pub fn check_text(
    document: &Document,
    graph: &Graph,
    report: &SpofReport,
    restores: &SingleFailureRestores,
) -> String {
    let mut out = String::new();
    if !has_recovery_data(graph) {
        return out;
    }
    if !report.spofs.is_empty() {
        let _ = writeln!(out, "How long each single point of failure keeps its features down:");
        for (rank, restore) in restores.spofs.iter().enumerate() {
            let name = label(document, restore.node);
            let user_hours = format_user_hours(restore.user_hours);
            let _ = match restore.hours {
                Some(hours) => writeln!(out, "{:>3}. {name}: all back after {}, {user_hours}", rank + 1, format_hours(hours)),
                None => writeln!(out, "{:>3}. {name}: a feature never comes back; {user_hours} for the others", rank + 1),
            };
        }
    }
    if !restores.tolerance_breaches.is_empty() {
        let _ = writeln!(out, "Impact tolerances broken by a single failure:");
        for breach in &restores.tolerance_breaches {
            let by: Vec<String> = breach
                .breached_by
                .iter()
                .map(|by| {
                    let outage = by.hours.map_or_else(|| "never back".to_owned(), format_hours);
                    format!("{outage} if {} fails", label(document, by.node))
                })
                .collect();
            let _ = writeln!(
                out,
                "  {} (tolerates {}): {}",
                label(document, breach.feature),
                format_hours(breach.tolerance_hours),
                by.join("; ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{restore_times, simulate, single_failure_restores, single_points_of_failure};
    use crate::format::parse;

    const FILE: &str = r#"{"version": 1, "title": "T", "nodes": [
        {"id": "pay", "label": "Kakao Pay", "kind": "feature", "users": 23000000, "depends_on": ["login"], "recovery_hours": 0.5, "tolerance_hours": 4},
        {"id": "talk", "label": "KakaoTalk", "kind": "feature", "users": 47000000, "depends_on": ["dc"], "recovery_hours": 2},
        {"id": "login", "label": "Kakao Login", "kind": "feature", "users": 30000000, "depends_on": ["dc"], "recovery_hours": 1},
        {"id": "dc", "label": "Pangyo", "kind": "datacenter", "recovery_hours": 8}
    ]}"#;

    #[test]
    fn hours_and_user_hours_read_like_a_person_wrote_them() {
        assert_eq!(format_hours(10.0), "10 h");
        assert_eq!(format_hours(127.5), "127.5 h");
        assert_eq!(format_hours(0.25), "0.25 h");
        assert_eq!(format_hours(0.0), "0 h");
        assert_eq!(format_user_hours(1_234_567_890.0), "1.2 billion user-hours");
        assert_eq!(format_user_hours(470_000_000.0), "470 million user-hours");
        assert_eq!(format_user_hours(12_600.0), "13 thousand user-hours");
        assert_eq!(format_user_hours(950.0), "950 user-hours");
    }

    #[test]
    fn simulate_json_adds_restore_hours_for_every_down_node() {
        let valid = parse(FILE).unwrap();
        let g = valid.graph();
        let failed = [g.index_of(&"dc".into()).unwrap()];
        let json = simulate_json(g, &simulate(g, &failed), &restore_times(g, &failed));
        // dc 8 h; talk 10, login 9, pay 9.5: 47 M × 10 + 30 M × 9 + 23 M × 9.5.
        assert_eq!(
            serde_json::to_string(&json).unwrap(),
            r#"{"failed":["dc"],"down":["dc","login","pay","talk"],"features_down":["login","pay","talk"],"users_affected":100000000,"people_affected":{"at_least":47000000,"at_most":100000000},"restore_hours":{"dc":8.0,"login":9.0,"pay":9.5,"talk":10.0},"user_hours":958500000.0}"#
        );
    }

    #[test]
    fn check_json_adds_hours_user_hours_and_breaches() {
        let valid = parse(FILE).unwrap();
        let g = valid.graph();
        let report = single_points_of_failure(g);
        let json = check_json(g, &report, &single_failure_restores(g, &report));
        // login alone: login 1, pay 1.5 (within its 4 h).
        assert_eq!(
            serde_json::to_string(&json).unwrap(),
            r#"{"features":3,"spofs":[{"id":"dc","features":["login","pay","talk"],"users":100000000,"hours":10.0,"user_hours":958500000.0},{"id":"login","features":["login","pay"],"users":53000000,"hours":1.5,"user_hours":64500000.0}],"tolerance_breaches":[{"feature":"pay","tolerance_hours":4.0,"breached_by":[{"id":"dc","hours":9.5}]}]}"#
        );
    }

    #[test]
    fn the_timeline_reads_in_order_and_names_what_blocks() {
        let valid = parse(FILE).unwrap();
        let (document, g) = (valid.document(), valid.graph());
        let failed = [g.index_of(&"dc".into()).unwrap()];
        let text = timeline_text(document, g, &restore_times(g, &failed));
        assert_eq!(
            text,
            "Recovery timeline (hours since the failure):\n  Kakao Login back after 9 h (30 M users)\n  \
             Kakao Pay back after 9.5 h (23 M users)\n  KakaoTalk back after 10 h (47 M users)\n\
             Every feature back after 10 h; 958 million user-hours.\n"
        );

        let cycle = parse(
            r#"{"version": 1, "nodes": [
            {"id": "talk", "label": "KakaoTalk", "kind": "feature", "users": 5, "depends_on": ["ops", "dc"]},
            {"id": "ops", "label": "Ops chat", "kind": "service", "depends_on": ["talk"]},
            {"id": "dc", "kind": "datacenter"}
        ]}"#,
        )
        .unwrap();
        let (document, g) = (cycle.document(), cycle.graph());
        let text = timeline_text(document, g, &restore_times(g, &[2]));
        assert!(
            text.contains("KakaoTalk never back (5 users), in a cycle with no rebuild: KakaoTalk, Ops chat"),
            "{text}"
        );
        assert!(text.contains("1 of 1 dark features never come back; 0 user-hours for those that do."), "{text}");
    }

    #[test]
    fn ranking_by_user_hours_puts_never_first_then_the_largest_loss() {
        use crate::analysis::SpofRestore;
        let spof = |node, hours, user_hours| SpofRestore { node, hours, user_hours };
        let restores = SingleFailureRestores {
            spofs: vec![
                spof(0, Some(2.0), 50.0),
                spof(1, Some(9.0), 900.0),
                spof(2, None, 10.0),
                spof(3, Some(1.0), 50.0),
                spof(4, None, 0.0),
                spof(5, Some(0.0), 0.0),
            ],
            tolerance_breaches: Vec::new(),
        };
        assert_eq!(rank_by_user_hours(&restores), [2, 4, 1, 0, 3, 5], "never first; ties keep the report's order");
        assert!(rank_by_user_hours(&SingleFailureRestores::default()).is_empty());
        let valid = parse(FILE).unwrap();
        let g = valid.graph();
        let report = single_points_of_failure(g);
        // Pangyo 958.5 M user-hours before Kakao Login 64.5 M, as by users.
        assert_eq!(rank_by_user_hours(&single_failure_restores(g, &report)), [0, 1]);
    }

    #[test]
    fn a_risk_ranks_by_its_worst_member() {
        use crate::analysis::SpofRestore;
        use crate::report::top_risks;
        // Grid and the building take down the same feature; the grid takes longer.
        let valid = parse(r#"{"version": 1, "nodes": [
            {"id": "f", "kind": "feature", "users": 10, "depends_on": ["dc"]},
            {"id": "g", "kind": "feature", "users": 5, "depends_on": ["db"]},
            {"id": "db", "kind": "datastore"},
            {"id": "dc", "kind": "datacenter", "depends_on": ["grid"]},
            {"id": "grid", "kind": "provider"}
        ]}"#)
        .unwrap();
        let g = valid.graph();
        let mut risks = top_risks(g, &single_points_of_failure(g));
        assert_eq!(risks.len(), 2, "dc and grid are one risk; db another");
        let at = |id: &str| g.index_of(&id.into()).unwrap();
        let restores = SingleFailureRestores {
            spofs: vec![
                SpofRestore { node: at("dc"), hours: Some(2.0), user_hours: 20.0 },
                SpofRestore { node: at("grid"), hours: Some(30.0), user_hours: 300.0 },
                SpofRestore { node: at("db"), hours: Some(100.0), user_hours: 500.0 },
            ],
            tolerance_breaches: Vec::new(),
        };
        assert_eq!(worst_member_outages(g.len(), &risks, &restores), [(30.0, 300.0), (100.0, 500.0)]);
        assert_eq!(rank_risks_by_user_hours(g.len(), &risks, &restores), [1, 0], "db loses more user-hours");
        add_outage_hours(g.len(), &mut risks, &restores);
        assert_eq!(risks[0].figures.outage_hours, Some(30.0));
        let never = SingleFailureRestores {
            spofs: vec![SpofRestore { node: at("grid"), hours: None, user_hours: 0.0 }],
            tolerance_breaches: Vec::new(),
        };
        assert_eq!(rank_risks_by_user_hours(g.len(), &risks, &never), [0, 1], "never back ranks first");
        assert!(worst_member_outages(g.len(), &risks, &never)[0].0.is_infinite());
    }

    proptest::proptest! {
        /// The counting sort agrees with a stable sort by the definition.
        #[test]
        fn ranking_by_user_hours_is_a_stable_sort_by_loss(
            losses in proptest::collection::vec((proptest::bool::weighted(0.8), 0u8..6), 0..40)
        ) {
            use crate::analysis::SpofRestore;
            let spofs: Vec<SpofRestore> = losses
                .iter()
                .enumerate()
                .map(|(i, &(back, loss))| SpofRestore { node: i as u32, hours: back.then_some(1.0), user_hours: f64::from(loss) * 1.5 })
                .collect();
            let mut expected: Vec<usize> = (0..spofs.len()).collect();
            expected.sort_by(|&a, &b| {
                let key = |s: &SpofRestore| (s.hours.is_none(), s.user_hours);
                let (ka, kb) = (key(&spofs[a]), key(&spofs[b]));
                // Never back first, then the larger loss; never-back ones among themselves by report order.
                kb.0.cmp(&ka.0).then(if ka.0 { std::cmp::Ordering::Equal } else { kb.1.total_cmp(&ka.1) })
            });
            let restores = SingleFailureRestores { spofs, tolerance_breaches: Vec::new() };
            proptest::prop_assert_eq!(rank_by_user_hours(&restores), expected);
        }
    }

    #[test]
    fn the_app_line_says_when_everything_is_back_and_the_user_hours() {
        let valid = parse(FILE).unwrap();
        let g = valid.graph();
        let dc = g.index_of(&"dc".into()).unwrap();
        assert_eq!(recovery_line(g, &restore_times(g, &[dc])).as_deref(), Some("Every feature back after 10 h · 958 million user-hours"));
        assert_eq!(recovery_line(g, &restore_times(g, &[])), None, "nothing dark");
        let kakao = parse(include_str!("../../assets/examples/kakao-2022.json")).unwrap();
        let g = kakao.graph();
        let line = recovery_line(g, &restore_times(g, &[g.index_of(&"pangyo".into()).unwrap()])).unwrap();
        assert!(line.starts_with("Every feature back after 127.5 h · ") && line.ends_with(" billion user-hours"), "{line}");
        let cycle = parse(
            r#"{"version": 1, "nodes": [
            {"id": "talk", "kind": "feature", "users": 5, "depends_on": ["ops"]},
            {"id": "ops", "kind": "service", "depends_on": ["talk", "dc"]},
            {"id": "mail", "kind": "feature", "users": 2, "depends_on": ["dc"]},
            {"id": "dc", "kind": "datacenter"}
        ]}"#,
        )
        .unwrap();
        let g = cycle.graph();
        let line = recovery_line(g, &restore_times(g, &[g.index_of(&"dc".into()).unwrap()]));
        assert_eq!(line.as_deref(), Some("1 of 2 dark features never come back · 0 user-hours for those that do"));
    }

    #[test]
    fn without_recovery_data_the_texts_add_nothing() {
        let valid = parse(r#"{"version": 1, "nodes": [{"id": "f", "kind": "feature", "depends_on": ["dc"]}, {"id": "dc", "kind": "datacenter"}]}"#).unwrap();
        let (document, g) = (valid.document(), valid.graph());
        assert_eq!(timeline_text(document, g, &restore_times(g, &[1])), "");
        assert_eq!(recovery_line(g, &restore_times(g, &[1])), None);
        let report = single_points_of_failure(g);
        assert_eq!(check_text(document, g, &report, &single_failure_restores(g, &report)), "");
    }

    #[test]
    fn check_text_gives_hours_and_breaches() {
        let valid = parse(FILE).unwrap();
        let (document, g) = (valid.document(), valid.graph());
        let report = single_points_of_failure(g);
        let text = check_text(document, g, &report, &single_failure_restores(g, &report));
        assert!(text.contains("  1. Pangyo: all back after 10 h, 958 million user-hours"), "{text}");
        assert!(text.contains("  2. Kakao Login: all back after 1.5 h, 64 million user-hours"), "{text}");
        assert!(text.contains("  Kakao Pay (tolerates 4 h): 9.5 h if Pangyo fails"), "{text}");
    }
}
