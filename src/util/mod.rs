//! Small, self-contained helpers every layer may use: URL slugs, "did you
//! mean" suggestions, ISO 4217 currency codes, whether text shows anything.
//! Nothing here knows about guides, sites or pages.

pub(crate) mod currency;
pub(crate) mod html;
pub mod layout;
pub mod slug;
pub(crate) mod suggest;
pub(crate) mod term;
pub(crate) mod text;
