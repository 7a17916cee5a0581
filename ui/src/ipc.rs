//! The only place with wasm-bindgen glue: one typed `invoke`, one `listen`, and one
//! async function per command, all with types from `sonic-types`.

use serde::{de::DeserializeOwned, Serialize};
use serde_json::{json, Value};
use sonic_types::{
    dto::{
        AccountInfo, AgentReply, AppInfo, Balance, Contact, DesktopPrefs, EngineSettings, HistoryQuery,
        PaymentRequestView, Plan, SendForm, SendResult, TokenInfo, TxRecord,
    },
    ErrorCode, Event, IpcError,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function has_tauri() { return typeof window !== 'undefined' && !!window.__TAURI__; }
export async function tauri_invoke(cmd, args) { return await window.__TAURI__.core.invoke(cmd, args); }
export async function tauri_listen(name, cb) { return await window.__TAURI__.event.listen(name, (e) => cb(e.payload)); }
export function copy_text(t) { if (navigator.clipboard) { navigator.clipboard.writeText(t); } }
export function now_ms() { return Date.now(); }
export function random_unit() { return Math.random(); }
export function start_interval(cb, ms) { return setInterval(() => cb(), ms); }
export function stop_interval(id) { clearInterval(id); }
"#)]
extern "C" {
    fn has_tauri() -> bool;
    fn copy_text(text: &str);
    fn now_ms() -> f64;
    fn random_unit() -> f64;
    fn start_interval(cb: &Closure<dyn FnMut()>, ms: u32) -> f64;
    fn stop_interval(id: f64);
    #[wasm_bindgen(catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn tauri_listen(name: &str, cb: &Closure<dyn FnMut(JsValue)>) -> Result<JsValue, JsValue>;
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// Calls a command and decodes its result or its `{code, message}` error.
async fn invoke<T: DeserializeOwned>(cmd: &str, args: Value) -> Result<T, IpcError> {
    if !has_tauri() {
        return Err(IpcError::new(ErrorCode::Internal, "not running inside the Smart Sonic app"));
    }
    match tauri_invoke(cmd, to_js(&args)).await {
        Ok(v) => serde_wasm_bindgen::from_value(v).map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string())),
        Err(e) => Err(serde_wasm_bindgen::from_value(e.clone()).unwrap_or_else(|_| {
            IpcError::new(ErrorCode::Internal, e.as_string().unwrap_or_else(|| "unexpected error".into()))
        })),
    }
}

/// Listens to a Tauri event for the app's lifetime.
fn listen<T: DeserializeOwned + 'static>(name: &'static str, mut f: impl FnMut(T) + 'static) {
    if !has_tauri() {
        return;
    }
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
        if let Ok(v) = serde_wasm_bindgen::from_value::<T>(payload) {
            f(v);
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tauri_listen(name, &cb).await;
        // The listener lives as long as the page.
        cb.forget();
    });
}

/// Copies text to the clipboard.
pub(crate) fn copy(text: &str) {
    copy_text(text);
}

/// The time, in Unix seconds (what plans' `expires_at` counts in).
pub(crate) fn now_secs() -> u64 {
    // Whole seconds of a clock, not an amount: the float is exact enough here.
    (now_ms() / 1000.0) as u64
}

/// A random index below `n` (the browser's `Math.random`; not for secrets).
pub(crate) fn random_below(n: usize) -> usize {
    ((random_unit() * n as f64) as usize).min(n.saturating_sub(1))
}

/// A repeating timer, stopped when dropped.
pub(crate) struct Ticker {
    id: f64,
    _callback: Closure<dyn FnMut()>,
}

impl Drop for Ticker {
    fn drop(&mut self) {
        stop_interval(self.id);
    }
}

/// Calls `f` every `ms` milliseconds until the returned ticker is dropped.
pub(crate) fn every(ms: u32, f: impl FnMut() + 'static) -> Ticker {
    let callback = Closure::<dyn FnMut()>::new(f);
    Ticker { id: start_interval(&callback, ms), _callback: callback }
}

/// Engine events.
pub(crate) fn on_engine_event(f: impl FnMut(Event) + 'static) {
    listen("engine", f);
}

/// A transaction to show (its notification was clicked).
pub(crate) fn on_open_tx(f: impl FnMut(String) + 'static) {
    listen("open-tx", f);
}

/// Payment links delivered to the running app: the event says some arrived; take them
/// with [`pending_link`].
pub(crate) fn on_payment_link(f: impl FnMut(String) + 'static) {
    listen("payment-link", f);
}

pub(crate) async fn ui_ready() -> Result<(), IpcError> {
    invoke("ui_ready", json!({})).await
}
pub(crate) async fn app_info() -> Result<AppInfo, IpcError> {
    invoke("app_info", json!({})).await
}
/// The oldest payment link not yet taken (each is handed out once).
pub(crate) async fn pending_link() -> Result<Option<String>, IpcError> {
    invoke("pending_link", json!({})).await
}
pub(crate) async fn desktop_prefs() -> Result<DesktopPrefs, IpcError> {
    invoke("desktop_prefs", json!({})).await
}
pub(crate) async fn set_desktop_prefs(prefs: &DesktopPrefs) -> Result<(), IpcError> {
    invoke("set_desktop_prefs", json!({ "prefs": prefs })).await
}
pub(crate) async fn wallet_create(password: &str, words: u8) -> Result<String, IpcError> {
    invoke("wallet_create", json!({ "password": password, "words": words })).await
}
pub(crate) async fn wallet_import_mnemonic(
    password: &str,
    phrase: &str,
    count: u32,
) -> Result<Vec<AccountInfo>, IpcError> {
    invoke("wallet_import_mnemonic", json!({ "password": password, "phrase": phrase, "count": count })).await
}
pub(crate) async fn wallet_import_key(password: &str, key: &str) -> Result<AccountInfo, IpcError> {
    invoke("wallet_import_key", json!({ "password": password, "key": key })).await
}
pub(crate) async fn wallet_import_keystore(
    password: &str,
    json_text: &str,
    ks_password: &str,
) -> Result<AccountInfo, IpcError> {
    invoke(
        "wallet_import_keystore",
        json!({ "password": password, "json": json_text, "keystorePassword": ks_password }),
    )
    .await
}
pub(crate) async fn wallet_unlock(password: &str) -> Result<(), IpcError> {
    invoke("wallet_unlock", json!({ "password": password })).await
}
pub(crate) async fn wallet_lock() -> Result<(), IpcError> {
    invoke("wallet_lock", json!({})).await
}
pub(crate) async fn accounts_list() -> Result<Vec<AccountInfo>, IpcError> {
    invoke("accounts_list", json!({})).await
}
pub(crate) async fn account_add() -> Result<AccountInfo, IpcError> {
    invoke("account_add", json!({ "name": null })).await
}
pub(crate) async fn account_rename(account: &str, name: &str) -> Result<(), IpcError> {
    invoke("account_rename", json!({ "account": account, "name": name })).await
}
pub(crate) async fn balances() -> Result<Vec<Balance>, IpcError> {
    invoke("balances", json!({})).await
}
pub(crate) async fn send_plan(form: &SendForm) -> Result<Plan, IpcError> {
    invoke("send_plan", json!({ "form": form })).await
}
pub(crate) async fn link_plan(uri: &str) -> Result<Plan, IpcError> {
    invoke("link_plan", json!({ "uri": uri })).await
}
pub(crate) async fn plan_confirm(id: &str) -> Result<SendResult, IpcError> {
    invoke("plan_confirm", json!({ "id": id })).await
}
pub(crate) async fn plan_cancel(id: &str) -> Result<bool, IpcError> {
    invoke("plan_cancel", json!({ "id": id })).await
}
pub(crate) async fn history(query: &HistoryQuery) -> Result<Vec<TxRecord>, IpcError> {
    invoke("history", json!({ "query": query })).await
}
pub(crate) async fn tx_speedup(hash: &str) -> Result<Plan, IpcError> {
    invoke("tx_speedup", json!({ "hash": hash })).await
}
pub(crate) async fn tx_cancel(hash: &str) -> Result<Plan, IpcError> {
    invoke("tx_cancel", json!({ "hash": hash })).await
}
pub(crate) async fn payment_request(amount: &str, token: &str) -> Result<PaymentRequestView, IpcError> {
    invoke("payment_request", json!({ "amount": amount, "token": token })).await
}
/// One chat message, with the id of the plan whose card is on screen (the only plan a
/// "yes" may confirm).
pub(crate) async fn agent_turn(text: &str, visible_plan: Option<&str>) -> Result<AgentReply, IpcError> {
    invoke("agent_turn", json!({ "text": text, "visiblePlan": visible_plan })).await
}
pub(crate) async fn contacts_list() -> Result<Vec<Contact>, IpcError> {
    invoke("contacts_list", json!({})).await
}
/// Plans saving a contact or changing its address; nothing is saved until confirmed.
pub(crate) async fn contact_plan(name: &str, address: &str) -> Result<Plan, IpcError> {
    invoke("contact_plan", json!({ "name": name, "address": address })).await
}
/// Saves the contact a confirmed card showed.
pub(crate) async fn contact_confirm(id: &str) -> Result<Contact, IpcError> {
    invoke("contact_confirm", json!({ "id": id })).await
}
pub(crate) async fn contact_remove(name: &str) -> Result<(), IpcError> {
    invoke("contact_remove", json!({ "name": name })).await
}
pub(crate) async fn tokens_list() -> Result<Vec<TokenInfo>, IpcError> {
    invoke("tokens_list", json!({})).await
}
pub(crate) async fn token_add(address: &str) -> Result<TokenInfo, IpcError> {
    invoke("token_add", json!({ "address": address })).await
}
pub(crate) async fn settings_get() -> Result<EngineSettings, IpcError> {
    invoke("settings_get", json!({})).await
}
pub(crate) async fn settings_set(network: &str, auto_lock_minutes: u64, rpc_url: &str) -> Result<(), IpcError> {
    invoke("settings_set", json!({ "network": network, "autoLockMinutes": auto_lock_minutes, "rpcUrl": rpc_url })).await
}
pub(crate) async fn agent_provider_set(kind: &str, url: &str, model: &str, key: &str) -> Result<(), IpcError> {
    let key = (!key.is_empty()).then_some(key);
    invoke("agent_provider_set", json!({ "kind": kind, "url": url, "model": model, "key": key })).await
}
