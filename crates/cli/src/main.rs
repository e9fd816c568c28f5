//! The `corroborate` binary: `main → run → ExitCode`. Flags are parsed into plain values first
//! (`cli.rs`), then turned into the objects that do the work (`commands.rs`).

mod analysis;
mod cli;
mod commands;
mod inputs;
mod show;
mod stories;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::parse();
    match commands::run(args) {
        Ok(status) => status.into(),
        Err(e) => {
            eprintln!("corroborate: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
