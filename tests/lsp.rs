//! The language server through its real transport: in process over duplex pipes, and the built
//! binary over stdio.

use nianbao::lsp::client::Client;
use nianbao::position::{Encoding, LineIndex, Position};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::io::{DuplexStream, WriteHalf};

type Conn = Client<WriteHalf<DuplexStream>>;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    nianbao::decode::decode(&std::fs::read(path).unwrap())
        .unwrap()
        .text
}

const EXAMPLE: &str = include_str!("../examples/report-2025.txt");

/// A server in this process and a client talking to it.
fn connect() -> Conn {
    let (client_io, server_io) = tokio::io::duplex(1 << 22);
    let (sr, sw) = tokio::io::split(server_io);
    tokio::spawn(nianbao::lsp::serve(sr, sw));
    let (cr, cw) = tokio::io::split(client_io);
    Client::new(cr, cw)
}

async fn start(capabilities: Value, options: Value, locale: Option<&str>) -> (Conn, Value) {
    let mut c = connect();
    let init = c.initialize(capabilities, options, locale).await;
    (c, init)
}

async fn open(c: &mut Conn, uri: &str, text: &str) -> Vec<Value> {
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}),
    )
    .await;
    c.diagnostics(uri, 1)
        .await
        .expect("diagnostics for version 1")
}

fn pos(text: &str, offset: usize, enc: Encoding) -> Value {
    let p = LineIndex::new(text).position(text, offset, enc);
    json!({"line": p.line, "character": p.character})
}

fn offset(text: &str, p: &Value, enc: Encoding) -> usize {
    let p = Position {
        line: p["line"].as_u64().unwrap() as u32,
        character: p["character"].as_u64().unwrap() as u32,
    };
    LineIndex::new(text).offset(text, p, enc)
}

/// Applies LSP text edits to a text.
fn apply_edits(text: &str, edits: &[Value], enc: Encoding) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], enc),
                offset(text, &e["range"]["end"], enc),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

/// What the CLI reports for a text: (code, severity, message, range) as JSON.
fn cli_view(text: &str) -> Vec<Value> {
    let idx = LineIndex::new(text);
    nianbao::check_text(text, &Default::default())
        .iter()
        .map(|f| {
            let v = nianbao::cli::finding_json(&idx, text, f);
            json!([v["code"], v["severity"], v["message"], v["range"]])
        })
        .collect()
}

fn lsp_view(diags: &[Value]) -> Vec<Value> {
    let sev = |n: &Value| match n.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "information",
        _ => "hint",
    };
    diags
        .iter()
        .map(|d| json!([d["code"], sev(&d["severity"]), d["message"], d["range"]]))
        .collect()
}

#[tokio::test]
async fn lifecycle_and_versioned_diagnostics() {
    let (mut c, init) = start(json!({}), Value::Null, None).await;
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    assert_eq!(init["result"]["serverInfo"]["name"], "nianbao");
    let uri = "file:///r/example.txt";
    let d = open(&mut c, uri, EXAMPLE).await;
    assert_eq!(d.len(), 6);
    // Replace the wrong total 18 with 17 by an incremental edit.
    let at = EXAMPLE.find("\t0\t18\n").unwrap() + 3;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": pos(EXAMPLE, at, Encoding::Utf16), "end": pos(EXAMPLE, at + 2, Encoding::Utf16)}, "text": "17"}
        ]}),
    )
    .await;
    let d = c.diagnostics(uri, 2).await.unwrap();
    assert_eq!(d.len(), 5);
    assert!(d.iter().all(|d| d["code"] != "total-mismatch"));
    // Closing clears the file's diagnostics.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;
    let cleared = c
        .wait_for(Duration::from_secs(10), |m| {
            m["params"]["uri"] == uri && m["params"]["version"].is_null()
        })
        .await
        .unwrap();
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(c.shutdown().await["result"], Value::Null);
}

#[tokio::test]
async fn the_editor_shows_what_the_cli_shows() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let mut texts: Vec<(String, String)> = vec![("example".into(), EXAMPLE.to_string())];
    for name in [
        "clean_per_line_hant.txt",
        "clean_spaced.txt",
        "clean_2019.txt",
    ] {
        texts.push((name.into(), fixture(name).replacen("0", "7", 3)));
    }
    let seeds = format!("{}/../shared/corpus/seeds", env!("CARGO_MANIFEST_DIR"));
    if let Ok(dir) = std::fs::read_dir(&seeds) {
        for e in dir.flatten() {
            texts.push((
                e.file_name().to_string_lossy().into(),
                std::fs::read_to_string(e.path()).unwrap(),
            ));
        }
    }
    for (i, (name, text)) in texts.iter().enumerate() {
        let uri = format!("file:///same/{i}.txt");
        let d = open(&mut c, &uri, text).await;
        assert_eq!(lsp_view(&d), cli_view(text), "{name}");
    }
}

#[tokio::test]
async fn positions_on_lines_with_cjk_and_astral_characters_in_both_encodings() {
    let text = fixture("clean_rows.txt").replace("行政处罚\t567", "𠀀行政处罚\t五百");
    let bad = text.find("五百").unwrap();
    for (caps, enc, name) in [
        (json!({}), Encoding::Utf16, "utf-16"),
        (
            json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
            Encoding::Utf8,
            "utf-8",
        ),
    ] {
        let (mut c, init) = start(caps, Value::Null, None).await;
        assert_eq!(init["result"]["capabilities"]["positionEncoding"], name);
        let uri = "file:///p.txt";
        let d = open(&mut c, uri, &text).await;
        let inv = d.iter().find(|d| d["code"] == "invalid-number").unwrap();
        assert_eq!(inv["range"]["start"], pos(&text, bad, enc), "{name}");
        let expected = if enc == Encoding::Utf16 { 7 } else { 17 };
        assert_eq!(inv["range"]["start"]["character"], expected, "{name}");
        // Hover on the same value, addressed in the negotiated encoding.
        let h = c
            .request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": pos(&text, bad + 3, enc)}),
            )
            .await;
        let md = h["result"]["contents"]["value"].as_str().unwrap();
        assert!(md.contains("「行政处罚」·「本年处理决定数量」"), "{md}");
        assert_eq!(h["result"]["range"]["start"], inv["range"]["start"]);
    }
}

#[tokio::test]
async fn hover_explains_labels_and_sums() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///h.txt";
    open(&mut c, uri, EXAMPLE).await;
    let hover = |at: usize| json!({"textDocument": {"uri": uri}, "position": pos(EXAMPLE, at, Encoding::Utf16)});
    let r = c
        .request(
            "textDocument/hover",
            hover(EXAMPLE.find("\t0\t18\n").unwrap() + 3),
        )
        .await;
    let md = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("18 ≠ 15 + 1 + 0 + 0 + 1 + 0 = 17 ✗"), "{md}");
    let r = c
        .request(
            "textDocument/hover",
            hover(EXAMPLE.find("4.保护第三方合法权益").unwrap() + 5),
        )
        .await;
    let md = r["result"]["contents"]["value"].as_str().unwrap();
    assert!(md.contains("第十五条、第三十二条"), "{md}");
    let r = c
        .request(
            "textDocument/hover",
            hover(EXAMPLE.find("二、主动公开政府信息情况").unwrap()),
        )
        .await;
    assert!(
        r["result"]["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("第二十条")
    );
    // Prose has no hover.
    let r = c
        .request(
            "textDocument/hover",
            hover(EXAMPLE.find("按季度清理").unwrap()),
        )
        .await;
    assert_eq!(r["result"], Value::Null);
}

#[tokio::test]
async fn quick_fixes_and_fix_all_remove_their_findings() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///f.txt";
    let mut text = EXAMPLE.to_string();
    let mut diags = open(&mut c, uri, &text).await;
    let mut version = 1;
    // Apply the first fix of each finding, one at a time, as an editor would.
    while let Some(d) = diags
        .iter()
        .find(|d| d["code"] != "missing-fee-statement")
        .cloned()
    {
        let r = c
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d], "only": ["quickfix"]}}),
            )
            .await;
        let actions = r["result"].as_array().unwrap().clone();
        let action = actions
            .iter()
            .find(|a| a["diagnostics"][0]["code"] == d["code"])
            .unwrap_or_else(|| panic!("no fix for {d}"));
        let change = &action["edit"]["documentChanges"][0];
        assert_eq!(change["textDocument"]["version"], version);
        text = apply_edits(&text, change["edits"].as_array().unwrap(), Encoding::Utf16);
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        )
        .await;
        let before = diags.len();
        diags = c.diagnostics(uri, version).await.unwrap();
        assert_eq!(
            diags.len(),
            before - 1,
            "fix {} left {diags:#?}",
            action["title"]
        );
        assert!(
            !diags
                .iter()
                .any(|x| x["range"] == d["range"] && x["code"] == d["code"])
        );
    }
    assert_eq!(diags.len(), 1);

    // Fix all: the safe fixes only, in one edit.
    let uri2 = "file:///g.txt";
    open(&mut c, uri2, EXAMPLE).await;
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri2}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["kind"], nianbao::lsp::FIX_ALL_KIND);
    let edits = actions[0]["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    let fixed = apply_edits(EXAMPLE, edits, Encoding::Utf16);
    let left: Vec<String> = nianbao::check_text(&fixed, &Default::default())
        .iter()
        .map(|f| f.code.to_string())
        .collect();
    assert_eq!(
        left,
        ["total-mismatch", "empty-cell", "missing-fee-statement"]
    );
}

#[tokio::test]
async fn completion_symbols_folding_and_inlay_hints() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///c.txt";
    let text = fixture("clean_per_line.txt");
    let start = text.find("五、存在").unwrap();
    let end = text.find("六、其他").unwrap();
    let cut = format!("{}五、存\n{}", &text[..start], &text[end..]);
    open(&mut c, uri, &cut).await;
    let at = cut.find("五、存\n").unwrap() + "五、存".len();
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": pos(&cut, at, Encoding::Utf16)}),
        )
        .await;
    let items = r["result"].as_array().unwrap();
    let mut sorted: Vec<&Value> = items.iter().collect();
    sorted.sort_by_key(|i| i["sortText"].as_str().unwrap().to_string());
    assert_eq!(sorted[0]["label"], "五、存在的主要问题及改进情况");
    assert_eq!(
        sorted[0]["textEdit"]["newText"],
        "五、存在的主要问题及改进情况"
    );
    assert_eq!(
        sorted[0]["textEdit"]["range"]["start"],
        pos(&cut, start, Encoding::Utf16)
    );

    let r = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let names: Vec<&str> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            // Being typed, with its number in its place: section 五 already.
            "五、存",
            "六、其他需要报告的事项"
        ]
    );
    // Table 三's rows, some under their groups (三、本年度办理结果, （三）不予公开, …).
    fn leaves(v: &Value) -> usize {
        match v["children"].as_array() {
            Some(c) if !c.is_empty() => c.iter().map(leaves).sum(),
            _ => 1,
        }
    }
    assert_eq!(leaves(&r["result"][2]["children"][0]), 25);

    let r = c
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert!(r["result"].as_array().unwrap().len() >= 5);

    let last = LineIndex::new(&cut).line_count() as u32;
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": last, "character": 0}}}),
        )
        .await;
    let hints = r["result"].as_array().unwrap();
    assert_eq!(hints.len(), 200);
    let first = hints.iter().find(|h| h["label"] == "自然人").unwrap();
    let at = offset(&cut, &first["position"], Encoding::Utf16);
    assert!(cut[..at].ends_with("\t44"), "{}", &cut[at - 5..at]);
}

#[tokio::test]
async fn configuration_and_locale() {
    let opts =
        json!({"severity": {"missing-fee-statement": "off", "nonstandard-heading": "error"}});
    let (mut c, _) = start(json!({}), opts, Some("en-US")).await;
    let uri = "file:///cfg.txt";
    let d = open(&mut c, uri, EXAMPLE).await;
    assert!(d.iter().all(|d| d["code"] != "missing-fee-statement"));
    let h = d
        .iter()
        .find(|d| d["code"] == "nonstandard-heading")
        .unwrap();
    assert_eq!(h["severity"], 1);
    assert!(
        h["message"].as_str().unwrap().starts_with("Heading"),
        "{}",
        h["message"]
    );
    // Settings change: back to Chinese, stray markup off; the open file is re-published.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"language": "zh", "severity": {"stray-markup": "off"}}}}),
    )
    .await;
    let msg = c
        .wait_for(Duration::from_secs(10), |m| {
            m["params"]["uri"] == uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.iter().all(|d| d["code"] != "stray-markup"))
        })
        .await
        .unwrap();
    let d = msg["params"]["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 5);
    assert!(
        d.iter()
            .any(|d| d["message"].as_str().unwrap().contains("标准写法"))
    );
}

#[tokio::test]
async fn bad_input_gets_errors_or_is_ignored_and_the_server_keeps_serving() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///bad.txt";
    open(&mut c, uri, EXAMPLE).await;
    // Malformed params.
    let r = c
        .request("textDocument/hover", json!({"textDocument": 5}))
        .await;
    assert!(r["error"].is_object(), "{r}");
    // Positions past the end, an unknown document.
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 99999, "character": 99}}),
        )
        .await;
    assert!(r.get("error").is_none(), "{r}");
    let r = c.request("textDocument/hover", json!({"textDocument": {"uri": "file:///nope"}, "position": {"line": 0, "character": 0}})).await;
    assert_eq!(r["result"], Value::Null);
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": "file:///nope", "version": 3}, "contentChanges": [{"text": "x"}]})).await;
    // A change with a range past the end is clamped; an old version is ignored.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 5000, "character": 3}, "end": {"line": 9000, "character": 0}}, "text": "\n𠀀"}]}),
    )
    .await;
    let d2 = c.diagnostics(uri, 2).await.unwrap();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 1}, "contentChanges": [{"text": ""}]}),
    )
    .await;
    // Garbage on the wire.
    c.send_raw(b"Content-Length: 5\r\n\r\n{oops").await;
    c.notify("textDocument/didChange", json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
        {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "𠀀"}]})).await;
    let d3 = c.diagnostics(uri, 3).await.unwrap();
    assert_eq!(d2.len(), d3.len());
    let r = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(r["result"].as_array().unwrap().len(), 6);
}

#[tokio::test]
async fn a_panic_in_analysis_is_contained() {
    fn fragile(m: &nianbao::Model, o: &nianbao::Options) -> Vec<nianbao::Finding> {
        assert!(!m.text.contains("PANIC"), "a bug in a check");
        nianbao::checks::run(m, o)
    }
    let (client_io, server_io) = tokio::io::duplex(1 << 22);
    let (sr, sw) = tokio::io::split(server_io);
    tokio::spawn(nianbao::lsp::serve_with(sr, sw, fragile));
    let (cr, cw) = tokio::io::split(client_io);
    let mut c = Client::new(cr, cw);
    c.initialize(json!({}), Value::Null, None).await;
    let uri = "file:///panic.txt";
    c.notify("textDocument/didOpen", json!({"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": "PANIC"}})).await;
    // No diagnostics for the version that panicked, and the server goes on.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": EXAMPLE}]}),
    )
    .await;
    let d = c.diagnostics(uri, 2).await.unwrap();
    assert_eq!(d.len(), 6);
    assert!(c.drain().iter().all(|m| m["params"]["version"] != 1));
    let r = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        )
        .await;
    assert!(r.get("error").is_none());
}

/// Hundreds of edits sent back to back, with hovers in between, on a multi-threaded runtime:
/// the server must end with exactly the client's text and its diagnostics.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn ordering_under_a_stream_of_edits_and_hovers() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///stress.txt";
    let mut text = fixture("clean_per_line.txt");
    open(&mut c, uri, &text).await;
    // The cursor types into the prose, deleting now and then: every completed
    // 「[bookmark: x]」 is a finding and every line break moves the findings after it, so a lost
    // or reordered edit shows in the final diagnostics.
    let typed: Vec<char> = "[bookmark: x]𠀀共\n".chars().collect();
    let mut cursor = text.find("全年共收到政府信息公开申请").unwrap();
    let mut hovers = Vec::new();
    let mut version = 1;
    // `j` counts typed characters; a backspace takes the last one back, to be typed again.
    let mut j = 0usize;
    for i in 0..400 {
        let (start, end, new) = if i % 7 == 6 && j > 0 {
            let prev = text[..cursor].chars().last().unwrap().len_utf8();
            cursor -= prev;
            j -= 1;
            (cursor, cursor + prev, String::new())
        } else {
            let ch = typed[j % typed.len()].to_string();
            j += 1;
            cursor += ch.len();
            (cursor - ch.len(), cursor - ch.len(), ch)
        };
        let change = json!({"range": {"start": pos(&text, start, Encoding::Utf16), "end": pos(&text, end, Encoding::Utf16)}, "text": new});
        text.replace_range(start..end, &new);
        version += 1;
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        )
        .await;
        if i % 10 == 0 {
            let at = pos(&text, text.find("\t44").unwrap() + 2, Encoding::Utf16);
            hovers.push(
                c.request_later(
                    "textDocument/hover",
                    json!({"textDocument": {"uri": uri}, "position": at}),
                )
                .await
                .1,
            );
        }
    }
    // A last edit that leaves a real mistake: 予以公开·自然人 15 → 16.
    let at = text.find("（一）予以公开\n\t15").unwrap() + "（一）予以公开\n\t".len();
    let change = json!({"range": {"start": pos(&text, at, Encoding::Utf16), "end": pos(&text, at + 2, Encoding::Utf16)}, "text": "16"});
    text.replace_range(at..at + 2, "16");
    version += 1;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
    )
    .await;
    let d = c
        .diagnostics(uri, version)
        .await
        .expect("diagnostics for the last version");
    assert_eq!(lsp_view(&d), cli_view(&text));
    assert!(d.iter().any(|d| d["code"] == "total-mismatch"));
    assert!(d.iter().filter(|d| d["code"] == "stray-markup").count() >= 10);
    for h in hovers {
        let r = tokio::time::timeout(Duration::from_secs(30), h)
            .await
            .unwrap()
            .unwrap();
        assert!(r.get("error").is_none(), "{r}");
    }
    // Published versions never go backwards.
    let published: Vec<i64> = c
        .drain()
        .iter()
        .filter(|m| m["params"]["uri"] == uri)
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(published.windows(2).all(|w| w[0] < w[1]), "{published:?}");
}

/// Reads one frame strictly: a Content-Length header, a blank line, a JSON body.
fn read_frame(r: &mut impl std::io::BufRead) -> Option<Value> {
    let mut head = String::new();
    if r.read_line(&mut head).ok()? == 0 {
        return None;
    }
    let len: usize = head
        .strip_prefix("Content-Length: ")
        .expect("a length header first")
        .trim()
        .parse()
        .unwrap();
    let mut blank = String::new();
    r.read_line(&mut blank).unwrap();
    assert_eq!(blank, "\r\n", "only one header");
    let mut body = vec![0u8; len];
    r.read_exact(&mut body).unwrap();
    Some(serde_json::from_slice(&body).expect("a JSON body"))
}

#[test]
fn the_binary_speaks_only_protocol_on_stdout() {
    use std::io::{BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["lsp", "--stdio"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |v: Value| {
        let b = v.to_string();
        stdin
            .write_all(format!("Content-Length: {}\r\n\r\n{b}", b.len()).as_bytes())
            .unwrap();
        stdin.flush().unwrap();
    };
    let uri = "file:///bin.txt";
    send(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    );
    assert_eq!(read_frame(&mut stdout).unwrap()["id"], 1);
    send(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": EXAMPLE}}}),
    );
    let d = read_frame(&mut stdout).unwrap();
    assert_eq!(d["method"], "textDocument/publishDiagnostics");
    assert_eq!(d["params"]["version"], 1);
    assert_eq!(d["params"]["diagnostics"].as_array().unwrap().len(), 6);
    send(
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "𠀀"}]}}),
    );
    let d = read_frame(&mut stdout).unwrap();
    assert_eq!(d["params"]["version"], 2);
    send(json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}));
    assert_eq!(read_frame(&mut stdout).unwrap()["id"], 2);
    send(json!({"jsonrpc": "2.0", "method": "exit"}));
    // Nothing else was written, and the process ends cleanly.
    assert!(read_frame(&mut stdout).is_none());
    assert!(child.wait().unwrap().success());
}

#[test]
fn the_binary_survives_a_body_that_is_not_json() {
    use std::io::{BufReader, Write};
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send_raw = |b: &[u8]| {
        stdin.write_all(b).unwrap();
        stdin.flush().unwrap();
    };
    let frame = |v: Value| {
        let b = v.to_string();
        format!("Content-Length: {}\r\n\r\n{b}", b.len()).into_bytes()
    };
    send_raw(&frame(
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    ));
    assert_eq!(read_frame(&mut stdout).unwrap()["id"], 1);
    send_raw(b"Content-Length: 5\r\n\r\n{oops");
    send_raw(b"garbage line\r\n\r\n");
    send_raw(&frame(
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    ));
    // The body that is not JSON is answered with a parse error first.
    let parse_error = read_frame(&mut stdout).unwrap();
    assert_eq!(parse_error["error"]["code"], -32700);
    assert_eq!(parse_error["id"], Value::Null);
    assert_eq!(read_frame(&mut stdout).unwrap()["id"], 2);
    send_raw(&frame(json!({"jsonrpc": "2.0", "method": "exit"})));
    assert!(child.wait().unwrap().success());
}

fn years_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/years")
}

/// Qingshi's 2024 report carrying 3 requests to 2025 (as 2025 says), kept balanced.
fn carrying_three(t24: &str) -> String {
    let fixed = t24
        .replace(
            "四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2",
            "四、结转下年度继续办理\t\t3\t0\t0\t0\t0\t0\t3",
        )
        .replace(
            "一、本年新收政府信息公开申请数量\t\t43\t2\t0\t1\t1\t0\t47",
            "一、本年新收政府信息公开申请数量\t\t44\t2\t0\t1\t1\t0\t48",
        );
    assert_ne!(fixed, t24);
    fixed
}

fn file_uri(name: &str) -> String {
    format!("file://{}", years_dir().join(name).display())
}

#[tokio::test]
async fn last_years_report_in_the_workspace_is_compared() {
    let mut c = connect();
    let root = format!("file://{}", years_dir().display());
    c.request(
        "initialize",
        json!({"capabilities": {}, "workspaceFolders": [{"uri": root, "name": "years"}]}),
    )
    .await;
    c.notify("initialized", json!({})).await;
    let uri = file_uri("qingshi-2025.txt");
    let text = std::fs::read_to_string(years_dir().join("qingshi-2025.txt")).unwrap();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "nianbao", "version": 1, "text": text}}),
    )
    .await;
    // Once the workspace has been read, the open report is compared with 2024's on disk.
    let msg = c
        .wait_for(Duration::from_secs(20), |m| {
            m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.len() == 3)
        })
        .await
        .expect("cross-year diagnostics");
    let d = msg["params"]["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = d.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        ["carryover-mismatch", "carryover-mismatch", "copied-text"]
    );
    let related = &d[0]["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], file_uri("qingshi-2024.txt"));
    assert!(related["message"].as_str().unwrap().contains("2024年"));
}

#[tokio::test]
async fn editing_last_years_open_report_updates_this_years() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let (u24, u25) = ("file:///y/2024.txt", "file:///y/2025.txt");
    let t24 = std::fs::read_to_string(years_dir().join("qingshi-2024.txt")).unwrap();
    let t25 = std::fs::read_to_string(years_dir().join("qingshi-2025.txt")).unwrap();
    open(&mut c, u24, &t24).await;
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": u25, "languageId": "nianbao", "version": 1, "text": t25}}),
    )
    .await;
    let d = c.diagnostics(u25, 1).await.unwrap();
    assert_eq!(
        d.iter()
            .filter(|d| d["code"] == "carryover-mismatch")
            .count(),
        2
    );
    // 2024 carried 2 to 2025; 2025 says 3. Make 2024 carry 3 (and keep it balanced).
    let fixed = carrying_three(&t24);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u24, "version": 2}, "contentChanges": [{"text": fixed}]}),
    )
    .await;
    let msg = c
        .wait_for(Duration::from_secs(20), |m| {
            m["params"]["uri"] == u25
                && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .filter(|d| d["code"] == "carryover-mismatch")
                        .count()
                        == 1
                })
        })
        .await
        .expect("2025 analysed again");
    assert!(
        msg["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("现行有效"))
    );
}

#[tokio::test]
async fn semantic_tokens_mark_headings_labels_numbers_and_wrong_totals() {
    let (mut c, init) = start(json!({}), Value::Null, None).await;
    let legend = &init["result"]["capabilities"]["semanticTokensProvider"]["legend"];
    assert_eq!(
        legend["tokenTypes"],
        json!(["heading", "label", "number", "total"])
    );
    assert_eq!(legend["tokenModifiers"], json!(["wrong"]));
    let uri = "file:///tok.txt";
    let text = EXAMPLE.replace("行政处罚\t567", "𠀀行政处罚\t567");
    open(&mut c, uri, &text).await;
    let r = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let data: Vec<u64> = r["result"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    assert_eq!(data.len() % 5, 0);
    // Decode to absolute (line, character, length, type, modifiers).
    let (mut line, mut ch) = (0u64, 0u64);
    let mut toks = Vec::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            line += t[0];
            ch = t[1];
        } else {
            ch += t[1];
        }
        toks.push((line, ch, t[2], t[3], t[4]));
    }
    let at = |s: &str| {
        let off = text.find(s).unwrap();
        let p = LineIndex::new(&text).position(&text, off, Encoding::Utf16);
        toks.iter()
            .find(|t| t.0 == p.line as u64 && t.1 == p.character as u64)
            .copied()
    };
    assert_eq!(at("一、总体情况").map(|t| (t.2, t.3)), Some((6, 0)));
    // 𠀀 counts two UTF-16 units.
    assert_eq!(at("𠀀行政处罚").map(|t| (t.2, t.3)), Some((6, 1)));
    let wrong = at("\t0\t18\n").map(|_| ());
    assert!(wrong.is_none());
    let line18 = text.lines().position(|l| l.ends_with("\t0\t18")).unwrap() as u64;
    assert!(
        toks.iter()
            .any(|t| t.0 == line18 && t.2 == 2 && t.3 == 3 && t.4 == 1),
        "{toks:?}"
    );
}

#[tokio::test]
async fn preview_html_and_new_report_requests() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///preview.txt";
    open(&mut c, uri, EXAMPLE).await;
    let r = c
        .request("nianbao/render", json!({"textDocument": {"uri": uri}}))
        .await;
    let html = r["result"]["html"].as_str().unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(
        "<td class=\"num wrong\" data-col=\"total\">18<span class=\"expected\">应为17</span>"
    ));
    let r = c
        .request(
            "nianbao/newReport",
            json!({"organisation": "𠀀县民政局", "year": 2025, "script": "hant"}),
        )
        .await;
    let text = r["result"]["text"].as_str().unwrap().to_string();
    assert!(
        text.starts_with("𠀀县民政局2025年政府信息公開工作年度報告"),
        "{text}"
    );
    // A new report has no finding at all: its section 六 starts with the fee sentence.
    let d = open(&mut c, "file:///new.txt", &text).await;
    assert!(d.is_empty(), "{d:#?}");
}

#[tokio::test]
async fn formatting_aligns_tables_and_keeps_the_findings() {
    let (mut c, init) = start(json!({}), json!({}), None).await;
    assert_eq!(
        init["result"]["capabilities"]["documentFormattingProvider"],
        true
    );
    assert_eq!(
        init["result"]["capabilities"]["documentRangeFormattingProvider"],
        true
    );
    let uri = "file:///r/format.txt";
    // An astral character before the tables: UTF-16 columns differ from characters.
    let text = EXAMPLE.replacen("2025年", "𠀀2025年", 1);
    let before = open(&mut c, uri, &text).await;
    let r = c
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    let edits = r["result"].as_array().unwrap();
    assert!(!edits.is_empty());
    let out = apply_edits(&text, edits, Encoding::Utf16);
    assert_eq!(out.replace(' ', ""), text.replace(' ', ""));
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": out}]}),
    )
    .await;
    let after = c.diagnostics(uri, 2).await.unwrap();
    let codes = |d: &[Value]| {
        d.iter()
            .map(|d| (d["code"].clone(), d["message"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&before), codes(&after));
    // Formatted text formats to itself; a range formats only its lines.
    let r = c
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    assert_eq!(r["result"].as_array().map(Vec::len), Some(0));
    let line = text
        .lines()
        .position(|l| l.contains("（一）予以公开"))
        .unwrap();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": text}]}),
    )
    .await;
    let r = c
        .request(
            "textDocument/rangeFormatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true},
                   "range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 3}}}),
        )
        .await;
    let edits = r["result"].as_array().unwrap();
    assert!(!edits.is_empty());
    assert!(
        edits
            .iter()
            .all(|e| e["range"]["start"]["line"] == line && e["range"]["end"]["line"] == line)
    );
}

#[tokio::test]
async fn totals_are_recomputed_from_anywhere_in_a_table() {
    let (mut c, _) = start(json!({}), Value::Null, None).await;
    let uri = "file:///draft.txt";
    // A clerk typed 16 over 15; the row and column totals still add up to the old figure.
    let text = fixture("clean_rows.txt").replace(
        "（一）予以公开\t15\t1\t0\t0\t1\t0\t17",
        "（一）予以公开\t16\t1\t0\t0\t1\t0\t17",
    );
    let diags = open(&mut c, uri, &text).await;
    assert!(
        diags.iter().any(|d| d["code"] == "total-mismatch"),
        "{diags:#?}"
    );
    // On a row with nothing wrong: the action is offered as a rewrite.
    let at = pos(&text, text.find("2.重复申请").unwrap(), Encoding::Utf16);
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at},
                   "context": {"diagnostics": [], "only": ["refactor"]}}),
        )
        .await;
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["title"], "按各项重新计算合计");
    assert_eq!(actions[0]["kind"], "refactor.rewrite");
    let edits = actions[0]["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    let fixed = apply_edits(&text, edits, Encoding::Utf16);
    // The typed 16 stays; the totals follow it.
    assert!(fixed.contains("（一）予以公开\t16\t1\t0\t0\t1\t0\t18"));
    assert!(
        nianbao::check_text(&fixed, &Default::default())
            .iter()
            .all(|f| f.code.as_str() != "total-mismatch")
    );
    // In prose there is no table to recompute.
    let at = pos(&text, text.find("按季度清理").unwrap(), Encoding::Utf16);
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at},
                   "context": {"diagnostics": [], "only": ["refactor"]}}),
        )
        .await;
    assert_eq!(r["result"].as_array().map(Vec::len).unwrap_or(0), 0, "{r}");
}

#[tokio::test]
async fn a_misspelt_code_in_the_settings_is_told_not_ignored() {
    let (mut c, _) = start(
        json!({}),
        json!({"severity": {"total_mismatch": "off", "stray-markup": "off"}}),
        None,
    )
    .await;
    let m = c
        .wait_for(Duration::from_secs(10), |m| {
            m["method"] == "window/showMessage"
        })
        .await
        .expect("a message about the settings");
    let text = m["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("total_mismatch") && text.contains("total-mismatch"),
        "{text}"
    );
    // A known code is applied: its findings are gone, the others stay.
    let diags = open(&mut c, "file:///s.txt", EXAMPLE).await;
    assert!(diags.iter().all(|d| d["code"] != "stray-markup"));
    assert!(diags.iter().any(|d| d["code"] == "total-mismatch"));
    // Changed settings are told too, in the language asked for.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"severity": {"empty-cel": "off"}, "language": "en"}}}),
    )
    .await;
    let m = c
        .wait_for(Duration::from_secs(10), |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|t| t.contains("empty-cel"))
        })
        .await
        .expect("a message about the changed settings");
    let text = m["params"]["message"].as_str().unwrap();
    assert!(text.starts_with("Unknown code"), "{text}");
}

#[tokio::test]
async fn last_years_report_edited_on_disk_is_compared_again() {
    // A workspace of its own: last year's report is edited on disk during the test.
    let dir = std::env::temp_dir().join(format!("nianbao-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let t24 = std::fs::read_to_string(years_dir().join("qingshi-2024.txt")).unwrap();
    let t25 = std::fs::read_to_string(years_dir().join("qingshi-2025.txt")).unwrap();
    std::fs::write(dir.join("qingshi-2024.txt"), &t24).unwrap();
    std::fs::write(dir.join("qingshi-2025.txt"), &t25).unwrap();
    let uri24 = format!("file://{}", dir.join("qingshi-2024.txt").display());
    let uri25 = format!("file://{}", dir.join("qingshi-2025.txt").display());
    let carryovers = |m: &Value, n: usize| {
        m["params"]["uri"] == uri25.as_str()
            && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                d.iter()
                    .filter(|d| d["code"] == "carryover-mismatch")
                    .count()
                    == n
            })
    };

    let mut c = connect();
    let init = c
        .request(
            "initialize",
            json!({"capabilities": {"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}},
                   "workspaceFolders": [{"uri": format!("file://{}", dir.display()), "name": "w"}]}),
        )
        .await;
    assert_eq!(
        init["result"]["capabilities"]["textDocumentSync"]["save"],
        json!(true)
    );
    c.notify("initialized", json!({})).await;
    // The server asks the client to watch the reports for it.
    let reg = c
        .wait_for(Duration::from_secs(10), |m| {
            m["method"] == "client/registerCapability"
        })
        .await
        .expect("a watcher registered");
    assert_eq!(
        reg["params"]["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri25, "languageId": "nianbao", "version": 1, "text": t25}}),
    )
    .await;
    c.wait_for(Duration::from_secs(20), |m| carryovers(m, 2))
        .await
        .expect("compared with 2024 as first read");

    // 2024 made to carry 3, as 2025 says, saved by another program.
    let fixed = carrying_three(&t24);
    std::fs::write(dir.join("qingshi-2024.txt"), &fixed).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri24, "type": 2}]}),
    )
    .await;
    c.wait_for(Duration::from_secs(20), |m| carryovers(m, 1))
        .await
        .expect("2025 compared with 2024 as changed on disk");

    // Opened as it was; meanwhile another program writes the old text to disk without the
    // client telling; closed: 2025 follows the file as it is on disk now.
    c.drain();
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri24, "languageId": "nianbao", "version": 1, "text": t24}}),
    )
    .await;
    c.wait_for(Duration::from_secs(20), |m| carryovers(m, 2))
        .await
        .expect("2025 compared with the open 2024");
    std::fs::write(dir.join("qingshi-2024.txt"), &t24).unwrap();
    c.drain();
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri24}}),
    )
    .await;
    c.wait_for(Duration::from_secs(20), |m| carryovers(m, 2))
        .await
        .expect("2025 compared with 2024 as on disk after it closed");

    // Deleted: nothing left to compare with.
    c.drain();
    std::fs::remove_file(dir.join("qingshi-2024.txt")).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri24, "type": 3}]}),
    )
    .await;
    c.wait_for(Duration::from_secs(20), |m| carryovers(m, 0))
        .await
        .expect("2025 compared with nothing once 2024 is gone");
    let _ = std::fs::remove_dir_all(&dir);
}
