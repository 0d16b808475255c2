//! Output: writing rendered pages to disk atomically (a whole site, or the
//! pages `watch` changed), and checking the links of a rendered site.

pub mod links;
pub mod update;
pub mod write;
