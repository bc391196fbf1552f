//! nianbao: checks Chinese government information disclosure annual reports
//! (政府信息公开工作年度报告) against the official template.
//!
//! Data flows one way: text → [`syntax`] tree → [`model`] bound to the [`template`] →
//! [`checks`] → findings, which the CLI and the language server show. The core works in UTF-8
//! byte offsets, does no IO and does not panic on any input; [`position`] converts offsets to
//! lines and UTF-16 columns for the edges.
//!
//! The edges (the CLI, the language server, walking directories, running programs) sit behind
//! the `server` feature; without it the core builds for WebAssembly.

pub mod catalogue;
pub mod checks;
#[cfg(feature = "server")]
pub mod cli;
pub mod code;
pub mod contract;
pub mod cross;
pub mod decode;
pub mod finding;
pub mod ide;
#[cfg(feature = "server")]
pub mod lsp;
pub mod model;
pub mod position;
pub mod render;
pub mod settings;
pub mod skeleton;
pub mod source;
pub mod syntax;
pub mod template;
pub mod text;
pub mod voice;
#[cfg(feature = "server")]
pub mod walk;
pub mod workspace;

pub use checks::{Options, check_text};
pub use code::Code;
pub use finding::{Edit, Finding, Fix, Severity, apply_edits};
pub use model::Model;
pub use voice::{Lang, Voice};
