//! The `nianbao` command: `check` for reviewers and CI.

fn main() {
    std::process::exit(nianbao::cli::main());
}
