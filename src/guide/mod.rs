//! One guide file: its typed model, the schema derived from the model, the
//! YAML reader that keeps positions, the schema walk and loading from disk.

pub mod date;
pub mod load;
pub mod model;
pub mod schema;
pub mod tree_de;
pub mod walk;
pub mod yaml;
