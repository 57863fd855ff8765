//! Opening graph files from the file picker or a drop on the page: the bytes
//! go through the one reader, so the app and the command line accept and
//! refuse exactly the same files with the same message.

use crate::editor::{Action, Problem, Source};
use crate::format::{self, FormatError};
use yew::Callback;

/// Reads `file` and hands over the action: load it, or report why not.
pub fn open(file: web_sys::File, on_read: Callback<Action>) {
    let name = file.name();
    let size = file.size() as usize;
    if size > format::MAX_FILE_BYTES {
        // Refused before reading, with the reader's own message.
        let error = FormatError::TooLarge { size, limit: format::MAX_FILE_BYTES };
        on_read.emit(Action::Report(Problem::File { name, error }));
        return;
    }
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    wasm_bindgen_futures::spawn_local(async move {
        let action = match gloo::file::futures::read_as_bytes(&blob).await {
            Ok(bytes) => match format::read(&bytes, Some(format::MAX_FILE_BYTES)) {
                Ok(document) => Action::Load { document, source: Source::File(name) },
                Err(error) => Action::Report(Problem::File { name, error }),
            },
            Err(error) => Action::Report(Problem::Unreadable { name, reason: error.to_string() }),
        };
        on_read.emit(action);
    });
}
