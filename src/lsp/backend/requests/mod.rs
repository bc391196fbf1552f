//! The requests a client makes about a document, a file per request or group of requests; each
//! runs the core on a snapshot off the async threads (`Backend::with_model`) and converts.

pub(super) mod code_action;
pub(super) mod completion;
mod custom;
pub(super) mod formatting;
pub(super) mod hover;
pub(super) mod symbols;
pub(super) mod tokens;
