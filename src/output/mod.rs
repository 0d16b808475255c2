//! Output: writing rendered pages to disk atomically, and checking the
//! links of a rendered site.

pub mod links;
pub mod write;
