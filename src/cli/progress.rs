//! A progress line for slow builds, shown only to a person at a terminal.
//!
//! Fast builds print nothing extra: the line appears only once a build has
//! run for [`DELAY`], and never when stderr is not a terminal or with
//! `--quiet`, so CI logs and redirected output stay clean. Its spinner is
//! coloured as [`crate::util::term`] says.

use crate::util::term;
use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a build runs before the progress line appears.
pub(crate) const DELAY: Duration = Duration::from_millis(300);

/// A running progress indicator; [`Progress::finish`] clears it.
#[derive(Debug)]
pub(crate) struct Progress {
    done: Option<(Sender<()>, JoinHandle<()>)>,
}

impl Progress {
    /// Starts showing `what…` after [`DELAY`] if stderr is a terminal,
    /// `CI` is not set and `--quiet` was not given.
    pub(crate) fn start(what: &'static str) -> Progress {
        let shown =
            std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() && !term::quiet();
        if !shown {
            return Progress { done: None };
        }
        let (tx, rx) = mpsc::channel::<()>();
        let style = if term::stderr_has_color() {
            term::DIM
        } else {
            anstyle::Style::new()
        };
        let handle = std::thread::spawn(move || {
            const FRAMES: [char; 4] = ['|', '/', '-', '\\'];
            if !matches!(rx.recv_timeout(DELAY), Err(RecvTimeoutError::Timeout)) {
                return;
            }
            let mut i = 0;
            loop {
                let _ = write!(
                    std::io::stderr(),
                    "\r{style}{}{style:#} {what}…",
                    FRAMES[i % FRAMES.len()]
                );
                i += 1;
                if !matches!(
                    rx.recv_timeout(Duration::from_millis(120)),
                    Err(RecvTimeoutError::Timeout)
                ) {
                    // Erase the line so the summary replaces it.
                    let _ = write!(std::io::stderr(), "\r\x1b[2K");
                    return;
                }
            }
        });
        Progress {
            done: Some((tx, handle)),
        }
    }

    /// Stops the indicator and erases its line, if it was shown.
    pub(crate) fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some((tx, handle)) = self.done.take() {
            let _ = tx.send(());
            let _ = handle.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop();
    }
}
