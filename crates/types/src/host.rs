//! The host's own commands: what clients of a running engine host (`sonic` beside the
//! app, `sonic mcp`) ask besides the desktop's IPC contract ([`crate::ipc`]).
//!
//! A host answers the IPC contract's engine commands that clients use (the table in
//! `sonic_host::dispatch`) and these. They are kept
//! out of the desktop's table on purpose: the webview has no use for them, so its
//! capability stays exactly the contract. Each is declared once, like the contract's
//! commands: its wire name, its argument struct (unknown fields refused) and its result;
//! both tables share the [`Command`](crate::ipc::Command) trait, so a client calls
//! either with the same typed `call`.

use serde::{Deserialize, Serialize};

use crate::ipc::Command;

/// The version of the host's wire protocol (`{"v":1,...}`); a request of another
/// version is refused with a clear error.
pub const HOST_PROTOCOL: u32 = 1;

/// Transfers of one account, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryView {
    /// The account the filter resolved to.
    pub account: crate::Address,
    /// Its transfers.
    pub records: Vec<crate::dto::TxRecord>,
}

/// The host's table of commands: calls `$then!` with every command as
/// `/// doc` `name => ArgsStruct { field: Type, ... } -> Reply;`, in the shape of
/// [`ipc_commands!`](crate::ipc_commands).
#[macro_export]
macro_rules! host_commands {
    ($then:ident) => {
        $then! {
            /// One asset's balance of an account, or S and every registered token
            /// (`all`).
            balance => BalanceArgs {
                /// Account: address, index or name; the default account when absent.
                account: Option<String>,
                /// Token symbol or address; S when absent.
                token: Option<String>,
                /// S and every registered token.
                all: bool,
            } -> Vec<$crate::dto::Balance>;
            /// Plans a send (a card; nothing is signed).
            send_request => SendRequestArgs {
                /// Sending account; the default account when absent.
                from: Option<String>,
                /// Recipient address or contact name.
                to: String,
                /// Decimal amount in the asset's units, `max` or `N%`.
                amount: String,
                /// Token symbol or address; S when absent.
                token: Option<String>,
            } -> $crate::dto::Plan;
            /// Transfers from the local index, filtered.
            history_filter => HistoryFilterArgs {
                /// Account; the default account when absent.
                account: Option<String>,
                /// Asset symbol or token address.
                asset: Option<String>,
                /// `in` or `out`.
                direction: Option<String>,
                /// The other party: address or contact.
                counterparty: Option<String>,
                /// Only the last N days.
                days: Option<u64>,
                /// At most N transfers.
                limit: Option<u64>,
                /// Include hidden transfers.
                all: bool,
            } -> $crate::host::HistoryView;
            /// One pending plan.
            plan_get => PlanGetArgs {
                /// The plan's id.
                id: String,
            } -> Option<$crate::dto::Plan>;
            /// Confirms a plan of any kind by id (the user's own order, from a
            /// terminal), waiting for a transaction's receipt as long as asked.
            /// Refused while the vault is locked: the plan stays pending.
            plan_confirm_wait => PlanConfirmWaitArgs {
                /// The plan's id.
                id: String,
                /// Seconds to wait for the receipt (0: return once broadcast; at most 300).
                wait_secs: u64,
            } -> $crate::dto::PlanDoneView;
        }
    };
}

/// Defines the argument structs, their [`Command`] impls and [`HOST_COMMANDS`].
macro_rules! define_host_commands {
    ($(
        $(#[$meta:meta])*
        $name:ident => $args:ident { $( $(#[$fmeta:meta])* $field:ident : $fty:ty ),* $(,)? } -> $reply:ty;
    )*) => {
        $(
            $(#[$meta])*
            #[derive(Serialize, Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct $args {
                $( $(#[$fmeta])* pub $field: $fty, )*
            }

            impl Command for $args {
                const NAME: &'static str = stringify!($name);
                type Reply = $reply;
            }
        )*

        /// Every host command's name, in the table's order.
        pub const HOST_COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

crate::host_commands!(define_host_commands);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_commands_do_not_shadow_the_contract() {
        let mut names: Vec<&str> = HOST_COMMANDS.iter().chain(crate::ipc::COMMANDS).copied().collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "a host command has the name of another command");
    }

    #[test]
    fn unknown_fields_are_refused() {
        assert!(serde_json::from_str::<PlanGetArgs>(r#"{"id":"p"}"#).is_ok());
        assert!(serde_json::from_str::<PlanGetArgs>(r#"{"id":"p","confirm":true}"#).is_err());
        assert_eq!(PlanConfirmWaitArgs::NAME, "plan_confirm_wait");
    }
}
