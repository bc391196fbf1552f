//! `nianbao render` and `nianbao convert`: a report written in another form, its text layout
//! or the HTML page of its tables.

use super::{ConvertTo, LangArg, read_one};
use crate::voice::Lang;
use std::io::Write;
use std::path::Path;

pub(super) fn run_render(path: &Path, lang: LangArg) -> i32 {
    let lang = match lang {
        LangArg::Zh => Lang::Chinese,
        LangArg::En => Lang::English,
    };
    let Some(doc) = read_one(path, lang) else {
        return 2;
    };
    let html = crate::render::tables_html(&crate::model::Model::new(&doc.text), lang);
    match std::io::stdout().lock().write_all(html.as_bytes()) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

pub(super) fn run_convert(path: &Path, to: ConvertTo, lang: Lang, output: Option<&Path>) -> i32 {
    let Some(doc) = read_one(path, lang) else {
        return 2;
    };
    let out = match to {
        ConvertTo::Txt => doc.text,
        ConvertTo::Html => crate::render::tables_html(&crate::model::Model::new(&doc.text), lang),
    };
    let written = match output {
        Some(o) => std::fs::write(o, out.as_bytes()),
        None => std::io::stdout().lock().write_all(out.as_bytes()),
    };
    match written {
        Ok(()) => 0,
        Err(e) => {
            let target = output.unwrap_or(Path::new("-"));
            eprintln!("{}: {e}", target.display());
            2
        }
    }
}
