//! The command line: parse arguments with clap, turn them into plain option
//! structs, call the library, print diagnostics and choose the exit code.
//!
//! Exit codes: 0 success, 1 invalid guides or site config, 2 usage or I/O
//! errors.

pub(crate) mod progress;
pub(crate) mod root;
pub(crate) mod scaffold;
pub(crate) mod show;

use crate::build::{self, BuildOptions, Checked};
use crate::cli::show::{check_links, print_diagnostics, read_detail, written_files};
use crate::diag::{self, Invalid};
use crate::util::term;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// careerbook turns a folder of career guides into a static website.
#[derive(Debug, Parser)]
#[command(name = "careerbook", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Start a site with `careerbook init`, add a guide with `careerbook new \"Role\"`,\n\
    then `careerbook build`. See `careerbook help <command>` for examples."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Colour the messages on standard error: `auto` when it is a
    /// terminal and `NO_COLOR` is not set (`CLICOLOR_FORCE=1` forces it),
    /// `always`, or `never`.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
    /// Print errors only: no warnings, no summary lines, no progress.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also print what was read and written, and how long each step took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
}

/// Values of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Options shared by every command that reads a site.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site root: the folder holding site.yaml, guides/ and themes/
    /// [default: the nearest folder at or above the current one holding
    /// site.yaml, else guides/].
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Include guides marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Where a built site goes: shared by `build` and `watch`.
#[derive(Debug, clap::Args)]
pub struct OutputArgs {
    /// Output folder [default: site.yaml's `output`, relative to the root].
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Base URL the site is published under (overrides site.yaml), e.g.
    /// https://user.github.io/repo/.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

impl OutputArgs {
    /// Build options for writing `site` to this output.
    fn options(self, site: SiteArgs) -> anyhow::Result<BuildOptions> {
        Ok(BuildOptions {
            root: root::site_root(site.root)?,
            output: self.output,
            base_url: self.base_url,
            drafts: site.drafts,
            ..Default::default()
        })
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    #[command(after_help = "Examples:\n  \
        careerbook build\n  \
        careerbook build --drafts --output /tmp/preview\n  \
        careerbook build --base-url https://user.github.io/repo/\n  \
        careerbook build --strict                 # warnings stop the build too")]
    Build {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// Where it goes.
        #[command(flatten)]
        out: OutputArgs,
        /// Fail on warnings too (exit 1, nothing written), e.g. in CI: a
        /// `TODO:` placeholder left in a guide stops the build.
        #[arg(long)]
        strict: bool,
    },
    /// Validate every guide and site.yaml without writing anything.
    #[command(after_help = "Examples:\n  \
        careerbook check\n  \
        careerbook check --drafts                 # list what new drafts still need\n  \
        careerbook check --links --base-url https://user.github.io/repo/\n  \
        careerbook check --strict                 # in CI: warnings fail too\n\n\
        Exit codes: 0 valid, 1 invalid guides or broken links (or any warning with\n\
        --strict), 2 usage or I/O error.")]
    Check {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// How to print diagnostics: `human` (stderr), `json` (stdout) or
        /// `github` (workflow commands for GitHub Actions, stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Also render the site in memory and check that every internal
        /// link and #fragment resolves under the base URL.
        #[arg(long)]
        links: bool,
        /// Base URL to check links under (overrides site.yaml), as passed
        /// to `build --base-url`.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Fail on warnings too (exit 1), e.g. in CI: a `TODO:` placeholder
        /// left in a guide fails the check.
        #[arg(long)]
        strict: bool,
    },
    /// Print what changed on the site since a base version: guides added,
    /// removed, renamed and changed, field by field, and pages that appear
    /// or disappear.
    #[command(after_help = "Examples:\n  \
        careerbook diff ../main-checkout           # a folder holding the base version\n  \
        careerbook diff main                       # a git revision of the repository\n  \
        careerbook diff base >> \"$GITHUB_STEP_SUMMARY\"\n  \
        careerbook diff HEAD~1 --format json\n\n\
        BASE is a folder when one has that name, else a git revision of the\n\
        repository holding the root. Files that do not parse are left out and\n\
        named in the output. Exit codes: 0 the comparison ran (changes or not),\n\
        2 usage error, or BASE or the root could not be read.")]
    Diff {
        /// The base version: a folder holding the site (e.g. a checkout of a
        /// pull request's base), or a git revision.
        #[arg(value_name = "BASE")]
        base: String,
        /// Where the current version is.
        #[command(flatten)]
        site: SiteArgs,
        /// `markdown` for people and job summaries, or `json` for tools.
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
    },
    /// Print the JSON Schema of guide front matter (for editors and CI).
    Schema,
    /// Create a new site: site.yaml, an example guide, .gitignore, a
    /// GitHub Pages workflow, and settings that start `careerbook lsp` in
    /// VS Code and Helix.
    #[command(after_help = "Examples:\n  \
        careerbook init my-guides\n  \
        careerbook init            # in the current folder\n\n\
        Nothing is overwritten: if any of the site's files exists, nothing is written;\n\
        editor settings that exist (.vscode/settings.json, .vscode/extensions.json,\n\
        .helix/languages.toml) are kept as they are.")]
    Init {
        /// The folder to create the site in (created if missing).
        #[arg(default_value = ".", value_name = "DIR")]
        dir: PathBuf,
    },
    /// Add a draft guide with every section to fill in.
    #[command(after_help = "Examples:\n  \
        careerbook new \"Data Engineer\" --family Engineering\n  \
        careerbook new \"Ingénieur Données (Paris)\"   # guides/ingenieur-donnees-paris.md\n\n\
        Then fill in every `TODO:`; `careerbook check --drafts` lists what is left.\n\
        Remove `draft: true` to publish the guide.")]
    New {
        /// The role's title; the file name is its slug.
        title: String,
        /// The job family the guide belongs to.
        #[arg(long, value_name = "FAMILY")]
        family: Option<String>,
        /// The site root [default: the nearest folder at or above the
        /// current one holding site.yaml, else guides/].
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Print a shell completion script to standard output.
    #[command(after_help = "Examples:\n  \
        careerbook completions bash > ~/.local/share/bash-completion/completions/careerbook\n  \
        careerbook completions zsh > ~/.zfunc/_careerbook\n  \
        careerbook completions fish > ~/.config/fish/completions/careerbook.fish")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to standard output.
    #[command(after_help = "Example:\n  careerbook man > careerbook.1 && man ./careerbook.1")]
    Man,
    /// Build, then rebuild the output folder whenever a guide, a theme file
    /// or site.yaml changes; only the pages a change reaches are re-rendered.
    Watch {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// Where it goes.
        #[command(flatten)]
        out: OutputArgs,
    },
    /// Serve the site locally with live reload, rebuilding on every change.
    /// Pages are kept in memory; the output folder is not touched.
    Serve {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free port.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default web browser.
        #[arg(long)]
        open: bool,
    },
    /// Run a language server for editors on standard input and output:
    /// `check`'s diagnostics as you type in guides and site.yaml,
    /// completion, hover, go to definition and quick fixes.
    #[command(
        after_help = "Editors start it themselves; see docs/editors.md for VS Code,\n\
        Neovim and Helix. Each document's site is the nearest folder above it\n\
        holding site.yaml (or guides/).\n\n\
        Exit codes: 0 after `shutdown` and `exit`, 1 when the editor went away\n\
        without them."
    )]
    Lsp {
        /// Check drafts as published, as `check --drafts` does.
        #[arg(long)]
        drafts: bool,
        /// Accepted and ignored: the server always speaks on standard
        /// input and output (some editors pass this flag).
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with the source line, on stderr.
    Human,
    /// A JSON array of diagnostic objects, on stdout.
    Json,
    /// GitHub Actions `::error` / `::warning` commands, on stdout.
    Github,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// A Markdown summary, on stdout.
    Markdown,
    /// One JSON object, on stdout (fields in docs/publishing.md).
    Json,
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    term::set_color(match cli.color {
        ColorArg::Auto => term::ColorWhen::Auto,
        ColorArg::Always => term::ColorWhen::Always,
        ColorArg::Never => term::ColorWhen::Never,
    });
    term::set_level(if cli.quiet {
        term::Level::Quiet
    } else if cli.verbose {
        term::Level::Verbose
    } else {
        term::Level::Normal
    });
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => {
            // The reader went away (`careerbook man | head`): what it read
            // was right, and there is no one left to tell (as ripgrep does).
            ExitCode::SUCCESS
        }
        Err(e) => {
            if let Some(invalid) = e.downcast_ref::<Invalid>() {
                // Template errors found while rendering.
                print_diagnostics(&invalid.0, &Checked::default());
                return ExitCode::from(1);
            }
            term::say(format_args!("{r}error:{r:#} {e:#}", r = term::ERROR));
            ExitCode::from(2)
        }
    }
}

/// Whether `e` comes from writing to a pipe whose reader has closed it.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes `bytes` to standard output, so a failure (a closed pipe) comes
/// back as an error rather than a panic.
fn print_stdout(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(())
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { site, out, strict } => {
            let opts = BuildOptions {
                strict,
                ..out.options(site)?
            };
            let start = std::time::Instant::now();
            let progress = crate::cli::progress::Progress::start("building");
            let checked = build::check(&opts)?;
            read_detail(&checked, start);
            print_diagnostics(&checked.diagnostics, &checked);
            if checked.fails(strict) {
                progress.finish();
                let why = if checked.has_errors() {
                    ""
                } else {
                    " (--strict: warnings count as errors)"
                };
                term::say(format_args!(
                    "{r}build failed:{r:#} {}{why}; the output folder was not changed",
                    diag::summary(&checked.diagnostics),
                    r = term::ERROR
                ));
                return Ok(ExitCode::from(1));
            }
            let rendering = std::time::Instant::now();
            let built = build::build_checked(checked, &opts);
            progress.finish();
            let built = built?;
            if term::verbose() {
                for f in written_files(&built.output) {
                    term::detail(format_args!("wrote {}", f.display()));
                }
                term::detail(format_args!(
                    "rendered and wrote {} files in {} ms",
                    built.files,
                    rendering.elapsed().as_millis()
                ));
            }
            term::note(format_args!(
                "{g}built{g:#} {} guides ({} files) into {} in {} ms",
                built.guides,
                built.files,
                built.output.display(),
                start.elapsed().as_millis(),
                g = term::GOOD
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch { site, out } => {
            crate::dev::watch::run(out.options(site)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            site,
            bind,
            port,
            open,
        } => {
            crate::dev::serve::run(crate::dev::serve::ServeOptions {
                build: BuildOptions {
                    root: root::site_root(site.root)?,
                    drafts: site.drafts,
                    ..Default::default()
                },
                bind,
                port,
                open,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Lsp { drafts, stdio: _ } => {
            let clean = crate::lsp::run(crate::lsp::LspOptions { drafts });
            Ok(if clean {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Check {
            site,
            format,
            links,
            base_url,
            strict,
        } => {
            let opts = BuildOptions {
                root: root::site_root(site.root)?,
                drafts: site.drafts,
                base_url,
                strict,
                ..Default::default()
            };
            let start = std::time::Instant::now();
            let checked = build::check(&opts)?;
            read_detail(&checked, start);
            let printed = (|| -> std::io::Result<()> {
                let mut out = std::io::stdout().lock();
                match format {
                    Format::Human => print_diagnostics(&checked.diagnostics, &checked),
                    Format::Json => {
                        writeln!(out, "{}", diag::render_json(&checked.diagnostics))?;
                    }
                    Format::Github => {
                        for d in &checked.diagnostics {
                            writeln!(out, "{}", diag::render_github(d))?;
                        }
                    }
                }
                out.flush()
            })();
            // A reader that stopped early does not change the verdict.
            if let Err(e) = printed {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
            if format != Format::Json && (!term::quiet() || checked.fails(strict)) {
                term::say(diag::summary(&checked.diagnostics));
            }
            if checked.fails(strict) {
                if !checked.has_errors() {
                    term::say(format_args!(
                        "{r}check failed:{r:#} --strict counts warnings as errors",
                        r = term::ERROR
                    ));
                }
                return Ok(ExitCode::from(1));
            }
            if links {
                return check_links(&checked, &opts);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir } => {
            let created = crate::cli::scaffold::init(&dir)?;
            for path in &created.written {
                term::note(format_args!("created {}", path.display()));
            }
            for path in &created.kept {
                term::note(format_args!(
                    "kept {} as it was; docs/editors.md says what careerbook lsp needs in it",
                    path.display()
                ));
            }
            let cd = if dir == std::path::Path::new(".") {
                String::new()
            } else {
                format!("cd {} && ", dir.display())
            };
            term::note(format_args!(
                "\nNext: {cd}careerbook build, then open output/index.html in a browser\n\
                 (or run `careerbook serve`: live reload, and search, which needs a web server).\n\
                 Add a guide with `careerbook new \"Role Title\"`. To publish on GitHub\n\
                 Pages, push to GitHub and set Settings > Pages > Source to \"GitHub Actions\";\n\
                 .github/workflows/pages.yml then builds and deploys every push to main.\n\
                 Editors: .vscode/ and .helix/ start `careerbook lsp` (in VS Code, install the\n\
                 recommended Generic LSP Client extension when asked)."
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::New {
            title,
            family,
            root,
        } => {
            let root = root::site_root(root)?;
            let path = crate::cli::scaffold::new_guide(&root, &title, family.as_deref())?;
            print_stdout(format!("{}\n", path.display()).as_bytes())?;
            term::note(format_args!(
                "created a draft guide; fill in every `TODO:` (values with a `# TODO:`\n\
                 comment after them too), then run\n  \
                 careerbook check --drafts --root {}\nto see what is left.",
                root.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Generated into memory: clap_complete panics when its writer fails.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "careerbook", &mut script);
            print_stdout(&script)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page)?;
            print_stdout(&page)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Diff { base, site, format } => {
            let root = root::site_root(site.root)?;
            if !root.is_dir() {
                anyhow::bail!("site root {} is not a folder", root.display());
            }
            let found = crate::diff::base::resolve(&base, &root)?;
            let old = crate::diff::load(&found.root, site.drafts, "the base")?;
            let new = crate::diff::load(&root, site.drafts, "the current site")?;
            let names = crate::diff::Names {
                base,
                base_commit: found.commit.clone(),
                root: root.display().to_string(),
            };
            let diff = crate::diff::diff(&old, &new, names);
            let text = match format {
                DiffFormat::Markdown => crate::diff::markdown::render(&diff),
                DiffFormat::Json => format!("{}\n", serde_json::to_string_pretty(&diff)?),
            };
            print_stdout(text.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            print_stdout(crate::guide::schema::guide_text().as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
