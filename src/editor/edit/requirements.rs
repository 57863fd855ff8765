//! Edits that change what another node needs. Deleting one of three sites
//! under a "2 of 3" node leaves it "2 of 2": it no longer survives the loss of
//! a site, and new single points of failure may appear. Such a change is
//! reported, so the user is told instead of finding out in an outage.
//! O(nodes that lost a dependency).

use crate::model::{Document, NodeId, Requirement};
use std::fmt;

/// A node whose requirement (or the number of dependencies it counts over)
/// changed as a side effect of an edit made elsewhere.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementChange {
    pub node: NodeId,
    pub label: String,
    pub before: Requirement,
    pub before_dependencies: usize,
    pub after: Requirement,
    pub after_dependencies: usize,
}

impl RequirementChange {
    /// How many dependencies may fail before the node goes down.
    fn tolerance(requirement: Requirement, dependencies: usize) -> usize {
        dependencies - requirement.needed(dependencies)
    }

    pub fn tolerance_before(&self) -> usize {
        Self::tolerance(self.before, self.before_dependencies)
    }

    pub fn tolerance_after(&self) -> usize {
        Self::tolerance(self.after, self.after_dependencies)
    }
}

/// "2 of 3", "any of 2", "all 3", "nothing".
pub fn describe(requirement: Requirement, dependencies: usize) -> String {
    match (requirement, dependencies) {
        (_, 0) => "nothing".to_owned(),
        (Requirement::All, n) => format!("all {n}"),
        (Requirement::Any, n) => format!("any of {n}"),
        (Requirement::AtLeast(k), n) => format!("{k} of {n}"),
    }
}

fn failures(n: usize) -> String {
    match n {
        0 => "no failure".to_owned(),
        1 => "1 failure".to_owned(),
        n => format!("{n} failures"),
    }
}

impl fmt::Display for RequirementChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} needed {} and now needs {}",
            self.label,
            describe(self.before, self.before_dependencies),
            describe(self.after, self.after_dependencies)
        )?;
        let (before, after) = (self.tolerance_before(), self.tolerance_after());
        if before != after {
            write!(f, ": it survived {}, now {}", failures(before), failures(after))?;
        }
        Ok(())
    }
}

/// The nodes of `after` that lost dependencies in the edit from `before`
/// while needing fewer than all of them, or whose requirement the edit had to
/// change, except `edited`, the node the user changed on purpose.
pub fn changes(before: &Document, after: &Document, edited: Option<&NodeId>) -> Vec<RequirementChange> {
    // Nodes keep their relative order through every edit, and none is
    // renamed, so a merge walk pairs them up in O(n).
    let mut old = before.nodes.iter().peekable();
    let mut found = Vec::new();
    for node in &after.nodes {
        while old.peek().is_some_and(|o| o.id != node.id) {
            old.next();
        }
        let Some(previous) = old.next() else { break };
        let lost = previous.depends_on.len() != node.depends_on.len();
        let counted = !previous.requires.is_all() && previous.depends_on.len() > 1;
        if Some(&node.id) != edited && (previous.requires != node.requires || lost && counted) {
            found.push(RequirementChange {
                node: node.id.clone(),
                label: node.label().to_owned(),
                before: previous.requires,
                before_dependencies: previous.depends_on.len(),
                after: node.requires,
                after_dependencies: node.depends_on.len(),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(before: Requirement, n: usize, after: Requirement, m: usize) -> String {
        RequirementChange {
            node: "db".into(),
            label: "Orders DB".into(),
            before,
            before_dependencies: n,
            after,
            after_dependencies: m,
        }
        .to_string()
    }

    #[test]
    fn says_what_changed_for_people() {
        assert_eq!(
            change(Requirement::AtLeast(2), 3, Requirement::AtLeast(2), 2),
            "Orders DB needed 2 of 3 and now needs 2 of 2: it survived 1 failure, now no failure"
        );
        assert_eq!(change(Requirement::Any, 3, Requirement::Any, 2), "Orders DB needed any of 3 and now needs any of 2: it survived 2 failures, now 1 failure");
        assert_eq!(change(Requirement::AtLeast(3), 3, Requirement::AtLeast(2), 2), "Orders DB needed 3 of 3 and now needs 2 of 2");
        assert_eq!(describe(Requirement::All, 0), "nothing");
    }
}
