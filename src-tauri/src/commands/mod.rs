//! The shell's commands: one handler per command of the IPC contract
//! (`sonic_types::ipc`), in one module per domain. A handler takes the app and the
//! command's argument struct and returns the command's result or an [`IpcError`]; it
//! only delegates to the engine. The Tauri commands around the handlers, and the
//! invoke handler, are expanded from the contract below: a command of the contract
//! without a handler of exactly these types does not compile, and the shell has no
//! command outside the contract.

mod agent;
mod app;
mod book;
mod chain;
mod defi;
mod networks;
mod plans;
mod premium;
mod security;
mod settings;
mod wallet;

use std::sync::Arc;

use agent::*;
use app::*;
use book::*;
use chain::*;
use defi::*;
use networks::*;
use plans::*;
use premium::*;
use security::*;
use serde::de::DeserializeOwned;
use settings::*;
use sonic_engine::Engine;
use sonic_types::{ErrorCode, IpcError};
use tauri::{
    ipc::{Invoke, InvokeBody, Request},
    AppHandle, Manager,
};
use wallet::*;

use crate::state::AppState;

/// The engine, or the error the UI shows.
fn engine(app: &AppHandle) -> Result<Arc<Engine>, IpcError> {
    app.state::<AppState>().engine()
}

/// Reads a command's argument struct from the whole payload of the call. A field
/// missing, misspelt or of the wrong type is refused, never dropped.
fn arguments<A: DeserializeOwned>(request: &Request<'_>) -> Result<A, IpcError> {
    match request.body() {
        InvokeBody::Json(v) => {
            A::deserialize(v).map_err(|e| IpcError::new(ErrorCode::InvalidInput, format!("bad arguments: {e}")))
        }
        InvokeBody::Raw(_) => Err(IpcError::new(ErrorCode::InvalidInput, "bad arguments: expected JSON")),
    }
}

/// Expands the contract's table into one Tauri command per entry, each calling the
/// handler of the same name with the entry's argument struct, and the invoke handler.
macro_rules! shell_commands {
    ($( $(#[$meta:meta])* $name:ident => $args:ident { $($fields:tt)* } -> $reply:ty; )*) => {
        mod wire {
            use super::*;

            $(
                #[tauri::command]
                async fn $name(app: AppHandle, request: Request<'_>) -> Result<$reply, IpcError> {
                    tracing::debug!(command = stringify!($name), "command");
                    let reply = super::$name(&app, arguments::<sonic_types::ipc::$args>(&request)?).await;
                    // The code and the engine's message, never the arguments.
                    if let Err(e) = &reply {
                        tracing::warn!(command = stringify!($name), code = ?e.code, "{}", e.message);
                    }
                    reply
                }
            )*

            pub(super) fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
                tauri::generate_handler![$($name),*]
            }
        }
    };
}

sonic_types::ipc_commands!(shell_commands);

/// The invoke handler: every command of the contract, nothing else.
pub(crate) fn handler() -> impl Fn(Invoke) -> bool + Send + Sync + 'static {
    wire::handler()
}
