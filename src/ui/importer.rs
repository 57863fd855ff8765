//! The importer as a web worker of its own, loaded the first time a file in
//! another format than Blackout's JSON is opened or compared.
//!
//! The readers of Backstage YAML, Jaeger links, DOT, CSV and Open-PSA MEF
//! (with their YAML, CSV and XML crates) would more than double the app's
//! wasm, which every visitor downloads; most visits never import. So the app
//! reads Blackout models on the page ([`crate::import::read_model_only`]) and
//! hands every other format to `blackout-import` (`src/bin/blackout-import.rs`,
//! built by Trunk as a worker next to the app), which runs
//! [`crate::import::detect_and_read`], the very function `blackout import`
//! runs, off the main thread.
//!
//! The protocol, defined here for both sides: the worker says `"ready"` once
//! it listens (a message posted before would be lost while its wasm loads);
//! the page then posts an array of `[name, bytes]` pairs per request, and the
//! worker answers `[true, model JSON]` or `[false, the importer's message]`,
//! in the order of the requests.

use crate::format;
use crate::import::{self, ImportOptions};
use js_sys::{Array, Uint8Array};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's script (`assets/importer-worker.js`; Trunk names a worker's
/// files after its bin, without a hash).
const WORKER_SCRIPT: &str = "./importer-worker.js";

/// What the worker says once it listens.
const READY: &str = "ready";

/// What the importer answers: the model as Blackout JSON, or why not.
pub type Answer = Result<String, String>;

type Waiting = Rc<RefCell<VecDeque<Box<dyn FnOnce(Answer)>>>>;

/// The worker and the requests waiting for its answers.
struct Importer {
    worker: web_sys::Worker,
    /// Requests made before the worker was ready, posted when it is.
    unsent: Rc<RefCell<Option<Vec<Array>>>>,
    waiting: Waiting,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    /// Started on first use, kept for the visit (dropped if it fails to load).
    static IMPORTER: RefCell<Option<Importer>> = const { RefCell::new(None) };
}

/// Reads `files` in the worker; `done` gets its answer.
pub fn import(files: &[(String, Vec<u8>)], done: impl FnOnce(Answer) + 'static) {
    let request = Array::new();
    for (name, bytes) in files {
        request.push(&Array::of2(&JsValue::from_str(name), &Uint8Array::from(bytes.as_slice())));
    }
    // `done` is called outside the borrow: it may start another import.
    let mut done: Option<Box<dyn FnOnce(Answer)>> = Some(Box::new(done));
    let sent = IMPORTER.with(|importer| {
        let mut importer = importer.borrow_mut();
        if importer.is_none() {
            *importer = Some(start()?);
        }
        let running = importer.as_ref().expect("started above");
        match running.unsent.borrow_mut().as_mut() {
            Some(unsent) => unsent.push(request),
            None => running.worker.post_message(&request).map_err(|error| format!("the importer could not be reached ({})", describe(&error)))?,
        }
        running.waiting.borrow_mut().extend(done.take());
        Ok::<(), String>(())
    });
    if let (Err(reason), Some(done)) = (sent, done) {
        done(Err(reason));
    }
}

fn start() -> Result<Importer, String> {
    let worker = web_sys::Worker::new(WORKER_SCRIPT).map_err(|error| format!("the importer could not be started ({})", describe(&error)))?;
    let waiting: Waiting = Rc::default();
    let unsent: Rc<RefCell<Option<Vec<Array>>>> = Rc::new(RefCell::new(Some(Vec::new())));
    let on_message = {
        let (waiting, unsent, worker) = (Rc::clone(&waiting), Rc::clone(&unsent), worker.clone());
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if event.data().as_string().as_deref() == Some(READY) {
                for request in unsent.borrow_mut().take().unwrap_or_default() {
                    if let Err(error) = worker.post_message(&request) {
                        if let Some(done) = waiting.borrow_mut().pop_front() {
                            done(Err(format!("the importer could not be reached ({})", describe(&error))));
                        }
                    }
                }
                return;
            }
            let answer = Array::from(&event.data());
            let text = answer.get(1).as_string().unwrap_or_default();
            let answer = if answer.get(0).as_bool() == Some(true) { Ok(text) } else { Err(text) };
            if let Some(done) = waiting.borrow_mut().pop_front() {
                done(answer);
            }
        })
    };
    let on_error = {
        let waiting = Rc::clone(&waiting);
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let reason = event.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| "it did not load".to_owned());
            // Everyone waiting hears why; the next import starts a new worker.
            let waiting: Vec<_> = waiting.borrow_mut().drain(..).collect();
            IMPORTER.with(|importer| importer.borrow_mut().take());
            for done in waiting {
                done(Err(format!("the importer failed ({reason})")));
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Importer { worker, unsent, waiting, _on_message: on_message, _on_error: on_error })
}

fn describe(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_else(|| format!("{error:?}"))
}

/// The worker's side: answers each request with [`import::detect_and_read`]
/// and the command line's default options.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let files: Vec<(String, Vec<u8>)> = Array::from(&event.data())
            .iter()
            .map(|pair| {
                let pair = Array::from(&pair);
                (pair.get(0).as_string().unwrap_or_default(), Uint8Array::new(&pair.get(1)).to_vec())
            })
            .collect();
        let (ok, text) = match import::detect_and_read(&files, &ImportOptions::default()) {
            Ok(imported) => (true, format::to_json(&imported.document)),
            Err(error) => (false, error.to_string()),
        };
        let _ = reply.post_message(&Array::of2(&JsValue::from_bool(ok), &JsValue::from_str(&text)));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
