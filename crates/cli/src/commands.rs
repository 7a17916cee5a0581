//! What each `sonic` command does, on top of the engine.

use std::{
    io::{IsTerminal, Write},
    path::PathBuf,
    time::Duration,
};

use serde_json::json;
use sonic_engine::{
    AmountSpec, Config, ContractAddresses, Engine, HistoryFilter, KdfParams, ProviderConfig, ProviderKind, SendRequest,
    WordCount,
};
use sonic_types::{
    checksum,
    dto::{AccountKind, Plan, PlanKind, SendResult},
    Network,
};

use crate::{
    args::{
        AgentCmd, Cli, Command, ContactsCmd, ContractsCmd, Global, NetworkCmd, NftCmd, PayCmd, SettingsCmd,
        SubscriptionCmd, TokensCmd, TxCmd, WalletCmd,
    },
    secrets::{other_secret, read_secret_file, vault_password, write_secret_file},
    Fail,
};

/// How long `send` waits for a receipt before reporting the transaction as pending.
const RECEIPT_WAIT: Duration = Duration::from_secs(60);

fn print(global: &Global, value: serde_json::Value, human: impl FnOnce() -> String) {
    if global.json {
        println!("{value}");
    } else {
        println!("{}", human());
    }
}

fn open_engine(g: &Global) -> Result<Engine, Fail> {
    // The test switch means nothing in a release build: full strength there.
    let kdf =
        if g.insecure_kdf && cfg!(debug_assertions) { KdfParams::insecure_for_tests() } else { KdfParams::default() };
    let config = Config {
        data_dir: g.data_dir.clone().unwrap_or_else(Config::default_data_dir),
        network: g.network.clone(),
        rpc: g.rpc.clone(),
        kdf,
    };
    Ok(Engine::open(config)?)
}

async fn unlock(engine: &Engine, g: &Global) -> Result<(), Fail> {
    let pw = vault_password(g.password_file.as_deref(), false)?;
    engine.unlock(pw.as_bytes()).await?;
    Ok(())
}

/// Runs one command.
pub(crate) async fn run(cli: Cli) -> Result<(), Fail> {
    let g = cli.global;
    match cli.command {
        Command::Agent(AgentCmd::Ask { yes, message }) => agent_ask(&g, &message, yes).await,
        Command::Agent(AgentCmd::Reset) => {
            open_engine(&g)?.agent_reset()?;
            print(&g, json!({"reset": true}), || "Conversation cleared.".into());
            Ok(())
        }
        Command::Agent(cmd) => agent(&g, cmd),
        Command::Wallet(cmd) => wallet(&g, cmd).await,
        Command::Balance { account, token, all } => balance(&g, account, token, all).await,
        Command::Send { to, amount, token, from, yes, no_wait } => {
            send(&g, SendRequest { from, to, amount: AmountSpec::parse(&amount)?, asset: token }, yes, no_wait).await
        }
        Command::Contacts(cmd) => contacts(&g, cmd).await,
        Command::Tokens(cmd) => tokens(&g, cmd).await,
        Command::Network(cmd) => network(&g, cmd),
        Command::Settings(SettingsCmd::AgentKey { key_file, clear }) => {
            let engine = open_engine(&g)?;
            unlock(&engine, &g).await?;
            let key = match (key_file, clear) {
                (_, true) => None,
                (Some(f), false) => Some(read_secret_file(&f)?),
                (None, false) => Some(other_secret(None, "API key")?),
            };
            engine.set_agent_provider_key(key.as_deref().map(|k| k.as_str())).await?;
            print(&g, json!({"key_stored": key.is_some()}), || {
                if key.is_some() { "API key stored in the vault." } else { "API key removed." }.into()
            });
            Ok(())
        }
        Command::Settings(SettingsCmd::Pinata { jwt_file, url, off }) => {
            let engine = open_engine(&g)?;
            unlock(&engine, &g).await?;
            let jwt = match (jwt_file, off) {
                (_, true) => None,
                (Some(f), false) => Some(read_secret_file(&f)?),
                (None, false) => Some(other_secret(None, "Pinata JWT")?),
            };
            engine.set_pinata(jwt.as_ref().map(|_| url.as_str()), jwt.as_deref().map(|j| j.as_str())).await?;
            print(&g, json!({"pinata": jwt.is_some()}), || {
                if jwt.is_some() {
                    format!("NFT images and metadata will be uploaded to {url} (public network) when you mint.")
                } else {
                    "Pinning off: NFT content stays in the local store.".into()
                }
            });
            Ok(())
        }
        Command::Settings(SettingsCmd::Explorer { key_file, url, off }) => {
            let engine = open_engine(&g)?;
            unlock(&engine, &g).await?;
            let key = match (key_file, off) {
                (_, true) => None,
                (Some(f), false) => Some(read_secret_file(&f)?),
                (None, false) => Some(other_secret(None, "Explorer API key")?),
            };
            engine.set_explorer(key.as_ref().map(|_| url.as_str()), key.as_deref().map(|k| k.as_str())).await?;
            print(&g, json!({"explorer": key.is_some()}), || {
                if key.is_some() {
                    format!("History backfills on Sonic will use {url}.")
                } else {
                    "Explorer off.".into()
                }
            });
            Ok(())
        }
        Command::Settings(cmd) => settings(&g, cmd).await,
        Command::Nft(cmd) => nft(&g, cmd).await,
        Command::Watch { from_block, exit_at_head } => watch(&g, from_block, exit_at_head).await,
        Command::History { account, asset, direction, counterparty, days, limit, all } => {
            let engine = open_engine(&g)?;
            let f = HistoryFilter { account, asset, direction, counterparty, days, limit, include_untrusted: all };
            let me = engine.resolve_account(f.account.as_deref()).await?.address;
            for t in engine.history(&f).await? {
                let amount = sonic_types::format_units(t.raw, t.decimals);
                let dir = if t.from == me { "out" } else { "in" };
                let other = if t.from == me { t.to } else { t.from };
                print(
                    &g,
                    json!({"hash": t.hash, "block": t.block, "timestamp": t.timestamp, "direction": dir,
                           "counterparty": checksum(&other), "asset": t.asset, "amount": amount, "raw": t.raw.to_string(),
                           "status": t.state, "untrusted": t.untrusted}),
                    || {
                        format!(
                            "{} {:<3} {:>24} {:<8} {} {:?}{}",
                            t.block.map(|b| b.to_string()).unwrap_or_else(|| "pending".into()),
                            dir,
                            amount,
                            t.asset,
                            checksum(&other),
                            t.state,
                            if t.untrusted { " (untrusted)" } else { "" }
                        )
                    },
                );
            }
            Ok(())
        }
        Command::Tx(cmd) => tx(&g, cmd).await,
        Command::Pay(cmd) => pay(&g, cmd).await,
        Command::Contracts(cmd) => contracts(&g, cmd).await,
        Command::Subscription(cmd) => subscription(&g, cmd).await,
    }
}

fn kind_label(kind: AccountKind) -> String {
    match kind {
        AccountKind::Derived { index } => format!("m/44'/60'/0'/0/{index}"),
        AccountKind::Imported => "imported".into(),
    }
}

async fn wallet(g: &Global, cmd: WalletCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        WalletCmd::Create { words, mnemonic_out } => {
            if engine.wallet_exists() {
                return Err(Fail::op(format!("a wallet already exists in {}", engine.data_dir().display())));
            }
            let pw = vault_password(g.password_file.as_deref(), true)?;
            let count = if words == 24 { WordCount::TwentyFour } else { WordCount::Twelve };
            let phrase = engine.create_wallet(pw.as_bytes(), count).await?;
            let acct = engine.resolve_account(None).await?;
            let address = checksum(&acct.address);
            match mnemonic_out {
                Some(path) => {
                    write_secret_file(&path, &format!("{}\n", phrase.as_str()))?;
                    print(g, json!({"address": address, "mnemonic_file": path}), || {
                        format!(
                            "Created wallet {address}.\nRecovery phrase written to {} (keep it offline).",
                            path.display()
                        )
                    });
                }
                None => print(g, json!({"address": address, "mnemonic": phrase.as_str()}), || {
                    format!(
                        "Created wallet {address}.\n\nRecovery phrase (shown once; write it down and keep it offline):\n\n  {}\n",
                        phrase.as_str()
                    )
                }),
            }
            Ok(())
        }
        WalletCmd::Import {
            mnemonic_file,
            passphrase_file,
            private_key_file,
            keystore,
            keystore_password_file,
            count,
        } => {
            if count == 0 || count > 100 {
                return Err(Fail::usage("--count must be between 1 and 100".into()));
            }
            let accounts = if let Some(f) = mnemonic_file {
                if engine.wallet_exists() {
                    return Err(Fail::op(format!(
                        "a wallet already exists in {}; a mnemonic goes into a new data directory",
                        engine.data_dir().display()
                    )));
                }
                let phrase = read_secret_file(&f)?;
                let passphrase = match passphrase_file {
                    Some(p) => read_secret_file(&p)?,
                    None => Default::default(),
                };
                let pw = vault_password(g.password_file.as_deref(), true)?;
                engine.import_mnemonic(pw.as_bytes(), &phrase, &passphrase, count).await?
            } else if let Some(f) = private_key_file {
                let key = read_secret_file(&f)?;
                let pw = vault_password(g.password_file.as_deref(), !engine.wallet_exists())?;
                vec![engine.import_private_key(pw.as_bytes(), &key).await?]
            } else if let Some(f) = keystore {
                let json = std::fs::read_to_string(&f)
                    .map_err(|e| Fail::usage(format!("cannot read {}: {e}", f.display())))?;
                let ks_pw = other_secret(keystore_password_file.as_deref(), "Keystore password")?;
                let pw = vault_password(g.password_file.as_deref(), !engine.wallet_exists())?;
                vec![engine.import_keystore(pw.as_bytes(), &json, ks_pw.as_bytes()).await?]
            } else {
                return Err(Fail::usage("give --mnemonic-file, --private-key-file or --keystore".into()));
            };
            for a in accounts {
                let address = checksum(&a.address);
                print(g, json!({"position": a.position, "name": a.name, "address": address}), || {
                    format!("Imported {address} ({})", a.name)
                });
            }
            Ok(())
        }
        WalletCmd::List => {
            for a in engine.accounts().await? {
                let address = checksum(&a.address);
                let kind = kind_label(a.kind);
                print(g, json!({"position": a.position, "name": a.name, "address": address, "kind": kind}), || {
                    format!("{:>3}  {address}  {:<16} {kind}", a.position, a.name)
                });
            }
            Ok(())
        }
        WalletCmd::Add { name } => {
            unlock(&engine, g).await?;
            let a = engine.add_account(name).await?;
            let address = checksum(&a.address);
            print(g, json!({"position": a.position, "name": a.name, "address": address}), || {
                format!("Added {address} ({})", a.name)
            });
            Ok(())
        }
        WalletCmd::Rename { account, name } => {
            engine.rename_account(&account, &name).await?;
            print(g, json!({"renamed": account, "name": name}), || format!("Renamed to {name}"));
            Ok(())
        }
        WalletCmd::Default { account } => {
            let a = engine.set_default_account(&account).await?;
            let address = checksum(&a.address);
            print(g, json!({"default": address}), || format!("Default account: {address} ({})", a.name));
            Ok(())
        }
        WalletCmd::Export { account, out, keystore_password_file } => {
            if out.exists() {
                return Err(Fail::usage(format!("{} already exists; choose a new file", out.display())));
            }
            unlock(&engine, g).await?;
            let ks_pw = other_secret(keystore_password_file.as_deref(), "Password for the exported keystore")?;
            let json = engine.export_keystore(&account, ks_pw.as_bytes()).await?;
            write_secret_file(&out, &json)?;
            print(g, json!({"account": account, "out": out}), || format!("Exported to {}", out.display()));
            Ok(())
        }
        WalletCmd::Reveal { out } => {
            let pw = vault_password(g.password_file.as_deref(), false)?;
            let phrase = engine.reveal_mnemonic(pw.as_bytes()).await?;
            match out {
                Some(path) => {
                    write_secret_file(&path, &format!("{}\n", phrase.as_str()))?;
                    print(g, json!({"mnemonic_file": path}), || format!("Written to {}", path.display()));
                }
                None => print(g, json!({"mnemonic": phrase.as_str()}), || phrase.to_string()),
            }
            Ok(())
        }
        WalletCmd::Passwd { new_password_file } => {
            let old = vault_password(g.password_file.as_deref(), false)?;
            let new = other_secret(new_password_file.as_deref(), "New password")?;
            if new.chars().count() < 8 {
                return Err(Fail::usage("use a password of at least 8 characters".into()));
            }
            engine.change_password(old.as_bytes(), new.as_bytes()).await?;
            print(g, json!({"changed": true}), || "Password changed.".into());
            Ok(())
        }
        WalletCmd::Backup { file } => {
            if file.exists() {
                return Err(Fail::usage(format!("{} already exists; choose a new file", file.display())));
            }
            engine.backup(&file).await?;
            print(g, json!({"backup": file}), || format!("Encrypted backup written to {}", file.display()));
            Ok(())
        }
        WalletCmd::Restore { file, force } => {
            let force = force || !engine.wallet_exists() || confirm_replace(&engine)?;
            let pw = vault_password(g.password_file.as_deref(), false)?;
            engine.restore(&file, pw.as_bytes(), force).await?;
            print(g, json!({"restored": file}), || "Wallet restored.".into());
            Ok(())
        }
    }
}

async fn balance(g: &Global, account: Option<String>, token: Option<String>, all: bool) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    let list = if all {
        engine.balances(account.as_deref()).await?
    } else {
        vec![engine.balance(account.as_deref(), token.as_deref()).await?]
    };
    for b in list {
        let account = checksum(&b.account);
        print(g, json!({"account": account, "asset": b.asset, "amount": b.amount, "raw": b.raw.to_string()}), || {
            format!("{} {}", b.amount, b.asset)
        });
    }
    Ok(())
}

/// Asks at the terminal whether to replace the wallet with a backup; without a
/// terminal, says to pass --force. A no is an error: nothing is changed.
fn confirm_replace(engine: &Engine) -> Result<bool, Fail> {
    let dir = engine.data_dir().display();
    if !std::io::stdin().is_terminal() {
        return Err(Fail::op(format!(
            "a wallet already exists in {dir}; to replace it with the backup, pass --force (the current vault is kept as a dated .bak copy)"
        )));
    }
    if ask_yes(&format!(
        "Replace the wallet in {dir} with the backup? The current vault is kept as a dated .bak copy."
    ))? {
        Ok(true)
    } else {
        Err(Fail::op("cancelled; the wallet is unchanged".into()))
    }
}

fn ask_yes(question: &str) -> Result<bool, Fail> {
    if !std::io::stdin().is_terminal() {
        return Err(Fail::usage("confirmation needed: run it in a terminal, or add --yes".into()));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| Fail::usage(e.to_string()))?;
    Ok(matches!(line.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// Shows a plan on stderr, asks (unless `yes`), unlocks and confirms it.
async fn confirm_plan(
    engine: &Engine,
    g: &Global,
    plan: &Plan,
    yes: bool,
    wait: Option<Duration>,
) -> Result<SendResult, Fail> {
    show_and_approve(engine, plan, yes).await?;
    unlock(engine, g).await?;
    let r = engine.confirm(&plan.id, wait).await?;
    if r.status == sonic_types::dto::TxState::Failed {
        return Err(Fail::op(format!("transaction {} reverted on chain", r.hash)));
    }
    Ok(r)
}

/// Shows a plan on stderr and asks (unless `yes`); a "no" cancels the plan.
async fn show_and_approve(engine: &Engine, plan: &Plan, yes: bool) -> Result<(), Fail> {
    eprintln!("{}", plan.summary);
    eprintln!("  from    {}", checksum(&plan.from));
    match &plan.kind {
        PlanKind::Transfer => {
            eprintln!("  to      {}", checksum(&plan.to));
            eprintln!("  amount  {} {}", plan.amount, plan.asset);
        }
        PlanKind::Deploy { contract } => eprintln!("  deploys {contract}"),
        PlanKind::Call { contract, function } => {
            eprintln!("  calls   {contract}.{function} at {}", checksum(&plan.to));
            eprintln!("  pays    {} S", plan.amount);
        }
        PlanKind::NftMint { image_file, image_bytes, .. } => {
            eprintln!("  calls   SmartSonicNFT.mint at {}", checksum(&plan.to));
            if let (Some(f), Some(n)) = (image_file, image_bytes) {
                eprintln!("  image   {f} ({n} bytes; read, stored and pinned only after you confirm)");
            }
        }
        PlanKind::Contact { name, previous } => {
            eprintln!("  contact {name}");
            if let Some(old) = previous {
                eprintln!("  old     {old}");
            }
            eprintln!("  new     {}", checksum(&plan.to));
            for r in &plan.risks {
                eprintln!("  ! {}", r.message());
            }
            if !yes && !ask_yes("Save this contact?")? {
                engine.cancel_plan(&plan.id).await;
                return Err(Fail::op("cancelled; the contact is unchanged".into()));
            }
            return Ok(());
        }
    }
    eprintln!(
        "  fee     about {} S (at most {} S)",
        sonic_types::format_units(plan.expected_fee, 18),
        sonic_types::format_units(plan.max_fee, 18)
    );
    eprintln!("  network {} (chain {})", plan.network, plan.chain_id);
    for r in &plan.risks {
        eprintln!("  ! {}", r.message());
    }
    if !yes && !ask_yes("Sign and send?")? {
        engine.cancel_plan(&plan.id).await;
        return Err(Fail::op("cancelled; nothing was sent".into()));
    }
    Ok(())
}

async fn send(g: &Global, req: SendRequest, yes: bool, no_wait: bool) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    let plan = engine.plan_send(req).await?;
    let wait = if no_wait { None } else { Some(RECEIPT_WAIT) };
    let r = confirm_plan(&engine, g, &plan, yes, wait).await?;
    let status = serde_json::to_value(r.status).unwrap_or_default();
    print(g, json!({"hash": r.hash, "status": status, "block": r.block}), || match r.block {
        Some(b) => format!("{} in block {b}: {}", status.as_str().unwrap_or(""), r.hash),
        None => format!("sent (pending): {}", r.hash),
    });
    Ok(())
}

async fn contracts(g: &Global, cmd: ContractsCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    let show = |a: &ContractAddresses| {
        let f = |x: Option<sonic_types::Address>| x.map(|a| checksum(&a));
        print(g, json!({"subscription": f(a.subscription), "nft": f(a.nft)}), || {
            format!(
                "subscription {}\nnft          {}",
                f(a.subscription).unwrap_or_else(|| "-".into()),
                f(a.nft).unwrap_or_else(|| "-".into())
            )
        })
    };
    match cmd {
        ContractsCmd::Deploy { yes } => {
            let plan = engine.plan_deploy_subscription().await?;
            let r = confirm_plan(&engine, g, &plan, yes, Some(RECEIPT_WAIT)).await?;
            let sub = r.contract_address.ok_or_else(|| Fail::op(format!("deployment {} is not mined yet", r.hash)))?;
            let mut addrs = ContractAddresses { subscription: Some(sub), nft: None };
            engine.set_contract_addresses(&addrs).await?;
            let plan = engine.plan_deploy_nft(sub).await?;
            let r = confirm_plan(&engine, g, &plan, yes, Some(RECEIPT_WAIT)).await?;
            addrs.nft =
                Some(r.contract_address.ok_or_else(|| Fail::op(format!("deployment {} is not mined yet", r.hash)))?);
            engine.set_contract_addresses(&addrs).await?;
            show(&addrs);
        }
        ContractsCmd::Show => show(&engine.contract_addresses().await?),
        ContractsCmd::Set { subscription, nft } => {
            let parse = |s: Option<String>| -> Result<Option<sonic_types::Address>, Fail> {
                s.map(|x| sonic_types::parse_address(&x).map_err(|e| Fail::usage(e.to_string()))).transpose()
            };
            let mut addrs = engine.contract_addresses().await?;
            addrs.subscription = parse(subscription)?.or(addrs.subscription);
            addrs.nft = parse(nft)?.or(addrs.nft);
            engine.set_contract_addresses(&addrs).await?;
            show(&addrs);
        }
    }
    Ok(())
}

async fn nft(g: &Global, cmd: NftCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        NftCmd::Mint { name, description, image, yes } => {
            // Unlock first: Pinata's JWT lives in the vault, and the mint is signed.
            unlock(&engine, g).await?;
            let plan = engine.plan_nft_mint(&name, &description, image.as_deref()).await?;
            show_and_approve(&engine, &plan, yes).await?;
            let m = engine.confirm_nft_mint(&plan.id).await?;
            print(
                g,
                json!({"token_id": m.token_id.to_string(), "token_uri": m.token_uri, "metadata_cid": m.metadata_cid,
                       "image_cid": m.image_cid, "pinned": m.pinned, "hash": m.hash}),
                || {
                    format!(
                        "Minted #{} with {}{}",
                        m.token_id,
                        m.token_uri,
                        if m.pinned { " (pinned)" } else { " (not pinned yet: content is in the local store)" }
                    )
                },
            );
            Ok(())
        }
        NftCmd::Pin => {
            unlock(&engine, g).await?;
            let n = engine.nft_pin_pending().await?;
            print(g, json!({"pinned": n}), || format!("Pinned {n} token(s)."));
            Ok(())
        }
        NftCmd::List => {
            for t in engine.nft_list().await? {
                print(g, serde_json::to_value(&t).unwrap_or_default(), || {
                    format!(
                        "#{} {} {}{}",
                        t.token_id,
                        t.name.clone().unwrap_or_else(|| "(metadata not stored locally)".into()),
                        t.token_uri,
                        if t.pinned { "" } else { " (not pinned yet)" }
                    )
                });
            }
            Ok(())
        }
    }
}

async fn watch(g: &Global, from_block: Option<u64>, exit_at_head: bool) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    let mut events = engine.bus().subscribe();
    let json_out = g.json;
    let bar = (!json_out && std::io::stderr().is_terminal()).then(|| {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} block {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        b
    });
    let printer = tokio::spawn(async move {
        while let Ok(ev) = events.recv().await {
            match (&ev, &bar) {
                (sonic_types::Event::SyncProgress { block, target }, Some(b)) => {
                    b.set_length(*target);
                    b.set_position(*block);
                }
                (sonic_types::Event::SyncProgress { block, target }, None) if !json_out => {
                    eprintln!("indexed up to block {block} of {target}");
                }
                _ if json_out => println!("{}", serde_json::to_string(&ev).unwrap_or_default()),
                _ => println!("{}", describe(&ev)),
            }
        }
    });
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    // The explorer's key is in the vault.
    if engine.explorer_configured() {
        unlock(&engine, g).await?;
    }
    let result = engine.watch(from_block, exit_at_head, stop).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    printer.abort();
    result?;
    Ok(())
}

fn describe(ev: &sonic_types::Event) -> String {
    use sonic_types::Event as E;
    match ev {
        E::IncomingTransfer { from, asset, amount, hash, .. } => {
            format!("received {amount} {asset} from {from} ({hash})")
        }
        E::TxConfirmed { hash, block } => format!("confirmed {hash} in block {block}"),
        E::TxFailed { hash, reason } => format!("failed {hash}: {reason}"),
        E::TxDropped { hash } => format!("dropped {hash}"),
        E::TxReplaced { hash, by } => format!("replaced {hash} by {by}"),
        E::BalanceChanged { account, asset, amount } => format!("balance {account}: {amount} {asset}"),
        E::NetworkStatus { network, status } => format!("network {network}: {status:?}").to_lowercase(),
        other => format!("{other:?}"),
    }
}

async fn pay(g: &Global, cmd: PayCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        PayCmd::Parse { uri } => {
            let r = engine.resolve_link(&uri).await?;
            print(
                g,
                json!({"chain_id": r.chain_id, "to": r.to, "token": r.token.map(|t| checksum(&t)), "raw": r.raw.map(|v| v.to_string())}),
                || {
                    format!(
                        "pay {} {} to {}{}",
                        r.raw.map(|v| v.to_string()).unwrap_or_else(|| "(amount not given)".into()),
                        r.token
                            .map(|t| format!("base units of token {}", checksum(&t)))
                            .unwrap_or_else(|| "wei of S".into()),
                        r.to,
                        r.chain_id.map(|c| format!(" on chain {c}")).unwrap_or_default()
                    )
                },
            );
        }
        PayCmd::Request { amount, token, qr } => {
            let uri = engine.payment_request_uri(amount.as_deref(), token.as_deref()).await?;
            if let Some(path) = &qr {
                write_qr_png(&uri, path)?;
            }
            print(g, json!({"uri": uri, "qr": qr}), || uri.clone());
        }
        PayCmd::Open { uri, yes } => {
            let plan = engine.plan_link(&uri).await?;
            let r = confirm_plan(&engine, g, &plan, yes, Some(RECEIPT_WAIT)).await?;
            let status = serde_json::to_value(r.status).unwrap_or_default();
            print(g, json!({"hash": r.hash, "status": status, "block": r.block}), || format!("{status}: {}", r.hash));
        }
    }
    Ok(())
}

/// Writes a QR code PNG (8 pixels per module, black on white).
fn write_qr_png(text: &str, path: &std::path::Path) -> Result<(), Fail> {
    let (width, modules) =
        sonic_types::qr::qr_modules(text).ok_or_else(|| Fail::op("the link is too long for a QR code".into()))?;
    const SCALE: usize = 8;
    const QUIET: usize = 4;
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, dark) in modules.iter().enumerate() {
        if *dark {
            let (mx, my) = (i % width + QUIET, i / width + QUIET);
            for y in my * SCALE..(my + 1) * SCALE {
                pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
            }
        }
    }
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(|e| Fail::op(e.to_string()))?;
        w.write_image_data(&pixels).map_err(|e| Fail::op(e.to_string()))?;
    }
    sonic_engine::fsutil::atomic_write(path, &bytes).map_err(|e| Fail::op(e.to_string()))
}

async fn tx(g: &Global, cmd: TxCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    let (hash, plan, yes) = match cmd {
        TxCmd::Status { hash } => {
            let rec = engine.tx_status(&hash).await?;
            match rec {
                Some(t) => print(
                    g,
                    json!({"hash": t.hash, "status": t.state, "block": t.block, "reason": t.reason, "replaced_by": t.replaced_by}),
                    || {
                        format!(
                            "{:?}{}{}",
                            t.state,
                            t.block.map(|b| format!(" in block {b}")).unwrap_or_default(),
                            t.replaced_by.map(|b| format!(" by {b}")).unwrap_or_default()
                        )
                        .to_lowercase()
                    },
                ),
                None => return Err(Fail::op(format!("{hash} is not a transaction of this wallet"))),
            }
            return Ok(());
        }
        TxCmd::Speedup { hash, yes } => (hash.clone(), engine.plan_speed_up(&hash).await?, yes),
        TxCmd::Cancel { hash, yes } => (hash.clone(), engine.plan_cancel(&hash).await?, yes),
    };
    let r = confirm_plan(&engine, g, &plan, yes, None).await?;
    print(g, json!({"replaces": hash, "hash": r.hash, "status": r.status}), || {
        format!("sent {} (replaces {hash})", r.hash)
    });
    Ok(())
}

async fn subscription(g: &Global, cmd: SubscriptionCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        SubscriptionCmd::Status => {}
        SubscriptionCmd::Purchase { yes } => {
            let plan = engine.plan_subscription_purchase().await?;
            confirm_plan(&engine, g, &plan, yes, Some(RECEIPT_WAIT)).await?;
        }
    }
    let s = engine.subscription_status().await?;
    print(
        g,
        json!({"active": s.active, "end": s.end, "contract": checksum(&s.contract), "price": s.price.to_string(), "period": s.period}),
        || match (s.active, s.end) {
            (true, Some(end)) => format!("Premium is active until {} UTC.", sonic_types::time::utc_date_time(end)),
            (false, Some(end)) => format!("Premium expired on {} UTC.", sonic_types::time::utc_date_time(end)),
            _ => format!(
                "No Premium subscription. It costs {} S per {} days.",
                sonic_types::format_units(s.price, 18),
                s.period / 86_400
            ),
        },
    );
    Ok(())
}

async fn contacts(g: &Global, cmd: ContactsCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        ContactsCmd::Add { name, address, yes } => {
            // A new name is saved as typed; changing an existing contact's address
            // changes where payments to it go, so it shows old and new and asks.
            let exists = engine.contacts()?.iter().any(|c| c.name.eq_ignore_ascii_case(name.trim()));
            let c = if exists {
                let plan = engine.plan_contact(&name, &address).await?;
                show_and_approve(&engine, &plan, yes).await?;
                engine.confirm_contact(&plan.id).await?
            } else {
                engine.add_contact(&name, &address)?
            };
            let a = checksum(&c.address);
            print(g, json!({"name": c.name, "address": a}), || format!("Saved {} = {a}", c.name));
        }
        ContactsCmd::List => {
            for c in engine.contacts()? {
                let a = checksum(&c.address);
                print(g, json!({"name": c.name, "address": a}), || format!("{:<20} {a}", c.name));
            }
        }
        ContactsCmd::Remove { name } => {
            engine.remove_contact(&name)?;
            print(g, json!({"removed": name}), || format!("Removed {name}"));
        }
    }
    Ok(())
}

async fn tokens(g: &Global, cmd: TokensCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        TokensCmd::Add { address } => {
            let t = engine.add_token(&address).await?;
            let a = checksum(&t.address);
            print(g, json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                format!("Registered {} ({a}, {} decimals)", t.symbol, t.decimals)
            });
        }
        TokensCmd::List => {
            for t in engine.tokens().await? {
                let a = checksum(&t.address);
                print(g, json!({"address": a, "symbol": t.symbol, "decimals": t.decimals}), || {
                    format!("{:<10} {a} ({} decimals)", t.symbol, t.decimals)
                });
            }
        }
    }
    Ok(())
}

fn network(g: &Global, cmd: NetworkCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        NetworkCmd::List => {
            let active = engine.active_network().map(|n| n.name).unwrap_or_default();
            for n in engine.networks()? {
                let is_active = n.name == active;
                print(
                    g,
                    json!({"name": n.name, "chain_id": n.chain_id, "rpc": n.rpc_urls, "explorer": n.explorer_url, "active": is_active}),
                    || {
                        let id = n.chain_id.map(|c| c.to_string()).unwrap_or_else(|| "any".into());
                        format!("{} {:<10} chain {:<6} {}", if is_active { "*" } else { " " }, n.name, id, n.rpc_url())
                    },
                );
            }
        }
        NetworkCmd::Add { name, rpc, chain_id, explorer, ws } => {
            let mainnet = chain_id == Some(sonic_types::network::SONIC_MAINNET);
            engine.add_network(Network {
                name: name.clone(),
                chain_id,
                rpc_urls: vec![rpc],
                explorer_url: explorer,
                mainnet,
                ws_url: ws,
            })?;
            print(g, json!({"added": name}), || format!("Added network {name}"));
        }
        NetworkCmd::Use { name } => {
            engine.set_network(&name)?;
            print(g, json!({"network": name}), || format!("Now using {name}"));
        }
    }
    Ok(())
}

async fn settings(g: &Global, cmd: SettingsCmd) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    match cmd {
        SettingsCmd::Show => {
            let minutes = engine.auto_lock()?.as_secs() / 60;
            let net = engine.active_network()?.name;
            let provider = engine.agent_provider()?;
            let agent = provider
                .as_ref()
                .map(|p| format!("{} ({})", p.base_url, p.model))
                .unwrap_or_else(|| "rules (offline)".into());
            print(
                g,
                json!({"network": net, "auto_lock_minutes": minutes, "data_dir": engine.data_dir(), "agent": agent}),
                || {
                    format!(
                        "network     {net}\nauto-lock   {minutes} min\nagent       {agent}\ndata dir    {}",
                        engine.data_dir().display()
                    )
                },
            );
        }
        SettingsCmd::AutoLock { minutes } => {
            engine.set_auto_lock_minutes(minutes)?;
            print(g, json!({"auto_lock_minutes": minutes}), || format!("Auto-lock after {minutes} min"));
        }
        SettingsCmd::AgentProvider { kind, url, model } => {
            let config = match kind.as_str() {
                "rules" => None,
                "gemini" => Some(ProviderConfig {
                    base_url: url.unwrap_or_else(|| "https://generativelanguage.googleapis.com".into()),
                    model: model.unwrap_or_else(|| "gemini-2.0-flash".into()),
                    ..ProviderConfig::gemini("")
                }),
                "openai" => Some(ProviderConfig {
                    kind: ProviderKind::OpenAi,
                    base_url: url.unwrap_or_else(|| "http://localhost:11434/v1".into()),
                    model: model
                        .ok_or_else(|| Fail::usage("--model is required for an OpenAI-compatible server".into()))?,
                    timeout_secs: 15,
                }),
                other => return Err(Fail::usage(format!("unknown provider '{other}' (rules, gemini or openai)"))),
            };
            engine.set_agent_provider(config.clone()).await?;
            print(g, json!({"agent_provider": config.as_ref().map(|c| c.base_url.clone())}), || {
                match &config {
                None => "The agent uses the offline rules engine only.".into(),
                Some(c) => format!(
                    "The agent asks {} ({}) first. Sent per message: the message and your contact names; never keys, addresses, balances or history. The rules engine answers when it fails.",
                    c.base_url, c.model
                ),
            }
            });
        }
        SettingsCmd::AgentKey { .. } | SettingsCmd::Pinata { .. } | SettingsCmd::Explorer { .. } => {
            return Err(Fail::usage("handled elsewhere".into()))
        }
    }
    Ok(())
}

async fn agent_ask(g: &Global, message: &str, yes: bool) -> Result<(), Fail> {
    let engine = open_engine(g)?;
    let reply = engine.agent_turn(message).await?;
    print(g, serde_json::to_value(&reply).unwrap_or_default(), || reply.text.clone());
    if let Some(plan) = &reply.plan {
        let go = yes || ask_yes("Confirm?")?;
        if go {
            unlock(&engine, g).await?;
        }
        // The answer is to the plan just printed, and to no other.
        let answer = engine.agent_turn_with(if go { "yes" } else { "no" }, Some(&plan.id)).await?;
        print(g, serde_json::to_value(&answer).unwrap_or_default(), || answer.text.clone());
    }
    Ok(())
}

fn agent(g: &Global, cmd: AgentCmd) -> Result<(), Fail> {
    match cmd {
        AgentCmd::Parse { contacts, message } => {
            let book = match contacts {
                Some(path) => load_contacts(&path)?,
                None => store_contacts(g),
            };
            let action = sonic_agent::parse(&message, &book);
            let text = serde_json::to_string(&action).map_err(|e| Fail::op(e.to_string()))?;
            println!("{text}");
            Ok(())
        }
        AgentCmd::Ask { .. } | AgentCmd::Reset => Err(Fail::usage("handled elsewhere".into())),
    }
}

fn load_contacts(path: &PathBuf) -> Result<sonic_agent::Contacts, Fail> {
    let text =
        std::fs::read_to_string(path).map_err(|e| Fail::usage(format!("cannot read {}: {e}", path.display())))?;
    let map: std::collections::BTreeMap<String, String> = serde_json::from_str(&text)
        .map_err(|e| Fail::usage(format!("{} is not a JSON object of names to addresses: {e}", path.display())))?;
    let mut book = sonic_agent::Contacts::new();
    for (name, addr) in map {
        let a = sonic_types::parse_address(&addr).map_err(|e| Fail::usage(format!("contact '{name}': {e}")))?;
        book.insert(&name, a);
    }
    Ok(book)
}

/// The address book of the data directory, if one exists and is free; parsing needs
/// no wallet, so any problem here just means no contacts.
fn store_contacts(g: &Global) -> sonic_agent::Contacts {
    let dir = g.data_dir.clone().unwrap_or_else(Config::default_data_dir).join("store");
    let mut book = sonic_agent::Contacts::default();
    if dir.is_dir() {
        if let Ok(store) = sonic_store_contacts(&dir) {
            book = sonic_agent::Contacts::new();
            for (n, a) in store {
                book.insert(&n, a);
            }
        }
    }
    book
}

fn sonic_store_contacts(dir: &std::path::Path) -> Result<Vec<(String, sonic_types::Address)>, Fail> {
    let engine_dir = dir.parent().map(PathBuf::from).unwrap_or_default();
    let engine = Engine::open(Config { data_dir: engine_dir, network: None, rpc: None, kdf: KdfParams::default() })?;
    Ok(engine.contacts()?.into_iter().map(|c| (c.name, c.address)).collect())
}
