//! Onboarding: create a wallet (password with strength feedback, the mnemonic shown
//! once, three words picked at random confirmed back before the app opens) or import
//! one (mnemonic, private key, keystore). The root keeps this screen up until `on_done`,
//! though the new wallet is unlocked (and the app's state reloaded) before the phrase
//! is shown.

use sonic_types::{
    ipc::{WalletCreateArgs, WalletImportKeyArgs, WalletImportKeystoreArgs, WalletImportMnemonicArgs},
    ErrorCode, IpcError,
};
use yew::prelude::*;

use crate::{
    components::{at_field, on_form, value_of, ErrorLine, FieldError},
    hooks::use_ipc,
    ipc,
};

/// Onboarding properties.
#[derive(Properties, PartialEq)]
pub(crate) struct OnboardingProps {
    /// Called once a wallet exists.
    pub(crate) on_done: Callback<()>,
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Create,
    Mnemonic,
    Key,
    Keystore,
}

/// The field an error about input belongs to: the keystore's own password when it was
/// wrong, the secret being imported, or the wallet password when creating.
fn field_of(mode: Mode, e: &IpcError) -> &'static str {
    match (mode, e.code) {
        (Mode::Create, _) => "password",
        (Mode::Keystore, ErrorCode::WrongPassword) => "keystore-password",
        _ => "import-secret",
    }
}

/// A rough strength score (0-4) and its words; length matters most.
fn strength(pw: &str) -> (u8, &'static str) {
    let classes = [
        pw.chars().any(|c| c.is_lowercase()),
        pw.chars().any(|c| c.is_uppercase()),
        pw.chars().any(|c| c.is_ascii_digit()),
        pw.chars().any(|c| !c.is_alphanumeric()),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    let n = pw.chars().count();
    match (n, classes) {
        (0..=7, _) => (0, "too short (8 characters at least)"),
        (8..=11, 0..=2) => (1, "weak"),
        (8..=11, _) => (2, "fair"),
        (12..=15, _) => (3, "good"),
        _ => (4, "strong"),
    }
}

/// Three different word positions below `n`, in order, picked at random.
fn pick_three(n: usize) -> Vec<usize> {
    let mut picked = Vec::new();
    while picked.len() < 3.min(n) {
        let i = ipc::random_below(n);
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked
}

/// The onboarding screen.
#[function_component(Onboarding)]
pub(crate) fn onboarding(p: &OnboardingProps) -> Html {
    let mode = use_state(|| Mode::Create);
    let password = use_state(String::new);
    let repeat = use_state(String::new);
    let secret = use_state(String::new);
    let ks_password = use_state(String::new);
    // A check made here (password length, repeat), or the shell's refusal.
    let error = use_state(|| None::<String>);
    let refused = use_state(|| None::<IpcError>);
    let caller = use_ipc();
    // The new phrase and the positions of the words asked back.
    let phrase = use_state(|| None::<(String, Vec<usize>)>);
    let answers = use_state(|| vec![String::new(); 3]);
    let (score, words) = strength(&password);

    let input = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| s.set(value_of(&e)))
    };
    let submit = {
        let (mode, password, repeat, secret, ks_password, error, refused, phrase, done, caller) = (
            mode.clone(),
            password.clone(),
            repeat.clone(),
            secret.clone(),
            ks_password.clone(),
            error.clone(),
            refused.clone(),
            phrase.clone(),
            p.on_done.clone(),
            caller.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            refused.set(None);
            if strength(&password).0 == 0 {
                error.set(Some("Use a password of at least 8 characters.".into()));
                return;
            }
            if *mode == Mode::Create && *password != *repeat {
                error.set(Some("The passwords differ.".into()));
                return;
            }
            error.set(None);
            let (mode, password, secret, keystore_password, refused, phrase, done, caller) = (
                *mode,
                (*password).clone(),
                (*secret).clone(),
                (*ks_password).clone(),
                refused.clone(),
                phrase.clone(),
                done.clone(),
                caller.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let r = match mode {
                    Mode::Create => caller.call(WalletCreateArgs { password, words: 12 }).await.map(|m| {
                        let ask = pick_three(m.split_whitespace().count());
                        phrase.set(Some((m, ask)));
                    }),
                    Mode::Mnemonic => caller
                        .call(WalletImportMnemonicArgs { password, phrase: secret, count: 1 })
                        .await
                        .map(|_| done.emit(())),
                    Mode::Key => {
                        caller.call(WalletImportKeyArgs { password, key: secret }).await.map(|_| done.emit(()))
                    }
                    Mode::Keystore => caller
                        .call(WalletImportKeystoreArgs { password, json: secret, keystore_password })
                        .await
                        .map(|_| done.emit(())),
                };
                if let Err(e) = r {
                    refused.set(Some(e));
                }
            });
        })
    };

    // After creation: show the phrase, then ask three of its words back.
    if let Some((m, ask)) = &*phrase {
        let words: Vec<&str> = m.split_whitespace().collect();
        let all_right = ask.len() == 3
            && ask
                .iter()
                .zip(answers.iter())
                .all(|(i, a)| words.get(*i).is_some_and(|w| a.trim().eq_ignore_ascii_case(w)));
        let finish = {
            let done = p.on_done.clone();
            Callback::from(move |_| done.emit(()))
        };
        return html! {
            <div class="card narrow" id="mnemonic-screen">
                <h2>{ "Your recovery phrase" }</h2>
                <p>{ "Write these 12 words down, in order, and keep them offline. They are shown only now; anyone with them controls your funds." }</p>
                <ol class="mnemonic" id="mnemonic">{ for words.iter().map(|w| html! { <li>{ *w }</li> }) }</ol>
                <p>{ "To continue, type these words of the phrase:" }</p>
                { for ask.iter().enumerate().map(|(k, i)| {
                    let answers = answers.clone();
                    html! {
                        <label><span id={format!("confirm-word-label-{k}")}>{ format!("Word {}", i + 1) }</span>
                            <input id={format!("confirm-word-{k}")} value={answers[k].clone()} oninput={Callback::from(move |e| {
                                let mut v = (*answers).clone();
                                v[k] = value_of(&e);
                                answers.set(v);
                            })} />
                        </label>
                    }
                }) }
                <button id="mnemonic-done" class="primary" disabled={!all_right} onclick={finish}>{ "I have written it down" }</button>
            </div>
        };
    }

    let tab = |m: Mode, id: &'static str, label: &'static str| {
        let (mode, error, refused) = (mode.clone(), error.clone(), refused.clone());
        html! {
            <button type="button" id={id} class={classes!("tab", (*mode == m).then_some("active"))}
                onclick={Callback::from(move |_| { mode.set(m); error.set(None); refused.set(None); })}>{ label }</button>
        }
    };
    let at = |field: &'static str| at_field(refused.as_ref(), |e| field_of(*mode, e) == field);
    html! {
        <form class="card narrow" id="onboarding" onsubmit={submit}>
            <h2>{ "Welcome to Smart Sonic" }</h2>
            <div class="tabs">
                { tab(Mode::Create, "mode-create", "Create") }
                { tab(Mode::Mnemonic, "mode-mnemonic", "Import phrase") }
                { tab(Mode::Key, "mode-key", "Import key") }
                { tab(Mode::Keystore, "mode-keystore", "Import keystore") }
            </div>
            { match *mode {
                Mode::Mnemonic => html! { <>
                    <label>{ "Recovery phrase" }<textarea id="import-secret" rows="3" oninput={input(&secret)} value={(*secret).clone()} /></label>
                    <FieldError error={at("import-secret")} />
                </> },
                Mode::Key => html! { <>
                    <label>{ "Private key (hex)" }<input id="import-secret" type="password" oninput={input(&secret)} value={(*secret).clone()} /></label>
                    <FieldError error={at("import-secret")} />
                </> },
                Mode::Keystore => html! { <>
                    <label>{ "Keystore JSON (paste the file's content)" }<textarea id="import-secret" rows="4" oninput={input(&secret)} value={(*secret).clone()} /></label>
                    <FieldError error={at("import-secret")} />
                    <label>{ "Keystore password" }<input id="keystore-password" type="password" oninput={input(&ks_password)} value={(*ks_password).clone()} /></label>
                    <FieldError error={at("keystore-password")} />
                </> },
                Mode::Create => html! {},
            } }
            <label>{ "Wallet password" }
                <input id="password" type="password" oninput={input(&password)} value={(*password).clone()} />
            </label>
            <div class={classes!("strength", format!("s{score}"))} id="strength">{ format!("Strength: {words}") }</div>
            <FieldError error={at("password")} />
            if *mode == Mode::Create {
                <label>{ "Repeat the password" }
                    <input id="password-repeat" type="password" oninput={input(&repeat)} value={(*repeat).clone()} />
                </label>
            }
            <ErrorLine error={(*error).clone().or_else(|| on_form(refused.as_ref()))} />
            <button id="onboarding-submit" class="primary" type="submit">{ if *mode == Mode::Create { "Create wallet" } else { "Import" } }</button>
        </form>
    }
}
