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

/// A swap quote through the host: what `sonic swap --quote` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwapQuoteView {
    /// Where the route comes from.
    pub source: String,
    /// The route, asset by asset (`S -> USDC`).
    pub route: String,
    /// The router that would be called.
    pub router: crate::Address,
    /// The asset sold.
    pub sell: String,
    /// Amount sold, exact decimal.
    pub amount: String,
    /// The asset bought.
    pub buy: String,
    /// Expected amount received, exact decimal.
    pub expected: String,
    /// Least amount received at this slippage, exact decimal.
    pub minimum: String,
    /// The slippage, basis points.
    pub slippage_bps: u32,
    /// The price impact, basis points.
    pub price_impact_bps: u32,
    /// The pools' fee in basis points, when known.
    pub pool_fee_bps: Option<u32>,
    /// The quote in one line, as the engine words it.
    pub line: String,
}

/// One validator as the SFC reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidatorRow {
    /// The validator's id.
    pub id: u64,
    /// Whether it accepts delegations.
    pub active: bool,
    /// The SFC's raw status.
    pub status: u64,
    /// "active" or what the status says.
    pub status_text: String,
    /// Total stake, in S (exact decimal).
    pub stake: String,
}

/// A withdrawal request of the user's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRow {
    /// The validator it was undelegated from.
    pub validator: u64,
    /// The request id.
    pub id: u64,
    /// Amount in S (exact decimal).
    pub amount: String,
    /// When it was made (unix seconds).
    pub requested_at: u64,
    /// When it can be withdrawn (unix seconds).
    pub withdrawable_at: u64,
    /// The request in one line, as the engine words it.
    pub line: String,
}

/// The user's position with one validator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DelegationRow {
    /// The validator's id.
    pub validator: u64,
    /// Stake, in S (exact decimal).
    pub stake: String,
    /// Pending rewards, in S (exact decimal).
    pub pending_rewards: String,
    /// Withdrawal requests.
    pub requests: Vec<RequestRow>,
}

/// The user's stake, rewards and requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StakeStatusView {
    /// The account.
    pub account: crate::Address,
    /// Its delegations.
    pub delegations: Vec<DelegationRow>,
}

/// An undelegation plan and the withdrawal request it will make.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UndelegateView {
    /// The plan.
    pub plan: crate::dto::Plan,
    /// The request id it will use.
    pub request: u64,
}

/// Smart Sonic's contracts on the active network, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractsView {
    /// The subscription contract.
    pub subscription: Option<crate::Address>,
    /// The NFT contract.
    pub nft: Option<crate::Address>,
}

/// The devnet's DeFi fixtures on the local anvil.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevnetDefiView {
    /// The test USDC.
    pub usdc: crate::Address,
    /// The devnet's wS.
    pub ws: crate::Address,
    /// The Uniswap V2 factory.
    pub factory: crate::Address,
    /// The Uniswap V2 router.
    pub router: crate::Address,
    /// The S/USDC pair.
    pub pair: crate::Address,
    /// The SFC stand-in.
    pub sfc: crate::Address,
}

/// A payment link resolved against the wallet's tokens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkResolvedView {
    /// The token contract; `None` for S.
    pub token: Option<crate::Address>,
    /// Amount in base units (decimal digits), if the link gives one.
    pub raw: Option<String>,
    /// The asset's symbol.
    pub symbol: String,
    /// The asset's decimals.
    pub decimals: u8,
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
            /// A swap quote: no plan, nothing signed.
            swap_quote => SwapQuoteArgs {
                /// What is sold.
                sell: String,
                /// What is bought.
                buy: String,
                /// How much is sold: a decimal, `max` or `N%`.
                amount: String,
                /// Slippage in basis points; the default when absent.
                slippage_bps: Option<u32>,
                /// The paying account; the default account when absent.
                account: Option<String>,
            } -> $crate::host::SwapQuoteView;
            /// Plans a swap from a given account (a card; nothing is signed).
            swap_request => SwapRequestArgs {
                /// What is sold.
                sell: String,
                /// What is bought.
                buy: String,
                /// How much is sold: a decimal, `max` or `N%`.
                amount: String,
                /// Slippage in basis points; the default when absent.
                slippage_bps: Option<u32>,
                /// The paying account; the default account when absent.
                account: Option<String>,
            } -> $crate::dto::Plan;
            /// Plans wrapping S into wS, or unwrapping (a card; nothing is signed).
            wrap_plan => WrapPlanArgs {
                /// Amount: a decimal, `max` or `N%`.
                amount: String,
                /// Unwrap wS into S instead.
                unwrap: bool,
            } -> $crate::dto::Plan;
            /// The validators, with their raw status.
            stake_validators => StakeValidatorsArgs {} -> Vec<$crate::host::ValidatorRow>;
            /// The user's stake, rewards and withdrawal requests.
            stake_status => StakeStatusArgs {
                /// Only this validator.
                validator: Option<u64>,
            } -> $crate::host::StakeStatusView;
            /// Plans an undelegation, with the id of the request it will make.
            stake_undelegate => StakeUndelegateArgs {
                /// Validator id.
                validator: u64,
                /// Amount of S, decimal.
                amount: String,
            } -> $crate::host::UndelegateView;
            /// A transaction of this wallet, brought up to date; `None` when unknown.
            tx_status => TxStatusArgs {
                /// The transaction's hash.
                hash: String,
            } -> Option<$crate::dto::TxRecord>;
            /// Saves a new contact as typed (the user's own `sonic contacts add`);
            /// an existing name is refused here: changing an address is a plan.
            contact_add => ContactAddArgs {
                /// The contact's name.
                name: String,
                /// Its address.
                address: String,
            } -> $crate::dto::Contact;
            /// Minutes idle before the vault locks itself (1 to 1440).
            auto_lock_set => AutoLockSetArgs {
                /// Minutes.
                minutes: u64,
            } -> ();
            /// Makes an account the default one.
            account_default => AccountDefaultArgs {
                /// Account: address, index or name.
                account: String,
            } -> $crate::dto::AccountInfo;
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
            /// Smart Sonic's contracts recorded for the active network.
            contracts_show => ContractsShowArgs {} -> $crate::host::ContractsView;
            /// Records contract addresses for the active network (each kept when absent).
            contracts_set => ContractsSetArgs {
                /// The subscription contract's address.
                subscription: Option<String>,
                /// The NFT contract's address.
                nft: Option<String>,
            } -> $crate::host::ContractsView;
            /// Plans deploying the contracts: both at their CREATE2 addresses
            /// (`create2`), else the subscription, or the NFT for `subscription`.
            contracts_deploy_plan => ContractsDeployPlanArgs {
                /// Deterministic deployment of both.
                create2: bool,
                /// The deployed subscription the NFT contract is made for.
                subscription: Option<String>,
            } -> Vec<$crate::dto::Plan>;
            /// The default account's Premium status (an error where not deployed).
            subscription_status => SubscriptionStatusArgs {} -> $crate::dto::SubscriptionStatus;
            /// Confirms a mint plan (the user's own order, from a terminal) and reads
            /// back the new token. Refused while the vault is locked.
            nft_mint_confirm => NftMintConfirmArgs {
                /// The plan's id.
                id: String,
            } -> $crate::dto::MintResult;
            /// Pins every minted token not pinned yet, with the JWT in the host's
            /// vault (the JWT never crosses the socket); how many were pinned.
            nft_pin => NftPinArgs {} -> u64;
            /// Deploys (or reads back) the devnet's DeFi fixtures; local network only.
            devnet_defi => DevnetDefiArgs {} -> $crate::host::DevnetDefiView;
            /// Adds a custom network (a built-in name keeps its chain id).
            network_add => NetworkAddArgs {
                /// Its name.
                name: String,
                /// Its RPC URL.
                rpc: String,
                /// The chain id it must answer with.
                chain_id: Option<u64>,
                /// Its block explorer.
                explorer: Option<String>,
                /// Its WebSocket URL.
                ws: Option<String>,
            } -> ();
            /// Follows the host's events: answered `null` at once, then every event of
            /// the engine's bus as a further answer line with the same id, until the
            /// client disconnects or the host stops. Served on the host's socket only.
            events_follow => EventsFollowArgs {} -> ();
            /// Resolves a payment link's asset and amount against the wallet's tokens.
            link_resolve => LinkResolveArgs {
                /// The link.
                uri: String,
            } -> $crate::host::LinkResolvedView;
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
