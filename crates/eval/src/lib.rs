//! Scorers for ../shared/benchmarks, one module per stage.
