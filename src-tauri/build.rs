//! Declares the app's commands so capabilities can allow them one by one.

const COMMANDS: &[&str] = &[
    "app_info",
    "ui_ready",
    "pending_link",
    "desktop_prefs",
    "set_desktop_prefs",
    "wallet_create",
    "wallet_import_mnemonic",
    "wallet_import_key",
    "wallet_import_keystore",
    "wallet_unlock",
    "wallet_lock",
    "accounts_list",
    "account_add",
    "account_rename",
    "balances",
    "send_plan",
    "link_plan",
    "plan_confirm",
    "plan_cancel",
    "history",
    "tx_speedup",
    "tx_cancel",
    "payment_request",
    "agent_turn",
    "agent_reset",
    "contacts_list",
    "contact_plan",
    "contact_confirm",
    "contact_remove",
    "tokens_list",
    "token_add",
    "settings_get",
    "settings_set",
    "agent_provider_set",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script");
}
