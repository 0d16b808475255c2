//! What careerbook prints to a person, and whether in colour: one policy for
//! every command.
//!
//! In: the global `--color`, `--quiet` and `--verbose` flags, and the
//! environment (`NO_COLOR`, `CLICOLOR_FORCE`, `CLICOLOR`, whether standard
//! error is a terminal), which `anstream` reads. Out: [`stderr`], standard
//! error that passes ANSI styles through only when colour is wanted and
//! strips them otherwise, and [`level`], how much to say.
//!
//! Messages are written with their styles; the stream decides. So the same
//! code prints to a terminal in colour and to a pipe, a file or CI as plain
//! text.

use std::sync::atomic::{AtomicU8, Ordering};

/// How much to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    /// `--quiet`: errors only.
    Quiet,
    /// Problems found and one summary line per build.
    Normal,
    /// `--verbose`: also what was read and written, and how long each step
    /// took.
    Verbose,
}

/// Whether output is coloured, as `--color` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColorWhen {
    /// Colour when standard error is a terminal, unless `NO_COLOR` is set
    /// or `CLICOLOR=0`; `CLICOLOR_FORCE` forces it.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

static LEVEL: AtomicU8 = AtomicU8::new(1);

/// Sets how much every command prints. Called once, at start.
pub(crate) fn set_level(level: Level) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

/// How much to print.
pub(crate) fn level() -> Level {
    match LEVEL.load(Ordering::Relaxed) {
        0 => Level::Quiet,
        1 => Level::Normal,
        _ => Level::Verbose,
    }
}

/// Whether only errors are printed (`--quiet`).
pub(crate) fn quiet() -> bool {
    level() == Level::Quiet
}

/// Whether reads, writes and timings are printed (`--verbose`).
pub(crate) fn verbose() -> bool {
    level() == Level::Verbose
}

/// Sets the colour policy of every stream [`stderr`] and `anstream` open
/// from now on. Called once, at start.
pub(crate) fn set_color(when: ColorWhen) {
    match when {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    }
    .write_global();
}

/// Standard error, locked, keeping ANSI styles only when colour is wanted.
pub(crate) fn stderr() -> anstream::AutoStream<std::io::StderrLock<'static>> {
    anstream::stderr().lock()
}

/// Whether what is written to [`stderr`] keeps its colours.
pub(crate) fn stderr_has_color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

/// The style of an error's first word.
pub(crate) const ERROR: anstyle::Style = anstyle::Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Red)));
/// The style of a warning's first word.
pub(crate) const WARNING: anstyle::Style = anstyle::Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Yellow)));
/// The style of good news: a build that worked, a problem fixed.
pub(crate) const GOOD: anstyle::Style = anstyle::Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Green)));
/// The style of the arrows and gutters around a source line.
pub(crate) const ACCENT: anstyle::Style = anstyle::Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(anstyle::AnsiColor::Blue)));
/// The style of what is shown for information only (`--verbose` lines).
pub(crate) const DIM: anstyle::Style = anstyle::Style::new().dimmed();

/// Writes one line to [`stderr`]; a failed write (no one reading) is
/// ignored, as for `eprintln!` without the panic.
pub(crate) fn say(line: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(stderr(), "{line}");
}

/// [`say`], unless `--quiet`.
pub(crate) fn note(line: impl std::fmt::Display) {
    if !quiet() {
        say(line);
    }
}

/// [`say`], dimmed, only with `--verbose`.
pub(crate) fn detail(line: impl std::fmt::Display) {
    if verbose() {
        say(format_args!("{DIM}{line}{DIM:#}"));
    }
}
