//! Saving text as a file the browser downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`. Returns a message on failure.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| format!("Could not save {file_name}: {what}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("no Blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no object URL"))?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| fail("no link element"))?
        .dyn_into()
        .map_err(|_| fail("not a link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
