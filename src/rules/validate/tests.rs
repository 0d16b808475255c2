//! Unit tests of [`super`]: what `check` reports for one guide, the
//! schema walk's findings and the rules' together, each once.

use crate::diag::{codes, Code, Diagnostic};
use crate::guide::load::{parse_all, parse_guide, SourceFile};

/// A valid guide; `{top}` is replaced by extra top-level lines (anchors
/// for the aliases below them), so line numbers below it shift.
const GUIDE: &str = "---
title: Platform Engineer
summary: Builds the platform.
{top}responsibilities:
  - Run the platform
skills:
  - Kubernetes
salary:
  currency: USD
  period: year
  ranges:
    - level: Mid
      min: 100000
      max: 150000
---
Body.
";

/// The guide with `top` added and each `(from, to)` replaced once.
fn guide(top: &str, edits: &[(&str, &str)]) -> String {
    let mut text = GUIDE.replace("{top}", top);
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// Every diagnostic `check` reports for one guide: the schema walk's, and
/// the rules' on what could be built of it.
fn all(text: &str) -> Vec<Diagnostic> {
    let source = SourceFile {
        path: "guides/g.md".into(),
        text: text.into(),
    };
    let (guide, mut found) = parse_all(&source);
    if let Some(g) = guide {
        found.extend(crate::rules::validate(std::slice::from_ref(&g)));
    }
    crate::diag::sort(&mut found);
    found
}

/// Every error `check` reports for one guide.
fn errors(text: &str) -> Vec<Diagnostic> {
    all(text).into_iter().filter(Diagnostic::is_error).collect()
}

/// Asserts that `text` has exactly one error, with this code, line,
/// column and field.
fn once(text: &str, code: &Code, line: usize, column: usize, field: &str) -> Diagnostic {
    let found = errors(text);
    assert_eq!(found.len(), 1, "{text}\n{found:#?}");
    let d = &found[0];
    assert_eq!(
        (d.code, d.line, d.column, d.field.as_str()),
        (code, line, column, field),
        "{text}\n{d:#?}"
    );
    d.clone()
}

/// Every URL field, wherever the format has one, refuses a script URL
/// with E0206 at the value: sources, resources, and the `source` of a
/// salary, of a range and of demand.
#[test]
fn every_url_field_refuses_script_urls() {
    let cases = [
        (
            "sources:\n  - title: S\n    url: \"javascript:alert(1)\"\n",
            6,
            "sources[0].url",
        ),
        (
            "resources:\n  - title: R\n    url: \"data:text/html,x\"\n",
            6,
            "resources[0].url",
        ),
        (
            "demand:\n  source:\n    title: D\n    url: \"javascript:alert(1)\"\n",
            7,
            "demand.source.url",
        ),
    ];
    for (top, line, field) in cases {
        once(&guide(top, &[]), codes::E0206, line, 10, field);
    }
    let salary = guide(
        "",
        &[(
            "  period: year\n",
            "  period: year\n  source:\n    title: S\n    url: \"javascript:alert(1)\"\n",
        )],
    );
    once(&salary, codes::E0206, 13, 10, "salary.source.url");
    let range = guide(
        "",
        &[(
            "      max: 150000\n",
            "      max: 150000\n      source: {title: R, url: \"data:text/html,x\"}\n",
        )],
    );
    once(&range, codes::E0206, 15, 31, "salary.ranges[0].source.url");
    let fine = guide(
        "sources:\n  - title: S\n    url: https://example.org/a\n",
        &[],
    );
    assert_eq!(errors(&fine), Vec::new());
}

/// An alias is compared by the file it would write with every file the
/// build writes itself and with the other aliases, and every clash is
/// E0303 naming the owner.
#[test]
fn aliases_never_replace_a_generated_page() {
    let site = |aliases: &[&str], other: &[&str], statics: &[String]| {
        let mk = |slug: &str, aliases: &[&str]| {
            let list: Vec<String> = aliases.iter().map(|a| format!("\"{a}\"")).collect();
            let text = guide(
                &format!("slug: {slug}\naliases: [{}]\n", list.join(", ")),
                &[],
            );
            parse_guide(&SourceFile {
                path: format!("guides/{slug}.md").into(),
                text: text.as_str().into(),
            })
            .unwrap()
        };
        let guides = [mk("alpha", aliases), mk("beta", other)];
        let guides: Vec<&_> = guides.iter().collect();
        let mut out = Vec::new();
        let context = super::Context {
            statics,
            ..Default::default()
        };
        super::validate_site(&guides, &context, &mut out);
        out
    };
    let taken = [
        ("/index.html", "the home page"),
        ("/search/", "a generated page under `/search/`"),
        ("/salaries/", "a generated page under `/salaries/`"),
        ("/paths/", "a generated page under `/paths/`"),
        ("/tags/", "a generated page under `/tags/`"),
        ("/families/x/", "a generated page under `/families/`"),
        ("/employers/", "a generated page under `/employers/`"),
        ("/sitemap.xml", "the sitemap"),
        ("/sitemap-1.xml", "a file of the sitemap"),
        ("/sitemap-12.xml/", "a file of the sitemap"),
        ("/page/2/", "a generated page under `/page/`"),
        ("/page/", "a generated page under `/page/`"),
        (
            "/employers/acme/page/2/",
            "a generated page under `/employers/`",
        ),
        ("/search/page/3/", "a generated page under `/search/`"),
        ("/feed.xml/", "the Atom feed"),
        ("/robots.txt/", "robots.txt"),
        ("/search-index.json", "the search index"),
        ("/api/guides.json/", "the JSON list of guides"),
        ("/api/guides/beta.json", "a generated page under `/api/`"),
        ("/guides/alpha/index.html", "the page of guides/alpha.md"),
        ("/guides/beta/", "the page of guides/beta.md"),
        ("/404.html", "the page for missing URLs"),
    ];
    for (alias, owner) in taken {
        let found = site(&[alias], &[], &[]);
        assert_eq!(found.len(), 1, "{alias}: {found:#?}");
        assert_eq!(found[0].code, codes::E0303, "{alias}");
        let help = found[0].help.as_deref().unwrap_or("");
        assert!(help.contains(owner), "{alias}: {help}");
    }
    // Two spellings of one file clash, naming the other guide.
    let found = site(&["/old/"], &["/old/index.html"], &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("guides/alpha.md"));
    let found = site(&["//old//x//"], &["/old/x"], &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    // A static file of the site's own theme.
    let statics = ["style.css".to_string(), "img/logo.svg".to_string()];
    for alias in ["/img/logo.svg", "/style.css", "/style.css/x/"] {
        let found = site(&[alias], &[], &statics);
        assert_eq!(found.len(), 1, "{alias}: {found:#?}");
        assert!(found[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("the theme's"));
    }
    // An old URL that nothing else uses is fine.
    assert_eq!(
        site(&["/old-alpha/", "/guides/gone/"], &["/beta-old.html"], &[]),
        Vec::new()
    );
}

#[test]
fn the_base_guide_is_valid() {
    assert_eq!(errors(&guide("", &[])), Vec::new());
    // Aliases that resolve to good values are fine.
    let text = guide(
        "tags: &t [ops, infra]\nalt_titles: *t\n",
        &[("      max: 150000", "      max: 150000\n      median: &m 120000\n    - level: Senior\n      min: *m\n      max: 200000")],
    );
    assert_eq!(errors(&text), Vec::new());
}

#[test]
fn an_empty_list_is_reported_once() {
    let text = guide(
        "",
        &[(
            "responsibilities:\n  - Run the platform",
            "responsibilities: []",
        )],
    );
    once(&text, codes::E0201, 4, 19, "responsibilities");
    let text = guide("", &[("skills:\n  - Kubernetes", "skills: []")]);
    once(&text, codes::E0201, 6, 9, "skills");
    let text = guide(
        "",
        &[(
            "  ranges:\n    - level: Mid\n      min: 100000\n      max: 150000",
            "  ranges: []",
        )],
    );
    once(&text, codes::E0201, 11, 11, "salary.ranges");
    // The same lists, empty through an alias.
    let top = "tags: &none []\n";
    let text = guide(
        top,
        &[(
            "responsibilities:\n  - Run the platform",
            "responsibilities: *none",
        )],
    );
    once(&text, codes::E0201, 5, 19, "responsibilities");
    let text = guide(top, &[("skills:\n  - Kubernetes", "skills: *none")]);
    once(&text, codes::E0201, 7, 9, "skills");
    let text = guide(
        top,
        &[(
            "  ranges:\n    - level: Mid\n      min: 100000\n      max: 150000",
            "  ranges: *none",
        )],
    );
    once(&text, codes::E0201, 12, 11, "salary.ranges");
}

#[test]
fn a_malformed_currency_is_reported_once() {
    let text = guide("", &[("currency: USD", "currency: usd")]);
    let d = once(&text, codes::E0203, 9, 13, "salary.currency");
    assert!(d.help.unwrap().contains("`USD`"));
    let text = guide("family: &c usd\n", &[("currency: USD", "currency: *c")]);
    once(&text, codes::E0203, 10, 13, "salary.currency");
}

#[test]
fn a_malformed_slug_is_reported_once() {
    let text = guide("slug: Bad_Slug\n", &[]);
    let d = once(&text, codes::E0301, 4, 7, "slug");
    assert!(d.help.unwrap().contains("`bad-slug`"));
    let text = guide("family: &s Bad_Slug\nslug: *s\n", &[]);
    let d = once(&text, codes::E0301, 5, 7, "slug");
    assert!(d.help.unwrap().contains("`bad-slug`"));
}

#[test]
fn a_salary_figure_that_is_not_positive_is_reported_once() {
    let text = guide("", &[("min: 100000", "min: 0")]);
    once(&text, codes::E0204, 13, 12, "salary.ranges[0].min");
    let text = guide("", &[("max: 150000", "max: -5")]);
    // Not also E0205 (`max` below `min`): the walk rejected the guide.
    once(&text, codes::E0204, 14, 12, "salary.ranges[0].max");
    let top = "demand:\n  growth_pct: &neg -5\n  openings_per_year: 10\n";
    let text = guide(top, &[("min: 100000", "min: *neg")]);
    once(&text, codes::E0204, 16, 12, "salary.ranges[0].min");
}

#[test]
fn empty_and_blank_text_are_reported_once() {
    let text = guide("", &[("title: Platform Engineer", "title: \"\"")]);
    once(&text, codes::E0202, 2, 8, "title");
    let text = guide("", &[("title: Platform Engineer", "title: \"   \"")]);
    once(&text, codes::E0202, 2, 8, "title");
    let text = guide("", &[("summary: Builds the platform.", "summary: \" \"")]);
    once(&text, codes::E0202, 3, 10, "summary");
    let text = guide("", &[("  - Kubernetes", "  - \"\"")]);
    once(&text, codes::E0202, 7, 5, "skills[0]");
    let text = guide("", &[("  - Kubernetes", "  - \"  \"")]);
    once(&text, codes::E0202, 7, 5, "skills[0]");
    // Zero-width and other invisible characters show nothing either.
    let text = guide(
        "",
        &[("title: Platform Engineer", "title: \"\u{200B}\u{200D}\"")],
    );
    let d = once(&text, codes::E0202, 2, 8, "title");
    assert!(d.message.contains("invisible"), "{d:#?}");
    // Every text field, not only the ones listed as required.
    let text = guide("tags: ['']\n", &[]);
    once(&text, codes::E0202, 4, 8, "tags[0]");
    let text = guide("", &[("level: Mid", "level: ''")]);
    once(&text, codes::E0202, 12, 14, "salary.ranges[0].level");
    // Through an alias: the anchored value and the alias are both blank.
    let anchor = |value: &str| format!("family: &v {value}\ntitle: *v");
    for value in ["\"\"", "\"  \""] {
        let text = guide("", &[("title: Platform Engineer", &anchor(value))]);
        let found: Vec<_> = errors(&text)
            .iter()
            .map(|d| (d.code, d.line, d.field.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (codes::E0202, 2, "family".to_string()),
                (codes::E0202, 3, "title".to_string())
            ],
            "{text}"
        );
    }
}

#[test]
fn values_through_an_alias_meet_the_whole_schema() {
    // Well-formed, but not on the currency list.
    let text = guide("family: &c XYZ\n", &[("currency: USD", "currency: *c")]);
    once(&text, codes::E0203, 10, 13, "salary.currency");
    let text = guide("family: &c \"15-1299\"\ncodes:\n  onet_soc: *c\n", &[]);
    once(&text, codes::E0106, 6, 13, "codes.onet_soc");
}

/// The rules run on a guide the schema walk refused, on what could be
/// built of it: one run shows a `min` above its `max` and a link to no
/// guide beside four schema errors, and nothing twice.
#[test]
fn schema_errors_do_not_hide_the_rules() {
    let text = guide(
        "draft: maybe\nprogression:\n  leads_to:\n    - {title: Next, guide: nowhere}\n",
        &[
            ("title: Platform Engineer", "titel: Platform Engineer"),
            ("period: year", "period: yearly"),
            ("  - Kubernetes", "  - \"\""),
            ("min: 100000", "min: 200000"),
        ],
    );
    let found: Vec<(&Code, usize, String)> = errors(&text)
        .iter()
        .map(|d| (d.code, d.line, d.field.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (codes::E0101, 2, "titel".into()),
            (codes::E0103, 4, "draft".into()),
            (codes::E0305, 7, "progression.leads_to[0].guide".into()),
            (codes::E0202, 11, "skills[0]".into()),
            (codes::E0104, 14, "salary.period".into()),
            (codes::E0205, 18, "salary.ranges[0].max".into()),
        ],
        "{text}"
    );
}

/// A rule about a value the walk refused, or a stand-in for it, or a field
/// beside it in the same group, says nothing.
#[test]
fn the_rules_repeat_nothing_the_walk_said() {
    // `max` refused: no E0205 from its stand-in.
    let text = guide("", &[("max: 150000", "max: lots")]);
    once(&text, codes::E0103, 14, 12, "salary.ranges[0].max");
    // A refused slug: the file name's stands in, and no duplicate is
    // reported for it.
    let text = guide("slug: Not_A_Slug\n", &[]);
    once(&text, codes::E0301, 4, 7, "slug");
    // A refused `updated`: no warning that the date is missing.
    let found = all(&guide("updated: 2026-02-30\n", &[]));
    let found: Vec<&Code> = found.iter().map(|d| d.code).collect();
    assert_eq!(found, [codes::E0107]);
}

/// `titel:` for a missing `title` is one diagnostic, at the key, naming
/// the field it most likely means; the same deeper down.
#[test]
fn a_misspelled_required_field_is_one_diagnostic() {
    let text = guide(
        "",
        &[("title: Platform Engineer", "titel: Platform Engineer")],
    );
    let d = once(&text, codes::E0101, 2, 1, "titel");
    assert_eq!(
        d.message,
        "unknown field `titel` in the guide; did you mean `title`, which is required?"
    );
    assert_eq!(d.help.as_deref(), Some("rename `titel` to `title`"));
    let text = guide("", &[("min: 100000", "mni: 100000")]);
    let d = once(&text, codes::E0101, 13, 7, "salary.ranges[0].mni");
    assert_eq!(
        d.message,
        "unknown field `mni` in `salary.ranges[0]`; did you mean `min`, which is required?"
    );
    // A misspelling of a field that is given is not merged.
    let text = guide("titel: Again\n", &[]);
    let d = once(&text, codes::E0101, 4, 1, "titel");
    assert_eq!(d.help.as_deref(), Some("did you mean `title`?"));
}
