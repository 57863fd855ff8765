//! Bringing an architecture in from where companies already keep it:
//! Backstage catalogs, Jaeger / OpenTelemetry dependency links, Graphviz DOT
//! CSV spreadsheets and Open-PSA MEF fault trees (`mef`, which can also
//! write a graph back).
//!
//! One entry point, [`detect_and_read`]: files (name and bytes) in, a checked
//! [`ValidDocument`] out, with what the source stated for a later [`merge`];
//! or one [`ImportError`] naming the file, the line and the entity. Each
//! format's mapping is defined in its own module's header. Pure: no IO, so
//! the app and the command line share it.
//!
//! Every reader produces a [`draft::Draft`]; [`draft::assemble`] resolves
//! references, applies the default kinds and runs the model's rules, so those
//! are written once for every format.

pub mod backstage;
pub mod csv;
pub mod detect;
pub(crate) mod dot_syntax;
pub mod dot;
mod draft;
pub mod error;
pub mod fields;
pub mod jaeger;
pub mod mef;
pub mod merge;
#[cfg(test)]
pub(crate) mod testing;

pub use detect::{detect, Format};
pub use error::{ImportError, Location};
pub use fields::{DocumentFields, NodeField, NodeFields};
pub use merge::{merge, MergeReport, Merged};

use crate::format::{self, MAX_FILE_BYTES};
use crate::model::{NodeId, ValidDocument};
use std::sync::Arc;

/// How to read the files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The format of every file; `None`: detected from each file's content
    /// and extension ([`detect`]).
    pub format: Option<Format>,
    /// Turn a dependency on something the files do not define into an
    /// unknown placeholder node instead of an error.
    pub placeholders: bool,
}

/// A successful import.
#[derive(Clone, Debug)]
pub struct Imported {
    pub document: ValidDocument,
    pub format: Format,
    /// For each node of `document` (same order), the fields the source
    /// stated; the rest are defaults, which a merge does not let win.
    pub stated: Vec<NodeFields>,
    pub document_stated: DocumentFields,
    /// The unknown nodes made for dependencies the files do not define.
    pub placeholders: Vec<NodeId>,
}

/// Reads `files` (name, content), all in one format, into one checked model.
///
/// Several files of one format are read as one source: catalogs and
/// spreadsheets are united (an entity or id defined twice is an error),
/// Jaeger links are united, DOT graphs too (attributes of a node in several
/// files add up, the later winning). A Blackout model (`.json` with `nodes`)
/// is read as it is, alone.
pub fn detect_and_read<N: AsRef<str>, B: AsRef<[u8]>>(
    files: &[(N, B)],
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let (format, texts) = prepare(files, options)?;
    let draft = match format {
        Format::Backstage => backstage::read(&texts, options.placeholders)?,
        Format::Jaeger => jaeger::read(&texts)?,
        Format::Dot => dot::read(&texts)?,
        Format::Csv => csv::read(&texts)?,
        Format::Mef => return read_mef(&texts),
        Format::Blackout => return read_blackout(&texts),
    };
    let assembled = draft::assemble(draft, options.placeholders)?;
    Ok(Imported {
        document: assembled.document,
        format,
        stated: assembled.stated,
        document_stated: assembled.document_stated,
        placeholders: assembled.placeholders,
    })
}

/// [`detect_and_read`] when `files` hold a Blackout model; `Ok(None)` when
/// they pass the checks every import makes (size, text, a format, one format
/// for all) but are in another format. The same checks and the same reader
/// as [`detect_and_read`], without the other formats' readers: the app reads
/// models with it on the page, and hands other formats to an importer it
/// loads when they are needed.
pub fn read_model_only<N: AsRef<str>, B: AsRef<[u8]>>(
    files: &[(N, B)],
    options: &ImportOptions,
) -> Result<Option<Imported>, ImportError> {
    match prepare(files, options)? {
        (Format::Blackout, texts) => read_blackout(&texts).map(Some),
        _ => Ok(None),
    }
}

/// Files as (name, text), in the order given.
type Texts<'a> = Vec<(Arc<str>, &'a str)>;

/// The checks every import makes before reading: each file within the size
/// limit and UTF-8 text, in a format named or detected, all in one format.
fn prepare<'a, N: AsRef<str>, B: AsRef<[u8]>>(
    files: &'a [(N, B)],
    options: &ImportOptions,
) -> Result<(Format, Texts<'a>), ImportError> {
    let mut texts: Vec<(Arc<str>, &str)> = Vec::with_capacity(files.len());
    let mut format: Option<(Arc<str>, Format)> = None;
    for (name, bytes) in files {
        let name: Arc<str> = Arc::from(name.as_ref());
        let text = text_of(&name, bytes.as_ref())?;
        let found = match options.format {
            Some(format) => format,
            None => detect(&name, text).ok_or_else(|| ImportError::UnknownFormat { file: Arc::clone(&name) })?,
        };
        match &format {
            None => format = Some((Arc::clone(&name), found)),
            Some((first_file, first_format)) if *first_format != found => {
                return Err(ImportError::MixedFormats {
                    first_file: Arc::clone(first_file),
                    first_format: *first_format,
                    file: name,
                    format: found,
                })
            }
            Some(_) => {}
        }
        texts.push((name, text));
    }
    match format {
        Some((_, format)) => Ok((format, texts)),
        None => Err(ImportError::NoFiles),
    }
}

/// A Blackout model states every field.
fn read_blackout(texts: &[(Arc<str>, &str)]) -> Result<Imported, ImportError> {
    if let [_, (second, _), ..] = texts {
        return Err(ImportError::BlackoutWithOthers { file: Arc::clone(second) });
    }
    let (file, text) = &texts[0];
    let document = format::parse(text).map_err(|source| ImportError::Blackout { file: Arc::clone(file), source })?;
    Ok(Imported {
        stated: vec![NodeFields::ALL; document.nodes.len()],
        document,
        format: Format::Blackout,
        document_stated: DocumentFields::ALL,
        placeholders: Vec::new(),
    })
}

/// An Open-PSA MEF fault tree, alone: every field it carries is stated.
fn read_mef(texts: &[(Arc<str>, &str)]) -> Result<Imported, ImportError> {
    if let [_, (second, _), ..] = texts {
        return Err(ImportError::MefWithOthers { file: Arc::clone(second) });
    }
    let (file, text) = &texts[0];
    let document = mef::read(text).map_err(|source| ImportError::Mef { file: Arc::clone(file), source })?;
    Ok(Imported {
        stated: vec![NodeFields::ALL; document.nodes.len()],
        document,
        format: Format::Mef,
        document_stated: DocumentFields::ALL,
        placeholders: Vec::new(),
    })
}

/// The file as text: within the size limit, UTF-8, without a byte-order mark.
fn text_of<'a>(name: &Arc<str>, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { file: Arc::clone(name), size: bytes.len(), limit: MAX_FILE_BYTES });
    }
    format::utf8_text(bytes).map_err(|source| ImportError::NotText { file: Arc::clone(name), source })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    #[test]
    fn one_call_detects_and_reads() {
        let files = [("links.json", br#"[{"parent": "web", "child": "db"}]"#.as_slice())];
        let imported = detect_and_read(&files, &ImportOptions::default()).unwrap();
        assert_eq!(imported.format, Format::Jaeger);
        assert_eq!(imported.document.nodes[0].kind, Kind::Feature);
        assert_eq!(imported.stated, vec![NodeFields::NONE; 2]);
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        let read = |files: &[(&str, &[u8])]| detect_and_read(files, &ImportOptions::default()).unwrap_err().to_string();
        assert_eq!(read(&[]), "no file to import");
        assert_eq!(read(&[("a.csv", b"id\na\n\xff\n")]), "a.csv: the file is not UTF-8 text: byte 0xFF at line 3, column 1 is not valid UTF-8; save the file as UTF-8");
        assert!(read(&[("notes.txt", b"hello")]).starts_with("notes.txt: cannot tell the format"));
        assert_eq!(
            read(&[("a.csv", b"id\na\n"), ("b.dot", b"digraph {}")]),
            "b.dot is Graphviz DOT but a.csv is CSV: import files of one format at a time"
        );
        assert_eq!(
            read(&[("tree.xml", b"<opsa-mef/>")]),
            "tree.xml: the file defines no gate"
        );
        assert_eq!(
            read(&[("a.xml", b"<opsa-mef/>"), ("b.xml", b"<opsa-mef/>")]),
            "b.xml is an Open-PSA MEF fault tree: open it on its own, not together with other files"
        );
        let model = br#"{"version": 1, "nodes": []}"#.as_slice();
        assert_eq!(
            read(&[("a.json", model), ("b.json", model)]),
            "b.json is a Blackout model: open it on its own, not together with other files"
        );
    }

    #[test]
    fn models_alone_are_read_without_the_other_readers_with_the_same_checks() {
        let model = br#"{"version": 1, "title": "T", "nodes": []}"#.as_slice();
        let options = ImportOptions::default();
        let read = read_model_only(&[("m.json", model)], &options).unwrap().unwrap();
        assert_eq!(read.document.title, "T");
        assert!(read_model_only(&[("links.json", br#"[{"parent": "a", "child": "b"}]"#.as_slice())], &options).unwrap().is_none());
        // The same refusals as detect_and_read, before any reader runs.
        for files in [vec![("m.json", model), ("n.json", model)], vec![("a.csv", b"id\na\n".as_slice()), ("m.json", model)], vec![("x.txt", b"hello".as_slice())], vec![]] {
            let only = read_model_only(&files, &options).unwrap_err().to_string();
            assert_eq!(only, detect_and_read(&files, &options).unwrap_err().to_string());
        }
    }

    #[test]
    fn the_format_can_be_named() {
        let options = ImportOptions { format: Some(Format::Csv), placeholders: true };
        let imported = detect_and_read(&[("x.txt", "\u{feff}id,depends_on\na,b\n")], &options).unwrap();
        assert_eq!(imported.placeholders, vec![NodeId::from("b")]);
        let model = detect_and_read(&[("m.json", r#"{"version": 1, "title": "T", "nodes": []}"#)], &ImportOptions::default()).unwrap();
        assert_eq!((model.format, model.document.title.as_str()), (Format::Blackout, "T"));
    }
}
