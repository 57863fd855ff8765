//! Opening graph files from the file picker or a drop on the page.

use crate::format;
use crate::model::Document;
use yew::Callback;

/// Reads `file` and hands over the parsed document, or a message naming the
/// file and the problem. Never touches the current graph.
pub fn open(file: web_sys::File, on_loaded: Callback<Result<Document, String>>) {
    let name = file.name();
    if file.size() > format::MAX_FILE_BYTES as f64 {
        on_loaded.emit(Err(format!(
            "{name}: the file is {} bytes; the limit is {} bytes",
            file.size(),
            format::MAX_FILE_BYTES
        )));
        return;
    }
    let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
    wasm_bindgen_futures::spawn_local(async move {
        let result = match gloo::file::futures::read_as_text(&blob).await {
            Ok(text) => format::parse(&text).map(|valid| valid.into_document()).map_err(|e| format!("{name}: {e}")),
            Err(e) => Err(format!("{name}: could not be read ({e})")),
        };
        on_loaded.emit(result);
    });
}
