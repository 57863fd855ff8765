//! Importers: other tools' models read as Blackout documents (and, where a
//! format can hold a Blackout graph, written back). Pure: text in, a checked
//! document or a typed error out; reading files is the caller's business.

pub mod mef;
