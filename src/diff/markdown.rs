//! A [`Diff`] in, Markdown for people out: for a terminal, or for a pull
//! request's job summary (`careerbook diff base >> "$GITHUB_STEP_SUMMARY"`).
//!
//! One line per change, in the diff's order; figures as the site writes
//! them; URLs in code spans. A diff with no changes is one line.

use crate::diff::fields::Change;
use crate::diff::pages::{OldUrl, PageInfo};
use crate::diff::Diff;
use serde_json::Value;
use std::fmt::Write;

/// Text longer than this is reported as changed, without both versions.
const LONG_TEXT: usize = 80;

/// The diff as Markdown, ending with a newline.
pub fn render(d: &Diff) -> String {
    let since = match &d.base_commit {
        Some(commit) => format!("`{}` ({})", d.base, &commit[..commit.len().min(7)]),
        None => format!("`{}`", d.base),
    };
    let mut out = String::new();
    if d.empty {
        let _ = writeln!(out, "No changes to the site since {since}.");
        for note in &d.notes {
            let _ = writeln!(out, "- ⚠️ {note}");
        }
        return out;
    }
    let c = &d.counts;
    let _ = writeln!(out, "### Changes to the site since {since}\n");
    let _ = write!(
        out,
        "Guides: {} added, {} removed, {} renamed, {} changed. Pages: {} appear, {} disappear.",
        c.added, c.removed, c.renamed, c.changed, c.pages_appear, c.pages_disappear
    );
    if c.settings > 0 {
        let s = if c.settings == 1 { "" } else { "s" };
        let _ = write!(out, " site.yaml: {} setting{s} changed.", c.settings);
    }
    out.push('\n');
    if !d.notes.is_empty() {
        out.push('\n');
        for note in &d.notes {
            let _ = writeln!(out, "- ⚠️ {note}");
        }
    }
    let mut section = |title: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            let _ = writeln!(out, "\n#### {title}\n");
            for l in lines {
                let _ = writeln!(out, "{l}");
            }
        }
    };
    section(
        "site.yaml",
        d.site.iter().map(|c| format!("- {}", change(c))).collect(),
    );
    section(
        "Guides added",
        d.added
            .iter()
            .map(|g| {
                let draft = if g.was_draft { " (was a draft)" } else { "" };
                format!(
                    "- **{}** `{}` ({}){draft}",
                    one_line(&g.title),
                    g.url,
                    g.file
                )
            })
            .collect(),
    );
    section(
        "Guides removed",
        d.removed
            .iter()
            .map(|g| {
                let draft = if g.now_draft { " (now a draft)" } else { "" };
                let fate = match &g.old_url {
                    OldUrl::Broken => {
                        format!("⚠️ its URL breaks: no alias covers `{}`", g.url)
                    }
                    other => old_url(other, "its URL"),
                };
                format!("- **{}** `{}`{draft}: {fate}", one_line(&g.title), g.url)
            })
            .collect(),
    );
    section(
        "Guides renamed",
        d.renamed
            .iter()
            .map(|g| {
                let title = one_line(&g.title);
                match &g.old_url_now {
                    OldUrl::Unchanged => format!(
                        "- **{title}**: file `{}` -> `{}`; the URL `{}` is unchanged",
                        g.old_file, g.new_file, g.new_url
                    ),
                    OldUrl::Broken => format!(
                        "- **{title}**: `{}` -> `{}`; ⚠️ the old URL `{}` breaks: no alias covers it",
                        g.old_url, g.new_url, g.old_url
                    ),
                    OldUrl::Redirect { to, alias, .. } if *to == g.new_slug => format!(
                        "- **{title}**: `{}` -> `{}`; the alias `{alias}` keeps the old URL",
                        g.old_url, g.new_url
                    ),
                    other => format!(
                        "- **{title}**: `{}` -> `{}`; {}",
                        g.old_url,
                        g.new_url,
                        old_url(other, "the old URL")
                    ),
                }
            })
            .collect(),
    );
    section(
        "Guides changed",
        d.changed
            .iter()
            .flat_map(|g| {
                let head = format!("- **{}** `{}`", one_line(&g.title), g.url);
                std::iter::once(head).chain(g.changes.iter().map(|c| format!("  - {}", change(c))))
            })
            .collect(),
    );
    section(
        "Pages that appear",
        d.pages.appear.iter().map(page).collect(),
    );
    section(
        "Pages that disappear",
        d.pages.disappear.iter().map(page).collect(),
    );
    out
}

/// What a reader finds at an old URL that still leads somewhere.
fn old_url(now: &OldUrl, what: &str) -> String {
    match now {
        OldUrl::Unchanged => format!("{what} is unchanged"),
        OldUrl::Redirect { alias, title, .. } => format!(
            "the alias `{alias}` on **{}** keeps {what}, redirecting there",
            one_line(title)
        ),
        OldUrl::OtherGuide { title, .. } => {
            format!("{what} now shows **{}**", one_line(title))
        }
        OldUrl::Broken => format!("⚠️ {what} breaks: no alias covers it"),
    }
}

/// One page that appears or disappears: its URL and what it is.
fn page(p: &PageInfo) -> String {
    let name = p.name.as_deref().map(one_line).unwrap_or_default();
    let what = match p.kind {
        "home" => "home page".to_string(),
        "not_found" => "page for missing URLs".to_string(),
        "guide" => format!("guide \"{name}\""),
        "guide_data" => format!("JSON record of \"{name}\""),
        "guide_list" => "JSON list of guides".to_string(),
        "skill_list" => "JSON list of skills".to_string(),
        "term_index" => format!("list of {}", name.to_lowercase()),
        "family" => format!("job family \"{name}\""),
        "tag" => format!("tag \"{name}\""),
        "employer" => format!("employer \"{name}\""),
        "sector" => format!("industry sector \"{name}\""),
        "redirect" => format!("redirect to \"{name}\""),
        "paths" => "career paths".to_string(),
        "salaries" => "salaries compared".to_string(),
        "salaries_family" => "salaries of a job family".to_string(),
        "search" => "search page".to_string(),
        "feed" => "Atom feed".to_string(),
        "sitemap" => "sitemap".to_string(),
        "robots" => "robots.txt".to_string(),
        "search_index" => "search index".to_string(),
        "nojekyll" => "file that turns Jekyll off".to_string(),
        "cname" => "custom-domain file".to_string(),
        "static" => "theme file".to_string(),
        other => other.to_string(),
    };
    format!("- `{}`: {what}", p.url)
}

/// How a field is named for a reader.
fn label(field: &str) -> &str {
    match field {
        "title" => "Title",
        "description" => "Description",
        "base_url" => "Base URL",
        "language" => "Language",
        "theme" => "Theme",
        "cname" => "Custom domain",
        "allow_raw_html" => "Raw HTML allowed",
        "family" => "Family",
        "summary" => "Summary",
        "updated" => "Updated",
        "draft" => "Draft",
        "tags" => "Tags",
        "aliases" => "Aliases",
        "responsibilities" => "Responsibilities",
        "skills" => "Skills",
        "progression.leads_to" => "Can lead to",
        "progression.transitions" => "Transitions",
        "skill_gaps.missing" => "Missing skills",
        "skill_gaps.development" => "Development suggestions",
        "salary.currency" => "Salary currency",
        "salary.period" => "Salary period",
        "salary.as_of" => "Salary as of",
        "salary.source" => "Salary source",
        "salary.ranges" => "Salary ranges",
        "salary.ranges.min" => "min",
        "salary.ranges.max" => "max",
        "salary.ranges.median" => "median",
        "salary.ranges.basis" => "basis",
        "salary.ranges.open_ended" => "open-ended",
        "salary.ranges.titles" => "often titled",
        "salary.ranges.note" => "note",
        "salary.ranges.source" => "source",
        "demand.outlook" => "Outlook",
        "demand.summary" => "Growth trend",
        "demand.growth_pct" => "Projected growth",
        "demand.growth_period" => "Growth period",
        "demand.openings_per_year" => "Openings per year",
        "demand.source" => "Demand source",
        "hiring.employers" => "Employers",
        "hiring.sectors" => "Industry sectors",
        "next_steps" => "Next steps",
        "sources" => "Sources",
        "alt_titles" => "Also known as",
        "codes.onet_soc" => "O\\*NET-SOC code",
        "codes.isco" => "ISCO-08 code",
        "requirements.education" => "Education",
        "requirements.experience" => "Experience",
        "requirements.certifications" => "Certifications",
        "resources" => "Resources",
        "body" => "Body",
        other => other,
    }
}

/// Fields whose values are codes, dates or keywords: shown bare, not
/// quoted as text.
fn is_token(field: &str) -> bool {
    matches!(
        field,
        "updated"
            | "draft"
            | "base_url"
            | "language"
            | "theme"
            | "cname"
            | "allow_raw_html"
            | "salary.currency"
            | "salary.period"
            | "salary.as_of"
            | "salary.ranges.basis"
            | "salary.ranges.open_ended"
            | "demand.outlook"
            | "demand.growth_pct"
            | "demand.growth_period"
            | "demand.openings_per_year"
            | "codes.onet_soc"
            | "codes.isco"
    )
}

/// A value as a reader reads it: `none`, `yes`, `12%`, `"text"`.
fn value(field: &str, v: &Value) -> String {
    match v {
        Value::Null => "none".to_string(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => {
            let f = n.as_f64().unwrap_or_default();
            let s = if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", f as i64)
            } else {
                format!("{f}")
            };
            if field == "demand.growth_pct" {
                format!("{s}%")
            } else {
                s
            }
        }
        Value::String(s) if is_token(field) => one_line(s),
        Value::String(s) => format!("\"{}\"", one_line(s)),
        other => other.to_string(),
    }
}

/// `+6%`, `-0.4%`; none for a change under 0.05%.
fn percent(p: f64) -> Option<String> {
    let whole = p.round();
    if whole != 0.0 {
        Some(format!("{:+}%", whole as i64))
    } else if (p * 10.0).round() != 0.0 {
        Some(format!("{p:+.1}%"))
    } else {
        None
    }
}

/// `1 line`, `3 lines`.
fn lines(n: usize) -> String {
    format!("{n} line{}", if n == 1 { "" } else { "s" })
}

/// One change as one line, without the list marker.
fn change(c: &Change) -> String {
    match c {
        Change::Changed {
            field,
            range,
            old,
            new,
        } => {
            let long = |v: &Value| v.as_str().is_some_and(|s| s.chars().count() > LONG_TEXT);
            let values = if long(old) || long(new) {
                "changed".to_string()
            } else {
                format!("{} -> {}", value(field, old), value(field, new))
            };
            match range {
                Some(r) => format!("{}: {} {values}", one_line(r), label(field)),
                None => format!("{}: {values}", label(field)),
            }
        }
        Change::Figure {
            field,
            range,
            old_text,
            new_text,
            percent: p,
            ..
        } => {
            let show = |t: &Option<String>| t.clone().unwrap_or_else(|| "none".to_string());
            let p = p
                .and_then(percent)
                .map(|p| format!(" ({p})"))
                .unwrap_or_default();
            format!(
                "{}: {} {} -> {}{p}",
                one_line(range),
                label(field),
                show(old_text),
                show(new_text)
            )
        }
        Change::Added { field, item, url } | Change::Removed { field, item, url } => {
            let verb = if matches!(c, Change::Added { .. }) {
                "added"
            } else {
                "removed"
            };
            let url = url
                .as_ref()
                .map(|u| format!(" (`{u}`)"))
                .unwrap_or_default();
            let item = if *field == "aliases" {
                format!("`{}`", one_line(item))
            } else {
                format!("\"{}\"", one_line(item))
            };
            format!("{}: {verb} {item}{url}", label(field))
        }
        Change::Reordered { field } => format!("{}: new order", label(field)),
        Change::Relinked {
            field,
            item,
            old_url,
            new_url,
        } => {
            let how = match (old_url, new_url) {
                (None, Some(n)) => format!("now links to `{n}`"),
                (Some(o), None) => format!("no longer links to a guide (was `{o}`)"),
                (Some(o), Some(n)) => format!("links to `{n}` instead of `{o}`"),
                (None, None) => "link unchanged".to_string(),
            };
            format!("{}: \"{}\" {how}", label(field), one_line(item))
        }
        Change::Rewritten {
            field,
            lines_added,
            lines_removed,
        } => match (lines_added, lines_removed) {
            (0, 0) => format!("{}: lines moved", label(field)),
            (a, 0) => format!("{}: {} added", label(field), lines(*a)),
            (0, r) => format!("{}: {} removed", label(field), lines(*r)),
            (a, r) => format!("{}: {} added, {r} removed", label(field), lines(*a)),
        },
    }
}

/// Text on one line: runs of whitespace, newlines included, become one
/// space, so a value cannot break the list it is shown in.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
