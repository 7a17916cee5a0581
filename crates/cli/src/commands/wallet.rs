//! `sonic wallet`: create, import, list, name, export, back up and restore accounts.

use std::io::IsTerminal;

use serde_json::json;
use sonic_engine::{Engine, WordCount};
use sonic_types::{checksum, dto::AccountKind};

use super::{plan::ask_yes, Ctx};
use crate::{
    args::WalletCmd,
    secrets::{other_secret, read_secret_file, vault_password, write_secret_file},
    Fail,
};

pub(super) fn kind_label(kind: AccountKind) -> String {
    match kind {
        AccountKind::Derived { index } => format!("m/44'/60'/0'/0/{index}"),
        AccountKind::Imported => "imported".into(),
    }
}

/// Runs one `sonic wallet` command.
pub(crate) async fn run(cx: &Ctx, cmd: WalletCmd) -> Result<(), Fail> {
    let g = &cx.g;
    let engine = cx.engine()?;
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
                    cx.print(json!({"address": address, "mnemonic_file": path}), || {
                        format!(
                            "Created wallet {address}.\nRecovery phrase written to {} (keep it offline).",
                            path.display()
                        )
                    })
                }
                None => cx.print(json!({"address": address, "mnemonic": phrase.as_str()}), || {
                    format!(
                        "Created wallet {address}.\n\nRecovery phrase (shown once; write it down and keep it offline):\n\n  {}\n",
                        phrase.as_str()
                    )
                }),
            }
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
                cx.print(json!({"position": a.position, "name": a.name, "address": address}), || {
                    format!("Imported {address} ({})", a.name)
                })?;
            }
            Ok(())
        }
        WalletCmd::List => {
            for a in engine.accounts().await? {
                let address = checksum(&a.address);
                let kind = kind_label(a.kind);
                cx.print(json!({"position": a.position, "name": a.name, "address": address, "kind": kind}), || {
                    format!("{:>3}  {address}  {:<16} {kind}", a.position, a.name)
                })?;
            }
            Ok(())
        }
        WalletCmd::Add { name } => {
            cx.unlock(&engine).await?;
            let a = engine.add_account(name).await?;
            let address = checksum(&a.address);
            cx.print(json!({"position": a.position, "name": a.name, "address": address}), || {
                format!("Added {address} ({})", a.name)
            })
        }
        WalletCmd::Rename { account, name } => {
            engine.rename_account(&account, &name).await?;
            cx.print(json!({"renamed": account, "name": name}), || format!("Renamed to {name}"))
        }
        // Without a host no process keeps the wallet open: each command unlocks for
        // itself and forgets the key when it ends.
        WalletCmd::Lock => cx.print(json!({"locked": true}), || "Locked (no wallet host runs on this data directory).".into()),
        WalletCmd::Unlock => Err(Fail::op(
            "no wallet host runs on this data directory: `sonic wallet unlock` unlocks a running app or `sonic daemon`; every other command asks for the password itself".into(),
        )),
        WalletCmd::Default { account } => {
            let a = engine.set_default_account(&account).await?;
            let address = checksum(&a.address);
            cx.print(json!({"default": address}), || format!("Default account: {address} ({})", a.name))
        }
        WalletCmd::Export { account, out, keystore_password_file } => {
            if out.exists() {
                return Err(Fail::usage(format!("{} already exists; choose a new file", out.display())));
            }
            cx.unlock(&engine).await?;
            let ks_pw = other_secret(keystore_password_file.as_deref(), "Password for the exported keystore")?;
            let json = engine.export_keystore(&account, ks_pw.as_bytes()).await?;
            write_secret_file(&out, &json)?;
            cx.print(json!({"account": account, "out": out}), || format!("Exported to {}", out.display()))
        }
        WalletCmd::Reveal { out } => {
            let pw = vault_password(g.password_file.as_deref(), false)?;
            let phrase = engine.reveal_mnemonic(pw.as_bytes()).await?;
            match out {
                Some(path) => {
                    write_secret_file(&path, &format!("{}\n", phrase.as_str()))?;
                    cx.print(json!({"mnemonic_file": path}), || format!("Written to {}", path.display()))
                }
                None => cx.print(json!({"mnemonic": phrase.as_str()}), || phrase.to_string()),
            }
        }
        WalletCmd::Passwd { new_password_file } => {
            let old = vault_password(g.password_file.as_deref(), false)?;
            let new = other_secret(new_password_file.as_deref(), "New password")?;
            if new.chars().count() < 8 {
                return Err(Fail::usage("use a password of at least 8 characters".into()));
            }
            engine.change_password(old.as_bytes(), new.as_bytes()).await?;
            cx.print(json!({"changed": true}), || "Password changed.".into())
        }
        WalletCmd::Backup { file } => {
            if file.exists() {
                return Err(Fail::usage(format!("{} already exists; choose a new file", file.display())));
            }
            engine.backup(&file).await?;
            cx.print(json!({"backup": file}), || format!("Encrypted backup written to {}", file.display()))
        }
        WalletCmd::Restore { file, force } => {
            let force = force || !engine.wallet_exists() || confirm_replace(&engine)?;
            let pw = vault_password(g.password_file.as_deref(), false)?;
            engine.restore(&file, pw.as_bytes(), force).await?;
            cx.print(json!({"restored": file}), || "Wallet restored.".into())
        }
    }
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
