//! Network settings: overriding a built-in network's RPC keeps what makes it that
//! network (its chain id, checked on connect, and its mainnet label); a custom network
//! cannot claim to be Sonic mainnet.

use sonic_engine::{Config, Engine, Error, KdfParams};
use sonic_types::Network;

use crate::support::{anvil, engine};

fn net(name: &str, rpc: &str, chain_id: Option<u64>, mainnet: bool) -> Network {
    Network { name: name.into(), chain_id, rpc_urls: vec![rpc.into()], explorer_url: None, mainnet, ws_url: None }
}

fn find(e: &Engine, name: &str) -> Network {
    e.networks().expect("networks").into_iter().find(|n| n.name == name).expect("network")
}

#[tokio::test(flavor = "multi_thread")]
async fn overriding_a_builtin_keeps_its_chain_id_check_and_mainnet_label() {
    let node = anvil(&[]); // chain 31337, not Sonic's
    let (e, dir) = engine(&node.endpoint(), 1).await;
    e.add_network(net("sonic", &node.endpoint(), None, false)).expect("an RPC override");
    let sonic = find(&e, "sonic");
    assert_eq!(sonic.rpc_urls, [node.endpoint()], "the RPC is overridden");
    assert_eq!((sonic.chain_id, sonic.mainnet), (Some(146), true), "the rest is the built-in's");
    assert_eq!(sonic.explorer_url.as_deref(), Some("https://sonicscan.org"));
    let err = e.add_network(net("sonic", &node.endpoint(), Some(31337), true)).expect_err("another chain id");
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let testnet = e.add_network(net("testnet", &node.endpoint(), Some(14601), true));
    testnet.expect("the same chain id is fine");
    assert!(!find(&e, "testnet").mainnet, "a testnet override cannot claim mainnet");
    drop(e);

    // Connecting to "sonic" now checks the node's chain id against 146.
    let e = Engine::open(Config {
        data_dir: dir.path().join("data"),
        network: Some("sonic".into()),
        rpc: None,
        kdf: KdfParams::insecure_for_tests(),
    })
    .expect("engine");
    match e.chain().await {
        Err(Error::Chain(sonic_chain::Error::ChainMismatch { .. })) => {}
        other => panic!("expected a chain id mismatch, got {:?}", other.map(|c| c.chain_id())),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stored_override_from_before_cannot_drop_the_builtin_rules() {
    let node = anvil(&[]);
    let (e, _dir) = engine(&node.endpoint(), 1).await;
    // As an older version saved `sonic network add sonic --rpc URL`.
    e.store().put_network(&net("sonic", &node.endpoint(), None, false)).expect("put");
    e.store().put_network(&net("testnet", &node.endpoint(), Some(31337), false)).expect("put");
    let sonic = find(&e, "sonic");
    assert_eq!((sonic.chain_id, sonic.mainnet, sonic.rpc_urls.clone()), (Some(146), true, vec![node.endpoint()]));
    assert_eq!(find(&e, "testnet").chain_id, Some(14601));
}

#[tokio::test(flavor = "multi_thread")]
async fn only_sonic_mainnets_chain_id_is_mainnet() {
    let node = anvil(&[]);
    let (e, _dir) = engine(&node.endpoint(), 1).await;
    e.add_network(net("mynet", &node.endpoint(), Some(31337), true)).expect("custom");
    assert!(!find(&e, "mynet").mainnet, "chain 31337 is not Sonic mainnet");
    e.add_network(net("mirror", &node.endpoint(), Some(146), false)).expect("custom");
    assert!(find(&e, "mirror").mainnet, "chain 146 holds real value, whatever its name");
    e.add_network(net("local", &node.endpoint(), None, true)).expect("local override");
    assert!(!find(&e, "local").mainnet);
}

/// The desktop's Networks page: a URL is saved only after its node answered with the
/// network's chain id (a refusal is an input error saying why, never `unreachable`);
/// the network and RPC URL the app was started with give way to the user's choice at
/// once; the last balances read are kept, with their time.
#[tokio::test(flavor = "multi_thread")]
async fn a_network_is_verified_before_saving_and_the_start_choice_gives_way() {
    let first = anvil(&[]);
    let second = anvil(&[]);
    let (e, _dir) = engine(&first.endpoint(), 1).await;

    let err = e.verify_network(net("sonic", &second.endpoint(), None, false)).await.expect_err("chain 31337");
    assert!(matches!(&err, Error::Invalid(m) if m.contains("chain 31337") && m.contains("chain 146")), "{err}");
    let err = e.verify_network(net("mine", "http://127.0.0.1:9", None, false)).await.expect_err("no node");
    assert_eq!(err.code(), sonic_types::ErrorCode::InvalidInput, "{err}");
    let mine = e.verify_network(net("mine", &second.endpoint(), None, false)).await.expect("a custom network");
    assert_eq!(mine.chain_id, Some(31337), "a custom network takes the node's chain id");
    let err = e.verify_network(net("mine", &second.endpoint(), Some(5), false)).await.expect_err("not chain 5");
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let local = e.verify_network(net("local", &second.endpoint(), None, false)).await.expect("local");
    assert_eq!(local.chain_id, None, "the built-in local network accepts any chain");

    assert!(e.last_balances(None).await.expect("read").is_none(), "nothing read yet");
    let now = e.balances(None).await.expect("balances");
    let last = e.last_balances(None).await.expect("read").expect("kept");
    assert_eq!(last.balances, now);
    assert!(last.at > 0);

    assert_eq!(e.started_rpc(), Some(first.endpoint()));
    e.add_network(local).expect("saved");
    assert_eq!(e.chain().await.expect("chain").url(), first.endpoint(), "the start URL applies until the user picks");
    e.set_network("local").expect("picked");
    e.use_saved_network().expect("the user's choice");
    assert_eq!(e.started_rpc(), None);
    assert_eq!(e.chain().await.expect("chain").url(), second.endpoint(), "the saved URL applies at once");
}
