//! The built-in Kakao example replays the published timeline of October
//! 2022 when Pangyo fails (`/work/shared/KAKAO-2022.md`, hours from about
//! 15:30 KST on 15 October), within its uncertainty.

use super::{restore_times, simulate, single_failure_restores, single_points_of_failure, RestoreTimes};
use crate::format;
use crate::model::{Document, Graph, NodeId};

const KAKAO: &str = include_str!("../../assets/examples/kakao-2022.json");

fn kakao() -> (Document, Graph) {
    let valid = format::parse(KAKAO).expect("the example is valid");
    (valid.document().clone(), valid.graph().clone())
}

fn hours(graph: &Graph, times: &RestoreTimes, id: &str) -> Option<f64> {
    times.hours(graph.index_of(&NodeId::from(id)).expect("the example has this node"))
}

fn pangyo_fire(graph: &Graph) -> RestoreTimes {
    restore_times(graph, &[graph.index_of(&"pangyo".into()).unwrap()])
}

#[test]
fn failing_pangyo_replays_the_published_timeline() {
    let (_, g) = kakao();
    let times = pangyo_fire(&g);
    let within = |id: &str, low: f64, high: f64| {
        let h = hours(&g, &times, id).unwrap_or(f64::INFINITY);
        assert!((low..=high).contains(&h), "{id}: {h} h, published {low}–{high} h");
    };
    within("talk", 9.0, 11.0); // 01:31 on 16 October
    within("talk-photo", 24.0, 36.0); // Sunday night, about 30 h
    within("kakao-pay", 20.0, 28.0); // the afternoon of 16 October
    within("kakao-t", 20.0, 28.0);
    within("kakao-map", 20.0, 28.0); // Navi, same afternoon
    within("melon-login", 20.0, 28.0); // Melon, same afternoon
    within("kakao-mail", 86.0, 90.0); // the morning of 19 October
    let last = times.last_feature_back(&g).expect("every feature comes back");
    assert!((126.0..=129.0).contains(&last), "every service back at 127.5 h, not {last}");
    // Nothing the model takes down is back later than the last feature.
    for v in times.down() {
        assert!(times.hours(v).is_some_and(|h| h <= last), "{} back at {:?}", g.id(v), times.hours(v));
    }
    let bank = g.index_of(&"bank-core".into()).unwrap();
    assert!(times.state(bank).is_up(), "KakaoBank core banking never goes down");
    // The same features go dark as without recovery data.
    let dark: Vec<_> = times.features(&g).iter().map(|f| f.feature).collect();
    assert_eq!(dark.len(), simulate(&g, &[g.index_of(&"pangyo".into()).unwrap()]).features_down(&g).count());
}

#[test]
fn messaging_comes_back_first_because_responders_found_another_way_to_talk() {
    // Without the responders' phone bridges the failover waits on KakaoTalk,
    // which then waits for Pangyo's own servers.
    let (mut document, _) = kakao();
    let responders = document.nodes.iter_mut().find(|n| n.id.as_str() == "incident-response").unwrap();
    responders.rebuild_hours = None;
    let g = Graph::build(&document).unwrap();
    let times = pangyo_fire(&g);
    let talk = hours(&g, &times, "talk").unwrap();
    assert!(talk > 20.0, "messaging waits for Pangyo: {talk} h");
    let standby = hours(&g, &times, "talk-anyang").unwrap();
    assert!(standby > talk, "the standby follows messaging: {standby} h");
}

#[test]
fn one_failure_breaks_the_payment_tolerance() {
    let (_, g) = kakao();
    let report = single_points_of_failure(&g);
    let restores = single_failure_restores(&g, &report);
    let pangyo = g.index_of(&"pangyo".into()).unwrap();
    let at = report.spofs.iter().position(|s| s.node == pangyo).unwrap();
    assert_eq!(restores.spofs[at].hours, pangyo_fire(&g).last_feature_back(&g));
    let breached: Vec<&str> = restores.tolerance_breaches.iter().map(|b| g.id(b.feature).as_str()).collect();
    assert_eq!(breached, ["bank-linked", "kakao-pay"], "KakaoBank's core banking keeps its tolerance");
    let pay = &restores.tolerance_breaches[1];
    assert_eq!(pay.tolerance_hours, 3.0);
    assert!(pay.breached_by.iter().any(|b| b.node == pangyo));
}
