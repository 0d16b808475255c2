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
    },
    /// Build, then rebuild the output folder whenever a guide, a theme file
    /// or site.yaml changes; only the pages a change reaches are re-rendered.
    Watch {
        /// Where the site is.
        #[command(flatten)]
        site: SiteArgs,
        /// Output folder [default: site.yaml's `output`, relative to the root].
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Base URL the site is published under (overrides site.yaml).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
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
        Command::Watch {
            site,
            output,
            base_url,
        } => {
            crate::watch::run(BuildOptions {
                root: site.root,
                output,
                base_url,
                drafts: site.drafts,
                serving: false,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            site,
            bind,
            port,
            open,
        } => {
            crate::serve::run(crate::serve::ServeOptions {
                build: BuildOptions {
                    root: site.root,
                    drafts: site.drafts,
                    ..Default::default()
                },
                bind,
                port,
                open,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { site } => {
            let opts = BuildOptions {
                root: site.root,
                drafts: site.drafts,
                ..Default::default()
            };
            let checked = build::check(&opts)?;
            print_diagnostics(&checked.diagnostics, &checked);
            eprintln!("{}", diag::summary(&checked.diagnostics));
            Ok(if checked.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn print_diagnostics(diags: &[diag::Diagnostic], checked: &Checked) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", diag::render_human(d, checked.source(&d.file)));
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
