//! Taxonomies: job families, tags, employers and sectors, each name with a
//! stable URL slug, and the pages listing the guides that name them.

use crate::guide::load::Guide;
use crate::util::layout::Route;
use crate::util::slug::unique_slugs;
use std::collections::BTreeMap;

/// A kind of term a guide can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `family`.
    Family,
    /// `tags`.
    Tag,
    /// `hiring.employers`.
    Employer,
    /// `hiring.sectors`.
    Sector,
}

impl Kind {
    /// Every kind, in the order pages list them.
    pub const ALL: [Kind; 4] = [Kind::Family, Kind::Tag, Kind::Employer, Kind::Sector];

    /// URL folder and template key: `families`, `tags`, `employers`, `sectors`.
    pub fn key(self) -> &'static str {
        match self {
            Kind::Family => "families",
            Kind::Tag => "tags",
            Kind::Employer => "employers",
            Kind::Sector => "sectors",
        }
    }

    /// The index page of this kind, e.g. `employers/`.
    pub fn index(self) -> Route<'static> {
        Route::KindIndex(self.key())
    }

    /// The page of the term of this kind with slug `slug`.
    pub fn term(self, slug: &str) -> Route<'_> {
        Route::Term {
            kind_key: self.key(),
            slug,
        }
    }

    /// Heading for one term, e.g. `Employer`.
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Family => "Job family",
            Kind::Tag => "Tag",
            Kind::Employer => "Employer",
            Kind::Sector => "Industry sector",
        }
    }

    /// Heading for the index, e.g. `Employers`.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Family => "Job families",
            Kind::Tag => "Tags",
            Kind::Employer => "Employers",
            Kind::Sector => "Industry sectors",
        }
    }

    /// The names of this kind that guide `g` carries, trimmed, without blanks.
    pub fn names(self, g: &Guide) -> Vec<&str> {
        self.names_of(&g.front)
    }

    /// The names of this kind that front matter `f` gives, trimmed, without
    /// blanks.
    pub fn names_of(self, f: &crate::guide::model::FrontMatter) -> Vec<&str> {
        let raw: Vec<&str> = match self {
            Kind::Family => f.family.iter().map(String::as_str).collect(),
            Kind::Tag => f.tags.iter().map(String::as_str).collect(),
            Kind::Employer => f
                .hiring
                .iter()
                .flat_map(|h| h.employers.iter().map(String::as_str))
                .collect(),
            Kind::Sector => f
                .hiring
                .iter()
                .flat_map(|h| h.sectors.iter().map(String::as_str))
                .collect(),
        };
        raw.into_iter()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// Every term of every kind with its slug and the guides naming it.
#[derive(Debug, Default, PartialEq)]
pub struct Terms {
    kinds: BTreeMap<Kind, BTreeMap<String, Term>>,
}

/// One term: its slug and the indices of the guides that name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// URL slug, unique within the kind.
    pub slug: String,
    /// Guides naming the term, by index into `Site::guides`.
    pub guides: Vec<usize>,
}

impl Terms {
    /// Collects the terms of `guides` and gives each a unique slug within its
    /// kind ([`unique_slugs`] resolves collisions in sorted name order).
    pub fn new(guides: &[Guide]) -> Terms {
        let mut kinds = BTreeMap::new();
        for kind in Kind::ALL {
            let mut members: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, g) in guides.iter().enumerate() {
                for name in kind.names(g) {
                    let list = members.entry(name).or_default();
                    if list.last() != Some(&i) {
                        list.push(i);
                    }
                }
            }
            let slugs = unique_slugs(members.keys().copied());
            let map = slugs
                .into_iter()
                .map(|(name, slug)| {
                    let guides = members.get(name).cloned().unwrap_or_default();
                    (name.to_string(), Term { slug, guides })
                })
                .collect();
            kinds.insert(kind, map);
        }
        Terms { kinds }
    }

    /// The terms of one kind, by name.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = (&String, &Term)> {
        self.kinds.get(&kind).into_iter().flat_map(|m| m.iter())
    }

    /// Whether `other` has the same terms under the same slugs, whichever
    /// guides name them.
    pub fn same_names(&self, other: &Terms) -> bool {
        Kind::ALL.into_iter().all(|k| {
            self.of(k)
                .map(|(n, t)| (n, &t.slug))
                .eq(other.of(k).map(|(n, t)| (n, &t.slug)))
        })
    }

    /// The term `name` of `kind`, if some guide names it.
    pub fn get(&self, kind: Kind, name: &str) -> Option<&Term> {
        self.kinds.get(&kind)?.get(name.trim())
    }

    /// The slug of the term `name` of `kind`, if some guide names it.
    pub fn slug(&self, kind: Kind, name: &str) -> Option<&str> {
        Some(&self.get(kind, name)?.slug)
    }

    /// The page of the term `name` of `kind`, if some guide names it.
    pub fn route(&self, kind: Kind, name: &str) -> Option<Route<'_>> {
        self.slug(kind, name).map(|slug| kind.term(slug))
    }
}
