//! Why files could not be imported. Every error names the file, and where the
//! format has lines (YAML, CSV, DOT, JSON syntax) the line, and the entity or
//! node a person has to fix.

use super::detect::Format;
use crate::format::FormatError;
use crate::model::{ModelError, NodeId};
use std::fmt;
use std::sync::Arc;
use thiserror::Error;

/// A place in an input file: the file's name and, when known, a line (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: Arc<str>,
    pub line: Option<usize>,
}

impl Location {
    pub fn new(file: &Arc<str>, line: Option<usize>) -> Location {
        Location { file: Arc::clone(file), line }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {line}", self.file),
            None => f.write_str(&self.file),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Error)]
pub enum ImportError {
    #[error("no file to import")]
    NoFiles,
    #[error("{file}: the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { file: Arc<str>, size: usize, limit: usize },
    #[error("{file}: {source}")]
    NotText { file: Arc<str>, source: crate::format::FormatError },
    #[error(
        "{file}: cannot tell the format from the content or the extension; name it (--from backstage, jaeger, dot or csv)"
    )]
    UnknownFormat { file: Arc<str> },
    #[error("{file} is {format} but {first_file} is {first_format}: import files of one format at a time")]
    MixedFormats {
        first_file: Arc<str>,
        first_format: Format,
        file: Arc<str>,
        format: Format,
    },
    /// The file is not well-formed in its format (YAML, JSON, DOT or CSV syntax).
    #[error("{at}: {message}")]
    Syntax { at: Location, message: String },
    /// An entity, link, row or node statement that the mapping cannot accept.
    #[error("{at}: {entity}: {message}")]
    Invalid { at: Location, entity: String, message: String },
    #[error(
        "{at}: {entity} depends on \"{reference}\", which is not in the imported files (import with placeholders to keep it as an unknown node)"
    )]
    MissingReference { at: Location, entity: NodeId, reference: NodeId },
    #[error("{entity} is defined twice: at {first} and at {second}")]
    Duplicate { entity: NodeId, first: Location, second: Location },
    /// The imported model breaks a rule of the model; `at` is where the node
    /// the rule names comes from.
    #[error("{at}: {source}")]
    Model { at: Location, source: ModelError },
    #[error("{file}: {source}")]
    Blackout { file: Arc<str>, source: FormatError },
    #[error("{file} is a Blackout model: open it on its own, not together with other files")]
    BlackoutWithOthers { file: Arc<str> },
    #[error("{file}: {source}")]
    Mef { file: Arc<str>, source: super::mef::MefError },
    #[error("{file} is an Open-PSA MEF fault tree: open it on its own, not together with other files")]
    MefWithOthers { file: Arc<str> },
    /// A field kept from the existing model no longer fits what the source says.
    #[error("the merged model is invalid: {0} (a value kept from the existing model no longer fits the source; fix it there)")]
    Merge(ModelError),
}
