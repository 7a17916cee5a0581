//! The agent on top of the engine: a chat message goes through the pure parser and the
//! conversation state, then becomes a reply from live data, or a plan that only an
//! explicit confirmation executes. The agent never holds or asks for keys.

use std::time::Duration;

use sonic_agent::{reply, Contacts, Conversation, Turn};
use sonic_llm::{BoundKey, Provider, ProviderConfig, ProviderKind};
use sonic_types::{
    action::{Action, Intent, Status},
    address::short,
    checksum,
    dto::{AgentReply, PlanKind, TxRecord, TxState},
    format_units, U256,
};

use crate::{
    contracts::subscription_required,
    engine::Engine,
    settings::{AGENT_PROVIDER, CONVERSATION},
    AmountSpec, Error, HistoryFilter, Result, SendRequest,
};

const PROVIDER_SECRET: &str = "llm_api_key";

trait ReplyText {
    fn text(text: impl Into<String>, action: Option<Action>) -> Self;
}

impl ReplyText for AgentReply {
    fn text(text: impl Into<String>, action: Option<Action>) -> Self {
        Self { text: text.into(), action, plan: None }
    }
}

fn period_phrase(days: Option<u64>) -> String {
    match days {
        None => String::new(),
        Some(1) => " today".into(),
        Some(7) => " in the last week".into(),
        Some(30) => " in the last month".into(),
        Some(d) => format!(" in the last {d} days"),
    }
}

impl Engine {
    fn conversation(&self) -> Result<Conversation> {
        Ok(self.store().setting(&CONVERSATION)?.unwrap_or_default())
    }

    fn save_conversation(&self, c: &Conversation) -> Result<()> {
        Ok(self.store().set_setting(&CONVERSATION, c)?)
    }

    /// The address book as the parser sees it.
    pub fn agent_contacts(&self) -> Result<Contacts> {
        let mut book = Contacts::new();
        for c in self.contacts()? {
            book.insert(&c.name, c.address);
        }
        Ok(book)
    }

    /// The optional language-model provider (None: the rules engine only, the default).
    pub fn agent_provider(&self) -> Result<Option<ProviderConfig>> {
        Ok(self.store().setting(&AGENT_PROVIDER)?.flatten())
    }

    /// Sets or clears the language-model provider. A cloud provider (Gemini) is a
    /// Premium feature, checked on chain now and again at each use; a local
    /// OpenAI-compatible server is free.
    pub async fn set_agent_provider(&self, config: Option<ProviderConfig>) -> Result<()> {
        if let Some(c) = &config {
            Provider::new(c.clone(), None)?;
            if c.kind == ProviderKind::Gemini && !self.premium_active().await? {
                return Err(subscription_required("the Gemini provider"));
            }
        }
        Ok(self.store().set_setting(&AGENT_PROVIDER, &config)?)
    }

    /// Stores (or removes) the provider's API key in the vault (unlocked vault only),
    /// bound to the base URL of the provider set now: it is only ever sent there, so a
    /// provider moved to another URL later gets no key until one is set for it.
    pub async fn set_agent_provider_key(&self, key: Option<&str>) -> Result<()> {
        let bound = match key {
            Some(k) => {
                let config = self.agent_provider()?.ok_or_else(|| {
                    Error::Invalid("choose the model provider first: an API key is kept for its URL only".into())
                })?;
                Some(BoundKey::new(&config.base_url, k).to_secret())
            }
            None => None,
        };
        self.with_vault_mut(|v| Ok(v.set_secret(PROVIDER_SECRET, bound.as_deref())?)).await
    }

    /// The provider's reading of a message, validated; `None` when no provider is set
    /// or it fails (the rules engine answers then).
    async fn llm_action(&self, text: &str, contacts: &Contacts) -> Option<Action> {
        let config = self.agent_provider().ok()??;
        if config.kind == ProviderKind::Gemini && !self.premium_active().await.unwrap_or(false) {
            tracing::warn!("Gemini needs an active Premium subscription; using the rules engine");
            return None;
        }
        let secret = self.with_vault_mut(|v| Ok(v.secret(PROVIDER_SECRET)?)).await.ok().flatten();
        // The key goes only to the URL it was set for.
        let key = secret.as_deref().and_then(|s| {
            let key = BoundKey::from_secret(s).and_then(|b| b.key_for(&config.base_url).map(str::to_string));
            if key.is_none() {
                tracing::warn!("the stored API key was not set for this provider's URL; asking without it");
            }
            key
        });
        let provider = Provider::new(config, key).ok()?;
        let names: Vec<String> = self.contacts().ok()?.into_iter().map(|c| c.name).collect();
        match provider.interpret(text, contacts, &names).await {
            Ok(a) => Some(a),
            Err(e) => {
                tracing::warn!("language model unavailable, using the rules engine: {e}");
                None
            }
        }
    }

    /// Forgets the conversation (pending questions and plans).
    pub fn agent_reset(&self) -> Result<()> {
        self.save_conversation(&Conversation::default())
    }

    /// Handles one chat message with no card on screen: a "yes" confirms nothing. See
    /// [`Engine::agent_turn_with`].
    pub async fn agent_turn(&self, text: &str) -> Result<AgentReply> {
        self.agent_turn_with(text, None).await
    }

    /// Handles one chat message. A ready transfer becomes a plan (returned for the user
    /// to confirm on a card). `visible_plan` is the id of the plan whose card is on the
    /// user's screen: a "yes" confirms that plan while it is pending, and nothing else
    /// (not a plan whose card is gone, not an expired one); "no" drops it, and the plan
    /// the conversation showed last. Replies to "yes" and "no" carry no action.
    /// In the desktop, a reply naming a Premium or NFT CLI command names the app's page
    /// instead.
    pub async fn agent_turn_with(&self, text: &str, visible_plan: Option<&str>) -> Result<AgentReply> {
        let mut reply = self.agent_turn_inner(text, visible_plan).await?;
        if self.in_desktop() {
            reply.text = desktop_pages(&reply.text);
        }
        Ok(reply)
    }

    async fn agent_turn_inner(&self, text: &str, visible_plan: Option<&str>) -> Result<AgentReply> {
        let mut conv = self.conversation()?;
        let contacts = self.agent_contacts()?;
        // The rules engine always reads the message first.
        let rules = sonic_agent::parse(text, &contacts);
        // A message that may hold a private key goes no further: not to a model, not to
        // the node, not into the stored conversation.
        if sonic_agent::may_hold_private_key(text, &rules) {
            return Ok(AgentReply::text(sonic_agent::private_key_warning(), None));
        }
        // The model is asked only where the rules found nothing or asked for slots, and
        // `merge_model` keeps only what the user wrote: a model never makes a ready
        // send, swap, stake or contact change on its own.
        let chosen = if rules.intent == Intent::Unknown || rules.status == Status::NeedsClarification {
            match self.llm_action(text, &contacts).await {
                Some(model) => sonic_agent::merge_model(text, &rules, model),
                None => rules,
            }
        } else {
            rules
        };
        // A "yes" applies only to the plan whose card is on screen, while it is pending:
        // the conversation's memory of a plan shown earlier is not enough. "yes" and "no"
        // are read as answers to a card even when none is shown, so that a "yes" with no
        // card is told so rather than read as a new request.
        let shown = match visible_plan {
            Some(id) if self.plan_kind(id).await.is_some() => Some(id.to_string()),
            _ => None,
        };
        let remembered = conv.plan_id.replace(shown.clone().unwrap_or_default());
        let turn = conv.next_with(text, &contacts, |_| chosen);
        let reply = match turn {
            Turn::Confirm => {
                conv.plan_id = None;
                self.save_conversation(&conv)?;
                let Some(id) = shown else {
                    return Ok(AgentReply::text(
                        "There is no plan on screen to confirm, so nothing was sent. Ask again to get a new card.",
                        None,
                    ));
                };
                let text = self.confirm_by_word(&id).await?;
                return Ok(AgentReply::text(text, None));
            }
            Turn::Reject(_) => {
                for id in shown.iter().chain(remembered.iter()) {
                    self.cancel_plan(id).await;
                }
                AgentReply::text("OK, cancelled. Nothing was sent.", None)
            }
            Turn::Act(action) => self.answer(action, &mut conv).await?,
        };
        self.save_conversation(&conv)?;
        Ok(reply)
    }

    /// Executes a plan confirmed in the chat, whatever its kind; the reply says what
    /// happened.
    async fn confirm_by_word(&self, id: &str) -> Result<String> {
        match self.plan_kind(id).await {
            Some(PlanKind::Contact { .. }) => {
                let c = self.confirm_contact(id).await?;
                Ok(format!("Saved {} as {}.", c.name, checksum(&c.address)))
            }
            Some(PlanKind::NftMint { .. }) => {
                let m = self.confirm_nft_mint(id).await?;
                Ok(format!(
                    "Minted #{} with {} (image {}){}.",
                    m.token_id,
                    m.token_uri,
                    m.image_cid.as_deref().unwrap_or("none"),
                    if m.pinned { ", pinned" } else { ", not pinned yet (kept locally)" }
                ))
            }
            _ => {
                let r = self.confirm(id, Some(Duration::from_secs(60))).await?;
                let state = match r.status {
                    TxState::Confirmed => format!("Confirmed in block {}.", r.block.unwrap_or_default()),
                    TxState::Failed => "It was mined but reverted.".into(),
                    TxState::Pending => "It is pending.".into(),
                    TxState::Dropped | TxState::Replaced => "It was not mined.".into(),
                };
                Ok(format!("Sent: {}. {state}", r.hash))
            }
        }
    }

    async fn answer(&self, a: Action, conv: &mut Conversation) -> Result<AgentReply> {
        // A misspelt word the parser read as another is said first ("I read 'sedn' as
        // 'send'."), so the user sees the guess before the plan or the answer.
        let read_as = reply::read_as(&a).map(|r| format!("{r}. "));
        let said = |text: String| format!("{}{text}", read_as.as_deref().unwrap_or_default());
        if a.status == Status::NeedsClarification {
            return Ok(AgentReply::text(said(reply::clarification(&a)), Some(a)));
        }
        // DeFi questions are answered below: market data from DefiLlama, staking from
        // the SFC.
        let from_market = a.intent == Intent::DefiQuery;
        // Stakes are planned below (through the SFC), not answered as unavailable.
        let planned_here = from_market || a.intent == Intent::Stake || a.intent == Intent::Swap;
        if let Some(text) = reply::not_available(&a).filter(|_| !planned_here) {
            return Ok(AgentReply::text(said(text), Some(a)));
        }
        let text = match a.intent {
            Intent::Send => {
                let req = SendRequest {
                    from: a.slot("from").map(str::to_string),
                    to: a.slot("to_address").or(a.slot("to")).unwrap_or_default().to_string(),
                    amount: AmountSpec::parse(a.slot("amount").unwrap_or_default())?,
                    asset: a.slot("asset").map(str::to_string),
                };
                let plan = match self.plan_send(req).await {
                    Ok(p) => p,
                    Err(e) => return Ok(AgentReply::text(said(format!("I can't plan that: {e}")), Some(a))),
                };
                conv.plan_id = Some(plan.id.clone());
                let text = card_text(&plan, "send");
                return Ok(AgentReply { text: said(text), action: Some(a), plan: Some(plan) });
            }
            Intent::Stake => {
                let amount = a.slot("amount").unwrap_or_default().to_string();
                let Some(validator) = a.slot("validator").map(str::to_string) else {
                    let text = self.which_validator(&amount).await;
                    return Ok(AgentReply::text(said(text), Some(a)));
                };
                let planned = match validator.parse::<u64>() {
                    Ok(id) => self.plan_stake_delegate(id, &amount).await,
                    Err(_) => Err(Error::Invalid(format!("'{validator}' is not a validator id"))),
                };
                let plan = match planned {
                    Ok(p) => p,
                    Err(e) => return Ok(AgentReply::text(said(format!("I can't plan that: {e}")), Some(a))),
                };
                conv.plan_id = Some(plan.id.clone());
                let text = card_text(&plan, "delegate");
                return Ok(AgentReply { text: said(text), action: Some(a), plan: Some(plan) });
            }
            Intent::Swap => {
                let (sell, buy) = (a.slot("from_asset").unwrap_or_default(), a.slot("to_asset").unwrap_or_default());
                let is = |x: &str, y: &str| x.eq_ignore_ascii_case(y);
                // S and wS are exchanged one for one: "swap 5 S to wS" is a wrap.
                let planned = match AmountSpec::parse(a.slot("amount").unwrap_or_default()) {
                    Ok(amount) if is(sell, "S") && is(buy, "wS") => self.plan_wrap(amount).await,
                    Ok(amount) if is(sell, "wS") && is(buy, "S") => self.plan_unwrap(amount).await,
                    Ok(amount) => self.plan_swap(swap_request(&a, amount)).await,
                    Err(e) => Err(e),
                };
                let plan = match planned {
                    Ok(p) => p,
                    Err(e) => return Ok(AgentReply::text(said(format!("I can't plan that: {e}")), Some(a))),
                };
                conv.plan_id = Some(plan.id.clone());
                let verb = match plan.kind {
                    PlanKind::Wrap => "wrap",
                    PlanKind::Unwrap => "unwrap",
                    _ => "swap",
                };
                let text = card_text(&plan, verb);
                return Ok(AgentReply { text: said(text), action: Some(a), plan: Some(plan) });
            }
            // "what would I get for 10 S in USDC?": a quote, and no plan.
            Intent::Help if a.slot("quote") == Some("swap") => {
                let quoted = match AmountSpec::parse(a.slot("amount").unwrap_or_default()) {
                    Ok(amount) => self.quote_swap(swap_request(&a, amount)).await,
                    Err(e) => Err(e),
                };
                match quoted {
                    Ok(q) => format!(
                        "Right now {}. This is only a quote: nothing was planned or sent. Say \"swap {} {} for {}\" \
                         to get a plan to confirm.",
                        q.line(),
                        q.sell_amount(),
                        q.sell_asset,
                        q.buy_asset
                    ),
                    Err(e) => format!("I can't quote that: {e}"),
                }
            }
            Intent::Subscription if a.slot("action") == Some("purchase") => {
                let plan = match self.plan_subscription_purchase().await {
                    Ok(p) => p,
                    Err(e) => return Ok(AgentReply::text(said(format!("I can't plan that: {e}")), Some(a))),
                };
                conv.plan_id = Some(plan.id.clone());
                let text = card_text(&plan, "pay");
                return Ok(AgentReply { text: said(text), action: Some(a), plan: Some(plan) });
            }
            Intent::Subscription => match self.subscription_status().await {
                Ok(s) => match (s.active, s.end) {
                    (true, Some(end)) => {
                        format!("Premium is active until {} UTC.", sonic_types::time::utc_date_time(end))
                    }
                    (false, Some(end)) => format!(
                        "Premium expired on {} UTC. Say \"renew my premium\" to extend it.",
                        sonic_types::time::utc_date_time(end)
                    ),
                    _ => format!(
                        "You are not subscribed. Premium costs {} S per {} days; say \"buy premium\".",
                        format_units(s.price, 18),
                        s.period / 86_400
                    ),
                },
                Err(e) => format!("I can't read the subscription: {e}"),
            },
            Intent::NftMint => {
                // A path from the chat is only looked at for its name and size here;
                // the image is read and published after confirmation.
                if a.slot("image").is_some() && !self.chat_file_paths() {
                    return Ok(AgentReply::text(
                        "In the app, images are chosen with the file dialog, never by a path in the chat: nothing \
                         was read. Say \"mint an NFT called …\" without a path to mint without an image.",
                        Some(a),
                    ));
                }
                let image = a.slot("image").map(expand_home);
                let planned = self
                    .plan_nft_mint(
                        a.slot("name").unwrap_or_default(),
                        a.slot("description").unwrap_or_default(),
                        image.as_deref(),
                    )
                    .await;
                let plan = match planned {
                    Ok(p) => p,
                    Err(e) => return Ok(AgentReply::text(said(format!("I can't plan that: {e}")), Some(a))),
                };
                conv.plan_id = Some(plan.id.clone());
                let text = format!(
                    "{}.\nThe image is read, stored and pinned only when you confirm; its CID comes with the \
                     result.\nConfirm to mint, or say no to cancel.",
                    plan.summary
                );
                return Ok(AgentReply { text: said(text), action: Some(a), plan: Some(plan) });
            }
            Intent::Balance => self.balance_reply(&a).await?,
            Intent::History => self.history_reply(&a).await?,
            Intent::TxStatus => self.tx_status_reply(a.slot("hash").unwrap_or_default()).await?,
            Intent::AddContact => {
                let planned =
                    self.plan_contact(a.slot("name").unwrap_or_default(), a.slot("address").unwrap_or_default()).await;
                let plan = match planned {
                    Ok(p) => p,
                    Err(e) => return Ok(AgentReply::text(said(format!("I can't plan that: {e}")), Some(a))),
                };
                conv.plan_id = Some(plan.id.clone());
                let text = card_text(&plan, "save");
                return Ok(AgentReply { text: said(text), action: Some(a), plan: Some(plan) });
            }
            Intent::PaymentRequest => self.payment_request_reply(&a).await?,
            Intent::DefiQuery if a.slot("topic") == Some("staking") => self.staking_reply().await,
            Intent::DefiQuery => self.defi_reply(a.slot("topic").unwrap_or("price"), a.slot("asset")).await,
            Intent::Help => reply::help(),
            _ => format!(
                "Sorry, I didn't understand that{}. Say \"help\" to see what I can do.",
                reply::note(&a).map(|n| format!(" ({n})")).unwrap_or_default()
            ),
        };
        Ok(AgentReply::text(said(text), Some(a)))
    }

    /// The question a stake without a validator gets, naming a few active ones.
    async fn which_validator(&self, amount: &str) -> String {
        let active: Vec<String> = match self.stake_validators().await {
            Ok(v) => v.iter().filter(|v| v.active).take(5).map(|v| v.id.to_string()).collect(),
            Err(_) => Vec::new(),
        };
        let some = if active.is_empty() {
            String::new()
        } else {
            format!(" Active validators include {}.", active.join(", "))
        };
        format!("Which validator should I delegate {amount} S to? Say \"stake {amount} S with validator N\".{some}")
    }

    async fn balance_reply(&self, a: &Action) -> Result<String> {
        if let Some(who) = a.slot("account") {
            // One of the user's own accounts, by name or position, before a contact.
            if let Ok(own) = self.resolve_account(Some(who)).await {
                let spec = checksum(&own.address);
                let list = match a.slot("asset") {
                    Some(asset) => vec![self.balance(Some(&spec), Some(asset)).await?],
                    None => self.balances(Some(&spec)).await?,
                };
                let parts: Vec<String> = list.iter().map(|b| format!("{} {}", b.amount, b.asset)).collect();
                let name = if own.name.is_empty() { who.to_string() } else { own.name.clone() };
                return Ok(format!("Your account {name} ({}) has {}.", short(&own.address), parts.join(", ")));
            }
            let addr = self.resolve_party(who).await?;
            let chain = self.chain().await?;
            let asset = self.resolve_asset(a.slot("asset")).await?;
            let raw = match &asset {
                crate::Asset::Native => chain.native_balance(addr).await?,
                crate::Asset::Token(t) => chain.token_balance(t.address, addr).await?,
            };
            let (sym, dec) = match &asset {
                crate::Asset::Native => ("S".to_string(), 18),
                crate::Asset::Token(t) => (t.symbol.clone(), t.decimals),
            };
            return Ok(format!("{who} ({}) has {} {sym}.", short(&addr), format_units(raw, dec)));
        }
        let list = match a.slot("asset") {
            Some(asset) => vec![self.balance(None, Some(asset)).await?],
            None => self.balances(None).await?,
        };
        let parts: Vec<String> = list.iter().map(|b| format!("{} {}", b.amount, b.asset)).collect();
        Ok(format!("You have {}.", parts.join(", ")))
    }

    async fn history_reply(&self, a: &Action) -> Result<String> {
        let me = self.resolve_account(None).await?.address;
        let txs: Vec<TxRecord> = self
            .history(&HistoryFilter {
                account: None,
                asset: a.slot("asset").map(str::to_string),
                direction: a.slot("direction").map(str::to_string),
                counterparty: a.slot("counterparty").map(str::to_string),
                days: a.slots.get("period_days").and_then(|v| v.as_u64()),
                limit: a.slots.get("limit").and_then(|v| v.as_u64()).map(|l| l as usize),
                include_untrusted: false,
            })
            .await?;
        let period = period_phrase(a.slots.get("period_days").and_then(|v| v.as_u64()));
        let who = a
            .slot("counterparty")
            .map(|c| format!(" {} {c}", if a.slot("direction") == Some("in") { "from" } else { "to" }));
        if txs.is_empty() {
            return Ok(format!("No matching transactions{}{period}.", who.unwrap_or_default()));
        }
        if let Some(dir) = a.slot("direction") {
            // Totals per asset (exact, in base units) of what moved in that direction:
            // a swap's bought leg is received and its sold leg sent; a reverted
            // transaction or a call that moved nothing (an approval) counts for neither.
            let asked = a.slot("asset");
            let mut totals: Vec<(String, u8, U256)> = Vec::new();
            let mut n = 0usize;
            for (asset, token, decimals, raw) in txs.iter().filter_map(|t| moved(t, me, dir)) {
                if !asked.is_none_or(|s| crate::history::is_asset(asset, token, s)) {
                    continue;
                }
                n += 1;
                match totals.iter_mut().find(|(s, d, _)| s == asset && *d == decimals) {
                    Some(e) => e.2 += raw,
                    None => totals.push((asset.to_string(), decimals, raw)),
                }
            }
            if n == 0 {
                return Ok(format!("No matching transactions{}{period}.", who.unwrap_or_default()));
            }
            let sums: Vec<String> = totals.iter().map(|(s, d, v)| format!("{} {s}", format_units(*v, *d))).collect();
            let verb = if dir == "in" { "received" } else { "sent" };
            return Ok(format!(
                "You {verb} {}{} in {n} transaction{}{period}.",
                sums.join(" and "),
                who.unwrap_or_default(),
                if n == 1 { "" } else { "s" }
            ));
        }
        let lines: Vec<String> = txs
            .iter()
            .map(|t| {
                let (arrow, other) = if t.from == me { ("→", t.to) } else { ("←", t.from) };
                format!("{arrow} {} {} {} ({:?})", format_units(t.raw, t.decimals), t.asset, short(&other), t.state)
            })
            .collect();
        Ok(format!("Your transactions{period}:\n{}", lines.join("\n")))
    }

    async fn tx_status_reply(&self, hash: &str) -> Result<String> {
        if let Some(t) = self.tx(hash)? {
            if t.state != TxState::Pending {
                return Ok(match (t.state, t.block) {
                    (TxState::Confirmed, Some(b)) => format!("Confirmed in block {b}."),
                    (TxState::Failed, _) => "It was mined but reverted.".into(),
                    _ => "Confirmed.".into(),
                });
            }
        }
        let chain = self.chain().await?;
        let h = hash.parse().map_err(|_| Error::Invalid(format!("'{hash}' is not a transaction hash")))?;
        Ok(match chain.wait_receipt(h, Duration::ZERO).await? {
            Some((true, b)) => format!("Confirmed in block {b}."),
            Some((false, b)) => format!("Mined in block {b}, but it reverted."),
            None => "Not mined yet (pending, or unknown to this network's node).".into(),
        })
    }

    async fn payment_request_reply(&self, a: &Action) -> Result<String> {
        let me = self.resolve_account(None).await?.address;
        let Some(amount) = a.slot("amount") else {
            return Ok(format!("Your address: {}", checksum(&me)));
        };
        let asset = a.slot("asset").filter(|s| !s.eq_ignore_ascii_case("S"));
        let uri = self.payment_request_uri(Some(amount), asset).await?;
        Ok(format!("Request for {amount} {}: {uri}", a.slot("asset").unwrap_or("S")))
    }
}

/// A plan's summary, its risks, and how to answer the card ("Confirm to send…").
/// The swap a parsed swap (or swap question) names: its assets and amount, the
/// default slippage.
fn swap_request(a: &Action, amount: AmountSpec) -> crate::SwapRequest {
    crate::SwapRequest {
        from: None,
        sell: a.slot("from_asset").unwrap_or_default().to_string(),
        buy: a.slot("to_asset").unwrap_or_default().to_string(),
        amount,
        slippage_bps: None,
    }
}

fn card_text(plan: &sonic_types::dto::Plan, verb: &str) -> String {
    let mut text = format!("{}.", plan.summary);
    for r in &plan.risks {
        text.push_str(&format!("\n⚠ {}", r.message()));
    }
    text.push_str(&format!("\nConfirm to {verb}, or say no to cancel."));
    text
}

/// `~/x.png` as written in a chat, relative to the home folder.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// The CLI commands about Premium and NFTs a reply may name, and what the desktop says
/// in their place.
const DESKTOP_PAGES: &[(&str, &str)] = &[
    ("with `sonic subscription purchase`", "on the Premium page"),
    ("`sonic subscription purchase`", "the Premium page"),
    // Deploying is not the user's business in the app: the pages say "not deployed".
    (" (`sonic contracts deploy --create2`)", ""),
    ("`sonic contracts deploy --create2`", "the Premium page"),
    ("`sonic contracts deploy`", "the Premium page"),
    ("`sonic nft list`", "the NFTs page"),
    ("`sonic nft mint`", "the NFTs page"),
];

/// `text` with every Premium or NFT CLI command replaced by the app's page.
fn desktop_pages(text: &str) -> String {
    DESKTOP_PAGES.iter().fold(text.to_string(), |t, (cli, page)| t.replace(cli, page))
}

/// What a record moved in `dir` ("in" or "out") for `me`: the asset, its token, its
/// decimals and the amount; `None` when it moved nothing that way (a reverted
/// transaction, an approval, a transfer the other way).
fn moved<'a>(
    t: &'a TxRecord,
    me: alloy::primitives::Address,
    dir: &str,
) -> Option<(&'a str, Option<alloy::primitives::Address>, u8, U256)> {
    if t.state == TxState::Failed {
        return None;
    }
    let leg = match (dir, &t.received) {
        ("in", Some(r)) if t.from == me => (r.asset.as_str(), r.token, r.decimals, r.raw),
        ("in", _) if t.to == me && t.from != me => (t.asset.as_str(), t.token, t.decimals, t.raw),
        ("out", _) if t.from == me => (t.asset.as_str(), t.token, t.decimals, t.raw),
        _ => return None,
    };
    (!leg.3.is_zero()).then_some(leg)
}

#[cfg(test)]
mod desktop_tests {
    use super::desktop_pages;

    #[test]
    fn cli_commands_about_premium_and_nfts_become_pages() {
        let t = desktop_pages(
            "Minting an NFT needs an active Smart Sonic Premium subscription; get one with `sonic subscription purchase` or say \"buy premium\"",
        );
        assert_eq!(
            t,
            "Minting an NFT needs an active Smart Sonic Premium subscription; get one on the Premium page or say \"buy premium\""
        );
        assert!(!desktop_pages("see `sonic nft list` later").contains("sonic "));
        assert_eq!(
            desktop_pages(
                "Smart Sonic Premium is not deployed on this network yet (`sonic contracts deploy --create2`)"
            ),
            "Smart Sonic Premium is not deployed on this network yet"
        );
        assert_eq!(desktop_pages("send 1 S"), "send 1 S");
    }
}
