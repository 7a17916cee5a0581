//! The only place with wasm-bindgen glue: one typed `invoke`, one async function per
//! command, with types from `sonic-types`.

use serde::de::DeserializeOwned;
use sonic_types::{dto::AppInfo, ErrorCode, IpcError};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch, js_name = invoke)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

/// Calls a command and decodes its result or its `{code, message}` error.
async fn invoke<T: DeserializeOwned>(cmd: &str, args: JsValue) -> Result<T, IpcError> {
    let has_tauri = web_sys_has_tauri();
    if !has_tauri {
        return Err(IpcError::new(ErrorCode::Internal, "not running inside the Smart Sonic app"));
    }
    match tauri_invoke(cmd, args).await {
        Ok(v) => serde_wasm_bindgen::from_value(v).map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string())),
        Err(e) => Err(serde_wasm_bindgen::from_value(e.clone()).unwrap_or_else(|_| {
            IpcError::new(ErrorCode::Internal, e.as_string().unwrap_or_else(|| "unknown error".into()))
        })),
    }
}

fn web_sys_has_tauri() -> bool {
    js_sys_global_has("__TAURI__")
}

#[wasm_bindgen(
    inline_js = "export function js_sys_global_has(name) { return typeof window !== 'undefined' && name in window; }"
)]
extern "C" {
    fn js_sys_global_has(name: &str) -> bool;
}

/// `app_info`: version, network and wallet state, answered without any network call.
pub(crate) async fn app_info() -> Result<AppInfo, IpcError> {
    invoke("app_info", JsValue::NULL).await
}
