//! Deterministic synthetic import sources, for the import benchmark and the
//! large-input tests: a Backstage catalog and Jaeger dependency links.
//!
//! The catalog mixes what real ones hold: per 20 entities, 2 websites
//! (features, with users), 10 service components, 3 resources, 3 APIs (each
//! provided by one or two services) and a Group and a System (which the
//! import skips). Websites depend on services and consume APIs; services
//! depend on resources and on services further down the list, so the graph has
//! layers and every reference resolves. The links join services to services
//! further down, distinct, about 10 a service.

use super::SplitMix64;
use std::collections::HashSet;
use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Website,
    Service,
    Resource,
    Api,
    Group,
    System,
}

fn role(i: usize) -> Role {
    match i % 20 {
        0..=1 => Role::Website,
        2..=11 => Role::Service,
        12..=14 => Role::Resource,
        15..=17 => Role::Api,
        18 => Role::Group,
        _ => Role::System,
    }
}

/// A multi-document Backstage catalog of `entities` entities (YAML).
pub fn backstage_catalog(entities: usize, seed: u64) -> String {
    let mut rng = SplitMix64(seed);
    let of = |wanted: Role| (0..entities).filter(|&i| role(i) == wanted).collect::<Vec<_>>();
    let (services, resources, apis) = (of(Role::Service), of(Role::Resource), of(Role::Api));
    let pick = |list: &[usize], rng: &mut SplitMix64| list[rng.below(list.len() as u64) as usize];
    // Which APIs each service provides: every API gets one or two providers.
    let mut provides: Vec<Vec<usize>> = vec![Vec::new(); entities];
    if !services.is_empty() {
        for &api in &apis {
            for _ in 0..1 + rng.below(2) {
                let provider = pick(&services, &mut rng);
                if !provides[provider].contains(&api) {
                    provides[provider].push(api);
                }
            }
        }
    }
    let mut out = String::with_capacity(entities * 300);
    for (i, provided) in provides.iter().enumerate() {
        let role = role(i);
        let (kind, name) = match role {
            Role::Website => ("Component", format!("web-{i}")),
            Role::Service => ("Component", format!("svc-{i}")),
            Role::Resource => ("Resource", format!("db-{i}")),
            Role::Api => ("API", format!("api-{i}")),
            Role::Group => ("Group", format!("team-{i}")),
            Role::System => ("System", format!("system-{i}")),
        };
        let _ = write!(out, "---\napiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {name}\n  title: \"{kind} {i}\"\n");
        match role {
            Role::Website => {
                let _ = writeln!(out, "  annotations:\n    blackout.dev/users: \"{}\"", 1_000 + rng.below(5_000_000));
            }
            Role::Service if rng.below(4) == 0 => {
                let _ = writeln!(out, "  annotations:\n    blackout.dev/recovery-hours: \"{}\"", rng.below(48));
            }
            _ => {}
        }
        let mut spec = String::new();
        let mut list = |label: &str, items: Vec<String>| {
            if !items.is_empty() {
                let _ = writeln!(spec, "  {label}:");
                for item in items {
                    let _ = writeln!(spec, "    - {item}");
                }
            }
        };
        match role {
            Role::Website => {
                let depends: HashSet<usize> = (0..1 + rng.below(3)).filter(|_| !services.is_empty()).map(|_| pick(&services, &mut rng)).collect();
                let consumes: HashSet<usize> = (0..1 + rng.below(2)).filter(|_| !apis.is_empty()).map(|_| pick(&apis, &mut rng)).collect();
                list("dependsOn", sorted(depends).map(|j| format!("component:svc-{j}")).collect());
                list("consumesApis", sorted(consumes).map(|j| format!("api-{j}")).collect());
            }
            Role::Service => {
                let mut depends: HashSet<String> = HashSet::new();
                for _ in 0..1 + rng.below(2) {
                    if !resources.is_empty() {
                        depends.insert(format!("resource:db-{}", pick(&resources, &mut rng)));
                    }
                }
                let later: Vec<usize> = services.iter().copied().filter(|&j| j > i).take(60).collect();
                for _ in 0..rng.below(3) {
                    if !later.is_empty() {
                        depends.insert(format!("component:svc-{}", pick(&later, &mut rng)));
                    }
                }
                let mut depends: Vec<String> = depends.into_iter().collect();
                depends.sort();
                list("dependsOn", depends);
                list("providesApis", provided.iter().map(|j| format!("api-{j}")).collect());
            }
            _ => {}
        }
        let spec_type = match role {
            Role::Website => "website",
            Role::Service => "service",
            Role::Resource => "database",
            Role::Api => "openapi",
            Role::Group => "team",
            Role::System => "",
        };
        out.push_str("spec:\n");
        if !spec_type.is_empty() {
            let _ = writeln!(out, "  type: {spec_type}");
        }
        if role != Role::Group {
            out.push_str("  owner: team-18\n");
        } else {
            out.push_str("  children: []\n");
        }
        out.push_str(&spec);
    }
    out
}

fn sorted(set: HashSet<usize>) -> impl Iterator<Item = usize> {
    let mut items: Vec<usize> = set.into_iter().collect();
    items.sort_unstable();
    items.into_iter()
}

/// `links` distinct Jaeger dependency links among `links / 10` services
/// (at least 2), as a JSON array.
pub fn jaeger_links(links: usize, seed: u64) -> String {
    let mut rng = SplitMix64(seed);
    let services = (links / 10).max(2);
    // The most distinct links "further down the list" that can exist.
    let possible = services * (services - 1) / 2;
    let wanted = links.min(possible);
    let mut seen = HashSet::with_capacity(wanted);
    let mut out = String::with_capacity(wanted * 64);
    out.push('[');
    while seen.len() < wanted {
        let parent = rng.below(services as u64 - 1) as usize;
        let span = (services - parent - 1).min(200) as u64;
        let child = parent + 1 + rng.below(span) as usize;
        if seen.insert((parent, child)) {
            if seen.len() > 1 {
                out.push(',');
            }
            let _ = write!(out, "\n  {{\"parent\": \"service-{parent}\", \"child\": \"service-{child}\", \"callCount\": {}}}", 1 + rng.below(10_000));
        }
    }
    out.push_str("\n]\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{detect_and_read, Format, ImportOptions};
    use crate::model::Kind;

    #[test]
    fn the_catalog_imports_with_every_reference_resolved() {
        let catalog = backstage_catalog(400, 3);
        assert_eq!(catalog, backstage_catalog(400, 3));
        assert_eq!(catalog.matches("\nkind: ").count(), 400);
        let imported = detect_and_read(&[("catalog.yaml", catalog)], &ImportOptions::default()).unwrap();
        assert_eq!(imported.format, Format::Backstage);
        // Groups and Systems (2 in 20) are skipped.
        assert_eq!(imported.document.nodes.len(), 360);
        let features = imported.document.nodes.iter().filter(|n| n.kind == Kind::Feature).count();
        assert_eq!(features, 40);
        assert!(imported.document.graph().edges().count() > 500);
    }

    #[test]
    fn the_links_are_distinct_and_import() {
        let links = jaeger_links(2_000, 5);
        assert_eq!(links, jaeger_links(2_000, 5));
        let imported = detect_and_read(&[("links.json", links)], &ImportOptions::default()).unwrap();
        assert_eq!(imported.document.graph().edges().count(), 2_000);
        assert!(imported.document.nodes.len() <= 200);
    }
}
