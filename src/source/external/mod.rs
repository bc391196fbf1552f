//! Programs outside the process that turn a file into one the readers read: poppler's
//! `pdftotext` for PDF (its layout text goes to [`super::pdf::read_layout_text`]) and
//! LibreOffice for old binary Word and WPS documents (the .docx it writes goes to the Word
//! reader). Running them is IO (`system.rs`, only with the `server` feature): the core never
//! calls it; the CLI and the server do, before reading. Here are what the core knows of them:
//! the trait the edges pass and why a program failed.

#[cfg(feature = "server")]
mod system;

#[cfg(feature = "server")]
pub use system::{
    CONVERT_TIMEOUT, PDF_TIMEOUT, System, convert_to_docx, pdf_file_to_text, pdf_to_text,
};

/// The most text or document accepted back from a program.
pub const MAX_OUTPUT: usize = super::MAX_BYTES;

/// Why a program could not turn a file into one the readers read.
#[derive(Debug)]
pub enum ExternalError {
    /// The program is not installed; `package` is the Debian package that has it.
    Missing {
        program: &'static str,
        package: &'static str,
    },
    /// The PDF is protected by a password.
    Encrypted,
    /// The program ran and failed on this file.
    Failed {
        program: &'static str,
        detail: String,
    },
    /// The program took longer than its limit and was stopped.
    TimedOut { program: &'static str, seconds: u64 },
    /// The program wrote back more than [`MAX_OUTPUT`].
    TooLarge { program: &'static str },
    /// Reading or writing the files around the program failed.
    Io(String),
}

impl ExternalError {
    /// The message in English (the `Display` form is in Chinese, as the clerks read it).
    pub fn english(&self) -> String {
        match self {
            ExternalError::Missing { program, package } => format!(
                "reading this file needs {program}, which is not installed: install the package {package} (apt-get install {package})"
            ),
            ExternalError::Encrypted => {
                "the PDF is encrypted: it cannot be read without its password".into()
            }
            ExternalError::Failed { program, detail } => {
                format!("{program} could not read the file: {detail}")
            }
            ExternalError::TimedOut { program, seconds } => {
                format!("{program} did not finish within {seconds} s and was stopped")
            }
            ExternalError::TooLarge { program } => {
                format!("{program} produced more than {} MB", MAX_OUTPUT >> 20)
            }
            ExternalError::Io(e) => format!("file error: {e}"),
        }
    }
}

impl std::fmt::Display for ExternalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExternalError::Missing { program, package } => write!(
                f,
                "读取此文件需要 {program}，但未安装：请安装软件包 {package}（apt-get install {package}）"
            ),
            ExternalError::Encrypted => f.write_str("PDF 文件已加密，没有密码无法读取"),
            ExternalError::Failed { program, detail } => {
                write!(f, "{program} 无法读取此文件：{detail}")
            }
            ExternalError::TimedOut { program, seconds } => {
                write!(f, "{program} 在 {seconds} 秒内未完成，已停止")
            }
            ExternalError::TooLarge { program } => {
                write!(f, "{program} 的输出超过 {} MB", MAX_OUTPUT >> 20)
            }
            ExternalError::Io(e) => write!(f, "文件读写失败：{e}"),
        }
    }
}

impl std::error::Error for ExternalError {}

/// The programs outside the process that some files need before they can be read. The
/// edges pass [`System`]; tests pass fakes.
pub trait Programs: Sync {
    /// The layout text of a PDF (`pdftotext -layout`).
    fn pdf_to_text(&self, pdf: &[u8]) -> Result<String, ExternalError>;
    /// An old binary Word or WPS document (its extension, its bytes) as a .docx.
    fn to_docx(&self, ext: &str, bytes: &[u8]) -> Result<Vec<u8>, ExternalError>;
}
