//! An editor's side of `careerbook lsp`: the binary started with pipes,
//! JSON-RPC messages written to its standard input and read from its
//! standard output. Every byte it writes there must belong to a
//! `Content-Length` framed JSON message; anything else fails the test.

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a test waits for one message before failing.
const WAIT: Duration = Duration::from_secs(60);

/// A running `careerbook lsp`.
pub(crate) struct Lsp {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Result<Value, String>>,
    next_id: i64,
    /// Messages read while waiting for another one.
    unread: VecDeque<Value>,
}

/// The `file:` URI of a path (test paths need no escaping).
pub(crate) fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Reads framed messages until the output ends; a byte outside a frame
/// is reported as an error.
fn read_frames(out: impl Read, tx: mpsc::Sender<Result<Value, String>>) {
    let mut out = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match out.read_line(&mut line) {
                Ok(0) if length.is_none() => return,
                Ok(0) => {
                    let _ = tx.send(Err("output ended inside headers".into()));
                    return;
                }
                Ok(_) => {}
                Err(e) => {
                    let _ = tx.send(Err(format!("output is not text: {e}")));
                    return;
                }
            }
            if line == "\r\n" && length.is_some() {
                break;
            }
            match line
                .strip_prefix("Content-Length: ")
                .and_then(|l| l.strip_suffix("\r\n"))
            {
                Some(n) => length = n.parse::<usize>().ok(),
                None => {
                    let _ = tx.send(Err(format!("not a JSON-RPC header on stdout: {line:?}")));
                    return;
                }
            }
        }
        let mut body = vec![0; length.unwrap_or(0)];
        if out.read_exact(&mut body).is_err() {
            let _ = tx.send(Err("output ended inside a message".into()));
            return;
        }
        let parsed = serde_json::from_slice::<Value>(&body)
            .map_err(|e| {
                format!(
                    "not JSON on stdout ({e}): {}",
                    String::from_utf8_lossy(&body)
                )
            })
            .and_then(|v| match v.get("jsonrpc") {
                Some(Value::String(s)) if s == "2.0" => Ok(v),
                _ => Err(format!("not JSON-RPC 2.0: {v}")),
            });
        if tx.send(parsed).is_err() {
            return;
        }
    }
}

impl Lsp {
    /// Starts `careerbook lsp` with `args` after it.
    pub(crate) fn start(args: &[&str]) -> Lsp {
        let mut child = super::command()
            .arg("lsp")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start careerbook lsp");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || read_frames(stdout, tx));
        Lsp {
            stdin: child.stdin.take(),
            child,
            rx,
            next_id: 0,
            unread: VecDeque::new(),
        }
    }

    /// Starts the server and goes through `initialize` and `initialized`;
    /// returns the `initialize` result.
    pub(crate) fn initialized(root: &Path) -> (Lsp, Value) {
        let mut lsp = Lsp::start(&[]);
        let init = lsp.request(
            "initialize",
            json!({"processId": null, "rootUri": uri(root), "capabilities": {}}),
        );
        lsp.notify("initialized", json!({}));
        (lsp, init["result"].clone())
    }

    /// Writes raw bytes to the server's input.
    pub(crate) fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("input open");
        stdin.write_all(bytes).expect("write to careerbook lsp");
        stdin.flush().expect("flush");
    }

    /// Writes one message, framed.
    pub(crate) fn send(&mut self, mut message: Value) {
        message["jsonrpc"] = json!("2.0");
        let body = message.to_string();
        self.write_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"method": method, "params": params}));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The next message from the server.
    fn next(&mut self) -> Value {
        match self.rx.recv_timeout(WAIT) {
            Ok(Ok(m)) => m,
            Ok(Err(e)) => panic!("careerbook lsp wrote something else than JSON-RPC: {e}"),
            Err(e) => panic!("no message from careerbook lsp ({e})"),
        }
    }

    /// The first message, already read or next, that `matches`.
    pub(crate) fn wait_for(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&matches) {
            return self.unread.remove(i).expect("found");
        }
        loop {
            let m = self.next();
            if matches(&m) {
                return m;
            }
            self.unread.push_back(m);
        }
    }

    /// The next diagnostics published for the file at `path`.
    pub(crate) fn diagnostics(&mut self, path: &Path) -> Vec<Value> {
        let uri = uri(path);
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri.as_str()
        });
        m["params"]["diagnostics"]
            .as_array()
            .expect("a list")
            .clone()
    }

    /// Opens a document with this text (the file need not exist).
    pub(crate) fn open(&mut self, path: &Path, text: &str) {
        let language = if path.extension().is_some_and(|e| e == "md") {
            "markdown"
        } else {
            "yaml"
        };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Replaces the whole text of an open document.
    pub(crate) fn change(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Sends `shutdown` (expecting a null result) and `exit`; returns how
    /// the process ended.
    pub(crate) fn shutdown(&mut self) -> ExitStatus {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer.get("result"), Some(&Value::Null), "{answer}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end, failing after a while.
    pub(crate) fn wait(&mut self) -> ExitStatus {
        drop(self.stdin.take());
        for _ in 0..600 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                // Nothing but frames until the very end.
                while let Ok(m) = self.rx.recv_timeout(Duration::from_millis(200)) {
                    m.expect("only JSON-RPC on stdout");
                }
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("careerbook lsp did not exit");
    }

    /// What the server wrote to standard error (after it ended).
    pub(crate) fn stderr(&mut self) -> String {
        let mut text = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            let _ = err.read_to_string(&mut text);
        }
        text
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
