//! The `careerbook` command; all of the work happens in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    careerbook::cli::main()
}
