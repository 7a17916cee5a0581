//! Requests of dapps and local programs (the signer RPC, `sonic-signer`) made into
//! plans: a transaction request (`eth_sendTransaction`), a message to sign
//! (`personal_sign`, `eth_signTypedData_v4`) and a website's request to connect. Each
//! is confirmed or rejected by the user through the one gate, `confirm_plan`; the
//! web origins the user let connect are kept in the settings and revocable.

use alloy::{
    dyn_abi::TypedData,
    primitives::{address, Address, Bytes, U256},
    signers::SignerSync,
    sol_types::SolCall,
};
use sonic_chain::{Fees, TxSpec};
use sonic_store::settings::SIGNER_ORIGINS;
use sonic_types::{
    amount::format_units_short,
    checksum,
    dto::{ApprovedOrigin, Plan, PlanKind, PlanOutcome, Risk, TokenInfo},
    format_units, Event, Network, NATIVE_DECIMALS, NATIVE_SYMBOL,
};

use crate::{
    engine::Engine,
    plan::{fee_bounds, now_secs, Exec, NoTxPlan, PendingPlan, PlanView},
    send_steps as steps, Error, Result,
};

/// Permit2's address (the same on every chain).
pub const PERMIT2: Address = address!("000000000022D473030F116dDEE9F6B43aC78BA3");

/// The longest origin kept (a longer one is refused).
const MAX_ORIGIN_LEN: usize = 200;
/// The longest message shown on a card; a longer one is refused.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;

alloy::sol! {
    /// The calls a dapp transaction is decoded as.
    interface IDappCalls {
        function transfer(address to, uint256 amount) external returns (bool);
        function approve(address spender, uint256 amount) external returns (bool);
        function transferFrom(address from, address to, uint256 amount) external returns (bool);
        function increaseAllowance(address spender, uint256 added) external returns (bool);
        function setApprovalForAll(address operator, bool approved) external;
        function permit2Approve(address token, address spender, uint160 amount, uint48 expiration) external;
    }
}

/// Permit2's `approve(address,address,uint160,uint48)` selector (the interface names
/// it `permit2Approve` to keep it apart from ERC-20's `approve`).
const PERMIT2_APPROVE: [u8; 4] = [0x87, 0x51, 0x7c, 0x45];

/// A transaction request from a dapp or a local program (`eth_sendTransaction`'s
/// object). The nonce is the wallet's, whatever the request says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DappTx {
    /// The account that pays: must be one of the wallet's.
    pub from: Address,
    /// The account or contract called; `None` deploys `data`.
    pub to: Option<Address>,
    /// Native value, wei.
    pub value: U256,
    /// Calldata or init code.
    pub data: Bytes,
    /// Gas limit asked for (the estimate is used when it is higher).
    pub gas: Option<u64>,
    /// EIP-1559 max fee per gas, wei.
    pub max_fee_per_gas: Option<u128>,
    /// EIP-1559 tip, wei.
    pub max_priority_fee_per_gas: Option<u128>,
    /// A legacy gas price, wei (taken as the max fee).
    pub gas_price: Option<u128>,
    /// The chain the request was made for; another than the active one is refused.
    pub chain_id: Option<u64>,
}

/// A message to sign.
#[derive(Debug, Clone, PartialEq)]
pub enum SignRequest {
    /// EIP-191 `personal_sign` of these bytes.
    Personal(Vec<u8>),
    /// EIP-712 typed data (`eth_signTypedData_v4`): the JSON object, or a string of it.
    TypedData(serde_json::Value),
}

/// What a message plan signs, once confirmed.
#[derive(Debug, Clone)]
pub(crate) enum SignPayload {
    /// EIP-191 personal message.
    Personal(Vec<u8>),
    /// EIP-712 typed data.
    TypedData(Box<TypedData>),
}

/// Who asks: `None` for a local program (no `Origin` header), else the web origin.
fn who(origin: Option<&str>) -> String {
    origin.map_or_else(|| "a local program".to_owned(), str::to_owned)
}

/// The proposer recorded on the plan: `signer` or `signer:<origin>`.
pub fn proposer(origin: Option<&str>) -> String {
    origin.map_or_else(|| "signer".to_owned(), |o| format!("signer:{o}"))
}

/// Reads a web origin (`scheme://host[:port]`) as the signer keeps it, lowercased;
/// refuses anything else (a path, credentials, `null`, an overlong value).
pub fn normalize_origin(raw: &str) -> Result<String> {
    let bad = || Error::Invalid(format!("'{}' is not a web origin", raw.chars().take(60).collect::<String>()));
    let o = raw.trim().to_ascii_lowercase();
    if o.len() > MAX_ORIGIN_LEN || o == "null" {
        return Err(bad());
    }
    let (scheme, rest) = o.split_once("://").ok_or_else(bad)?;
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_lowercase())
        && scheme.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "+-.".contains(c));
    let (host, port, v6) = match rest.strip_prefix('[') {
        Some(inner) => {
            let (h, after) = inner.split_once(']').ok_or_else(bad)?;
            let port = match after {
                "" => None,
                a => Some(a.strip_prefix(':').ok_or_else(bad)?),
            };
            (h, port, true)
        }
        None => match rest.rsplit_once(':') {
            Some((h, p)) => (h, Some(p), false),
            None => (rest, None, false),
        },
    };
    let host_ok = !host.is_empty()
        && host.chars().all(|c| {
            if v6 {
                c.is_ascii_hexdigit() || c == ':' || c == '.'
            } else {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'
            }
        });
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && p.parse::<u16>().is_ok());
    if !(scheme_ok && host_ok && port_ok) {
        return Err(bad());
    }
    Ok(o)
}

/// Whether an amount is, in practice, without limit (at least Permit2's uint160 max).
fn unlimited(amount: U256) -> bool {
    amount >= (U256::MAX >> 96usize)
}

/// A token amount for a card: exact units with the symbol, or "unlimited".
fn token_amount(amount: U256, token: Option<&TokenInfo>) -> String {
    if unlimited(amount) {
        return "unlimited".into();
    }
    match token {
        Some(t) => format!("{} {}", format_units(amount, t.decimals), t.symbol),
        None => format!("{amount} base units"),
    }
}

fn token_name(contract: Address, token: Option<&TokenInfo>) -> String {
    match token {
        Some(t) => format!("{} ({})", t.symbol, checksum(&contract)),
        None => checksum(&contract),
    }
}

/// The risks of an approval of `amount` of `token` to `spender`.
fn approval_risks(spender: Address, token: String, amount: String, deadline: Option<String>, all: bool) -> Vec<Risk> {
    let spender = checksum(&spender);
    let mut risks = vec![Risk::SpendingApproval { spender: spender.clone(), token, amount: amount.clone(), deadline }];
    if all || amount == "unlimited" {
        risks.push(Risk::UnlimitedApproval { spender });
    }
    risks
}

/// What a transaction's calldata says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    /// The function (`transfer`, `approve`...), or the selector when unknown.
    pub(crate) method: String,
    /// What the call does, in words.
    pub(crate) text: String,
    /// Risks of the call itself (approvals, an unknown function).
    pub(crate) risks: Vec<Risk>,
    /// For an ERC-20 transfer: the recipient and the amount in base units.
    pub(crate) token_transfer: Option<(Address, U256)>,
}

/// Decodes `data` sent to `to` (with `token`: what the chain says `to` is, if an
/// ERC-20). A pure function of its inputs.
pub(crate) fn decode_call(to: Option<Address>, value: U256, data: &[u8], token: Option<&TokenInfo>) -> Decoded {
    let plain =
        |method: &str, text: String| Decoded { method: method.into(), text, risks: Vec::new(), token_transfer: None };
    let Some(to) = to else {
        return plain("deploy", format!("deploys a contract ({} bytes of code)", data.len()));
    };
    if data.is_empty() {
        return plain(
            "transfer",
            format!("sends {} {NATIVE_SYMBOL} to {}", format_units(value, NATIVE_DECIMALS), checksum(&to)),
        );
    }
    let Some(selector) = data.get(..4) else {
        return Decoded {
            method: format!("0x{}", alloy::hex::encode(data)),
            text: "calls the contract with calldata shorter than a selector".into(),
            risks: vec![Risk::UnknownCall { selector: format!("0x{}", alloy::hex::encode(data)) }],
            token_transfer: None,
        };
    };
    use IDappCalls as C;
    let contract = token_name(to, token);
    if let Ok(c) = C::transferCall::abi_decode(data) {
        return Decoded {
            method: "transfer".into(),
            text: format!("transfers {} to {} (token {contract})", token_amount(c.amount, token), checksum(&c.to)),
            risks: Vec::new(),
            token_transfer: Some((c.to, c.amount)),
        };
    }
    if let Ok(c) = C::approveCall::abi_decode(data) {
        let amount = token_amount(c.amount, token);
        return Decoded {
            method: "approve".into(),
            text: format!("lets {} spend {amount} of {contract}", checksum(&c.spender)),
            risks: approval_risks(c.spender, contract, amount, None, false),
            token_transfer: None,
        };
    }
    if let Ok(c) = C::increaseAllowanceCall::abi_decode(data) {
        let amount = token_amount(c.added, token);
        return Decoded {
            method: "increaseAllowance".into(),
            text: format!("lets {} spend {amount} more of {contract}", checksum(&c.spender)),
            risks: approval_risks(c.spender, contract, amount, None, false),
            token_transfer: None,
        };
    }
    if let Ok(c) = C::transferFromCall::abi_decode(data) {
        return Decoded {
            method: "transferFrom".into(),
            text: format!(
                "moves {} of {contract} from {} to {}",
                token_amount(c.amount, token),
                checksum(&c.from),
                checksum(&c.to)
            ),
            risks: Vec::new(),
            token_transfer: None,
        };
    }
    if let Ok(c) = C::setApprovalForAllCall::abi_decode(data) {
        return if c.approved {
            Decoded {
                method: "setApprovalForAll".into(),
                text: format!("lets {} move every token of collection {contract}", checksum(&c.operator)),
                risks: approval_risks(c.operator, contract, "unlimited".into(), None, true),
                token_transfer: None,
            }
        } else {
            plain("setApprovalForAll", format!("revokes {}'s approval for {contract}", checksum(&c.operator)))
        };
    }
    if to == PERMIT2 && selector == PERMIT2_APPROVE {
        if let Ok(c) = C::permit2ApproveCall::abi_decode(data) {
            let amount = token_amount(U256::from(c.amount), None);
            let token = checksum(&c.token);
            return Decoded {
                method: "approve".into(),
                text: format!("Permit2: lets {} spend {amount} of {token}", checksum(&c.spender)),
                risks: approval_risks(c.spender, token, amount, Some(c.expiration.to_string()), false),
                token_transfer: None,
            };
        }
    }
    let sel = format!("0x{}", alloy::hex::encode(selector));
    Decoded {
        method: sel.clone(),
        text: format!("calls unknown function {sel} of {}", checksum(&to)),
        risks: vec![Risk::UnknownCall { selector: sel }],
        token_transfer: None,
    }
}

/// Reads a JSON number or numeric string (decimal or 0x) as a U256.
fn json_u256(v: &serde_json::Value) -> Option<U256> {
    match v {
        serde_json::Value::String(s) => s.trim().parse().ok(),
        serde_json::Value::Number(n) => n.as_u64().map(U256::from),
        _ => None,
    }
}

fn json_address(v: &serde_json::Value) -> Option<Address> {
    v.as_str()?.trim().parse().ok()
}

/// The spending approvals in typed data: EIP-2612 `Permit` (and DAI's), Permit2's
/// `PermitSingle`, `PermitBatch`, `PermitTransferFrom` and batch/witness forms.
pub(crate) fn typed_data_risks(t: &TypedData) -> Vec<Risk> {
    let m = &t.message;
    let field = |k: &str| m.get(k);
    let deadline = |keys: &[&str]| keys.iter().find_map(|k| field(k).and_then(json_u256)).map(|d| d.to_string());
    let Some(spender) = field("spender").and_then(json_address) else { return Vec::new() };
    let verifying = t.domain.verifying_contract;
    if verifying == Some(PERMIT2) && t.primary_type.starts_with("Permit") {
        // Each approved token: `details` (allowance transfer) or `permitted`
        // (signature transfer), one object or a list.
        let entries: Vec<&serde_json::Value> = match field("details").or_else(|| field("permitted")) {
            Some(serde_json::Value::Array(a)) => a.iter().collect(),
            Some(one) => vec![one],
            None => Vec::new(),
        };
        let deadline = deadline(&["sigDeadline", "deadline"]);
        let mut risks = Vec::new();
        for e in entries {
            let token = e.get("token").and_then(json_address).map_or_else(|| "unknown token".into(), |a| checksum(&a));
            let amount = e
                .get("amount")
                .and_then(json_u256)
                .map_or_else(|| "an unknown amount".into(), |a| token_amount(a, None));
            risks.extend(approval_risks(spender, format!("{token} via Permit2"), amount, deadline.clone(), false));
        }
        if risks.is_empty() {
            risks = approval_risks(spender, "tokens via Permit2".into(), "an unknown amount".into(), deadline, false);
        }
        risks.dedup();
        return risks;
    }
    if t.primary_type == "Permit" {
        let token = verifying.map_or_else(|| "an unknown token".into(), |a| checksum(&a));
        // DAI's permit: `allowed: true` is an unlimited approval.
        let all = field("allowed").and_then(serde_json::Value::as_bool) == Some(true);
        let amount = match field("value").and_then(json_u256) {
            Some(v) => token_amount(v, None),
            None if all => "unlimited".into(),
            None => "an unknown amount".into(),
        };
        return approval_risks(spender, token, amount, deadline(&["deadline", "expiry"]), all);
    }
    Vec::new()
}

/// Characters that change how text reads without showing: bidirectional overrides
/// and isolates, zero-width characters, the byte-order mark.
fn hides_text(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// A personal message for a card: its text when it reads as it is, else hex.
fn shown_message(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) if s.chars().all(|c| (!c.is_control() || c == '\n' || c == '\t') && !hides_text(c)) => s.to_owned(),
        _ => format!("0x{}", alloy::hex::encode(bytes)),
    }
}

impl Engine {
    /// The web origins the user let connect to the signer RPC.
    pub fn approved_origins(&self) -> Result<Vec<ApprovedOrigin>> {
        Ok(self.store.setting(&SIGNER_ORIGINS)?.unwrap_or_default())
    }

    /// Whether `origin` may see the accounts and propose.
    pub fn is_origin_approved(&self, origin: &str) -> Result<bool> {
        let Ok(o) = normalize_origin(origin) else { return Ok(false) };
        Ok(self.approved_origins()?.iter().any(|a| a.origin == o))
    }

    /// Lets `origin` connect (the user's decision: a confirmed `ConnectOrigin` card,
    /// or Settings). Approving an approved origin keeps its first date.
    pub fn approve_origin(&self, origin: &str) -> Result<ApprovedOrigin> {
        let origin = normalize_origin(origin)?;
        let mut all = self.approved_origins()?;
        if let Some(a) = all.iter().find(|a| a.origin == origin) {
            return Ok(a.clone());
        }
        let approved = ApprovedOrigin { origin, approved_at: now_secs() };
        all.push(approved.clone());
        self.store.set_setting(&SIGNER_ORIGINS, &all)?;
        Ok(approved)
    }

    /// Withdraws an origin's approval; `false` when it had none.
    pub fn revoke_origin(&self, origin: &str) -> Result<bool> {
        let Ok(origin) = normalize_origin(origin) else { return Ok(false) };
        let mut all = self.approved_origins()?;
        let before = all.len();
        all.retain(|a| a.origin != origin);
        if all.len() == before {
            return Ok(false);
        }
        self.store.set_setting(&SIGNER_ORIGINS, &all)?;
        Ok(true)
    }

    /// A plan with no transaction (a message, a connection) on the active network.
    async fn message_plan(
        &self,
        from: Address,
        to: Address,
        kind: PlanKind,
        risks: Vec<Risk>,
        summary: String,
    ) -> Result<Plan> {
        let network = self.active_network()?;
        let chain_id = self.active_chain_id().await?;
        Ok(self.plan_without_tx(NoTxPlan {
            network: network.name,
            chain_id,
            from,
            to,
            to_label: None,
            kind,
            risks,
            summary,
        }))
    }

    /// Plans a website's connection: confirming it approves `origin`.
    pub async fn plan_connect(&self, origin: &str) -> Result<Plan> {
        let origin = normalize_origin(origin)?;
        let from = self.resolve_account(None).await?.address;
        let summary = format!("{origin} asks to connect: it will see your accounts and may propose transactions and signatures, each confirmed here");
        let plan = self
            .message_plan(from, Address::ZERO, PlanKind::ConnectOrigin { origin: origin.clone() }, Vec::new(), summary)
            .await?;
        self.keep_plan(plan.clone(), Exec::ConnectOrigin { origin }).await;
        Ok(plan)
    }

    /// Takes a plan of the kind `want` accepts (refusing the others without taking
    /// them).
    async fn take_plan(&self, id: &str, want: fn(&Exec) -> bool, what: &str) -> Result<PendingPlan> {
        let mut plans = self.plans_mut().await;
        match plans.peek(id).map(|p| &p.exec) {
            Some(e) if !want(e) => Err(Error::Plan(format!("this plan is not {what}"))),
            _ => plans.take(id),
        }
    }

    /// Approves the origin a connection plan showed, once.
    pub async fn confirm_connect(&self, id: &str) -> Result<ApprovedOrigin> {
        let pending = self.take_plan(id, |e| matches!(e, Exec::ConnectOrigin { .. }), "a connection").await?;
        let result = match pending.exec {
            Exec::ConnectOrigin { origin } => self.approve_origin(&origin),
            _ => Err(Error::Plan("this plan is not a connection".into())),
        };
        self.resolved(id, &result, |_| None);
        result
    }

    /// Plans a message signature by `account` for a client of the signer RPC. Typed
    /// data for another chain than the active one is refused; permits are flagged as
    /// spending approvals.
    pub async fn plan_sign_message(&self, origin: Option<&str>, account: Address, req: SignRequest) -> Result<Plan> {
        if !self.accounts().await?.iter().any(|a| a.address == account) {
            return Err(Error::NotFound(format!("{} is not an account of this wallet", checksum(&account))));
        }
        let mut risks = vec![Risk::ExternalRequest { origin: who(origin) }];
        let (method, message, to, payload) = match req {
            SignRequest::Personal(bytes) => {
                if bytes.len() > MAX_MESSAGE_BYTES {
                    return Err(Error::Invalid("the message is too long to show".into()));
                }
                ("personal_sign", shown_message(&bytes), Address::ZERO, SignPayload::Personal(bytes))
            }
            SignRequest::TypedData(json) => {
                sonic_types::eip712::check_shape(&json)
                    .map_err(|why| Error::Invalid(format!("typed data too large or too deep to sign: {why}")))?;
                // Encodes it now, off the async workers: what cannot be hashed is
                // refused before a card.
                let typed = tokio::task::spawn_blocking(move || {
                    let typed: TypedData = serde_json::from_value(json)
                        .map_err(|e| Error::Invalid(format!("not EIP-712 typed data: {e}")))?;
                    typed.eip712_signing_hash().map_err(|e| Error::Invalid(format!("not EIP-712 typed data: {e}")))?;
                    Ok::<_, Error>(typed)
                })
                .await
                .map_err(|e| Error::Invalid(format!("not EIP-712 typed data: {e}")))??;
                if let Some(id) = typed.domain.chain_id {
                    let active = self.chain().await?.chain_id();
                    if id != U256::from(active) {
                        return Err(Error::Invalid(format!(
                            "the typed data is for chain {id}, but the wallet is on chain {active}"
                        )));
                    }
                }
                let shown = serde_json::to_string_pretty(&typed).unwrap_or_default();
                if shown.len() > MAX_MESSAGE_BYTES {
                    return Err(Error::Invalid("the typed data is too long to show".into()));
                }
                risks.extend(typed_data_risks(&typed));
                let to = typed.domain.verifying_contract.unwrap_or(Address::ZERO);
                ("eth_signTypedData_v4", shown, to, SignPayload::TypedData(Box::new(typed)))
            }
        };
        let approval = risks.iter().any(|r| matches!(r, Risk::SpendingApproval { .. }));
        let summary = format!(
            "{} asks {} to sign {}",
            who(origin),
            checksum(&account),
            if approval { "a spending approval" } else { "a message" }
        );
        let kind = PlanKind::SignMessage { origin: who(origin), method: method.into(), message };
        let plan = self.message_plan(account, to, kind, risks, summary).await?;
        self.keep_plan(plan.clone(), Exec::SignMessage { from: account, payload }).await;
        Ok(plan)
    }

    /// Signs the message a plan showed, once; returns the 0x-prefixed 65-byte
    /// signature (v = 27 or 28). The only path to a message signature.
    pub async fn confirm_signature(&self, id: &str) -> Result<String> {
        // Locked: refused before the plan is taken, so the card stays for after the
        // unlock.
        if !self.is_unlocked().await {
            return Err(sonic_vault::Error::Locked.into());
        }
        let pending = self.take_plan(id, |e| matches!(e, Exec::SignMessage { .. }), "a message to sign").await?;
        let result = self.sign_payload(pending.exec).await;
        let outcome = match &result {
            Ok(sig) => PlanOutcome::Confirmed { hash: None, signature: Some(sig.clone()) },
            Err(e) => PlanOutcome::Failed { reason: sonic_types::redact::scrub(&e.to_string()) },
        };
        self.bus.publish(Event::PlanResolved { id: id.to_owned(), outcome });
        result
    }

    async fn sign_payload(&self, exec: Exec) -> Result<String> {
        let Exec::SignMessage { from, payload } = exec else {
            return Err(Error::Plan("this plan signs no message".into()));
        };
        let signer = self.with_vault(|v| Ok(v.signer(from)?)).await?;
        let sig = match &payload {
            SignPayload::Personal(bytes) => signer.sign_message_sync(bytes),
            SignPayload::TypedData(t) => signer.sign_dynamic_typed_data_sync(t),
        }
        .map_err(|e| Error::Plan(format!("signing failed: {e}")))?;
        drop(signer);
        Ok(alloy::hex::encode_prefixed(sig.as_bytes()))
    }

    /// Plans a transaction a dapp or a local program asked for: `from` must be one of
    /// the wallet's accounts and the chain the active one; it is simulated (a revert
    /// is refused with its reason), priced, checked against the balance, and its
    /// calldata decoded where the ABI is known (ERC-20 transfers and approvals,
    /// operator approvals, Permit2), with the risks flagged.
    pub async fn plan_dapp_tx(&self, origin: Option<&str>, tx: DappTx) -> Result<Plan> {
        if !self.accounts().await?.iter().any(|a| a.address == tx.from) {
            return Err(Error::NotFound(format!("{} is not an account of this wallet", checksum(&tx.from))));
        }
        let chain = self.chain().await?;
        if let Some(id) = tx.chain_id {
            if id != chain.chain_id() {
                return Err(Error::Invalid(format!(
                    "the transaction is for chain {id}, but the wallet is on chain {}",
                    chain.chain_id()
                )));
            }
        }
        let network: Network = chain.network().clone();
        let native = chain.native_balance(tx.from).await?;
        let estimate = chain.simulate_and_estimate(tx.from, tx.to, tx.value, &tx.data).await?;
        let gas_limit = tx.gas.map_or(estimate, |g| g.max(estimate));
        let fees = dapp_fees(chain.fees().await?, &tx);
        let (max_fee, expected_fee) = fee_bounds(gas_limit, &fees);
        steps::funds_for_call(tx.value, max_fee, native)?;

        let token = match (tx.to, tx.data.len() >= 4) {
            (Some(to), true) => chain.token_info(to).await.ok(),
            _ => None,
        };
        let decoded = decode_call(tx.to, tx.value, &tx.data, token.as_ref());
        let mut risks = vec![Risk::ExternalRequest { origin: who(origin) }];
        risks.extend(decoded.risks.iter().cloned());
        risks.extend(steps::network_risks(&fees, &network));
        let called = tx.to.unwrap_or(Address::ZERO);
        let (to, asset, token_addr, raw, decimals) = match (decoded.token_transfer, &token) {
            (Some((recipient, amount)), Some(t)) => (recipient, t.symbol.clone(), Some(t.address), amount, t.decimals),
            _ => (called, NATIVE_SYMBOL.to_owned(), None, tx.value, NATIVE_DECIMALS),
        };
        // Value (S, or the tokens of a transfer) going to a contract, not a person.
        let pays = tx.data.is_empty() || decoded.token_transfer.is_some();
        if tx.to.is_some() && pays && chain.is_contract(to).await? {
            risks.push(Risk::ContractRecipient);
        }
        let summary = format!(
            "{}: {}, fee about {} S",
            who(origin),
            decoded.text,
            format_units_short(expected_fee, NATIVE_DECIMALS)
        );
        let kind = PlanKind::DappCall { origin: who(origin), method: decoded.method, decoded: decoded.text };
        let spec = TxSpec { from: tx.from, to: tx.to, value: tx.value, data: tx.data, gas_limit, fees, nonce: None };
        let view = PlanView { kind, to, to_label: None, asset, token: token_addr, raw, decimals, risks, summary };
        Ok(self.make_plan(&chain, spec, view).await)
    }

    /// Proposes a pending plan as `proposer` (`signer`, `signer:<origin>`) and waits
    /// until the user confirms or rejects it, or it expires.
    pub async fn propose_and_wait(&self, id: &str, proposer: &str) -> Result<PlanOutcome> {
        // Listening before it is announced: a quick confirmation is not missed.
        let rx = self.bus.subscribe();
        self.propose_as(id, proposer).await?;
        Ok(self.wait_plan_on(rx, id).await)
    }

    /// Switches to the known network with `chain_id` (`wallet_switchEthereumChain`).
    pub async fn switch_to_chain(&self, chain_id: u64) -> Result<Network> {
        let active = self.active_network()?;
        // Already there (a local network takes its chain id from its node).
        let here = match active.chain_id {
            Some(id) => id == chain_id,
            None => self.chain().await.is_ok_and(|c| c.chain_id() == chain_id),
        };
        if here {
            return Ok(active);
        }
        let net = self
            .networks()?
            .into_iter()
            .find(|n| n.chain_id == Some(chain_id))
            .ok_or_else(|| Error::NotFound(format!("the wallet knows no network with chain id {chain_id}")))?;
        let fixed = self.network_override.read().map_or(true, |n| n.is_some()) || self.started_rpc().is_some();
        if fixed {
            return Err(Error::Invalid(format!(
                "this session is fixed to network '{}' (--network / --rpc); it cannot switch to '{}'",
                active.name, net.name
            )));
        }
        self.set_network(&net.name)?;
        Ok(net)
    }
}

/// The fees of a dapp's transaction: its own caps where it gave them, else the
/// wallet's (a tip above the cap is lowered to it).
fn dapp_fees(node: Fees, tx: &DappTx) -> Fees {
    let max_fee = tx.max_fee_per_gas.or(tx.gas_price).unwrap_or(node.max_fee);
    let priority_fee = tx.max_priority_fee_per_gas.unwrap_or(node.priority_fee).min(max_fee);
    Fees { base_fee: node.base_fee, priority_fee, max_fee }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Address = address!("70997970C51812dc3A010C7d01b50e0d17dc79C8");

    #[test]
    fn origins_are_read_strictly() {
        for (raw, want) in [
            ("https://App.Example", Some("https://app.example")),
            ("http://localhost:3000", Some("http://localhost:3000")),
            ("http://[::1]:8080", Some("http://[::1]:8080")),
            ("chrome-extension://abcdef", Some("chrome-extension://abcdef")),
            ("null", None),
            ("https://app.example/path", None),
            ("https://user@app.example", None),
            ("app.example", None),
            ("https://", None),
            ("https://a.example:", None),
            ("https://a.example:123456", None),
        ] {
            assert_eq!(normalize_origin(raw).ok().as_deref(), want, "{raw}");
        }
        assert!(normalize_origin(&format!("https://{}.example", "a".repeat(300))).is_err());
    }

    #[test]
    fn erc20_calls_are_decoded_and_approvals_flagged() {
        let usdc = TokenInfo { address: A, symbol: "USDC".into(), decimals: 6 };
        let t = IDappCalls::transferCall { to: A, amount: U256::from(1_500_000u64) }.abi_encode();
        let d = decode_call(Some(A), U256::ZERO, &t, Some(&usdc));
        assert_eq!(d.method, "transfer");
        assert!(d.text.contains("1.5 USDC"), "{}", d.text);
        assert_eq!(d.token_transfer, Some((A, U256::from(1_500_000u64))));
        assert!(d.risks.is_empty());

        let a = IDappCalls::approveCall { spender: A, amount: U256::MAX }.abi_encode();
        let d = decode_call(Some(A), U256::ZERO, &a, Some(&usdc));
        assert_eq!(d.method, "approve");
        assert!(d.risks.iter().any(|r| matches!(r, Risk::SpendingApproval { amount, .. } if amount == "unlimited")));
        assert!(d.risks.contains(&Risk::UnlimitedApproval { spender: checksum(&A) }));

        let a = IDappCalls::approveCall { spender: A, amount: U256::from(2_000_000u64) }.abi_encode();
        let d = decode_call(Some(A), U256::ZERO, &a, Some(&usdc));
        assert!(d.risks.iter().any(|r| matches!(r, Risk::SpendingApproval { amount, .. } if amount == "2 USDC")));
        assert!(!d.risks.iter().any(|r| matches!(r, Risk::UnlimitedApproval { .. })));

        let d = decode_call(Some(A), U256::ZERO, &[0xde, 0xad, 0xbe, 0xef, 1, 2], None);
        assert_eq!(d.risks, vec![Risk::UnknownCall { selector: "0xdeadbeef".into() }]);
        assert_eq!(decode_call(None, U256::ZERO, &[1, 2, 3], None).method, "deploy");
        assert_eq!(decode_call(Some(A), U256::from(1u8), &[], None).method, "transfer");
    }

    #[test]
    fn permit2_approve_selector_is_the_real_one() {
        let sel = alloy::primitives::keccak256("approve(address,address,uint160,uint48)");
        assert_eq!(sel[..4], PERMIT2_APPROVE);
    }

    fn typed(primary: &str, verifying: Address, message: serde_json::Value) -> TypedData {
        let types = if primary == "Permit" {
            serde_json::json!({
                "EIP712Domain": [{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "Permit": [{"name":"owner","type":"address"},{"name":"spender","type":"address"},{"name":"value","type":"uint256"},{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}]
            })
        } else {
            serde_json::json!({
                "EIP712Domain": [{"name":"name","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "PermitSingle": [{"name":"details","type":"PermitDetails"},{"name":"spender","type":"address"},{"name":"sigDeadline","type":"uint256"}],
                "PermitDetails": [{"name":"token","type":"address"},{"name":"amount","type":"uint160"},{"name":"expiration","type":"uint48"},{"name":"nonce","type":"uint48"}]
            })
        };
        serde_json::from_value(serde_json::json!({
            "types": types,
            "primaryType": primary,
            "domain": {"name": "T", "chainId": 146, "verifyingContract": verifying},
            "message": message,
        }))
        .expect("typed data")
    }

    #[test]
    fn permits_are_spending_approvals() {
        let t = typed(
            "Permit",
            A,
            serde_json::json!({"owner": A, "spender": A, "value": "1000", "nonce": 0, "deadline": "1700000000"}),
        );
        assert!(t.eip712_signing_hash().is_ok());
        let r = typed_data_risks(&t);
        assert_eq!(
            r,
            vec![Risk::SpendingApproval {
                spender: checksum(&A),
                token: checksum(&A),
                amount: "1000 base units".into(),
                deadline: Some("1700000000".into())
            }]
        );

        let max160 = (U256::MAX >> 96usize).to_string();
        let t = typed(
            "PermitSingle",
            PERMIT2,
            serde_json::json!({"details": {"token": A, "amount": max160, "expiration": 1, "nonce": 0}, "spender": A, "sigDeadline": "5"}),
        );
        assert!(t.eip712_signing_hash().is_ok());
        let r = typed_data_risks(&t);
        assert!(r.iter().any(|r| matches!(r, Risk::SpendingApproval { token, .. } if token.contains("Permit2"))));
        assert!(r.contains(&Risk::UnlimitedApproval { spender: checksum(&A) }));

        // Another primary type, or Permit-shaped data of an unrelated contract
        // without a spender, is a plain message.
        let mail = typed("Permit", A, serde_json::json!({"owner": A}));
        assert!(typed_data_risks(&mail).is_empty());
    }

    #[test]
    fn a_dapps_fee_caps_are_kept_and_the_tip_never_exceeds_the_cap() {
        let node = Fees { base_fee: 10, priority_fee: 5, max_fee: 25 };
        assert_eq!(dapp_fees(node, &DappTx::default()), node);
        let tx = DappTx { max_fee_per_gas: Some(100), max_priority_fee_per_gas: Some(200), ..Default::default() };
        assert_eq!(dapp_fees(node, &tx), Fees { base_fee: 10, priority_fee: 100, max_fee: 100 });
        let tx = DappTx { gas_price: Some(3), ..Default::default() };
        assert_eq!(dapp_fees(node, &tx), Fees { base_fee: 10, priority_fee: 3, max_fee: 3 });
    }

    #[test]
    fn typed_data_of_real_shape_passes_and_outsized_shapes_are_refused() {
        use serde_json::json;
        // Permit2's PermitBatch for 50 tokens: well inside the bounds.
        let details: Vec<serde_json::Value> = (0..50)
            .map(|i| json!({"token": format!("0x{i:040x}"), "amount": "1", "expiration": "1", "nonce": "0"}))
            .collect();
        let batch = json!({
            "types": {
                "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"},
                    {"name": "verifyingContract", "type": "address"}],
                "PermitBatch": [{"name": "details", "type": "PermitDetails[]"}, {"name": "spender", "type": "address"},
                    {"name": "sigDeadline", "type": "uint256"}],
                "PermitDetails": [{"name": "token", "type": "address"}, {"name": "amount", "type": "uint160"},
                    {"name": "expiration", "type": "uint48"}, {"name": "nonce", "type": "uint48"}]
            },
            "primaryType": "PermitBatch",
            "domain": {"name": "Permit2", "chainId": 146, "verifyingContract": format!("{PERMIT2:#x}")},
            "message": {"details": details, "spender": format!("0x{:040x}", 7), "sigDeadline": "1"}
        });
        sonic_types::eip712::check_shape(&batch).expect("a real batch permit");
        let typed: TypedData = serde_json::from_value(batch).expect("typed data");
        typed.eip712_signing_hash().expect("hashes");
    }

    #[test]
    fn personal_messages_show_as_text_or_hex() {
        assert_eq!(shown_message(b"hello\nworld"), "hello\nworld");
        assert_eq!(shown_message(&[0, 1, 0xff]), "0x0001ff");
        // A right-to-left override would make the card read otherwise than the bytes.
        assert_eq!(shown_message("pay \u{202E}001".as_bytes()), "0x70617920e280ae303031");
    }
}
