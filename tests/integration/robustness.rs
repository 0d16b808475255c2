//! Robustness: many deterministic mutations of a valid guide go through the
//! library check without a panic, and every one that the schema walk accepts
//! also deserialises (the walk and the typed model never disagree). Every diagnostic
//! names the file and a line inside it, renders in all three formats, and a
//! mutation whose effect is known (a broken fence, a required field gone, a
//! change to the body only) reports what it should.

use careerbook::diag;
use careerbook::guide::load::{parse_guide, SourceFile};

use crate::common::*;

const GUIDE: &str = "tests/fixtures/full/guides/technical-program-manager-engineering-platforms.md";

/// Checks one mutated text; returns the codes reported.
fn check_text(text: &str) -> Vec<&'static str> {
    let source = SourceFile {
        path: "guides/mutant.md".into(),
        text: text.into(),
    };
    let diags = match parse_guide(&source) {
        Ok(guide) => careerbook::rules::validate(std::slice::from_ref(&guide)),
        Err(diags) => diags,
    };
    // E0100 means the walk accepted a tree the model could not be built
    // from: both read values by one rule, so that must never happen.
    if let Some(d) = diags.iter().find(|d| d.code == "E0100") {
        panic!("the schema walk accepted what the model rejected: {d}\n{text}");
    }
    let lines = text.lines().count();
    for d in &diags {
        // Each names the file and a place inside it.
        assert_eq!(d.file, std::path::Path::new("guides/mutant.md"), "{d}");
        assert!(
            d.line <= lines + 1,
            "{d}: line past the end ({lines} lines)"
        );
        // Rendering must cope with any position, and says what and where.
        let human = diag::render_human(d, Some(text));
        let head = format!("{}[{}]: ", d.severity().as_str(), d.code.id);
        assert!(human.starts_with(&head), "{human}");
        assert!(human.contains(&d.location()), "{human}");
        let github = diag::render_github(d);
        assert!(
            github.starts_with(&format!(
                "::{} file=guides/mutant.md",
                d.severity().as_str()
            )),
            "{github}"
        );
        assert!(!github.contains('\n'), "one line: {github:?}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&diag::render_json(&diags)).expect("JSON diagnostics parse");
    assert_eq!(json.as_array().map(Vec::len), Some(diags.len()));
    diags.iter().map(|d| d.code.id).collect()
}

#[test]
fn truncation_at_every_character_never_panics() {
    let text = read(repo().join(GUIDE));
    // Checked alone, the guide's one finding is its link to a guide that is
    // not there.
    let whole = check_text(&text);
    assert_eq!(whole, ["E0305"]);
    let fence_end = text.match_indices("\n---").next().expect("closing fence").0 + 4;
    for (i, _) in text.char_indices() {
        let cut = &text[..i];
        let codes = check_text(cut);
        if i < fence_end {
            // No closing fence yet: the front matter is empty, missing or
            // not closed.
            assert!(codes.contains(&"E0002"), "cut at {i}: {codes:?}");
        } else {
            // Only the body is cut: the same findings as the whole guide.
            assert_eq!(codes, whole, "cut at {i}");
        }
    }
}

#[test]
fn replacing_characters_never_panics() {
    let text = read(repo().join(GUIDE));
    let chars: Vec<char> = text.chars().collect();
    let whole = check_text(&text);
    // The newline after the closing fence, counted in characters.
    let fence_end = text[..text.match_indices("\n---").next().expect("closing fence").0 + 4]
        .chars()
        .count();
    let replacements = [
        ':', '-', ' ', '\t', '"', '[', '{', '\n', '#', '&', '*', '|', '0', 'x',
    ];
    for (n, r) in replacements.iter().enumerate() {
        // Every position for ':', the key-value separator; each of the 13
        // others every 13th position from its own offset, so that every
        // position is also hit by one of them.
        let step = if n < 1 { 1 } else { 13 };
        for i in (n % step..chars.len()).step_by(step) {
            let mut mutated = chars.clone();
            mutated[i] = *r;
            let mutated: String = mutated.into_iter().collect();
            let codes = check_text(&mutated);
            if i < 3 && *r != '-' {
                // The opening fence broken: no front matter.
                assert!(codes.contains(&"E0002"), "{r:?} at {i}: {codes:?}");
            } else if i > fence_end {
                // The body changed, the front matter did not.
                assert_eq!(codes, whole, "{r:?} at {i}");
            }
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
        let codes = check_text(&mutated);
        let line = lines[skip];
        if line == "---" {
            // Without one of its fences there is no front matter.
            assert!(codes.contains(&"E0002"), "line {}: {codes:?}", skip + 1);
        } else if line.starts_with("title:") || line.starts_with("summary:") {
            // A required field gone is named.
            assert!(codes.contains(&"E0102"), "line {}: {codes:?}", skip + 1);
        }
    }
}
