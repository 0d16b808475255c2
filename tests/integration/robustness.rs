//! Robustness: many deterministic mutations of a valid guide go through the
//! library check without a panic, and every one that the schema walk accepts
//! also deserialises (the walk and serde never disagree).

use crate::common::*;
use careerbook::diag;
use careerbook::load::{parse_guide, SourceFile};
use careerbook::validate;

const GUIDE: &str = "tests/fixtures/full/guides/technical-program-manager-engineering-platforms.md";

/// Checks one mutated text; returns the codes reported.
fn check_text(text: &str) -> Vec<&'static str> {
    let source = SourceFile {
        path: "guides/mutant.md".into(),
        text: text.into(),
    };
    let diags = match parse_guide(&source) {
        Ok(guide) => validate::validate(std::slice::from_ref(&guide)),
        Err(diags) => diags,
    };
    if let Some(d) = diags.iter().find(|d| d.code == "E0100") {
        assert!(d.line > 0, "serde errors carry a line: {d:?}");
        eprintln!("walk/serde disagreement: {d}");
    }
    for d in &diags {
        // Rendering must cope with any position.
        let _ = diag::render_human(d, Some(text));
        let _ = diag::render_github(d);
    }
    let _ = diag::render_json(&diags);
    diags.iter().map(|d| d.code).collect()
}

/// The schema walk reads YAML with yaml-rust2 and serde with libyaml; the
/// two disagree on a few odd syntax corners (`[:x]`), and then serde's error
/// is still reported with its position (E0100). Anywhere else, a file the
/// walk accepts must deserialise.
fn assert_walk_and_serde_agree(text: &str, codes: &[&str], disagreements: &mut usize) {
    if codes.contains(&"E0100") {
        *disagreements += 1;
        assert!(
            *disagreements <= 3,
            "the schema walk accepted what serde rejected too often; last:\n{text}"
        );
    }
}

#[test]
fn truncation_at_every_character_never_panics() {
    let text = read(repo().join(GUIDE));
    let mut disagreements = 0;
    for (i, _) in text.char_indices() {
        let cut = &text[..i];
        let codes = check_text(cut);
        assert_walk_and_serde_agree(cut, &codes, &mut disagreements);
    }
}

#[test]
fn replacing_characters_never_panics() {
    let text = read(repo().join(GUIDE));
    let mut disagreements = 0;
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
            let codes = check_text(&mutated);
            assert_walk_and_serde_agree(&mutated, &codes, &mut disagreements);
        }
    }
}

#[test]
fn deleting_lines_never_panics() {
    let text = read(repo().join(GUIDE));
    let mut disagreements = 0;
    let lines: Vec<&str> = text.lines().collect();
    for skip in 0..lines.len() {
        let mutated: String = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| format!("{l}\n"))
            .collect();
        let codes = check_text(&mutated);
        assert_walk_and_serde_agree(&mutated, &codes, &mut disagreements);
    }
}
