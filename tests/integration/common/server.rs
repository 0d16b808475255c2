//! `careerbook serve` and `careerbook watch` as a user runs them: the binary
//! started on a site, waited for, talked to over HTTP (through ureq, or byte
//! for byte over a socket), and killed when the test ends. Every wait is
//! bounded by [`WAIT`].

use super::command;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// The longest a test waits for a line, an event or a settled count.
pub(crate) const WAIT: Duration = Duration::from_secs(30);

/// A running `careerbook` process, killed on drop. Its output is read as
/// it comes, so the process never blocks on a full pipe.
pub(crate) struct Running {
    child: Child,
    /// Lines of standard output.
    pub stdout: Receiver<String>,
    /// Lines of standard error.
    pub stderr: Receiver<String>,
}

impl Running {
    /// Starts `careerbook ARGS --root ROOT`.
    pub(crate) fn start(args: &[&str], root: &Path) -> Running {
        let mut child = command()
            .args(args)
            .arg("--root")
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start careerbook {args:?}: {e}"));
        let stdout = lines_of(child.stdout.take().expect("stdout"));
        let stderr = lines_of(child.stderr.take().expect("stderr"));
        Running {
            child,
            stdout,
            stderr,
        }
    }

    /// The process id.
    pub(crate) fn id(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines of `r`, read on a thread of their own.
pub(crate) fn lines_of(r: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Waits for a line satisfying `want`, returning every line seen, the
/// matching one last.
pub(crate) fn wait_line(rx: &Receiver<String>, want: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + WAIT;
    let mut seen = String::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                seen.push_str(&line);
                seen.push('\n');
                if want(&line) {
                    return seen;
                }
            }
            Err(_) => break,
        }
    }
    panic!("timed out waiting; saw:\n{seen}");
}

/// A running `careerbook serve`, killed on drop.
pub(crate) struct Server {
    running: Running,
    /// The printed URL, ending in the base path: `http://127.0.0.1:PORT/repo/`.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub host: String,
}

/// Starts `careerbook serve --port 0` on `root` and waits for its URL.
pub(crate) fn serve(root: &Path) -> Server {
    let running = Running::start(&["serve", "--port", "0"], root);
    let seen = wait_line(&running.stdout, |l| l.starts_with("Serving at "));
    let url = seen
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("Serving at "))
        .expect("url")
        .to_string();
    let rest = url.trim_start_matches("http://");
    let host = rest[..rest.find('/').unwrap_or(rest.len())].to_string();
    Server { running, url, host }
}

impl Server {
    /// Lines the server writes to standard error.
    pub(crate) fn stderr(&self) -> &Receiver<String> {
        &self.running.stderr
    }

    /// `http://127.0.0.1:PORT`, without the base path.
    pub(crate) fn origin(&self) -> String {
        format!("http://{}", self.host)
    }

    /// The base path, e.g. `/repo/`.
    pub(crate) fn base(&self) -> String {
        self.url[self.url.find(&self.host).expect("host") + self.host.len()..].to_string()
    }

    /// A fresh connection to the server.
    pub(crate) fn connect(&self) -> TcpStream {
        connect(&self.host)
    }

    /// Sends `head` (request line and headers, without the blank line) and
    /// returns the whole response, as lossy text.
    pub(crate) fn send(&self, head: &[u8]) -> String {
        let mut s = self.connect();
        let mut req = head.to_vec();
        req.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
        // The server may answer and close before it has read everything.
        let _ = s.write_all(&req);
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// `GET path`, the path sent exactly as written, and the whole response.
    pub(crate) fn raw_get(&self, path: &str) -> String {
        self.send(format!("GET {path} HTTP/1.1\r\nHost: {}", self.host).as_bytes())
    }

    /// Open file descriptors of the server process.
    pub(crate) fn fds(&self) -> usize {
        std::fs::read_dir(format!("/proc/{}/fd", self.running.id()))
            .expect("/proc/PID/fd")
            .count()
    }

    /// Waits until the descriptor count is at most `limit`; returns the
    /// last count seen.
    pub(crate) fn fds_settle(&self, limit: usize) -> usize {
        let deadline = Instant::now() + WAIT;
        loop {
            let n = self.fds();
            if n <= limit || Instant::now() > deadline {
                return n;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Subscribes to the live-reload stream; yields each event's data line.
    pub(crate) fn subscribe(&self) -> Receiver<String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(None)
            .build()
            .into();
        let resp = agent
            .get(format!("{}/__careerbook/livereload", self.origin()))
            .call()
            .expect("subscribe");
        assert!(header(&resp, "content-type").starts_with("text/event-stream"));
        let lines = lines_of(resp.into_body().into_reader());
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            while let Ok(line) = lines.recv() {
                if let Some(data) = line.strip_prefix("data: ") {
                    if tx.send(data.to_string()).is_err() {
                        break;
                    }
                }
            }
        });
        rx
    }
}

/// A connection to `host` (`127.0.0.1:PORT`), with bounded reads and writes.
pub(crate) fn connect(host: &str) -> TcpStream {
    let s = TcpStream::connect(host).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    s.set_write_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    s
}

/// The status code of a raw response.
pub(crate) fn status(resp: &str) -> u16 {
    resp.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {:?}", &resp[..resp.len().min(200)]))
}

/// The body of a raw response.
pub(crate) fn body(resp: &str) -> &str {
    resp.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// An HTTP client that returns error statuses and redirects as they are.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// GET: status, content type, body.
pub(crate) fn get(url: &str) -> (u16, String, String) {
    let resp = agent().get(url).call().expect("GET");
    let status = resp.status().as_u16();
    let kind = header(&resp, "content-type");
    let body = resp.into_body().read_to_string().expect("body");
    (status, kind, body)
}

/// A response header, empty when absent.
pub(crate) fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> String {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}
