//! Scenarios side by side: for each named failure set, what goes dark and
//! whom it reaches, with room for how long once restore times are known.
//!
//! The scenarios come from the document (stored, [`stored_scenarios`]) or
//! from the generated library ([`generated_scenarios`], named here for
//! people). [`compare_scenarios`] simulates each: O(s · (n + m)) for s
//! scenarios. Rows keep the order they were given in.

use super::people::{People, PeopleAffected};
use crate::analysis::{scenario_library, simulate, GeneratedScenario, Outcome, ScenarioSource};
use crate::model::{Document, Graph, NodeIndex, Scenario};

/// A failure set with a name for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedScenario {
    pub name: String,
    /// The nodes to fail, in index order, without repeats.
    pub fail: Vec<NodeIndex>,
}

impl NamedScenario {
    /// The scenario as the file stores it (to save a generated one).
    pub fn to_stored(&self, graph: &Graph) -> Scenario {
        Scenario {
            name: self.name.clone(),
            fail: self.fail.iter().map(|&v| graph.id(v).clone()).collect(),
        }
    }
}

/// One scenario's results.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioResult {
    pub scenario: NamedScenario,
    /// The features that go dark, in index order.
    pub features_dark: Vec<NodeIndex>,
    pub people: PeopleAffected,
    /// Hours until the last dark feature is back (`f64::INFINITY`: one never
    /// comes back); `None` until a restore-time analysis provides it.
    pub hours: Option<f64>,
}

/// The document's stored scenarios, in file order.
pub fn stored_scenarios(document: &Document, graph: &Graph) -> Vec<NamedScenario> {
    document
        .scenarios
        .iter()
        .map(|scenario| {
            // Ids were checked when the graph was built.
            let mut fail: Vec<NodeIndex> = scenario.fail.iter().filter_map(|id| graph.index_of(id)).collect();
            fail.sort_unstable();
            fail.dedup();
            NamedScenario { name: scenario.name.clone(), fail }
        })
        .collect()
}

fn label(document: &Document, node: NodeIndex) -> &str {
    document.nodes[node as usize].label()
}

/// A generated scenario's name: "SK C&C Pangyo lost", "KEPCO grid fails",
/// "Auth server A + Auth server B fail together" (more than three copies:
/// "Auth 1 and 4 more copies of Kakao account auth fail together").
pub fn scenario_name(document: &Document, scenario: &GeneratedScenario) -> String {
    match scenario.source {
        ScenarioSource::Datacenter(node) => format!("{} lost", label(document, node)),
        ScenarioSource::Provider(node) => format!("{} fails", label(document, node)),
        ScenarioSource::SharedDependency { redundant, .. } => {
            if scenario.fail.len() <= 3 {
                let names: Vec<&str> = scenario.fail.iter().map(|&v| label(document, v)).collect();
                format!("{} fail together", names.join(" + "))
            } else {
                format!(
                    "{} and {} more copies of {} fail together",
                    label(document, scenario.fail[0]),
                    scenario.fail.len() - 1,
                    label(document, redundant)
                )
            }
        }
    }
}

/// The generated library, named for people.
pub fn generated_scenarios(document: &Document, graph: &Graph) -> Vec<NamedScenario> {
    scenario_library(graph)
        .iter()
        .map(|scenario| NamedScenario { name: scenario_name(document, scenario), fail: scenario.fail.clone() })
        .collect()
}

/// Simulates each scenario; `hours` gives, for an outcome, the hours until
/// its last dark feature is back when a restore-time analysis is available
/// (pass `|_| None` until then).
pub fn compare_scenarios(
    graph: &Graph,
    scenarios: &[NamedScenario],
    hours: impl Fn(&Outcome) -> Option<f64>,
) -> Vec<ScenarioResult> {
    let people = People::new(graph);
    scenarios
        .iter()
        .map(|scenario| {
            let outcome = simulate(graph, &scenario.fail);
            ScenarioResult {
                scenario: scenario.clone(),
                features_dark: outcome.features_down(graph).collect(),
                people: people.of_outcome(graph, &outcome),
                hours: hours(&outcome),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    const KAKAO: &str = include_str!("../../assets/examples/kakao-2022.json");

    #[test]
    fn kakao_scenarios_side_by_side() {
        let valid = parse(KAKAO).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let rows = compare_scenarios(graph, &stored_scenarios(document, graph), |_| None);
        let summary: Vec<(&str, usize, u64)> =
            rows.iter().map(|r| (r.scenario.name.as_str(), r.features_dark.len(), r.people.at_most)).collect();
        assert_eq!(summary[0], ("Pangyo fire (15 Oct 2022)", 12, 47_000_000));
        assert_eq!(summary[2], ("Anyang site loss", 0, 0));
        assert!(rows.iter().all(|r| r.hours.is_none()));
        // A restore-time analysis plugs in as a function of the outcome.
        let with_hours = compare_scenarios(graph, &stored_scenarios(document, graph)[..1], |o| Some(o.down().count() as f64));
        let down = simulate(graph, &rows[0].scenario.fail).down().count();
        assert_eq!(with_hours[0].hours, Some(down as f64));
    }

    #[test]
    fn generated_names_and_saving_them() {
        let valid = parse(KAKAO).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let library = generated_scenarios(document, graph);
        let names: Vec<&str> = library.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names[0], "SK C&C Pangyo lost");
        assert!(names.contains(&"KEPCO grid (Pangyo) fails"), "{names:?}");
        assert!(names.contains(&"Cache replica A (Pangyo) + Cache replica B (Pangyo) fail together"), "{names:?}");
        let stored = library[0].to_stored(graph);
        assert_eq!((stored.name.as_str(), stored.fail), ("SK C&C Pangyo lost", vec!["pangyo".into()]));
        let rows = compare_scenarios(graph, &library, |_| None);
        assert_eq!(rows[0].features_dark.len(), 12);
    }
}
