//! Reads of outside HTTP replies (nodes, explorers, price and route sources, language
//! models, Pinata): every body is read with a size cap, as it arrives, so a hostile or
//! broken server cannot make the app allocate without bound. The one place that reads
//! a reply's body.

use std::fmt;

/// Why a body could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The body is (or says it is) longer than the cap, in bytes.
    TooLarge(usize),
    /// The connection failed while reading.
    Transport(reqwest::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::TooLarge(limit) => write!(f, "the reply is larger than {limit} bytes"),
            ReadError::Transport(e) => write!(f, "the reply was cut off ({e})"),
        }
    }
}

impl std::error::Error for ReadError {}

/// The body of `resp`, at most `limit` bytes: a declared length over the cap is
/// refused before any of it is read, and a body that grows past it is cut off there.
pub async fn read_capped(mut resp: reqwest::Response, limit: usize) -> Result<Vec<u8>, ReadError> {
    if resp.content_length().is_some_and(|n| n > limit as u64) {
        return Err(ReadError::TooLarge(limit));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(ReadError::Transport)? {
        if body.len().saturating_add(chunk.len()) > limit {
            return Err(ReadError::TooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// [`read_capped`] as text (invalid UTF-8 replaced).
pub async fn read_capped_text(resp: reqwest::Response, limit: usize) -> Result<String, ReadError> {
    read_capped(resp, limit).await.map(|b| String::from_utf8_lossy(&b).into_owned())
}
