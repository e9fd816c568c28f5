//! The `corroborate` binary: `main → run → ExitCode`. Flags are parsed into plain values first
//! (`cli.rs`), then turned into the objects that do the work (`commands.rs`).

/// mimalloc instead of the system allocator: the stages allocate many small strings and vectors
/// per word, and glibc's malloc and free were an eighth of an analysis's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod commands;
mod export;
mod fetch;
mod parse;
mod progress;
mod serve;
mod show;

use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let args = cli::parse();
    match commands::run(args) {
        Ok(status) => status.into(),
        Err(e)
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) =>
        {
            // The reader closed standard output: it has what it wanted.
            ExitCode::SUCCESS
        }
        Err(e) => {
            let message = format!("{e:#}");
            eprintln!(
                "corroborate: error: {}",
                corroborate_report::terminal::safe(&message)
            );
            ExitCode::from(2)
        }
    }
}

/// `corroborate entities | head` closes standard output early; `print!` then panics with
/// "Broken pipe". That is the reader saying it has seen enough, not a failure: leave quietly
/// with status 0, as `cat` and `grep` do. Every other panic keeps the default report.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.contains("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
