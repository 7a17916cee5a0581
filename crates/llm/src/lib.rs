//! Optional language-model providers for the agent: Google Gemini (generateContent with
//! function declarations) and any OpenAI-compatible chat-completions server (Ollama,
//! llama.cpp, LM Studio). The model may only answer with a call to one function whose
//! arguments are the agent's action schema; the result goes through
//! [`sonic_agent::validate`], the same checks as parsed text, then
//! [`sonic_agent::merge_model`] (only where the rules found nothing, only values the
//! user wrote, never a ready money action on its own), and then the same plan/confirm
//! gate. Any failure falls back to the rules engine in the caller.
//!
//! What is sent: the system instruction, the user's message, and the names (not the
//! addresses) of the user's contacts. Never keys, never balances, never history.

mod endpoint;
mod error;
#[cfg(feature = "fake-server")]
pub mod fake;
mod provider;
mod schema;

pub use endpoint::BoundKey;
pub use error::{Error, Result};
pub use provider::{Provider, ProviderConfig, ProviderKind};
pub use schema::{function_declaration, FUNCTION_NAME};
