//! nianbao in the browser: the core's workspace behind a small JavaScript class. This crate only
//! converts (bytes and strings in, JSON strings out, byte offsets to LSP positions); every
//! decision about reports is the core's, so the page finds what `nianbao check` finds.
//!
//! The module has no clock, no file system and no network: the year comes from JavaScript and
//! files come in as bytes. See API.md.

use nianbao::catalogue;
use nianbao::checks::{self, Options};
use nianbao::contract::{Places, diagnostic_json, edits_json, range_json};
use nianbao::finding::{self, Finding};
use nianbao::ide::{self, CompletionKind};
use nianbao::model::Model;
use nianbao::position::{Encoding, LineIndex, Position};
use nianbao::source::{self, Document, Kind, ReadError};
use nianbao::syntax::{self, Line};
use nianbao::text::Script;
use nianbao::voice::Lang;
use nianbao::workspace::fix::{SaveError, save_docx};
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

/// A file opened in the page, kept for what needs its bytes (a Word file to save into, a web
/// page's source for the findings' places).
struct Opened {
    bytes: Vec<u8>,
    doc: Document,
}

/// One report being edited: its text, what was read of it and its findings.
#[wasm_bindgen]
pub struct Checker {
    options: Options,
    opened: Option<Opened>,
    text: String,
    index: LineIndex,
    /// The parsed lines of `text`, bound again to the template for hover and completion.
    lines: Vec<Line>,
    findings: Vec<Finding>,
}

impl Default for Checker {
    fn default() -> Self {
        Self::new()
    }
}

fn json_string(v: &Value) -> String {
    v.to_string()
}

#[wasm_bindgen]
impl Checker {
    /// A checker with no report yet; loads the template once.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checker {
        nianbao::template::Template::get();
        let mut c = Checker {
            options: Options::default(),
            opened: None,
            text: String::new(),
            index: LineIndex::new(""),
            lines: Vec::new(),
            findings: Vec::new(),
        };
        c.analyse();
        c
    }

    /// The language of messages: "en" for English; "auto", "zh-CN" and "zh-TW" for Chinese in
    /// the report's own script (as the CLI and the editor write them).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) {
        let lang = if lang.eq_ignore_ascii_case("en") || lang.starts_with("en-") {
            Lang::English
        } else {
            Lang::Chinese
        };
        if lang != self.options.lang {
            self.options.lang = lang;
            self.analyse();
        }
    }

    /// The year new reports are about (the page reads the clock: the module has none).
    #[wasm_bindgen(js_name = setYear)]
    pub fn set_year(&mut self, year: i32) {
        if self.options.new_report_year != Some(year) {
            self.options.new_report_year = Some(year);
            self.analyse();
        }
    }

    /// Reads a file's bytes as a report: `{"ok":true,"text","format","encoding"}` (and the text
    /// analysed, as by `update`), or `{"ok":false,"message"}` with nothing changed.
    pub fn open(&mut self, name: &str, bytes: &[u8]) -> String {
        let lang = self.options.lang;
        let doc = match source::read(Some(name), bytes) {
            Ok(d) => d,
            Err(ReadError::NeedsConversion(k)) => {
                let message = catalogue::needs_program_in_browser(k, lang);
                return json_string(&json!({ "ok": false, "message": message }));
            }
            Err(e) => {
                let message = catalogue::read_error(&e, lang);
                return json_string(&json!({ "ok": false, "message": message }));
            }
        };
        let format = match doc.kind {
            Kind::Docx => "docx",
            Kind::Html => "html",
            _ => "text",
        };
        let out = json!({
            "ok": true,
            "text": doc.text,
            "format": format,
            "encoding": doc.encoding,
        });
        self.text = doc.text.clone();
        self.opened = Some(Opened {
            bytes: bytes.to_vec(),
            doc,
        });
        self.analyse();
        json_string(&out)
    }

    /// The editor's current text: parsed, bound and checked, kept for the calls below.
    pub fn update(&mut self, text: String) {
        if text != self.text {
            self.text = text;
            self.analyse();
        }
    }

    /// The findings of the current text: the `diagnostics` entries of `nianbao check --format
    /// json` (with `location` while the text is still the opened file's).
    pub fn findings(&self) -> String {
        let places = self
            .opened
            .as_ref()
            .filter(|o| o.doc.text == self.text)
            .and_then(|o| Places::new(&o.doc, Some(&o.bytes), self.options.lang));
        let all: Vec<Value> = self
            .findings
            .iter()
            .map(|f| diagnostic_json(&self.index, &self.text, f, places.as_ref()))
            .collect();
        json_string(&Value::Array(all))
    }

    /// What is at a position: `null` or `{"markdown","range"}`.
    pub fn hover(&self, line: u32, character: u32) -> String {
        let offset = self.offset(line, character);
        let model = self.model();
        let h = ide::hover(&model, offset, self.options.lang);
        json_string(&h.map_or(Value::Null, |h| {
            json!({
                "markdown": h.markdown,
                "range": range_json(&self.index, &self.text, &h.range),
            })
        }))
    }

    /// Completions at a position: `[{"label","detail","documentation","edit":{"range","newText"},
    /// "filterText","sortText","kind","snippet"}]`.
    pub fn complete(&self, line: u32, character: u32) -> String {
        let offset = self.offset(line, character);
        let model = self.model();
        let year = self
            .options
            .new_report_year
            .unwrap_or(model.format.first_year);
        let items: Vec<Value> = ide::complete(&model, offset, self.options.lang, year)
            .iter()
            .map(|c| {
                json!({
                    "label": c.label,
                    "detail": c.detail,
                    "documentation": c.documentation,
                    "edit": {
                        "range": range_json(&self.index, &self.text, &c.replace),
                        "newText": c.insert_text,
                    },
                    "filterText": c.filter_text,
                    "sortText": c.sort,
                    "kind": match c.kind {
                        CompletionKind::Section => "section",
                        CompletionKind::Row => "row",
                        CompletionKind::Column => "column",
                        CompletionKind::Snippet => "snippet",
                    },
                    "snippet": c.snippet,
                })
            })
            .collect();
        json_string(&Value::Array(items))
    }

    /// The edits of every safe fix, as the editor's "fix all": `[{"range","newText"}]`.
    #[wasm_bindgen(js_name = fixAll)]
    pub fn fix_all(&self) -> String {
        let edits = ide::fix_all(&self.findings);
        json_string(&edits_json(&self.index, &self.text, &edits))
    }

    /// The edits that recompute every total of the table at a position from its parts, `[]`
    /// when they are right, `null` outside a table.
    #[wasm_bindgen(js_name = recomputeTotals)]
    pub fn recompute_totals(&self, line: u32, character: u32) -> String {
        let offset = self.offset(line, character);
        let model = self.model();
        json_string(
            &ide::recompute_totals(&model, offset)
                .map_or(Value::Null, |e| edits_json(&self.index, &self.text, &e)),
        )
    }

    /// The three tables as the page `nianbao render` writes.
    #[wasm_bindgen(js_name = renderHtml)]
    pub fn render_html(&self) -> String {
        nianbao::render::tables_html(&self.model(), self.options.lang)
    }

    /// The text of an empty report ("hant" for traditional script), as the editor starts one.
    #[wasm_bindgen(js_name = newReport)]
    pub fn new_report(&self, organisation: &str, year: i32, script: &str) -> String {
        let script = if script == "hant" {
            Script::Hant
        } else {
            Script::Hans
        };
        nianbao::skeleton::new_report(organisation, year, script)
    }

    /// The opened Word file with the text as it is now written in, then its fixes (the safe
    /// ones, or all) as `nianbao fix` writes them. Throws a message string when no Word file is
    /// open or an edit cannot be written into it.
    #[wasm_bindgen(js_name = saveDocx)]
    pub fn save_docx(&self, all: bool) -> Result<Vec<u8>, JsValue> {
        let lang = self.options.lang;
        let Some(o) = self.opened.as_ref().filter(|o| o.doc.kind == Kind::Docx) else {
            let message = catalogue::no_word_file_open(lang);
            return Err(JsValue::from_str(&message));
        };
        // The fixes as `nianbao fix` makes them: its options, with the page's language.
        let options = Options {
            lang,
            ..Options::default()
        };
        match save_docx(&o.bytes, &self.text, &options, all) {
            Ok(fixed) => Ok(fixed.bytes),
            Err(SaveError::Read(e)) => Err(JsValue::from_str(&catalogue::failure(&e, lang))),
            Err(SaveError::Unwritable { line, why }) => Err(JsValue::from_str(
                &catalogue::unwritable_edit(line, why, lang),
            )),
            Err(SaveError::Other(detail)) => Err(JsValue::from_str(&detail)),
        }
    }
}

impl Checker {
    /// Parses and checks the current text.
    fn analyse(&mut self) {
        let tree = syntax::parse(&self.text, None);
        self.lines = syntax::lines(&tree, &self.text);
        self.index = LineIndex::new(&self.text);
        let model = Model::from_lines(&self.text, self.lines.clone());
        let mut findings = checks::run(&model, &self.options);
        finding::sort(&mut findings);
        self.findings = findings;
    }

    fn model(&self) -> Model<'_> {
        Model::from_lines(&self.text, self.lines.clone())
    }

    /// The byte offset of an LSP position (UTF-16 columns) in the current text.
    fn offset(&self, line: u32, character: u32) -> usize {
        self.index
            .offset(&self.text, Position { line, character }, Encoding::Utf16)
    }
}
