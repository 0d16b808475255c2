//! Unit tests of [`super`].

use super::*;

#[test]
fn the_whole_text_is_read() {
    // After a valid first value: a stray bracket, a second document, an
    // unclosed quote or flow (YAML test suite 4H7K, KS4U, BS4K, QLJ7).
    let cases = [
        ("title: x\n]\n", 2),
        ("title: x\n--- {bogus: [unclosed\n", 2),
        ("title: x\n--- \"unterminated\n", 2),
        // The scanner notices the missing `:` only at the next line; the
        // error is reported where it is.
        ("title: {a: b}\nstray line\n", 2),
        ("---\n[ a, b, c ] ]\n", 2),
        ("---\n[\nsequence item\n]\ninvalid item\n", 5),
        ("---\nword1  # comment\nword2\n", 3),
        ("---\n&anchor a: b\n---\n*anchor: c\n", 3),
    ];
    for (text, line) in cases {
        let err = parse_tree(text).expect_err(text);
        assert_eq!(err.line, line, "{text:?}: {err:?}");
    }
    assert!(
        parse_tree("title: x\n...\n").is_ok(),
        "an explicit end is fine"
    );
}

#[test]
fn standard_tags_are_honoured_and_others_refused() {
    let root = parse_tree(
        "a: !!str 123\nb: ! 7\nc: !!int \"5\"\nd: !!bool true\ne: !!seq [x]\nf: !!map {g: h}\n",
    )
    .unwrap()
    .unwrap();
    let scalar = |k: &str| match &root.entry(k).unwrap().1.kind {
        NodeKind::Scalar { value, quoted } => (value.clone(), *quoted),
        other => panic!("{other:?}"),
    };
    assert_eq!(scalar("a"), ("123".into(), true), "!!str is text");
    assert_eq!(scalar("b"), ("7".into(), true), "! is text");
    assert_eq!(
        scalar("c"),
        ("5".into(), false),
        "!!int reads the value plain"
    );
    assert_eq!(scalar("d"), ("true".into(), false));
    // Reported at the tagged value.
    for (text, column) in [
        ("a: !custom x\n", 12),
        ("a: !!set {x}\n", 10),
        ("a: !!map x\n", 10),
        ("a: !!str [x]\n", 10),
    ] {
        let err = parse_tree(text).expect_err(text);
        assert_eq!((err.line, err.column), (1, column), "{text}: {err:?}");
        assert!(err.message.contains("tag"), "{err:?}");
    }
}

#[test]
fn a_typed_tag_needs_a_value_of_its_type() {
    let root = parse_tree("a: !!int 007\nb: !!int -0\nc: !!float 5\nd: !!float -1.5e3\ne: !!null ~\nf: !!bool FALSE\n")
        .unwrap()
        .unwrap();
    let scalar = |k: &str| match &root.entry(k).unwrap().1.kind {
        NodeKind::Scalar { value, quoted } => (value.clone(), *quoted),
        other => panic!("{other:?}"),
    };
    assert_eq!(scalar("a"), ("7".into(), false), "`!!int 007` is seven");
    assert_eq!(scalar("b"), ("-0".into(), false));
    assert_eq!(scalar("c"), ("5".into(), false));
    assert_eq!(scalar("d"), ("-1.5e3".into(), false));
    for (text, column, what) in [
        (
            "a: !!int abc\n",
            10,
            "`abc` is tagged `!!int` but is not an integer",
        ),
        ("a: !!int 1.5\n", 10, "not an integer"),
        ("a: !!float x\n", 12, "not a number"),
        ("a: !!bool maybe\n", 11, "not `true` or `false`"),
        ("a: !!null abc\n", 11, "not empty"),
        ("a: !!int \"12a\"\n", 10, "`12a`"),
    ] {
        let err = parse_tree(text).expect_err(text);
        assert_eq!((err.line, err.column), (1, column), "{text}: {err:?}");
        assert!(err.message.contains(what), "{text}: {err:?}");
    }
}

#[test]
fn control_characters_are_refused_where_they_are() {
    for (text, line, column) in [
        ("title: a\u{0}b\n", 1, 9),
        ("a: 1\nb: x\u{1b}[31m\n", 2, 5),
        ("a: 1\nb: ok\n\u{7f}\n", 3, 1),
        ("a: \"x\u{1}\"\n", 1, 6),
    ] {
        let err = parse_tree(text).expect_err(text);
        assert_eq!((err.line, err.column), (line, column), "{text:?}: {err:?}");
        assert!(err.message.contains("control character"), "{err:?}");
    }
    assert!(parse_tree("a: \"tab\there\"\r\nb: 2\n").is_ok());
}

fn tree(text: &str) -> Node {
    parse_tree(text).unwrap().unwrap()
}

#[test]
fn marks_are_one_based() {
    let root = tree("a: 1\nb:\n  - x\n  - y: 2\n");
    let b1 = root.at(&[Seg::Key("b"), Seg::Index(1), Seg::Key("y")]);
    assert_eq!((b1.line, b1.column), (4, 8));
    let a = root.at(&[Seg::Key("a")]);
    assert_eq!((a.line, a.column), (1, 4));
}

#[test]
fn duplicate_keys_are_kept_for_the_walk() {
    let root = tree("a: 1\nb: 2\na: 3\n");
    let NodeKind::Map(entries) = &root.kind else {
        panic!("{root:?}")
    };
    assert_eq!(entries.len(), 3);
}

#[test]
fn an_alias_is_a_copy_placed_at_the_alias() {
    let root = tree("a: &x {b: [1, 2]}\nc: *x\n");
    let (a, c) = (root.at(&[Seg::Key("a")]), root.at(&[Seg::Key("c")]));
    assert_eq!((c.line, c.column), (2, 4));
    assert_eq!(a.kind, c.kind, "same values, same inner positions");
    let item = root.at(&[Seg::Key("c"), Seg::Key("b"), Seg::Index(1)]);
    assert_eq!((item.line, item.column, item.as_str()), (1, 15, Some("2")));
}

#[test]
fn aliases_reach_anchors_anywhere_before_them() {
    // A scalar, a key, a value still inside an open collection, an
    // anchor redefined, and a copy of a copy.
    let text = "a:\n  - &s one\n  - *s\n  - {&k key: *k}\n  - &s two\n  - [*s]\n\
                b: &m {x: *s}\nc: [*m, *m]\n";
    let root = tree(text);
    let at = |path: &[Seg<'_>]| root.at(path).as_str().map(str::to_string);
    assert_eq!(at(&[Seg::Key("a"), Seg::Index(1)]).as_deref(), Some("one"));
    let NodeKind::Map(entries) = &root.at(&[Seg::Key("a"), Seg::Index(2)]).kind else {
        panic!()
    };
    assert_eq!(entries[0].1.as_str(), Some("key"));
    let last = [Seg::Key("a"), Seg::Index(4), Seg::Index(0)];
    assert_eq!(at(&last).as_deref(), Some("two"));
    let copy = [Seg::Key("c"), Seg::Index(1), Seg::Key("x")];
    assert_eq!(at(&copy).as_deref(), Some("two"));
}

#[test]
fn an_unknown_alias_is_an_error_at_the_alias() {
    let err = parse_tree("a: 1\nb: [x, *nope]\n").unwrap_err();
    assert_eq!((err.line, err.column), (2, 8), "{err:?}");
    assert!(err.message.contains("`*nope`"), "{err:?}");
}

#[test]
fn an_alias_inside_its_own_anchor_is_an_error() {
    let err = parse_tree("a: &r\n  b: *r\n").unwrap_err();
    assert_eq!((err.line, err.column), (2, 6), "{err:?}");
    assert!(err.message.contains("inside the value"), "{err:?}");
}

#[test]
fn an_alias_bomb_fails_fast_at_an_alias() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..30 {
        let row = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{row}]\n"));
    }
    let started = std::time::Instant::now();
    let err = parse_tree(&text).unwrap_err();
    assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    assert!(err.message.contains("copies too much"), "{err:?}");
    let line = text.lines().nth(err.line - 1).unwrap();
    assert!(line[err.column - 1..].starts_with("*a"), "{err:?}");
}

#[test]
fn deep_nesting_is_rejected() {
    let text = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = parse_tree(&text).unwrap_err();
    assert!(err.message.contains("nesting"), "{err:?}");
}

#[test]
fn deep_block_nesting_is_rejected() {
    let text = format!("a:\n  {}x\n", "- ".repeat(100_000));
    let err = parse_tree(&text).unwrap_err();
    assert!(err.message.contains("nesting"), "{err:?}");
    assert_eq!(err.line, 2);
}

#[test]
fn aliases_cannot_nest_deeper_than_the_cap() {
    let deep = format!("{}x{}", "[".repeat(40), "]".repeat(40));
    let ok = format!("a: &d {deep}\nb: *d\n");
    assert!(parse_tree(&ok).is_ok());
    let err = parse_tree(&format!(
        "a: &d {deep}\nb: [[[[[[[[[[[[[[[[[[[[[[[[[*d]]]]]]]]]]]]]]]]]]]]]]]]]\n"
    ))
    .unwrap_err();
    assert!(err.message.contains("nesting"), "{err:?}");
    assert_eq!(err.line, 2);
}
