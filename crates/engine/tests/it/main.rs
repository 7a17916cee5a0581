//! The engine's plan/confirm gate and planning rules, against real anvil nodes.

mod agent;
mod contacts;
mod explorer;
mod gate;
mod llm;
mod replace;
mod support;
