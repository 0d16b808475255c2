//! Which site a command works on: `--root` as given, else the nearest
//! folder at or above the current one that holds `site.yaml`, or failing
//! that a `guides/` folder, as cargo finds `Cargo.toml`. Out: the root, as
//! a path relative to the current folder (`.`, `..`, `../..`), or an error
//! that says what a site looks like and how to make one.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// The site root for `given` (`--root`), found from the current folder
/// when it is not given.
pub(crate) fn site_root(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(root) = given {
        return Ok(root);
    }
    let here = std::env::current_dir().context("cannot read the current folder")?;
    match find(&here) {
        Some(found) => Ok(relative(&here, &found)),
        None => bail!(
            "no careerbook site here: neither {} nor any folder above it holds site.yaml or a \
             guides/ folder.\nA site is a folder with site.yaml (its settings) and guides/ (one \
             Markdown file per role). Make one with `careerbook init` (in this folder) or \
             `careerbook init my-site`, or name one with --root DIR.",
            here.display()
        ),
    }
}

/// The nearest folder at or above `here` holding `site.yaml`; failing
/// that, the nearest holding a `guides/` folder.
pub(crate) fn find(here: &Path) -> Option<PathBuf> {
    let holds = |marker: fn(&Path) -> bool| here.ancestors().find(|dir| marker(dir));
    holds(|dir| dir.join("site.yaml").is_file())
        .or_else(|| holds(|dir| dir.join("guides").is_dir()))
        .map(Path::to_path_buf)
}

/// `found`, an ancestor of `here`, as a path from `here`: `.` or `../..`.
fn relative(here: &Path, found: &Path) -> PathBuf {
    let up = here
        .strip_prefix(found)
        .map_or(0, |rest| rest.components().count());
    if up == 0 {
        PathBuf::from(".")
    } else {
        (0..up).map(|_| "..").collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_site_yaml_wins_then_the_nearest_guides_folder() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("guides/team")).unwrap();
        std::fs::create_dir_all(site.join("themes/mine")).unwrap();
        // No site.yaml: the nearest folder holding guides/.
        assert_eq!(find(&site.join("guides/team")), Some(site.clone()));
        assert_eq!(find(&site.join("themes/mine")), Some(site.clone()));
        std::fs::write(site.join("site.yaml"), "title: T\n").unwrap();
        // A guides/ folder nearer than site.yaml does not win over it.
        std::fs::create_dir_all(site.join("themes/mine/guides")).unwrap();
        assert_eq!(find(&site.join("themes/mine")), Some(site.clone()));
        assert_eq!(
            relative(&site.join("guides/team"), &site),
            PathBuf::from("../..")
        );
        assert_eq!(relative(&site, &site), PathBuf::from("."));
    }
}
