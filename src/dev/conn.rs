//! The dev server's connections: accepted from a listening socket and
//! handed to hyper within bounds, so that no client, however it behaves,
//! can take the server away from the others.
//!
//! In: a listener and the router. Out: every connection served until the
//! process ends, each under the limits below: at most [`MAX_CONNECTIONS`]
//! at once, [`HEADER_TIMEOUT`] to send a request's headers, and
//! [`WRITE_TIMEOUT`] to take any of the response ([`WriteTimeout`]). The
//! budget of live-reload streams inside these connections is `serve`'s.

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Semaphore;

/// How long a client may take to send a request's headers, counted from
/// the moment the server starts waiting for them (so an idle keep-alive
/// connection is closed after this too). A browser sends them at once.
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a response may wait for the client to take any of it. A
/// browser reads as bytes arrive; a client that leaves a page or a stream
/// unread until the socket buffers are full loses its connection.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Connections served at once; further ones wait in the listen backlog
/// instead of taking descriptors the process may run out of.
pub(crate) const MAX_CONNECTIONS: usize = 1024;

/// Serves connections until the process ends. `axum::serve` would do the
/// same but cannot time out a client that never finishes its headers, so
/// each connection gets hyper's HTTP/1 server with a header read timeout.
pub(crate) async fn accept(listener: tokio::net::TcpListener, app: axum::Router) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of descriptors or memory: back off rather than spin.
            Err(e) if !is_connection_error(&e) => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
            Err(_) => continue,
        };
        let _ = stream.set_nodelay(true);
        let io = TokioIo::new(WriteTimeout::new(stream, WRITE_TIMEOUT));
        let conn = http.serve_connection(io, TowerToHyperService::new(app.clone()));
        tokio::spawn(async move {
            // A client that hangs up, sends garbage or stops reading ends
            // only its own connection; there is no one to tell.
            let _ = conn.await;
            drop(slot);
        });
    }
}

/// Errors that concern one connection only, not the listener.
fn is_connection_error(e: &io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset | Interrupted | WouldBlock
    )
}

/// A socket whose writes fail with [`io::ErrorKind::TimedOut`] once the
/// peer has taken nothing for `limit`: the clock runs only while a write
/// waits, and any progress stops it.
pub(crate) struct WriteTimeout<T> {
    io: T,
    limit: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<T> WriteTimeout<T> {
    /// Wraps `io`.
    pub(crate) fn new(io: T, limit: Duration) -> WriteTimeout<T> {
        WriteTimeout {
            io,
            limit,
            stalled: None,
        }
    }

    /// After `poll` of the inner socket: stops the clock when bytes went
    /// out (`wrote`), and while the socket cannot take more, starts it or
    /// reports it ran out. A flush that completes is no progress: it must
    /// not restart the clock of a write still waiting.
    fn watch<R>(
        &mut self,
        cx: &mut Context<'_>,
        poll: Poll<io::Result<R>>,
        wrote: bool,
    ) -> Poll<io::Result<R>> {
        if poll.is_ready() {
            if wrote {
                self.stalled = None;
            }
            return poll;
        }
        let limit = self.limit;
        let clock = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
        match clock.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client took nothing of the response in time",
            ))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for WriteTimeout<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for WriteTimeout<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.io).poll_write(cx, buf);
        this.watch(cx, poll, true)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.watch(cx, poll, true)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.io).poll_flush(cx);
        this.watch(cx, poll, false)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.io).poll_shutdown(cx);
        this.watch(cx, poll, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// A client that stops reading: writes go into the socket buffers until
    /// they are full, then fail once nothing has moved for the limit.
    #[test]
    fn a_write_the_client_never_takes_times_out() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let addr = listener.local_addr().expect("addr");
            let _client = std::net::TcpStream::connect(addr).expect("connect");
            let (stream, _) = listener.accept().await.expect("accept");
            let limit = Duration::from_millis(300);
            let mut io = WriteTimeout::new(stream, limit);
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0usize;
            let (err, waited) = loop {
                let start = Instant::now();
                let wrote = std::future::poll_fn(|cx| Pin::new(&mut io).poll_write(cx, &chunk));
                match wrote.await {
                    Ok(n) => sent += n,
                    Err(e) => break (e, start.elapsed()),
                }
                assert!(sent < 1 << 30, "the socket never filled up");
            };
            assert_eq!(err.kind(), io::ErrorKind::TimedOut);
            assert!(sent > 0, "bytes went out before the buffers filled");
            assert!(waited >= limit, "failed after {waited:?}, before the limit");
        });
    }
}
