//! Where the base version of a site is: `careerbook diff BASE`'s argument in,
//! the root of a site on disk out.
//!
//! BASE is a folder holding the site (a second checkout, a `git worktree`),
//! or, when no such folder exists and the site root is in a git repository,
//! a revision of that repository (`main`, `HEAD~3`, a commit). A revision's
//! tree is written to a temporary folder through a temporary index
//! (`git read-tree` and `git checkout-index`), so neither the repository's
//! index nor its list of worktrees changes; the folder is removed when the
//! [`Base`] is dropped.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The base version of a site, ready to load.
#[derive(Debug)]
pub struct Base {
    /// Its site root.
    pub root: PathBuf,
    /// The commit, when BASE was read as a git revision.
    pub commit: Option<String>,
    /// The temporary folder a revision was written to; removed on drop.
    _extracted: Option<tempfile::TempDir>,
}

/// Finds BASE: a folder if one has that name, else a revision of the git
/// repository that holds `root`. Errors name BASE and what was wrong.
pub fn resolve(base: &str, root: &Path) -> Result<Base> {
    let path = Path::new(base);
    if path.is_dir() {
        ensure_site(path, &format!("BASE `{base}`"), &path.display().to_string())?;
        return Ok(Base {
            root: path.to_path_buf(),
            commit: None,
            _extracted: None,
        });
    }
    let not_folder = if path.exists() {
        format!("BASE `{base}` is a file, not a folder holding a site")
    } else {
        format!("BASE `{base}`: no such folder")
    };
    if base.is_empty() || base.starts_with('-') {
        bail!("{not_folder}, nor a git revision");
    }
    let top = match git(root, &["rev-parse", "--show-toplevel"]) {
        Ok(top) => PathBuf::from(top),
        Err(GitError::Missing(e)) => {
            bail!("{not_folder}; it was not tried as a git revision because git cannot run ({e})")
        }
        Err(GitError::Failed(_)) => bail!(
            "{not_folder}; it was not tried as a git revision because the site root {} is not in a git repository",
            root.display()
        ),
    };
    let prefix = git(root, &["rev-parse", "--show-prefix"]).map_err(GitError::into_anyhow)?;
    let Ok(commit) = git(
        &top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{base}^{{commit}}"),
        ],
    ) else {
        bail!(
            "{not_folder}, nor a revision of the git repository at {}",
            top.display()
        );
    };
    let tree = format!("{commit}:{prefix}");
    let kind = git(&top, &["cat-file", "-t", &tree]).unwrap_or_default();
    if kind != "tree" {
        bail!(
            "revision `{base}` has no folder `{}`, where the site root is now",
            prefix.trim_end_matches('/')
        );
    }
    let extracted = tempfile::Builder::new()
        .prefix("careerbook-diff-")
        .tempdir()
        .context("cannot create a temporary folder for the base")?;
    let site = extracted.path().join("site");
    let index = extracted.path().join("index");
    let mut prefix_arg = site.as_os_str().to_owned();
    prefix_arg.push(std::path::MAIN_SEPARATOR_STR);
    let steps: [Vec<std::ffi::OsString>; 2] = [
        vec!["read-tree".into(), tree.clone().into()],
        vec!["checkout-index".into(), "--all".into(), "--force".into(), {
            let mut p = std::ffi::OsString::from("--prefix=");
            p.push(&prefix_arg);
            p
        }],
    ];
    for args in steps {
        let out = Command::new("git")
            .arg("-C")
            .arg(&top)
            .args(&args)
            .env("GIT_INDEX_FILE", &index)
            .output()
            .context("cannot run git")?;
        if !out.status.success() {
            bail!(
                "cannot write revision `{base}` to a temporary folder: git says: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
    }
    std::fs::create_dir_all(&site).context("cannot create the base's folder")?;
    let shown = match prefix.trim_end_matches('/') {
        "" => "the top of the repository".to_string(),
        p => format!("`{p}`"),
    };
    ensure_site(&site, &format!("revision `{base}`"), &shown)?;
    Ok(Base {
        root: site,
        commit: Some(commit),
        _extracted: Some(extracted),
    })
}

/// A folder is a site when it holds `site.yaml` or `guides/`; `what` and
/// `shown` name the base and the folder in the error.
fn ensure_site(dir: &Path, what: &str, shown: &str) -> Result<()> {
    if dir.join("site.yaml").is_file() || dir.join("guides").is_dir() {
        return Ok(());
    }
    bail!("{what} is not a careerbook site: {shown} has neither site.yaml nor guides/")
}

/// Why a git command gave no answer.
enum GitError {
    /// git could not be started.
    Missing(std::io::Error),
    /// git ran and failed, with what it said.
    Failed(String),
}

impl GitError {
    fn into_anyhow(self) -> anyhow::Error {
        match self {
            GitError::Missing(e) => anyhow::anyhow!("cannot run git: {e}"),
            GitError::Failed(msg) => anyhow::anyhow!("git says: {msg}"),
        }
    }
}

/// Runs `git -C dir ARGS` and returns its standard output, trimmed.
fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(GitError::Missing)?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(GitError::Failed(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ))
    }
}
