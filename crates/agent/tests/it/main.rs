//! Table-driven tests of the parser: the public cases, the project's own cases, and
//! hostile input that must never panic.

mod cases;
mod robustness;
