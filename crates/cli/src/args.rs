//! Command-line syntax of `sonic`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Smart Sonic, headless: the wallet engine from the terminal.
#[derive(Debug, Parser)]
#[command(name = "sonic", version, about, propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags accepted before or after the subcommand.
#[derive(Debug, Args, Clone)]
pub(crate) struct Global {
    /// Data directory (vault and store). Default: the OS data folder.
    #[arg(long, global = true, env = "SONIC_DATA_DIR", value_name = "DIR")]
    pub(crate) data_dir: Option<PathBuf>,
    /// Network name: sonic, testnet, local, or a custom one.
    #[arg(long, global = true, env = "SONIC_NETWORK", value_name = "NAME")]
    pub(crate) network: Option<String>,
    /// RPC URL overriding the network's.
    #[arg(long, global = true, env = "SONIC_RPC", value_name = "URL")]
    pub(crate) rpc: Option<String>,
    /// One JSON object per result on stdout.
    #[arg(long, global = true)]
    pub(crate) json: bool,
    /// File holding the vault password (one trailing newline is stripped).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) password_file: Option<PathBuf>,
    /// Use light key derivation (N=2^15) for new vaults and keystores: tests only, and
    /// ignored by release builds.
    #[arg(long, global = true, hide = true, env = "SONIC_INSECURE_KDF")]
    pub(crate) insecure_kdf: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create, import, list and export accounts.
    #[command(subcommand)]
    Wallet(WalletCmd),
    /// Show balances.
    Balance {
        /// Account: address, index or name (default account if omitted).
        account: Option<String>,
        /// Token symbol or address; S if omitted.
        #[arg(long)]
        token: Option<String>,
        /// S and every registered token.
        #[arg(long, conflicts_with = "token")]
        all: bool,
    },
    /// Send S or a token (shows the plan and asks before signing).
    Send {
        /// Recipient address or contact name.
        #[arg(long)]
        to: String,
        /// Amount as a decimal in the asset's units, or "max", or "50%".
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        /// Token symbol or address; S if omitted.
        #[arg(long)]
        token: Option<String>,
        /// Sending account (default account if omitted).
        #[arg(long)]
        from: Option<String>,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
        /// Return once broadcast instead of waiting for the receipt.
        #[arg(long)]
        no_wait: bool,
    },
    /// The address book.
    #[command(subcommand)]
    Contacts(ContactsCmd),
    /// The token registry of the active network.
    #[command(subcommand)]
    Tokens(TokensCmd),
    /// Networks.
    #[command(subcommand)]
    Network(NetworkCmd),
    /// Engine settings shared with the desktop app.
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// The chat agent.
    #[command(subcommand)]
    Agent(AgentCmd),
    /// Smart Sonic's contracts on the active network.
    #[command(subcommand)]
    Contracts(ContractsCmd),
    /// Smart Sonic Premium.
    #[command(subcommand)]
    Subscription(SubscriptionCmd),
    /// The NFT creator.
    #[command(subcommand)]
    Nft(NftCmd),
    /// Staking with Sonic's SFC: validators, delegations, rewards, withdrawals.
    #[command(subcommand)]
    Stake(StakeCmd),
    /// Swap one asset for another (through plan/confirm): S, a symbol or a token address.
    Swap {
        /// What you sell.
        #[arg(long, value_name = "ASSET")]
        from: String,
        /// What you buy.
        #[arg(long, value_name = "ASSET")]
        to: String,
        /// How much you sell: a decimal, `max` or `N%`.
        #[arg(long)]
        amount: String,
        /// Slippage allowed, in percent (default 0.5).
        #[arg(long, value_name = "PERCENT")]
        slippage: Option<String>,
        /// The paying account (default account if omitted).
        #[arg(long)]
        account: Option<String>,
        /// Only quote: no plan, nothing signed.
        #[arg(long)]
        quote: bool,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Wrap S into wS (through plan/confirm).
    Wrap {
        /// Amount of S: a decimal, `max` or `N%`.
        #[arg(long)]
        amount: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Unwrap wS into S (through plan/confirm).
    Unwrap {
        /// Amount of wS: a decimal, `max` or `N%`.
        #[arg(long)]
        amount: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// The local devnet (network `local` only).
    #[command(subcommand)]
    Devnet(DevnetCmd),
    /// Run the chain watcher in the foreground, printing events as they come.
    Watch {
        /// Start a new index at this block (default: the current block).
        #[arg(long)]
        from_block: Option<u64>,
        /// Stop once caught up with the head (for scripts and tests).
        #[arg(long)]
        exit_at_head: bool,
    },
    /// Transfers of an account, from the local index (run `sonic watch` to fill it).
    History {
        /// Account (default account if omitted).
        account: Option<String>,
        /// Asset symbol or token address.
        #[arg(long)]
        asset: Option<String>,
        /// in or out.
        #[arg(long)]
        direction: Option<String>,
        /// The other party: address or contact.
        #[arg(long)]
        counterparty: Option<String>,
        /// Only the last N days.
        #[arg(long)]
        days: Option<u64>,
        /// At most N transfers.
        #[arg(long)]
        limit: Option<usize>,
        /// Include hidden transfers: untrusted ones (zero-value, unregistered tokens) and
        /// transactions replaced by a speed-up or cancel (marked replaced, never counted).
        #[arg(long)]
        all: bool,
    },
    /// One transaction.
    #[command(subcommand)]
    Tx(TxCmd),
    /// Payment links (EIP-681 `ethereum:` and `smartsonic://pay`).
    #[command(subcommand)]
    Pay(PayCmd),
    /// USD price of assets from DefiLlama (S, a symbol or a token address), with its age.
    Price {
        /// Assets, priced in one request.
        #[arg(required = true, value_name = "ASSET")]
        assets: Vec<String>,
    },
    /// Sonic yield pools from DefiLlama, highest APY first.
    Yields {
        /// Only pools holding this asset (one of the pool's symbol parts).
        asset: Option<String>,
        /// How many pools (default 10, at most 100).
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
    },
    /// Plans waiting for your confirmation: those clients proposed to the running
    /// wallet (the app or `sonic daemon`), with their origin.
    #[command(subcommand)]
    Plans(PlansCmd),
    /// Own the data directory and serve other `sonic` processes, `sonic mcp` and the
    /// signer RPC, where there is no desktop (servers, tests, CI); until Ctrl-C/SIGTERM.
    Daemon {
        /// Do not start the signer RPC.
        #[arg(long)]
        no_signer: bool,
    },
    /// A Model Context Protocol server over stdio for AI assistants: it reads balances,
    /// history and prices and proposes sends, stakes and swaps; it never confirms, signs,
    /// reveals or exports. Every proposal waits for you in the wallet.
    Mcp,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PlansCmd {
    /// The pending plans: id, origin, summary, expiry.
    List,
    /// Confirm a pending plan (asks for the password when the wallet is locked).
    Confirm {
        /// The plan's id.
        id: String,
        /// Return once broadcast instead of waiting for the receipt.
        #[arg(long)]
        no_wait: bool,
    },
    /// Reject a pending plan: nothing is signed or sent.
    Reject {
        /// The plan's id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum DevnetCmd {
    /// Deploy test USDC, Uniswap V2 (factory, router, an S/USDC pool), wS and the SFC
    /// stand-in on the local anvil (once per chain; later runs print the addresses).
    Defi,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PayCmd {
    /// Parse a payment link (never sends anything, needs no network).
    Parse {
        /// The link.
        uri: String,
        /// Also look the token's symbol and decimals up on the network (the output says
        /// when that cannot be done).
        #[arg(long)]
        resolve: bool,
    },
    /// Make a payment link to your default account.
    Request {
        /// Amount in the asset's units.
        #[arg(long)]
        amount: Option<String>,
        /// Token symbol or address; S if omitted.
        #[arg(long)]
        token: Option<String>,
        /// Also write the link as a QR code PNG.
        #[arg(long, value_name = "FILE")]
        qr: Option<PathBuf>,
    },
    /// Plan the payment a link asks for, and confirm it (or not) like any send.
    Open {
        /// The link.
        uri: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TxCmd {
    /// Status: pending, confirmed, failed, dropped or replaced.
    Status {
        /// Transaction hash.
        hash: String,
    },
    /// Resend a stuck transaction with the same nonce and higher fees.
    Speedup {
        /// Transaction hash.
        hash: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Replace a stuck transaction with a 0 S transfer to yourself.
    Cancel {
        /// Transaction hash.
        hash: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum NftCmd {
    /// Mint an NFT (Premium): stores image and metadata as IPFS content, then mints.
    Mint {
        /// Name.
        #[arg(long)]
        name: String,
        /// Description.
        #[arg(long, default_value = "")]
        description: String,
        /// Image file (at most 50 MB).
        #[arg(long, value_name = "FILE")]
        image: Option<PathBuf>,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// List my NFTs.
    List,
    /// Pin to Pinata the content of tokens minted while it was not set up.
    Pin,
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContractsCmd {
    /// Deploy the subscription and NFT contracts (each through plan/confirm).
    Deploy {
        /// Deploy the canonical contracts through the deterministic CREATE2 factory: the
        /// same addresses on every network, known before deployment.
        #[arg(long)]
        create2: bool,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Show the recorded addresses.
    Show,
    /// Record existing deployments (e.g. Sonic mainnet's).
    Set {
        /// SmartSonicSubscription address.
        #[arg(long)]
        subscription: Option<String>,
        /// SmartSonicNFT address.
        #[arg(long)]
        nft: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum StakeCmd {
    /// Validators with their status and stake.
    Validators,
    /// Your stake, pending rewards and withdrawal requests.
    Status {
        /// Only this validator (also shows requests with it after a full undelegation).
        #[arg(long)]
        validator: Option<u64>,
    },
    /// Delegate S to a validator (through plan/confirm).
    Delegate {
        /// Validator id.
        #[arg(long)]
        validator: u64,
        /// Amount of S, as a decimal.
        #[arg(long)]
        amount: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Claim the rewards from a validator (through plan/confirm).
    Claim {
        /// Validator id.
        #[arg(long)]
        validator: u64,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Add the rewards from a validator to the stake with it (through plan/confirm).
    Restake {
        /// Validator id.
        #[arg(long)]
        validator: u64,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Start withdrawing stake: makes a withdrawal request, locked for a period.
    Undelegate {
        /// Validator id.
        #[arg(long)]
        validator: u64,
        /// Amount of S, as a decimal.
        #[arg(long)]
        amount: String,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Withdraw a request once its lock period is over (through plan/confirm).
    Withdraw {
        /// Validator id.
        #[arg(long)]
        validator: u64,
        /// Withdrawal request id (shown by `undelegate` and `status`).
        #[arg(long)]
        request: u64,
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum SubscriptionCmd {
    /// Whether Premium is active, and until when.
    Status,
    /// Buy or renew one period (through plan/confirm).
    Purchase {
        /// Confirm without asking.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum WalletCmd {
    /// Create a wallet with a new mnemonic.
    Create {
        /// Number of words.
        #[arg(long, default_value_t = 12, value_parser = parse_words)]
        words: u8,
        /// Write the mnemonic to this file (0600) instead of printing it.
        #[arg(long, value_name = "FILE")]
        mnemonic_out: Option<PathBuf>,
    },
    /// Import a mnemonic, a raw private key, or a keystore v3 file.
    Import {
        /// File holding the mnemonic.
        #[arg(long, value_name = "FILE", group = "source")]
        mnemonic_file: Option<PathBuf>,
        /// File holding the BIP-39 passphrase (the "25th word"), if any.
        #[arg(long, value_name = "FILE", requires = "mnemonic_file")]
        passphrase_file: Option<PathBuf>,
        /// File holding a hex private key.
        #[arg(long, value_name = "FILE", group = "source")]
        private_key_file: Option<PathBuf>,
        /// Keystore v3 JSON file (geth, cast, MetaMask exports).
        #[arg(long, value_name = "FILE", group = "source")]
        keystore: Option<PathBuf>,
        /// File holding the keystore's own password.
        #[arg(long, value_name = "FILE")]
        keystore_password_file: Option<PathBuf>,
        /// Accounts to derive from a mnemonic.
        #[arg(long, default_value_t = 1)]
        count: u32,
    },
    /// List the accounts.
    List,
    /// Derive one more account from the mnemonic.
    Add {
        /// A name for it.
        #[arg(long)]
        name: Option<String>,
    },
    /// Rename an account.
    Rename {
        /// Account.
        account: String,
        /// New name.
        name: String,
    },
    /// Lock the wallet held open by a running host (the app or `sonic daemon`).
    Lock,
    /// Unlock the wallet held open by a running host (asks for the password).
    Unlock,
    /// Make an account the default.
    Default {
        /// Account.
        account: String,
    },
    /// Export one account as a keystore v3 file.
    Export {
        /// Account.
        account: String,
        /// Output file (must not exist).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// File holding the keystore's password.
        #[arg(long, value_name = "FILE")]
        keystore_password_file: Option<PathBuf>,
    },
    /// Show the mnemonic again (asks for the password).
    Reveal {
        /// Write it to this file (0600) instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Change the vault password.
    Passwd {
        /// File holding the new password.
        #[arg(long, value_name = "FILE")]
        new_password_file: Option<PathBuf>,
    },
    /// Copy the encrypted vault to a file.
    Backup {
        /// Destination.
        file: PathBuf,
    },
    /// Restore the vault from a backup (asks its password). Replacing an existing
    /// wallet needs --force or a yes at the terminal; the replaced vault is kept beside
    /// it as vault.json.<UTC time>.bak.
    Restore {
        /// The backup.
        file: PathBuf,
        /// Replace an existing wallet without asking.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum ContactsCmd {
    /// Add a contact, or change a contact's address (shown old and new, confirmed).
    Add {
        /// Name.
        name: String,
        /// Address.
        address: String,
        /// Confirm a change of address without asking.
        #[arg(long)]
        yes: bool,
    },
    /// List contacts.
    List,
    /// Remove a contact.
    Remove {
        /// Name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TokensCmd {
    /// Register an ERC-20 token by address (symbol and decimals are read on chain).
    Add {
        /// Contract address.
        address: String,
    },
    /// List registered tokens.
    List,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NetworkCmd {
    /// List networks.
    List,
    /// Add a custom network (or override a built-in's RPC).
    Add {
        /// Name.
        name: String,
        /// RPC URL.
        #[arg(long)]
        rpc: String,
        /// Chain id the RPC must report.
        #[arg(long)]
        chain_id: Option<u64>,
        /// Explorer base URL.
        #[arg(long)]
        explorer: Option<String>,
        /// WebSocket endpoint for new-block subscriptions.
        #[arg(long)]
        ws: Option<String>,
    },
    /// Make a network the active one.
    Use {
        /// Name.
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum SettingsCmd {
    /// Show the settings.
    Show,
    /// Minutes of inactivity before the wallet locks itself.
    AutoLock {
        /// Minutes (1-1440).
        minutes: u64,
    },
    /// The agent's optional language model: rules (default, offline), gemini or openai.
    AgentProvider {
        /// rules, gemini, or openai (any OpenAI-compatible server: Ollama, llama.cpp).
        kind: String,
        /// Base URL (default for gemini: Google's endpoint; for openai: Ollama's).
        #[arg(long)]
        url: Option<String>,
        /// Model name.
        #[arg(long)]
        model: Option<String>,
    },
    /// Pin NFT content to Pinata (JWT kept in the vault), or stop with --off.
    Pinata {
        /// File holding the Pinata JWT.
        #[arg(long, value_name = "FILE", conflicts_with = "off")]
        jwt_file: Option<PathBuf>,
        /// Upload endpoint.
        #[arg(long, default_value = "https://uploads.pinata.cloud")]
        url: String,
        /// Stop pinning (content stays local).
        #[arg(long)]
        off: bool,
    },
    /// Backfill history on Sonic mainnet/testnet from an Etherscan-compatible explorer
    /// (API key kept in the vault), or stop with --off.
    Explorer {
        /// File holding the API key.
        #[arg(long, value_name = "FILE", conflicts_with = "off")]
        key_file: Option<PathBuf>,
        /// API endpoint.
        #[arg(long, default_value = "https://api.etherscan.io/v2/api")]
        url: String,
        /// Stop using the explorer.
        #[arg(long)]
        off: bool,
    },
    /// Store the provider's API key in the vault (or remove it with --clear).
    AgentKey {
        /// File holding the key.
        #[arg(long, value_name = "FILE", conflicts_with = "clear")]
        key_file: Option<PathBuf>,
        /// Remove the stored key.
        #[arg(long)]
        clear: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum AgentCmd {
    /// Parse a message into an action (JSON), offline.
    Parse {
        /// JSON file mapping contact names to addresses.
        #[arg(long, value_name = "FILE")]
        contacts: Option<PathBuf>,
        /// The message.
        message: String,
    },
    /// Talk to the agent: answers, questions, and plans confirmed on the terminal.
    Ask {
        /// Confirm a resulting plan without asking.
        #[arg(long)]
        yes: bool,
        /// The message.
        message: String,
    },
    /// Forget the conversation (pending questions and plans).
    Reset,
}

fn parse_words(s: &str) -> Result<u8, String> {
    match s {
        "12" => Ok(12),
        "24" => Ok(24),
        _ => Err("must be 12 or 24".into()),
    }
}
