//! Reading passwords and secret files: from a file, the environment, or a prompt;
//! never from argv.

use std::{io::IsTerminal, path::Path};

use zeroize::Zeroizing;

use crate::Fail;

/// Reads a secret file, stripping one trailing newline (as geth and cast do).
pub(crate) fn read_secret_file(path: &Path) -> Result<Zeroizing<String>, Fail> {
    let text = Zeroizing::new(
        std::fs::read_to_string(path).map_err(|e| Fail::usage(format!("cannot read {}: {e}", path.display())))?,
    );
    let trimmed = text.strip_suffix('\n').unwrap_or(&text);
    let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
    Ok(Zeroizing::new(trimmed.to_string()))
}

fn prompt(label: &str) -> Result<Zeroizing<String>, Fail> {
    if !std::io::stdin().is_terminal() {
        return Err(Fail::usage(format!(
            "{label} needed: give --password-file FILE or SONIC_PASSWORD (no terminal to ask on)"
        )));
    }
    rpassword::prompt_password(format!("{label}: "))
        .map(Zeroizing::new)
        .map_err(|e| Fail::usage(format!("cannot read {label}: {e}")))
}

/// The vault password from `--password-file`, `SONIC_PASSWORD`, or a prompt. A new
/// wallet's password (`confirm_new`) has at least 8 characters, wherever it comes from
/// (an empty password file once made a wallet anyone could open).
pub(crate) fn vault_password(file: Option<&Path>, confirm_new: bool) -> Result<Zeroizing<String>, Fail> {
    let given = match (file, std::env::var("SONIC_PASSWORD")) {
        (Some(f), _) => Some(read_secret_file(f)?),
        (None, Ok(p)) => Some(Zeroizing::new(p)),
        (None, Err(_)) => None,
    };
    let first = match given {
        Some(p) => p,
        None => {
            let first = prompt(if confirm_new { "New wallet password" } else { "Wallet password" })?;
            if confirm_new && *prompt("Repeat the password")? != *first {
                return Err(Fail::usage("the passwords differ".into()));
            }
            first
        }
    };
    if confirm_new && first.chars().count() < 8 {
        return Err(Fail::usage("use a password of at least 8 characters".into()));
    }
    Ok(first)
}

/// Another secret (a keystore's password, a new password) from its file or a prompt.
pub(crate) fn other_secret(file: Option<&Path>, label: &str) -> Result<Zeroizing<String>, Fail> {
    match file {
        Some(f) => read_secret_file(f),
        None => prompt(label),
    }
}

/// Writes a secret to a new file (0600, atomically); refuses to overwrite.
pub(crate) fn write_secret_file(path: &Path, text: &str) -> Result<(), Fail> {
    if path.exists() {
        return Err(Fail::usage(format!("{} already exists; choose a new file", path.display())));
    }
    sonic_engine::fsutil::atomic_write(path, text.as_bytes())
        .map_err(|e| Fail::usage(format!("cannot write {}: {e}", path.display())))
}
