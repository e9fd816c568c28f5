//! The pipeline's progress drawn on stderr: one bar per long phase, one line per note.

use indicatif::{ProgressBar, ProgressStyle};
use std::sync::Mutex;

/// Draws each phase the pipeline reports as a bar on stderr, and each note as a line (nothing
/// with `--quiet`; the dossier itself says which alignment was used).
pub struct Bar {
    quiet: bool,
    bar: Mutex<Option<ProgressBar>>,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        Bar {
            quiet,
            bar: Mutex::new(None),
        }
    }
}

impl corroborate_pipeline::Progress for Bar {
    fn start(&self, what: &str, total: u64) {
        if self.quiet {
            return;
        }
        let b = if total == 0 {
            ProgressBar::new_spinner()
        } else {
            ProgressBar::new(total)
        };
        b.set_style(
            ProgressStyle::with_template("{prefix:>22} {wide_bar} {pos}/{len} {per_sec} eta {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b.set_prefix(what.to_string());
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(old) = slot.replace(b) {
                old.finish_and_clear();
            }
        }
    }

    fn advance(&self, n: u64) {
        if let Ok(slot) = self.bar.lock() {
            if let Some(b) = slot.as_ref() {
                b.inc(n);
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(b) = slot.take() {
                b.finish_and_clear();
            }
        }
    }

    fn note(&self, line: &str) {
        if !self.quiet {
            eprintln!("corroborate: {line}");
        }
    }
}
