//! Saving text as a file the browser downloads.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `file_name`. Returns what went wrong on failure.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| what.to_owned();
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

/// Rasterises an SVG document at `scale` × its size and downloads it as PNG.
/// The drawing happens when the browser has decoded the image, so errors
/// after that point (including a picture it cannot decode) arrive through
/// `on_error`, as what went wrong.
pub fn download_png(file_name: &str, svg: &str, scale: f64, on_error: yew::Callback<String>) -> Result<(), String> {
    use wasm_bindgen::closure::Closure;
    let fail = |what: &str| what.to_owned();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail("no Blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no object URL"))?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| fail("no image element"))?;
    let file_name = file_name.to_owned();
    let on_error_too = on_error.clone();
    let onload = {
        let image = image.clone();
        let url = url.clone();
        Closure::once(move || {
            let result = draw_png(&image, scale).and_then(|data_url| {
                let anchor: web_sys::HtmlAnchorElement = gloo::utils::document()
                    .create_element("a")
                    .map_err(|_| "no link element".to_owned())?
                    .dyn_into()
                    .map_err(|_| "not a link".to_owned())?;
                anchor.set_href(&data_url);
                anchor.set_download(&file_name);
                anchor.click();
                Ok(())
            });
            let _ = web_sys::Url::revoke_object_url(&url);
            if let Err(what) = result {
                on_error.emit(what);
            }
        })
    };
    // A picture the browser cannot decode fires `error`, not `load`: say so
    // instead of doing nothing.
    let onerror = {
        let url = url.clone();
        Closure::once(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
            on_error_too.emit("the browser could not draw the picture".to_owned());
        })
    };
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    image.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onload.forget();
    onerror.forget();
    image.set_src(&url);
    Ok(())
}

fn draw_png(image: &web_sys::HtmlImageElement, scale: f64) -> Result<String, String> {
    let (width, height) = (image.natural_width() as f64 * scale, image.natural_height() as f64 * scale);
    let canvas: web_sys::HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .map_err(|_| "no canvas".to_owned())?
        .dyn_into()
        .map_err(|_| "not a canvas".to_owned())?;
    canvas.set_width(width.ceil() as u32);
    canvas.set_height(height.ceil() as u32);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("no 2D context")?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, width, height)
        .map_err(|_| "the picture could not be drawn".to_owned())?;
    canvas.to_data_url_with_type("image/png").map_err(|_| "the picture could not be encoded".to_owned())
}
