//! Validation: the rules a guide must follow beyond its YAML shape, and the
//! rules that span guides (unique slugs, links that resolve).
//!
//! Every rule reports a [`Diagnostic`] at the line of the offending value and
//! carries on, so one run shows every problem.
//!
//! What the schema says (required fields, types, allowed values, non-empty
//! lists and text, patterns such as the slug's, positive salary figures, the
//! currency list) is checked by the schema walk ([`crate::guide::walk`])
//! alone, and a guide it rejects never gets here. Here are only the rules
//! the schema cannot express: `min <= max`, URLs, the paths in
//! `aliases:`, and the rules spanning guides. YAML aliases are expanded by
//! the reader, so the walk has seen every value, aliased or not.

use crate::diag::{codes, Code, Diagnostic};
use crate::guide::load::Guide;
use crate::guide::model::PLACEHOLDER;
use crate::guide::yaml::{path_string, Seg};
use crate::util::layout::overlaps;
use std::collections::BTreeMap;

/// Collects diagnostics about one guide at positions taken from its tree.
pub(super) struct Report<'a> {
    pub(super) guide: &'a Guide,
    pub(super) out: &'a mut Vec<Diagnostic>,
}

impl Report<'_> {
    pub(super) fn error(
        &mut self,
        path: &[Seg<'_>],
        code: &'static Code,
        message: String,
    ) -> &mut Diagnostic {
        let (line, column) = self.guide.position(path);
        self.out.push(Diagnostic::new(
            &self.guide.source.path,
            line,
            column,
            path_string(path),
            code,
            message,
        ));
        self.out.last_mut().expect("just pushed")
    }
}

/// What site-wide rules need to know beyond the guides that parsed.
#[derive(Debug, Default, Clone, Copy)]
pub struct Context<'a> {
    /// Slugs (and files) of guides that did not parse: links to them are
    /// not reported again as broken.
    pub unparsed: &'a [(String, std::path::PathBuf)],
    /// Whether drafts are published (`--drafts`).
    pub drafts: bool,
    /// Output paths of the theme's static files (`img/logo.svg`): no alias may take one.
    pub statics: &'a [String],
    /// `site.yaml`'s salary levels in career order; empty when not given.
    pub levels: &'a [crate::guide::model::LevelRef],
    /// The entries of `skills.yaml`; empty without the file.
    pub skills: &'a [crate::guide::model::SkillEntry],
}

/// The rules about one guide on its own.
pub fn validate_guide(g: &Guide, out: &mut Vec<Diagnostic>) {
    let f = &g.front;
    let mut r = Report { guide: g, out };
    super::names::names_fit(&mut r);
    if f.slug.is_none() && g.slug.is_empty() {
        r.error(
            &[Seg::Key("title")],
            codes::E0301,
            "cannot make a slug from the file name".into(),
        )
        .help = Some("rename the file using letters and digits, or add `slug: some-name`".into());
    }
    for (i, alias) in f.aliases.iter().enumerate() {
        if let Err(why) = crate::util::layout::check_alias(alias) {
            r.error(
                &[Seg::Key("aliases"), Seg::Index(i)],
                codes::E0304,
                format!("alias `{alias}` {why}"),
            );
        }
    }
    if let Some(s) = &f.salary {
        for (i, range) in s.ranges.iter().enumerate() {
            let at = |k: &'static str| {
                [
                    Seg::Key("salary"),
                    Seg::Key("ranges"),
                    Seg::Index(i),
                    Seg::Key(k),
                ]
            };
            if range.min > range.max {
                r.error(
                    &at("max"),
                    codes::E0205,
                    format!("`max` ({}) is below `min` ({})", range.max, range.min),
                );
            }
            if let Some(m) = range.median {
                if m < range.min || m > range.max {
                    r.error(
                        &at("median"),
                        codes::E0205,
                        format!("`median` ({m}) is outside min..max"),
                    );
                }
            }
        }
    }
    placeholders(g, r.out);
}

/// Warns about every value (and the body) still holding [`PLACEHOLDER`],
/// so `check` on a fresh scaffold lists what is left to write.
fn placeholders(g: &Guide, out: &mut Vec<Diagnostic>) {
    let found = g.positions.marked();
    for (field, line, column) in found {
        out.push(
            Diagnostic::new(
                &g.source.path,
                line + g.line_offset,
                column,
                field.clone(),
                codes::W0901,
                format!("placeholder text left in `{field}`"),
            )
            .with_help(format!(
                "replace the `{PLACEHOLDER}` text with real content"
            )),
        );
    }
    if let Some(i) = g.body.find(PLACEHOLDER) {
        let body_start = g.source.text.len() - g.body.len();
        let (line, column) = crate::diag::line_col(&g.source.text, body_start + i);
        out.push(
            Diagnostic::new(
                &g.source.path,
                line,
                column,
                "",
                codes::W0901,
                "placeholder text left in the body",
            )
            .with_help(format!(
                "replace the `{PLACEHOLDER}` text with real content"
            )),
        );
    }
}

/// The guide whose alias already writes `key`, or a file `key` needs as a
/// folder (`old.html` for `old.html/index.html`), or the other way round.
fn alias_owner(aliases: &BTreeMap<String, &Guide>, key: &str) -> Option<String> {
    let same = aliases.get(key);
    let above = key
        .match_indices('/')
        .find_map(|(i, _)| aliases.get(&key[..i]));
    let below = aliases
        .range(format!("{key}/")..)
        .next()
        .filter(|(k, _)| k.starts_with(&format!("{key}/")))
        .map(|(_, g)| g);
    same.or(above)
        .or(below)
        .map(|o| o.source.path.display().to_string())
}

/// The rules that span guides: unique slugs and aliases, links that resolve.
/// Reads only each guide's path, slug, aliases and progression.
pub fn validate_site(guides: &[&Guide], context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut by_slug: BTreeMap<&str, &Guide> = BTreeMap::new();
    for &g in guides {
        if let Some(first) = by_slug.get(g.slug.as_str()) {
            let mut r = Report { guide: g, out };
            r.error(
                &[Seg::Key("slug")],
                codes::E0302,
                format!(
                    "slug `{}` is already used by {}",
                    g.slug,
                    first.source.path.display()
                ),
            )
            .help = Some(format!(
                "{} uses it too; give one of them another `slug:`",
                first.source.path.display()
            ));
        } else {
            by_slug.insert(&g.slug, g);
        }
    }
    // Aliases are compared by the file they would write, so `/old/` and
    // `/old/index.html` clash, and against every file careerbook writes
    // itself: a redirect must never replace a page.
    let mut aliases: BTreeMap<String, &Guide> = BTreeMap::new();
    for &g in guides {
        for (i, alias) in g.front.aliases.iter().enumerate() {
            if crate::util::layout::check_alias(alias).is_err() {
                continue; // E0304, reported with the guide's own rules
            }
            let key = crate::util::layout::alias_file(alias);
            let clash = alias_owner(&aliases, &key)
                .or_else(|| {
                    // A guide's page, or a path through it.
                    let rest = key.strip_prefix(crate::util::layout::GUIDES_DIR)?;
                    let slug = rest.split('/').next()?;
                    let page = format!("{}{slug}/index.html", crate::util::layout::GUIDES_DIR);
                    let o = by_slug.get(slug).filter(|_| overlaps(&key, &page))?;
                    Some(format!("the page of {}", o.source.path.display()))
                })
                .or_else(|| crate::util::layout::generated_owner(&key))
                .or_else(|| {
                    let f = context.statics.iter().find(|f| overlaps(&key, f))?;
                    Some(format!("the theme's `{f}`"))
                });
            let mut r = Report { guide: g, out };
            if let Some(other) = clash {
                r.error(
                    &[Seg::Key("aliases"), Seg::Index(i)],
                    codes::E0303,
                    format!("alias `{alias}` is already taken"),
                )
                .help = Some(format!("{other} uses that URL (the file `{key}`)"));
            } else {
                aliases.insert(key, g);
            }
        }
    }
    for &g in guides {
        let Some(p) = &g.front.progression else {
            continue;
        };
        for (list, items) in [("leads_to", &p.leads_to), ("transitions", &p.transitions)] {
            for (i, item) in items.iter().enumerate() {
                let Some(target) = item.guide() else { continue };
                let unparsed = context.unparsed.iter().any(|(s, _)| s == target);
                if !by_slug.contains_key(target) && !unparsed {
                    let mut r = Report { guide: g, out };
                    let d = r.error(
                        &[
                            Seg::Key("progression"),
                            Seg::Key(list),
                            Seg::Index(i),
                            Seg::Key("guide"),
                        ],
                        codes::E0305,
                        format!("no guide has the slug `{target}`"),
                    );
                    if let Some(best) =
                        crate::util::suggest::closest(target, by_slug.keys().copied())
                    {
                        d.help = Some(format!("did you mean `{best}`?"));
                        d.suggestion = Some(best.to_string());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::{codes, Code, Diagnostic};
    use crate::guide::load::{parse_guide, SourceFile};

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

    /// Every error `check` reports for one guide: the schema walk's when it
    /// rejects the guide, else the rules'.
    fn errors(text: &str) -> Vec<Diagnostic> {
        let source = SourceFile {
            path: "guides/g.md".into(),
            text: text.into(),
        };
        let found = match parse_guide(&source) {
            Err(diags) => diags,
            Ok(g) => crate::rules::validate(std::slice::from_ref(&g)),
        };
        found.into_iter().filter(Diagnostic::is_error).collect()
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
            let mut out = Vec::new();
            let context = super::Context {
                statics,
                ..Default::default()
            };
            super::validate_site(&[&guides[0], &guides[1]], &context, &mut out);
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
}
