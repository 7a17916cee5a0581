//! Thin commands, one module per domain, each delegating to the engine.

pub(crate) mod app;
