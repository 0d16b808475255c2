//! Any bytes as a guide file: splitting, YAML parsing and validation must
//! return diagnostics or a guide, never panic or hang.
#![no_main]

use careerbook::guide::load::{decode, parse_guide, SourceFile};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("guides/fuzz.md");
    let Ok(text) = decode(path, data) else { return };
    let source = SourceFile { path: path.to_path_buf(), text: text.into() };
    if let Ok(guide) = parse_guide(&source) {
        let _ = careerbook::rules::validate::validate(std::slice::from_ref(&guide));
    }
});
