//! The engine's plan/confirm gate and planning rules, against real anvil nodes.

mod agent;
mod contacts;
mod defi;
mod errors;
mod explorer;
mod gate;
mod history;
mod hostile;
mod llm;
mod networks;
mod portfolio;
mod premium;
mod replace;
mod stake;
mod support;
mod swap;
mod wallet;
mod watch_live;
