//! The top risks, for people, and the headline that leads with the biggest.
//!
//! A risk is a [`RiskGroup`] (single points of failure that take down the
//! same features, named by a representative) with the people it reaches
//! ([`PeopleAffected`]) and optional figures that other analyses provide:
//! how long its features stay dark, how available it is, what would fix it
//! ([`RiskFigures`]). Risks are ranked by people: the upper bound, then the
//! lower bound, then the number of features, then as the groups are ranked
//! (users hit, then id). The headline says the first in words:
//! "One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people".

use super::label;
use super::people::{People, PeopleAffected};
use crate::analysis::{risk_groups, RiskGroup, SpofReport};
use crate::model::{Document, Graph, Kind};

/// Figures about a risk that other analyses provide; each is optional and
/// shown only when present.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RiskFigures {
    /// How long the risk's features stay dark after it strikes: the longest
    /// restore time among them, in hours; `f64::INFINITY` when one never
    /// comes back on its own (the restore-time analysis).
    pub outage_hours: Option<f64>,
    /// The probability that the risk is not in effect at a random moment.
    /// [`top_risks`] fills it from the document when a member states its
    /// `availability`: the product over the members that do (each fails on
    /// its own, independently; any one failing takes the features down).
    pub availability: Option<f64>,
    /// What would remove the risk, in words (the fix suggestions).
    pub fix: Option<String>,
}

/// One risk as people are told about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Risk {
    pub group: RiskGroup,
    pub people: PeopleAffected,
    pub figures: RiskFigures,
}

/// Hours in a year, counting leap years (365.25 × 24).
pub const HOURS_A_YEAR: f64 = 8_766.0;

/// Every risk of the graph, ranked by the people it reaches.
pub fn top_risks(graph: &Graph, spofs: &SpofReport) -> Vec<Risk> {
    let people = People::new(graph);
    let mut risks: Vec<Risk> = risk_groups(graph, spofs)
        .into_iter()
        .map(|group| {
            let stated: Vec<f64> = group.members().filter_map(|v| graph.availability(v)).collect();
            let availability = (!stated.is_empty()).then(|| stated.iter().product());
            Risk {
                people: people.of_features(graph, &group.features),
                figures: RiskFigures { availability, ..RiskFigures::default() },
                group,
            }
        })
        .collect();
    // Stable: ties keep the groups' own order.
    risks.sort_by(|a, b| {
        (b.people.at_most, b.people.at_least, b.group.features.len())
            .cmp(&(a.people.at_most, a.people.at_least, a.group.features.len()))
    });
    risks
}

/// The word for a kind of thing that can fail, as a board member says it.
pub fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Feature => "feature",
        Kind::Service => "service",
        Kind::Datastore => "data store",
        Kind::Datacenter => "building",
        Kind::Provider => "provider",
    }
}

/// "SK C&C Pangyo — and 3 more that take down the same features".
pub fn risk_title(document: &Document, risk: &Risk) -> String {
    let name = label(document, risk.group.representative);
    match risk.group.others.len() {
        0 => name.into_owned(),
        1 => format!("{name} — and 1 more that takes down the same features"),
        more => format!("{name} — and {more} more that take down the same features"),
    }
}

/// "takes down 12 of 13 features — 47 M people".
pub fn risk_reach(graph: &Graph, risk: &Risk) -> String {
    let total = graph.features().count();
    let noun = if total == 1 { "feature" } else { "features" };
    let mut text = format!("takes down {} of {total} {noun}", risk.group.features.len());
    if let Some(people) = risk.people.phrase() {
        text.push_str(" — ");
        text.push_str(&people);
    }
    text
}

/// A number of hours for tables and sentences that name the unit themselves:
/// "0.5", "10", "127.5", "1,234" (one decimal below 1,000). With the unit:
/// `recovery::format_hours`.
pub fn format_hour_count(hours: f64) -> String {
    if hours >= 1_000.0 {
        return group_digits(hours.round() as u64);
    }
    let text = format!("{hours:.1}");
    text.trim_end_matches(".0").to_owned()
}

/// A whole number with its thousands grouped: "5,111", "127".
pub fn group_digits(whole: u64) -> String {
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An availability for people, with as many decimals as it takes to show
/// two significant digits of what is missing: "99.95 %", "99 %", "100 %".
pub fn format_availability(availability: f64) -> String {
    let missing = (1.0 - availability) * 100.0;
    if missing <= 0.0 {
        return "100 %".to_owned();
    }
    let decimals = (1 - missing.log10().floor() as i32).clamp(0, 6) as usize;
    let text = format!("{:.*}", decimals, availability * 100.0);
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    format!("{text} %")
}

/// ", for about 127.5 hours" or ", and they do not come back on their own".
pub fn outage_phrase(hours: f64) -> String {
    if hours.is_finite() {
        format!("for {} hours", format_hour_count(hours))
    } else {
        "and they do not come back on their own".to_owned()
    }
}

/// "99.95 % available, about 4.4 hours down a year".
pub fn availability_phrase(availability: f64) -> String {
    format!(
        "{} available, about {} hours down a year",
        format_availability(availability),
        format_hour_count((1.0 - availability) * HOURS_A_YEAR)
    )
}

/// The biggest risk in words, the line an executive reads first:
/// "One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people",
/// then, when known, how long and how available. `risks` as [`top_risks`]
/// ranks them.
pub fn headline(document: &Document, graph: &Graph, risks: &[Risk]) -> String {
    let total = graph.features().count();
    if total == 0 {
        return "No user-facing features yet".to_owned();
    }
    let Some(risk) = risks.first() else {
        return match total {
            1 => "No single point of failure: no one failure takes the feature down".to_owned(),
            _ => format!("No single point of failure: no one failure takes any of the {total} features down"),
        };
    };
    let node = risk.group.representative;
    let mut text = format!(
        "One {}, {}, {}",
        kind_word(graph.kind(node)),
        label(document, node),
        risk_reach(graph, risk)
    );
    if let Some(hours) = risk.figures.outage_hours {
        text.push_str(if risk.people.phrase().is_some() { ", " } else { " " });
        text.push_str(&outage_phrase(hours));
    }
    if let Some(availability) = risk.figures.availability {
        text.push_str("; ");
        text.push_str(&availability_phrase(availability));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::single_points_of_failure;
    use crate::format::parse;

    const KAKAO: &str = include_str!("../../assets/examples/kakao-2022.json");

    #[test]
    fn the_kakao_headline_names_the_building_and_the_audience() {
        let valid = parse(KAKAO).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let risks = top_risks(graph, &single_points_of_failure(graph));
        assert_eq!(
            headline(document, graph, &risks),
            "One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people"
        );
        assert_eq!(risk_title(document, &risks[0]), "SK C&C Pangyo — and 3 more that take down the same features");
        for risk in &risks {
            assert!(risk.people.at_most <= 47_000_000, "{risk:?}");
        }
    }

    #[test]
    fn hours_and_availability_join_the_headline_when_known() {
        let valid = parse(KAKAO).unwrap();
        let (document, graph) = (valid.document(), valid.graph());
        let mut risks = top_risks(graph, &single_points_of_failure(graph));
        risks[0].figures.outage_hours = Some(127.5);
        risks[0].figures.availability = Some(0.9995);
        assert_eq!(
            headline(document, graph, &risks),
            "One building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people, for 127.5 hours; \
             99.95 % available, about 4.4 hours down a year"
        );
        risks[0].figures.outage_hours = Some(f64::INFINITY);
        assert!(headline(document, graph, &risks).contains("— 47 M people, and they do not come back on their own"));
    }

    #[test]
    fn stated_availability_of_the_members_is_multiplied() {
        let text = r#"{"version": 1, "nodes": [
            {"id": "f", "kind": "feature", "users": 10, "depends_on": ["dc"]},
            {"id": "dc", "kind": "datacenter", "availability": 0.999, "depends_on": ["grid"]},
            {"id": "grid", "kind": "provider", "availability": 0.99}
        ]}"#;
        let valid = parse(text).unwrap();
        let risks = top_risks(valid.graph(), &single_points_of_failure(valid.graph()));
        let availability = risks[0].figures.availability.unwrap();
        assert!((availability - 0.999 * 0.99).abs() < 1e-12, "{availability}");
        assert_eq!(
            headline(valid.document(), valid.graph(), &risks),
            "One building, dc, takes down 1 of 1 feature — 10 people; 98.9 % available, about 96.3 hours down a year"
        );
    }

    #[test]
    fn no_risk_and_no_features_say_so() {
        let valid = parse(r#"{"version": 1, "nodes": [{"id": "f", "kind": "feature"}]}"#).unwrap();
        assert_eq!(headline(valid.document(), valid.graph(), &[]), "No single point of failure: no one failure takes the feature down");
        let empty = parse(r#"{"version": 1}"#).unwrap();
        assert_eq!(headline(empty.document(), empty.graph(), &[]), "No user-facing features yet");
    }

    #[test]
    fn risks_rank_by_people_then_features() {
        // a reaches 2 features of 10 users each (up to 20 people); b one of 15.
        let text = r#"{"version": 1, "nodes": [
            {"id": "f1", "kind": "feature", "users": 10, "depends_on": ["a"]},
            {"id": "f2", "kind": "feature", "users": 10, "depends_on": ["a"]},
            {"id": "f3", "kind": "feature", "users": 15, "depends_on": ["b"]},
            {"id": "a", "kind": "service"},
            {"id": "b", "kind": "provider"}
        ]}"#;
        let valid = parse(text).unwrap();
        let graph = valid.graph();
        let risks = top_risks(graph, &single_points_of_failure(graph));
        let order: Vec<&str> = risks.iter().map(|r| graph.id(r.group.representative).as_str()).collect();
        assert_eq!(order, ["a", "b"]);
        assert_eq!(headline(valid.document(), graph, &risks), "One service, a, takes down 2 of 3 features — up to 20 people");
    }

    #[test]
    fn numbers_read_like_a_person_wrote_them() {
        for (hours, text) in [(0.5, "0.5"), (10.0, "10"), (127.5, "127.5"), (1_234.4, "1,234"), (1_234_567.0, "1,234,567")] {
            assert_eq!(format_hour_count(hours), text);
        }
        for (availability, text) in [(0.9995, "99.95 %"), (0.99, "99 %"), (1.0, "100 %"), (0.999999, "99.9999 %"), (0.5, "50 %")] {
            assert_eq!(format_availability(availability), text);
        }
    }
}
