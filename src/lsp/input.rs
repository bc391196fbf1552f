//! A guard in front of the framework's input. The framework stops reading, and so the server
//! exits, after a message whose body is not JSON; this pump passes on only well-formed frames
//! and drops the rest with a note on stderr.

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

/// Longest header line accepted; longer ones are garbage.
const MAX_HEADER: usize = 8 * 1024;

/// Copies framed messages from `input` to `output` until `input` ends.
pub async fn pump<R, W>(input: R, mut output: W)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = BufReader::new(input);
    loop {
        // Headers up to a blank line; only Content-Length matters.
        let mut len: Option<usize> = None;
        loop {
            let mut line = Vec::new();
            match (&mut r)
                .take(MAX_HEADER as u64)
                .read_until(b'\n', &mut line)
                .await
            {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                if len.is_some() {
                    break;
                }
                continue;
            }
            if let Some((name, value)) = text.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                len = value.trim().parse().ok();
            }
        }
        let Some(len) = len else { continue };
        let mut body = vec![0u8; len];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        if serde_json::from_slice::<serde::de::IgnoredAny>(&body).is_err() {
            eprintln!("nianbao lsp: ignoring a message whose body is not JSON ({len} bytes)");
            continue;
        }
        let head = format!("Content-Length: {len}\r\n\r\n");
        if output.write_all(head.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
        {
            return;
        }
        let _ = output.flush().await;
    }
}
