//! Data transfer objects: what the engine hands to the CLI and the UI. None of them
//! ever holds key material.

use alloy_primitives::{Address, U256};
use serde::{Deserialize, Serialize};

/// Where an account's key came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// Derived from the vault's mnemonic at m/44'/60'/0'/0/index.
    Derived {
        /// The derivation index.
        index: u32,
    },
    /// A private key imported on its own (raw or from a keystore).
    Imported,
}

/// An account's public face.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AccountInfo {
    /// Position in the wallet's account list (0-based), stable across restarts.
    pub position: u32,
    /// The user's label.
    pub name: String,
    /// The address.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub address: Address,
    /// Derived or imported.
    pub kind: AccountKind,
}

/// An address book entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Contact {
    /// Lowercase name.
    pub name: String,
    /// The address.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub address: Address,
    /// Unix seconds of the last change of address.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub updated_at: u64,
}

/// A registered ERC-20 token on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TokenInfo {
    /// Contract address.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub address: Address,
    /// Symbol as read from the chain.
    pub symbol: String,
    /// Decimals as read from the chain.
    pub decimals: u8,
}

/// A balance of one asset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Balance {
    /// The account.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub account: Address,
    /// Symbol (`S` for native).
    pub asset: String,
    /// Token contract, `None` for native S.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub token: Option<Address>,
    /// Exact decimal string.
    pub amount: String,
    /// Base units.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub raw: U256,
    /// Token decimals.
    pub decimals: u8,
}

/// Something on a plan the user should look at before confirming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Risk {
    /// The recipient is one of the user's own accounts.
    OwnAccount,
    /// No earlier payment to this address is recorded.
    FirstPayment,
    /// The amount is more than half of the balance.
    LargeShare,
    /// The recipient is a contract, not a person's account.
    ContractRecipient,
    /// The address shares its first and last 4 hex digits with a contact, but is not it.
    LookalikeContact {
        /// The contact it imitates.
        contact: String,
    },
    /// The contact's address was changed recently (a common step in scams).
    ContactChangedRecently {
        /// The contact.
        contact: String,
    },
    /// The max fee per gas is far above the recent base fee.
    HighFee {
        /// Max fee / base fee, in tenths (25 = 2.5x).
        #[cfg_attr(feature = "specta", specta(type = f64))]
        ratio_tenths: u64,
    },
    /// The plan changes the address saved for a contact: payments to that name will
    /// go to the new address.
    ContactAddressChange {
        /// The contact.
        contact: String,
    },
    /// A test or local network.
    NotMainnet {
        /// The network name.
        network: String,
    },
    /// A swap moves the pool's price this much against the user (above 2%).
    PriceImpact {
        /// The price impact in basis points (250 = 2.5%).
        bps: u32,
    },
    /// A dapp's transaction or signature lets `spender` move the user's tokens
    /// (an ERC-20 `approve`, an EIP-2612 permit, a Permit2 signature).
    SpendingApproval {
        /// Who may spend (EIP-55).
        spender: String,
        /// The token, or `"all tokens"` for an operator approval.
        token: String,
        /// How much, in words or exact units (`"unlimited"`).
        amount: String,
        /// Until when (Unix seconds, decimal), if the approval says.
        deadline: Option<String>,
    },
    /// The approval has no limit: the spender can take every token now and later.
    UnlimitedApproval {
        /// Who may spend (EIP-55).
        spender: String,
    },
    /// The calldata is for a function the wallet does not know: it cannot say what
    /// the call does.
    UnknownCall {
        /// The 4-byte selector, 0x-prefixed.
        selector: String,
    },
    /// A website or a local program asks: the request did not come from this app.
    ExternalRequest {
        /// The web origin, or `"a local program"`.
        origin: String,
    },
}

impl Risk {
    /// A plain-words sentence for the confirmation card.
    pub fn message(&self) -> String {
        match self {
            Risk::OwnAccount => "The recipient is one of your own accounts.".into(),
            Risk::FirstPayment => "You have never paid this address before.".into(),
            Risk::LargeShare => "This is more than half of your balance.".into(),
            Risk::ContractRecipient => "The recipient is a contract, not a personal account.".into(),
            Risk::LookalikeContact { contact } => format!(
                "This address looks like your contact '{contact}' but is a different address (possible address poisoning)."
            ),
            Risk::ContactChangedRecently { contact } => {
                format!("The address of your contact '{contact}' was changed in the last 7 days; make sure the change was yours.")
            }
            Risk::HighFee { ratio_tenths } => format!(
                "The fee cap is {}.{}x the current base fee.",
                ratio_tenths / 10,
                ratio_tenths % 10
            ),
            Risk::ContactAddressChange { contact } => format!(
                "This replaces the address of '{contact}': every later payment to {contact} goes to the new address. Check it with {contact} another way."
            ),
            Risk::NotMainnet { network } => {
                format!("Network '{network}' is not Sonic mainnet: these are test funds.")
            }
            Risk::PriceImpact { bps } => format!(
                "Price impact is {}.{:02}%: you get noticeably less than the market price; consider a smaller amount.",
                bps / 100,
                bps % 100
            ),
            Risk::SpendingApproval { spender, token, amount, deadline } => match deadline {
                Some(d) => format!(
                    "This is a spending approval: {spender} may move {amount} of {token} from this account until {d} (Unix time)."
                ),
                None => format!("This is a spending approval: {spender} may move {amount} of {token} from this account."),
            },
            Risk::UnlimitedApproval { spender } => {
                format!("The approval is unlimited: {spender} could take all of these tokens, now or later.")
            }
            Risk::UnknownCall { selector } => {
                format!("Unknown contract function {selector}: the wallet cannot tell what this call does.")
            }
            Risk::ExternalRequest { origin } => {
                format!("Requested by {origin}, not by you in this app. Confirm only if you started it.")
            }
        }
    }
}

/// What a plan does.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlanKind {
    /// Moves S or a token to a recipient.
    #[default]
    Transfer,
    /// Deploys one of Smart Sonic's contracts.
    Deploy {
        /// Contract name.
        contract: String,
    },
    /// Calls a contract function (subscription purchase, NFT mint).
    Call {
        /// Contract name.
        contract: String,
        /// Function name.
        function: String,
    },
    /// Saves a contact, or changes the address of one (`to` is the new address). No
    /// transaction: confirming it changes where "send to <name>" goes.
    Contact {
        /// The contact's name, lowercased.
        name: String,
        /// Its current address (EIP-55) when this changes an existing contact.
        previous: Option<String>,
    },
    /// Mints an NFT. The image is only read, hashed and pinned after confirmation,
    /// so the card shows its file name and size; its CID comes with the result.
    NftMint {
        /// Token name.
        name: String,
        /// The image's file name, if any.
        image_file: Option<String>,
        /// The image's size in bytes when the plan was made.
        #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
        image_bytes: Option<u64>,
    },
    /// Swaps one asset for another through a router (the plan's amount and asset are
    /// what is sold, `to` is the router). With `approve`, the plan first approves the
    /// router for exactly the amount sold, then swaps.
    Swap(SwapDetails),
    /// Wraps S into wS (`to` is the wS contract).
    Wrap,
    /// Unwraps wS back into S (`to` is the wS contract).
    Unwrap,
    /// A transaction a dapp or a local program asked for over the signer RPC
    /// (`eth_sendTransaction`); `to` is the contract or account called.
    DappCall {
        /// Who asked: a web origin, or `local program`.
        origin: String,
        /// The function called, as decoded (`approve`, `transfer`...), `transfer` for
        /// plain value, `deploy` for a creation, or the 4-byte selector if unknown.
        method: String,
        /// What the call does, in words (decoded arguments, token amounts).
        decoded: String,
    },
    /// A message to sign (`personal_sign`, `eth_signTypedData_v4`): no transaction;
    /// confirming it returns the signature to the asker.
    SignMessage {
        /// Who asked: a web origin, or `local program`.
        origin: String,
        /// `personal_sign` or `eth_signTypedData_v4`.
        method: String,
        /// The message as shown: text, hex for bytes, or the typed data's JSON.
        message: String,
    },
    /// A website asks to connect: confirming lets it see the accounts and propose
    /// transactions and signatures (each still confirmed here). Revocable in Settings.
    ConnectOrigin {
        /// The web origin (`https://app.example`).
        origin: String,
    },
}

/// What a swap plan will do, as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SwapDetails {
    /// Where the route comes from (`Uniswap V2 (devnet)`, `KyberSwap`).
    pub source: String,
    /// The route, asset by asset (`S -> USDC`).
    pub route: String,
    /// The asset bought.
    pub buy_asset: String,
    /// Its token contract, `None` for S.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub buy_token: Option<Address>,
    /// Decimals of the asset bought.
    pub buy_decimals: u8,
    /// Expected amount received (exact decimal).
    pub expected: String,
    /// Expected amount received, base units.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub expected_raw: U256,
    /// Minimum received, enforced on chain by the router (exact decimal).
    pub minimum: String,
    /// Minimum received, base units.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub minimum_raw: U256,
    /// The slippage allowed, in basis points (50 = 0.5%).
    pub slippage_bps: u32,
    /// The price impact, in basis points.
    pub price_impact_bps: u32,
    /// The pools' own fee in basis points, when the route source says (30 for
    /// Uniswap V2).
    pub pool_fee_bps: Option<u32>,
    /// The approval the plan signs first: exactly the amount sold (exact decimal), to
    /// the router. `None`: S is sold, or the allowance already covers it.
    pub approve: Option<String>,
}

/// The other leg of a swap in history: what the account received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SwapLeg {
    /// Asset symbol.
    pub asset: String,
    /// Token contract, `None` for S.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub token: Option<Address>,
    /// Base units received (the quote's expected amount until the receipt is read).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub raw: U256,
    /// Decimals of the asset.
    pub decimals: u8,
}

/// A transaction the engine proposes; nothing happens until it is confirmed by id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Plan {
    /// Unique id to confirm.
    pub id: String,
    /// What it does.
    #[serde(default)]
    pub kind: PlanKind,
    /// Network name.
    pub network: String,
    /// Chain id checked at planning time.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub chain_id: u64,
    /// Sender.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub from: Address,
    /// Recipient of the value (for a token, the holder, not the contract).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub to: Address,
    /// Contact name of the recipient, if known.
    pub to_label: Option<String>,
    /// Asset symbol.
    pub asset: String,
    /// Token contract, `None` for native S.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub token: Option<Address>,
    /// Exact decimal amount.
    pub amount: String,
    /// Amount in base units.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub raw: U256,
    /// Asset decimals.
    pub decimals: u8,
    /// Gas limit, estimate plus margin.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub gas_limit: u64,
    /// EIP-1559 max fee per gas, wei (a decimal string in JSON: JavaScript numbers
    /// cannot hold every u128).
    #[serde(with = "u128_string")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub max_fee_per_gas: u128,
    /// EIP-1559 priority fee per gas, wei (a decimal string in JSON).
    #[serde(with = "u128_string")]
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub max_priority_fee_per_gas: u128,
    /// Worst-case fee in wei (gas_limit x max fee).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub max_fee: U256,
    /// Expected fee in wei (estimate x current base fee + tip).
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub expected_fee: U256,
    /// Risks to show.
    pub risks: Vec<Risk>,
    /// One-line human summary.
    pub summary: String,
    /// Unix seconds after which confirm is refused.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub expires_at: u64,
    /// Who proposed it when not the user in this window: `cli`, `mcp`, `signer`
    /// (a local program on the signer RPC) or `signer:<web origin>`. Shown on the card.
    #[serde(default)]
    pub origin: Option<String>,
}

/// How a pending plan ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PlanOutcome {
    /// Confirmed by the user and carried out; `hash` for a transaction.
    Confirmed {
        /// The transaction sent, if the plan signs one.
        hash: Option<String>,
        /// The signature (0x-prefixed, 65 bytes), if the plan signs a message.
        #[serde(default)]
        signature: Option<String>,
    },
    /// Rejected (or cancelled) by the user.
    Rejected,
    /// Not confirmed before it expired.
    Expired,
    /// Confirmed, but carrying it out failed.
    Failed {
        /// Why, readably.
        reason: String,
    },
}

/// Lifecycle of a transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TxState {
    /// Broadcast, not mined yet.
    Pending,
    /// Mined with success.
    Confirmed,
    /// Mined and reverted.
    Failed,
    /// Gone from the node without being mined.
    Dropped,
    /// Its nonce was mined by another transaction (a speed-up, a cancel, or another wallet).
    Replaced,
}

/// A transfer the wallet knows about: a transaction of the user's, a native transfer
/// in or out, or an ERC-20 Transfer log touching a watched account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TxRecord {
    /// Transaction hash.
    pub hash: String,
    /// Index of the ERC-20 Transfer log in its block; `None` for the transaction itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub log_index: Option<u64>,
    /// Chain id.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub chain_id: u64,
    /// Sender.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub from: Address,
    /// Recipient of the value.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub to: Address,
    /// Asset symbol.
    pub asset: String,
    /// Token contract, `None` for native.
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub token: Option<Address>,
    /// Base units.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub raw: U256,
    /// Decimals of the asset.
    pub decimals: u8,
    /// Sender nonce.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub nonce: u64,
    /// State.
    pub state: TxState,
    /// Block, once mined.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub block: Option<u64>,
    /// Unix seconds when sent or seen.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub timestamp: u64,
    /// Zero-value transfers and transfers of unregistered tokens: recorded, hidden by
    /// default, never notified, never offered as a recipient.
    #[serde(default)]
    pub untrusted: bool,
    /// The transaction that took this one's nonce.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// Why it failed, when the node says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For a swap this wallet made: what was received for what the record says was
    /// sold (`asset`, `raw`), so history shows it as one entry with both legs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<SwapLeg>,
}

impl TxRecord {
    /// The record's key: the hash, or `hash-logIndex` for a token transfer log.
    pub fn id(&self) -> String {
        match self.log_index {
            Some(i) => format!("{}-{i}", self.hash),
            None => self.hash.clone(),
        }
    }
}

/// Result of a confirmed send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SendResult {
    /// Transaction hash.
    pub hash: String,
    /// `pending`, `confirmed` or `failed`.
    pub status: TxState,
    /// Block number once mined.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub block: Option<u64>,
    /// The created contract, for a deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub contract_address: Option<Address>,
}

/// Premium subscription state, read on chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SubscriptionStatus {
    /// Active now.
    pub active: bool,
    /// Unix seconds of the end, `None` if never subscribed.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub end: Option<u64>,
    /// The subscription contract.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub contract: Address,
    /// Price of one period in wei.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub price: U256,
    /// Length of one period in seconds.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub period: u64,
}

/// What the desktop shell tells the UI at start, answered without any network call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AppInfo {
    /// Whether the vault is unlocked now.
    #[serde(default)]
    pub unlocked: bool,
    /// Application version.
    pub version: String,
    /// Active network name.
    pub network: String,
    /// Whether the network holds real value.
    pub mainnet: bool,
    /// Whether a wallet exists.
    pub wallet_exists: bool,
    /// The data directory in use.
    pub data_dir: String,
    /// The network's block explorer, for transaction links.
    #[serde(default)]
    pub explorer_url: Option<String>,
}

/// An image picked in the system's file dialog, as the webview knows it: no path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PickedImage {
    /// Names this pick in `nft_mint_picked_plan`.
    pub id: String,
    /// The file's name.
    pub name: String,
    /// Its size in bytes (the engine takes at most 50 MB).
    pub size: u32,
}

/// An NFT the user owns, with what the local content store knows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NftInfo {
    /// Token id.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub token_id: U256,
    /// `ipfs://CID` of the metadata.
    pub token_uri: String,
    /// Name from the metadata, when stored locally.
    pub name: Option<String>,
    /// Description from the metadata.
    pub description: Option<String>,
    /// CID of the image, when the metadata names one.
    pub image_cid: Option<String>,
    /// Whether the metadata and image were pinned to Pinata.
    pub pinned: bool,
}

/// Result of minting an NFT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MintResult {
    /// The new token's id.
    #[cfg_attr(feature = "specta", specta(type = String))]
    pub token_id: U256,
    /// `ipfs://CID` of its metadata.
    pub token_uri: String,
    /// CID of the metadata JSON.
    pub metadata_cid: String,
    /// CID of the image, if any.
    pub image_cid: Option<String>,
    /// Pinned to Pinata (false: local only, "not pinned yet").
    pub pinned: bool,
    /// Transaction hash.
    pub hash: String,
}

/// The agent's answer to one chat message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgentReply {
    /// What to show the user.
    pub text: String,
    /// The understood action, if the message was not a yes/no.
    pub action: Option<crate::action::Action>,
    /// A plan awaiting the user's confirmation.
    pub plan: Option<Plan>,
}

/// The balances of an account as last read from the node, with when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LastBalances {
    /// The balances (S first).
    pub balances: Vec<Balance>,
    /// When they were read (Unix seconds).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub at: u64,
}

/// The send form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SendForm {
    /// Address or contact name.
    pub to: String,
    /// Decimal amount, `max` or `N%`.
    pub amount: String,
    /// Token symbol or address; S when empty.
    pub token: Option<String>,
    /// The account to send from (address); the default account when absent.
    #[serde(default)]
    pub from: Option<String>,
}

/// A history query from the Activity page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct HistoryQuery {
    /// Asset symbol.
    pub asset: Option<String>,
    /// `in` or `out`.
    pub direction: Option<String>,
    /// Last N days.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub days: Option<u64>,
    /// Include hidden (untrusted) transfers.
    pub include_untrusted: bool,
    /// The account (address); the default account when absent.
    #[serde(default)]
    pub account: Option<String>,
}

/// Engine settings shared with the CLI.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EngineSettings {
    /// Active network name.
    pub network: String,
    /// Known network names.
    pub networks: Vec<String>,
    /// The active network's RPC URL.
    #[serde(default)]
    pub rpc_url: String,
    /// Minutes before the vault locks itself.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub auto_lock_minutes: u64,
    /// `rules`, or the provider's base URL and model.
    pub agent: String,
}

/// A payment request to show: the EIP-681 link and its QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PaymentRequestView {
    /// The link.
    pub uri: String,
    /// QR code as SVG.
    pub qr_svg: Option<String>,
}

/// The desktop's own preferences (kept by the shell with tauri-plugin-store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DesktopPrefs {
    /// `light`, `dark` or `system`.
    pub theme: String,
    /// Notify incoming transfers.
    pub notify_incoming: bool,
    /// Notify confirmations.
    pub notify_confirmed: bool,
    /// Notify failures.
    pub notify_failed: bool,
    /// Closing the window keeps the app in the tray.
    pub close_to_tray: bool,
}

impl Default for DesktopPrefs {
    fn default() -> Self {
        Self {
            theme: "system".into(),
            notify_incoming: true,
            notify_confirmed: true,
            notify_failed: true,
            close_to_tray: true,
        }
    }
}

/// u128 as a decimal string in JSON; reads a string or a (small) number.
mod u128_string {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&v.to_string())
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(String),
        Number(u64),
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        match Either::deserialize(d)? {
            Either::Text(t) => t.parse().map_err(D::Error::custom),
            Either::Number(n) => Ok(u128::from(n)),
        }
    }
}

/// A website the user let connect to the signer RPC (it sees the accounts and may
/// propose; every transaction and signature is still confirmed on a card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ApprovedOrigin {
    /// The web origin, `scheme://host[:port]`, lowercase.
    pub origin: String,
    /// When it was approved, Unix seconds.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub approved_at: u64,
}

/// What confirming a plan of any kind did (a card proposed by another client: the
/// CLI, the MCP server, the signer RPC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "done", rename_all = "snake_case")]
pub enum PlanDoneView {
    /// A transaction was sent.
    Sent(SendResult),
    /// A contact was saved.
    Saved(Contact),
    /// Something else was done (a mint, a signature, a connection); the transaction
    /// hash if there was one.
    Other {
        /// The transaction sent, if any.
        hash: Option<String>,
    },
}

#[cfg(test)]
mod tests {
    #[test]
    fn u128_fields_are_strings_in_json() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        struct T {
            #[serde(with = "super::u128_string")]
            v: u128,
        }
        let t = T { v: u128::MAX };
        let json = serde_json::to_string(&t).expect("ser");
        assert_eq!(json, format!("{{\"v\":\"{}\"}}", u128::MAX));
        assert_eq!(serde_json::from_str::<T>(&json).expect("de"), t);
        assert_eq!(serde_json::from_str::<T>("{\"v\":7}").expect("number").v, 7);
    }
}

/// One RPC endpoint on the Diagnostics page: since the app started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EndpointDiag {
    /// Scheme and host only (a key in the path or query is never shown).
    pub url: String,
    /// Calls answered.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub calls: u64,
    /// Calls failed (every attempt counts).
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub errors: u64,
    /// Latency of the last answered call, µs.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub last_us: Option<u64>,
    /// Mean latency of the answered calls, µs.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub avg_us: Option<u64>,
}

/// The Diagnostics page: the app's health as the user can report it. No secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DiagnosticsReport {
    /// Application (desktop shell) version.
    pub app_version: String,
    /// Engine version.
    pub engine_version: String,
    /// Active network name.
    pub network: String,
    /// Its chain id.
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub chain_id: u64,
    /// The data directory in use.
    pub data_dir: String,
    /// The chain head, when the node answered.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub head: Option<u64>,
    /// Why the head is unknown, when it is.
    pub head_error: Option<String>,
    /// The last block the watcher indexed on this chain.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub cursor: Option<u64>,
    /// Head minus cursor, in blocks.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub head_lag: Option<u64>,
    /// Age of the default account's last read balances, seconds.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub balances_age_secs: Option<u64>,
    /// Age of the cached S price, seconds.
    #[cfg_attr(feature = "specta", specta(type = Option<f64>))]
    pub price_age_secs: Option<u64>,
    /// Every RPC endpoint used since the app started.
    pub endpoints: Vec<EndpointDiag>,
}

/// The agent's language model as saved, for the Settings page (the key is never read
/// back: only whether one is set is the vault's business).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AgentProviderView {
    /// Which model, if any.
    pub kind: crate::ipc::ProviderChoice,
    /// The server's base URL (empty for the rules engine).
    pub url: String,
    /// The model's name (empty for the rules engine).
    pub model: String,
}
