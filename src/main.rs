//! The `nianbao` command: `check`, `inspect`, `render` for reviewers and CI (the CLI), and
//! `lsp` for editors (the language server). The two edges do not know each other.

use nianbao::cli::{self, Command};

fn main() {
    let code = match cli::parse() {
        Err(code) => code,
        Ok(args) => match args.command {
            Command::Lsp { .. } => nianbao::lsp::run_stdio(),
            command => cli::run(command),
        },
    };
    std::process::exit(code);
}
