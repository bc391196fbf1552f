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
    build.compile("tree-sitter-nianbao");
    println!("cargo:rerun-if-changed=grammar/src/parser.c");
    println!("cargo:rerun-if-changed=grammar/src/tree_sitter/parser.h");
}
