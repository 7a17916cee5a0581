//! The two wire formats: Gemini generateContent and OpenAI chat completions, both
//! forced to answer with a call to [`FUNCTION_NAME`].

use std::{collections::BTreeMap, time::Duration};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sonic_agent::{validate, Contacts};
use sonic_types::{action::Action, redact::scrub};

use crate::{
    schema::{function_declaration, system_instruction, FUNCTION_NAME},
    Error, Result,
};

/// The largest answer read from a model server (an answer is a few kilobytes).
const MAX_REPLY: usize = 4 << 20;

/// Which API the server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// Google Gemini `generateContent`.
    Gemini,
    /// An OpenAI-compatible `/chat/completions` server (Ollama, llama.cpp, LM Studio).
    OpenAi,
}

/// Non-secret provider settings (the API key lives in the vault).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderConfig {
    /// API flavour.
    pub kind: ProviderKind,
    /// Base URL: `https://generativelanguage.googleapis.com` for Gemini,
    /// `http://localhost:11434/v1` for Ollama.
    pub base_url: String,
    /// Model name.
    pub model: String,
    /// Seconds to wait for an answer before falling back to the rules engine.
    pub timeout_secs: u64,
}

impl ProviderConfig {
    /// Gemini with its public endpoint.
    pub fn gemini(model: &str) -> Self {
        Self {
            kind: ProviderKind::Gemini,
            base_url: "https://generativelanguage.googleapis.com".into(),
            model: model.into(),
            timeout_secs: 15,
        }
    }
}

/// A configured provider.
#[derive(Clone)]
pub struct Provider {
    config: ProviderConfig,
    api_key: Option<String>,
    http: reqwest::Client,
}

impl std::fmt::Debug for Provider {
    /// Never prints the API key.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Provider")
            .field("config", &self.config)
            .field("api_key", &self.api_key.as_ref().map(|_| sonic_types::redact::MARK))
            .finish_non_exhaustive()
    }
}

fn http_error(status: reqwest::StatusCode, body: &str) -> Error {
    // Both APIs put a message at error.message. Servers may quote the key back.
    let message = serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| v["error"]["message"].as_str().map(scrub))
        // Scrubbed before it is cut, so a key across the cut is still recognised.
        .unwrap_or_else(|| scrub(body).chars().take(200).collect());
    Error::Http { status: status.as_u16(), message }
}

/// The server could not be reached: reqwest's message names the URL, which may carry
/// a key in its query, so both are scrubbed.
fn unreachable(base_url: &str, e: &reqwest::Error) -> Error {
    Error::Unreachable(scrub(base_url), scrub(&e.to_string()))
}

impl Provider {
    /// A provider for `config`, with an optional API key. The base URL must be https,
    /// or plain http to this machine only ([`Error::InsecureUrl`] otherwise).
    pub fn new(config: ProviderConfig, api_key: Option<String>) -> Result<Self> {
        crate::endpoint::check_url(&config.base_url)?;
        if config.model.trim().is_empty() {
            return Err(Error::Config("a model name is required".into()));
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(config.timeout_secs.clamp(1, 120)))
            .build()
            .map_err(|e| Error::Config(scrub(&e.to_string())))?;
        Ok(Self { config, api_key, http })
    }

    /// Asks the model for the action of one message, then validates it as the parser
    /// would. Only the message and the contact names are sent.
    pub async fn interpret(&self, message: &str, contacts: &Contacts, contact_names: &[String]) -> Result<Action> {
        let (intent, args) = match self.config.kind {
            ProviderKind::Gemini => self.gemini(message, contact_names).await?,
            ProviderKind::OpenAi => self.openai(message, contact_names).await?,
        };
        Ok(validate(&intent, &args, contacts))
    }

    async fn post(&self, url: &str, body: &Value, key_header: Option<(&str, String)>) -> Result<Value> {
        let mut req = self.http.post(url).json(body);
        if let Some((name, value)) = key_header {
            req = req.header(name, value);
        }
        let resp = req.send().await.map_err(|e| unreachable(&self.config.base_url, &e))?;
        let status = resp.status();
        let text = match sonic_net::read_capped_text(resp, MAX_REPLY).await {
            Ok(t) => t,
            Err(sonic_net::ReadError::Transport(e)) => return Err(unreachable(&self.config.base_url, &e)),
            Err(e @ sonic_net::ReadError::TooLarge(_)) => return Err(Error::NoFunctionCall(e.to_string())),
        };
        if !status.is_success() {
            return Err(http_error(status, &text));
        }
        serde_json::from_str(&text).map_err(|e| Error::NoFunctionCall(format!("not JSON ({})", scrub(&e.to_string()))))
    }

    async fn gemini(&self, message: &str, names: &[String]) -> Result<(String, BTreeMap<String, Value>)> {
        let url = format!(
            "{}/v1beta/models/{}:generateContent",
            self.config.base_url.trim_end_matches('/'),
            self.config.model
        );
        let body = json!({
            "systemInstruction": {"parts": [{"text": system_instruction(names)}]},
            "contents": [{"role": "user", "parts": [{"text": message}]}],
            "tools": [{"functionDeclarations": [function_declaration()]}],
            "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": [FUNCTION_NAME]}},
            "generationConfig": {"temperature": 0},
        });
        let key = self.api_key.clone().map(|k| ("x-goog-api-key", k));
        let v = self.post(&url, &body, key).await?;
        let call = v["candidates"][0]["content"]["parts"]
            .as_array()
            .and_then(|parts| parts.iter().find_map(|p| p.get("functionCall")))
            .ok_or_else(|| Error::NoFunctionCall("no functionCall part".into()))?;
        split_call(call.get("name"), call.get("args").cloned().unwrap_or(Value::Null))
    }

    async fn openai(&self, message: &str, names: &[String]) -> Result<(String, BTreeMap<String, Value>)> {
        let url = format!("{}/chat/completions", self.config.base_url.trim_end_matches('/'));
        let body = json!({
            "model": self.config.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": system_instruction(names)},
                {"role": "user", "content": message},
            ],
            "tools": [{"type": "function", "function": function_declaration()}],
            "tool_choice": {"type": "function", "function": {"name": FUNCTION_NAME}},
        });
        let key = self.api_key.clone().map(|k| ("authorization", format!("Bearer {k}")));
        let v = self.post(&url, &body, key).await?;
        let call = &v["choices"][0]["message"]["tool_calls"][0]["function"];
        let args = match &call["arguments"] {
            Value::String(s) => serde_json::from_str(s)
                .map_err(|e| Error::NoFunctionCall(format!("arguments are not JSON ({})", scrub(&e.to_string()))))?,
            other => other.clone(),
        };
        split_call(call.get("name"), args)
    }
}

fn split_call(name: Option<&Value>, args: Value) -> Result<(String, BTreeMap<String, Value>)> {
    if name.and_then(Value::as_str) != Some(FUNCTION_NAME) {
        return Err(Error::NoFunctionCall(format!("called {name:?}")));
    }
    let Value::Object(map) = args else {
        return Err(Error::NoFunctionCall("arguments are not an object".into()));
    };
    let intent = map.get("intent").and_then(Value::as_str).unwrap_or("unknown").to_string();
    Ok((intent, map.into_iter().filter(|(k, _)| k != "intent").collect()))
}

#[cfg(test)]
mod debug_tests {
    use super::*;

    #[test]
    fn debug_output_never_shows_the_api_key() {
        let config = ProviderConfig {
            kind: ProviderKind::OpenAi,
            base_url: "http://127.0.0.1:1/v1".into(),
            model: "m".into(),
            timeout_secs: 1,
        };
        let p = Provider::new(config, Some("sk-verysecretkey-123456".into())).expect("provider");
        assert!(!format!("{p:?}").contains("verysecret"), "{p:?}");
    }
}
