//! A blank Tauri window that says when its page is up, like Smart Sonic does.

#[tauri::command]
fn ui_ready() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| println!("SMART_SONIC_READY"));
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ui_ready])
        .run(tauri::generate_context!())
        .expect("blank app");
}
