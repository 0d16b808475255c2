//! `careerbook lsp`: a language server for guide files, `site.yaml` and
//! `skills.yaml`, spoken over standard input and output (JSON-RPC, the
//! Language Server Protocol), so an editor shows `careerbook check`'s
//! diagnostics as the author types, completes field names and values
//! (skills from `skills.yaml`), describes fields on hover, opens the guide
//! a `guide:` slug names and applies "did you mean" suggestions.
//!
//! In: messages from the editor (documents opened, changed, saved and
//! closed; requests). Out: responses, and the diagnostics of every open
//! document whose diagnostics changed. A document belongs to the site
//! found by walking up from it to the folder holding `site.yaml` (or
//! `guides/`); each site is a [`workspace::Workspace`], checked with the
//! open documents' text in place of their files whenever nothing else is
//! waiting to be read, so a burst of edits is checked once.
//!
//! - [`transport`]: framing on the wire, and payloads that are not messages.
//! - [`workspace`]: a site checked as `check` checks it, with open text.
//! - [`convert`]: URIs, positions, ranges and diagnostics in protocol terms.
//! - [`outline`]: the place of the cursor in front matter.
//! - [`fields`]: the schema read for an editor.
//! - [`complete`]: completion; [`navigate`]: hover, definition, quick fixes.

pub(crate) mod complete;
pub(crate) mod convert;
pub(crate) mod fields;
pub(crate) mod navigate;
pub(crate) mod outline;
pub(crate) mod transport;
pub(crate) mod workspace;

use lsp_server::{ErrorCode, Message, Notification, Request, Response};
use lsp_types as lsp;
use outline::DocKind;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use transport::{Incoming, Out};
use workspace::Workspace;

/// How the server checks sites.
#[derive(Debug, Clone, Copy, Default)]
pub struct LspOptions {
    /// Check drafts as published, as `check --drafts` does.
    pub drafts: bool,
}

/// Serves one editor on standard input and output until it says `exit` or
/// the input ends. Returns whether the session ended as the protocol asks:
/// a `shutdown` request, then `exit`.
pub fn run(opts: LspOptions) -> bool {
    serve(std::io::stdin(), std::io::stdout(), opts)
}

/// [`run`] over any input and output.
pub(crate) fn serve<R: Read + Send + 'static, W: Write>(
    input: R,
    output: W,
    opts: LspOptions,
) -> bool {
    let rx = transport::spawn_reader(input);
    let mut server = Server::new(output, opts);
    let mut waiting = None;
    loop {
        let incoming = match waiting.take() {
            Some(i) => i,
            None => rx.recv().unwrap_or(Incoming::Closed(None)),
        };
        match server.take(incoming) {
            Ok(Flow::Go) => {}
            Ok(Flow::Exit(clean)) => return clean,
            Err(e) => {
                eprintln!("careerbook lsp: cannot write to the editor: {e}");
                return false;
            }
        }
        // Check when nothing is waiting: a burst of edits is checked once.
        if !server.dirty.is_empty() {
            match rx.try_recv() {
                Ok(next) => waiting = Some(next),
                Err(_) => {
                    if let Err(e) = server.check_dirty() {
                        eprintln!("careerbook lsp: cannot write to the editor: {e}");
                        return false;
                    }
                }
            }
        }
    }
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Waiting for `initialize`.
    Starting,
    Running,
    /// `shutdown` answered; only `exit` is left.
    ShutDown,
}

/// Whether to read on.
enum Flow {
    Go,
    /// Stop; whether the session ended cleanly.
    Exit(bool),
}

/// An open document.
struct Doc {
    uri: lsp::Uri,
    text: String,
    version: i32,
    /// The site root and the path in it, for a guide, `site.yaml` or
    /// `skills.yaml`.
    site: Option<(PathBuf, PathBuf)>,
}

impl Doc {
    /// Which of the site's files it is (`None` outside a site).
    fn kind(&self) -> Option<DocKind> {
        self.site.as_ref().and_then(|(_, rel)| DocKind::of(rel))
    }

    /// Whether it is a guide.
    fn is_guide(&self) -> bool {
        self.kind() == Some(DocKind::Guide)
    }
}

/// The site `path` belongs to and its path there, when it is a guide
/// (`guides/**/*.md`), `site.yaml` or `skills.yaml`: the nearest folder
/// above it holding `site.yaml`, else the nearest holding `guides/`.
fn site_of(path: &Path) -> Option<(PathBuf, PathBuf)> {
    let fits = |dir: &Path| {
        let rel = path.strip_prefix(dir).ok()?;
        DocKind::of(rel).map(|_| (dir.to_path_buf(), rel.to_path_buf()))
    };
    let mut above = path.ancestors().skip(1);
    if let Some(dir) = above.clone().find(|d| d.join("site.yaml").is_file()) {
        return fits(dir);
    }
    above.find(|d| d.join("guides").is_dir()).and_then(fits)
}

/// An error answered to a request.
struct Failure(i32, String);

fn params<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, Failure> {
    serde_json::from_value(params)
        .map_err(|e| Failure(ErrorCode::InvalidParams as i32, e.to_string()))
}

struct Server<W: Write> {
    out: Out<W>,
    opts: LspOptions,
    state: State,
    docs: BTreeMap<String, Doc>,
    sites: BTreeMap<PathBuf, Workspace>,
    /// Sites to check again before the next quiet moment.
    dirty: BTreeSet<PathBuf>,
    /// What each open document was last told, for quick fixes and to send
    /// only changes.
    published: BTreeMap<String, Vec<lsp::Diagnostic>>,
}

impl<W: Write> Server<W> {
    fn new(output: W, opts: LspOptions) -> Server<W> {
        Server {
            out: Out::new(output),
            opts,
            state: State::Starting,
            docs: BTreeMap::new(),
            sites: BTreeMap::new(),
            dirty: BTreeSet::new(),
            published: BTreeMap::new(),
        }
    }

    fn take(&mut self, incoming: Incoming) -> std::io::Result<Flow> {
        match incoming {
            Incoming::Message(Message::Request(req)) => {
                let response = self.request(req);
                self.out.send(response)?;
                Ok(Flow::Go)
            }
            Incoming::Message(Message::Notification(n)) => Ok(self.notification(n)),
            Incoming::Message(Message::Response(_)) => Ok(Flow::Go),
            Incoming::Malformed { id, code, message } => {
                self.out.send_error(id, code, &message)?;
                Ok(Flow::Go)
            }
            Incoming::Closed(why) => {
                if let Some(why) = why {
                    eprintln!("careerbook lsp: {why}");
                }
                Ok(Flow::Exit(self.state == State::ShutDown))
            }
        }
    }

    fn request(&mut self, req: Request) -> Response {
        let id = req.id.clone();
        let answer = match (self.state, req.method.as_str()) {
            (State::Starting, "initialize") if req.params.is_object() => {
                self.state = State::Running;
                Ok(initialize_result())
            }
            (State::Starting, "initialize") => Err(Failure(
                ErrorCode::InvalidParams as i32,
                "`initialize` takes an object of parameters".into(),
            )),
            (State::Starting, _) => Err(Failure(
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized: send `initialize` first".into(),
            )),
            (State::ShutDown, _) => Err(Failure(
                ErrorCode::InvalidRequest as i32,
                "the server is shut down: only `exit` is left".into(),
            )),
            (State::Running, "initialize") => Err(Failure(
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".into(),
            )),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                Ok(Value::Null)
            }
            (State::Running, _) => {
                let method = req.method.clone();
                // A bug answers this request with an error; the session,
                // and the editor's other documents, carry on.
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.dispatch(req)))
                    .unwrap_or_else(|_| {
                        Err(Failure(
                            ErrorCode::InternalError as i32,
                            format!("careerbook failed on `{method}` (see its standard error)"),
                        ))
                    })
            }
        };
        match answer {
            Ok(value) => Response::new_ok(id, value),
            Err(Failure(code, message)) => Response::new_err(id, code, message),
        }
    }

    fn dispatch(&mut self, req: Request) -> Result<Value, Failure> {
        let value = match req.method.as_str() {
            "textDocument/completion" => {
                let p: lsp::CompletionParams = params(req.params)?;
                let at = p.text_document_position;
                let items = match self.document(&at.text_document.uri) {
                    Some((doc, site)) => match doc.kind() {
                        Some(kind) => complete::complete(&doc.text, kind, at.position, site),
                        None => Vec::new(),
                    },
                    None => Vec::new(),
                };
                serde_json::to_value(lsp::CompletionResponse::Array(items))
            }
            "textDocument/hover" => {
                let p: lsp::HoverParams = params(req.params)?;
                let at = p.text_document_position_params;
                let hover = self
                    .document(&at.text_document.uri)
                    .and_then(|(doc, site)| {
                        navigate::hover(&doc.text, doc.kind()?, at.position, site)
                    });
                serde_json::to_value(hover)
            }
            "textDocument/definition" => {
                let p: lsp::GotoDefinitionParams = params(req.params)?;
                let at = p.text_document_position_params;
                let found = self
                    .document(&at.text_document.uri)
                    .and_then(|(doc, site)| {
                        navigate::definition(
                            &doc.text,
                            at.position,
                            site.filter(|_| doc.is_guide())?,
                        )
                    });
                serde_json::to_value(found.map(lsp::GotoDefinitionResponse::Scalar))
            }
            "textDocument/codeAction" => {
                let p: lsp::CodeActionParams = params(req.params)?;
                self.refresh(&p.text_document.uri);
                let published = self.published.get(p.text_document.uri.as_str());
                let fixes = navigate::quick_fixes(
                    &p.text_document.uri,
                    &p.range,
                    published.map_or(&[][..], Vec::as_slice),
                );
                serde_json::to_value(fixes)
            }
            method => {
                return Err(Failure(
                    ErrorCode::MethodNotFound as i32,
                    format!("careerbook does not answer `{method}`"),
                ))
            }
        };
        value.map_err(|e| Failure(ErrorCode::InternalError as i32, e.to_string()))
    }

    /// Checks the site of `uri` now if an edit is still unchecked, so an
    /// answer reads the text as it is.
    fn refresh(&mut self, uri: &lsp::Uri) {
        let root = self
            .docs
            .get(uri.as_str())
            .and_then(|d| d.site.as_ref())
            .map(|(root, _)| root.clone());
        if let Some(root) = root.filter(|r| self.dirty.contains(r)) {
            // This site only, as `check_dirty` checks it.
            let mut later = std::mem::take(&mut self.dirty);
            later.remove(&root);
            self.dirty.insert(root);
            if let Err(e) = self.check_dirty() {
                eprintln!("careerbook lsp: cannot write to the editor: {e}");
            }
            self.dirty = later;
        }
    }

    /// An open document and its site (checked up to date).
    fn document(&mut self, uri: &lsp::Uri) -> Option<(&Doc, Option<&Workspace>)> {
        self.refresh(uri);
        let doc = self.docs.get(uri.as_str())?;
        doc.site.as_ref()?;
        let site = doc.site.as_ref().and_then(|(root, _)| self.sites.get(root));
        Some((doc, site))
    }

    fn notification(&mut self, n: Notification) -> Flow {
        if n.method == "exit" {
            return Flow::Exit(self.state == State::ShutDown);
        }
        if self.state != State::Running {
            return Flow::Go;
        }
        let method = n.method.clone();
        let done =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.document_event(n)));
        match done {
            Ok(Ok(())) => {}
            Ok(Err(Failure(_, why))) => eprintln!("careerbook lsp: `{method}` ignored: {why}"),
            Err(_) => eprintln!("careerbook lsp: `{method}` failed (see above)"),
        }
        Flow::Go
    }

    fn document_event(&mut self, n: Notification) -> Result<(), Failure> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let p: lsp::DidOpenTextDocumentParams = params(n.params)?;
                let d = p.text_document;
                let site = convert::uri_to_path(d.uri.as_str()).and_then(|p| site_of(&p));
                if let Some((root, _)) = &site {
                    self.dirty.insert(root.clone());
                }
                self.docs.insert(
                    d.uri.as_str().to_string(),
                    Doc {
                        uri: d.uri,
                        text: d.text,
                        version: d.version,
                        site,
                    },
                );
            }
            "textDocument/didChange" => {
                let p: lsp::DidChangeTextDocumentParams = params(n.params)?;
                let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else {
                    return Err(Failure(0, "the document is not open".into()));
                };
                for change in p.content_changes {
                    convert::apply_change(&mut doc.text, change);
                }
                doc.version = p.text_document.version;
                if let Some((root, _)) = &doc.site {
                    self.dirty.insert(root.clone());
                }
            }
            "textDocument/didClose" => {
                let p: lsp::DidCloseTextDocumentParams = params(n.params)?;
                let key = p.text_document.uri.as_str();
                if let Some(doc) = self.docs.remove(key) {
                    if self.published.remove(key).is_some_and(|d| !d.is_empty()) {
                        self.publish(&doc.uri, Vec::new(), None)
                            .map_err(|e| Failure(0, e.to_string()))?;
                    }
                    if let Some((root, _)) = doc.site {
                        self.dirty.insert(root);
                    }
                }
            }
            "textDocument/didSave" => {
                let p: lsp::DidSaveTextDocumentParams = params(n.params)?;
                let root = self
                    .docs
                    .get(p.text_document.uri.as_str())
                    .and_then(|d| d.site.clone());
                if let Some((root, _)) = root {
                    if let Some(site) = self.sites.get_mut(&root) {
                        site.saved();
                    }
                    self.dirty.insert(root);
                }
            }
            "workspace/didChangeWatchedFiles" => {
                for site in self.sites.values_mut() {
                    site.saved();
                }
                self.dirty.extend(self.sites.keys().cloned());
            }
            _ => {}
        }
        Ok(())
    }

    fn check_dirty(&mut self) -> std::io::Result<()> {
        while let Some(root) = self.dirty.pop_first() {
            let checked =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.check_site(&root)));
            match checked {
                Ok(written) => written?,
                Err(_) => {
                    // A bug in a check: the site is read afresh next time,
                    // and the other sites and requests carry on.
                    eprintln!(
                        "careerbook lsp: checking {} failed (see above)",
                        root.display()
                    );
                    self.sites.remove(&root);
                }
            }
        }
        Ok(())
    }

    /// Checks one site with its open documents and tells the editor about
    /// every open document whose diagnostics changed.
    fn check_site(&mut self, root: &Path) -> std::io::Result<()> {
        self.dirty.remove(root);
        let open: BTreeMap<PathBuf, Arc<str>> = self
            .docs
            .values()
            .filter_map(|d| match &d.site {
                Some((r, rel)) if r == root => Some((rel.clone(), Arc::from(d.text.as_str()))),
                _ => None,
            })
            .collect();
        if open.is_empty() {
            // No document of the site is open: nothing to show, nothing to keep.
            self.sites.remove(root);
            return Ok(());
        }
        let drafts = self.opts.drafts;
        let site = self
            .sites
            .entry(root.to_path_buf())
            .or_insert_with(|| Workspace::new(root.to_path_buf(), drafts));
        let found = match site.check(&open) {
            Ok(found) => found,
            Err(e) => {
                eprintln!("careerbook lsp: cannot check {}: {e:#}", root.display());
                return Ok(());
            }
        };
        let mut by_file: BTreeMap<&Path, Vec<&crate::diag::Diagnostic>> = BTreeMap::new();
        for d in &found {
            by_file.entry(d.file.as_path()).or_default().push(d);
        }
        let mut changed = Vec::new();
        for doc in self.docs.values() {
            let Some((r, rel)) = &doc.site else { continue };
            if r != root {
                continue;
            }
            let diags: Vec<lsp::Diagnostic> = by_file
                .get(rel.as_path())
                .into_iter()
                .flatten()
                .map(|d| convert::to_lsp(d, &doc.text))
                .collect();
            if self.published.get(doc.uri.as_str()) != Some(&diags) {
                changed.push((doc.uri.clone(), diags, doc.version));
            }
        }
        for (uri, diags, version) in changed {
            self.published
                .insert(uri.as_str().to_string(), diags.clone());
            self.publish(&uri, diags, Some(version))?;
        }
        Ok(())
    }

    fn publish(
        &mut self,
        uri: &lsp::Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    ) -> std::io::Result<()> {
        let params = lsp::PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version,
        };
        self.out.send(Notification::new(
            "textDocument/publishDiagnostics".into(),
            params,
        ))
    }
}

/// What the server can do, and its name.
fn initialize_result() -> Value {
    let capabilities = lsp::ServerCapabilities {
        position_encoding: Some(lsp::PositionEncodingKind::UTF16),
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
            lsp::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into()]),
            ..Default::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
            lsp::CodeActionOptions {
                code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                ..Default::default()
            },
        )),
        ..Default::default()
    };
    serde_json::to_value(lsp::InitializeResult {
        capabilities,
        server_info: Some(lsp::ServerInfo {
            name: "careerbook".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    })
    .unwrap_or(Value::Null)
}
