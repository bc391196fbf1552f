//! Running the programs (see the module above): each run is bounded by a time limit (the
//! program is killed past it) and a limit on what it may write back.

use super::{ExternalError, MAX_OUTPUT, Programs};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long `pdftotext` may take: a few hundred pages of text take seconds.
pub const PDF_TIMEOUT: Duration = Duration::from_secs(60);
/// How long LibreOffice may take to start and convert one document.
pub const CONVERT_TIMEOUT: Duration = Duration::from_secs(180);

/// The programs installed on this machine.
pub struct System;

impl Programs for System {
    fn pdf_to_text(&self, pdf: &[u8]) -> Result<String, ExternalError> {
        pdf_to_text(pdf)
    }

    fn to_docx(&self, ext: &str, bytes: &[u8]) -> Result<Vec<u8>, ExternalError> {
        let work = TempDir::new("input")?;
        let ext = if ext.chars().all(|c| c.is_ascii_alphanumeric()) {
            ext
        } else {
            "doc"
        };
        let path = work.0.join(format!("input.{ext}"));
        std::fs::write(&path, bytes).map_err(|e| ExternalError::Io(e.to_string()))?;
        convert_to_docx(&path)
    }
}

/// What a finished program left.
struct Output {
    status: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

/// Runs `cmd`, feeding it `input` on stdin, within `limit`.
fn run(
    program: &'static str,
    package: &'static str,
    mut cmd: Command,
    input: Option<Vec<u8>>,
    limit: Duration,
) -> Result<Output, ExternalError> {
    cmd.stdin(if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ExternalError::Missing { program, package },
        _ => ExternalError::Io(e.to_string()),
    })?;
    let feeder = input.and_then(|bytes| {
        let mut stdin = child.stdin.take()?;
        // A program that stops reading early closes the pipe: that is its answer, not ours.
        Some(std::thread::spawn(move || {
            let _ = stdin.write_all(&bytes);
        }))
    });
    let mut out = child.stdout.take().expect("stdout is piped");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let r = (&mut out).take(MAX_OUTPUT as u64 + 1).read_to_end(&mut buf);
        r.map(|_| buf)
    });
    let mut err = child.stderr.take().expect("stderr is piped");
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut err).take(64 * 1024).read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    });
    let status = wait(&mut child, limit).ok_or(ExternalError::TimedOut {
        program,
        seconds: limit.as_secs(),
    });
    if status.is_err() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let stdout = reader
        .join()
        .map_err(|_| ExternalError::Io("reader thread".into()))?
        .map_err(|e| ExternalError::Io(e.to_string()))?;
    let stderr = err_reader.join().unwrap_or_default();
    if let Some(f) = feeder {
        let _ = f.join();
    }
    let status = status?;
    if stdout.len() > MAX_OUTPUT {
        return Err(ExternalError::TooLarge { program });
    }
    Ok(Output {
        status: status.code(),
        stdout,
        stderr,
    })
}

/// Waits for the child until `limit`, polling (std has no wait with a timeout).
fn wait(child: &mut Child, limit: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(s)) => return Some(s),
            Ok(None) if start.elapsed() < limit => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            _ => return None,
        }
    }
}

fn pdftotext(cmd: Command, input: Option<Vec<u8>>) -> Result<String, ExternalError> {
    let out = run("pdftotext", "poppler-utils", cmd, input, PDF_TIMEOUT)?;
    if out.status != Some(0) {
        // pdftotext says "Incorrect password" for a PDF it cannot open without one.
        if out.stderr.contains("password") {
            return Err(ExternalError::Encrypted);
        }
        let detail = out.stderr.lines().last().unwrap_or("").trim().to_string();
        return Err(ExternalError::Failed {
            program: "pdftotext",
            detail: if detail.is_empty() {
                format!("exit status {:?}", out.status)
            } else {
                detail
            },
        });
    }
    // Asked for UTF-8; a damaged font map may still give stray bytes, shown as U+FFFD.
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn pdftotext_command(input: &str) -> Command {
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-layout", "-enc", "UTF-8", "-eol", "unix", input, "-"]);
    cmd
}

/// The layout text of a PDF file (`pdftotext -layout`), for [`crate::source::pdf::read_layout_text`].
pub fn pdf_file_to_text(path: &Path) -> Result<String, ExternalError> {
    let name = path
        .to_str()
        .ok_or_else(|| ExternalError::Io(format!("{}: not a UTF-8 path", path.display())))?;
    // A name starting with '-' would be read as an option.
    let name = if name.starts_with('-') {
        format!("./{name}")
    } else {
        name.to_string()
    };
    pdftotext(pdftotext_command(&name), None)
}

/// The layout text of a PDF held in memory, given to `pdftotext` on its standard input.
pub fn pdf_to_text(pdf: &[u8]) -> Result<String, ExternalError> {
    pdftotext(pdftotext_command("-"), Some(pdf.to_vec()))
}

/// A directory removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> Result<TempDir, ExternalError> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!(
            "nianbao-{tag}-{}-{}-{nanos}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| ExternalError::Io(e.to_string()))?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Converts an old binary Word or WPS document (.doc, .wps) to .docx with LibreOffice
/// (`soffice --headless --convert-to docx`), in a throwaway profile so that it neither needs
/// nor touches the user's, and returns the .docx bytes.
pub fn convert_to_docx(path: &Path) -> Result<Vec<u8>, ExternalError> {
    let work = TempDir::new("convert")?;
    let profile = work.0.join("profile");
    let out_dir = work.0.join("out");
    std::fs::create_dir_all(&out_dir).map_err(|e| ExternalError::Io(e.to_string()))?;
    // LibreOffice names its output after the input: copy the input under a plain name, so
    // that odd names (spaces, a leading '-') cannot confuse it.
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or("doc");
    let input = work.0.join(format!("input.{ext}"));
    std::fs::copy(path, &input)
        .map_err(|e| ExternalError::Io(format!("{}: {e}", path.display())))?;
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
    ])
    .arg(&out_dir)
    .arg(&input);
    let out = run(
        "soffice",
        "libreoffice-writer-nogui",
        cmd,
        None,
        CONVERT_TIMEOUT,
    )?;
    let docx = out_dir.join("input.docx");
    match std::fs::read(&docx) {
        Ok(bytes) if bytes.len() <= MAX_OUTPUT => Ok(bytes),
        Ok(_) => Err(ExternalError::TooLarge { program: "soffice" }),
        Err(_) => Err(ExternalError::Failed {
            program: "soffice",
            detail: {
                let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), out.stderr);
                let said = said.trim();
                if said.is_empty() {
                    format!("no .docx written (exit status {:?})", out.status)
                } else {
                    said.lines().last().unwrap_or(said).to_string()
                }
            },
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_names_its_package() {
        let err = run(
            "nianbao-no-such-program",
            "poppler-utils",
            Command::new("nianbao-no-such-program"),
            None,
            PDF_TIMEOUT,
        )
        .err()
        .unwrap();
        assert!(matches!(err, ExternalError::Missing { .. }));
        assert!(err.to_string().contains("apt-get install poppler-utils"));
        assert!(err.english().contains("install the package poppler-utils"));
    }

    #[test]
    fn a_program_past_its_time_is_stopped() {
        let mut cmd = Command::new("sleep");
        cmd.arg("5");
        let start = Instant::now();
        let err = run("sleep", "coreutils", cmd, None, Duration::from_millis(200))
            .err()
            .unwrap();
        assert!(matches!(err, ExternalError::TimedOut { .. }), "{err:?}");
        assert!(start.elapsed() < Duration::from_secs(4));
    }
}
