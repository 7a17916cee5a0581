//! DeFi in the app: USD values beside the balances from a price source (a local server
//! speaking DefiLlama's format), "price unavailable" when it cannot be reached, the
//! Sonic pools sorted by APY on the DeFi page, and staking with a validator of the
//! SFC stand-in through a confirmation card, read back on chain.

use std::time::{SystemTime, UNIX_EPOCH};

use alloy::{
    primitives::{address, Address, U256},
    providers::ProviderBuilder,
};
use sonic_defi::fake::{dead_url, llama_server, sample_pools, sample_prices};
use sonic_e2e::*;
use sonic_types::market::{fiat_value, usd_text};

/// anvil's account 0, the wallet's first account.
const ACCOUNT0: Address = address!("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
/// The S price the fake source gives.
const S_USD: f64 = 0.5;

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Scrolls the element matching `css` into view (for a screenshot of it).
async fn into_view(s: &Session, css: &str) {
    let script = format!("document.querySelector({css:?}).scrollIntoView()");
    let _ = s.client.execute(&script, vec![]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn wallet_shows_usd_values_and_the_defi_page_lists_pools_by_apy() {
    let node = anvil();
    // Quoted two minutes ago: shown with its age, not stale.
    let fake = llama_server(sample_prices(S_USD, now() - 120), sample_pools());
    let env = [("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("defi-prices", &node.endpoint(), &env).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;
    // What the user should see: the fake's price times the balance on the node.
    let on_chain = balance(&node, &ACCOUNT0.to_string()).await;
    let expected = usd_text(fiat_value(on_chain, 18, S_USD));
    assert_eq!(expected, "$5,000.00");
    let cell = s.text_until("#fiat-S", |t| t.contains(&expected)).await;
    assert!(cell.contains("as of 2 min ago") || cell.contains("as of 3 min ago"), "{cell}");
    assert!(!cell.contains("stale"), "{cell}");
    let total = s.text_until("#portfolio-total", |t| t.contains("Total value")).await;
    assert!(total.contains(&expected), "{total}");
    assert!(!s.present("#offline").await, "the price source is not the node");
    s.shot("wallet-usd").await;

    s.click("#tab-defi").await;
    s.text_until("#yields-source", |t| t.contains("DefiLlama") && t.contains("as of")).await;
    let projects = s.texts("#pools .pool .project").await;
    // The fake's Sonic pools above $10,000 TVL with a sane APY, highest APY first.
    assert_eq!(projects, ["beets", "silo-v2", "aave-v3"]);
    let apys: Vec<f64> =
        s.texts("#pools .pool .apy").await.iter().map(|t| t.trim_end_matches('%').parse().expect("an APY")).collect();
    assert_eq!(apys, [18.4, 7.5, 4.2]);
    s.shot("defi-yields").await;
    // Pools for one asset.
    s.type_in("#yields-asset", "USDC").await;
    s.click("#yields-show").await;
    for _ in 0..50 {
        if s.texts("#pools .pool .project").await == ["beets", "aave-v3"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(s.texts("#pools .pool .project").await, ["beets", "aave-v3"]);
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_price_older_than_five_minutes_is_marked_stale() {
    let node = anvil();
    let fake = llama_server(sample_prices(S_USD, now() - 600), sample_pools());
    let env = [("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("defi-stale", &node.endpoint(), &env).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    let cell = s.text_until("#fiat-S", |t| t.contains("$5,000.00")).await;
    assert!(cell.contains("stale: as of 10 min ago") || cell.contains("stale: as of 11 min ago"), "{cell}");
    s.text_until("#portfolio-total", |t| t.contains("stale")).await;
    s.shot("wallet-stale-price").await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn balances_show_without_a_price_source() {
    let node = anvil();
    let dead = dead_url();
    let env = [("SONIC_PRICES_URL", dead.as_str()), ("SONIC_YIELDS_URL", dead.as_str())];
    let mut s = Session::start_with("defi-no-prices", &node.endpoint(), &env).await;
    s.onboard().await;
    s.click("#tab-wallet").await;
    s.text_until("#balance-S", |t| t == "10000").await;
    s.text_until("#fiat-S", |t| t == "price unavailable").await;
    s.text_until("#portfolio-total", |t| t.contains("price unavailable")).await;
    assert!(!s.present("#offline").await, "an unreachable price source is not an offline node");
    s.shot("wallet-no-prices").await;
    s.click("#tab-defi").await;
    s.text_until("#yields-error", |t| t.contains("Yields unavailable")).await;
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn delegate_from_the_defi_page_through_a_card() {
    let node = anvil();
    sonic_testkit::install_sfc(&node).await;
    let fake = llama_server(sample_prices(S_USD, now()), sample_pools());
    let env = [("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("defi-stake", &node.endpoint(), &env).await;
    s.onboard().await;
    s.click("#tab-defi").await;
    s.text_until("#validator-1", |t| t.contains("active")).await;
    s.text_until("#delegations", |t| t.contains("No delegations")).await;
    s.replace_in("#stake-validator", "1").await;
    s.type_in("#stake-amount", "100").await;
    s.click("#stake-delegate").await;
    s.text_until(".defi #plan-card h3", |t| t == "Stake (delegate)").await;
    s.text_until(".defi #plan-amount", |t| t == "100 S").await;
    s.text_until(".defi #plan-card .summary", |t| t.starts_with("Delegate 100 S to validator 1")).await;
    into_view(&s, ".defi #plan-card").await;
    s.shot("stake-card").await;
    // Nothing happens before the confirmation.
    let sfc = sonic_testkit::SfcStandIn::new(
        sonic_testkit::SFC_ADDRESS,
        ProviderBuilder::new().connect_http(node.endpoint_url()),
    );
    assert_eq!(sfc.getStake(ACCOUNT0, U256::from(1)).call().await.expect("getStake"), U256::ZERO);
    s.click(".defi #confirm-plan").await;
    s.text_until("#defi-notice", |t| t.contains("Confirmed in block")).await;
    s.text_until("#delegation-1 .stake", |t| t == "100").await;
    s.text_until("#delegation-1 .rewards", |t| t == "0").await;
    s.text_until("#validator-1", |t| t.contains("100")).await;
    s.shot("staked").await;
    assert_eq!(sfc.getStake(ACCOUNT0, U256::from(1)).call().await.expect("getStake"), whole_s(100));

    // The chat answers about the stake from the SFC, and a question says why a name was
    // not taken.
    s.click("#tab-chat").await;
    s.say("how much have I staked?").await;
    s.text_until("#messages", |t| t.contains("validator 1: 100 S staked, 0 S of rewards to claim")).await;
    s.say("send 2 S to charlie").await;
    s.text_until("#messages", |t| t.contains("'charlie' is not one of your contacts")).await;
    s.shot("chat-staking").await;
    s.click("#tab-defi").await;

    // Rewards credited on chain (by anvil's account 1): Claim plans taking them.
    let key: alloy::signers::local::PrivateKeySigner = node.keys()[1].clone().into();
    let funder = sonic_testkit::SfcStandIn::new(
        sonic_testkit::SFC_ADDRESS,
        ProviderBuilder::new().wallet(alloy::network::EthereumWallet::from(key)).connect_http(node.endpoint_url()),
    );
    funder
        .addRewards(ACCOUNT0, U256::from(1))
        .value(whole_s(5))
        .send()
        .await
        .expect("send")
        .watch()
        .await
        .expect("mined");
    s.click("#claim-1").await;
    s.text_until(".defi #plan-card .summary", |t| t.starts_with("Claim 5 S of rewards from validator 1")).await;
    s.shot("claim-card").await;
    s.click(".defi #confirm-plan").await;
    s.gone(".defi #plan-card").await;
    s.text_until("#defi-notice", |t| t.contains("Confirmed in block")).await;
    assert_eq!(sfc.pendingRewards(ACCOUNT0, U256::from(1)).call().await.expect("pendingRewards"), U256::ZERO);

    // Undelegate 40 S: a withdrawal request, locked for the withdrawal period.
    s.replace_in("#stake-amount", "40").await;
    s.click("#stake-undelegate").await;
    s.text_until(".defi #plan-card .summary", |t| t.starts_with("Undelegate 40 S from validator 1 as request 0")).await;
    s.click(".defi #confirm-plan").await;
    s.gone(".defi #plan-card").await;
    s.text_until("#delegation-1 .stake", |t| t == "60").await;
    s.text_until("#request-1-0", |t| t.contains("40 S") && t.contains("locked until")).await;
    s.shot("undelegated").await;
    assert_eq!(sfc.getStake(ACCOUNT0, U256::from(1)).call().await.expect("getStake"), whole_s(60));

    // After the lock period (the node's clock moved on), Withdraw pays the 40 S back.
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: serde_json::Value =
        alloy::providers::Provider::raw_request(&p, "evm_increaseTime".into(), (15u64 * 86_400,)).await.expect("time");
    let _: serde_json::Value = alloy::providers::Provider::raw_request(&p, "evm_mine".into(), ()).await.expect("mine");
    let before = balance(&node, &ACCOUNT0.to_string()).await;
    s.click("#withdraw-1-0").await;
    s.text_until(".defi #plan-card .summary", |t| t.starts_with("Withdraw 40 S from validator 1 (request 0)")).await;
    s.click(".defi #confirm-plan").await;
    s.gone(".defi #plan-card").await;
    s.text_until("#defi-notice", |t| t.contains("Confirmed in block")).await;
    let after = balance(&node, &ACCOUNT0.to_string()).await;
    assert!(after > before + whole_s(39), "40 S came back, less the fee: {before} -> {after}");
    s.shot("withdrawn").await;
    s.stop().await;
}

/// A plan still pending when the webview reloads is not lost: the app asks the engine
/// for its pending plans, and the card comes back above every page saying where it came
/// from; confirming it there (`plan_confirm_any`) sends it.
#[tokio::test(flavor = "multi_thread")]
async fn a_pending_card_comes_back_after_a_reload_and_confirms() {
    let node = anvil();
    let fake = llama_server(sample_prices(S_USD, now()), sample_pools());
    let env = [("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("plans-reload", &node.endpoint(), &env).await;
    s.onboard().await;
    let before = balance(&node, OUTSIDER).await;
    s.click("#tab-chat").await;
    s.say(&format!("send 2 S to {OUTSIDER}")).await;
    s.text_until("#plan-amount", |t| t == "2 S").await;
    s.client.refresh().await.expect("reload");
    s.text_until("#outside-cards #plan-origin", |t| t == "Proposed in this app before a reload").await;
    s.text_until("#outside-cards #plan-amount", |t| t == "2 S").await;
    s.text_until("#outside-cards #plan-to", |t| t == OUTSIDER).await;
    s.shot("card-after-reload").await;
    // Above every page, not only the chat.
    s.click("#tab-wallet").await;
    s.find("#send-form").await;
    assert!(s.present("#outside-cards #plan-card").await, "the card is above the wallet page too");
    assert_eq!(balance(&node, OUTSIDER).await, before, "nothing is sent before the confirmation");
    s.click("#outside-cards #confirm-plan").await;
    s.text_until("#outside-notice", |t| t.contains("Confirmed in block")).await;
    assert!(!s.present("#outside-cards #plan-card").await, "the card left");
    assert_eq!(balance(&node, OUTSIDER).await, before + whole_s(2), "the plan shown was sent");
    s.shot("reload-card-confirmed").await;
    // The S chart's ends in USD, at today's price (said so).
    let line = s.text_until("#chart-usd", |t| t.contains("today's S price ($0.5000)")).await;
    assert!(line.contains("between $4,99") && line.contains("and $5,000.00"), "{line}");
    assert!(line.contains("today's price × past balances"), "{line}");
    s.shot("wallet-chart-usd").await;
    s.stop().await;
}

alloy::sol! {
    #[sol(rpc)]
    interface Erc20 {
        function balanceOf(address who) external view returns (uint256);
    }
}

/// A swap from the DeFi page against the devnet's Uniswap V2 pool (S/USDC at 0.5): the
/// card shows the route, the expected and minimum received, the price impact and the
/// approval step; confirming it swaps on chain.
#[tokio::test(flavor = "multi_thread")]
async fn swap_s_for_usdc_from_the_defi_page_through_a_card() {
    let node = anvil();
    // The wallet and the devnet fixtures are made before the app opens the same data
    // directory (as `sonic wallet import` and `sonic devnet defi` would).
    let data = tempfile::tempdir().expect("tempdir");
    let data_dir = data.path().join("data");
    let usdc = {
        let engine = sonic_engine::Engine::open(sonic_engine::Config {
            data_dir: data_dir.clone(),
            network: Some("local".into()),
            rpc: Some(node.endpoint()),
            kdf: sonic_engine::KdfParams::insecure_for_tests(),
        })
        .expect("engine");
        engine.import_mnemonic(PASSWORD.as_bytes(), MNEMONIC, "", 1).await.expect("import");
        engine.devnet_defi().await.expect("devnet fixtures").usdc
    };
    // The store's lock is released by a background thread once the engine is gone.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let token = Erc20::new(usdc, ProviderBuilder::new().connect_http(node.endpoint_url()));
    let before = token.balanceOf(ACCOUNT0).call().await.expect("balanceOf");
    let fake = llama_server(sample_prices(S_USD, now()), sample_pools());
    let dir = data_dir.to_str().expect("utf-8 path");
    let env =
        [("SONIC_DATA_DIR", dir), ("SONIC_PRICES_URL", fake.url.as_str()), ("SONIC_YIELDS_URL", fake.url.as_str())];
    let mut s = Session::start_with("defi-swap", &node.endpoint(), &env).await;
    s.type_in("#unlock-password", PASSWORD).await;
    s.click("#unlock-button").await;
    s.click("#tab-defi").await;
    s.replace_in("#swap-sell", "S").await;
    s.replace_in("#swap-buy", "USDC").await;
    s.type_in("#swap-amount", "100").await;
    s.replace_in("#swap-slippage", "1").await;
    s.click("#swap-review").await;
    s.text_until(".defi #plan-amount", |t| t == "100 S").await;
    s.text_until(".defi #plan-route", |t| t.contains("S -> USDC")).await;
    let expected = s.text_until(".defi #plan-expected", |t| t.ends_with(" USDC")).await;
    let minimum = s.text_until(".defi #plan-minimum", |t| t.contains("(slippage 1.00%)")).await;
    s.text_until(".defi #plan-impact", |t| t.ends_with('%')).await;
    s.text_until(".defi #plan-approve", |t| t == "none needed").await;
    assert!(expected.starts_with("49."), "100 S at 0.5 USDC less the pool fee and impact: {expected}");
    assert!(minimum.starts_with("49.") || minimum.starts_with("48."), "{minimum}");
    into_view(&s, ".defi #plan-card").await;
    s.shot("swap-card").await;
    assert_eq!(token.balanceOf(ACCOUNT0).call().await.expect("balanceOf"), before, "nothing before the confirmation");
    s.click(".defi #confirm-plan").await;
    s.text_until("#defi-notice", |t| t.contains("Confirmed in block")).await;
    let after = token.balanceOf(ACCOUNT0).call().await.expect("balanceOf");
    let got = after - before;
    // At least the minimum the card showed (6 decimals).
    let min_raw = sonic_types::parse_units(minimum.split_whitespace().next().expect("a number"), 6).expect("decimal");
    assert!(got >= min_raw, "received {got} base units, at least {min_raw}");
    s.shot("swapped").await;

    // Selling a token: the card shows the approval of exactly the amount sold first.
    s.replace_in("#swap-sell", "USDC").await;
    s.replace_in("#swap-buy", "S").await;
    s.replace_in("#swap-amount", "10").await;
    s.click("#swap-review").await;
    s.text_until(".defi #plan-amount", |t| t == "10 USDC").await;
    s.text_until(".defi #plan-route", |t| t.contains("USDC -> S")).await;
    s.text_until(".defi #plan-approve", |t| t == "first approves the router for exactly 10 USDC").await;
    into_view(&s, ".defi #plan-card").await;
    s.shot("swap-approval-card").await;
    let held = token.balanceOf(ACCOUNT0).call().await.expect("balanceOf");
    s.click(".defi #confirm-plan").await;
    s.gone(".defi #plan-card").await;
    s.text_until("#defi-notice", |t| t.contains("Confirmed in block")).await;
    let sold = held - token.balanceOf(ACCOUNT0).call().await.expect("balanceOf");
    assert_eq!(sold, U256::from(10_000_000u64), "exactly 10 USDC sold");

    // The chat counts each swap's sold side as sent and its bought side as received
    // (the approval moved nothing), and a wrap is a card of its own.
    s.click("#tab-chat").await;
    s.say("what did I send today?").await;
    s.text_until("#messages", |t| t.contains("You sent 10 USDC and 100 S in 2 transactions today.")).await;
    s.say("what did I receive today?").await;
    let bought = format!("{} USDC", sonic_types::format_units(got, 6));
    s.text_until("#messages", |t| t.contains("You received ") && t.contains(&bought)).await;
    s.say("wrap 1 S").await;
    s.text_until("#messages", |t| t.contains("Confirm to wrap, or say no to cancel.")).await;
    s.shot("chat-swap-totals").await;
    s.stop().await;
}

/// Plans proposed by other clients of the app's engine host (`sonic mcp`, `sonic`)
/// become cards above every page, one after another, each saying who proposed it; a
/// plan confirmed elsewhere (`sonic plans confirm`) takes its card off the screen, and
/// one confirmed on its card is sent.
#[tokio::test(flavor = "multi_thread")]
async fn cards_proposed_by_other_clients_queue_and_leave_when_resolved_elsewhere() {
    use sonic_host::HostClient;
    use sonic_types::{
        dto::{PlanDoneView, SendForm},
        host::PlanConfirmWaitArgs,
        ipc::SendPlanArgs,
    };

    let node = anvil();
    let mut s = Session::start("plans-outside", &node.endpoint()).await;
    s.onboard().await;
    s.click("#tab-contacts").await;
    let before = balance(&node, OUTSIDER).await;
    let mut host = None;
    for _ in 0..50 {
        host = HostClient::connect(&s.data_dir()).await;
        if host.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let mut mcp = host.expect("the app serves its engine host").with_client("mcp");
    let mut cli = HostClient::connect(&s.data_dir()).await.expect("a second client").with_client("cli");
    let send = |amount: &str| SendPlanArgs {
        form: SendForm { to: OUTSIDER.into(), amount: amount.into(), ..Default::default() },
    };
    let first = mcp.call(&send("3")).await.expect("the assistant proposes 3 S");
    let second = cli.call(&send("4")).await.expect("the command line proposes 4 S");
    assert_eq!(first.origin.as_deref(), Some("mcp"));

    // The first card, above the page open (Contacts), the second waiting behind it.
    s.text_until("#outside-cards #plan-origin", |t| t == "Proposed by MCP assistant").await;
    s.text_until("#outside-cards #plan-amount", |t| t == "3 S").await;
    s.text_until("#outside-waiting", |t| t == "1 more proposed card waiting").await;
    s.find("#contact-name").await;
    s.shot("outside-card").await;
    assert_eq!(balance(&node, OUTSIDER).await, before, "nothing is sent by a proposal");

    // Confirmed elsewhere (as `sonic plans confirm` does): the card leaves, the next comes.
    let done = cli.call(&PlanConfirmWaitArgs { id: first.id.clone(), wait_secs: 30 }).await.expect("confirmed");
    assert!(matches!(done, PlanDoneView::Sent(_)), "{done:?}");
    s.text_until("#outside-notice", |t| t == "The card proposed by MCP assistant was confirmed elsewhere.").await;
    s.text_until("#outside-cards #plan-origin", |t| t == "Proposed by the sonic command line").await;
    s.text_until("#outside-cards #plan-amount", |t| t == "4 S").await;
    assert!(!s.present("#outside-waiting").await, "nothing else waits");
    assert_eq!(balance(&node, OUTSIDER).await, before + whole_s(3));
    s.shot("outside-next-card").await;

    // Confirmed on its card in the app.
    s.click("#outside-cards #confirm-plan").await;
    s.text_until("#outside-notice", |t| t.contains("Confirmed in block")).await;
    s.gone("#outside-cards #plan-card").await;
    assert_eq!(balance(&node, OUTSIDER).await, before + whole_s(7), "both plans were sent, once each");
    assert!(cli.call(&PlanConfirmWaitArgs { id: second.id, wait_secs: 0 }).await.is_err(), "a plan is confirmed once");
    s.shot("outside-confirmed").await;
    s.stop().await;
}

/// A website asking the signer RPC to connect raises a card saying who asks; the
/// site gets the accounts only once the card is confirmed.
#[tokio::test(flavor = "multi_thread")]
async fn a_website_on_the_signer_rpc_gets_a_card_naming_it() {
    use std::io::{Read, Write};

    let node = anvil();
    let port = free_port();
    let port_text = port.to_string();
    let mut s =
        Session::start_with("plans-signer", &node.endpoint(), &[("SONIC_SIGNER_PORT", port_text.as_str())]).await;
    s.onboard().await;
    // The site's request waits for the user's answer.
    let asked = tokio::task::spawn_blocking(move || {
        let body = r#"{"jsonrpc":"2.0","id":1,"method":"eth_requestAccounts","params":[]}"#;
        let mut conn = std::net::TcpStream::connect(("127.0.0.1", port)).expect("the signer RPC listens");
        write!(
            conn,
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: https://app.example\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("request");
        let mut reply = String::new();
        let _ = conn.read_to_string(&mut reply);
        reply
    });
    s.text_until("#outside-cards #plan-origin", |t| t == "Proposed by https://app.example via the signer").await;
    s.text_until("#outside-cards #plan-card h3", |t| t == "Connect a website").await;
    s.text_until("#outside-cards #plan-site", |t| t == "https://app.example").await;
    s.shot("signer-connect-card").await;
    assert!(!asked.is_finished(), "the site has no answer before the user's");
    s.click("#outside-cards #confirm-plan").await;
    s.text_until("#outside-notice", |t| t.starts_with("Connected: https://app.example")).await;
    let reply = asked.await.expect("the request ends");
    assert!(reply.to_lowercase().contains(&ACCOUNT0.to_string().to_lowercase()), "the site got the account: {reply}");
    s.stop().await;
}
