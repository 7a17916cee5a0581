//! `sonic agent`: a chat turn (with the plan it makes confirmed at the terminal), the
//! conversation's reset, and the parser alone (no wallet, no network).

use std::path::{Path, PathBuf};

use serde_json::json;
use sonic_engine::{Config, Engine, KdfParams};

use super::{plan::ask_yes, Ctx};
use crate::{args::AgentCmd, Fail};

/// Runs one `sonic agent` command.
pub(crate) async fn run(cx: &Ctx, cmd: AgentCmd) -> Result<(), Fail> {
    match cmd {
        AgentCmd::Ask { yes, message } => ask(cx, &message, yes).await,
        AgentCmd::Reset => {
            cx.engine()?.agent_reset()?;
            cx.print(json!({"reset": true}), || "Conversation cleared.".into())
        }
        AgentCmd::Parse { contacts, message } => {
            let book = match contacts {
                Some(path) => load_contacts(&path)?,
                None => store_contacts(cx).await,
            };
            let action = sonic_agent::parse(&message, &book);
            let text = serde_json::to_string(&action).map_err(|e| Fail::op(e.to_string()))?;
            cx.out.line(text)
        }
    }
}

/// One chat turn; a plan in the reply is confirmed (or cancelled) by the answer at the
/// terminal, or by `--yes`.
async fn ask(cx: &Ctx, message: &str, yes: bool) -> Result<(), Fail> {
    let engine = cx.engine()?;
    let reply = engine.agent_turn(message).await?;
    cx.print(serde_json::to_value(&reply).unwrap_or_default(), || reply.text.clone())?;
    if let Some(plan) = &reply.plan {
        let go = yes || ask_yes("Confirm?")?;
        if go {
            cx.unlock(&engine).await?;
        }
        // The answer is to the plan just printed, and to no other.
        let answer = engine.agent_turn_with(if go { "yes" } else { "no" }, Some(&plan.id)).await?;
        cx.print(serde_json::to_value(&answer).unwrap_or_default(), || answer.text.clone())?;
    }
    Ok(())
}

fn load_contacts(path: &Path) -> Result<sonic_agent::Contacts, Fail> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Fail::usage(format!("cannot read {}: {e}", path.display())))?;
    let map: std::collections::BTreeMap<String, String> = serde_json::from_str(&text)
        .map_err(|e| Fail::usage(format!("{} is not a JSON object of names to addresses: {e}", path.display())))?;
    let mut book = sonic_agent::Contacts::new();
    for (name, addr) in map {
        let a = sonic_types::parse_address(&addr).map_err(|e| Fail::usage(format!("contact '{name}': {e}")))?;
        book.insert(&name, a);
    }
    Ok(book)
}

/// The address book of the data directory: from its host when one runs, else from
/// the store if one exists and is free. Parsing needs no wallet, so any problem here
/// just means no contacts.
async fn store_contacts(cx: &Ctx) -> sonic_agent::Contacts {
    if let Some(mut host) = sonic_host::HostClient::connect(&cx.data_dir()).await {
        let mut book = sonic_agent::Contacts::new();
        if let Ok(list) = host.call(&sonic_types::ipc::ContactsListArgs {}).await {
            for c in list {
                book.insert(&c.name, c.address);
            }
        }
        return book;
    }
    let dir = cx.g.data_dir.clone().unwrap_or_else(Config::default_data_dir).join("store");
    let mut book = sonic_agent::Contacts::default();
    if dir.is_dir() {
        if let Ok(store) = sonic_store_contacts(&dir) {
            book = sonic_agent::Contacts::new();
            for (n, a) in store {
                book.insert(&n, a);
            }
        }
    }
    book
}

fn sonic_store_contacts(dir: &Path) -> Result<Vec<(String, sonic_types::Address)>, Fail> {
    let engine_dir = dir.parent().map(PathBuf::from).unwrap_or_default();
    let engine = Engine::open(Config { data_dir: engine_dir, network: None, rpc: None, kdf: KdfParams::default() })?;
    Ok(engine.contacts()?.into_iter().map(|c| (c.name, c.address)).collect())
}
