//! A client of a running host: finds it by the data directory (its socket and token
//! file), then calls commands typed by the contract. Requests on one client go in
//! order, one at a time.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sonic_types::{ipc::Command, ErrorCode, IpcError};

/// Whether a host answers on `data_dir`'s socket (a quick, blocking check); its
/// socket's path when one does.
pub fn host_answers(data_dir: &Path) -> Option<PathBuf> {
    imp::answers(data_dir)
}

/// A connection to the host of a data directory.
#[derive(Debug)]
pub struct HostClient {
    conn: Box<imp::Conn>,
    data_dir: PathBuf,
    socket: PathBuf,
    token: String,
    client: String,
    next_id: u64,
    lost: bool,
}

impl HostClient {
    /// Connects to the host of `data_dir`; `None` when no host answers there (no
    /// socket, no token file, or nothing listening).
    pub async fn connect(data_dir: &Path) -> Option<HostClient> {
        let token = std::fs::read_to_string(crate::token_path(data_dir)).ok()?.trim().to_string();
        let socket = crate::socket_path(data_dir);
        let conn = Box::new(imp::Conn::open(&socket).await?);
        Some(HostClient {
            conn,
            data_dir: data_dir.to_path_buf(),
            socket,
            token,
            client: "cli".into(),
            next_id: 1,
            lost: false,
        })
    }

    /// Connects again to whatever host now serves the data directory (the app was
    /// restarted); `false` when none answers. The client's name is kept.
    pub async fn reconnect(&mut self) -> bool {
        match HostClient::connect(&self.data_dir).await {
            Some(fresh) => {
                self.conn = fresh.conn;
                self.token = fresh.token;
                self.socket = fresh.socket;
                self.lost = false;
                true
            }
            None => false,
        }
    }

    /// Names the client (the origin shown on the cards of the plans it makes: `cli`,
    /// `mcp`).
    pub fn with_client(mut self, client: &str) -> Self {
        self.client = client.to_string();
        self
    }

    /// Whether the last call failed because the connection to the host broke (not
    /// because the host answered with an error).
    pub fn lost(&self) -> bool {
        self.lost
    }

    /// Where the host listens.
    pub fn socket_path(&self) -> &Path {
        &self.socket
    }

    /// Calls one command of the contract (or of the host's table) and reads its result.
    pub async fn call<C: Command>(&mut self, args: &C) -> Result<C::Reply, IpcError> {
        let args = serde_json::to_value(args).map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?;
        let value = self.call_raw(C::NAME, args).await?;
        serde_json::from_value(value)
            .map_err(|e| IpcError::new(ErrorCode::Internal, format!("unexpected answer from the host: {e}")))
    }

    /// Calls a command by its wire name with untyped arguments.
    pub async fn call_raw(&mut self, command: &str, args: Value) -> Result<Value, IpcError> {
        let id = self.next_id;
        self.next_id += 1;
        let request = crate::wire::Request {
            v: sonic_types::host::HOST_PROTOCOL,
            token: self.token.clone(),
            id,
            client: Some(self.client.clone()),
            command: command.to_string(),
            args,
        };
        let mut line = serde_json::to_vec(&request).map_err(|e| IpcError::new(ErrorCode::Internal, e.to_string()))?;
        line.push(b'\n');
        let gone = |e: String| {
            IpcError::new(
                ErrorCode::Unreachable,
                format!("the wallet host at {} stopped answering: {e}", self.socket.display()),
            )
        };
        let reply = self.conn.round_trip(&line).await.map_err(gone);
        // The line may carry a password (`wallet_unlock`): wiped once sent.
        zeroize::Zeroize::zeroize(&mut line);
        let mut request = request;
        crate::dispatch::wipe(&mut request.args);
        zeroize::Zeroize::zeroize(&mut request.token);
        self.lost = reply.is_err();
        let reply = reply?;
        let response: crate::wire::Response = serde_json::from_slice(&reply)
            .map_err(|e| IpcError::new(ErrorCode::Internal, format!("unreadable answer from the host: {e}")))?;
        if response.id.is_some_and(|r| r != id) {
            return Err(IpcError::new(ErrorCode::Internal, "the host answered another request"));
        }
        match response.outcome {
            crate::wire::Outcome::Ok(v) => Ok(v),
            crate::wire::Outcome::Err(e) => Err(e),
        }
    }
}

/// A connection that follows the host's events (see [`HostClient::follow`]).
#[derive(Debug)]
pub struct EventStream {
    conn: Box<imp::Conn>,
    id: u64,
}

impl EventStream {
    /// The next event; an error once the host stops or the connection breaks.
    pub async fn next(&mut self) -> Result<sonic_types::Event, IpcError> {
        let line = self.conn.read_next().await.map_err(|e| {
            IpcError::new(ErrorCode::Unreachable, format!("the wallet host stopped sending events: {e}"))
        })?;
        let response: crate::wire::Response = serde_json::from_slice(&line)
            .map_err(|e| IpcError::new(ErrorCode::Internal, format!("unreadable event from the host: {e}")))?;
        if response.id != Some(self.id) {
            return Err(IpcError::new(ErrorCode::Internal, "the host sent an answer to another request"));
        }
        match response.outcome {
            crate::wire::Outcome::Ok(v) => serde_json::from_value(v)
                .map_err(|e| IpcError::new(ErrorCode::Internal, format!("unexpected event from the host: {e}"))),
            crate::wire::Outcome::Err(e) => Err(e),
        }
    }
}

impl HostClient {
    /// Turns this connection into a stream of the host's events (`events_follow`):
    /// it takes no further request; dropping the stream ends the follow.
    pub async fn follow(mut self) -> Result<EventStream, IpcError> {
        let id = self.next_id;
        self.call(&sonic_types::host::EventsFollowArgs {}).await?;
        Ok(EventStream { conn: self.conn, id })
    }
}

#[cfg(unix)]
mod imp {
    use std::path::{Path, PathBuf};

    use tokio::{
        io::{AsyncWriteExt, BufReader},
        net::{
            unix::{OwnedReadHalf, OwnedWriteHalf},
            UnixStream,
        },
    };

    use crate::wire::{read_line, MAX_REPLY};

    pub(super) fn answers(data_dir: &Path) -> Option<PathBuf> {
        let socket = crate::socket_path(data_dir);
        std::os::unix::net::UnixStream::connect(&socket).ok().map(|_| socket)
    }

    #[derive(Debug)]
    pub(super) struct Conn {
        read: BufReader<OwnedReadHalf>,
        write: OwnedWriteHalf,
    }

    impl Conn {
        pub(super) async fn open(socket: &Path) -> Option<Conn> {
            let stream = UnixStream::connect(socket).await.ok()?;
            let (read, write) = stream.into_split();
            Some(Conn { read: BufReader::new(read), write })
        }

        pub(super) async fn round_trip(&mut self, line: &[u8]) -> Result<Vec<u8>, String> {
            self.write.write_all(line).await.map_err(|e| e.to_string())?;
            self.read_next().await
        }

        pub(super) async fn read_next(&mut self) -> Result<Vec<u8>, String> {
            match read_line(&mut self.read, MAX_REPLY).await {
                Ok(Some(reply)) => Ok(reply),
                Ok(None) => Err("connection closed".into()),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

#[cfg(windows)]
mod imp {
    use std::path::{Path, PathBuf};

    use tokio::{
        io::{split, AsyncWriteExt, BufReader, ReadHalf, WriteHalf},
        net::windows::named_pipe::{ClientOptions, NamedPipeClient},
    };

    use crate::wire::{read_line, MAX_REPLY};

    /// Windows' ERROR_PIPE_BUSY: every instance is taken for a moment.
    const PIPE_BUSY: i32 = 231;

    pub(super) fn answers(data_dir: &Path) -> Option<PathBuf> {
        let pipe = crate::socket_path(data_dir);
        match std::fs::OpenOptions::new().read(true).write(true).open(&pipe) {
            Ok(_) => Some(pipe),
            Err(e) if e.raw_os_error() == Some(PIPE_BUSY) => Some(pipe),
            Err(_) => None,
        }
    }

    #[derive(Debug)]
    pub(super) struct Conn {
        read: BufReader<ReadHalf<NamedPipeClient>>,
        write: WriteHalf<NamedPipeClient>,
    }

    impl Conn {
        pub(super) async fn open(pipe: &Path) -> Option<Conn> {
            for _ in 0..20 {
                match ClientOptions::new().open(pipe) {
                    Ok(client) => {
                        let (read, write) = split(client);
                        return Some(Conn { read: BufReader::new(read), write });
                    }
                    Err(e) if e.raw_os_error() == Some(PIPE_BUSY) => {
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    }
                    Err(_) => return None,
                }
            }
            None
        }

        pub(super) async fn round_trip(&mut self, line: &[u8]) -> Result<Vec<u8>, String> {
            self.write.write_all(line).await.map_err(|e| e.to_string())?;
            self.read_next().await
        }

        pub(super) async fn read_next(&mut self) -> Result<Vec<u8>, String> {
            match read_line(&mut self.read, MAX_REPLY).await {
                Ok(Some(reply)) => Ok(reply),
                Ok(None) => Err("connection closed".into()),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

#[cfg(not(any(unix, windows)))]
mod imp {
    use std::path::{Path, PathBuf};

    pub(super) fn answers(_data_dir: &Path) -> Option<PathBuf> {
        None
    }

    #[derive(Debug)]
    pub(super) struct Conn;

    impl Conn {
        pub(super) async fn open(_socket: &Path) -> Option<Conn> {
            None
        }

        pub(super) async fn round_trip(&mut self, _line: &[u8]) -> Result<Vec<u8>, String> {
            Err("the engine host is not supported on this platform yet".into())
        }

        pub(super) async fn read_next(&mut self) -> Result<Vec<u8>, String> {
            Err("the engine host is not supported on this platform yet".into())
        }
    }
}
