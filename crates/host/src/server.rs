//! Serving the host: the socket `<data dir>/host.sock` (0600, in the 0700 data
//! directory; on Windows the named pipe `\\.\pipe\smart-sonic-<hash of the data
//! directory>`, local clients only) and the per-start token `host.token` (0600, written
//! atomically), both removed when the host stops. A stale socket (nothing answers on
//! it) is replaced; a live one is refused. Connections are bounded in number; each
//! reads bounded lines and answers them in order, and one that sends nothing for
//! [`IDLE_TIMEOUT`] between requests is closed (a request being answered, such as a
//! `plan_confirm_wait` waiting for its receipt, is never idle). Request lines are
//! wiped once answered: some carry a password.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use sonic_engine::Engine;

use crate::HostError;

/// The most client connections served at once.
pub const MAX_CONNECTIONS: usize = 32;
/// How long a connection may wait between requests (or before its first) before it
/// is closed, so idle clients cannot hold every slot.
pub const IDLE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The engine host of one data directory.
#[derive(Debug)]
pub struct Host;

impl Host {
    /// Serves `engine` on `data_dir`'s socket until the handle is dropped (or
    /// [`HostHandle::shutdown`]).
    pub async fn serve(engine: Arc<Engine>, data_dir: &Path) -> Result<HostHandle, HostError> {
        imp::serve(engine, data_dir, IDLE_TIMEOUT).await
    }

    /// [`Host::serve`] with another idle timeout (tests).
    pub async fn serve_with_idle(
        engine: Arc<Engine>,
        data_dir: &Path,
        idle: std::time::Duration,
    ) -> Result<HostHandle, HostError> {
        imp::serve(engine, data_dir, idle).await
    }
}

/// A running host; stops serving and removes its socket and token file when dropped.
#[derive(Debug)]
pub struct HostHandle {
    socket: PathBuf,
    token_file: PathBuf,
    token: String,
    task: Option<tokio::task::JoinHandle<()>>,
    /// Tells every connection to close.
    stop: tokio::sync::watch::Sender<bool>,
}

impl HostHandle {
    /// Where the host listens.
    pub fn socket_path(&self) -> &Path {
        &self.socket
    }

    /// Where the token is.
    pub fn token_path(&self) -> &Path {
        &self.token_file
    }

    /// Stops serving and removes the socket and the token file.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
        // Remove only what is still ours: a later host may have replaced both.
        let ours = std::fs::read_to_string(&self.token_file).map(|t| t.trim() == self.token).unwrap_or(false);
        if ours {
            let _ = std::fs::remove_file(&self.socket);
            let _ = std::fs::remove_file(&self.token_file);
        }
    }
}

impl Drop for HostHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A fresh random token (32 bytes, hex).
fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What every transport shares: answering the lines of one connection.
mod serving {
    use std::time::Duration;

    use serde_json::Value;
    use sonic_engine::Engine;
    use sonic_types::{host::EventsFollowArgs, ipc::Command, IpcError};
    use tokio::{
        io::{AsyncRead, AsyncWrite, AsyncWriteExt, BufReader},
        sync::watch,
    };

    use zeroize::{Zeroize, Zeroizing};

    use crate::{
        dispatch::{dispatch, DEFAULT_ORIGIN},
        wire::{parse_request, read_line, refused, LineError, Request, Response, MAX_LINE},
    };

    /// Answers the requests of one connection in order, until it closes, sends a line
    /// too long, fails the token, or the host stops. A stopping host closes the
    /// connection between requests, never in the middle of one (a confirmation runs
    /// to its end).
    pub(super) async fn connection<S>(
        stream: S,
        engine: &Engine,
        token: &str,
        mut stopped: watch::Receiver<bool>,
        idle: Duration,
    ) where
        S: AsyncRead + AsyncWrite,
    {
        let (read, mut write) = tokio::io::split(stream);
        let mut read = BufReader::new(read);
        loop {
            let line = tokio::select! {
                // A stop is seen before any request that arrived with it.
                biased;
                _ = stopped.wait_for(|s| *s) => return,
                // Idle only while waiting for a request, never while answering one.
                line = tokio::time::timeout(idle, read_line(&mut read, MAX_LINE)) => line,
            };
            let Ok(line) = line else {
                let _ = write.shutdown().await;
                return;
            };
            let (answer, close) = match line {
                Ok(None) | Err(LineError::Io(_)) => return,
                Ok(Some(line)) => {
                    let line = Zeroizing::new(line);
                    match parse_request(&line, token) {
                        Ok(mut req) if req.command == <EventsFollowArgs as Command>::NAME => {
                            req.token.zeroize();
                            // Subscribed before the answer, so no event after it is missed.
                            let events = engine.bus().subscribe();
                            let ack = Response::new(Some(req.id), Ok(Value::Null)).to_line();
                            if write.write_all(&ack).await.is_ok() {
                                follow(events, req.id, &mut read, &mut write, &mut stopped).await;
                            }
                            let _ = write.shutdown().await;
                            return;
                        }
                        Ok(req) => (answer(engine, req).await, false),
                        Err(refusal) => (refusal.response(), refusal.close),
                    }
                }
                Err(LineError::TooLong(max)) => {
                    (Response::new(None, Err(refused(format!("request longer than {max} bytes; refused")))), true)
                }
            };
            if write.write_all(&answer.to_line()).await.is_err() || close {
                let _ = write.shutdown().await;
                return;
            }
        }
    }

    /// Writes every event of the bus as an answer to request `id` until the client
    /// closes its side (or sends anything: a follow takes no further request), a write
    /// fails, or the host stops. Events missed under load are skipped, as `sonic watch`
    /// skips them on its own engine.
    async fn follow<R, W>(
        mut events: tokio::sync::broadcast::Receiver<sonic_types::Event>,
        id: u64,
        read: &mut BufReader<R>,
        write: &mut W,
        stopped: &mut watch::Receiver<bool>,
    ) where
        R: AsyncRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            let ev = tokio::select! {
                biased;
                _ = stopped.wait_for(|s| *s) => return,
                _ = read_line(read, MAX_LINE) => return,
                ev = events.recv() => ev,
            };
            let ev = match ev {
                Ok(ev) => ev,
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return,
            };
            let Ok(value) = serde_json::to_value(&ev) else { continue };
            if write.write_all(&Response::new(Some(id), Ok(value)).to_line()).await.is_err() {
                return;
            }
        }
    }

    /// The answer to one request whose version and token were checked.
    async fn answer(engine: &Engine, mut req: Request) -> Response {
        let origin = req.client.as_deref().unwrap_or(DEFAULT_ORIGIN);
        let args = std::mem::take(&mut req.args);
        let result: Result<Value, IpcError> = dispatch(engine, origin, &req.command, args).await;
        req.token.zeroize();
        Response::new(Some(req.id), result)
    }
}

/// How long the accept loop waits after a failed accept (out of descriptors...).
const ACCEPT_BACKOFF: std::time::Duration = std::time::Duration::from_millis(100);

/// The busy answer to a connection over [`MAX_CONNECTIONS`].
fn too_many() -> Vec<u8> {
    crate::wire::Response::new(None, Err(crate::wire::refused("too many clients of this host; try again"))).to_line()
}

#[cfg(unix)]
mod imp {
    use std::{os::unix::fs::PermissionsExt, path::Path, sync::Arc, time::Duration};

    use sonic_engine::{fsutil, Engine};
    use tokio::{
        io::AsyncWriteExt,
        net::{UnixListener, UnixStream},
        sync::{watch, Semaphore},
    };

    use super::{new_token, serving::connection, too_many, HostHandle, ACCEPT_BACKOFF, MAX_CONNECTIONS};
    use crate::{socket_path, token_path, HostError};

    pub(super) async fn serve(engine: Arc<Engine>, data_dir: &Path, idle: Duration) -> Result<HostHandle, HostError> {
        fsutil::create_private_dir(data_dir)
            .map_err(|e| HostError::io(data_dir, std::io::Error::other(e.to_string())))?;
        std::fs::set_permissions(data_dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| HostError::io(data_dir, e))?;
        let socket = socket_path(data_dir);
        if socket.exists() {
            if UnixStream::connect(&socket).await.is_ok() {
                return Err(HostError::AlreadyRunning(socket));
            }
            std::fs::remove_file(&socket).map_err(|e| HostError::io(&socket, e))?;
        }
        let listener = UnixListener::bind(&socket).map_err(|e| HostError::io(&socket, e))?;
        std::fs::set_permissions(&socket, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| HostError::io(&socket, e))?;
        let token = new_token();
        let token_file = token_path(data_dir);
        if let Err(e) = fsutil::atomic_write(&token_file, token.as_bytes()) {
            let _ = std::fs::remove_file(&socket);
            return Err(HostError::io(&token_file, std::io::Error::other(e.to_string())));
        }
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept(listener, engine, Arc::from(token.as_str()), stopped, idle));
        Ok(HostHandle { socket, token_file, token, task: Some(task), stop })
    }

    async fn accept(
        listener: UnixListener,
        engine: Arc<Engine>,
        token: Arc<str>,
        stopped: watch::Receiver<bool>,
        idle: Duration,
    ) {
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            };
            let Ok(permit) = slots.clone().try_acquire_owned() else {
                let _ = stream.write_all(&too_many()).await;
                continue;
            };
            let (engine, token, stopped) = (engine.clone(), token.clone(), stopped.clone());
            tokio::spawn(async move {
                connection(stream, &engine, &token, stopped, idle).await;
                drop(permit);
            });
        }
    }
}

#[cfg(windows)]
mod imp {
    use std::{path::Path, sync::Arc, time::Duration};

    use sonic_engine::{fsutil, Engine};
    use tokio::{
        io::AsyncWriteExt,
        net::windows::named_pipe::{NamedPipeServer, ServerOptions},
        sync::{watch, Semaphore},
    };

    use super::{new_token, serving::connection, too_many, HostHandle, ACCEPT_BACKOFF, MAX_CONNECTIONS};
    use crate::{socket_path, token_path, HostError};

    /// A new instance of the pipe (local clients only).
    fn instance(name: &Path, first: bool) -> std::io::Result<NamedPipeServer> {
        ServerOptions::new().first_pipe_instance(first).reject_remote_clients(true).create(name)
    }

    pub(super) async fn serve(engine: Arc<Engine>, data_dir: &Path, idle: Duration) -> Result<HostHandle, HostError> {
        fsutil::create_private_dir(data_dir)
            .map_err(|e| HostError::io(data_dir, std::io::Error::other(e.to_string())))?;
        let pipe = socket_path(data_dir);
        // The first instance of a name can be created once: another host serves it.
        let server = instance(&pipe, true).map_err(|e| match e.kind() {
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::AlreadyExists => {
                HostError::AlreadyRunning(pipe.clone())
            }
            _ => HostError::io(&pipe, e),
        })?;
        let token = new_token();
        let token_file = token_path(data_dir);
        fsutil::atomic_write(&token_file, token.as_bytes())
            .map_err(|e| HostError::io(&token_file, std::io::Error::other(e.to_string())))?;
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept(server, pipe.clone(), engine, Arc::from(token.as_str()), stopped, idle));
        Ok(HostHandle { socket: pipe, token_file, token, task: Some(task), stop })
    }

    async fn accept(
        mut server: NamedPipeServer,
        pipe: std::path::PathBuf,
        engine: Arc<Engine>,
        token: Arc<str>,
        stopped: watch::Receiver<bool>,
        idle: Duration,
    ) {
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        loop {
            if server.connect().await.is_err() {
                tokio::time::sleep(ACCEPT_BACKOFF).await;
                continue;
            }
            // The next instance waits for the next client while this one is served.
            let mut connected = match instance(&pipe, false) {
                Ok(next) => std::mem::replace(&mut server, next),
                Err(_) => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            };
            let Ok(permit) = slots.clone().try_acquire_owned() else {
                let _ = connected.write_all(&too_many()).await;
                continue;
            };
            let (engine, token, stopped) = (engine.clone(), token.clone(), stopped.clone());
            tokio::spawn(async move {
                connection(connected, &engine, &token, stopped, idle).await;
                drop(permit);
            });
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod imp {
    use std::{path::Path, sync::Arc};

    use sonic_engine::Engine;

    use super::HostHandle;
    use crate::HostError;

    pub(super) async fn serve(
        _engine: Arc<Engine>,
        _data_dir: &Path,
        _idle: std::time::Duration,
    ) -> Result<HostHandle, HostError> {
        Err(HostError::Unsupported)
    }
}
