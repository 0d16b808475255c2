//! The command line: parse arguments with clap, turn them into plain option
//! structs, call the library, print diagnostics and choose the exit code.
//!
//! Exit codes: 0 success, 1 invalid guides or site config, 2 usage or I/O
//! errors.

use crate::build::{self, BuildOptions, Checked};
use crate::diag::{self, Invalid};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// careerbook turns a folder of career guides into a static website.
#[derive(Debug, Parser)]
#[command(name = "careerbook", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options shared by every command that reads a site.
#[derive(Debug, clap::Args)]
pub struct SiteArgs {
    /// The site root: the folder holding site.yaml, guides/ and themes/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include guides marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder [default: site.yaml's `output`, relative to the root].
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Base URL the site is published under (overrides site.yaml), e.g.
        /// https://user.github.io/repo/.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Validate every guide and site.yaml without writing anything.
    Check {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// How to print diagnostics: `human` (stderr), `json` (stdout) or
        /// `github` (workflow commands for GitHub Actions, stdout).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print the JSON Schema of guide front matter (for editors and CI).
    Schema,
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

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if let Some(invalid) = e.downcast_ref::<Invalid>() {
                // Template errors found while rendering.
                print_diagnostics(&invalid.0, &Checked::default());
                return ExitCode::from(1);
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build {
            site,
            output,
            base_url,
        } => {
            let opts = BuildOptions {
                root: site.root,
                output,
                base_url,
                drafts: site.drafts,
                serving: false,
            };
            let start = std::time::Instant::now();
            let checked = build::check(&opts)?;
            print_diagnostics(&checked.diagnostics, &checked);
            if checked.has_errors() {
                eprintln!(
                    "build failed: {}; the output folder was not changed",
                    diag::summary(&checked.diagnostics)
                );
                return Ok(ExitCode::from(1));
            }
            let built = build::build_checked(&checked, &opts)?;
            eprintln!(
                "built {} guides ({} files) into {} in {} ms",
                built.guides,
                built.files,
                built.output.display(),
                start.elapsed().as_millis()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { site, format } => {
            let opts = BuildOptions {
                root: site.root,
                drafts: site.drafts,
                ..Default::default()
            };
            let checked = build::check(&opts)?;
            let mut out = std::io::stdout().lock();
            match format {
                Format::Human => {
                    print_diagnostics(&checked.diagnostics, &checked);
                    eprintln!("{}", diag::summary(&checked.diagnostics));
                }
                Format::Json => {
                    writeln!(out, "{}", diag::render_json(&checked.diagnostics))?;
                }
                Format::Github => {
                    for d in &checked.diagnostics {
                        writeln!(out, "{}", diag::render_github(d))?;
                    }
                    eprintln!("{}", diag::summary(&checked.diagnostics));
                }
            }
            out.flush()?;
            Ok(if checked.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Schema => {
            let mut out = std::io::stdout().lock();
            out.write_all(crate::schema::guide_text().as_bytes())?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn print_diagnostics(diags: &[diag::Diagnostic], checked: &Checked) {
    use std::io::IsTerminal;
    let mut err = std::io::stderr().lock();
    let color = err.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let sources: std::collections::HashMap<&std::path::Path, &str> = checked
        .sources
        .iter()
        .map(|s| (s.path.as_path(), &*s.text))
        .collect();
    for d in diags {
        let source = sources.get(d.file.as_path()).copied();
        let text = diag::render_human_styled(d, source, color);
        let _ = writeln!(err, "{text}");
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
