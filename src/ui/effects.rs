//! The effect runner: the one place where the app touches the world
//! (storage, the address bar, the title, downloads, the clipboard, timers)
//! on the editor's behalf, reporting results back as actions.

use super::derived::Situation;
use super::download::{download_png, download_text};
use super::report::report_page;
use super::store::Dispatch;
use super::{location, storage};
use crate::editor::{Action, Effect, ExportFormat, Problem, Snapshot};
use crate::export::{self, Shared};
use crate::format;
use crate::model::NodeId;
use crate::render::svg_document;
use crate::report::summary_line;
use gloo::timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs effects. Holds only what performing them needs (a pending timer,
/// the channel that brings the next slice of a long analysis).
#[derive(Default)]
pub struct EffectRunner {
    /// `Effect::After` replaces the one pending before it.
    timer: RefCell<Option<Timeout>>,
    slices: Slices,
}

/// How long slices run back to back before the page gets its turn (input,
/// drawing): half a 60 Hz frame.
const SLICES_MS: f64 = 8.0;

/// The channel slices are posted through, with the handler it calls.
type SliceChannel = (web_sys::MessageChannel, Closure<dyn FnMut()>);

/// `Effect::NextSlice`: slices run back to back for up to [`SLICES_MS`],
/// then the next one waits for a message the page sends itself. A message
/// comes after pending input and drawing like a timer, but without the
/// browser's minimum delay for nested timers (4 ms), which would leave a
/// third of the time idle.
#[derive(Default)]
struct Slices {
    /// The slice to run next (a newer one replaces it).
    pending: Rc<RefCell<Option<Action>>>,
    /// Slices are running now: the next one joins them instead of waiting.
    running: Rc<Cell<bool>>,
    channel: RefCell<Option<SliceChannel>>,
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl Slices {
    fn schedule(&self, action: Action, dispatch: &Dispatch) {
        *self.pending.borrow_mut() = Some(action);
        if self.running.get() {
            return;
        }
        let mut channel = self.channel.borrow_mut();
        if channel.is_none() {
            *channel = self.open(dispatch);
        }
        if let Some((channel, _)) = channel.as_ref() {
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        }
    }

    /// The channel whose messages run the pending slices; `None` if the browser has none.
    fn open(&self, dispatch: &Dispatch) -> Option<(web_sys::MessageChannel, Closure<dyn FnMut()>)> {
        let channel = web_sys::MessageChannel::new().ok()?;
        let (pending, running, dispatch) = (Rc::clone(&self.pending), Rc::clone(&self.running), dispatch.clone());
        let port = channel.port2();
        let on_message = Closure::<dyn FnMut()>::new(move || {
            let start = now();
            running.set(true);
            loop {
                // Taken before sending: the slice schedules the next one into `pending`.
                let next = pending.borrow_mut().take();
                let Some(action) = next else { break };
                dispatch.send(action);
                if now() - start > SLICES_MS {
                    break;
                }
            }
            running.set(false);
            if pending.borrow().is_some() {
                let _ = port.post_message(&wasm_bindgen::JsValue::NULL);
            }
        });
        channel.port1().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some((channel, on_message))
    }
}

impl EffectRunner {
    pub fn run(&self, effect: Effect, dispatch: &Dispatch) {
        match effect {
            Effect::Autosave { document, failed } => dispatch.send(Action::Stored(storage::save(&document, &failed))),
            Effect::SaveView(view) => storage::save_view(view),
            Effect::SetTitle(title) => gloo::utils::document().set_title(&title),
            Effect::ClearLink => location::clear_fragment(),
            Effect::MakeShareLink { document, failed, view } => {
                dispatch.send(Action::ShareLinkReady(location::share_url(&Shared { document, failed, view })))
            }
            Effect::Export { format, snapshot, failed } => export_file(format, &snapshot, &failed, dispatch),
            Effect::Copy(text) => copy(text, dispatch),
            Effect::DownloadReport { snapshot, failed, name } => {
                let file = file_name(&format!("{} report", snapshot.document().title), "html");
                let page = report_page(&snapshot, &failed, name.as_deref());
                if let Err(reason) = download_text(&file, "text/html", &page) {
                    dispatch.send(Action::Report(Problem::Export { file, reason }));
                }
            }
            Effect::PrintReport => print_report(dispatch),
            Effect::After { delay_ms, action } => {
                let dispatch = dispatch.clone();
                let timeout = Timeout::new(delay_ms, move || dispatch.send(*action));
                // Dropping the previous timeout cancels it.
                *self.timer.borrow_mut() = Some(timeout);
            }
            Effect::NextSlice(action) => self.slices.schedule(*action, dispatch),
        }
    }
}

/// "kakao-october-2022.svg": a file name from the graph's title.
fn file_name(title: &str, extension: &str) -> String {
    let stem: String = title.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let stem = stem.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-");
    format!("{}.{extension}", if stem.is_empty() { "blackout" } else { &stem })
}

fn export_file(format: ExportFormat, snapshot: &Snapshot, failed: &[NodeId], dispatch: &Dispatch) {
    let document = snapshot.document();
    let title = &document.title;
    let report = |file: String| {
        let dispatch = dispatch.clone();
        move |reason: String| dispatch.send(Action::Report(Problem::Export { file: file.clone(), reason }))
    };
    let situation = || Situation::of(snapshot, failed);
    // A text a writer may refuse to make (its reason is the message).
    let offer = |file: String, mime: &str, text: Result<String, String>| {
        text.and_then(|text| download_text(&file, mime, &text)).map_err(report(file))
    };
    let result = match format {
        ExportFormat::Json => {
            let file = file_name(title, "json");
            download_text(&file, "application/json", &format::to_json(document)).map_err(report(file))
        }
        ExportFormat::Svg => {
            let file = file_name(title, "svg");
            let situation = situation();
            let svg = svg_document(title, &summary_line(document.graph(), &situation.outcome), &situation.scene);
            download_text(&file, "image/svg+xml", &svg).map_err(report(file))
        }
        ExportFormat::Png => {
            let file = file_name(title, "png");
            let situation = situation();
            let svg = svg_document(title, &summary_line(document.graph(), &situation.outcome), &situation.scene);
            // 2× for slides and chat on high-density screens.
            let on_error = report(file.clone());
            download_png(&file, &svg, 2.0, yew::Callback::from(on_error)).map_err(report(file))
        }
        ExportFormat::Mermaid => {
            let file = file_name(title, "mmd");
            let situation = situation();
            let text = export::mermaid(document, document.graph(), &situation.outcome, &snapshot.analysis().spofs);
            download_text(&file, "text/plain", &text).map_err(report(file))
        }
        // The model in the formats Open reads back; the writers' refusals
        // (a CSV id with ';', a cycle in a fault tree) are the messages.
        ExportFormat::Dot => {
            let file = file_name(title, "dot");
            download_text(&file, "text/vnd.graphviz", &export::dot::write(document)).map_err(report(file))
        }
        ExportFormat::Csv => offer(file_name(title, "csv"), "text/csv", export::csv::write(document).map_err(|e| e.to_string())),
        ExportFormat::Mef => offer(file_name(title, "xml"), "application/xml", export::mef::write(document).map_err(|e| e.to_string())),
    };
    // The error was reported by the closure that produced it.
    let _: Result<(), ()> = result;
}

fn copy(text: String, dispatch: &Dispatch) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(error) = wasm_bindgen_futures::JsFuture::from(promise).await {
            use wasm_bindgen::JsCast;
            let reason = error.dyn_ref::<web_sys::DomException>().map(|e| e.message()).unwrap_or_else(|| "the browser refused".to_owned());
            dispatch.send(Action::Report(Problem::Clipboard(reason)));
        }
    });
}

/// Prints the report shown in the Report view (its own print style: one
/// page, light on paper), not the app around it.
fn print_report(dispatch: &Dispatch) {
    use wasm_bindgen::JsCast;
    let frame = gloo::utils::document()
        .query_selector("[data-testid=\"report-frame\"]")
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlIFrameElement>().ok());
    let printed = frame.and_then(|frame| frame.content_window()).map(|window| window.print());
    if !matches!(printed, Some(Ok(()))) {
        let reason = "the browser refused to print".to_owned();
        dispatch.send(Action::Report(Problem::Export { file: "a printout".to_owned(), reason }));
    }
}
