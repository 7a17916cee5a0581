//! Activity: the history of the account the wallet shows, live (refreshed by engine
//! events), with filters; each row has its date and time and the contact's name where
//! the address is saved and its amount rounded (exact on hover), and opens a details view (hash, block, fee, nonce, explorer link,
//! each with a copy button). Speed-up or cancel for a pending transaction. A click on a
//! transaction's notification opens it here. Transfers the watcher marks untrusted
//! (zero-value ones, those of tokens not added) are hidden behind "show hidden (N)".

use sonic_types::{
    checksum,
    dto::{Contact, TxRecord},
    dto::{HistoryQuery, TxState},
    format_units,
    ipc::{AccountsListArgs, ContactsListArgs, HistoryArgs, TokensListArgs, TxCancelArgs, TxFeeArgs, TxSpeedupArgs},
    Address,
};
use yew::prelude::*;

use crate::{
    components::{
        amount::{rounded, SHOWN_DECIMALS},
        at_field,
        copy::CopyButton,
        on_form,
        plan_card::{Finished, PlanCard},
        ErrorLine,
    },
    hooks::{use_command, use_ipc, use_planner},
    ipc,
    state::{use_desk, use_ledger, use_live, use_session, DeskAction, LedgerAction, Slot},
};

/// Activity properties.
#[derive(Properties, PartialEq)]
pub(crate) struct ActivityProps {
    /// A transaction to open (its hash), from a notification's click.
    #[prop_or_default]
    pub(crate) open: Option<String>,
}

/// The contact's name for an address, else the address.
fn who(address: &Address, contacts: &[Contact]) -> String {
    contacts.iter().find(|c| c.address == *address).map(|c| c.name.clone()).unwrap_or_else(|| checksum(address))
}

/// Properties of a transaction's details.
#[derive(Properties, PartialEq)]
struct DetailsProps {
    /// The transaction.
    tx: TxRecord,
    /// The account shown.
    me: Option<Address>,
    /// The contacts, for names.
    contacts: Vec<Contact>,
    /// The network's block explorer.
    explorer: Option<String>,
}

/// The details of one transaction, with the fee it paid (read from its receipt).
#[function_component(TxDetails)]
fn tx_details(p: &DetailsProps) -> Html {
    let t = &p.tx;
    let fee = use_command::<TxFeeArgs>();
    {
        let fee = fee.clone();
        use_effect_with((t.hash.clone(), t.block), move |(hash, _)| fee.start(TxFeeArgs { hash: hash.clone() }));
    }
    let out = Some(t.from) == p.me;
    let url = p.explorer.as_deref().map(|base| format!("{}/tx/{}", base.trim_end_matches('/'), t.hash));
    let party = |a: &Address| {
        let name = who(a, &p.contacts);
        let addr = checksum(a);
        if name == addr {
            addr
        } else {
            format!("{name} ({addr})")
        }
    };
    let fee_text = match (fee.data(), fee.error()) {
        (Some(Some(f)), _) => format!("{f} S"),
        (Some(None), _) => "not mined yet".into(),
        (None, Some(e)) => format!("unknown ({})", e.message),
        (None, None) => "…".into(),
    };
    html! {
        <div class="card tx-details" id="tx-details" data-hash={t.hash.clone()}>
            <h3>{ if out { "Sent" } else { "Received" } }{ format!(" {} {}", format_units(t.raw, t.decimals), t.asset) }</h3>
            <dl>
                <dt>{ "Hash" }</dt>
                <dd><code id="tx-details-hash">{ &t.hash }</code>{ " " }<CopyButton text={t.hash.clone()} id="copy-tx-hash" /></dd>
                <dt>{ "From" }</dt><dd id="tx-details-from">{ party(&t.from) }</dd>
                <dt>{ "To" }</dt><dd id="tx-details-to">{ party(&t.to) }</dd>
                <dt>{ "When" }</dt><dd id="tx-details-time">{ ipc::date_time(t.timestamp) }</dd>
                <dt>{ "State" }</dt><dd id="tx-details-state">{ format!("{:?}", t.state).to_lowercase() }{ t.reason.as_ref().map(|r| format!(": {r}")).unwrap_or_default() }</dd>
                <dt>{ "Block" }</dt><dd id="tx-details-block">{ t.block.map(|b| b.to_string()).unwrap_or_else(|| "not mined yet".into()) }</dd>
                <dt>{ "Fee" }</dt><dd id="tx-details-fee">{ fee_text }</dd>
                <dt>{ "Nonce" }</dt><dd>{ t.nonce }</dd>
                if let Some(url) = url {
                    <dt>{ "Explorer" }</dt>
                    <dd><code id="tx-details-explorer">{ url.clone() }</code>{ " " }<CopyButton text={url} id="copy-tx-explorer" /></dd>
                }
            </dl>
        </div>
    }
}

/// The activity page.
#[function_component(Activity)]
pub(crate) fn activity(p: &ActivityProps) -> Html {
    let refresh = use_live().changes;
    let session = use_session();
    let explorer = session.explorer().map(str::to_string);
    let desk = use_desk();
    let ledger = use_ledger();
    let caller = use_ipc();
    let card = desk.card(Slot::Activity).cloned();
    let query = use_state(HistoryQuery::default);
    let rows = use_command::<HistoryArgs>();
    let tokens = use_command::<TokensListArgs>();
    let me = ledger.current().map(|a| a.address);
    let tick = use_state(|| 0u32);
    let contacts = use_command::<ContactsListArgs>();
    let opened = use_state(|| None::<String>);
    {
        let opened = opened.clone();
        use_effect_with(p.open.clone(), move |open| {
            if open.is_some() {
                opened.set(open.clone());
            }
        });
    }
    {
        let contacts = contacts.clone();
        use_effect_with(refresh, move |_| contacts.start(ContactsListArgs {}));
    }
    let contact_list: Vec<Contact> = contacts.data().cloned().unwrap_or_default();
    {
        let tokens = tokens.clone();
        use_effect_with(refresh, move |_| tokens.start(TokensListArgs {}));
    }
    let assets: Vec<String> =
        std::iter::once("S".to_string()).chain(tokens.data().into_iter().flatten().map(|t| t.symbol.clone())).collect();
    {
        let account = ledger.selected.map(|a| checksum(&a));
        let (rows, caller, ledger) = (rows.clone(), caller.clone(), ledger.dispatcher());
        use_effect_with((refresh, (*query).clone(), *tick, account), move |(_, query, _, account)| {
            // Hidden transfers are asked too, and hidden here unless the user shows them.
            let query = HistoryQuery { account: account.clone(), include_untrusted: true, ..query.clone() };
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(a) = caller.call(AccountsListArgs {}).await {
                    ledger.dispatch(LedgerAction::Accounts(a));
                }
                let _ = rows.run(HistoryArgs { query }).await;
            });
        });
    }
    let set_dir = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let mut q = (*query).clone();
            q.direction = (!v.is_empty()).then_some(v);
            query.set(q);
        })
    };
    let set_days = {
        let query = query.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            let mut q = (*query).clone();
            q.days = v.parse().ok();
            query.set(q);
        })
    };
    let speed_up = use_planner::<TxSpeedupArgs>(Slot::Activity);
    let cancel = use_planner::<TxCancelArgs>(Slot::Activity);
    let replace = |hash: String, cancelling: bool| {
        let (speed_up, cancel) = (speed_up.clone(), cancel.clone());
        Callback::from(move |_| {
            let hash = hash.clone();
            if cancelling {
                cancel.plan(TxCancelArgs { hash }, || {});
            } else {
                speed_up.plan(TxSpeedupArgs { hash }, || {});
            }
        })
    };
    let error = on_form(speed_up.command().error())
        .or_else(|| at_field(speed_up.command().error(), |_| true))
        .or_else(|| on_form(cancel.command().error()))
        .or_else(|| at_field(cancel.command().error(), |_| true))
        .or_else(|| speed_up.waiting())
        .or_else(|| cancel.waiting());
    let show_hidden = use_state(|| false);
    let hidden = rows.data().into_iter().flatten().filter(|t| t.untrusted).count();
    let toggle_hidden = {
        let show_hidden = show_hidden.clone();
        Callback::from(move |_| show_hidden.set(!*show_hidden))
    };
    let shown: Vec<TxRecord> =
        rows.data().into_iter().flatten().filter(|t| *show_hidden || !t.untrusted).cloned().collect();
    let on_done = {
        let (tick, desk) = (tick.clone(), desk.dispatcher());
        Callback::from(move |f: Finished| {
            desk.dispatch(DeskAction::Done(Slot::Activity, f.id));
            tick.set(*tick + 1);
        })
    };
    html! {
        <div class="activity">
            <div class="filters">
                <select id="filter-asset" onchange={let query = query.clone(); Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                    let mut q = (*query).clone();
                    q.asset = (!v.is_empty()).then_some(v);
                    query.set(q);
                })}>
                    <option value="">{ "All assets" }</option>
                    { for assets.iter().map(|a| html! { <option value={a.clone()}>{ a }</option> }) }
                </select>
                <select id="filter-direction" onchange={set_dir}>
                    <option value="">{ "In and out" }</option>
                    <option value="in">{ "Received" }</option>
                    <option value="out">{ "Sent" }</option>
                </select>
                <select id="filter-days" onchange={set_days}>
                    <option value="">{ "All time" }</option>
                    <option value="1">{ "Today" }</option>
                    <option value="7">{ "Last week" }</option>
                    <option value="30">{ "Last month" }</option>
                </select>
                if hidden > 0 {
                    <button type="button" id="show-hidden" class="link" title="Zero-value transfers and transfers of tokens you have not added" onclick={toggle_hidden}>
                        { if *show_hidden { format!("hide suspicious ({hidden})") } else { format!("show hidden ({hidden})") } }
                    </button>
                }
            </div>
            if let Some(p) = card {
                <PlanCard key={p.id.clone()} plan={p.clone()} {on_done} />
            }
            <ErrorLine {error} />
            <ErrorLine error={on_form(rows.error())} />
            if let Some(h) = &*opened {
                if let Some(t) = rows.data().into_iter().flatten().find(|t| t.hash == *h) {
                    <TxDetails tx={t.clone()} {me} contacts={contact_list.clone()} explorer={explorer.clone()} />
                } else if rows.data().is_some() {
                    <p class="muted" id="tx-details-missing">{ format!("Transaction {h} is not in this account's history with these filters.") }</p>
                }
            }
            { match rows.data() {
                None if rows.error().is_some() => html! {},
                None => html! { <p class="muted">{ "Loading…" }</p> },
                Some(_) if shown.is_empty() && hidden > 0 => html! { <p class="muted" id="history-all-hidden">{ "Only hidden transfers so far." }</p> },
                Some(list) if list.is_empty() => html! { <p class="muted">{ "No transactions yet." }</p> },
                Some(_) => html! {
                    <table class="history" id="history">
                        { for shown.iter().map(|t| {
                            let out = Some(t.from) == me;
                            let other = if out { t.to } else { t.from };
                            let state = format!("{:?}", t.state).to_lowercase();
                            let open = {
                                let (opened, hash) = (opened.clone(), t.hash.clone());
                                Callback::from(move |_| opened.set(if opened.as_deref() == Some(hash.as_str()) { None } else { Some(hash.clone()) }))
                            };
                            html! {
                                <tr class={classes!("tx-row", state.clone(), t.untrusted.then_some("untrusted"))} data-hash={t.hash.clone()}>
                                    <td class="when">{ ipc::date_time(t.timestamp) }</td>
                                    <td>{ if out { "↑ sent" } else { "↓ received" } }</td>
                                    <td class="amount" title={format!("{} {}", format_units(t.raw, t.decimals), t.asset)}>{ format!("{} {}", rounded(&format_units(t.raw, t.decimals), SHOWN_DECIMALS), t.asset) }</td>
                                    <td class="party">{ who(&other, &contact_list) }</td>
                                    <td class="state">{ state }</td>
                                    <td>{ t.block.map(|b| format!("block {b}")).unwrap_or_default() }</td>
                                    <td><button type="button" class="link details" onclick={open}>{ "details" }</button></td>
                                    <td>
                                        if t.state == TxState::Pending && out {
                                            <button class="speedup" onclick={replace(t.hash.clone(), false)}>{ "Speed up" }</button>
                                            <button class="cancel" onclick={replace(t.hash.clone(), true)}>{ "Cancel" }</button>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </table>
                },
            } }
        </div>
    }
}
