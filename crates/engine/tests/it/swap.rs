//! Swaps and wrapping against a real anvil with the devnet fixtures (`devnet_defi`): a
//! Uniswap V2 pool S/USDC made from the npm packages' bytecode. Swaps really execute;
//! balances move by the plan's figures; a token sold is approved for exactly its
//! amount; a price that moved past the slippage stops the swap unsigned.

use std::time::Duration;

use alloy::{
    network::EthereumWallet,
    primitives::{Address, U256},
    providers::ProviderBuilder,
    signers::local::PrivateKeySigner,
};
use sonic_chain::uniswap::{IERC20Allowance, UniswapV2Router02};
use sonic_engine::{AmountSpec, Engine, HistoryFilter, SwapRequest};
use sonic_types::dto::{PlanKind, Risk, SwapDetails, TxState};

use crate::support::{anvil, engine};

const WAIT: Option<Duration> = Some(Duration::from_secs(30));

fn req(sell: &str, buy: &str, amount: &str, slippage_bps: Option<u32>) -> SwapRequest {
    SwapRequest {
        from: None,
        sell: sell.into(),
        buy: buy.into(),
        amount: AmountSpec::parse(amount).expect("amount"),
        slippage_bps,
    }
}

fn details(kind: &PlanKind) -> &SwapDetails {
    match kind {
        PlanKind::Swap(d) => d,
        other => panic!("not a swap plan: {other:?}"),
    }
}

async fn usdc_of(e: &Engine, token: Address, who: Address) -> U256 {
    let chain = e.chain().await.expect("chain");
    IBalance::new(token, chain.provider()).balanceOf(who).call().await.unwrap_or_default()
}

alloy::sol! {
    #[sol(rpc)]
    interface IBalance {
        function balanceOf(address account) external view returns (uint256);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn devnet_fixtures_deploy_once_and_s_swaps_for_usdc() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let err = e.plan_swap(req("S", "USDC", "10", None)).await.expect_err("no router yet");
    assert!(err.to_string().contains("run `sonic devnet defi`"), "{err}");

    let d = e.devnet_defi().await.expect("fixtures");
    let again = e.devnet_defi().await.expect("recorded");
    assert_eq!(d, again, "a second run prints the recorded addresses");
    let chain = e.chain().await.expect("chain");
    for a in [d.usdc, d.ws, d.factory, d.router, d.pair, d.sfc] {
        assert!(chain.is_contract(a).await.expect("code"), "{a} has code");
    }
    assert_eq!(usdc_of(&e, d.usdc, me).await, U256::from(1_000_000_000u64), "1000 USDC for the wallet");
    assert!(e.stake_validator(1).await.expect("validator 1").active);

    let plan = e.plan_swap(req("S", "USDC", "10", None)).await.expect("plan");
    let sw = details(&plan.kind).clone();
    assert_eq!((plan.asset.as_str(), plan.amount.as_str(), plan.to), ("S", "10", d.router));
    assert_eq!((sw.buy_asset.as_str(), sw.buy_token, sw.slippage_bps), ("USDC", Some(d.usdc), 50));
    assert_eq!(sw.route, "S -> USDC");
    assert!(sw.approve.is_none(), "S needs no approval");
    // 10 S into 100 000 S / 50 000 USDC at 0.3%: a bit under 5 USDC.
    assert!(sw.expected_raw > U256::from(4_900_000u64) && sw.expected_raw < U256::from(5_000_000u64), "{sw:?}");
    assert_eq!(sw.minimum_raw, sw.expected_raw * U256::from(9_950u32) / U256::from(10_000u32));
    assert!(sw.price_impact_bps < 10, "{sw:?}");
    assert!(!plan.risks.iter().any(|r| matches!(r, Risk::PriceImpact { .. })), "{:?}", plan.risks);
    assert!(plan.summary.contains("at least") && plan.summary.contains("0.5% slippage"), "{}", plan.summary);

    let s_before = chain.native_balance(me).await.expect("balance");
    let usdc_before = usdc_of(&e, d.usdc, me).await;
    let sent = e.confirm(&plan.id, WAIT).await.expect("swap");
    assert_eq!(sent.status, TxState::Confirmed);
    let got = usdc_of(&e, d.usdc, me).await - usdc_before;
    assert!(got >= sw.minimum_raw && got <= sw.expected_raw, "received {got}, plan said {sw:?}");
    let spent = s_before - chain.native_balance(me).await.expect("balance");
    let ten = U256::from(10u128 * 10u128.pow(18));
    assert!(spent > ten && spent <= ten + plan.max_fee, "spent {spent} for 10 S and fee up to {}", plan.max_fee);

    // History: one entry with both legs, before and after the watcher indexed it.
    let legs = |h: &[sonic_types::dto::TxRecord]| -> Vec<sonic_types::dto::TxRecord> {
        h.iter().filter(|t| t.hash == sent.hash).cloned().collect()
    };
    for indexed in [false, true] {
        if indexed {
            e.watch(Some(1), true, std::future::pending()).await.expect("index");
        }
        let all = e.history(&HistoryFilter { include_untrusted: true, ..Default::default() }).await.expect("history");
        let one = legs(&all);
        assert_eq!(one.len(), 1, "one entry for the swap (indexed: {indexed}): {one:#?}");
        let t = &one[0];
        assert_eq!((t.asset.as_str(), t.raw, t.from, t.to), ("S", ten, me, d.router));
        let r = t.received.as_ref().expect("the received leg");
        assert_eq!((r.asset.as_str(), r.token, r.raw, r.decimals), ("USDC", Some(d.usdc), got, 6));
        assert_eq!(t.state, TxState::Confirmed);
    }
    let by_bought = e.history(&HistoryFilter { asset: Some("USDC".into()), ..Default::default() }).await.expect("h");
    assert!(by_bought.iter().any(|t| t.hash == sent.hash), "found by the asset bought");
}

#[tokio::test(flavor = "multi_thread")]
async fn usdc_swaps_for_s_with_an_exact_approval() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let d = e.devnet_defi().await.expect("fixtures");
    let chain = e.chain().await.expect("chain");
    let erc20 = IERC20Allowance::new(d.usdc, chain.provider());

    let plan = e.plan_swap(req("USDC", "S", "100", Some(100))).await.expect("plan");
    let sw = details(&plan.kind).clone();
    assert_eq!(sw.approve.as_deref(), Some("100"), "an approval of exactly 100 USDC");
    assert!(plan.summary.starts_with("Approve exactly 100 USDC for the router, then swap"), "{}", plan.summary);
    assert_eq!((plan.asset.as_str(), plan.raw, plan.token), ("USDC", U256::from(100_000_000u64), Some(d.usdc)));
    assert_eq!(sw.minimum_raw, sw.expected_raw * U256::from(9_900u32) / U256::from(10_000u32));
    let nonce_before = chain.pending_nonce(me).await.expect("nonce");
    let usdc_before = usdc_of(&e, d.usdc, me).await;

    let sent = e.confirm(&plan.id, WAIT).await.expect("approve then swap");
    assert_eq!(sent.status, TxState::Confirmed);
    assert_eq!(chain.pending_nonce(me).await.expect("nonce"), nonce_before + 2, "two transactions: approve, swap");
    assert_eq!(usdc_before - usdc_of(&e, d.usdc, me).await, U256::from(100_000_000u64));
    // OpenZeppelin's ERC-20 never spends an unlimited allowance: 0 left proves it was exact.
    assert_eq!(erc20.allowance(me, d.router).call().await.expect("allowance"), U256::ZERO);
    let rec = e.tx(&sent.hash).expect("store").expect("record");
    let r = rec.received.expect("received leg");
    assert_eq!((r.asset.as_str(), r.token), ("S", None));
    assert!(r.raw >= sw.minimum_raw && r.raw <= sw.expected_raw, "{r:?} vs {sw:?}");

    // The allowance used up, the next swap of USDC asks for its approval again.
    let again = e.plan_swap(req("USDC", "S", "1", None)).await.expect("plan");
    assert_eq!(details(&again.kind).approve.as_deref(), Some("1"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_price_moved_past_the_slippage_stops_the_swap_unsigned() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let d = e.devnet_defi().await.expect("fixtures");
    let chain = e.chain().await.expect("chain");
    let plan = e.plan_swap(req("S", "USDC", "10", Some(10))).await.expect("plan at 0.1% slippage");

    // Someone else buys USDC first: the price moves about 2%.
    let key: PrivateKeySigner = node.keys()[1].clone().into();
    let other = node.addresses()[1];
    let p = ProviderBuilder::new().wallet(EthereumWallet::from(key)).connect_http(node.endpoint_url());
    let router = UniswapV2Router02::new(d.router, &p);
    router
        .swapExactETHForTokens(U256::ZERO, vec![d.ws, d.usdc], other, U256::from(u64::MAX))
        .value(U256::from(1_000u128 * 10u128.pow(18)))
        .send()
        .await
        .expect("send")
        .watch()
        .await
        .expect("mined");

    let nonce = chain.pending_nonce(me).await.expect("nonce");
    let usdc = usdc_of(&e, d.usdc, me).await;
    let err = e.confirm(&plan.id, WAIT).await.expect_err("refused");
    let text = err.to_string();
    assert!(text.contains("would fail") && text.contains("not signed"), "{text}");
    assert!(text.contains("slippage"), "{text}");
    assert_eq!(chain.pending_nonce(me).await.expect("nonce"), nonce, "nothing was signed");
    assert_eq!(usdc_of(&e, d.usdc, me).await, usdc);
    assert!(e.confirm(&plan.id, WAIT).await.is_err(), "a plan is taken once");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_swap_in_the_pool_carries_a_price_impact_risk() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.devnet_defi().await.expect("fixtures");
    let big = e.plan_swap(req("S", "USDC", "5000", None)).await.expect("plan");
    let bps = details(&big.kind).price_impact_bps;
    assert!((400..600).contains(&bps), "5% of the pool moves the price about 5%: {bps}");
    assert!(big.risks.contains(&Risk::PriceImpact { bps }), "{:?}", big.risks);
    let quote = e.quote_swap(req("S", "USDC", "5000", None)).await.expect("quote");
    assert_eq!(quote.price_impact_bps, bps);
    assert_eq!(quote.expected_raw, details(&big.kind).expected_raw, "a quote is the plan's figures");
    let small = e.plan_swap(req("S", "USDC", "100", None)).await.expect("plan");
    assert!(!small.risks.iter().any(|r| matches!(r, Risk::PriceImpact { .. })), "{:?}", small.risks);

    for (bad, why) in [
        (req("S", "S", "1", None), "no swap"),
        (req("S", "wS", "1", None), "wrap"),
        (req("S", "USDC", "1", Some(5_001)), "too high"),
        (req("S", "USDC", "0", None), "more than zero"),
        (req("USDC", "S", "5000", None), "needs more than the balance"),
    ] {
        let err = e.plan_swap(bad).await.expect_err(why);
        assert!(err.to_string().contains(why), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn wrap_and_unwrap_are_their_own_plans() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let d = e.devnet_defi().await.expect("fixtures");
    let chain = e.chain().await.expect("chain");
    let ws = IBalance::new(d.ws, chain.provider());
    let five = U256::from(5u128 * 10u128.pow(18));

    let wrap = e.plan_wrap(AmountSpec::parse("5").expect("amount")).await.expect("wrap plan");
    assert_eq!((wrap.kind.clone(), wrap.to, wrap.asset.as_str(), wrap.raw), (PlanKind::Wrap, d.ws, "S", five));
    let sent = e.confirm(&wrap.id, WAIT).await.expect("wrap");
    assert_eq!(ws.balanceOf(me).call().await.expect("wS"), five);
    let r = e.tx(&sent.hash).expect("store").expect("record").received.expect("leg");
    assert_eq!((r.asset.as_str(), r.raw), ("wS", five));

    let unwrap = e.plan_unwrap(AmountSpec::parse("2").expect("amount")).await.expect("unwrap plan");
    assert_eq!((unwrap.kind.clone(), unwrap.asset.as_str()), (PlanKind::Unwrap, "wS"));
    let s_before = chain.native_balance(me).await.expect("S");
    e.confirm(&unwrap.id, WAIT).await.expect("unwrap");
    assert_eq!(ws.balanceOf(me).call().await.expect("wS"), U256::from(3u128 * 10u128.pow(18)));
    let two = U256::from(2u128 * 10u128.pow(18));
    let s_after = chain.native_balance(me).await.expect("S");
    assert!(s_after > s_before && s_after <= s_before + two, "{s_before} -> {s_after}");

    let err = e.plan_unwrap(AmountSpec::parse("4").expect("amount")).await.expect_err("only 3 wS");
    assert!(err.to_string().contains("balance"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chat_plans_swaps_and_answers_what_ifs_with_a_quote() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let r = e.agent_turn("swap 10 S for USDC").await.expect("reply");
    assert!(r.plan.is_none() && r.text.contains("can't plan"), "{}", r.text);
    let d = e.devnet_defi().await.expect("fixtures");

    let r = e.agent_turn("what would I get for 10 S in USDC?").await.expect("reply");
    assert!(r.plan.is_none(), "a question makes no plan");
    assert!(r.text.contains("only a quote") && r.text.contains("USDC") && r.text.contains("at least"), "{}", r.text);
    assert!(e.pending_plans().await.is_empty());

    let r = e.agent_turn("he said swap 10 S for USDC").await.expect("reply");
    assert!(r.plan.is_none(), "someone else's words: {}", r.text);

    let r = e.agent_turn("swap 10 S for USDC").await.expect("reply");
    let plan = r.plan.expect("a swap plan");
    assert!(r.text.contains("Confirm to swap"), "{}", r.text);
    let min = details(&plan.kind).minimum_raw;
    let before = usdc_of(&e, d.usdc, me).await;
    e.agent_turn_with("yes", Some(&plan.id)).await.expect("confirm");
    assert!(usdc_of(&e, d.usdc, me).await - before >= min);

    let r = e.agent_turn("swap 5 S to wS").await.expect("reply");
    let wrap = r.plan.expect("a wrap plan");
    assert_eq!((wrap.kind, wrap.to, wrap.amount.as_str()), (PlanKind::Wrap, d.ws, "5"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_chat_wraps_and_unwraps_through_a_confirmed_plan() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let d = e.devnet_defi().await.expect("fixtures");
    let ws = IBalance::new(d.ws, e.chain().await.expect("chain").provider().clone());
    let whole = |n: u128| U256::from(n * 10u128.pow(18));

    // "wrap 3 S" names one side; wrapping says the other.
    let r = e.agent_turn("wrap 3 S").await.expect("reply");
    assert!(r.text.ends_with("Confirm to wrap, or say no to cancel."), "{}", r.text);
    let wrap = r.plan.expect("a wrap plan");
    assert_eq!((wrap.kind.clone(), wrap.to, wrap.raw), (PlanKind::Wrap, d.ws, whole(3)));
    assert_eq!(ws.balanceOf(me).call().await.expect("wS"), U256::ZERO, "nothing moves before the confirmation");
    e.agent_turn_with("yes", Some(&wrap.id)).await.expect("confirm");
    assert_eq!(ws.balanceOf(me).call().await.expect("wS"), whole(3));

    let unwrap = e.agent_turn("unwrap 1 wS").await.expect("reply").plan.expect("an unwrap plan");
    assert_eq!((unwrap.kind.clone(), unwrap.asset.as_str(), unwrap.raw), (PlanKind::Unwrap, "wS", whole(1)));
    e.agent_turn_with("yes", Some(&unwrap.id)).await.expect("confirm");
    assert_eq!(ws.balanceOf(me).call().await.expect("wS"), whole(2));

    // Someone else's words wrap nothing.
    let r = e.agent_turn("bob said: wrap 100 S").await.expect("reply");
    assert!(r.plan.is_none(), "{}", r.text);
}

/// How the KyberSwap fake builds its calldata in [`kyber_routes_are_checked_before_they_become_plans`].
#[derive(Clone, Copy, PartialEq)]
enum KyberMode {
    Honest,
    OtherRecipient,
    LowerMinimum,
    MoreSold,
}

/// MetaAggregationRouterV2 `swap` calldata for a build request, bent as `mode` says.
fn kyber_calldata(req: &serde_json::Value, mode: KyberMode) -> String {
    use alloy::sol_types::SolCall;
    use sonic_chain::kyber::IMetaAggregationRouterV2 as R;
    let s = &req["routeSummary"];
    let addr = |v: &serde_json::Value| v.as_str().and_then(|a| a.parse::<Address>().ok()).unwrap_or_default();
    let num = |v: &serde_json::Value| v.as_str().and_then(|a| a.parse::<U256>().ok()).unwrap_or_default();
    let bps = U256::from(req["slippageTolerance"].as_u64().unwrap_or(0));
    let mut min = num(&s["amountOut"]) * (U256::from(10_000u32) - bps) / U256::from(10_000u32);
    let mut receiver = addr(&req["recipient"]);
    let mut amount = num(&s["amountIn"]);
    match mode {
        KyberMode::Honest => {}
        KyberMode::OtherRecipient => receiver = crate::support::OUTSIDER.parse().expect("address"),
        KyberMode::LowerMinimum => min /= U256::from(2u8),
        KyberMode::MoreSold => amount += U256::from(1u8),
    }
    let desc = R::SwapDescriptionV2 {
        srcToken: addr(&s["tokenIn"]),
        dstToken: addr(&s["tokenOut"]),
        srcReceivers: vec![],
        srcAmounts: vec![],
        feeReceivers: vec![],
        feeAmounts: vec![],
        dstReceiver: receiver,
        amount,
        minReturnAmount: min,
        flags: U256::ZERO,
        permit: Default::default(),
    };
    let call = R::swapCall {
        execution: R::SwapExecutionParams {
            callTarget: Address::repeat_byte(0x11),
            approveTarget: Address::ZERO,
            targetData: Default::default(),
            desc,
            clientData: Default::default(),
        },
    };
    format!("0x{}", alloy::hex::encode(call.abi_encode()))
}

#[tokio::test(flavor = "multi_thread")]
async fn kyber_routes_are_checked_before_they_become_plans() {
    use std::sync::{Arc, Mutex};

    use sonic_defi::fake::{kyber_server, KyberFake};
    let node = anvil(&["--chain-id", "146"]);
    let dir = tempfile::tempdir().expect("tempdir");
    let e = Engine::open(sonic_engine::Config {
        data_dir: dir.path().join("data"),
        network: Some("sonic".into()),
        rpc: Some(node.endpoint()),
        kdf: sonic_engine::KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    e.import_mnemonic(b"pw", crate::support::MNEMONIC, "", 1).await.expect("import");
    let me = node.addresses()[0];
    let mode = Arc::new(Mutex::new(KyberMode::Honest));
    let m = mode.clone();
    let fake = kyber_server(KyberFake {
        amount_out: "4200000".into(),
        router: sonic_defi::KYBER_ROUTER.to_lowercase(),
        calldata: Box::new(move |req| kyber_calldata(req, *m.lock().expect("mode"))),
    });
    std::env::set_var(sonic_defi::SWAP_URL_ENV, &fake.url);

    let plan = e.plan_swap(req("S", "USDC", "10", None)).await.expect("a good route becomes a plan");
    let sw = details(&plan.kind).clone();
    assert_eq!(plan.to, sonic_defi::KYBER_ROUTER.parse::<Address>().expect("router"));
    assert_eq!((sw.source.as_str(), sw.route.as_str()), ("KyberSwap", "S -> USDC (shadow-cl)"));
    assert_eq!((sw.expected_raw, sw.minimum_raw), (U256::from(4_200_000u64), U256::from(4_179_000u64)));
    assert_eq!((plan.raw, plan.from), (U256::from(10u128 * 10u128.pow(18)), me));
    let asked = fake.requests.lock().expect("log").clone();
    assert!(asked[0].starts_with("/sonic/api/v1/routes?tokenIn=0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE&tokenOut=0x29219dd400f2Bf60E5a23d13Be72B486D4038894&amountIn=10000000000000000000"), "{asked:?}");
    assert_eq!(asked[1], "/sonic/api/v1/route/build");
    let build: serde_json::Value = serde_json::from_str(&asked[2]).expect("build body");
    assert_eq!(build["slippageTolerance"], 50);
    assert_eq!(build["recipient"].as_str(), Some(me.to_checksum(None).as_str()));
    assert_eq!(build["routeSummary"]["routeID"], "fake-route", "the summary goes back verbatim");
    e.cancel_plan(&plan.id).await;

    for (bad, why) in [
        (KyberMode::OtherRecipient, "not your account"),
        (KyberMode::LowerMinimum, "minimum return"),
        (KyberMode::MoreSold, "not the 10000000000000000000 asked"),
    ] {
        *mode.lock().expect("mode") = bad;
        let err = e.plan_swap(req("S", "USDC", "10", None)).await.expect_err("refused");
        assert!(err.to_string().contains(why), "{err}");
    }
    let other = kyber_server(KyberFake {
        amount_out: "4200000".into(),
        router: crate::support::OUTSIDER.into(),
        calldata: Box::new(|req| kyber_calldata(req, KyberMode::Honest)),
    });
    std::env::set_var(sonic_defi::SWAP_URL_ENV, &other.url);
    let err = e.plan_swap(req("S", "USDC", "10", None)).await.expect_err("another router");
    assert!(err.to_string().contains("not KyberSwap's"), "{err}");
    assert_eq!(other.hits(), 1, "no build is asked of a route naming another router");
    assert!(e.pending_plans().await.is_empty(), "no refused route left a plan");
    let err = e.devnet_defi().await.expect_err("mainnet is no devnet");
    assert!(err.to_string().contains("local network only"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_sped_up_swap_stays_one_swap_in_history() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let d = e.devnet_defi().await.expect("fixtures");
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: serde_json::Value =
        alloy::providers::Provider::raw_request(&p, "evm_setAutomine".into(), (false,)).await.expect("automine off");
    let plan = e.plan_swap(req("S", "USDC", "10", None)).await.expect("plan");
    let stuck = e.confirm(&plan.id, None).await.expect("sent");
    let faster = e.plan_speed_up(&stuck.hash).await.expect("speed-up plan");
    let sent = e.confirm(&faster.id, None).await.expect("replacement");
    let _: String = alloy::providers::Provider::raw_request(&p, "evm_mine".into(), ()).await.expect("mine");
    e.watch(Some(1), true, std::future::pending()).await.expect("index");
    let all = e.history(&HistoryFilter::default()).await.expect("history");
    let swaps: Vec<_> = all.iter().filter(|t| t.received.is_some()).collect();
    assert_eq!(swaps.len(), 1, "one swap entry: {all:#?}");
    assert_eq!(swaps[0].hash, sent.hash);
    let r = swaps[0].received.as_ref().expect("leg");
    assert_eq!((r.asset.as_str(), r.token), ("USDC", Some(d.usdc)));
    assert!(!all.iter().any(|t| t.hash == sent.hash && t.log_index.is_some()), "no second entry for the USDC leg");
}

/// A swap planned in the block time of the pool's last update and mined later makes
/// the pool update its price accumulators too: the planned gas must cover that.
#[tokio::test(flavor = "multi_thread")]
async fn a_swap_planned_in_the_pools_own_second_still_fits_its_gas_when_mined_later() {
    let node = anvil(&[]);
    let (e, _d) = engine(&node.endpoint(), 1).await;
    e.devnet_defi().await.expect("fixtures");
    // Planned right after the liquidity was added, in the same block time as the pool.
    let plan = e.plan_swap(req("S", "USDC", "10", None)).await.expect("plan");
    let p = ProviderBuilder::new().connect_http(node.endpoint_url());
    let _: serde_json::Value =
        alloy::providers::Provider::raw_request(&p, "evm_increaseTime".into(), (10u64,)).await.expect("time");
    let _: String = alloy::providers::Provider::raw_request(&p, "evm_mine".into(), ()).await.expect("mine");
    let sent = e.confirm(&plan.id, WAIT).await.expect("the planned gas covers the accumulator update");
    assert_eq!(sent.status, TxState::Confirmed);
}

/// "What did I receive/send today?" counts a swap's bought leg as received and its sold
/// leg as sent; the exact approval before a USDC sale moved nothing and counts for
/// neither (a user tried this and was told the amounts sold had been received).
#[tokio::test(flavor = "multi_thread")]
async fn chat_totals_count_each_leg_of_a_swap_once_and_the_right_way() {
    let node = anvil(&[]);
    let me = node.addresses()[0];
    let (e, _d) = engine(&node.endpoint(), 1).await;
    let d = e.devnet_defi().await.expect("fixtures");
    let plan = e.plan_swap(req("S", "USDC", "1", None)).await.expect("plan");
    let first = e.confirm(&plan.id, WAIT).await.expect("swap");
    let bought = e.tx(&first.hash).expect("store").expect("record").received.expect("leg").raw;
    let plan = e.plan_swap(req("USDC", "S", "0.1", None)).await.expect("plan");
    let second = e.confirm(&plan.id, WAIT).await.expect("approve then swap");
    let got_s = e.tx(&second.hash).expect("store").expect("record").received.expect("leg").raw;
    assert!(usdc_of(&e, d.usdc, me).await > U256::ZERO);

    let usdc = sonic_types::format_units(bought, 6);
    let s = sonic_types::format_units(got_s, 18);
    let received = e.agent_turn("how much did I receive today?").await.expect("reply").text;
    // Newest first: the second swap's leg leads.
    assert_eq!(received, format!("You received {s} S and {usdc} USDC in 2 transactions today."));
    let sent = e.agent_turn("what did I send today?").await.expect("reply").text;
    assert_eq!(sent, "You sent 0.1 USDC and 1 S in 2 transactions today.");
    let usdc_in = e.agent_turn("how much USDC did I receive today?").await.expect("reply").text;
    assert_eq!(usdc_in, format!("You received {usdc} USDC in 1 transaction today."));
}
