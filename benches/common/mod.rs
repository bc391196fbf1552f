//! Inputs shared by the benchmarks.

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The one-cell-per-line fixture with section 一 grown to `size` bytes of prose.
pub fn report_of(size: usize) -> String {
    let base = fixture("clean_per_line.txt");
    let at = base.find("二、主动公开政府信息情况").unwrap();
    let para = "围绕农田水利、集镇改造和困难群众救助等群众关心的事项，本镇在政府网站专栏发布信息812条，\
召开情况通报会4场，对涉及群众切身利益的政策逐条解读，并在村务公开栏同步张贴。\n\n";
    let mut text = base[..at].to_string();
    while text.len() + (base.len() - at) < size {
        text.push_str(para);
    }
    text.push_str(&base[at..]);
    text
}
