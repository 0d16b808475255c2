//! Multilingual sites: which guide files are translations, what they
//! translate, and how the pages of one language point at the same pages in
//! the others.
//!
//! In: `site.yaml`'s `languages` (the default first) and the loaded guides.
//! Out: each guide's language ([`translation_of`]), the translations'
//! default slugs and progression slugs made to fit their language
//! ([`prepare`]), the warnings about translations that drifted from their
//! guide ([`warnings`]) or a `languages` setting that cannot work
//! ([`config_errors`]), and per language the [`Translations`] the pages'
//! `hreflang` links and language switcher are made from.
//!
//! A translation of `guides/tpm.md` into German is `guides/tpm.de.md`
//! (Hugo's convention). Only a language of `languages` other than the
//! first makes a file a translation: on a site in one language, `x.de.md`
//! is an ordinary guide, as it always was.

use crate::diag::{codes, Diagnostic};
use crate::guide::load::{Guide, Loaded};
use crate::guide::model::{RoleRef, SiteConfig};
use crate::guide::yaml::Seg;
use crate::util::layout::{path_to_root, BaseUrl};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Whether `config` describes a site in more than one language.
pub fn is_multilingual(config: &SiteConfig) -> bool {
    config.languages.len() > 1
}

/// The language and the translated guide's file of `path`, when it is a
/// translation: `guides/tpm.de.md` → (`de`, `guides/tpm.md`) on a site
/// whose `languages` lists `de` after the default. `None` for a guide in
/// the default language.
pub fn translation_of<'a>(path: &Path, languages: &'a [String]) -> Option<(&'a str, PathBuf)> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".md")?;
    let (base, suffix) = stem.rsplit_once('.')?;
    if base.is_empty() {
        return None;
    }
    let lang = languages.iter().skip(1).find(|l| l.as_str() == suffix)?;
    Some((lang, path.with_file_name(format!("{base}.md"))))
}

/// The language of the guide file at `path`: its translation's, else the
/// default (`languages`' first).
pub fn language_of<'a>(path: &Path, config: &'a SiteConfig) -> &'a str {
    translation_of(path, &config.languages)
        .map(|(l, _)| l)
        .unwrap_or(config.language.as_str())
}

/// Readies a loaded multilingual site for checking and building: `language`
/// becomes the first of `languages`; a translation without its own `slug:`
/// takes its guide's slug (so that its URL is the guide's under
/// `/<lang>/`); and a progression `guide:` slug in a translation that no
/// guide of its language has, but that names a guide whose translation
/// into the language has another slug, is changed to that slug. A slug
/// naming an untranslated guide stays: the role shows as text, and
/// `check` does not call the link broken (see [`known_elsewhere`]).
///
/// Does nothing on a site in one language.
pub fn prepare(loaded: &mut Loaded) {
    if !is_multilingual(&loaded.config) {
        return;
    }
    loaded.config.language = loaded.config.languages[0].clone();
    let languages = loaded.config.languages.clone();
    let slug_of_file: HashMap<PathBuf, String> = loaded
        .guides
        .iter()
        .chain(&loaded.partial)
        .filter(|g| translation_of(&g.source.path, &languages).is_none())
        .map(|g| (g.source.path.clone(), g.slug.clone()))
        .collect();
    for g in loaded.guides.iter_mut().chain(loaded.partial.iter_mut()) {
        let Some((_, base)) = translation_of(&g.source.path, &languages) else {
            continue;
        };
        if g.front.slug.is_none() {
            g.slug = slug_of_file
                .get(&base)
                .cloned()
                .unwrap_or_else(|| crate::guide::load::slug_from_path(&base));
        }
    }
    // Per language: the default language's slug of each translated guide
    // → the translation's slug.
    let mut renamed: HashMap<(String, String), String> = HashMap::new();
    let mut own: BTreeSet<(String, String)> = BTreeSet::new();
    for g in loaded.guides.iter().chain(&loaded.partial) {
        if let Some((lang, base)) = translation_of(&g.source.path, &languages) {
            own.insert((lang.to_string(), g.slug.clone()));
            if let Some(slug) = slug_of_file.get(&base) {
                renamed.insert((lang.to_string(), slug.clone()), g.slug.clone());
            }
        }
    }
    for g in loaded.guides.iter_mut().chain(loaded.partial.iter_mut()) {
        let Some((lang, _)) = translation_of(&g.source.path, &languages) else {
            continue;
        };
        let Some(p) = g.front.progression.as_mut() else {
            continue;
        };
        for item in p.leads_to.iter_mut().chain(p.transitions.iter_mut()) {
            if let RoleRef::Linked { guide, .. } = item {
                let key = (lang.to_string(), guide.clone());
                if !own.contains(&key) {
                    if let Some(slug) = renamed.get(&key) {
                        *guide = slug.clone();
                    }
                }
            }
        }
    }
}

/// The slugs a translation may link to without a guide of its own
/// language having them: those of the default language's guides (parsed
/// or not), whose pages exist, only in the other language. Rendered as the
/// role's title without a link.
pub fn known_elsewhere(loaded: &Loaded) -> Vec<(String, PathBuf)> {
    let languages = &loaded.config.languages;
    let mut out: Vec<(String, PathBuf)> = loaded
        .guides
        .iter()
        .chain(&loaded.partial)
        .filter(|g| translation_of(&g.source.path, languages).is_none())
        .map(|g| (g.slug.clone(), g.source.path.clone()))
        .collect();
    out.extend(loaded.unparsed.iter().cloned());
    out
}

/// E0601 for a `languages` setting that cannot work: a tag that does not
/// parse, a language given twice, or a `language` written beside it that
/// is not its first entry. `site_yaml` is `site.yaml`'s text, to place the
/// diagnostics and to tell a written `language` from the default.
pub fn config_errors(config: &SiteConfig, site_yaml: Option<&str>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if config.languages.is_empty() {
        return out;
    }
    let at = |key: &str| crate::guide::load::site_yaml_value(site_yaml, key);
    let (line, column) = at("languages");
    let mut seen: Vec<String> = Vec::new();
    for tag in &config.languages {
        let parses =
            !tag.contains('_') && tag.parse::<icu_locale_core::LanguageIdentifier>().is_ok();
        if !parses {
            out.push(
                Diagnostic::new(
                    "site.yaml",
                    line,
                    column,
                    "languages",
                    codes::E0601,
                    format!("`{tag}` is not a language tag"),
                )
                .with_help("write BCP 47 tags: `en`, `de`, `pt-BR`"),
            );
        } else if seen.iter().any(|s| s.eq_ignore_ascii_case(tag)) {
            out.push(Diagnostic::new(
                "site.yaml",
                line,
                column,
                "languages",
                codes::E0601,
                format!("`{tag}` is listed twice in `languages`"),
            ));
        }
        seen.push(tag.clone());
    }
    let (lline, lcolumn) = at("language");
    if lline != 0 && config.language != config.languages[0] {
        out.push(
            Diagnostic::new(
                "site.yaml",
                lline,
                lcolumn,
                "language",
                codes::E0601,
                format!(
                    "`language: {}` is not the first of `languages` ({})",
                    config.language, config.languages[0]
                ),
            )
            .with_help("the first of `languages` is the default language: leave `language` out, or make it that one"),
        );
    }
    out
}

/// The warnings about translations: one without its guide (W0602), one
/// whose salary figures differ from its guide's (W0603), one whose
/// progression leads elsewhere (W0604). `guides` are every guide checked,
/// `unparsed` the files that did not parse at all (a translation of one is
/// not reported).
pub fn warnings(
    guides: &[&Guide],
    unparsed: &[(String, PathBuf)],
    config: &SiteConfig,
) -> Vec<Diagnostic> {
    let languages = &config.languages;
    let mut out = Vec::new();
    if !is_multilingual(config) {
        return out;
    }
    let by_file: HashMap<&Path, &Guide> = guides
        .iter()
        .map(|g| (g.source.path.as_path(), *g))
        .collect();
    // The file of each slug, per language.
    let mut file_of: HashMap<(&str, &str), &Path> = HashMap::new();
    for g in guides {
        file_of.insert(
            (language_of(&g.source.path, config), g.slug.as_str()),
            g.source.path.as_path(),
        );
    }
    // A guide's progression targets, as files of the default language.
    let targets = |g: &Guide| -> BTreeSet<PathBuf> {
        let lang = language_of(&g.source.path, config);
        let Some(p) = &g.front.progression else {
            return BTreeSet::new();
        };
        p.leads_to
            .iter()
            .chain(&p.transitions)
            .filter_map(|r| r.guide())
            .filter_map(|slug| {
                let file = file_of
                    .get(&(lang, slug))
                    .or_else(|| file_of.get(&(config.language.as_str(), slug)))?;
                Some(
                    translation_of(file, languages)
                        .map(|(_, base)| base)
                        .unwrap_or_else(|| file.to_path_buf()),
                )
            })
            .collect()
    };
    for t in guides {
        let Some((lang, base_path)) = translation_of(&t.source.path, languages) else {
            continue;
        };
        let Some(base) = by_file.get(base_path.as_path()) else {
            if !unparsed.iter().any(|(_, p)| *p == base_path) {
                out.push(
                    Diagnostic::new(
                        &t.source.path,
                        1,
                        1,
                        "",
                        codes::W0602,
                        format!(
                            "this {lang} translation has no guide `{}` to translate",
                            base_path.display()
                        ),
                    )
                    .with_help(format!(
                        "add `{}` in {}, or rename this file",
                        base_path.display(),
                        config.language
                    )),
                );
            }
            continue;
        };
        salary_drift(t, base, &base_path, &mut out);
        let (mine, theirs) = (targets(t), targets(base));
        if mine != theirs {
            let list = |s: &BTreeSet<PathBuf>| {
                if s.is_empty() {
                    "nothing".to_string()
                } else {
                    s.iter()
                        .map(|p| format!("`{}`", p.display()))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            let (line, column) = t.position(&[Seg::Key("progression")]);
            out.push(
                Diagnostic::new(
                    &t.source.path,
                    line,
                    column,
                    "progression",
                    codes::W0604,
                    format!(
                        "this translation leads to {}, its guide `{}` to {}",
                        list(&mine),
                        base_path.display(),
                        list(&theirs)
                    ),
                )
                .with_help("translations link the same guides as the guide they translate"),
            );
        }
    }
    out
}

/// W0603 for each salary figure of `t` that differs from its guide's.
fn salary_drift(t: &Guide, base: &Guide, base_path: &Path, out: &mut Vec<Diagnostic>) {
    let mut report = |path: &[Seg<'_>], field: String, what: String| {
        let (line, column) = t.position(path);
        out.push(
            Diagnostic::new(
                &t.source.path,
                line,
                column,
                field,
                codes::W0603,
                format!("{what} in `{}`", base_path.display()),
            )
            .with_help("salary figures do not change between languages: copy them from the guide"),
        );
    };
    let (mine, theirs) = match (&t.front.salary, &base.front.salary) {
        (None, None) => return,
        (Some(m), Some(b)) => (m, b),
        (Some(_), None) => {
            report(
                &[Seg::Key("salary")],
                "salary".into(),
                "this translation gives a salary; there is none".into(),
            );
            return;
        }
        (None, Some(_)) => {
            report(
                &[],
                String::new(),
                "this translation gives no salary; there is one".into(),
            );
            return;
        }
    };
    if mine.currency != theirs.currency {
        report(
            &[Seg::Key("salary"), Seg::Key("currency")],
            "salary.currency".into(),
            format!(
                "`currency: {}` differs from `{}`",
                mine.currency, theirs.currency
            ),
        );
    }
    if mine.period != theirs.period {
        report(
            &[Seg::Key("salary"), Seg::Key("period")],
            "salary.period".into(),
            "`period` differs from the one".into(),
        );
    }
    if mine.ranges.len() != theirs.ranges.len() {
        report(
            &[Seg::Key("salary"), Seg::Key("ranges")],
            "salary.ranges".into(),
            format!(
                "{} salary ranges differ from the {}",
                mine.ranges.len(),
                theirs.ranges.len()
            ),
        );
    }
    for (i, (m, b)) in mine.ranges.iter().zip(&theirs.ranges).enumerate() {
        let figures = [
            ("min", Some(m.min), Some(b.min)),
            ("max", Some(m.max), Some(b.max)),
            ("median", m.median, b.median),
        ];
        for (key, a, z) in figures {
            if a != z {
                let show = |v: Option<f64>| v.map_or("none".to_string(), |v| v.to_string());
                report(
                    &[
                        Seg::Key("salary"),
                        Seg::Key("ranges"),
                        Seg::Index(i),
                        Seg::Key(key),
                    ],
                    format!("salary.ranges[{i}].{key}"),
                    format!("`{key}: {}` differs from `{}`", show(a), show(z)),
                );
            }
        }
    }
}

/// One language of a multilingual site, as its pages link to it.
#[derive(Debug, Clone)]
pub struct Language {
    /// Its BCP 47 tag, e.g. `de`.
    pub tag: String,
    /// Its name in itself (`Deutsch`), from its words' `language.name`.
    pub name: String,
    /// The folder its pages are under, from the output root: empty for
    /// the default language, else `<tag>/`.
    pub prefix: String,
}

/// How the pages of one language of a multilingual site link to the same
/// pages in the others. Made before rendering, from every language's
/// routes; the render stage reads it for each page's `page.alternates` and
/// `page.languages`.
#[derive(Debug)]
pub struct Translations {
    /// Which of `languages` this site is.
    pub current: usize,
    /// Every language, the default first.
    pub languages: Vec<Language>,
    /// The site root's address (the default language's base URL).
    pub root: BaseUrl,
    /// For each page of this language with a page in another language
    /// (URL path relative to this language's root): the URL path of the
    /// same page in each language that has it, by index into `languages`,
    /// this one included.
    pub pages: HashMap<String, Vec<(usize, String)>>,
}

/// An `hreflang` alternate of a page: `page.alternates` in templates.
#[derive(Debug, Serialize)]
pub struct AlternateView {
    /// The language tag, or `x-default` for the default language's page.
    pub lang: String,
    /// The absolute URL of the page in that language.
    pub url: String,
}

/// One entry of the language switcher: `page.languages` in templates.
#[derive(Debug, Serialize)]
pub struct LanguageView {
    /// The language tag.
    pub lang: String,
    /// The language's name in itself.
    pub name: String,
    /// Link to the same page in that language, relative to the page; to
    /// that language's home page when the page is not translated.
    pub url: String,
    /// Whether this is the page's own language.
    pub current: bool,
}

impl Translations {
    /// The alternates and switcher entries of the page at `url_path` (as
    /// [`crate::util::layout::Route::url_path`] gives it).
    pub fn views(&self, url_path: &str) -> (Vec<AlternateView>, Vec<LanguageView>) {
        let here = format!("{}{url_path}", self.languages[self.current].prefix);
        let back = path_to_root(&here);
        let group = self.pages.get(url_path);
        let absolute = |li: usize, p: &str| {
            format!(
                "{}{}{}{}",
                self.root.origin, self.root.path, self.languages[li].prefix, p
            )
        };
        let mut alternates: Vec<AlternateView> = group
            .into_iter()
            .flatten()
            .map(|(li, p)| AlternateView {
                lang: self.languages[*li].tag.clone(),
                url: absolute(*li, p),
            })
            .collect();
        if let Some((_, p)) = group.and_then(|g| g.iter().find(|(li, _)| *li == 0)) {
            alternates.push(AlternateView {
                lang: "x-default".into(),
                url: absolute(0, p),
            });
        }
        let switcher = self
            .languages
            .iter()
            .enumerate()
            .map(|(li, l)| {
                let target = group
                    .and_then(|g| g.iter().find(|(i, _)| *i == li))
                    .map_or("", |(_, p)| p.as_str());
                LanguageView {
                    lang: l.tag.clone(),
                    name: l.name.clone(),
                    url: format!("{back}{}{target}", l.prefix),
                    current: li == self.current,
                }
            })
            .collect();
        (alternates, switcher)
    }
}

/// What identifies one page across languages: a guide page by the file of
/// the guide it translates, any other page by its URL path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageKey {
    /// A guide page, by the default language's file.
    Guide(PathBuf),
    /// Any other page, by its URL path within its language.
    Path(String),
}

/// The key of a guide page of `file`.
pub fn guide_key(file: &Path, languages: &[String]) -> PageKey {
    PageKey::Guide(
        translation_of(file, languages)
            .map(|(_, base)| base)
            .unwrap_or_else(|| file.to_path_buf()),
    )
}

/// The [`Translations`] of each language, from the pages of each: for
/// language `i`, `pages[i]` maps every HTML page's key to its URL path.
pub fn link_up(
    languages: &[Language],
    root: &BaseUrl,
    pages: &[BTreeMap<PageKey, String>],
) -> Vec<Translations> {
    let mut groups: BTreeMap<&PageKey, Vec<(usize, String)>> = BTreeMap::new();
    for (li, of) in pages.iter().enumerate() {
        for (key, path) in of {
            groups.entry(key).or_default().push((li, path.clone()));
        }
    }
    (0..languages.len())
        .map(|current| {
            let pages = groups
                .values()
                .filter(|g| g.len() > 1)
                .filter_map(|g| {
                    let (_, mine) = g.iter().find(|(li, _)| *li == current)?;
                    Some((mine.clone(), g.clone()))
                })
                .collect();
            Translations {
                current,
                languages: languages.to_vec(),
                root: root.clone(),
                pages,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["en".into(), "de".into(), "pt-BR".into()]
    }

    #[test]
    fn a_translation_is_named_for_a_listed_language_other_than_the_first() {
        let l = langs();
        assert_eq!(
            translation_of(Path::new("guides/eng/tpm.de.md"), &l),
            Some(("de", PathBuf::from("guides/eng/tpm.md")))
        );
        assert_eq!(
            translation_of(Path::new("guides/tpm.pt-BR.md"), &l),
            Some(("pt-BR", PathBuf::from("guides/tpm.md")))
        );
        assert_eq!(translation_of(Path::new("guides/tpm.en.md"), &l), None);
        assert_eq!(translation_of(Path::new("guides/tpm.fr.md"), &l), None);
        assert_eq!(translation_of(Path::new("guides/.de.md"), &l), None);
        assert_eq!(translation_of(Path::new("guides/tpm.md"), &l), None);
    }

    #[test]
    fn the_switcher_falls_back_to_the_language_s_home_page() {
        let languages: Vec<Language> = ["en", "de"]
            .iter()
            .map(|t| Language {
                tag: t.to_string(),
                name: t.to_uppercase(),
                prefix: if *t == "en" {
                    String::new()
                } else {
                    format!("{t}/")
                },
            })
            .collect();
        let root = BaseUrl::parse("https://x.org/b/");
        let en = BTreeMap::from([
            (PageKey::Guide("g/a.md".into()), "guides/a/".to_string()),
            (PageKey::Guide("g/b.md".into()), "guides/b/".to_string()),
        ]);
        let de = BTreeMap::from([(PageKey::Guide("g/a.md".into()), "guides/a-de/".to_string())]);
        let t = link_up(&languages, &root, &[en, de]);
        let (alt, sw) = t[1].views("guides/a-de/");
        let urls: Vec<_> = alt
            .iter()
            .map(|a| (a.lang.as_str(), a.url.as_str()))
            .collect();
        assert_eq!(
            urls,
            [
                ("en", "https://x.org/b/guides/a/"),
                ("de", "https://x.org/b/de/guides/a-de/"),
                ("x-default", "https://x.org/b/guides/a/")
            ]
        );
        assert_eq!(sw[0].url, "../../../guides/a/");
        assert!(sw[1].current);
        let (alt, sw) = t[0].views("guides/b/");
        assert!(alt.is_empty());
        assert_eq!(sw[1].url, "../../de/");
    }
}
