//! Any bytes as a guide file: splitting, YAML parsing and validation must
//! return diagnostics or a guide, never panic or hang; and a guide that
//! parses holds no control character in any text value.
#![no_main]

use careerbook::guide::load::{decode, parse_guide, SourceFile};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

/// Every string in a JSON value, keys included.
fn strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k);
                strings(v, out);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("guides/fuzz.md");
    let Ok(text) = decode(path, data) else { return };
    let source = SourceFile { path: path.to_path_buf(), text: text.into() };
    if let Ok(guide) = parse_guide(&source) {
        let _ = careerbook::rules::validate(std::slice::from_ref(&guide));
        let json = serde_json::to_value(&guide.front).expect("the model serialises");
        let mut found = Vec::new();
        strings(&json, &mut found);
        for s in found {
            assert!(
                !s.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
                "control character in a parsed value: {s:?}"
            );
        }
    }
});
