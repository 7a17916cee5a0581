//! The engine's plan/confirm gate and planning rules, against real anvil nodes.

mod agent;
mod explorer;
mod gate;
mod llm;
mod support;
