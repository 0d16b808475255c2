//! How [`super`] words each mistake: a line and what is wrong with it in,
//! an [`Explained`] out, with the message, the help naming what to type,
//! and the edit that fixes it.

use super::Explained;
use crate::guide::yaml::lines::{Line, Value};

/// What an item of a list field is called.
pub(super) fn item_noun(key: &str) -> String {
    match key {
        "ranges" => "salary range".into(),
        "sources" => "source".into(),
        "resources" => "resource".into(),
        other => format!("`{other}` item"),
    }
}

/// "1 space", "4 spaces".
pub(super) fn spaces(n: usize) -> String {
    if n == 1 {
        "1 space".into()
    } else {
        format!("{n} spaces")
    }
}

/// "indent `x` with 6 spaces", or "start `x` at the beginning of the line".
pub(super) fn indent_with(who: &str, n: usize) -> String {
    if n == 0 {
        format!("start {who} at the beginning of the line")
    } else {
        format!("indent {who} with {}", spaces(n))
    }
}

/// `text` with the part up to column `from` shifted to start at `want`.
pub(super) fn reindent(text: &str, from: usize, want: usize) -> String {
    let lead = text.len() - text.trim_start_matches(' ').len();
    let keep = lead.saturating_sub(from);
    format!(
        "{}{}",
        " ".repeat(want + keep),
        text.trim_start_matches(' ')
    )
}

/// Text shortened for a message.
pub(super) fn short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

pub(super) fn tab_after_colon(l: &Line<'_>, tab: usize) -> Explained {
    let key = l.key_name().unwrap_or("");
    let value = l.value_text();
    let mut fixed = l.text.to_string();
    fixed.replace_range(tab..tab + 1, " ");
    Explained {
        line: l.no,
        column: l.column(tab),
        message: format!(
            "a tab follows `{key}:`; careerbook reads a field's value only after a space"
        ),
        help: format!("put a space after the colon instead of the tab: `{key}: {value}`"),
        fix: vec![(l.no - 1, fixed)],
    }
}

pub(super) fn unclosed_quote(l: &Line<'_>, at: usize, quote: u8) -> Explained {
    let q = quote as char;
    let what = match l.key_name() {
        Some(k) => format!("the value of `{k}`"),
        None => "this value".into(),
    };
    let end = l.comment.unwrap_or(l.text.len());
    let inner = l.text[at + 1..end.max(at + 1)].trim_end();
    let fixed = format!("{}{q}", l.text[..end.max(at + 1)].trim_end());
    let written = match l.key_name() {
        Some(k) => format!("{k}: {q}{inner}{q}"),
        None => format!("{q}{inner}{q}"),
    };
    Explained {
        line: l.no,
        column: l.column(at),
        message: format!("the quote `{q}` that opens {what} is never closed"),
        help: format!("end the value with `{q}` on this line: `{written}`"),
        fix: vec![(l.no - 1, fixed)],
    }
}

pub(super) fn unclosed_flow(l: &Line<'_>, at: usize, open: u8) -> Explained {
    let (close, what) = if open == b'[' {
        (']', "list")
    } else {
        ('}', "group of fields")
    };
    let whose = match l.key_name() {
        Some(k) => format!(" of `{k}`"),
        None => String::new(),
    };
    let end = l.comment.unwrap_or(l.text.len());
    let body = l.text[..end].trim_end();
    let fixed = format!("{body}{close}");
    Explained {
        line: l.no,
        column: l.column(at),
        message: format!(
            "the {what}{whose} opens with `{}` but is never closed",
            open as char
        ),
        help: format!(
            "end it with `{close}` after its last item: `{}`",
            fixed.trim_start()
        ),
        fix: vec![(l.no - 1, fixed)],
    }
}

pub(super) fn colon_in_value(l: &Line<'_>, colon: usize) -> Explained {
    let key = l.key_name().unwrap_or("");
    let value = l.value_text();
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    let (_, key_end) = l.key.unwrap_or((0, 0));
    let end = l.comment.unwrap_or(l.text.len());
    let fixed = format!(
        "{}: {quoted}{}",
        &l.text[..key_end],
        l.text
            .get(end..)
            .map(|c| format!(" {c}"))
            .unwrap_or_default()
    );
    Explained {
        line: l.no,
        column: l.column(colon),
        message: format!(
            "the value of `{key}` holds `: `, which YAML reads as the start of another field"
        ),
        help: format!("put the value in quotes: `{key}: {quoted}`"),
        fix: vec![(l.no - 1, fixed.trim_end().to_string())],
    }
}

pub(super) fn stray(l: &Line<'_>, at: usize) -> Explained {
    let key = l.key_name();
    let whose = key.map_or("this value".into(), |k| format!("the value of `{k}`"));
    let end = l.comment.unwrap_or(l.text.len());
    let extra = l.text[at..end].trim_end();
    let value = l.value_text();
    let prefix = key.map_or(String::new(), |k| format!("{k}: "));
    let (message, help) = match l.value {
        Value::Quoted {
            quote: b'\'',
            at: open,
            closed: Some(c),
        } if c + 1 == at => {
            let inner = l.text[open + 1..end].trim_end().trim_end_matches('\'');
            (
                format!("the `'` after `{}` ends {whose} early", &l.text[open + 1..c]),
                format!(
                    "inside single quotes write an apostrophe twice (`{prefix}'{}'`), or use double quotes: `{prefix}\"{inner}\"`",
                    inner.replace('\'', "''")
                ),
            )
        }
        Value::Quoted { quote, .. } => {
            let other = if quote == b'"' { '\'' } else { '"' };
            (
                format!("`{extra}` follows the closing quote of {whose}"),
                format!(
                    "to keep the quotes as text, put the whole value in {} quotes: `{prefix}{other}{value}{other}`",
                    if other == '"' { "double" } else { "single" }
                ),
            )
        }
        Value::Flow {
            at: open,
            closed: Some(c),
            ..
        } => (
            format!("`{extra}` follows the end of {whose}"),
            format!(
                "put it inside the brackets with the other items (`{prefix}{}, {extra}{}`), or delete it",
                l.text[open..c].trim_end(),
                &l.text[c..=c]
            ),
        ),
        _ => (
            format!("`{extra}` follows the end of {whose}"),
            "delete it, or put the whole value in quotes".into(),
        ),
    };
    // An apostrophe that ends a single-quoted value is where to act.
    let act = match l.value {
        Value::Quoted {
            quote: b'\'',
            closed: Some(c),
            ..
        } if c + 1 == at => c,
        _ => at,
    };
    Explained {
        line: l.no,
        column: l.column(act),
        message,
        help,
        fix: vec![(l.no - 1, l.text[..at].trim_end().to_string())],
    }
}

pub(super) fn missing_colon(l: &Line<'_>, above: Option<(&str, usize)>) -> Explained {
    let content = l.content();
    let (name, rest) = match content.split_once([' ', '\t']) {
        Some((n, r)) => (n, r.trim()),
        None => (content, ""),
    };
    let words = content.split_whitespace().count();
    let (message, mut help) = if rest.is_empty() {
        (
            format!("`{name}` has no `:` after it"),
            format!("write `{name}:` followed by its value"),
        )
    } else {
        (
            format!("`{}` has no `:` after the field name", short(content)),
            format!("write `{name}: {rest}`"),
        )
    };
    if let Some(c) = l.comment {
        if l.text[c..].contains(':') {
            help.push_str(&format!(
                "; ` #` starts a comment, so `{}` is not read: put text holding ` #` in quotes",
                short(l.text[c..].trim_end())
            ));
        }
    }
    if let Some((key, line)) = above.filter(|_| words >= 3) {
        // Prose: most likely the text of the field above, wrapped.
        help = format!(
            "if it goes on with the text of `{key}` on line {line}, indent it by 2 spaces; if it is a field, {}",
            help.replacen("write", "write it as", 1)
        );
    }
    // The `:` goes right after the name; a comment stays where it was.
    let after = l.body + name.len();
    let fixed = if rest.is_empty() {
        format!("{}:{}", &l.text[..after], &l.text[after..])
    } else {
        format!("{}: {}", &l.text[..after], l.text[after..].trim_start())
    };
    Explained {
        line: l.no,
        column: l.column(l.body),
        message,
        help,
        fix: vec![(l.no - 1, fixed)],
    }
}

pub(super) fn not_an_item(
    l: &Line<'_>,
    owner: Option<&Line<'_>>,
    first: &Line<'_>,
    offset: usize,
) -> Explained {
    let owner_key = owner.and_then(Line::key_name);
    let what = owner_key.map_or("a list".into(), |k| format!("the list `{k}`"));
    let content = l.content();
    let at = l.start();
    // `key:` with nothing after it is most likely an item's text.
    let item = match (l.key_name(), l.value) {
        (Some(k), Value::Empty) => k,
        _ => content,
    };
    let mut help = format!(
        "write `- {}` to make it an item, like `{}` on line {}",
        short(item),
        short(first.text.trim()),
        first.no + offset
    );
    if let (Some(key), Some(o)) = (l.key_name(), owner) {
        let col = o.body;
        help.push_str(&format!(
            ", or {} if it is a field of its own",
            indent_with(&format!("`{key}`"), col)
        ));
    }
    let message = match (l.key_name(), l.value) {
        (Some(k), Value::Empty) => {
            format!("`{k}:` sits among the items of {what}, but has no `- ` before it")
        }
        _ => format!(
            "`{}` sits among the items of {what}, but has no `- ` before it",
            short(content)
        ),
    };
    Explained {
        line: l.no,
        column: l.column(at),
        message,
        help,
        fix: vec![(l.no - 1, format!("{}- {}", " ".repeat(at), &l.text[at..]))],
    }
}

pub(super) fn dash_space(l: &Line<'_>) -> Explained {
    let rest = &l.text[l.body + 1..];
    Explained {
        line: l.no,
        column: l.column(l.body),
        message: format!(
            "`-{}` has no space after its `-`, so it is not a list item",
            short(rest.trim_end())
        ),
        help: format!("write `- {}`", rest.trim_end()),
        fix: vec![(l.no - 1, format!("{}- {rest}", &l.text[..l.body]))],
    }
}
