//! The steps of planning a transfer, each a pure function over plain inputs (no
//! store, no node), in the order [`Engine::plan_send`](crate::Engine::plan_send) runs
//! them: **resolve** (the recipient and the asset), **price** (what to simulate, and
//! the gas when it cannot be), **funds** (the amount in base units, checked against
//! the balances and the worst-case fee) and **risks** (what the card warns about).

use alloy::primitives::{Address, Bytes, U256};
use sonic_chain::{Chain, Fees};
use sonic_types::{
    address::short,
    amount::format_units_short,
    checksum,
    dto::{AccountInfo, Contact, Risk},
    format_units, parse_address, parse_units, Network, NATIVE_DECIMALS,
};

use crate::{error::invalid, plan::high_fee_risk, AmountSpec, Asset, Error, Result};

/// A contact whose address changed less than this long ago is flagged.
const RECENT_CHANGE_SECS: u64 = 7 * 86_400;
/// Gas of a plain transfer of S, assumed when the amount is not affordable (the
/// shortfall is then reported with the numbers, not as a node error).
const NATIVE_TRANSFER_GAS: u64 = 21_000;
/// Gas assumed for an ERC-20 transfer in the same case.
const TOKEN_TRANSFER_GAS: u64 = 65_000;

// ------------------------------------------------------------------------ resolve

/// The recipient written by the user: an address (labelled with the contact saved
/// under it, if any) or a contact's name (any case).
pub(crate) fn recipient(text: &str, contacts: &[Contact]) -> Result<(Address, Option<String>)> {
    let to = text.trim();
    if to.starts_with("0x") || to.starts_with("0X") || to.ends_with(".eth") {
        let a = parse_address(to).map_err(invalid)?;
        let label = contacts.iter().find(|c| c.address == a).map(|c| c.name.clone());
        return Ok((a, label));
    }
    let name = to.to_lowercase();
    match contacts.iter().find(|c| c.name == name) {
        Some(c) => Ok((c.address, Some(c.name.clone()))),
        None => Err(Error::NotFound(format!("'{to}' is neither an address nor a contact"))),
    }
}

/// Refuses the zero address: nobody can spend what is sent there.
pub(crate) fn check_recipient(to: Address) -> Result<()> {
    if to.is_zero() {
        return Err(Error::Invalid("refusing to send to the zero address (funds would be lost)".into()));
    }
    Ok(())
}

/// Refuses sending a token to its own contract, where it is lost.
pub(crate) fn check_asset(to: Address, asset: &Asset) -> Result<()> {
    if asset.token() == Some(to) {
        return Err(Error::Invalid(format!(
            "refusing to send {} to its own token contract (funds would be lost)",
            asset.symbol()
        )));
    }
    Ok(())
}

// ------------------------------------------------------------------------ price

/// How much the user asked for, before the balance is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Amount {
    /// Exactly this many base units (more than zero).
    Exact(U256),
    /// Everything spendable.
    Max,
    /// This percentage (1..=100) of what is spendable.
    Percent(u8),
}

/// Reads the amount spec in the asset's units; zero is refused.
pub(crate) fn amount(spec: &AmountSpec, decimals: u8) -> Result<Amount> {
    let exact = match spec {
        AmountSpec::Max => return Ok(Amount::Max),
        AmountSpec::Percent(p) => return Ok(Amount::Percent(*p)),
        AmountSpec::Raw(v) => *v,
        AmountSpec::Exact(s) => parse_units(s, decimals).map_err(invalid)?,
    };
    if exact.is_zero() {
        return Err(Error::Invalid("the amount must be more than zero".into()));
    }
    Ok(Amount::Exact(exact))
}

/// What the sender holds: S (which pays the fee) and the asset sent (S again for a
/// native transfer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holdings {
    /// S, in wei.
    pub(crate) native: U256,
    /// The asset sent, in its base units.
    pub(crate) held: U256,
}

/// The transaction that sends `raw` of `asset` to `to`: (called address, value, data).
pub(crate) fn transfer(asset: &Asset, to: Address, raw: U256) -> (Address, U256, Bytes) {
    match asset {
        Asset::Native => (to, raw, Bytes::new()),
        Asset::Token(t) => (t.address, U256::ZERO, Chain::erc20_transfer_data(to, raw)),
    }
}

/// The call simulated for the gas estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Probe {
    /// Called address.
    pub(crate) to: Address,
    /// Native value.
    pub(crate) value: U256,
    /// Calldata.
    pub(crate) data: Bytes,
    /// Whether to simulate it: an unaffordable amount would only make the node fail;
    /// [`Probe::gas`] is used instead, and [`funds`] reports the shortfall.
    pub(crate) affordable: bool,
    /// The gas assumed when not simulated.
    pub(crate) gas: u64,
}

/// What to simulate: the real amount when it is exact, else one base unit (the gas of
/// a transfer does not depend on its amount).
pub(crate) fn probe(asset: &Asset, to: Address, amount: &Amount, holdings: Holdings) -> Probe {
    let probe = match amount {
        Amount::Exact(v) => *v,
        Amount::Max | Amount::Percent(_) => U256::from(1u8),
    };
    let (affordable, gas, sent) = match asset {
        Asset::Native => (probe <= holdings.native, NATIVE_TRANSFER_GAS, probe),
        // A token's transfer of more than the balance reverts: the probe stays within it.
        Asset::Token(_) => (probe <= holdings.held, TOKEN_TRANSFER_GAS, probe.min(holdings.held.max(U256::from(1u8)))),
    };
    let (to, value, data) = transfer(asset, to, sent);
    Probe { to, value, data, affordable, gas }
}

// ------------------------------------------------------------------------ funds

/// The amount to send in base units, checked: it is more than zero, and the balances
/// cover it and the worst-case fee (`max_fee`, in wei). For S, "max" and percentages
/// are of the balance minus that fee.
pub(crate) fn funds(amount: &Amount, asset: &Asset, holdings: Holdings, max_fee: U256) -> Result<U256> {
    let Holdings { native, held } = holdings;
    let decimals = asset.decimals();
    let sym = asset.symbol();
    let spendable = match asset {
        Asset::Native => native.saturating_sub(max_fee),
        Asset::Token(_) => held,
    };
    let raw = match amount {
        Amount::Exact(v) => *v,
        Amount::Max => spendable,
        Amount::Percent(p) => spendable * U256::from(*p) / U256::from(100u8),
    };
    if raw.is_zero() {
        return Err(Error::InsufficientFunds(format!(
            "nothing to send: balance {} {sym}, fee up to {} S",
            format_units(held, decimals),
            format_units(max_fee, NATIVE_DECIMALS)
        )));
    }
    match asset {
        Asset::Native if raw.saturating_add(max_fee) > native => Err(Error::InsufficientFunds(format!(
            "sending {} S needs up to {} S with the fee, but the balance is {} S",
            format_units(raw, decimals),
            format_units(raw.saturating_add(max_fee), decimals),
            format_units(native, decimals)
        ))),
        Asset::Token(_) if raw > held => Err(Error::InsufficientFunds(format!(
            "sending {} {sym} needs more than the balance of {} {sym}",
            format_units(raw, decimals),
            format_units(held, decimals)
        ))),
        Asset::Token(_) if max_fee > native => Err(Error::InsufficientFunds(format!(
            "the fee needs up to {} S, but the balance is {} S",
            format_units(max_fee, NATIVE_DECIMALS),
            format_units(native, NATIVE_DECIMALS)
        ))),
        _ => Ok(raw),
    }
}

/// Checks that S covers a contract call's value and its worst-case fee.
pub(crate) fn funds_for_call(value: U256, max_fee: U256, native: U256) -> Result<()> {
    if value.saturating_add(max_fee) > native {
        return Err(Error::InsufficientFunds(format!(
            "this needs up to {} S with the fee, but the balance is {} S",
            format_units(value.saturating_add(max_fee), NATIVE_DECIMALS),
            format_units(native, NATIVE_DECIMALS)
        )));
    }
    Ok(())
}

// ------------------------------------------------------------------------ risks

/// Whether two addresses share their first and last 4 hex digits: what a person
/// glancing at an address checks, and what an address-poisoning lure imitates.
pub(crate) fn looks_alike(a: &Address, b: &Address) -> bool {
    let hex_of = |a: &Address| checksum(a)[2..].to_lowercase();
    let (a, b) = (hex_of(a), hex_of(b));
    a[..4] == b[..4] && a[36..] == b[36..]
}

/// When the contact saved under the recipient's address was first saved and last
/// changed (settings written by `add_contact`), Unix seconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ContactMarks {
    /// The first save.
    pub(crate) added: Option<u64>,
    /// The last change of address.
    pub(crate) changed: Option<u64>,
}

/// Whether `contact`'s address changed in the last week. Without a recorded change,
/// an `updated_at` after the first save counts as one (older versions recorded none).
pub(crate) fn changed_recently(contact: &Contact, marks: ContactMarks, now: u64) -> bool {
    let changed_at = marks.changed.or(marks.added.filter(|f| contact.updated_at > *f).map(|_| contact.updated_at));
    changed_at.is_some_and(|t| now.saturating_sub(t) < RECENT_CHANGE_SECS)
}

/// Warnings that apply to any transaction: a fee cap far above the base fee, and a
/// network other than Sonic mainnet.
pub(crate) fn network_risks(fees: &Fees, network: &Network) -> Vec<Risk> {
    let mut risks: Vec<Risk> = high_fee_risk(fees).into_iter().collect();
    if !network.mainnet {
        risks.push(Risk::NotMainnet { network: network.name.clone() });
    }
    risks
}

/// What the wallet, the store and the node say about the recipient.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Payee {
    /// The recipient is one of the wallet's accounts.
    pub(crate) own_account: bool,
    /// A confirmed, trusted payment from the sender to the recipient is recorded.
    pub(crate) paid_before: bool,
    /// The recipient has code.
    pub(crate) contract: bool,
    /// Marks of the first contact saved under the recipient's address.
    pub(crate) marks: ContactMarks,
}

/// What is known about a transfer when its risks are judged.
#[derive(Debug, Clone)]
pub(crate) struct RiskFacts<'a> {
    /// The recipient.
    pub(crate) to: Address,
    /// The amount sent, base units.
    pub(crate) raw: U256,
    /// The sender's balance of the asset sent.
    pub(crate) held: U256,
    /// The fees of the transaction.
    pub(crate) fees: &'a Fees,
    /// The network.
    pub(crate) network: &'a Network,
    /// About the recipient.
    pub(crate) payee: Payee,
    /// The address book.
    pub(crate) contacts: &'a [Contact],
    /// Now, Unix seconds.
    pub(crate) now: u64,
}

/// The risks of a transfer, in the order the card shows them.
pub(crate) fn risks(f: &RiskFacts<'_>) -> Vec<Risk> {
    let mut risks = Vec::new();
    if f.payee.own_account {
        risks.push(Risk::OwnAccount);
    } else if !f.payee.paid_before {
        risks.push(Risk::FirstPayment);
    }
    if f.raw.saturating_mul(U256::from(2u8)) > f.held {
        risks.push(Risk::LargeShare);
    }
    if f.payee.contract {
        risks.push(Risk::ContractRecipient);
    }
    if let Some(c) = f.contacts.iter().find(|c| c.address == f.to) {
        if changed_recently(c, f.payee.marks, f.now) {
            risks.push(Risk::ContactChangedRecently { contact: c.name.clone() });
        }
    }
    for c in f.contacts {
        if c.address != f.to && looks_alike(&c.address, &f.to) {
            risks.push(Risk::LookalikeContact { contact: c.name.clone() });
        }
    }
    risks.extend(network_risks(f.fees, f.network));
    risks
}

/// The card's one line: what goes where, from which account when the user named one,
/// and the expected fee.
pub(crate) fn summary(
    raw: U256,
    asset: &Asset,
    from: Option<&AccountInfo>,
    to: Address,
    to_label: Option<&str>,
    expected_fee: U256,
) -> String {
    let amount = format_units(raw, asset.decimals());
    let sym = asset.symbol();
    let who = match to_label {
        Some(name) => format!("{name} ({})", short(&to)),
        None => short(&to),
    };
    let from_part = match from {
        Some(a) if a.name.is_empty() => format!(" from {}", short(&a.address)),
        Some(a) => format!(" from {} ({})", a.name, short(&a.address)),
        None => String::new(),
    };
    format!(
        "Send {amount} {sym}{from_part} to {who}, fee about {} S",
        format_units_short(expected_fee, NATIVE_DECIMALS)
    )
}

#[cfg(test)]
mod tests {
    use sonic_types::{dto::TokenInfo, ErrorCode};

    use super::*;

    const S: u128 = 1_000_000_000_000_000_000;
    const NOW: u64 = 1_800_000_000;
    const DAY: u64 = 86_400;

    fn s(tenths: u128) -> U256 {
        U256::from(tenths * S / 10)
    }

    fn addr(hex40: &str) -> Address {
        hex40.parse().expect("address")
    }

    fn token() -> Asset {
        Asset::Token(TokenInfo { address: Address::repeat_byte(0x77), symbol: "USDC".into(), decimals: 6 })
    }

    fn contact(name: &str, a: Address, updated_at: u64) -> Contact {
        Contact { name: name.into(), address: a, updated_at }
    }

    fn net(mainnet: bool) -> Network {
        Network {
            name: if mainnet { "sonic" } else { "testnet" }.into(),
            chain_id: Some(if mainnet { 146 } else { 14601 }),
            rpc_urls: vec!["http://127.0.0.1:8545".into()],
            explorer_url: None,
            mainnet,
            ws_url: None,
        }
    }

    const FEES: Fees = Fees { base_fee: 10, priority_fee: 1, max_fee: 21 };

    fn code<T: std::fmt::Debug>(r: Result<T>) -> ErrorCode {
        r.expect_err("an error").code()
    }

    #[test]
    fn recipient_is_an_address_or_a_contact() {
        let alice = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        let book = [contact("alice", alice, 1)];
        assert_eq!(recipient(" Alice ", &book).expect("name"), (alice, Some("alice".into())));
        assert_eq!(
            recipient("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", &book).expect("address"),
            (alice, Some("alice".into()))
        );
        let other = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
        assert_eq!(recipient(other, &book).expect("address"), (addr(other), None));
        assert_eq!(code(recipient("bob", &book)), ErrorCode::NotFound);
        assert_eq!(code(recipient("0x1234", &book)), ErrorCode::InvalidInput);
        // A mistyped checksum is refused, not corrected.
        assert_eq!(code(recipient("0x70997970C51812dc3A010C7d01b50e0d17dc79c8", &book)), ErrorCode::InvalidInput);
    }

    #[test]
    fn recipient_refusals() {
        assert_eq!(code(check_recipient(Address::ZERO)), ErrorCode::InvalidInput);
        assert!(check_recipient(Address::repeat_byte(1)).is_ok());
        let t = token();
        let e = check_asset(Address::repeat_byte(0x77), &t).expect_err("own contract");
        assert!(e.to_string().contains("USDC to its own token contract"), "{e}");
        assert!(check_asset(Address::repeat_byte(1), &t).is_ok());
        assert!(check_asset(Address::repeat_byte(0x77), &Asset::Native).is_ok());
    }

    #[test]
    fn amounts() {
        let cases: [(AmountSpec, u8, Result<Amount>); 8] = [
            (AmountSpec::Max, 18, Ok(Amount::Max)),
            (AmountSpec::Percent(50), 18, Ok(Amount::Percent(50))),
            (AmountSpec::Exact("1.5".into()), 18, Ok(Amount::Exact(s(15)))),
            (AmountSpec::Exact("2.25".into()), 6, Ok(Amount::Exact(U256::from(2_250_000u64)))),
            (AmountSpec::Raw(U256::from(7u8)), 18, Ok(Amount::Exact(U256::from(7u8)))),
            (AmountSpec::Exact("0".into()), 18, Err(Error::Invalid(String::new()))),
            (AmountSpec::Raw(U256::ZERO), 18, Err(Error::Invalid(String::new()))),
            (AmountSpec::Exact("1.0000001".into()), 6, Err(Error::Invalid(String::new()))),
        ];
        for (spec, decimals, want) in cases {
            match (amount(&spec, decimals), want) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{spec:?}"),
                (Err(got), Err(_)) => assert_eq!(got.code(), ErrorCode::InvalidInput, "{spec:?}"),
                (got, want) => panic!("{spec:?}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn probes() {
        let to = Address::repeat_byte(5);
        let h = |native: u128, held: u128| Holdings { native: s(native), held: s(held) };
        // S: the exact amount when affordable, else the fallback gas.
        let p = probe(&Asset::Native, to, &Amount::Exact(s(10)), h(20, 20));
        assert_eq!((p.to, p.value, p.affordable), (to, s(10), true));
        let p = probe(&Asset::Native, to, &Amount::Exact(s(30)), h(20, 20));
        assert_eq!((p.affordable, p.gas), (false, NATIVE_TRANSFER_GAS));
        // Max and percentages probe with one base unit.
        let p = probe(&Asset::Native, to, &Amount::Max, h(20, 20));
        assert_eq!((p.value, p.affordable), (U256::from(1u8), true));
        // A token: its contract is called with no value; the probe stays within the
        // balance, and an empty balance probes one unit.
        let t = token();
        let p = probe(&t, to, &Amount::Exact(U256::from(5u8)), Holdings { native: s(1), held: U256::from(9u8) });
        assert_eq!((p.to, p.value, p.affordable), (Address::repeat_byte(0x77), U256::ZERO, true));
        assert_eq!(p.data, Chain::erc20_transfer_data(to, U256::from(5u8)));
        let p = probe(&t, to, &Amount::Exact(U256::from(50u8)), Holdings { native: s(1), held: U256::from(9u8) });
        assert_eq!((p.affordable, p.gas), (false, TOKEN_TRANSFER_GAS));
        assert_eq!(p.data, Chain::erc20_transfer_data(to, U256::from(9u8)));
        let p = probe(&t, to, &Amount::Max, Holdings { native: s(1), held: U256::ZERO });
        assert_eq!(p.data, Chain::erc20_transfer_data(to, U256::from(1u8)));
    }

    #[test]
    fn funds_table() {
        // (amount, asset, native S in tenths, held in base units or S tenths, max fee
        // in S tenths) -> raw or the error's opening words.
        let usdc = |n: u64| U256::from(n * 1_000_000);
        let t = token();
        let n = Asset::Native;
        type Case<'a> = (Amount, &'a Asset, U256, U256, U256, Result<U256, &'static str>);
        let cases: Vec<Case<'_>> = vec![
            // S: max and percentages are of the balance minus the worst-case fee.
            (Amount::Max, &n, s(100), s(100), s(10), Ok(s(90))),
            (Amount::Percent(50), &n, s(100), s(100), s(10), Ok(s(45))),
            (Amount::Percent(100), &n, s(100), s(100), s(10), Ok(s(90))),
            (Amount::Exact(s(50)), &n, s(100), s(100), s(10), Ok(s(50))),
            (Amount::Exact(s(90)), &n, s(100), s(100), s(10), Ok(s(90))),
            (Amount::Exact(s(95)), &n, s(100), s(100), s(10), Err("sending 9.5 S needs up to 10.5 S with the fee")),
            (Amount::Max, &n, s(5), s(5), s(10), Err("nothing to send: balance 0.5 S, fee up to 1 S")),
            (Amount::Percent(1), &n, U256::from(50u8), U256::from(50u8), U256::ZERO, Err("nothing to send")),
            // A token: the whole balance is spendable; the fee is paid in S.
            (Amount::Max, &t, s(10), usdc(7), s(1), Ok(usdc(7))),
            (Amount::Percent(10), &t, s(10), usdc(7), s(1), Ok(U256::from(700_000u64))),
            (Amount::Exact(usdc(7)), &t, s(10), usdc(7), s(1), Ok(usdc(7))),
            (Amount::Exact(usdc(8)), &t, s(10), usdc(7), s(1), Err("sending 8 USDC needs more than the balance of 7")),
            (
                Amount::Exact(usdc(1)),
                &t,
                s(5),
                usdc(7),
                s(10),
                Err("the fee needs up to 1 S, but the balance is 0.5 S"),
            ),
            (Amount::Max, &t, s(10), U256::ZERO, s(1), Err("nothing to send: balance 0 USDC")),
        ];
        for (i, (amount, asset, native, held, max_fee, want)) in cases.into_iter().enumerate() {
            let got = funds(&amount, asset, Holdings { native, held }, max_fee);
            match (got, want) {
                (Ok(raw), Ok(want)) => assert_eq!(raw, want, "case {i}"),
                (Err(e), Err(start)) => {
                    assert_eq!(e.code(), ErrorCode::InsufficientFunds, "case {i}");
                    let text = e.to_string();
                    assert!(text.starts_with(&format!("insufficient funds: {start}")), "case {i}: {text}");
                }
                (got, want) => panic!("case {i}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn contract_calls_need_value_and_fee() {
        assert!(funds_for_call(s(5), s(5), s(10)).is_ok());
        assert_eq!(code(funds_for_call(s(5), s(6), s(10))), ErrorCode::InsufficientFunds);
    }

    #[test]
    fn look_alikes_share_both_ends() {
        let a = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        assert!(looks_alike(&a, &addr("0x70990000000000000000000000000000000079C8")));
        assert!(!looks_alike(&a, &addr("0x70980000000000000000000000000000000079C8")));
        assert!(!looks_alike(&a, &addr("0x70990000000000000000000000000000000079C9")));
    }

    #[test]
    fn recent_changes() {
        let c = |updated_at| contact("alice", Address::repeat_byte(1), updated_at);
        let m = |added, changed| ContactMarks { added, changed };
        let cases = [
            // (updated_at, marks, changed recently)
            (NOW - 30 * DAY, m(Some(NOW - 30 * DAY), None), false),
            (NOW - 30 * DAY, m(Some(NOW - 30 * DAY), Some(NOW - DAY)), true),
            (NOW - 30 * DAY, m(Some(NOW - 30 * DAY), Some(NOW - 8 * DAY)), false),
            // No recorded change: an update after the first save counts.
            (NOW - DAY, m(Some(NOW - 30 * DAY), None), true),
            (NOW - DAY, m(None, None), false),
        ];
        for (i, (updated_at, marks, want)) in cases.into_iter().enumerate() {
            assert_eq!(changed_recently(&c(updated_at), marks, NOW), want, "case {i}");
        }
    }

    #[test]
    fn risk_rules() {
        let to = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        let lure = addr("0x70990000000000000000000000000000000079C8");
        let (mainnet, testnet) = (net(true), net(false));
        let book = [contact("alice", to, NOW - 30 * DAY), contact("mallory", lure, NOW - 30 * DAY)];
        let calm = Fees { base_fee: 10, priority_fee: 1, max_fee: 21 };
        let high = Fees { base_fee: 10, priority_fee: 1, max_fee: 60 };
        let changed = ContactMarks { added: Some(NOW - 30 * DAY), changed: Some(NOW - DAY) };
        let base = RiskFacts {
            to,
            raw: s(1),
            held: s(10),
            fees: &calm,
            network: &mainnet,
            payee: Payee { paid_before: true, ..Payee::default() },
            contacts: &[],
            now: NOW,
        };
        let payee = |p: Payee| RiskFacts { payee: p, ..base.clone() };
        let cases: Vec<(&str, RiskFacts<'_>, Vec<Risk>)> = vec![
            ("nothing to flag", base.clone(), vec![]),
            ("own account", payee(Payee { own_account: true, ..Payee::default() }), vec![Risk::OwnAccount]),
            ("first payment", payee(Payee::default()), vec![Risk::FirstPayment]),
            ("half is not large", RiskFacts { raw: s(5), ..base.clone() }, vec![]),
            ("large share", RiskFacts { raw: s(6), ..base.clone() }, vec![Risk::LargeShare]),
            (
                "contract",
                payee(Payee { paid_before: true, contract: true, ..Payee::default() }),
                vec![Risk::ContractRecipient],
            ),
            (
                "look-alike contact",
                RiskFacts { contacts: &book[1..], ..base.clone() },
                vec![Risk::LookalikeContact { contact: "mallory".into() }],
            ),
            ("the contact itself is no look-alike", RiskFacts { contacts: &book[..1], ..base.clone() }, vec![]),
            (
                "changed contact",
                RiskFacts { contacts: &book[..1], payee: Payee { marks: changed, ..base.payee }, ..base.clone() },
                vec![Risk::ContactChangedRecently { contact: "alice".into() }],
            ),
            ("high fee", RiskFacts { fees: &high, ..base.clone() }, vec![Risk::HighFee { ratio_tenths: 60 }]),
            (
                "not mainnet",
                RiskFacts { network: &testnet, ..base.clone() },
                vec![Risk::NotMainnet { network: "testnet".into() }],
            ),
            (
                "all at once, in card order",
                RiskFacts {
                    raw: s(9),
                    payee: Payee { contract: true, marks: changed, ..Payee::default() },
                    contacts: &book,
                    fees: &high,
                    network: &testnet,
                    ..base.clone()
                },
                vec![
                    Risk::FirstPayment,
                    Risk::LargeShare,
                    Risk::ContractRecipient,
                    Risk::ContactChangedRecently { contact: "alice".into() },
                    Risk::LookalikeContact { contact: "mallory".into() },
                    Risk::HighFee { ratio_tenths: 60 },
                    Risk::NotMainnet { network: "testnet".into() },
                ],
            ),
        ];
        for (name, facts, want) in cases {
            assert_eq!(risks(&facts), want, "{name}");
        }
        assert_eq!(network_risks(&FEES, &mainnet), vec![]);
    }

    #[test]
    fn summaries() {
        let to = addr("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        let me = AccountInfo {
            position: 1,
            name: "savings".into(),
            address: Address::repeat_byte(0xab),
            kind: sonic_types::dto::AccountKind::Imported,
        };
        let plain = summary(s(15), &Asset::Native, None, to, Some("alice"), U256::from(21_000u64));
        assert!(plain.starts_with(&format!("Send 1.5 S to alice ({}), fee about", short(&to))), "{plain}");
        let named = summary(s(15), &Asset::Native, Some(&me), to, None, U256::ZERO);
        assert!(named.contains(&format!(" from savings ({}) to {}", short(&me.address), short(&to))), "{named}");
    }
}
