//! How a long phase tells its caller how far it is: the CLI draws a bar, the server and the
//! tests stay silent.

/// Receives the progress of the pipeline's long phases. Every method has a silent default, so
/// a caller implements only what it shows. Called from worker threads, hence `Sync`.
pub trait Progress: Sync {
    /// A phase starts: `what` names it in a few words ("reading", "stories", "analyzing"),
    /// `total` counts its steps (0 when unknown).
    fn start(&self, what: &str, total: u64) {
        let _ = (what, total);
    }
    /// `n` more steps of the current phase are done.
    fn advance(&self, n: u64) {
        let _ = n;
    }
    /// The current phase is over.
    fn finish(&self) {}
    /// A one-line message for the user (a fallback, a resource being fetched).
    fn note(&self, line: &str) {
        let _ = line;
    }
}

/// Shows nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Progress for Silent {}
