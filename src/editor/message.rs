//! What the app tells the user in its message line: a problem (something
//! asked for was refused or went wrong; the state is untouched), or the
//! side effects of an edit on other nodes' requirements.

use super::edit::{EditError, RequirementChange};
use crate::autosave::StorageProblem;
use crate::format::FormatError;
use crate::model::NodeId;
use std::fmt;
use thiserror::Error;

/// Something the user asked for was refused or could not be done.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum Problem {
    #[error("{0}")]
    Edit(#[from] EditError),
    /// A file that is not a valid graph; the message names the file.
    #[error("{name}: {error}")]
    File { name: String, error: FormatError },
    /// Files that could not be opened; the importer's message (an
    /// `ImportError`'s, passed on as text by the importer worker) names the
    /// file, the line and the entity.
    #[error("{0}")]
    Import(String),
    #[error("{name}: could not be read ({reason})")]
    Unreadable { name: String, reason: String },
    /// A share link that cannot be opened (why, in the codec's words).
    #[error("The share link could not be opened: {0}.")]
    Link(String),
    /// The stored work could not be read (set aside), told once at start.
    #[error("{0}")]
    Storage(#[from] StorageProblem),
    #[error("Could not make {file}: {reason}")]
    Export { file: String, reason: String },
    #[error("Could not copy to the clipboard: {0}")]
    Clipboard(String),
}

/// An edit changed what other nodes need, and maybe made new single points of failure.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementReport {
    /// What the user did ("Deleting DC C").
    pub cause: String,
    pub changes: Vec<RequirementChange>,
    /// Nodes that became single points of failure with this edit (labels).
    pub new_spofs: Vec<String>,
}

impl RequirementReport {
    /// The change to `node`, if the report has one.
    pub fn change_of(&self, node: &NodeId) -> Option<&RequirementChange> {
        self.changes.iter().find(|c| &c.node == node)
    }
}

impl fmt::Display for RequirementReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} changed what other nodes need. ", self.cause)?;
        let changes: Vec<String> = self.changes.iter().map(ToString::to_string).collect();
        write!(f, "{}.", changes.join("; "))?;
        match self.new_spofs.len() {
            0 => Ok(()),
            1 => write!(f, " New single point of failure: {}.", self.new_spofs[0]),
            n if n <= 3 => write!(f, " {n} new single points of failure: {}.", self.new_spofs.join(", ")),
            n => write!(f, " {n} new single points of failure, among them {}.", self.new_spofs[..3].join(", ")),
        }
    }
}

/// The message line.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    Problem(Problem),
    RequirementsChanged(RequirementReport),
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Message::Problem(problem) => problem.fmt(f),
            Message::RequirementsChanged(report) => report.fmt(f),
        }
    }
}
