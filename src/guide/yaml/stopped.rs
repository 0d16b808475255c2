//! Where the parser stopped, in words an author understands: a
//! [`ScanError`] and the text in, a [`YamlError`] out, at the line the
//! author must change when [`super::diagnose`] recognises the mistake
//! and the parser confirms the fix, else at the parser's own place.

use super::{alias_name, diagnose, YamlError};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::ScanError;

/// The parser's error, explained: where the author must act and what to
/// type when the text around it shows a known mistake
/// ([`diagnose::explain`]), else the parser's words made plainer.
pub(super) fn scan_error(text: &str, e: &ScanError, line_offset: usize) -> YamlError {
    let (line, col) = (e.marker().line(), e.marker().col());
    let info = e.info();
    if info.contains("unknown anchor") {
        let name = alias_name(text, line, col);
        return YamlError::at(
            line,
            col + 1,
            format!("alias `*{name}` names no anchor (an `&{name}` must come before it)"),
        );
    }
    let stopped = (line, col, info.to_string());
    // Of the explanations whose fix the parser reads past, the one that
    // leaves the indentation most regular; the first of equals.
    let mut read: Vec<(String, diagnose::Explained)> = diagnose::explain(text, line, line_offset)
        .into_iter()
        .filter_map(|found| {
            let fixed = found.fixed(text)?;
            reads_past(&fixed, &stopped, found.line).then_some((fixed, found))
        })
        .collect();
    let best = if read.len() > 1 {
        read.into_iter()
            .map(|(fixed, found)| (diagnose::irregularity(&fixed), found))
            .min_by_key(|(score, _)| *score)
            .map(|(_, found)| found)
    } else {
        read.pop().map(|(_, found)| found)
    };
    if let Some(found) = best {
        return YamlError {
            line: found.line,
            column: found.column,
            message: found.message,
            help: Some(found.help),
        };
    }
    let (message, help) = if info.contains("unknown escape") {
        (
            "a `\\` inside double quotes starts an escape YAML does not know",
            "write `\\\\` for a backslash, or use single quotes, where `\\` is just a backslash",
        )
    } else if info.contains("tab") {
        (
            "a tab is used for indentation or spacing here; YAML indentation must be spaces",
            "replace the tab with spaces",
        )
    } else if info.contains("quoted scalar") {
        (
            "a quoted value does not end properly here",
            "check that the value ends with the quote it starts with, and that nothing but a comment follows it",
        )
    } else if info.contains("mapping values are not allowed") {
        (
            "a `: ` here starts a field where none can start",
            "check this line's indentation, and put text that contains `: ` in quotes",
        )
    } else {
        (
            "the YAML cannot be read from here on",
            "check the indentation of this line and the one above, and the `:` after each field name",
        )
    };
    YamlError {
        line,
        column: col + 1,
        message: format!("{message} (the YAML parser says: {info})"),
        help: Some(help.into()),
    }
}

/// Whether the parser, reading `fixed`, gets past where it stopped in the
/// original text (`stopped`: line, 0-based column, message): it reads to
/// the end, or it stops somewhere else below line `changed`.
fn reads_past(fixed: &str, stopped: &(usize, usize, String), changed: usize) -> bool {
    let mut parser = Parser::new_from_str(fixed);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return true,
            Ok(_) => {}
            Err(e) => {
                let here = (e.marker().line(), e.marker().col(), e.info().to_string());
                return here != *stopped && here.0 > changed;
            }
        }
    }
}
