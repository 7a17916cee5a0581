//! The IPC contract between the UI and the desktop shell, declared once.
//!
//! Every command is one line of [`ipc_commands!`]: its wire name, its argument struct
//! (the whole payload of the call; an unknown or misspelt field is refused) and its
//! result. Every Tauri event is one line of the topic table below: its name and its
//! payload. Everything else is made or checked from here:
//!
//! - the shell's command list for `tauri-build` ([`COMMANDS`], in `src-tauri/build.rs`)
//!   and its invoke handler (`src-tauri/src/commands/mod.rs` expands the table; a
//!   command without a handler of the right types does not compile);
//! - the UI's calls (`ui/src/ipc.rs`: `call(args)` takes the argument struct and
//!   returns its command's result, so a missing field does not compile);
//! - the capability file and the TypeScript bindings (checked by
//!   `crates/types/tests/bindings.rs`, which fails when they disagree).
//!
//! Errors of every command are [`IpcError`](crate::IpcError).

use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// A command of the desktop shell, implemented by its argument struct: the struct is
/// the whole payload of the call.
pub trait Command: Serialize + DeserializeOwned {
    /// The name the webview invokes.
    const NAME: &'static str;
    /// What the command returns when it succeeds.
    type Reply: Serialize + DeserializeOwned;
}

/// A Tauri event the shell emits to the UI.
pub trait Topic {
    /// The event's name.
    const NAME: &'static str;
    /// What it carries.
    type Payload: Serialize + DeserializeOwned;
}

/// Which language model the agent asks, if any.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ProviderChoice {
    /// The offline rules engine only.
    #[default]
    Rules,
    /// Google Gemini (needs Premium).
    Gemini,
    /// Any OpenAI-compatible server (Ollama, llama.cpp...).
    OpenAi,
}

/// The table of commands: calls `$then!` with every command as
/// `/// doc` `name => ArgsStruct { field: Type, ... } -> Reply;`.
///
/// This is the one place a command is declared. The argument struct is named after
/// the command (`wallet_unlock` => `WalletUnlockArgs`, checked by a test). Argument
/// structs never derive `Debug`: several carry a password or a secret.
#[macro_export]
macro_rules! ipc_commands {
    ($then:ident) => {
        $then! {
            /// Version, network, wallet presence and lock state, answered from local
            /// state only (no network call), so the window paints at once.
            app_info => AppInfoArgs {} -> $crate::dto::AppInfo;
            /// The app's health for the Diagnostics page: RPC latency and errors per
            /// endpoint, head, watcher cursor and lag, cache ages, versions. No secret.
            diagnostics => DiagnosticsArgs {} -> $crate::dto::DiagnosticsReport;
            /// The UI's first screen is painted (the startup benchmark reads it).
            ui_ready => UiReadyArgs {} -> ();
            /// The interface stopped on an error of its own (a panic in the UI): the
            /// shell writes the message to the log. No secret: the UI's state is not in it.
            ui_fault => UiFaultArgs {
                /// What went wrong, as the UI's panic said it (cut to 2,000 characters).
                message: String,
            } -> ();
            /// The oldest payment link the UI has not taken yet; each is handed out once.
            pending_link => PendingLinkArgs {} -> Option<String>;
            /// The desktop preferences.
            desktop_prefs => DesktopPrefsArgs {} -> $crate::dto::DesktopPrefs;
            /// Saves the desktop preferences.
            set_desktop_prefs => SetDesktopPrefsArgs {
                /// The preferences to keep.
                prefs: $crate::dto::DesktopPrefs,
            } -> ();
            /// Creates a wallet; returns the recovery phrase, to show once.
            wallet_create => WalletCreateArgs {
                /// The wallet password.
                password: String,
                /// 12 or 24 words.
                words: u8,
            } -> String;
            /// Imports a recovery phrase with `count` accounts.
            wallet_import_mnemonic => WalletImportMnemonicArgs {
                /// The wallet password.
                password: String,
                /// The recovery phrase.
                phrase: String,
                /// How many accounts to derive (1 to 20).
                count: u32,
            } -> Vec<$crate::dto::AccountInfo>;
            /// Imports a hex private key.
            wallet_import_key => WalletImportKeyArgs {
                /// The wallet password.
                password: String,
                /// The key, hex.
                key: String,
            } -> $crate::dto::AccountInfo;
            /// Imports a Web3 Secret Storage v3 keystore.
            wallet_import_keystore => WalletImportKeystoreArgs {
                /// The wallet password.
                password: String,
                /// The keystore file's content.
                json: String,
                /// The keystore's own password.
                keystore_password: String,
            } -> $crate::dto::AccountInfo;
            /// Unlocks the vault (in the engine; the password stays nowhere else).
            wallet_unlock => WalletUnlockArgs {
                /// The wallet password.
                password: String,
            } -> ();
            /// Locks the vault.
            wallet_lock => WalletLockArgs {} -> ();
            /// The accounts.
            accounts_list => AccountsListArgs {} -> Vec<$crate::dto::AccountInfo>;
            /// Derives one more account.
            account_add => AccountAddArgs {
                /// Its name; a default one when absent.
                name: Option<String>,
            } -> $crate::dto::AccountInfo;
            /// Renames an account.
            account_rename => AccountRenameArgs {
                /// The account's address.
                account: String,
                /// The new name.
                name: String,
            } -> ();
            /// S and the registered tokens of the default account.
            balances => BalancesArgs {} -> Vec<$crate::dto::Balance>;
            /// Plans a send from the form (shown as a card; nothing is signed).
            send_plan => SendPlanArgs {
                /// The send form.
                form: $crate::dto::SendForm,
            } -> $crate::dto::Plan;
            /// Plans the payment a link asks for.
            link_plan => LinkPlanArgs {
                /// The `ethereum:` or `smartsonic://` link.
                uri: String,
            } -> $crate::dto::Plan;
            /// Confirms a plan: the only path to a signature. Waits up to 30 s for
            /// the receipt.
            plan_confirm => PlanConfirmArgs {
                /// The plan's id.
                id: String,
            } -> $crate::dto::SendResult;
            /// Drops a plan; `false` when it was not pending.
            plan_cancel => PlanCancelArgs {
                /// The plan's id.
                id: String,
            } -> bool;
            /// History of the default account.
            history => HistoryArgs {
                /// The filters.
                query: $crate::dto::HistoryQuery,
            } -> Vec<$crate::dto::TxRecord>;
            /// Plans a speed-up of a stuck transaction.
            tx_speedup => TxSpeedupArgs {
                /// The transaction's hash.
                hash: String,
            } -> $crate::dto::Plan;
            /// Plans the cancellation of a stuck transaction.
            tx_cancel => TxCancelArgs {
                /// The transaction's hash.
                hash: String,
            } -> $crate::dto::Plan;
            /// An EIP-681 link (and its QR code) asking for a payment to the default
            /// account.
            payment_request => PaymentRequestArgs {
                /// The amount asked, if any.
                amount: Option<String>,
                /// The token asked (symbol or address); S when absent.
                token: Option<String>,
            } -> $crate::dto::PaymentRequestView;
            /// One chat message, with the id of the plan whose card is on screen: a
            /// "yes" confirms that plan and no other.
            agent_turn => AgentTurnArgs {
                /// What the user typed.
                text: String,
                /// The plan on screen in the chat, if any.
                visible_plan: Option<String>,
            } -> $crate::dto::AgentReply;
            /// Forgets the conversation.
            agent_reset => AgentResetArgs {} -> ();
            /// The contacts.
            contacts_list => ContactsListArgs {} -> Vec<$crate::dto::Contact>;
            /// Plans saving a contact or changing its address (a card; nothing is
            /// written until it is confirmed).
            contact_plan => ContactPlanArgs {
                /// The contact's name.
                name: String,
                /// Its address.
                address: String,
            } -> $crate::dto::Plan;
            /// Saves the contact of a confirmed card.
            contact_confirm => ContactConfirmArgs {
                /// The plan's id.
                id: String,
            } -> $crate::dto::Contact;
            /// Removes a contact.
            contact_remove => ContactRemoveArgs {
                /// The contact's name.
                name: String,
            } -> ();
            /// Tokens registered on the active network.
            tokens_list => TokensListArgs {} -> Vec<$crate::dto::TokenInfo>;
            /// The registered tokens hidden from balances on the active network
            /// (checksummed addresses).
            tokens_hidden => TokensHiddenArgs {} -> Vec<String>;
            /// Hides a registered token from balances, or shows it again (kept per
            /// network).
            token_hide => TokenHideArgs {
                /// The token's contract address.
                address: String,
                /// Hidden (`true`) or shown (`false`).
                hidden: bool,
            } -> ();
            /// Registers a token by its contract address.
            token_add => TokenAddArgs {
                /// The contract address.
                address: String,
            } -> $crate::dto::TokenInfo;
            /// The engine settings (shared with the CLI).
            settings_get => SettingsGetArgs {} -> $crate::dto::EngineSettings;
            /// Saves the network (applies at the next start), its RPC URL and the
            /// auto-lock time.
            settings_set => SettingsSetArgs {
                /// The network to use.
                network: String,
                /// Minutes idle before the vault locks itself (1 to 1440).
                #[cfg_attr(feature = "specta", specta(type = f64))]
                auto_lock_minutes: u64,
                /// A new RPC URL for that network; absent or empty keeps its own.
                rpc_url: Option<String>,
            } -> ();
            /// The agent's language model as saved (never its key).
            agent_provider_get => AgentProviderGetArgs {} -> $crate::dto::AgentProviderView;
            /// Sets the agent's language model; a non-empty `key` is kept in the vault.
            agent_provider_set => AgentProviderSetArgs {
                /// Which model, if any.
                kind: $crate::ipc::ProviderChoice,
                /// The server's base URL.
                url: String,
                /// The model's name.
                model: String,
                /// An API key to store; absent or empty keeps the current one.
                key: Option<String>,
            } -> ();
            /// The pending plans, oldest first, each with its origin: the UI asks at
            /// start so no card is lost by a reload.
            plans_pending => PlansPendingArgs {} -> Vec<$crate::dto::Plan>;
            /// Confirms a plan of any kind (a card another client proposed). Waits up
            /// to 30 s for a transaction's receipt.
            plan_confirm_any => PlanConfirmAnyArgs {
                /// The plan's id.
                id: String,
            } -> $crate::dto::PlanDoneView;
            /// USD prices of assets (display only), in their order; `None` where the
            /// source has no price.
            prices => PricesArgs {
                /// The assets (`S`, symbols, token addresses).
                assets: Vec<String>,
            } -> $crate::market::PricesView;
            /// An account's holdings valued in USD at each day's end over the last
            /// `days` days (display only), from its history and daily prices.
            portfolio => PortfolioArgs {
                /// The account (address, position or name); the default when absent.
                account: Option<String>,
                /// How many days (default 30, at most 365).
                days: Option<u32>,
            } -> $crate::market::PortfolioView;
            /// Sonic yield pools, highest APY first.
            yields => YieldsArgs {
                /// Only pools holding this asset; every pool when absent or empty.
                asset: Option<String>,
                /// At most this many (default 10, at most 100).
                limit: Option<u32>,
            } -> $crate::market::YieldsView;
            /// The validators and the user's delegations.
            stake_overview => StakeOverviewArgs {} -> $crate::market::StakeOverview;
            /// Plans a staking move (shown as a card; nothing is signed).
            stake_plan => StakePlanArgs {
                /// The move.
                action: $crate::market::StakeAction,
            } -> $crate::dto::Plan;
            /// Plans a swap (shown as a card with its route, expected and minimum
            /// received, price impact, approval step and fee; nothing is signed).
            swap_plan => SwapPlanArgs {
                /// What is sold: `S`, a symbol or a token address.
                sell: String,
                /// What is bought.
                buy: String,
                /// How much is sold: a decimal, `max` or `N%`.
                amount: String,
                /// Slippage in basis points (50 = 0.5%); the default when absent.
                slippage_bps: Option<u32>,
            } -> $crate::dto::Plan;
            /// S and the registered tokens of one account.
            account_balances => AccountBalancesArgs {
                /// The account's address.
                account: String,
            } -> Vec<$crate::dto::Balance>;
            /// One account's balances as last read on the active network, with when
            /// (no node is asked): shown while the node does not answer, also after a
            /// restart.
            balances_last => BalancesLastArgs {
                /// The account's address.
                account: String,
            } -> Option<$crate::dto::LastBalances>;
            /// Writes an encrypted backup of the vault to a new file; the password is
            /// asked again.
            wallet_backup => WalletBackupArgs {
                /// The wallet password, entered again.
                password: String,
                /// Where to write the backup (a new file).
                path: String,
            } -> ();
            /// Replaces the vault with a backup file's content, once the backup's
            /// password opens it and every entry in it decrypts; the replaced vault is
            /// kept beside it as `vault.json.<UTC time>.bak`.
            wallet_restore => WalletRestoreArgs {
                /// The backup's password.
                password: String,
                /// The backup file's content.
                backup: Vec<u8>,
            } -> ();
            /// Writes an account's key as a keystore v3 file with its own password; the
            /// wallet password is asked again.
            wallet_export_keystore => WalletExportKeystoreArgs {
                /// The wallet password, entered again.
                password: String,
                /// The account's address.
                account: String,
                /// The exported keystore's own password.
                keystore_password: String,
                /// Where to write the keystore (a new file).
                path: String,
            } -> ();
            /// Shows the recovery phrase after the password is entered again.
            wallet_reveal_mnemonic => WalletRevealMnemonicArgs {
                /// The wallet password, entered again.
                password: String,
            } -> String;
            /// Changes the wallet password.
            wallet_change_password => WalletChangePasswordArgs {
                /// The current password.
                password: String,
                /// The new password (8 characters at least).
                new_password: String,
            } -> ();
            /// Copies text to the clipboard from the shell; a secret is cleared from
            /// the clipboard after 30 s if the clipboard still holds it.
            clipboard_copy => ClipboardCopyArgs {
                /// What to copy.
                text: String,
                /// Whether it is a secret (the phrase or a key).
                secret: bool,
            } -> ();
            /// Every network (built-in, overridden and custom), the active one first
            /// marked by `settings_get`.
            networks_list => NetworksListArgs {} -> Vec<$crate::Network>;
            /// Saves a custom network or a new RPC URL for a built-in one, after the
            /// node at the URL answered with the right chain id; returns the network
            /// as saved.
            network_save => NetworkSaveArgs {
                /// The network's name (a built-in's name overrides its RPC URL).
                name: String,
                /// The RPC URL.
                rpc_url: String,
                /// The chain id the node must report; the node's own when absent.
                #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
                chain_id: Option<u64>,
                /// The block explorer's base URL, if any.
                explorer_url: Option<String>,
                /// Whether to switch to it once saved.
                activate: bool,
            } -> $crate::Network;
            /// Switches to a network now (the connection and the watcher follow).
            network_use => NetworkUseArgs {
                /// The network's name.
                name: String,
            } -> ();
            /// The fee a mined transaction paid, in S (exact decimal); `None` while it
            /// has no receipt.
            tx_fee => TxFeeArgs {
                /// The transaction's hash.
                hash: String,
            } -> Option<String>;
            /// Sets the explorer API key (kept in the vault) used to backfill history
            /// on Sonic; an empty key turns the explorer off.
            explorer_key_set => ExplorerKeySetArgs {
                /// The Etherscan-compatible API base URL; Etherscan v2 when absent.
                url: Option<String>,
                /// The API key.
                key: String,
            } -> ();
            /// Fills in the history the index does not hold (before it began, or before
            /// an account was added) from the explorer, each row checked on chain;
            /// returns how many transfers were added.
            history_backfill => HistoryBackfillArgs {} -> u32;
            /// The websites connected to the signer RPC (each approved on a card).
            signer_origins => SignerOriginsArgs {} -> Vec<$crate::dto::ApprovedOrigin>;
            /// Disconnects a website from the signer RPC; `false` when it was not
            /// connected.
            signer_origin_revoke => SignerOriginRevokeArgs {
                /// The web origin, as listed.
                origin: String,
            } -> bool;
            /// The default account's Premium status, price and period read from the
            /// contract; `None` where Smart Sonic Premium is not deployed on this
            /// network yet.
            premium_status => PremiumStatusArgs {} -> Option<$crate::dto::SubscriptionStatus>;
            /// Plans buying (or renewing) one period of Premium: a card to confirm.
            premium_plan => PremiumPlanArgs {} -> $crate::dto::Plan;
            /// Plans minting an NFT. The image is the bytes of the file the user picked
            /// (read in the webview; no path reaches the engine), kept in the plan and
            /// stored, hashed and pinned only once confirmed.
            nft_mint_plan => NftMintPlanArgs {
                /// The token's name.
                name: String,
                /// Its description.
                description: String,
                /// The picked file's name (display only); absent without an image.
                image_name: Option<String>,
                /// The picked file's bytes; absent without an image.
                image: Option<Vec<u8>>,
            } -> $crate::dto::Plan;
            /// Opens the system's file dialog for an NFT image (PNG, JPEG, GIF, WebP).
            /// The shell keeps the picked file's path (the webview never sees it) and
            /// returns its name and size; `None` when the dialog was cancelled.
            nft_image_pick => NftImagePickArgs {} -> Option<$crate::dto::PickedImage>;
            /// Plans a mint with the image picked last (`pick`: the id `nft_image_pick`
            /// gave it), or with no image.
            nft_mint_picked_plan => NftMintPickedPlanArgs {
                /// The token's name.
                name: String,
                /// Its description.
                description: String,
                /// The picked image's id; absent without an image.
                pick: Option<String>,
            } -> $crate::dto::Plan;
            /// The default account's NFTs; `None` where the NFT contract is not
            /// deployed on this network yet.
            nft_list => NftListArgs {} -> Option<Vec<$crate::dto::NftInfo>>;
            /// An image of the local content store as a `data:` URL (PNG, JPEG, GIF,
            /// WebP); `None` when it is not stored here or not such an image.
            nft_image => NftImageArgs {
                /// The image's CID.
                cid: String,
            } -> Option<String>;
        }
    };
}

/// Defines the argument structs, their [`Command`] impls and [`COMMANDS`].
macro_rules! define_commands {
    ($(
        $(#[$meta:meta])*
        $name:ident => $args:ident { $( $(#[$fmeta:meta])* $field:ident : $fty:ty ),* $(,)? } -> $reply:ty;
    )*) => {
        $(
            $(#[$meta])*
            #[derive(Serialize, Deserialize)]
            #[cfg_attr(feature = "specta", derive(specta::Type))]
            #[serde(deny_unknown_fields)]
            pub struct $args {
                $( $(#[$fmeta])* pub $field: $fty, )*
            }

            impl Command for $args {
                const NAME: &'static str = stringify!($name);
                type Reply = $reply;
            }
        )*

        /// Every command's name, in the table's order.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        /// Every command's name with the name of its argument struct.
        pub const ARGUMENT_STRUCTS: &[(&str, &str)] = &[$((stringify!($name), stringify!($args))),*];

        /// Every command's argument and result types, for the TypeScript bindings.
        #[cfg(feature = "specta")]
        pub fn describe_commands(types: &mut specta::Types) -> Vec<Described> {
            vec![$(Described {
                name: stringify!($name),
                args: <$args as specta::Type>::definition(types),
                result: <$reply as specta::Type>::definition(types),
            }),*]
        }
    };
}

crate::ipc_commands!(define_commands);

/// Defines the topics and [`TOPICS`].
macro_rules! define_topics {
    ($( $(#[$meta:meta])* $topic:ident = $name:literal : $payload:ty; )*) => {
        $(
            $(#[$meta])*
            pub enum $topic {}

            impl Topic for $topic {
                const NAME: &'static str = $name;
                type Payload = $payload;
            }
        )*

        /// Every event's name.
        pub const TOPICS: &[&str] = &[$($name),*];

        /// Every event's payload type, for the TypeScript bindings.
        #[cfg(feature = "specta")]
        pub fn describe_topics(types: &mut specta::Types) -> Vec<Described> {
            vec![$(Described {
                name: $name,
                args: <$payload as specta::Type>::definition(types),
                result: <() as specta::Type>::definition(types),
            }),*]
        }
    };
}

define_topics! {
    /// Engine events (lock, balances, transactions, network status), as they happen.
    EngineEvents = "engine": crate::Event;
    /// Payment links arrived (the payload is one of them); the UI takes each with
    /// `pending_link`, so a link is shown once whatever the number of events.
    PaymentLinks = "payment-link": String;
    /// The user clicked a transaction's notification: the UI opens it in Activity
    /// (the payload is its hash).
    OpenTx = "open-tx": String;
}

/// One command's or event's types, as specta describes them.
#[cfg(feature = "specta")]
#[derive(Debug)]
pub struct Described {
    /// The command's or event's name.
    pub name: &'static str,
    /// The argument struct, or the event's payload.
    pub args: specta::datatype::DataType,
    /// The command's result (`null` for an event).
    pub result: specta::datatype::DataType,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `wallet_unlock` => `WalletUnlockArgs`: one name, two spellings.
    #[test]
    fn argument_structs_are_named_after_their_command() {
        for (name, args) in ARGUMENT_STRUCTS {
            let camel: String = name
                .split('_')
                .map(|w| {
                    let mut c = w.chars();
                    c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
                })
                .collect();
            assert_eq!(*args, format!("{camel}Args"), "argument struct of {name}");
        }
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = COMMANDS.iter().chain(TOPICS).copied().collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a command or event is declared twice");
    }

    #[test]
    fn a_misspelt_or_unknown_field_is_refused() {
        let ok: AgentTurnArgs = serde_json::from_str(r#"{"text":"hi","visible_plan":null}"#).expect("exact fields");
        assert_eq!(ok.text, "hi");
        assert!(serde_json::from_str::<AgentTurnArgs>(r#"{"text":"hi","visiblePlan":"p1"}"#).is_err());
        assert!(serde_json::from_str::<SettingsSetArgs>(
            r#"{"network":"sonic","auto_lock_minutes":5,"rpc_url":null,"rpcUrl":"x"}"#
        )
        .is_err());
        // An absent optional field is `None`, not an error.
        let s: SettingsSetArgs =
            serde_json::from_str(r#"{"network":"sonic","auto_lock_minutes":5}"#).expect("optional field");
        assert_eq!(s.rpc_url, None);
    }

    #[test]
    fn provider_choices_have_their_wire_names() {
        for (c, w) in
            [(ProviderChoice::Rules, "rules"), (ProviderChoice::Gemini, "gemini"), (ProviderChoice::OpenAi, "openai")]
        {
            assert_eq!(serde_json::to_value(c).expect("ser"), serde_json::json!(w));
        }
    }
}
