//! Thin commands, one module per domain, each delegating to the engine. Arguments and
//! results are the shared types; errors cross as `{code, message}`.

pub(crate) mod agent;
pub(crate) mod app;
pub(crate) mod book;
pub(crate) mod chain;
pub(crate) mod settings;
pub(crate) mod wallet;

use std::sync::Arc;

use sonic_engine::Engine;
use sonic_types::IpcError;
use tauri::State;

use crate::state::AppState;

/// The engine, or the error the UI shows.
pub(crate) fn engine(state: &State<'_, AppState>) -> Result<Arc<Engine>, IpcError> {
    state.engine()
}

/// Maps an engine error to the IPC error.
pub(crate) fn ipc(e: sonic_engine::Error) -> IpcError {
    e.to_ipc()
}
