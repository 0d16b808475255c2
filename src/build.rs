//! The pipeline: load → validate → render → write, as plain functions over
//! plain values, shared by `build`, `check`, `watch` and `serve`.

use crate::diag::{self, codes, Diagnostic, Invalid};
use crate::guide::load::{self, Loaded, SourceFile};
use crate::output::write;
use crate::render::langs;
use crate::render::theme;
use crate::render::{self, Page, RenderOptions};
use crate::rules;
use crate::site::lang;
use crate::site::Site;
use anyhow::Result;
use std::path::PathBuf;

/// What a build needs to know, resolved from the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holds `site.yaml`, `guides/`, `themes/`).
    pub root: PathBuf,
    /// Output folder; default from `site.yaml`, relative to the root.
    pub output: Option<PathBuf>,
    /// Overrides `site.yaml`'s `base_url`.
    pub base_url: Option<String>,
    /// Include guides marked `draft: true`.
    pub drafts: bool,
    /// Serve mode: inject live reload.
    pub serving: bool,
    /// Warnings fail the check and the build, as errors do (`--strict`).
    pub strict: bool,
}

/// The result of checking a site: every diagnostic and the sources they
/// point into.
#[derive(Debug, Default)]
pub struct Checked {
    /// Diagnostics, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The files read, for showing source lines.
    pub sources: Vec<SourceFile>,
    /// The loaded site (guides that parsed).
    pub loaded: Loaded,
}

impl Checked {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Whether the site may not be built: it has errors, or warnings and
    /// `strict` (`--strict`) counts them as errors.
    pub fn fails(&self, strict: bool) -> bool {
        self.has_errors() || (strict && !self.diagnostics.is_empty())
    }
}

/// Loads and validates a site without rendering or writing anything.
pub fn check(opts: &BuildOptions) -> Result<Checked> {
    if !opts.root.is_dir() {
        anyhow::bail!("site root {} is not a folder", opts.root.display());
    }
    let mut loaded = load::load(&opts.root)?;
    let (skills, skill_diags, skills_source) = crate::guide::skills::load(&opts.root)?;
    loaded.config.skills = skills;
    loaded.diagnostics.extend(skill_diags);
    loaded.sources.extend(skills_source);
    if let Some(url) = &opts.base_url {
        loaded.config.base_url = url.clone();
    }
    let site_yaml_text = loaded
        .sources
        .iter()
        .find(|s| s.path == std::path::Path::new("site.yaml"))
        .map(|s| s.text.clone());
    let language_errors = lang::config_errors(&loaded.config, site_yaml_text.as_deref());
    if language_errors.is_empty() {
        lang::prepare(&mut loaded);
    }
    let mut diagnostics = std::mem::take(&mut loaded.diagnostics);
    diagnostics.extend(language_errors);
    let sources = std::mem::take(&mut loaded.sources);
    let statics = theme::static_names(&opts.root, &loaded.config.theme);
    let context = rules::Context {
        unparsed: &loaded.unparsed,
        drafts: opts.drafts,
        statics: &statics,
        levels: &loaded.config.levels,
        skills: &loaded.config.skills,
        lints: loaded.config.lint,
    };
    // The guides the schema walk refused are checked too, from what could
    // be built of them, so one run reports everything.
    let mut checked: Vec<&load::Guide> = loaded.guides.iter().chain(&loaded.partial).collect();
    checked.sort_by(|a, b| a.source.path.cmp(&b.source.path));
    if lang::is_multilingual(&loaded.config) {
        diagnostics.extend(check_languages(
            opts,
            &loaded,
            &checked,
            &context,
            site_yaml_text.as_deref(),
        ));
    } else {
        diagnostics.extend(rules::validate_with(&checked, &context));
    }
    let site_yaml = sources
        .iter()
        .find(|s| s.path == std::path::Path::new("site.yaml"))
        .map(|s| &*s.text);
    diagnostics.extend(site_checks(
        &opts.root,
        &loaded.config,
        site_yaml,
        opts.output.is_some(),
    ));
    diag::sort(&mut diagnostics);
    Ok(Checked {
        diagnostics,
        sources,
        loaded,
    })
}

/// The checks of a multilingual site's guides: the rules run on each
/// language's guides apart (slugs are unique, and links resolve, within a
/// language; a translation may name a guide of the default language that
/// has no translation), then the warnings about translations, and the
/// words of each language other than the default (the default's are
/// checked with the theme).
fn check_languages(
    opts: &BuildOptions,
    loaded: &Loaded,
    checked: &[&load::Guide],
    context: &rules::Context<'_>,
    site_yaml: Option<&str>,
) -> Vec<Diagnostic> {
    let config = &loaded.config;
    let elsewhere = lang::known_elsewhere(loaded);
    let mut out = Vec::new();
    for (i, tag) in config.languages.iter().enumerate() {
        let mine: Vec<&load::Guide> = checked
            .iter()
            .copied()
            .filter(|g| lang::language_of(&g.source.path, config) == tag)
            .collect();
        if i == 0 {
            out.extend(rules::validate_with(&mine, context));
        } else {
            let context = rules::Context {
                unparsed: &elsewhere,
                ..*context
            };
            out.extend(rules::validate_with(&mine, &context));
        }
    }
    out.extend(lang::warnings(checked, &loaded.unparsed, config));
    let at = crate::guide::load::site_yaml_value(site_yaml, "languages");
    for tag in config.languages.iter().skip(1) {
        if let Ok(theme) = theme::load(&opts.root, &config.theme, tag) {
            // Only what is about the language: the theme's own findings
            // come with the default language's.
            out.extend(
                theme
                    .warnings
                    .into_iter()
                    .filter(|d| d.code == codes::W0405)
                    .map(|mut d| {
                        if d.line == 0 && d.field == "language" {
                            (d.line, d.column) = at;
                            d.field = "languages".into();
                        }
                        d
                    }),
            );
        }
    }
    out
}

/// The checks of a site beyond its guides and `site.yaml`'s own shape: the
/// theme's linked files, a theme that `build` cannot load (missing, outside
/// `themes/`, a template that does not parse), and an `output` outside the
/// root unless the command line gave the output folder. `site_yaml` is the
/// text of `site.yaml`, to place the diagnostics at its settings.
pub fn site_checks(
    root: &std::path::Path,
    config: &crate::guide::model::SiteConfig,
    site_yaml: Option<&str>,
    output_given: bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = theme::link_warnings(root);
    match theme::load(root, &config.theme, &config.language) {
        Ok(theme) => diagnostics.extend(theme.warnings),
        Err(errors) => {
            let at = crate::guide::load::site_yaml_value(site_yaml, "theme");
            diagnostics.extend(errors.into_iter().map(|mut d| {
                if d.line == 0 && d.field == "theme" {
                    (d.line, d.column) = at;
                }
                d
            }));
        }
    }
    place_language(&mut diagnostics, site_yaml);
    if !output_given {
        diagnostics.extend(output_outside_root(&config.output, site_yaml));
    }
    diagnostics
}

/// E0306 when `site.yaml`'s `output` leaves the site root: `site.yaml`
/// arrives through pull requests like the guides, so it may only name a
/// folder inside the root; a folder elsewhere is the command line's choice.
fn output_outside_root(output: &str, site_yaml: Option<&str>) -> Option<Diagnostic> {
    let path = std::path::Path::new(output);
    let mut depth = 0usize;
    let mut escapes = path.has_root() || path.is_absolute();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir if depth == 0 => escapes = true,
            std::path::Component::ParentDir => depth -= 1,
            std::path::Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    if !escapes {
        return None;
    }
    let (line, column) = crate::guide::load::site_yaml_value(site_yaml, "output");
    Some(
        Diagnostic::new(
            "site.yaml",
            line,
            column,
            "output",
            codes::E0306,
            format!("`output: {output}` is outside the site root"),
        )
        .with_help(
            "name a folder inside the site (the default is `output`), or give this one with `careerbook build --output`",
        ),
    )
}

/// The line and column of a top-level `key:`'s value in `site.yaml`, for
/// the caret under a setting the loader accepted and a later step refused;
/// `(0, 0)` when the key is not written there (a default).
/// Puts the diagnostics about `site.yaml`'s `language` that came without a
/// line (the theme's words know the setting, not where it is written) at
/// the setting.
pub(crate) fn place_language(diagnostics: &mut [Diagnostic], site_yaml: Option<&str>) {
    let at = crate::guide::load::site_yaml_value(site_yaml, "language");
    for d in diagnostics {
        if d.line == 0 && d.field == "language" && d.file == std::path::Path::new("site.yaml") {
            (d.line, d.column) = at;
        }
    }
}

/// The output folder for these options and config.
pub fn output_dir(opts: &BuildOptions, config: &crate::guide::model::SiteConfig) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join(&config.output))
}

/// What a successful build produced.
#[derive(Debug)]
pub struct Built {
    /// Where the site was written.
    pub output: PathBuf,
    /// Number of files written.
    pub files: usize,
    /// Number of guide pages.
    pub guides: usize,
}

/// Renders a checked site into pages, without writing them.
pub fn render_checked(
    checked: &Checked,
    opts: &BuildOptions,
) -> Result<(Site, Vec<Page>), Invalid> {
    let guides: Vec<_> = checked
        .loaded
        .guides
        .iter()
        .filter(|g| g.front.is_published(opts.drafts))
        .cloned()
        .collect();
    if lang::is_multilingual(&checked.loaded.config) {
        let mut sites =
            langs::sites(&opts.root, &checked.loaded.config, guides).map_err(Invalid)?;
        let pages = langs::render(
            &sites,
            RenderOptions {
                serving: opts.serving,
            },
        )
        .map_err(|e| match e.downcast::<Invalid>() {
            Ok(i) => i,
            Err(e) => Invalid(vec![Diagnostic::new(
                "site.yaml",
                0,
                0,
                "",
                codes::E0402,
                e.to_string(),
            )]),
        })?;
        return Ok((sites.swap_remove(0).site, pages));
    }
    let site = Site::new(checked.loaded.config.clone(), guides);
    let theme =
        theme::load(&opts.root, &site.config.theme, &site.config.language).map_err(Invalid)?;
    let pages = render::render(
        &site,
        &theme,
        RenderOptions {
            serving: opts.serving,
        },
    )
    .map_err(Invalid)?;
    Ok((site, pages))
}

/// Renders and writes a checked site. The caller has made sure `checked`
/// holds no errors.
///
/// Takes the checked site by value: its guides move into the resolved
/// [`Site`] instead of being copied, and each page is written to the staging
/// folder as soon as it is rendered, so memory holds the parsed guides but
/// never the whole rendered site.
pub fn build_checked(checked: Checked, opts: &BuildOptions) -> Result<Built> {
    let output = output_dir(opts, &checked.loaded.config);
    write::check_output_dir(&opts.root, &output)?;
    let Checked { loaded, .. } = checked;
    let guides: Vec<_> = loaded
        .guides
        .into_iter()
        .filter(|g| g.front.is_published(opts.drafts))
        .map(|mut g| {
            // Positions and source text serve diagnostics, which are done;
            // rendering reads only the typed model and the body.
            g.positions = crate::guide::positions::Positions::default();
            g.source.text = std::sync::Arc::from("");
            g
        })
        .collect();
    let render_opts = RenderOptions {
        serving: opts.serving,
    };
    if lang::is_multilingual(&loaded.config) {
        let sites = langs::sites(&opts.root, &loaded.config, guides).map_err(Invalid)?;
        let files =
            write::write_site_with(&output, |sink| langs::render_to(&sites, render_opts, sink))?;
        return Ok(Built {
            output,
            files,
            guides: sites.iter().map(|l| l.site.guides.len()).sum(),
        });
    }
    let site = Site::new(loaded.config, guides);
    let theme =
        theme::load(&opts.root, &site.config.theme, &site.config.language).map_err(Invalid)?;
    let files = write::write_site_with(&output, |sink| {
        render::render_to(&site, &theme, render_opts, sink)
    })?;
    Ok(Built {
        output,
        files,
        guides: site.guides.len(),
    })
}

/// Builds the site: check, render, then write atomically. On invalid input
/// (or any warning, with `strict`) nothing is written and the error is
/// [`Invalid`] with every diagnostic.
pub fn build(opts: &BuildOptions) -> Result<Built> {
    let checked = check(opts)?;
    if checked.fails(opts.strict) {
        return Err(Invalid(checked.diagnostics).into());
    }
    build_checked(checked, opts)
}
