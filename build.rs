//! Compiles the committed tree-sitter parser, so that building needs neither node nor the
//! tree-sitter CLI.

fn main() {
    let src = std::path::Path::new("grammar/src");
    let mut build = cc::Build::new();
    build
        .std("c11")
        .include(src)
        .file(src.join("parser.c"))
        .warnings(false);
    // For WebAssembly, the C library headers that tree-sitter-language ships (clang has none
    // for wasm32-unknown-unknown).
    if let Some(headers) = std::env::var_os("DEP_TREE_SITTER_LANGUAGE_WASM_HEADERS") {
        build.include(headers);
    }
    build.compile("tree-sitter-nianbao");
    println!("cargo:rerun-if-changed=grammar/src/parser.c");
    println!("cargo:rerun-if-changed=grammar/src/tree_sitter/parser.h");
}
