use super::*;

fn strings(lang: &str) -> Strings {
    load(Path::new("/nonexistent"), "default", lang).expect("built-in languages load")
}

#[test]
fn plural_forms_follow_cldr_rules() {
    let en = strings("en");
    assert_eq!(en.get("index.guides", Some(1.0), &[]), "1 role guide");
    assert_eq!(en.get("index.guides", Some(0.0), &[]), "0 role guides");
    assert_eq!(
        en.get("index.guides", Some(1200.0), &[]),
        "1,200 role guides"
    );
    let de = strings("de");
    assert_eq!(de.get("index.guides", Some(1.0), &[]), "1 Berufsprofil");
    assert_eq!(
        de.get("index.guides", Some(110_000.0), &[]),
        "110.000 Berufsprofile"
    );
    // French puts 0 and 1 in `one`.
    let fr = strings("fr");
    assert_eq!(
        fr.get("index.guides", Some(0.0), &[]),
        fr.get("index.guides", Some(1.0), &[]).replace('1', "0")
    );
}

#[test]
fn arguments_fill_their_names_and_unknown_names_stay() {
    let en = strings("en");
    assert_eq!(
        en.get("paths.family_title", None, &[("family", Arg::Str("Data"))]),
        "Career paths in Data"
    );
    assert_eq!(
        en.fill("{a} and {b}", None, &[("a", Arg::Num(2000.0))], false),
        "2,000 and {b}"
    );
}

#[test]
fn every_built_in_language_has_every_english_key_and_no_other() {
    let english = texts_of(built_in("en").unwrap());
    for (lang, text) in BUILT_IN {
        let mut diags = Vec::new();
        let own = read(text, Path::new(lang), &mut diags);
        assert!(diags.is_empty(), "{lang}: {diags:?}");
        let mut missing: Vec<&String> = english
            .keys()
            .filter(|k| !own.texts.contains_key(*k))
            .collect();
        missing.sort();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        let mut extra: Vec<&String> = own
            .texts
            .keys()
            .filter(|k| !english.contains_key(*k))
            .collect();
        extra.sort();
        assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        // A placeholder of the English text is in the translation too.
        for (k, t) in &own.texts {
            let theirs = match t {
                Text::Plain(s) => vec![s.clone()],
                Text::Plural(f) => f.iter().flatten().cloned().collect(),
            };
            let names = |s: &str| -> Vec<String> {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split('}').next())
                    .map(|n| n.to_string())
                    .filter(|n| n != "count")
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            let want = names(&english[k].join(" "));
            for form in theirs {
                assert_eq!(names(&form), want, "{lang} `{k}`: {form}");
            }
        }
    }
}

#[test]
fn a_file_that_is_not_texts_is_an_error_at_its_line() {
    let mut diags = Vec::new();
    read(
        "nav:\n  paths: [a, b]\ncount:\n  one: x\n  several: y\n  other: z\n",
        Path::new("x.yaml"),
        &mut diags,
    );
    let mut at: Vec<usize> = diags.iter().map(|d| d.line).collect();
    at.sort();
    assert_eq!(at, [2, 5], "{diags:?}");
    assert!(diags.iter().all(|d| d.code == codes::E0403), "{diags:?}");
}

#[test]
fn template_keys_are_found_with_their_position() {
    let keys = literal_keys(
        "<p>\n  {{ t(key=\"nav.paths\") }} {{ t(key=\"index.guides\", count=n) }}</p>",
    );
    assert_eq!(
        keys,
        [
            ("nav.paths".to_string(), 2, 6),
            ("index.guides".to_string(), 2, 31)
        ]
    );
}
