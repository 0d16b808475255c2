//! One guide file: its typed model, the schema derived from the model, the
//! YAML reader that keeps positions, the schema walk and loading from disk.
//!
//! - [`load`]: files in, typed guides and diagnostics out.
//! - [`yaml`]: YAML text in, a marked tree with aliases expanded out.
//! - [`resolve`]: what a tree's values mean, for the walk and for the model.
//! - `walk`: a tree checked against the schema, problems out.
//! - `explain`: how the walk words a problem.
//! - `salvage`: what of a tree the walk refused can still be built.
//! - [`positions`]: where each value of a tree starts, kept after parsing.
//! - [`model`]: the typed front matter and `site.yaml`.
//! - [`levels`]: salary levels in career order.
//! - [`date`]: full and partial dates, checked on parse.
//! - [`schema`]: the JSON Schema derived from the model.

pub(crate) mod date;
pub(crate) mod explain;
pub(crate) mod levels;
pub mod load;
pub mod model;
pub mod positions;
pub mod resolve;
pub(crate) mod salvage;
pub(crate) mod schema;
pub mod skills;
pub(crate) mod walk;
pub mod yaml;
