//! Runs the grammar's corpus (grammar/test/corpus/*.txt, the files `tree-sitter test` reads)
//! against the parser built into the crate, so `cargo test` covers the grammar without the CLI.

use std::path::Path;

/// One corpus case: name, input, expected S-expression.
fn cases(text: &str) -> Vec<(String, String, String)> {
    let is_rule = |l: &str, c: char| l.len() >= 3 && l.chars().all(|x| x == c);
    let lines: Vec<&str> = text.split('\n').collect();
    let mut offsets = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in &lines {
        offsets.push(at);
        at += l.len() + 1;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < lines.len() {
        if !(is_rule(lines[i], '=') && is_rule(lines[i + 2], '=')) {
            i += 1;
            continue;
        }
        let name = lines[i + 1].to_string();
        let input_start = offsets[i + 3.min(lines.len() - 1 - i)];
        let dash = (i + 3..lines.len())
            .find(|&k| is_rule(lines[k], '-'))
            .expect("a divider");
        // The input ends before the divider line, without its last line break.
        let input_end = offsets[dash].saturating_sub(1).max(input_start);
        let input = text[input_start..input_end].to_string();
        let next = (dash + 1..lines.len())
            .find(|&k| k + 2 < lines.len() && is_rule(lines[k], '=') && is_rule(lines[k + 2], '='))
            .unwrap_or(lines.len());
        let expected = lines[dash + 1..next].join("\n");
        out.push((name, input, expected));
        i = next;
    }
    out
}

fn squash(s: &str) -> String {
    let mut out = String::new();
    for tok in s.split_whitespace() {
        if !out.is_empty() && !tok.starts_with(')') {
            out.push(' ');
        }
        out.push_str(tok);
    }
    out.replace(" )", ")")
}

#[test]
fn corpus_matches_the_built_in_parser() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/test/corpus");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("corpus directory") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("corpus file");
        for (name, input, expected) in cases(&text) {
            let tree = nianbao::syntax::parse(&input, None);
            let got = squash(&tree.root_node().to_sexp());
            assert_eq!(got, squash(&expected), "{}: {name}", path.display());
            assert!(!tree.root_node().has_error(), "{name}");
            count += 1;
        }
    }
    assert!(count >= 12, "only {count} corpus cases found");
}
