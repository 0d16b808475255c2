//! careerbook: a static site generator for career guides.

pub mod build;
pub mod cli;
pub mod dev;
pub mod diag;
pub mod guide;
pub mod output;
pub mod render;
pub mod rules;
pub mod site;
pub mod util;

#[cfg(test)]
mod layers;
