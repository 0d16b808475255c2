//! The resolved site: validated guides plus what is derived from all of them
//! (lookups by slug and title, the links between guides, URLs).
//!
//! Built once per build from the loaded guides; the render stage reads it and
//! never changes it.

pub mod terms;

use crate::guide::load::Guide;
use crate::guide::model::SiteConfig;
use std::collections::HashMap;

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

/// How one guide points at another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// Listed under "Can Lead To".
    LeadsTo,
    /// Listed under "Transition Opportunities".
    Transition,
}

/// The validated guides of a site and the lookups rendering needs.
#[derive(Debug)]
pub struct Site {
    /// `site.yaml` with command-line overrides applied.
    pub config: SiteConfig,
    /// Where the site is published.
    pub base: BaseUrl,
    /// Guides to publish, sorted by slug.
    pub guides: Vec<Guide>,
    by_slug: HashMap<String, usize>,
    by_title: HashMap<String, usize>,
    /// For each guide, the guides that list it in their progression.
    incoming: Vec<Vec<(usize, LinkKind)>>,
    /// Families, tags, employers and sectors with their slugs.
    pub terms: crate::site::terms::Terms,
}

/// Titles are matched ignoring case and surrounding space.
fn title_key(t: &str) -> String {
    t.trim().to_lowercase()
}

impl Site {
    /// Resolves a site from validated guides.
    pub fn new(config: SiteConfig, mut guides: Vec<Guide>) -> Site {
        guides.sort_by(|a, b| a.slug.cmp(&b.slug));
        let base = BaseUrl::parse(&config.base_url);
        let by_slug: HashMap<String, usize> = guides
            .iter()
            .enumerate()
            .map(|(i, g)| (g.slug.clone(), i))
            .collect();
        let mut by_title = HashMap::new();
        for (i, g) in guides.iter().enumerate() {
            by_title.entry(title_key(&g.front.title)).or_insert(i);
        }
        let mut site = Site {
            config,
            base,
            guides,
            by_slug,
            by_title,
            incoming: Vec::new(),
            terms: Default::default(),
        };
        let mut incoming = vec![Vec::new(); site.guides.len()];
        for (i, g) in site.guides.iter().enumerate() {
            for (kind, target) in site.outgoing(g) {
                if target != i && !incoming[target].contains(&(i, kind)) {
                    incoming[target].push((i, kind));
                }
            }
        }
        for list in &mut incoming {
            list.sort_by(|a, b| {
                let (ta, tb) = (&site.guides[a.0].front.title, &site.guides[b.0].front.title);
                (a.1, ta).cmp(&(b.1, tb))
            });
        }
        site.incoming = incoming;
        site.terms = crate::site::terms::Terms::new(&site.guides);
        site
    }

    /// The Markdown renderer with this site's raw-HTML policy.
    pub fn markdown(&self) -> crate::render::markdown::Markdown {
        crate::render::markdown::Markdown {
            allow_raw_html: self.config.allow_raw_html,
        }
    }

    /// The guide with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<&Guide> {
        self.by_slug.get(slug).map(|&i| &self.guides[i])
    }

    /// The guide a progression item points at: by `guide:` slug, else by a
    /// title equal to another guide's title.
    pub fn resolve(&self, item: &crate::guide::model::RoleRef) -> Option<usize> {
        match item.guide() {
            Some(slug) => self.by_slug.get(slug).copied(),
            None => self.by_title.get(&title_key(item.title())).copied(),
        }
    }

    /// Every guide that `g` links to from its progression, with the kind.
    pub fn outgoing(&self, g: &Guide) -> Vec<(LinkKind, usize)> {
        let Some(p) = &g.front.progression else {
            return Vec::new();
        };
        let leads = p.leads_to.iter().map(|r| (LinkKind::LeadsTo, r));
        let trans = p.transitions.iter().map(|r| (LinkKind::Transition, r));
        leads
            .chain(trans)
            .filter_map(|(k, r)| self.resolve(r).map(|t| (k, t)))
            .collect()
    }

    /// Guides that list guide `i` in their progression ("Roles that lead here").
    pub fn incoming(&self, i: usize) -> &[(usize, LinkKind)] {
        &self.incoming[i]
    }

    /// Site-relative path of a guide page, e.g. `guides/tpm/`.
    pub fn guide_path(slug: &str) -> String {
        format!("guides/{slug}/")
    }
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
}
