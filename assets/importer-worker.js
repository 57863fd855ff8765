// Starts the importer worker (src/ui/importer.rs): wasm-bindgen's
// no-modules glue, then its wasm, whose main answers import requests.
importScripts('./blackout-import.js');
wasm_bindgen({ module_or_path: './blackout-import_bg.wasm' });
