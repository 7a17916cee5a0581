//! The only place with wasm-bindgen glue: one typed `call` for every command and one
//! typed `listen` for every event of the IPC contract (`sonic_types::ipc`, where each
//! is declared once), the clock, timers and the text of a picked file. (The clipboard
//! is the shell's: `components::copy`.) Also the panic hook (`on_panic`).

use serde::Serialize;
use sonic_types::{
    ipc::{Command, Topic},
    ErrorCode, IpcError,
};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function has_tauri() { return typeof window !== 'undefined' && !!window.__TAURI__; }
export async function tauri_invoke(cmd, args) { return await window.__TAURI__.core.invoke(cmd, args); }
export async function tauri_listen(name, cb) { return await window.__TAURI__.event.listen(name, (e) => cb(e.payload)); }
export function now_ms() { return Date.now(); }
export function local_time(ms) { const d = new Date(ms); return d.toLocaleDateString() + ' ' + d.toLocaleTimeString(); }
export async function file_text(input) { const f = input && input.files && input.files[0]; return f ? await f.text() : null; }
export async function file_bytes(input) { const f = input && input.files && input.files[0]; if (!f) return null; return { name: f.name, bytes: Array.from(new Uint8Array(await f.arrayBuffer())) }; }
export function random_unit() { return Math.random(); }
export function start_interval(cb, ms) { return setInterval(() => cb(), ms); }
export function stop_interval(id) { clearInterval(id); }
export function show_fault(message) {
  try { window.__TAURI__.core.invoke('ui_fault', { message }).catch(() => {}); } catch (_) {}
  const box = document.createElement('div');
  box.id = 'ui-fault'; box.className = 'card'; box.setAttribute('role', 'alert');
  const h = document.createElement('h2'); h.textContent = 'The window stopped working';
  const p = document.createElement('p'); p.textContent = 'Nothing was sent or signed. Reload the window to go on; your wallet and plans are kept by the app.';
  const d = document.createElement('pre'); d.className = 'muted'; d.textContent = message;
  const b = document.createElement('button'); b.id = 'ui-fault-reload'; b.className = 'primary'; b.textContent = 'Reload';
  b.addEventListener('click', () => location.reload());
  box.append(h, p, b, d);
  document.body.replaceChildren(box);
}
"#)]
extern "C" {
    fn has_tauri() -> bool;
    fn now_ms() -> f64;
    fn local_time(ms: f64) -> String;
    #[wasm_bindgen(catch)]
    async fn file_text(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn file_bytes(input: &web_sys::HtmlInputElement) -> Result<JsValue, JsValue>;
    fn random_unit() -> f64;
    fn start_interval(cb: &Closure<dyn FnMut()>, ms: u32) -> f64;
    fn stop_interval(id: f64);
    fn show_fault(message: &str);
    #[wasm_bindgen(catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    async fn tauri_listen(name: &str, cb: &Closure<dyn FnMut(JsValue)>) -> Result<JsValue, JsValue>;
}

fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

/// The interface's panic hook: the panic goes to the console and to the shell's log
/// (`ui_fault`), and the page is replaced by a "stopped" screen with a Reload button;
/// a panicked Yew app would otherwise leave a blank or frozen window.
pub(crate) fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    let message: String = info.to_string().chars().take(2_000).collect();
    web_sys::console::error_1(&JsValue::from_str(&message));
    if has_tauri() {
        show_fault(&message);
    }
}

/// Calls a command of the contract (`sonic_types::ipc`): the argument struct is the
/// whole payload and names the command, so the result's type follows and a missing
/// field does not compile. Decodes the result or the `{code, message}` error.
///
/// Components call commands through `hooks::use_ipc` or `hooks::use_command`, which
/// also act on the error's code.
pub(crate) async fn call<C: Command>(args: C) -> Result<C::Reply, IpcError> {
    if !has_tauri() {
        return Err(IpcError::new(ErrorCode::Internal, "not running inside the Smart Sonic app"));
    }
    match tauri_invoke(C::NAME, to_js(&args)).await {
        Ok(v) => serde_wasm_bindgen::from_value(v).map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string())),
        Err(e) => Err(serde_wasm_bindgen::from_value(e.clone()).unwrap_or_else(|_| {
            IpcError::new(ErrorCode::Internal, e.as_string().unwrap_or_else(|| "unexpected error".into()))
        })),
    }
}

/// Listens to one of the contract's events for the app's lifetime.
pub(crate) fn listen<T: Topic>(mut f: impl FnMut(T::Payload) + 'static)
where
    T::Payload: 'static,
{
    if !has_tauri() {
        return;
    }
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |payload: JsValue| {
        if let Ok(v) = serde_wasm_bindgen::from_value::<T::Payload>(payload) {
            f(v);
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        let _ = tauri_listen(T::NAME, &cb).await;
        // The listener lives as long as the page.
        cb.forget();
    });
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

/// A Unix time (seconds) as the user's local date and time.
pub(crate) fn date_time(secs: u64) -> String {
    // Milliseconds of a clock, not an amount: exact in an f64 for millions of years.
    local_time(secs as f64 * 1000.0)
}

/// The text of the file picked in a file input, if one is picked and readable.
pub(crate) async fn picked_file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    file_text(input).await.ok().and_then(|v| v.as_string())
}

/// A file picked in a file input, as read by the webview.
#[derive(serde::Deserialize)]
struct PickedFile {
    name: String,
    bytes: Vec<u8>,
}

/// The name and bytes of the file picked in a file input: `Ok(None)` when none is
/// picked, `Err(())` when it cannot be read (no path: the webview never sees one).
pub(crate) async fn picked_file_bytes(input: &web_sys::HtmlInputElement) -> Result<Option<(String, Vec<u8>)>, ()> {
    let v = file_bytes(input).await.map_err(|_| ())?;
    if v.is_null() || v.is_undefined() {
        return Ok(None);
    }
    let f: PickedFile = serde_wasm_bindgen::from_value(v).map_err(|_| ())?;
    Ok(Some((f.name, f.bytes)))
}
