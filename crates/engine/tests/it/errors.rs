//! What the UI is told when something fails: the error's code, not its wording.

use sonic_engine::{AmountSpec, SendRequest};
use sonic_types::{ErrorCode, IpcError};

use crate::support::{engine, OUTSIDER};

/// A local port nothing listens on (bound, then released).
fn dead_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

#[tokio::test]
async fn an_rpc_outage_is_unreachable_not_invalid_input() {
    let (engine, _dir) = engine(&format!("http://127.0.0.1:{}", dead_port()), 1).await;
    let req =
        SendRequest { from: None, to: OUTSIDER.into(), amount: AmountSpec::parse("1").expect("amount"), asset: None };
    let e = engine.plan_send(req).await.expect_err("no node answers");
    assert_eq!(e.code(), ErrorCode::Unreachable, "{e}");
    let ipc = IpcError::from(e);
    assert_eq!(ipc.code, ErrorCode::Unreachable);
    assert!(ipc.message.contains("cannot reach the RPC"), "{}", ipc.message);
    // The same outage on another path.
    let e = engine.balance(None, None).await.expect_err("no node answers");
    assert_eq!(e.code(), ErrorCode::Unreachable, "{e}");
}

#[tokio::test]
async fn the_users_mistakes_are_invalid_input_before_any_node_is_asked() {
    let (engine, _dir) = engine(&format!("http://127.0.0.1:{}", dead_port()), 1).await;
    let req = |to: &str| SendRequest { from: None, to: to.into(), amount: AmountSpec::Max, asset: None };
    let e = engine.plan_send(req("0x1234")).await.expect_err("not an address");
    assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
    let e = engine.plan_send(req("nobody")).await.expect_err("no such contact");
    assert_eq!(e.code(), ErrorCode::NotFound, "{e}");
    engine.lock().await;
    let e = engine.add_account(None).await.expect_err("locked");
    assert_eq!(e.code(), ErrorCode::Locked, "{e}");
}
