//! Properties that must hold for any input, checked with generated cases.
//!
//! A failing case is saved as a seed in
//! `tests/proptest-regressions/properties.txt` (proptest's place for a
//! module of a test binary whose `main.rs` is in `tests/integration/`);
//! commit it, so the case is re-run first from then on.

use careerbook::guide::load::{parse_guide, SourceFile};
use careerbook::guide::model::*;

use proptest::prelude::*;
use std::path::Path;

fn text() -> impl Strategy<Value = String> {
    // Printable text with YAML- and Markdown-significant characters mixed in.
    proptest::string::string_regex("[A-Za-z0-9 ,.:;#&*!|>'\"%@`{}\\[\\]()<>/é–’-]{1,40}")
        .expect("regex")
        .prop_filter("non-blank", |s| !s.trim().is_empty())
}

fn role() -> impl Strategy<Value = RoleRef> {
    prop_oneof![
        text().prop_map(RoleRef::Title),
        (text(), "[a-z0-9-]{1,12}").prop_map(|(title, guide)| RoleRef::Linked { title, guide }),
    ]
}

fn range() -> impl Strategy<Value = SalaryRange> {
    (
        text(),
        1u32..500_000,
        0u32..100_000,
        any::<bool>(),
        proptest::option::of(text()),
    )
        .prop_map(|(level, min, extra, open_ended, note)| SalaryRange {
            level,
            region: Some("US".into()),
            min: f64::from(min),
            max: f64::from(min) + f64::from(extra),
            median: None,
            basis: Some(Basis::Base),
            open_ended,
            titles: None,
            note,
            source: None,
        })
}

prop_compose! {
    fn guide()(
        title in text(),
        summary in text(),
        tags in proptest::collection::vec(text(), 0..3),
        responsibilities in proptest::collection::vec(text(), 1..4),
        skills in proptest::collection::vec(text(), 1..4),
        leads_to in proptest::collection::vec(role(), 0..3),
        ranges in proptest::collection::vec(range(), 1..3),
        next_steps in proptest::collection::vec(text(), 0..3),
        draft in any::<bool>(),
        day in 1u8..=28,
    ) -> FrontMatter {
        FrontMatter {
            title, slug: None, family: None, summary,
            updated: Some(Date { year: 2026, month: 2, day }),
            draft, tags, aliases: vec![], responsibilities, skills,
            progression: Some(Progression { leads_to, transitions: vec![] }),
            skill_gaps: None,
            salary: Some(Salary { currency: "EUR".into(), period: Period::Month, ranges, as_of: None, source: None }),
            demand: None, hiring: None, next_steps, sources: vec![], alt_titles: vec![],
            codes: None, requirements: None, resources: vec![], rubric: vec![],
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_valid_guide_serialised_and_parsed_back_is_equal(front in guide()) {
        // JSON is YAML 1.2 with every string quoted: the round trip tests
        // the reader, not an emitter's idea of which plain scalars are text
        // (serde_yaml follows YAML 1.1 and writes `guide: 1e310` plain,
        // which YAML 1.2 reads as a number).
        let yaml = serde_json::to_string_pretty(&front).expect("serialise") + "\n";
        let source = SourceFile { path: "guides/x.md".into(), text: format!("---\n{yaml}---\nBody\n").into() };
        let parsed = parse_guide(&source).map_err(|d| TestCaseError::fail(format!("{d:?}\n{yaml}")))?;
        prop_assert_eq!(parsed.front, front);
    }

    #[test]
    fn any_bytes_as_a_guide_give_diagnostics_or_a_page_never_a_panic(
        bytes in proptest::collection::vec(any::<u8>(), 0..400),
        prefix in prop_oneof![Just(""), Just("---\n"), Just("---\ntitle: t\nsummary: s\n")],
    ) {
        let site = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(site.path().join("guides")).expect("mkdir");
        let mut file = prefix.as_bytes().to_vec();
        file.extend_from_slice(&bytes);
        std::fs::write(site.path().join("guides/g.md"), &file).expect("write");
        let opts = careerbook::build::BuildOptions { root: site.path().to_path_buf(), ..Default::default() };
        let checked = careerbook::build::check(&opts).expect("check runs");
        if !checked.has_errors() {
            let (_, pages) = careerbook::build::render_checked(&checked, &opts).expect("renders");
            prop_assert!(pages.iter().any(|p| p.path == "index.html"));
        } else {
            prop_assert!(checked.diagnostics.iter().all(|d| d.file.ends_with("g.md") || d.file.ends_with("site.yaml")));
        }
    }

    #[test]
    fn no_generated_name_escapes_the_output_folder(name in "\\PC{0,40}", alias in "\\PC{0,40}") {
        let out = Path::new("/srv/site/output");
        let slug = careerbook::util::slug::slugify(&name);
        prop_assert!(slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        if !slug.is_empty() {
            let joined = careerbook::output::write::safe_join(out, &format!("employers/{slug}/index.html")).expect("plain path");
            prop_assert!(joined.starts_with(out));
        }
        if careerbook::util::layout::check_alias(&alias).is_ok() {
            let file = careerbook::util::layout::alias_file(&alias);
            if let Ok(joined) = careerbook::output::write::safe_join(out, &file) {
                prop_assert!(joined.starts_with(out));
                prop_assert!(!joined.components().any(|c| matches!(c, std::path::Component::ParentDir)));
            }
        }
    }
}
