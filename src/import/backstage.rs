//! Backstage software catalogs: one or more YAML files, each a stream of
//! entity documents (`---` between them).
//!
//! Mapping. Component, Resource and API entities become nodes; every other
//! kind (System, Domain, Group, User, Location, Template, custom kinds) is
//! skipped. A node's id is the entity ref `kind:namespace/name` in lower case
//! (namespace `default` when absent), its label `metadata.title`, else
//! `metadata.name`.
//! * Component of `spec.type: website`: a feature; any other Component: a service.
//! * Resource: a data store.
//! * API: a service that requires `any` one of the Components that provide it
//!   (`providesApis`); an API that no Component provides is a leaf (a
//!   third-party API, say).
//! * `spec.dependsOn` (Component, Resource) and `spec.consumesApis`
//!   (Component) become dependencies, in that order; `spec.dependencyOf`
//!   (Component, Resource) is the reverse: the named entity depends on this one.
//! * References follow Backstage's rules (`parseEntityRef`): `[kind:][namespace/]name`,
//!   compared in lower case; the namespace defaults to the referring entity's
//!   own; the kind defaults to `API` in `providesApis` / `consumesApis` and
//!   must be written in `dependsOn` / `dependencyOf`.
//! * Annotations state what a catalog cannot: `blackout.dev/kind`,
//!   `blackout.dev/requires` (`all`, `any`, `at_least K`), `blackout.dev/users`,
//!   `blackout.dev/availability`, `blackout.dev/recovery-hours`,
//!   `blackout.dev/rebuild-hours`, `blackout.dev/tolerance-hours`,
//!   `blackout.dev/notes`. Any other `blackout.dev/` annotation is refused, so a
//!   typo does not silently drop a value.
//!
//! A `dependsOn` or `consumesApis` reference to an entity that is not in the
//! files is an error naming the entity, the reference and its line; with
//! placeholders it becomes an unknown node (a Resource reference a data store,
//! others a service). An API that a Component provides but no file defines
//! becomes, with placeholders, an unknown API node requiring any of its
//! providers; without them it is ignored unless something consumes it (which is
//! then the error).
//!
//! YAML crate: serde-saphyr. Of the maintained successors of the archived
//! serde_yaml, serde_norway and serde_yaml_ng both run a machine translation of
//! libyaml (unsafe-libyaml, whose upstream is archived too, in serde_yaml_ng)
//! and give a line only for errors; serde-saphyr is safe Rust, reads
//! multi-document streams, gives the line of every value (`Spanned`), so a
//! missing reference is reported at its own line, has budgets against
//! hostile YAML, and builds for wasm32. All three build for wasm32 and read
//! multi-document streams. O(size of the files).

use super::draft::{Draft, DraftNode, Reference};
use super::error::{ImportError, Location};
use super::fields::NodeField;
use crate::model::{Kind, Node, NodeId, Requirement};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::{Budget, Options, Spanned};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// The annotation prefix Blackout reads.
pub const ANNOTATION_PREFIX: &str = "blackout.dev/";

#[derive(Deserialize)]
struct Entity {
    kind: String,
    metadata: Metadata,
    #[serde(default)]
    spec: Option<Spec>,
}

#[derive(Deserialize)]
struct Metadata {
    name: String,
    #[serde(default)]
    namespace: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    annotations: Annotations,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Spec {
    #[serde(default, rename = "type")]
    component_type: Option<String>,
    #[serde(default)]
    depends_on: Option<Spanned<References>>,
    #[serde(default)]
    dependency_of: Option<Spanned<References>>,
    #[serde(default)]
    provides_apis: Option<Spanned<References>>,
    #[serde(default)]
    consumes_apis: Option<Spanned<References>>,
}

/// Entity references, each with its line when it has one of its own.
/// Backstage accepts one string or a list of them.
#[derive(Default)]
struct References(Vec<(String, Option<usize>)>);

impl<'de> Deserialize<'de> for References {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ReferencesVisitor;
        impl<'de> Visitor<'de> for ReferencesVisitor {
            type Value = References;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an entity reference or a list of them")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<References, A::Error> {
                let mut references = Vec::new();
                while let Some(reference) = seq.next_element::<Spanned<String>>()? {
                    references.push((reference.value, Some(reference.referenced.line() as usize)));
                }
                Ok(References(references))
            }
            fn visit_str<E: de::Error>(self, reference: &str) -> Result<References, E> {
                Ok(References(vec![(reference.to_owned(), None)]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<References, E> {
                Ok(References::default())
            }
        }
        deserializer.deserialize_any(ReferencesVisitor)
    }
}

/// The `blackout.dev/` annotations with their lines; other annotations are
/// skipped whatever their value.
#[derive(Default)]
struct Annotations(Vec<(String, Spanned<String>)>);

impl<'de> Deserialize<'de> for Annotations {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = Annotations;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of annotations")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Annotations, A::Error> {
                let mut kept = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key.starts_with(ANNOTATION_PREFIX) {
                        kept.push((key, map.next_value::<Spanned<String>>()?));
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Annotations(kept))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Annotations, E> {
                Ok(Annotations::default())
            }
        }
        deserializer.deserialize_map(MapVisitor)
    }
}

/// A parsed entity ref, in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct EntityRef {
    kind: String,
    namespace: String,
    name: String,
}

impl EntityRef {
    fn id(&self) -> NodeId {
        NodeId(format!("{}:{}/{}", self.kind, self.namespace, self.name))
    }

    /// Backstage's `parseEntityRef`: `[kind:][namespace/]name`; a `/` before
    /// the first `:` means the colon belongs to the name.
    fn parse(text: &str, default_kind: Option<&str>, default_namespace: &str) -> Result<EntityRef, String> {
        let text = text.trim();
        let slash = text.find('/');
        let colon = text.find(':').filter(|&colon| slash.is_none_or(|slash| colon < slash));
        let kind = match colon {
            Some(colon) => &text[..colon],
            None => default_kind.unwrap_or(""),
        };
        let after_kind = colon.map_or(0, |colon| colon + 1);
        let (namespace, name) = match slash {
            Some(slash) => (&text[after_kind..slash], &text[slash + 1..]),
            None => (default_namespace, &text[after_kind..]),
        };
        if kind.is_empty() {
            return Err(format!(
                "entity reference \"{text}\" has no kind; write it as kind:name, e.g. component:{text} or resource:{text}"
            ));
        }
        if namespace.is_empty() || name.is_empty() {
            return Err(format!("entity reference \"{text}\" has an empty namespace or name"));
        }
        Ok(EntityRef {
            kind: kind.to_lowercase(),
            namespace: namespace.to_lowercase(),
            name: name.to_lowercase(),
        })
    }
}

/// What a node entity is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NodeKind {
    Component,
    Resource,
    Api,
}

impl NodeKind {
    fn of(kind: &str) -> Option<NodeKind> {
        match kind.to_ascii_lowercase().as_str() {
            "component" => Some(NodeKind::Component),
            "resource" => Some(NodeKind::Resource),
            "api" => Some(NodeKind::Api),
            _ => None,
        }
    }
}

/// The kind a placeholder for a reference to `kind` gets.
fn placeholder_kind(reference: &EntityRef) -> Kind {
    if reference.kind == "resource" {
        Kind::Datastore
    } else {
        Kind::Service
    }
}

/// Reads the catalogs `files` (name, text) into a draft.
pub(crate) fn read(files: &[(Arc<str>, &str)], placeholders: bool) -> Result<Draft, ImportError> {
    let mut draft = Draft::default();
    // Where each node entity is in `draft.nodes`, and the kind of every entity seen.
    let mut position: HashMap<NodeId, usize> = HashMap::new();
    let mut kinds_seen: HashMap<NodeId, String> = HashMap::new();
    // (provider, API ref, where written) and (dependent ref, dependency, where written).
    let mut provided = Vec::new();
    let mut reverse = Vec::new();
    for (file, text) in files {
        for spanned in parse(file, text)? {
            let at = Location::new(file, Some(spanned.referenced.line() as usize));
            let entity = spanned.value;
            let namespace = entity.metadata.namespace.as_deref().filter(|ns| !ns.trim().is_empty()).unwrap_or("default");
            let own = EntityRef {
                kind: entity.kind.to_lowercase(),
                namespace: namespace.to_lowercase(),
                name: entity.metadata.name.trim().to_lowercase(),
            };
            kinds_seen.insert(own.id(), entity.kind.clone());
            let Some(node_kind) = NodeKind::of(&entity.kind) else {
                continue;
            };
            let id = own.id();
            let spec = entity.spec.unwrap_or_default();
            let mut node = Node::new(id.as_str(), Kind::Service);
            node.kind = match node_kind {
                NodeKind::Component if spec.component_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("website")) => {
                    Kind::Feature
                }
                NodeKind::Component | NodeKind::Api => Kind::Service,
                NodeKind::Resource => Kind::Datastore,
            };
            if node_kind == NodeKind::Api {
                // Until its providers are known; `any` of none would read oddly.
                node.requires = Requirement::All;
            }
            node.label = Some(entity.metadata.title.clone().unwrap_or_else(|| entity.metadata.name.clone()));
            let mut drafted = DraftNode::new(node, at.clone());
            drafted.infer_kind = false;
            drafted.stated.insert(NodeField::Label);
            drafted.stated.insert(NodeField::Kind);
            apply_annotations(&mut drafted, &entity.metadata.annotations, file)?;
            let refer = |list: &Option<Spanned<References>>, default_kind: Option<&str>| -> Result<Vec<(EntityRef, Location)>, ImportError> {
                let Some(list) = list else { return Ok(Vec::new()) };
                let field_line = list.referenced.line() as usize;
                list.value
                    .0
                    .iter()
                    .map(|(reference, line)| {
                        let at = Location::new(file, Some(line.unwrap_or(field_line)));
                        EntityRef::parse(reference, default_kind, &own.namespace)
                            .map(|parsed| (parsed, at.clone()))
                            .map_err(|message| ImportError::Invalid { at, entity: id.to_string(), message })
                    })
                    .collect()
            };
            if node_kind != NodeKind::Api {
                let mut dependencies = refer(&spec.depends_on, None)?;
                if node_kind == NodeKind::Component {
                    dependencies.extend(refer(&spec.consumes_apis, Some("api"))?);
                    for (api, at) in refer(&spec.provides_apis, Some("api"))? {
                        provided.push((id.clone(), api, at));
                    }
                }
                drafted.references = dependencies
                    .into_iter()
                    .map(|(target, at)| Reference { placeholder_kind: placeholder_kind(&target), target: target.id(), at })
                    .collect();
                for (dependent, at) in refer(&spec.dependency_of, None)? {
                    reverse.push((dependent, id.clone(), at));
                }
            }
            if let Some(&first) = position.get(&id) {
                let first: &DraftNode = &draft.nodes[first];
                return Err(ImportError::Duplicate { entity: id, first: first.origin.clone(), second: at });
            }
            position.insert(id, draft.nodes.len());
            draft.nodes.push(drafted);
        }
    }
    for (provider, api, at) in provided {
        let api_id = api.id();
        let at_api = match position.get(&api_id) {
            Some(&at_api) => at_api,
            None if placeholders => {
                let mut node = Node::new(api_id.as_str(), Kind::Service);
                node.notes = Some(format!(
                    "Unknown: a placeholder for an API that {provider} provides ({at}) but the imported files do not define."
                ));
                position.insert(api_id, draft.nodes.len());
                draft.nodes.push(DraftNode { infer_kind: false, ..DraftNode::new(node, at.clone()) });
                draft.nodes.len() - 1
            }
            None => continue,
        };
        let api_node = &mut draft.nodes[at_api];
        if !api_node.stated.contains(NodeField::Requires) {
            api_node.node.requires = Requirement::Any;
        }
        api_node.references.push(Reference { target: provider, at, placeholder_kind: Kind::Service });
    }
    for (dependent, dependency, at) in reverse {
        let dependent_id = dependent.id();
        let Some(&at_dependent) = position.get(&dependent_id) else {
            let what = match kinds_seen.get(&dependent_id) {
                Some(kind) => format!("is a {kind}, which does not become a node"),
                None => "is not in the imported files".to_owned(),
            };
            return Err(ImportError::Invalid {
                at,
                entity: dependency.to_string(),
                message: format!("dependencyOf \"{dependent_id}\": that entity {what}"),
            });
        };
        draft.nodes[at_dependent].references.push(Reference { target: dependency, at, placeholder_kind: Kind::Service });
    }
    refuse_references_to_skipped_kinds(&draft, &position, &kinds_seen)?;
    Ok(draft)
}

/// A dependency on an entity the files define but that is not a node (a
/// System, a Group) cannot be kept, and a placeholder would hide it.
fn refuse_references_to_skipped_kinds(
    draft: &Draft,
    position: &HashMap<NodeId, usize>,
    kinds_seen: &HashMap<NodeId, String>,
) -> Result<(), ImportError> {
    for drafted in &draft.nodes {
        for reference in &drafted.references {
            if position.contains_key(&reference.target) {
                continue;
            }
            if let Some(kind) = kinds_seen.get(&reference.target) {
                return Err(ImportError::Invalid {
                    at: reference.at.clone(),
                    entity: drafted.node.id.to_string(),
                    message: format!(
                        "depends on \"{}\", a {kind}; only Component, Resource and API entities become nodes",
                        reference.target
                    ),
                });
            }
        }
    }
    Ok(())
}

fn apply_annotations(drafted: &mut DraftNode, annotations: &Annotations, file: &Arc<str>) -> Result<(), ImportError> {
    for (key, value) in &annotations.0 {
        let at = Location::new(file, Some(value.referenced.line() as usize));
        let entity = drafted.node.id.to_string();
        let Some(field) = NodeField::ALL.into_iter().find(|field| field.annotation() == Some(key.as_str())) else {
            let known: Vec<&str> = NodeField::ALL.iter().filter_map(|field| field.annotation()).collect();
            return Err(ImportError::Invalid {
                at,
                entity,
                message: format!("unknown annotation {key}; Blackout reads {}", known.join(", ")),
            });
        };
        field
            .parse_into(&value.value, &mut drafted.node)
            .map_err(|message| ImportError::Invalid { at, entity, message: format!("annotation {key}: {message}") })?;
        drafted.stated.insert(field);
    }
    Ok(())
}

/// Budgets far above the defaults (1,024 documents, 250,000 nodes): a real
/// catalog has thousands of entities. Input size is already capped at
/// [`crate::format::MAX_FILE_BYTES`].
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_documents = 1_000_000;
    budget.max_nodes = 20_000_000;
    budget.max_events = 40_000_000;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}

fn parse(file: &Arc<str>, text: &str) -> Result<Vec<Spanned<Entity>>, ImportError> {
    serde_saphyr::from_multiple_with_options(text, options()).map_err(|error| {
        let line = error.location().map(|location| location.line() as usize);
        let message = error.without_snippet().to_string();
        let message = match message.rfind(" at line ") {
            Some(cut) => message[..cut].to_owned(),
            None => message,
        };
        ImportError::Syntax { at: Location::new(file, line), message }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::testing::import_as;
    use crate::import::Format;

    fn import(text: &str, placeholders: bool) -> Result<crate::model::Document, ImportError> {
        import_as(Format::Backstage, "catalog.yaml", &[text], placeholders)
    }

    #[test]
    fn references_follow_backstages_rules() {
        let parse = |text, kind| EntityRef::parse(text, kind, "team-a").map(|r| r.id().0);
        assert_eq!(parse("Component:Default/Web", None), Ok("component:default/web".to_owned()));
        assert_eq!(parse("resource:db", None), Ok("resource:team-a/db".to_owned()));
        assert_eq!(parse("payments", Some("api")), Ok("api:team-a/payments".to_owned()));
        assert_eq!(parse("other/payments", Some("api")), Ok("api:other/payments".to_owned()));
        // A slash before the colon: the colon is part of the name.
        assert_eq!(parse("ns/name:with:colons", Some("api")), Ok("api:ns/name:with:colons".to_owned()));
        assert!(parse("db", None).unwrap_err().contains("has no kind"));
        assert!(parse("component:/x", None).unwrap_err().contains("empty namespace or name"));
    }

    #[test]
    fn maps_components_resources_and_apis() {
        let document = import(
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Shop\n  title: Web shop\nspec:\n  type: website\n  consumesApis: [orders]\n---\n\
             apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders\n---\n\
             kind: Component\nmetadata:\n  name: orders-a\nspec:\n  type: service\n  providesApis: orders\n  dependsOn: [resource:db]\n---\n\
             kind: Resource\nmetadata:\n  name: db\n  annotations:\n    blackout.dev/kind: datacenter\n    blackout.dev/recovery-hours: '4.5'\n    backstage.io/techdocs-ref: dir:.\n---\n\
             kind: Group\nmetadata:\n  name: team\nspec:\n  type: team\n  children: []\n",
            false,
        )
        .unwrap();
        let ids: Vec<&str> = document.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["component:default/shop", "api:default/orders", "component:default/orders-a", "resource:default/db"]);
        let [shop, api, orders, db] = &document.nodes[..] else { unreachable!() };
        assert_eq!((shop.kind, shop.label()), (Kind::Feature, "Web shop"));
        assert_eq!(shop.depends_on, vec![NodeId::from("api:default/orders")]);
        assert_eq!((api.kind, api.requires), (Kind::Service, Requirement::Any));
        assert_eq!(api.depends_on, vec![NodeId::from("component:default/orders-a")]);
        assert_eq!((orders.kind, orders.label()), (Kind::Service, "orders-a"));
        assert_eq!((db.kind, db.recovery_hours), (Kind::Datacenter, Some(4.5)));
    }

    #[test]
    fn errors_name_file_line_and_entity() {
        let missing = import("kind: Component\nmetadata:\n  name: web\nspec:\n  dependsOn:\n    - resource:db\n", false);
        assert_eq!(
            missing.unwrap_err().to_string(),
            "catalog.yaml line 6: component:default/web depends on \"resource:default/db\", which is not in the imported files (import with placeholders to keep it as an unknown node)"
        );
        let with = import("kind: Component\nmetadata:\n  name: web\nspec:\n  dependsOn:\n    - resource:db\n", true).unwrap();
        assert_eq!(with.nodes[1].kind, Kind::Datastore);
        let typo = import("kind: Component\nmetadata:\n  name: web\n  annotations:\n    blackout.dev/user: '3'\n", false);
        assert!(typo.unwrap_err().to_string().starts_with(
            "catalog.yaml line 5: component:default/web: unknown annotation blackout.dev/user; Blackout reads blackout.dev/kind"
        ));
        let bad = import("kind: Component\nmetadata:\n  name: web\n  annotations:\n    blackout.dev/users: many\n", false);
        assert_eq!(
            bad.unwrap_err().to_string(),
            "catalog.yaml line 5: component:default/web: annotation blackout.dev/users: users: \"many\" is not a whole number of users"
        );
        let syntax = import("kind: Component\nmetadata:\n  name: [web\n", false);
        assert!(syntax.unwrap_err().to_string().starts_with("catalog.yaml line 3"));
        let system = import("kind: System\nmetadata:\n  name: s\n---\nkind: Component\nmetadata:\n  name: web\nspec:\n  dependsOn: [system:s]\n", true);
        assert_eq!(
            system.unwrap_err().to_string(),
            "catalog.yaml line 9: component:default/web: depends on \"system:default/s\", a System; only Component, Resource and API entities become nodes"
        );
    }
}
