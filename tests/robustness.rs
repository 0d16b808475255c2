//! Robustness: many deterministic mutations of a valid guide go through the
//! library check without a panic, and every one that the schema walk accepts
//! also deserialises (the walk and the typed model never disagree).

mod common;

use careerbook::diag;
use careerbook::guide::load::{parse_guide, SourceFile};
use careerbook::rules::validate;
use common::*;

const GUIDE: &str = "tests/fixtures/full/guides/technical-program-manager-engineering-platforms.md";

/// Checks one mutated text.
fn check_text(text: &str) {
    let source = SourceFile {
        path: "guides/mutant.md".into(),
        text: text.into(),
    };
    let diags = match parse_guide(&source) {
        Ok(guide) => validate::validate(std::slice::from_ref(&guide)),
        Err(diags) => diags,
    };
    // E0100 means the walk accepted a tree the model could not be built
    // from: both read values by one rule, so that must never happen.
    if let Some(d) = diags.iter().find(|d| d.code == "E0100") {
        panic!("the schema walk accepted what serde rejected: {d}\n{text}");
    }
    for d in &diags {
        // Rendering must cope with any position.
        let _ = diag::render_human(d, Some(text));
        let _ = diag::render_github(d);
    }
    let _ = diag::render_json(&diags);
}

#[test]
fn truncation_at_every_character_never_panics() {
    let text = read(repo().join(GUIDE));
    for (i, _) in text.char_indices() {
        let cut = &text[..i];
        check_text(cut);
    }
}

#[test]
fn replacing_characters_never_panics() {
    let text = read(repo().join(GUIDE));
    let chars: Vec<char> = text.chars().collect();
    let replacements = [
        ':', '-', ' ', '\t', '"', '[', '{', '\n', '#', '&', '*', '|', '0', 'x',
    ];
    for (n, r) in replacements.iter().enumerate() {
        // Every position for some replacements, every seventh for the rest,
        // keeps the run short while touching every kind of token.
        let step = if n < 1 { 1 } else { 7 };
        for i in (n % step..chars.len()).step_by(step) {
            let mut mutated = chars.clone();
            mutated[i] = *r;
            let mutated: String = mutated.into_iter().collect();
            check_text(&mutated);
        }
    }
}

#[test]
fn deleting_lines_never_panics() {
    let text = read(repo().join(GUIDE));
    let lines: Vec<&str> = text.lines().collect();
    for skip in 0..lines.len() {
        let mutated: String = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        check_text(&mutated);
    }
}
