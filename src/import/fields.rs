//! The fields of a node as text: their names in DOT attributes, CSV columns
//! and Backstage annotations, and how each one is read from and written to a
//! string. Importers and exporters share this one table, so a field written by
//! an exporter is read back by the importer the same way.
//!
//! Text forms: `kind` is `feature`, `service`, `datastore`, `datacenter` or
//! `provider`; `requires` is `all`, `any` or `at_least K`; `users` a whole
//! number; `availability`, the hours and `x`, `y` decimal numbers written with
//! Rust's shortest exact form (so they read back bit for bit); `label` and
//! `notes` free text.

use crate::model::{Kind, Node, Requirement};

/// A field of a node that a source may state, everything but `id` and
/// `depends_on` (which every source states: they are its structure).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NodeField {
    Label,
    Kind,
    Requires,
    Users,
    Availability,
    RecoveryHours,
    RebuildHours,
    ToleranceHours,
    X,
    Y,
    Notes,
}

impl NodeField {
    /// Every field, in the order exporters write them (notes last: it is long).
    pub const ALL: [NodeField; 11] = [
        NodeField::Label,
        NodeField::Kind,
        NodeField::Requires,
        NodeField::Users,
        NodeField::Availability,
        NodeField::RecoveryHours,
        NodeField::RebuildHours,
        NodeField::ToleranceHours,
        NodeField::X,
        NodeField::Y,
        NodeField::Notes,
    ];

    /// The name used as DOT attribute and CSV column: the JSON field's name.
    pub fn name(self) -> &'static str {
        match self {
            NodeField::Label => "label",
            NodeField::Kind => "kind",
            NodeField::Requires => "requires",
            NodeField::Users => "users",
            NodeField::Availability => "availability",
            NodeField::RecoveryHours => "recovery_hours",
            NodeField::RebuildHours => "rebuild_hours",
            NodeField::ToleranceHours => "tolerance_hours",
            NodeField::X => "x",
            NodeField::Y => "y",
            NodeField::Notes => "notes",
        }
    }

    pub fn from_name(name: &str) -> Option<NodeField> {
        NodeField::ALL.into_iter().find(|field| field.name() == name)
    }

    /// The Backstage annotation that states this field, if the catalog may
    /// state it that way (the label comes from `metadata.title`, and a catalog
    /// has no positions).
    pub fn annotation(self) -> Option<&'static str> {
        Some(match self {
            NodeField::Kind => "blackout.dev/kind",
            NodeField::Requires => "blackout.dev/requires",
            NodeField::Users => "blackout.dev/users",
            NodeField::Availability => "blackout.dev/availability",
            NodeField::RecoveryHours => "blackout.dev/recovery-hours",
            NodeField::RebuildHours => "blackout.dev/rebuild-hours",
            NodeField::ToleranceHours => "blackout.dev/tolerance-hours",
            NodeField::Notes => "blackout.dev/notes",
            NodeField::Label | NodeField::X | NodeField::Y => return None,
        })
    }

    /// Sets this field of `node` from its text form. The error says what is
    /// wrong with the value, for a message that also names file, line and node.
    pub fn parse_into(self, text: &str, node: &mut Node) -> Result<(), String> {
        match self {
            NodeField::Label => node.label = Some(text.to_owned()),
            NodeField::Notes => node.notes = Some(text.to_owned()),
            NodeField::Kind => node.kind = parse_kind(text)?,
            NodeField::Requires => node.requires = parse_requirement(text)?,
            NodeField::Users => {
                node.users = text.trim().parse().map_err(|_| {
                    format!("{}: \"{text}\" is not a whole number of users", self.name())
                })?
            }
            NodeField::Availability => node.availability = Some(self.number(text)?),
            NodeField::RecoveryHours => node.recovery_hours = Some(self.number(text)?),
            NodeField::RebuildHours => node.rebuild_hours = Some(self.number(text)?),
            NodeField::ToleranceHours => node.tolerance_hours = Some(self.number(text)?),
            NodeField::X => node.x = Some(self.number(text)?),
            NodeField::Y => node.y = Some(self.number(text)?),
        }
        Ok(())
    }

    fn number(self, text: &str) -> Result<f64, String> {
        text.trim()
            .parse()
            .map_err(|_| format!("{}: \"{text}\" is not a number", self.name()))
    }

    /// The text form of this field of `node`; `None` when the node has the
    /// default (no label, requires all, no users, no value).
    pub fn format(self, node: &Node) -> Option<String> {
        match self {
            NodeField::Label => node.label.clone(),
            NodeField::Notes => node.notes.clone(),
            NodeField::Kind => Some(node.kind.as_str().to_owned()),
            NodeField::Requires => (!node.requires.is_all()).then(|| format_requirement(node.requires)),
            NodeField::Users => (node.users != 0).then(|| node.users.to_string()),
            NodeField::Availability => node.availability.map(format_number),
            NodeField::RecoveryHours => node.recovery_hours.map(format_number),
            NodeField::RebuildHours => node.rebuild_hours.map(format_number),
            NodeField::ToleranceHours => node.tolerance_hours.map(format_number),
            NodeField::X => node.x.map(format_number),
            NodeField::Y => node.y.map(format_number),
        }
    }

    /// Copies this field from `from` to `to` (the merge keeps fields this way).
    pub fn copy(self, from: &Node, to: &mut Node) {
        match self {
            NodeField::Label => to.label = from.label.clone(),
            NodeField::Notes => to.notes = from.notes.clone(),
            NodeField::Kind => to.kind = from.kind,
            NodeField::Requires => to.requires = from.requires,
            NodeField::Users => to.users = from.users,
            NodeField::Availability => to.availability = from.availability,
            NodeField::RecoveryHours => to.recovery_hours = from.recovery_hours,
            NodeField::RebuildHours => to.rebuild_hours = from.rebuild_hours,
            NodeField::ToleranceHours => to.tolerance_hours = from.tolerance_hours,
            NodeField::X => to.x = from.x,
            NodeField::Y => to.y = from.y,
        }
    }
}

/// A set of [`NodeField`]s: the fields a source stated for one node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeFields(u16);

impl NodeFields {
    pub const NONE: NodeFields = NodeFields(0);
    pub const ALL: NodeFields = NodeFields((1 << NodeField::ALL.len()) - 1);

    pub fn insert(&mut self, field: NodeField) {
        self.0 |= 1 << field as u16;
    }

    pub fn contains(self, field: NodeField) -> bool {
        self.0 & (1 << field as u16) != 0
    }
}

/// Which document-level fields a source stated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentFields {
    pub title: bool,
    pub notes: bool,
    pub audience: bool,
}

impl DocumentFields {
    pub const ALL: DocumentFields = DocumentFields { title: true, notes: true, audience: true };
}

pub fn parse_kind(text: &str) -> Result<Kind, String> {
    let word = text.trim().to_ascii_lowercase();
    Kind::ALL.into_iter().find(|kind| kind.as_str() == word).ok_or_else(|| {
        format!(
            "kind: unknown kind \"{text}\", expected one of feature, service, datastore, datacenter, provider"
        )
    })
}

/// `all`, `any` or `at_least K` (also `at least K`, `at_least:K`).
pub fn parse_requirement(text: &str) -> Result<Requirement, String> {
    let word = text.trim().to_ascii_lowercase();
    let error = || format!("requires: \"{text}\" is not all, any or at_least K");
    match word.as_str() {
        "all" => Ok(Requirement::All),
        "any" => Ok(Requirement::Any),
        _ => {
            let k = ["at_least", "at least"]
                .iter()
                .find_map(|prefix| word.strip_prefix(prefix))
                .map(|rest| rest.trim_start_matches([' ', ':']))
                .ok_or_else(error)?;
            k.parse().map(Requirement::AtLeast).map_err(|_| error())
        }
    }
}

pub fn format_requirement(requirement: Requirement) -> String {
    match requirement {
        Requirement::All => "all".to_owned(),
        Requirement::Any => "any".to_owned(),
        Requirement::AtLeast(k) => format!("at_least {k}"),
    }
}

/// The shortest decimal that reads back as the same `f64` (never an exponent,
/// so DOT accepts it as a numeral).
pub fn format_number(value: f64) -> String {
    format!("{value}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_and_annotations() {
        assert_eq!(NodeField::from_name("recovery_hours"), Some(NodeField::RecoveryHours));
        assert_eq!(NodeField::from_name("depends_on"), None);
        assert_eq!(NodeField::RecoveryHours.annotation(), Some("blackout.dev/recovery-hours"));
        assert_eq!(NodeField::X.annotation(), None);
        let mut set = NodeFields::NONE;
        set.insert(NodeField::Users);
        assert!(set.contains(NodeField::Users) && !set.contains(NodeField::Label));
        assert!(NodeField::ALL.iter().all(|f| NodeFields::ALL.contains(*f)));
    }

    #[test]
    fn requirement_forms() {
        assert_eq!(parse_requirement(" Any "), Ok(Requirement::Any));
        assert_eq!(parse_requirement("at_least 2"), Ok(Requirement::AtLeast(2)));
        assert_eq!(parse_requirement("at least 3"), Ok(Requirement::AtLeast(3)));
        assert_eq!(parse_requirement("at_least:4"), Ok(Requirement::AtLeast(4)));
        assert_eq!(parse_requirement("most").unwrap_err(), "requires: \"most\" is not all, any or at_least K");
        assert!(parse_requirement("at_least two").is_err());
        assert_eq!(format_requirement(Requirement::AtLeast(2)), "at_least 2");
    }

    #[test]
    fn bad_values_name_the_field() {
        let mut node = Node::new("a", Kind::Service);
        assert_eq!(
            NodeField::Users.parse_into("many", &mut node).unwrap_err(),
            "users: \"many\" is not a whole number of users"
        );
        assert_eq!(
            NodeField::RecoveryHours.parse_into("soon", &mut node).unwrap_err(),
            "recovery_hours: \"soon\" is not a number"
        );
        assert!(NodeField::Kind.parse_into("robot", &mut node).unwrap_err().contains("unknown kind \"robot\""));
        NodeField::Kind.parse_into("DataStore", &mut node).unwrap();
        assert_eq!(node.kind, Kind::Datastore);
    }

    proptest! {
        /// Every field's text form reads back as the same value.
        #[test]
        fn every_field_round_trips(value in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO,
                                   users in any::<u64>(), k in 1u32..50, text in ".*") {
            let mut node = Node::new("n", Kind::Datacenter);
            node.label = Some(text.clone());
            node.notes = Some(text);
            node.users = users;
            node.requires = Requirement::AtLeast(k);
            node.availability = Some(value);
            node.recovery_hours = Some(value);
            node.rebuild_hours = Some(value);
            node.tolerance_hours = Some(value);
            node.x = Some(value);
            node.y = Some(-value);
            let mut back = Node::new("n", Kind::Feature);
            for field in NodeField::ALL {
                if let Some(text) = field.format(&node) {
                    field.parse_into(&text, &mut back).unwrap();
                }
            }
            prop_assert_eq!(back, node);
        }
    }
}
