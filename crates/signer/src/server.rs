//! The HTTP server (hyper, HTTP/1.1) and its WebSocket upgrade on the same port:
//! guards first (loopback `Host`, readable `Origin`), then CORS for approved origins
//! only, bounded bodies and messages, a bounded number of connections, and a stop
//! signal every connection and waiting request listens to.

use std::{convert::Infallible, sync::Arc, time::Duration};

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full, Limited};
use hyper::{
    body::Incoming,
    header::{HeaderValue, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, UPGRADE},
    server::conn::http1,
    service::service_fn,
    Method, Request, Response, StatusCode,
};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{
    net::TcpListener,
    sync::{mpsc, watch, Semaphore},
};
use tokio_tungstenite::{
    tungstenite::{handshake::derive_accept_key, protocol::Role, protocol::WebSocketConfig, Message},
    WebSocketStream,
};

use crate::{
    guard,
    rpc::{handle_body, Client, Ctx},
};

/// The largest request body or WebSocket message.
pub const MAX_BODY: usize = 1024 * 1024;
/// The most connections served at once.
const MAX_CONNECTIONS: usize = 128;
/// The most requests of one WebSocket in flight at once.
const MAX_WS_IN_FLIGHT: usize = 16;
/// How long a client may take to send its headers, and its body.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
const BODY_TIMEOUT: Duration = Duration::from_secs(30);

type Reply = Response<Full<Bytes>>;

fn plain(status: StatusCode, text: &'static str) -> Reply {
    let mut r = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *r.status_mut() = status;
    r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    if status == StatusCode::PAYLOAD_TOO_LARGE || status == StatusCode::REQUEST_TIMEOUT {
        // The rest of the body is not read: the connection cannot carry another request.
        r.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
    }
    r
}

/// Runs until `stop` changes: accepts connections and serves each.
pub(crate) async fn run(listener: TcpListener, ctx: Arc<Ctx>, stop: watch::Receiver<bool>) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut stopping = stop.clone();
    loop {
        let accepted = tokio::select! {
            _ = stopping.changed() => return,
            a = listener.accept() => a,
        };
        let Ok((stream, _peer)) = accepted else {
            // Out of descriptors or a reset before accept: go on after a breath.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let (ctx, mut stop) = (ctx.clone(), stop.clone());
        tokio::spawn(async move {
            let stop_ws = stop.clone();
            let svc = service_fn(move |req| {
                let (ctx, stop) = (ctx.clone(), stop_ws.clone());
                async move { Ok::<_, Infallible>(route(ctx, req, stop).await) }
            });
            let conn = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), svc)
                .with_upgrades();
            tokio::select! {
                r = conn => if let Err(e) = r { tracing::debug!("signer connection: {e}") },
                _ = stop.changed() => {}
            }
            drop(slot);
        });
    }
}

/// One HTTP request.
async fn route(ctx: Arc<Ctx>, req: Request<Incoming>, stop: watch::Receiver<bool>) -> Reply {
    if !guard::host_ok(req.headers()) {
        return plain(StatusCode::FORBIDDEN, "forbidden: the Host must be 127.0.0.1, localhost or [::1]\n");
    }
    let Ok(origin) = guard::origin(req.headers()) else {
        return plain(StatusCode::FORBIDDEN, "forbidden: the Origin is not a web origin\n");
    };
    let approved = origin.as_deref().is_some_and(|o| ctx.engine.is_origin_approved(o).unwrap_or(false));
    let client = Client { origin };
    if is_upgrade(&req) {
        return upgrade(ctx, req, client, stop);
    }
    match *req.method() {
        Method::POST => {}
        Method::OPTIONS => {
            return match (&client.origin, approved) {
                (Some(o), true) => {
                    let mut r = Response::new(Full::new(Bytes::new()));
                    *r.status_mut() = StatusCode::NO_CONTENT;
                    guard::allow(&mut r, o, true);
                    r
                }
                _ => plain(StatusCode::FORBIDDEN, "forbidden: this origin is not connected\n"),
            };
        }
        _ => return plain(StatusCode::METHOD_NOT_ALLOWED, "POST JSON-RPC here, or open a WebSocket\n"),
    }
    let declared = req.headers().get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return plain(StatusCode::PAYLOAD_TOO_LARGE, "the body is larger than 1 MiB\n");
    }
    let body = match tokio::time::timeout(BODY_TIMEOUT, Limited::new(req.into_body(), MAX_BODY).collect()).await {
        Ok(Ok(c)) => c.to_bytes(),
        Ok(Err(_)) => return plain(StatusCode::PAYLOAD_TOO_LARGE, "the body is larger than 1 MiB\n"),
        Err(_) => return plain(StatusCode::REQUEST_TIMEOUT, "the body took too long\n"),
    };
    let Some(answer) = until_stopped(stop, handle_body(&ctx, &client, &body)).await else {
        return plain(StatusCode::SERVICE_UNAVAILABLE, "the signer RPC stopped\n");
    };
    let mut r = match answer {
        Some(v) => {
            let mut r = Response::new(Full::new(Bytes::from(v.to_string())));
            r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            r
        }
        None => {
            let mut r = Response::new(Full::new(Bytes::new()));
            *r.status_mut() = StatusCode::NO_CONTENT;
            r
        }
    };
    // Asked again: the request itself may have been the approval (eth_requestAccounts),
    // or a revocation may have come while it waited.
    if let Some(o) = &client.origin {
        if ctx.engine.is_origin_approved(o).unwrap_or(false) {
            guard::allow(&mut r, o, false);
        }
    }
    r
}

/// Runs `f` unless the server stops first (`None` then).
async fn until_stopped<T>(mut stop: watch::Receiver<bool>, f: impl std::future::Future<Output = T>) -> Option<T> {
    if *stop.borrow() {
        return None;
    }
    tokio::select! {
        v = f => Some(v),
        _ = stop.changed() => None,
    }
}

fn is_upgrade<B>(req: &Request<B>) -> bool {
    let has = |name, token: &str| {
        req.headers()
            .get_all(name)
            .iter()
            .any(|v| v.to_str().is_ok_and(|s| s.split(',').any(|t| t.trim().eq_ignore_ascii_case(token))))
    };
    req.method() == Method::GET && has(UPGRADE, "websocket") && has(CONNECTION, "upgrade")
}

/// Answers a WebSocket handshake and serves the socket once upgraded. A browser's
/// `Origin` is checked like over HTTP (CORS does not apply to WebSockets, so the
/// methods' own checks are what keeps an unapproved site out).
fn upgrade(ctx: Arc<Ctx>, mut req: Request<Incoming>, client: Client, stop: watch::Receiver<bool>) -> Reply {
    let key = req.headers().get("sec-websocket-key").map(|k| derive_accept_key(k.as_bytes()));
    let version_ok = req.headers().get("sec-websocket-version").is_some_and(|v| v.as_bytes() == b"13");
    let (Some(accept), true) = (key, version_ok) else {
        return plain(StatusCode::BAD_REQUEST, "a WebSocket handshake needs Sec-WebSocket-Key and version 13\n");
    };
    let on_upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        match on_upgrade.await {
            Ok(io) => serve_socket(ctx, TokioIo::new(io), client, stop).await,
            Err(e) => tracing::debug!("signer websocket upgrade: {e}"),
        }
    });
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let h = r.headers_mut();
    h.insert(UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(v) = HeaderValue::from_str(&accept) {
        h.insert("sec-websocket-accept", v);
    }
    r
}

/// Serves JSON-RPC over one WebSocket: each text message a request or a batch,
/// answered as it completes (a send waiting for its card does not hold up reads).
/// When the socket closes, its waiting requests end and their cards are withdrawn.
async fn serve_socket<S>(ctx: Arc<Ctx>, io: S, client: Client, stop: watch::Receiver<bool>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let config = WebSocketConfig::default().max_message_size(Some(MAX_BODY)).max_frame_size(Some(MAX_BODY));
    let ws = WebSocketStream::from_raw_socket(io, Role::Server, Some(config)).await;
    let (mut sink, mut stream) = ws.split();
    let (tx, mut rx) = mpsc::channel::<Message>(MAX_WS_IN_FLIGHT);
    let writer = tokio::spawn(async move {
        while let Some(m) = rx.recv().await {
            let close = matches!(m, Message::Close(_));
            if sink.send(m).await.is_err() || close {
                break;
            }
        }
    });
    let in_flight = Arc::new(Semaphore::new(MAX_WS_IN_FLIGHT));
    let client = Arc::new(client);
    let mut stopping = stop.clone();
    // The requests in flight: dropped (so their plans withdrawn) when the socket ends.
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        while tasks.try_join_next().is_some() {}
        let next = tokio::select! {
            _ = stopping.changed() => break,
            n = stream.next() => n,
        };
        let text = match next {
            Some(Ok(Message::Text(t))) => t,
            Some(Ok(Message::Binary(_))) => {
                let _ = tx.send(Message::Close(None)).await;
                break;
            }
            Some(Ok(Message::Close(_))) | Some(Err(_)) | None => break,
            Some(Ok(_)) => continue,
        };
        let Ok(permit) = in_flight.clone().acquire_owned().await else { break };
        let (ctx, client, tx, stop) = (ctx.clone(), client.clone(), tx.clone(), stop.clone());
        tasks.spawn(async move {
            if let Some(Some(v)) = until_stopped(stop, handle_body(&ctx, &client, text.as_bytes())).await {
                let _ = tx.send(Message::text(v.to_string())).await;
            }
            drop(permit);
        });
    }
    tasks.abort_all();
    drop(tx);
    let _ = writer.await;
}
