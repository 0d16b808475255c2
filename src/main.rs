//! The `careerbook` command; all of the work happens in the library.

use std::process::ExitCode;

// A build allocates many small strings (YAML scalars, HTML fragments) from
// several threads; mimalloc spends far fewer instructions on them than the
// system allocator (see the performance section of the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    careerbook::cli::main()
}
