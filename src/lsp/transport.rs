//! The wire: JSON-RPC messages framed by `Content-Length` headers (the LSP
//! base protocol).
//!
//! In: the bytes of standard input, read on a thread of their own. Out:
//! [`Incoming`] values on a channel (a message, a payload that is not one,
//! to be answered with an error, or the end of the input), and through
//! [`Out`] framed messages on standard output, which carries nothing else.
//!
//! `lsp-server`'s own reader stops at the first payload that does not parse;
//! this one answers it with a JSON-RPC error and reads on, as the protocol
//! asks.

use lsp_server::Message;
use serde_json::Value;
use std::io::{BufRead, Read, Write};
use std::sync::mpsc;

/// The largest message read, in bytes: a guide is at most a few MiB
/// (`max_guide_kib`), and an editor sends a document whole at most.
const MAX_MESSAGE: usize = 64 * 1024 * 1024;

/// The longest header line read, in bytes.
const MAX_HEADER: u64 = 8 * 1024;

/// JSON-RPC's "the payload is not JSON".
pub(crate) const PARSE_ERROR: i32 = -32700;
/// JSON-RPC's "the JSON is not a request, response or notification".
pub(crate) const INVALID_REQUEST: i32 = -32600;

/// What the reader thread hands on.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// A request, response or notification.
    Message(Message),
    /// A frame whose payload is not a JSON-RPC message: the error to answer
    /// with, under the request's id when one could be read (else `null`).
    Malformed {
        /// The `id` of the payload, or `null`.
        id: Value,
        /// [`PARSE_ERROR`] or [`INVALID_REQUEST`].
        code: i32,
        /// What is wrong with it.
        message: String,
    },
    /// The input ended, cleanly (`None`) or because it can no longer be
    /// split into messages (why).
    Closed(Option<String>),
}

/// Reads framed messages from `input` on a new thread until the input
/// ends, an `exit` notification arrives or the receiver is dropped.
pub(crate) fn spawn_reader<R: Read + Send + 'static>(input: R) -> mpsc::Receiver<Incoming> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            let mut input = std::io::BufReader::new(input);
            loop {
                let incoming = match read_frame(&mut input) {
                    Ok(Frame::Payload(bytes)) => classify(&bytes),
                    Ok(Frame::TooLarge(len)) => Incoming::Malformed {
                        id: Value::Null,
                        code: INVALID_REQUEST,
                        message: format!(
                            "a message of {len} bytes is larger than the {MAX_MESSAGE} bytes read"
                        ),
                    },
                    Ok(Frame::End) => Incoming::Closed(None),
                    Err(why) => Incoming::Closed(Some(why)),
                };
                let last = match &incoming {
                    Incoming::Closed(_) => true,
                    Incoming::Message(Message::Notification(n)) => n.method == "exit",
                    _ => false,
                };
                if tx.send(incoming).is_err() || last {
                    return;
                }
            }
        });
    if let Err(e) = spawned {
        // Without a reader there is no input: the server sees it closed.
        let (tx, rx) = mpsc::channel();
        let _ = tx.send(Incoming::Closed(Some(format!(
            "cannot start a thread: {e}"
        ))));
        return rx;
    }
    rx
}

/// One frame of the input.
#[derive(Debug, PartialEq)]
enum Frame {
    Payload(Vec<u8>),
    /// A well-framed message over [`MAX_MESSAGE`], skipped: its length.
    TooLarge(usize),
    End,
}

/// Reads the headers and the payload of one message. An error means the
/// input cannot be split into messages any more.
fn read_frame(input: &mut impl BufRead) -> Result<Frame, String> {
    let mut length = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let n = input
            .by_ref()
            .take(MAX_HEADER)
            .read_until(b'\n', &mut line)
            .map_err(|e| format!("cannot read the input: {e}"))?;
        if n == 0 {
            return if first {
                Ok(Frame::End)
            } else {
                Err("the input ended inside a message's headers".into())
            };
        }
        first = false;
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(format!(
                "a header line does not end with CRLF: {:?}",
                String::from_utf8_lossy(&line)
            ));
        };
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        let Some((name, value)) = line.split_once(':') else {
            return Err(format!("not a header: {line:?}"));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let n = value
                .trim()
                .parse::<usize>()
                .map_err(|_| format!("not a length: {line:?}"))?;
            length = Some(n);
        }
    }
    let length = length.ok_or("a message has no Content-Length header")?;
    if length > MAX_MESSAGE {
        let skipped = std::io::copy(
            &mut input.by_ref().take(length as u64),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("cannot read the input: {e}"))?;
        if skipped < length as u64 {
            return Err("the input ended inside a message".into());
        }
        return Ok(Frame::TooLarge(length));
    }
    let mut payload = vec![0; length];
    input
        .read_exact(&mut payload)
        .map_err(|_| "the input ended inside a message".to_string())?;
    Ok(Frame::Payload(payload))
}

/// A payload → the message it holds, or the error to answer it with.
fn classify(bytes: &[u8]) -> Incoming {
    match serde_json::from_slice::<Message>(bytes) {
        Ok(m) => Incoming::Message(m),
        Err(e) => match serde_json::from_slice::<Value>(bytes) {
            Err(e) => Incoming::Malformed {
                id: Value::Null,
                code: PARSE_ERROR,
                message: format!("the message is not JSON: {e}"),
            },
            Ok(v) => Incoming::Malformed {
                id: v
                    .get("id")
                    .filter(|id| id.is_number() || id.is_string())
                    .cloned()
                    .unwrap_or(Value::Null),
                code: INVALID_REQUEST,
                message: format!("not a JSON-RPC request, response or notification: {e}"),
            },
        },
    }
}

/// Where messages go: standard output in the server, a buffer in tests.
pub(crate) struct Out<W: Write> {
    writer: W,
}

impl<W: Write> Out<W> {
    /// Messages written to `writer`.
    pub(crate) fn new(writer: W) -> Out<W> {
        Out { writer }
    }

    /// Writes one message, framed, and flushes it.
    pub(crate) fn send(&mut self, message: impl Into<Message>) -> std::io::Result<()> {
        message.into().write(&mut self.writer)?;
        self.writer.flush()
    }

    /// Writes an error response whose id may be `null`, which
    /// `lsp_server::Response` cannot hold.
    pub(crate) fn send_error(
        &mut self,
        id: Value,
        code: i32,
        message: &str,
    ) -> std::io::Result<()> {
        let text = serde_json::json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": {"code": code, "message": message},
        })
        .to_string();
        write!(self.writer, "Content-Length: {}\r\n\r\n{text}", text.len())?;
        self.writer.flush()
    }

    /// The writer, for tests that read what was written.
    #[cfg(test)]
    pub(crate) fn into_inner(self) -> W {
        self.writer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<Frame, String>> {
        let mut input = std::io::Cursor::new(input.to_vec());
        let mut out = Vec::new();
        loop {
            let f = read_frame(&mut input);
            let stop = !matches!(f, Ok(Frame::Payload(_)) | Ok(Frame::TooLarge(_)));
            out.push(f);
            if stop {
                return out;
            }
        }
    }

    #[test]
    fn frames_are_split_by_content_length() {
        let got =
            frames(b"Content-Length: 2\r\nContent-Type: x\r\n\r\n{}content-length:3\r\n\r\n[1]");
        assert_eq!(
            got,
            vec![
                Ok(Frame::Payload(b"{}".to_vec())),
                Ok(Frame::Payload(b"[1]".to_vec())),
                Ok(Frame::End)
            ]
        );
    }

    #[test]
    fn broken_framing_is_an_error_not_a_panic() {
        for input in [
            &b"Content-Length: x\r\n\r\n"[..],
            b"Content-Length: 10\r\n\r\n{}",
            b"Content-Type: y\r\n\r\n{}",
            b"Content-Length: 2\n\n{}",
            b"Content-Length: 2\r\n",
            b"garbage",
        ] {
            let got = frames(input);
            assert!(
                matches!(got.last(), Some(Err(_))),
                "{:?}: {got:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn payloads_that_are_not_messages_get_an_error_with_their_id() {
        match classify(b"{not json") {
            Incoming::Malformed { id, code, .. } => {
                assert_eq!((id, code), (Value::Null, PARSE_ERROR));
            }
            other => panic!("{other:?}"),
        }
        match classify(br#"{"jsonrpc":"2.0","id":7,"method":3}"#) {
            Incoming::Malformed { id, code, .. } => {
                assert_eq!((id, code), (Value::from(7), INVALID_REQUEST));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            classify(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            Incoming::Message(Message::Request(_))
        ));
    }

    #[test]
    fn an_error_with_a_null_id_is_framed() {
        let mut out = Out::new(Vec::new());
        out.send_error(Value::Null, PARSE_ERROR, "bad").unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        let body = r#"{"error":{"code":-32700,"message":"bad"},"id":null,"jsonrpc":"2.0"}"#;
        assert_eq!(
            text,
            format!("Content-Length: {}\r\n\r\n{body}", body.len())
        );
    }
}
