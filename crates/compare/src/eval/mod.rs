//! Scorers for the comparison and its alignment: the development gold of cross-outlet conflicts
//! and agreements (`devgold`), and cross-document coreference metrics (`coref`: MUC, B³, CEAF-e
//! and their CoNLL mean).
//!
//! They sit beside the stage they score, as the other scorers of the workspace do; the examples
//! `devgold_eval` and `event_coref` and the test `tests/devgold.rs` drive them.

pub mod coref;
pub mod devgold;
