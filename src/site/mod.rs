//! The resolved site: validated guides plus what is derived from all of them
//! (lookups by slug and title, the links between guides, URLs).
//!
//! Built once per build from the loaded guides; the render stage reads it and
//! never changes it.

pub mod lang;
pub mod skills;
pub mod terms;

use crate::guide::load::Guide;
use crate::guide::model::SiteConfig;
use crate::util::layout::BaseUrl;
// A faster hash than the default for lookups by slug and title, made
// for every guide on every resolve and asked for every link; no key comes
// from a client.
use rustc_hash::FxHashMap as HashMap;

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
    /// For each guide, the other guides its progression links to.
    next: Vec<Vec<usize>>,
    /// For each guide, the guide each item of its progression points at
    /// ([`Site::targets`]).
    targets: Vec<Vec<Option<usize>>>,
    /// Families, tags, employers and sectors with their slugs.
    pub terms: crate::site::terms::Terms,
    /// Every skill the guides name, matched across guides.
    pub skills: crate::site::skills::SkillIndex,
    /// On a multilingual site, how this language's pages link to the
    /// others'; `None` on a site in one language.
    pub translations: Option<std::sync::Arc<crate::site::lang::Translations>>,
}

/// What [`Site::again`] may take from the site resolved before instead of
/// working it out from every guide.
#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// The terms, when every guide names the same ones as then, in the
    /// same order.
    pub(crate) terms: Option<crate::site::terms::Terms>,
    /// The skill index, when every guide lists the same skills and gaps as
    /// then, in the same order, and `skills.yaml` is the same.
    pub(crate) skills: Option<crate::site::skills::SkillIndex>,
}

/// The items of `g`'s progression with their kind: `leads_to` first, then
/// `transitions`.
pub(crate) fn items(g: &Guide) -> impl Iterator<Item = (LinkKind, &crate::guide::model::RoleRef)> {
    let p = g.front.progression.as_ref();
    let leads = p.into_iter().flat_map(|p| &p.leads_to);
    let trans = p.into_iter().flat_map(|p| &p.transitions);
    leads
        .map(|r| (LinkKind::LeadsTo, r))
        .chain(trans.map(|r| (LinkKind::Transition, r)))
}

impl Site {
    /// Resolves a site from validated guides.
    pub fn new(config: SiteConfig, guides: Vec<Guide>) -> Site {
        Site::again(config, guides, Kept::default())
    }

    /// Resolves a site from validated guides, taking what is `kept` from
    /// the site resolved before: the skill index alone takes most of the
    /// time at 10,000 guides, and an edit of a title leaves it as it was.
    pub(crate) fn again(config: SiteConfig, mut guides: Vec<Guide>, kept: Kept) -> Site {
        guides.sort_by(|a, b| a.slug.cmp(&b.slug));
        let base = BaseUrl::parse(&config.base_url);
        let by_slug: HashMap<String, usize> = guides
            .iter()
            .enumerate()
            .map(|(i, g)| (g.slug.clone(), i))
            .collect();
        let mut by_title = HashMap::default();
        for (i, g) in guides.iter().enumerate() {
            by_title
                .entry(crate::guide::model::title_key(&g.front.title))
                .or_insert(i);
        }
        let mut site = Site {
            config,
            base,
            guides,
            by_slug,
            by_title,
            incoming: Vec::new(),
            next: Vec::new(),
            targets: Vec::new(),
            terms: Default::default(),
            skills: Default::default(),
            translations: None,
        };
        // Each item is resolved once here: maps, pages and the incremental
        // engine look at every guide's items again and again.
        site.targets = site
            .guides
            .iter()
            .map(|g| items(g).map(|(_, r)| site.resolve(r)).collect())
            .collect();
        let mut incoming = vec![Vec::new(); site.guides.len()];
        let mut next = Vec::with_capacity(site.guides.len());
        for (i, g) in site.guides.iter().enumerate() {
            let mut to: Vec<usize> = Vec::new();
            let resolved = items(g).zip(&site.targets[i]);
            let outgoing = resolved.filter_map(|((kind, _), t)| t.map(|t| (kind, t)));
            for (kind, target) in outgoing {
                if target != i && !incoming[target].contains(&(i, kind)) {
                    incoming[target].push((i, kind));
                }
                if target != i {
                    to.push(target);
                }
            }
            to.sort_unstable();
            to.dedup();
            next.push(to);
        }
        site.next = next;
        for list in &mut incoming {
            list.sort_by(|a, b| {
                let (ta, tb) = (&site.guides[a.0].front.title, &site.guides[b.0].front.title);
                (a.1, ta).cmp(&(b.1, tb))
            });
        }
        site.incoming = incoming;
        site.terms = kept
            .terms
            .unwrap_or_else(|| crate::site::terms::Terms::new(&site.guides));
        site.skills = kept.skills.unwrap_or_else(|| {
            crate::site::skills::SkillIndex::new(&site.guides, &site.config.skills)
        });
        site
    }

    /// The guide with this slug.
    pub fn by_slug(&self, slug: &str) -> Option<&Guide> {
        self.by_slug.get(slug).map(|&i| &self.guides[i])
    }

    /// Where the guide with this slug sits in [`Site::guides`].
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The guide a progression item points at: by `guide:` slug, else by a
    /// title equal to another guide's title.
    pub fn resolve(&self, item: &crate::guide::model::RoleRef) -> Option<usize> {
        match item.guide() {
            Some(slug) => self.by_slug.get(slug).copied(),
            None => self
                .by_title
                .get(&crate::guide::model::title_key(item.title()))
                .copied(),
        }
    }

    /// The guide each item of guide `i`'s progression points at
    /// ([`Site::resolve`]), item by item: `leads_to` first, then
    /// `transitions`.
    pub fn targets(&self, i: usize) -> &[Option<usize>] {
        self.targets.get(i).map_or(&[], Vec::as_slice)
    }

    /// The other guides guide `i`'s progression links to, by index, sorted,
    /// each once: the moves a reader can make from it.
    pub fn next(&self, i: usize) -> &[usize] {
        &self.next[i]
    }

    /// Guides that list guide `i` in their progression ("Roles that lead here").
    pub fn incoming(&self, i: usize) -> &[(usize, LinkKind)] {
        &self.incoming[i]
    }
}
