//! Opening files from the file picker or a drop on the page, to load them or
//! to compare the map with them: every format `blackout import` reads
//! (Blackout JSON, Backstage YAML, Jaeger / OpenTelemetry JSON, DOT, CSV,
//! Open-PSA MEF), one file or several of one format. Models are read here
//! with [`import::read_model_only`]; other formats by the importer worker
//! (`importer.rs`) with [`import::detect_and_read`]. Both make the command
//! line's checks with its default options, so the app and `blackout import`
//! accept and refuse exactly the same bytes with the same message.

use super::importer;
use crate::editor::{Action, Problem, Source};
use crate::format::{self, MAX_FILE_BYTES};
use crate::import::{self, ImportError, ImportOptions};
use crate::model::ValidDocument;
use std::sync::Arc;
use yew::Callback;

/// What the files are read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Replace the map (one undo step).
    Open,
    /// Compare the map with them.
    Compare,
}

/// What the file picker offers (the format is decided by the content first).
pub const ACCEPT: &str = ".json,.yaml,.yml,.dot,.gv,.csv,.xml,application/json,text/yaml,text/csv,text/vnd.graphviz,application/xml";

/// The files of a `FileList` (from a picker or a drop).
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    files.map(|files| (0..files.length()).filter_map(|i| files.get(i)).collect()).unwrap_or_default()
}

/// Reads `files` and hands over the action: load or compare with what they
/// hold, or report why not (nothing else changes).
pub fn open(files: Vec<web_sys::File>, purpose: Purpose, on_read: Callback<Action>) {
    if files.is_empty() {
        return;
    }
    let report = {
        let on_read = on_read.clone();
        move |message: String| on_read.emit(Action::Report(Problem::Import(message)))
    };
    // Refused before reading, with the importer's own message.
    if let Some(file) = files.iter().find(|file| file.size() as usize > MAX_FILE_BYTES) {
        report(ImportError::TooLarge { file: Arc::from(file.name()), size: file.size() as usize, limit: MAX_FILE_BYTES }.to_string());
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let mut contents: Vec<(String, Vec<u8>)> = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
            match gloo::file::futures::read_as_bytes(&blob).await {
                Ok(bytes) => contents.push((name, bytes)),
                Err(error) => {
                    on_read.emit(Action::Report(Problem::Unreadable { name, reason: error.to_string() }));
                    return;
                }
            }
        }
        let names: Vec<&str> = contents.iter().map(|(name, _)| name.as_str()).collect();
        let source = Source::File(names.join(", "));
        let act = move |document: ValidDocument| {
            on_read.emit(match purpose {
                Purpose::Open => Action::Load { document, source },
                Purpose::Compare => Action::CompareWith { document, source },
            })
        };
        match import::read_model_only(&contents, &ImportOptions::default()) {
            Ok(Some(imported)) => act(imported.document),
            Err(error) => report(error.to_string()),
            Ok(None) => importer::import(&contents, move |answer| match answer {
                // The worker's model, checked again like any file (no size limit: it was checked as input).
                Ok(model) => match format::read(model.as_bytes(), None) {
                    Ok(document) => act(document),
                    Err(error) => report(format!("the imported model could not be read back: {error}")),
                },
                Err(message) => report(message),
            }),
        }
    });
}
