//! The host's wire protocol: one JSON object per line each way.
//!
//! A request is `{"v":1,"token":"…","id":N,"client":"cli","command":"<wire name>",
//! "args":{…}}`; its answer `{"v":1,"id":N,"ok":<result>}` or
//! `{"v":1,"id":N,"err":{"code":…,"message":…}}`. `client` names who proposes the
//! plans the request makes (the origin on the app's card; `cli` when absent). A line
//! is at most [`MAX_LINE`] bytes; a longer one is refused and the connection closed.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sonic_types::{host::HOST_PROTOCOL, redact::scrub, ErrorCode, IpcError};
use tokio::io::{AsyncBufRead, AsyncBufReadExt};

/// The longest request line a host reads (1 MiB).
pub const MAX_LINE: usize = 1 << 20;
/// The longest answer line a client reads (16 MiB: a long history).
pub const MAX_REPLY: usize = 16 << 20;

/// One request.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// The protocol version ([`HOST_PROTOCOL`]).
    pub v: u32,
    /// The host's per-start token.
    pub token: String,
    /// Echoed in the answer.
    pub id: u64,
    /// Who asks (`cli`, `mcp`): the origin of the plans this request makes.
    #[serde(default)]
    pub client: Option<String>,
    /// The command's wire name.
    pub command: String,
    /// The command's argument struct.
    #[serde(default)]
    pub args: Value,
}

/// Success or failure of one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Outcome {
    /// The command's result.
    #[serde(rename = "ok")]
    Ok(Value),
    /// Why it failed.
    #[serde(rename = "err")]
    Err(IpcError),
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The protocol version.
    pub v: u32,
    /// The request's id (`null` when the request had none that could be read).
    pub id: Option<u64>,
    /// The result or the error.
    #[serde(flatten)]
    pub outcome: Outcome,
}

impl Response {
    /// An answer to request `id`.
    pub fn new(id: Option<u64>, outcome: Result<Value, IpcError>) -> Self {
        let outcome = match outcome {
            Ok(v) => Outcome::Ok(v),
            Err(e) => Outcome::Err(e),
        };
        Self { v: HOST_PROTOCOL, id, outcome }
    }

    /// The answer as one line (with its newline).
    pub fn to_line(&self) -> Vec<u8> {
        let mut line = serde_json::to_vec(self).unwrap_or_else(|_| {
            // Serialising a `Value` and an `IpcError` cannot fail; keep a valid line anyway.
            br#"{"v":1,"id":null,"err":{"code":"internal","message":"unserialisable answer"}}"#.to_vec()
        });
        line.push(b'\n');
        line
    }
}

/// Why a line could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LineError {
    /// The line is longer than allowed.
    #[error("line longer than {0} bytes")]
    TooLong(usize),
    /// The stream failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Reads one line of at most `max` bytes (without its newline); `None` at the end of
/// the stream. Never buffers more than `max + 1` bytes.
pub async fn read_line<R: AsyncBufRead + Unpin>(r: &mut R, max: usize) -> Result<Option<Vec<u8>>, LineError> {
    let mut line = Vec::new();
    loop {
        let buf = r.fill_buf().await?;
        if buf.is_empty() {
            return if line.is_empty() { Ok(None) } else { Ok(Some(line)) };
        }
        let (take, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if line.len() + take > max + 1 {
            return Err(LineError::TooLong(max));
        }
        line.extend_from_slice(&buf[..take]);
        r.consume(take);
        if done {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some(line));
        }
    }
}

/// Why a line is not a request to carry out.
#[derive(Debug, Clone, PartialEq)]
pub struct Refusal {
    /// The request's id, when it could be read.
    pub id: Option<u64>,
    /// What the client is told.
    pub error: IpcError,
    /// Whether the connection is closed after the answer: the line is not a request
    /// of ours (not JSON, another version, a wrong token).
    pub close: bool,
}

impl Refusal {
    fn new(id: Option<u64>, message: impl Into<String>, close: bool) -> Self {
        Self { id, error: refused(message), close }
    }

    /// The answer to send.
    pub fn response(&self) -> Response {
        Response::new(self.id, Err(self.error.clone()))
    }
}

/// Reads one request line: JSON, this protocol's version, the host's `token`
/// (compared in constant time), the exact request fields and a plain `client` name.
/// Never panics, whatever the bytes.
pub fn parse_request(line: &[u8], token: &str) -> Result<Request, Refusal> {
    let Ok(value) = serde_json::from_slice::<Value>(line) else {
        return Err(Refusal::new(None, "not a JSON request", true));
    };
    let id = value.get("id").and_then(Value::as_u64);
    match value.get("v").and_then(Value::as_u64) {
        Some(v) if v == u64::from(HOST_PROTOCOL) => {}
        other => {
            let said = other.map(|v| v.to_string()).unwrap_or_else(|| "none".into());
            let message =
                format!("host protocol version {said} is not supported: this host speaks version {HOST_PROTOCOL}");
            return Err(Refusal::new(id, message, true));
        }
    }
    let given = value.get("token").and_then(Value::as_str).unwrap_or("");
    if !token_matches(given, token) {
        return Err(Refusal::new(id, "wrong or missing host token", true));
    }
    let req: Request = serde_json::from_value(value)
        .map_err(|e| Refusal::new(id, format!("bad request: {}", scrub(&e.to_string())), true))?;
    if req.client.as_deref().is_some_and(|c| !valid_client(c)) {
        return Err(Refusal::new(
            Some(req.id),
            "client must be 1 to 32 characters of a-z, 0-9, '-', ':' or '.'",
            false,
        ));
    }
    Ok(req)
}

/// A client name, shown on cards as the origin: short, plain lowercase text.
fn valid_client(c: &str) -> bool {
    (1..=32).contains(&c.len())
        && c.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-:.".contains(&b))
}

/// Compares two tokens in time independent of where they differ.
pub fn token_matches(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut diff = u8::from(a.len() != b.len());
    for (i, x) in b.iter().enumerate() {
        diff |= x ^ a.get(i).copied().unwrap_or(0);
    }
    diff == 0
}

/// An `invalid_input` error of the protocol itself.
pub fn refused(message: impl Into<String>) -> IpcError {
    IpcError::new(ErrorCode::InvalidInput, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn lines_are_bounded() {
        let data = b"abc\nde\r\nfgh".to_vec();
        let mut r = tokio::io::BufReader::with_capacity(2, &data[..]);
        assert_eq!(read_line(&mut r, 8).await.expect("1"), Some(b"abc".to_vec()));
        assert_eq!(read_line(&mut r, 8).await.expect("2"), Some(b"de".to_vec()));
        assert_eq!(read_line(&mut r, 8).await.expect("3"), Some(b"fgh".to_vec()));
        assert_eq!(read_line(&mut r, 8).await.expect("eof"), None);
        let long = [b'x'; 100];
        let mut r = tokio::io::BufReader::with_capacity(7, &long[..]);
        assert!(matches!(read_line(&mut r, 10).await, Err(LineError::TooLong(10))));
    }

    #[test]
    fn tokens_compare_exactly() {
        assert!(token_matches("abcd", "abcd"));
        assert!(!token_matches("abce", "abcd"));
        assert!(!token_matches("abc", "abcd"));
        assert!(!token_matches("abcde", "abcd"));
        assert!(!token_matches("", "abcd"));
    }

    /// A tiny deterministic generator (xorshift), for mutations without a dependency.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn mangled_requests_are_refused_never_panic() {
        let token = "ab".repeat(32);
        let good = format!(r#"{{"v":1,"token":"{token}","id":9,"client":"mcp","command":"balances","args":{{}}}}"#);
        let parsed = parse_request(good.as_bytes(), &token).expect("a good request");
        assert_eq!((parsed.id, parsed.client.as_deref(), parsed.command.as_str()), (9, Some("mcp"), "balances"));
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut accepted = 0;
        for _ in 0..20_000 {
            let mut bytes = good.clone().into_bytes();
            for _ in 0..(next(&mut state) % 4 + 1) {
                let i = usize::try_from(next(&mut state) % bytes.len() as u64).unwrap_or(0);
                match next(&mut state) % 3 {
                    0 => bytes[i] = (next(&mut state) & 0xff) as u8,
                    1 => {
                        bytes.remove(i);
                    }
                    _ => bytes.insert(i, br#"{}[]":,0x\u"#[usize::try_from(next(&mut state) % 11).unwrap_or(0)]),
                }
                if bytes.is_empty() {
                    break;
                }
            }
            match parse_request(&bytes, &token) {
                Ok(r) => {
                    accepted += 1;
                    // Whatever got through still carries the exact token and a plain client.
                    assert!(r.token == token);
                    assert!(r.client.as_deref().is_none_or(valid_client));
                }
                Err(refusal) => assert!(refusal.error.message.len() < 300, "{}", refusal.error.message),
            }
        }
        assert!(accepted < 20_000, "mutations are mostly refused");
    }

    #[test]
    fn answers_have_their_wire_form() {
        let ok = Response::new(Some(3), Ok(serde_json::json!([1])));
        assert_eq!(serde_json::to_value(&ok).expect("ser"), serde_json::json!({"v":1,"id":3,"ok":[1]}));
        let err = Response::new(Some(4), Err(refused("no")));
        assert_eq!(
            serde_json::to_value(&err).expect("ser"),
            serde_json::json!({"v":1,"id":4,"err":{"code":"invalid_input","message":"no"}})
        );
        let back: Response = serde_json::from_slice(&err.to_line()).expect("de");
        assert_eq!(back, err);
        // `()` results travel as null.
        let unit: Response = serde_json::from_str(r#"{"v":1,"id":5,"ok":null}"#).expect("null ok");
        assert_eq!(unit.outcome, Outcome::Ok(Value::Null));
    }
}
