//! The URL layout of the output: where each kind of page lives, as a path
//! relative to the site root, and how a relative path becomes a link under
//! the site's base URL. Every other module asks here instead of spelling
//! `guides/<slug>/` itself.

/// Site-relative path of a guide page, e.g. `guides/tpm/`.
pub fn guide_path(slug: &str) -> String {
    format!("guides/{slug}/")
}

/// Where a site is published: the base URL split into what links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Scheme and host, e.g. `https://user.github.io` (empty when the base
    /// URL is only a path).
    pub origin: String,
    /// The path every internal link starts with, with leading and trailing
    /// `/`, e.g. `/repo/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/sub/`, `/sub/` or `` (root).
    pub fn parse(s: &str) -> BaseUrl {
        let s = s.trim();
        let (origin, path) = match s.find("://") {
            Some(i) => {
                let after = &s[i + 3..];
                let slash = after.find('/').map_or(s.len(), |j| i + 3 + j);
                (s[..slash].to_string(), &s[slash..])
            }
            None => (String::new(), s),
        };
        let trimmed = path.trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_string()
        } else {
            format!("/{trimmed}/")
        };
        BaseUrl { origin, path }
    }

    /// A site-internal link to `rel` (no leading `/`), e.g. `/repo/guides/x/`.
    pub fn link(&self, rel: &str) -> String {
        format!("{}{}", self.path, rel)
    }

    /// An absolute URL to `rel` when the origin is known, else the link.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}{}", self.origin, self.path, rel)
    }
}

/// Checks an alias (an old URL path) can be written as a page: it starts
/// with `/`, and no segment is empty-dotted, reserved or hidden.
pub fn check_alias(alias: &str) -> Result<(), &'static str> {
    if !alias.starts_with('/') {
        return Err("must start with `/`");
    }
    if alias.contains(['\\', '\0', '?', '#', ':']) {
        return Err("may not contain `\\`, NUL, `?`, `#` or `:`");
    }
    let segs: Vec<&str> = alias.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() {
        return Err("cannot be the site root");
    }
    if segs
        .iter()
        .any(|s| *s == "." || *s == ".." || s.starts_with('.'))
    {
        return Err("may not contain `.` or `..` segments or hidden names");
    }
    Ok(())
}

/// Output-relative path for a page at URL path `alias`: `a/b/index.html`,
/// or the alias itself when it names an `.html` file.
pub fn alias_file(alias: &str) -> String {
    let trimmed = alias.trim_matches('/');
    if trimmed.ends_with(".html") {
        trimmed.to_string()
    } else {
        format!("{trimmed}/index.html")
    }
}

/// Site-relative path of a guide's JSON record.
pub fn api_path(slug: &str) -> String {
    format!("api/guides/{slug}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_forms() {
        let b = BaseUrl::parse("https://user.github.io/repo");
        assert_eq!(b.origin, "https://user.github.io");
        assert_eq!(b.path, "/repo/");
        assert_eq!(b.link("guides/x/"), "/repo/guides/x/");
        assert_eq!(b.absolute("a/"), "https://user.github.io/repo/a/");
        assert_eq!(BaseUrl::parse("https://h.io").path, "/");
        assert_eq!(BaseUrl::parse("/").path, "/");
        assert_eq!(BaseUrl::parse("sub").path, "/sub/");
    }

    #[test]
    fn aliases_cannot_escape() {
        assert!(check_alias("/old/url/").is_ok());
        for bad in [
            "old",
            "/../x",
            "/a/../../b",
            "/",
            "/.git/x",
            "/a\\b",
            "/a\0",
        ] {
            assert!(check_alias(bad).is_err(), "{bad}");
        }
        assert_eq!(alias_file("/old/url/"), "old/url/index.html");
        assert_eq!(alias_file("/old.html"), "old.html");
    }
}
