//! The architecture model: nodes that depend on other nodes.
//!
//! [`Document`] is what a person writes, edits and saves (it round-trips through
//! the file format unchanged). [`Graph`] is the validated, indexed form that the
//! analysis runs on: every reference resolved to a dense [`NodeIndex`].
//! [`ValidDocument`] holds both, and is the only way a document that passed
//! the rules travels through the program.

mod adjacency;
mod build;
mod error;
mod graph;
mod id_index;
pub mod objects;
mod requirement;
mod traversal;
mod valid;

pub use error::ModelError;
pub use graph::{Graph, NodeIndex, MAX_USERS};
pub use requirement::Requirement;
pub use valid::ValidDocument;

use serde::{Deserialize, Serialize};
use std::fmt;

/// The stable, user-chosen identifier of a node. Labels may change; ids do not.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub String);

impl NodeId {
    pub fn new(id: impl Into<String>) -> Self {
        NodeId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for NodeId {
    fn from(id: &str) -> Self {
        NodeId(id.to_owned())
    }
}

/// What a node is; it decides the node's tier on the map (features on top,
/// providers at the bottom) and its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Feature,
    Service,
    Datastore,
    Datacenter,
    Provider,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Feature,
        Kind::Service,
        Kind::Datastore,
        Kind::Datacenter,
        Kind::Provider,
    ];

    /// Row of the map, 0 at the top.
    pub fn tier(self) -> u8 {
        self as u8
    }

    /// The word used in the file format.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Feature => "feature",
            Kind::Service => "service",
            Kind::Datastore => "datastore",
            Kind::Datacenter => "datacenter",
            Kind::Provider => "provider",
        }
    }

    /// The name shown to people (legend, panels).
    pub fn display_name(self) -> &'static str {
        match self {
            Kind::Feature => "Feature",
            Kind::Service => "Service",
            Kind::Datastore => "Data store",
            Kind::Datacenter => "Data center",
            Kind::Provider => "Provider",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One node of the architecture, exactly as stored in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: NodeId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Requirement::is_all")]
    pub requires: Requirement,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<NodeId>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub users: u64,
    /// The probability that the node is up on its own account, 0 < a ≤ 1
    /// (absent: it never fails on its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    /// Hours to bring the node back once what it needs is back (absent: 0).
    /// For a node that failed itself this is its repair time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery_hours: Option<f64>,
    /// Hours, counted from the failure, to bring the node back *without* its
    /// dependencies (rebuilt elsewhere, a manual workaround); absent: no such way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebuild_hours: Option<f64>,
    /// Features only: the longest outage the business accepts (an impact tolerance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance_hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Node {
    /// A node with defaults for everything but its id and kind.
    pub fn new(id: impl Into<String>, kind: Kind) -> Self {
        Node {
            id: NodeId(id.into()),
            label: None,
            kind,
            requires: Requirement::All,
            depends_on: Vec::new(),
            users: 0,
            availability: None,
            recovery_hours: None,
            rebuild_hours: None,
            tolerance_hours: None,
            x: None,
            y: None,
            notes: None,
        }
    }

    /// The label, which defaults to the id.
    pub fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(self.id.as_str())
    }
}

/// A named failure set stored with the graph ("Pangyo fire").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    #[serde(default)]
    pub fail: Vec<NodeId>,
}

impl<'de> objects::JsonObject<'de> for Node {
    const EXPECTING: &'static str = "a node object such as {\"id\": \"talk\", \"kind\": \"feature\"}";
}

impl<'de> objects::JsonObject<'de> for Scenario {
    const EXPECTING: &'static str = "a scenario object such as {\"name\": \"Pangyo fire\", \"fail\": [\"pangyo\"]}";
}

impl<'de> objects::JsonObject<'de> for Document {
    const EXPECTING: &'static str = "a JSON object such as {\"version\": 1, \"nodes\": [...]}";
}

/// The file format's only version so far.
pub const FORMAT_VERSION: u32 = 1;

/// A whole architecture file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// The JSON Schema an editor validates the file with (`"$schema"`,
    /// e.g. a path to `schema/blackout.schema.json`); kept, never used.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub version: u32,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// How many distinct people use any of the features. Features' users
    /// overlap (one person uses several), so no count of people affected may
    /// exceed this; without it, sums over features are only an upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<u64>,
    #[serde(default, deserialize_with = "objects::objects")]
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "objects::objects")]
    pub scenarios: Vec<Scenario>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            schema: None,
            version: FORMAT_VERSION,
            title: String::new(),
            notes: None,
            audience: None,
            nodes: Vec::new(),
            scenarios: Vec::new(),
        }
    }
}

impl Document {
    pub fn node(&self, id: &NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| &n.id == id)
    }
}
