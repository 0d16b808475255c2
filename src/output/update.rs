//! Updating in place: the output folder of a running `watch` brought up to
//! date with only the pages that changed, all or nothing.
//!
//! In: an output folder that holds a previous build, the paths that changed
//! with their new bytes, and the paths no longer produced. Out: the folder
//! holding the new pages; after an error, exactly the files it held before,
//! with no scratch file left ([`ChangeError`] says whether putting them
//! back worked).

use crate::output::write::safe_join;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Why [`write_changes`] failed, and whether the folder is as it was.
#[derive(Debug)]
pub struct ChangeError {
    /// What went wrong.
    pub error: anyhow::Error,
    /// Everything done was undone: the folder holds exactly the files it
    /// held before the call. When `false`, its state is unknown.
    pub restored: bool,
}

/// Brings an output folder that holds a previous build up to date in place,
/// for `watch`, whose output a browser may be reading at any moment. All or
/// nothing, like [`write_site`](crate::output::write::write_site), without
/// writing the unchanged files:
///
/// 1. each of `changed` is written beside its file as `.NAME.careerbook-tmp`
///    (where a full disk fails, before anything in the output changed);
/// 2. each file is replaced by renaming its new version over it, so a
///    reader never sees half a page, the previous version kept as
///    `.NAME.careerbook-old` through a hard link; each of `removed` is
///    renamed to that name;
/// 3. the previous versions are deleted, and the folders left empty.
///
/// After an error in 1 or 2 everything done is undone, and no scratch file
/// is left.
pub fn write_changes(
    output: &Path,
    changed: &[(&str, &[u8])],
    removed: &[String],
) -> Result<(), ChangeError> {
    let mut update = Update {
        output,
        created: Vec::new(),
        staged: Vec::new(),
        done: Vec::new(),
    };
    match update.run(changed, removed) {
        Ok(()) => {
            update.finish();
            Ok(())
        }
        Err(error) => Err(ChangeError {
            error,
            restored: update.undo(),
        }),
    }
}

/// One [`write_changes`] in progress: what it did, to finish or undo it.
struct Update<'a> {
    output: &'a Path,
    /// Folders it created, outermost first.
    created: Vec<PathBuf>,
    /// New versions being written: (temporary file, file it replaces).
    staged: Vec<(PathBuf, PathBuf)>,
    /// Files replaced, added or removed, in order, with where their
    /// previous version is kept (`None`: there was none).
    done: Vec<(PathBuf, Option<PathBuf>)>,
}

impl Update<'_> {
    fn run(&mut self, changed: &[(&str, &[u8])], removed: &[String]) -> Result<()> {
        let mut folders = std::collections::HashSet::new();
        for &(rel, _) in changed {
            let target = safe_join(self.output, rel)?;
            let dir = target.parent().unwrap_or(self.output).to_path_buf();
            if folders.insert(dir.clone()) {
                self.make_folder(&dir)?;
            }
            self.staged.push((beside(&target, "tmp"), target));
        }
        self.staged
            .par_iter()
            .zip(changed)
            .try_for_each(|((tmp, _), &(_, bytes))| {
                std::fs::write(tmp, bytes)
                    .with_context(|| format!("cannot write {}", tmp.display()))
            })?;
        for (tmp, target) in &self.staged {
            let old = keep(target)?;
            if let Err(e) = std::fs::rename(tmp, target) {
                if let Some(old) = old {
                    let _ = std::fs::remove_file(old);
                }
                return Err(e).with_context(|| format!("cannot write {}", target.display()));
            }
            self.done.push((target.clone(), old));
        }
        for rel in removed {
            let target = safe_join(self.output, rel)?;
            let old = beside(&target, "old");
            match std::fs::rename(&target, &old) {
                Ok(()) => self.done.push((target, Some(old))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot remove {}", target.display()))
                }
            }
        }
        Ok(())
    }

    /// Creates `dir` and the folders above it that are missing, noting
    /// which it created.
    fn make_folder(&mut self, dir: &Path) -> Result<()> {
        let mut missing = Vec::new();
        let mut d = dir;
        while d != self.output && std::fs::symlink_metadata(d).is_err() {
            missing.push(d.to_path_buf());
            d = d.parent().unwrap_or(self.output);
        }
        if missing.is_empty() {
            return Ok(());
        }
        let made = std::fs::create_dir_all(dir);
        self.created.extend(missing.into_iter().rev());
        made.with_context(|| format!("cannot create {}", dir.display()))
    }

    /// Drops the previous versions, and the folders removed files leave empty.
    fn finish(self) {
        for (target, old) in &self.done {
            let Some(old) = old else { continue };
            let _ = std::fs::remove_file(old);
            if target.exists() {
                continue;
            }
            let mut dir = target.parent();
            while let Some(d) = dir.filter(|d| *d != self.output) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
    }

    /// Puts every file back as it was, removes the scratch files and the
    /// folders made; `true` when all of that worked.
    fn undo(self) -> bool {
        let mut restored = true;
        for (target, old) in self.done.iter().rev() {
            let put_back = match old {
                Some(old) => std::fs::rename(old, target),
                None => std::fs::remove_file(target),
            };
            restored &= put_back.is_ok();
        }
        for (tmp, _) in &self.staged {
            match std::fs::remove_file(tmp) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => restored = false,
                _ => {}
            }
        }
        for dir in self.created.iter().rev() {
            restored &= std::fs::remove_dir(dir).is_ok();
        }
        restored
    }
}

/// The scratch name beside `target` for its new (`tmp`) or previous
/// (`old`) version.
fn beside(target: &Path, tag: &str) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(format!(".{name}.careerbook-{tag}"))
}

/// Keeps the current version of `target`, if there is one, as a hard link
/// beside it (a copy where the file system has no hard links), so it can be
/// put back; returns where.
fn keep(target: &Path) -> Result<Option<PathBuf>> {
    let old = beside(target, "old");
    // Left by a `watch` that was killed.
    let _ = std::fs::remove_file(&old);
    let kept = match std::fs::hard_link(target, &old) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => std::fs::copy(target, &old).map(|_| ()),
        Ok(()) => Ok(()),
    };
    kept.with_context(|| format!("cannot write {}", target.display()))?;
    Ok(Some(old))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).expect("inside");
                let text = std::fs::read_to_string(e.path()).expect("read");
                (rel.to_string_lossy().into_owned(), text)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_failed_update_puts_every_file_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path();
        std::fs::write(out.join("a.html"), "A0").expect("write");
        std::fs::write(out.join("gone.html"), "G0").expect("write");
        // A folder where the last page must go: no file can replace it.
        std::fs::create_dir_all(out.join("z.html")).expect("mkdir");
        let before = files(out);
        let changed: [(&str, &[u8]); 3] = [
            ("a.html", b"A1"),
            ("new/deep/x.html", b"X1"),
            ("z.html", b"Z1"),
        ];
        let err = write_changes(out, &changed, &["gone.html".into()]).unwrap_err();
        assert!(err.restored, "{:#}", err.error);
        assert!(
            format!("{:#}", err.error).contains("z.html"),
            "{:#}",
            err.error
        );
        assert_eq!(files(out), before, "every file as it was, no scratch file");
        assert!(!out.join("new").exists(), "the folders made are gone");

        std::fs::remove_dir(out.join("z.html")).expect("rmdir");
        write_changes(out, &changed, &["gone.html".into()]).expect("write");
        let after: Vec<(String, String)> = [
            ("a.html", "A1"),
            ("new/deep/x.html", "X1"),
            ("z.html", "Z1"),
        ]
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .to_vec();
        assert_eq!(files(out), after);
    }
}
