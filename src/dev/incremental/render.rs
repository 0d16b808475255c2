//! The incremental render: the pages that may have changed, rendered again.
//!
//! In: the [`Store`] (the resolved site and the theme), what is [`Pending`],
//! what the pages rendered before [`Shown`], and the card cache. Out:
//! [`Rendered`], the new guide pages, JSON records and site-wide units, with
//! what each new guide page shows of others; or every template error.

use crate::dev::incremental::deps::{self, Globals, LinkSig, Pending, Shown, Stale, Turnover};
use crate::dev::incremental::state::Store;
use crate::diag::Diagnostic;
use crate::guide::model::FrontMatter;
use crate::render::cards::Cards;
use crate::render::theme::Theme;
use crate::render::units::{self, Part, Unit, UnitContext};
use crate::render::{self, Page, RenderOptions};
use rayon::prelude::*;

/// What [`render`] produced.
pub(crate) struct Rendered {
    /// Newly rendered guide pages.
    pub(crate) guide_pages: Vec<Page>,
    /// The JSON records of the same guides.
    pub(crate) guide_data: Vec<Page>,
    /// Newly rendered site-wide units, whole or in part: their pages, and
    /// the pages units rendered in part no longer make.
    pub(crate) units: Vec<(Unit, Part, Vec<Page>, Vec<String>)>,
    /// `units` holds every unit of the site: any other is gone.
    pub(crate) all_units: bool,
    /// Units gone from the site (the moves of guides that went), when
    /// `units` does not hold every unit.
    pub(crate) gone_units: Vec<Unit>,
    /// What each newly rendered guide page shows of others, by slug.
    pub(crate) shown: Vec<(String, LinkSig)>,
    /// The slug of every published guide, when guides may have come or gone.
    pub(crate) all_guides: Option<Vec<String>>,
    /// What the units rendered read of every guide, when it may have
    /// changed.
    pub(crate) globals: Option<Globals>,
    /// Finding and rendering the guide pages.
    pub(crate) guide_time: std::time::Duration,
    /// Rendering the units, in parallel: the wall time.
    pub(crate) unit_time: std::time::Duration,
    /// How long each unit took, by unit.
    pub(crate) unit_times: Vec<(String, std::time::Duration)>,
}

/// Renders the guide pages and units that [`deps`] says may have changed.
pub(crate) fn render(
    store: &Store,
    theme: &Theme,
    pending: &Pending,
    shown: &Shown,
    cards: &Cards,
    kept: &crate::render::units::Kept,
) -> Result<Rendered, Vec<Diagnostic>> {
    let site = &store.site;
    let sv = render::site_view(
        site,
        RenderOptions {
            serving: store.opts.build.serving,
        },
    );
    let changed = pending
        .files
        .iter()
        .filter_map(|rel| store.guide_index(rel));
    // A guide keeping its slug from another file (renamed, or replaced by
    // a new file) is edited too, from what was shown under that slug.
    let mut edited: Vec<(usize, &FrontMatter)> = pending
        .edited
        .iter()
        .filter_map(|(rel, old)| Some((store.guide_index(rel)?, old)))
        .collect();
    let moved: Vec<(usize, &FrontMatter)> = pending
        .gone
        .iter()
        .filter_map(|(slug, old)| Some((site.index_of(slug)?, old)))
        .filter(|(i, _)| !edited.iter().any(|(j, _)| j == i))
        .collect();
    edited.extend(moved);
    // Guides that came or went re-render the pages listing them, unless
    // what a guide that went showed is not known: then every unit.
    let turnover = match pending.stale {
        Stale::Links => Turnover::of(site, shown, pending),
        _ => Some(Turnover::default()),
    };
    let mut stale = pending.stale;
    if turnover.is_none() {
        stale.raise(Stale::Units);
    }
    let turnover = turnover.unwrap_or_default();
    let start = std::time::Instant::now();
    let dirty = deps::dirty_guides(site, stale, pending, shown, changed, &edited, &turnover);
    let results: Vec<(usize, Result<Page, Diagnostic>)> = dirty
        .par_iter()
        .map(|&i| (i, render::guide_page(site, theme, &sv, i)))
        .collect();
    let mut errors = Vec::new();
    let mut guide_pages = Vec::with_capacity(results.len());
    let mut guide_data = Vec::with_capacity(results.len());
    let mut new_shown = Vec::with_capacity(results.len());
    for (i, r) in results {
        match r {
            Ok(p) => {
                guide_pages.push(p);
                guide_data.push(render::guide_data(site, i));
                new_shown.push((site.guides[i].slug.clone(), LinkSig::of(site, i)));
            }
            // The same template error would repeat for every guide.
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    let guide_time = start.elapsed();
    let start = std::time::Instant::now();
    // A change to what every guide decides for the moves and skill pages
    // (the level order, a skill's name or page) renders every unit again.
    // Only moves, skills and the salary levels guides name change it, or a
    // guide that comes to give salary figures or stops: not a figure.
    let same_levels = |a: &FrontMatter, b: &FrontMatter| match (&a.salary, &b.salary) {
        (Some(a), Some(b)) => a
            .ranges
            .iter()
            .map(|r| &r.level)
            .eq(b.ranges.iter().map(|r| &r.level)),
        (a, b) => a.is_none() && b.is_none(),
    };
    let may_change = stale >= Stale::Links
        || edited
            .iter()
            .any(|&(i, old)| !same_levels(old, &site.guides[i].front));
    let mut cx = UnitContext::new(site, theme, &sv, cards).keeping(kept);
    if let (false, Some(kept)) = (may_change, shown.globals()) {
        // The level order the units last read is the site's.
        cx = cx.with_levels(kept.levels().clone());
    }
    let globals = may_change.then(|| Globals::of(site, cx.levels(), cx.salary_families()));
    if globals.as_ref().is_some_and(|g| !shown.same_globals(g)) {
        stale.raise(Stale::Units);
    }
    let moves_changed = stale >= Stale::Links && shown.moves_changed(site, &dirty);
    let todo = deps::units_to_render(site, stale, &edited, &dirty, &turnover, moves_changed);
    let mut unit_times = Vec::new();
    let units = match units::collect_units_timed(&cx, todo) {
        Ok(units) => units
            .into_iter()
            .map(|t| {
                let name = match t.part {
                    Part::All => format!("{:?}", t.unit),
                    Part::Edited(_) => format!("{:?} (in part)", t.unit),
                };
                unit_times.push((name, t.took));
                (t.unit, t.part, t.pages, t.gone)
            })
            .collect(),
        Err(unit_errors) => {
            for d in unit_errors {
                if !errors.contains(&d) {
                    errors.push(d);
                }
            }
            Vec::new()
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let unit_time = start.elapsed();
    let links = pending.stale >= Stale::Links;
    Ok(Rendered {
        guide_pages,
        guide_data,
        units,
        all_units: stale >= Stale::Units,
        gone_units: turnover
            .went
            .iter()
            .map(|&(slug, _)| Unit::Moves(slug.to_string()))
            .collect(),
        globals,
        shown: new_shown,
        all_guides: links.then(|| site.guides.iter().map(|g| g.slug.clone()).collect()),
        guide_time,
        unit_time,
        unit_times,
    })
}
