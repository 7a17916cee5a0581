//! The Pinata client against a local server speaking its v3 Files API.

use sonic_ipfs::{
    cid::cid_of,
    fake::{pinata_server, Mode},
    pinata::Pinata,
    Error,
};

#[tokio::test]
async fn pins_and_checks_the_returned_cid() {
    let (url, seen) = pinata_server(Mode::Honest);
    let p = Pinata::new(&url, "jwt-123").expect("client");
    let bytes = b"{\"name\":\"Dawn\"}".to_vec();
    p.pin("Dawn.json", bytes.clone(), &cid_of(&bytes)).await.expect("pinned");
    let up = seen.lock().expect("lock")[0].clone();
    assert_eq!(up.authorization, "Bearer jwt-123");
    assert_eq!(up.file_name, "Dawn.json");
    assert_eq!(up.bytes, bytes);
    assert_eq!(up.network, "public");
}

#[tokio::test]
async fn a_different_cid_or_an_http_error_is_refused() {
    let (url, _) = pinata_server(Mode::WrongCid);
    let p = Pinata::new(&url, "jwt").expect("client");
    let bytes = b"image".to_vec();
    assert!(matches!(p.pin("i.png", bytes.clone(), &cid_of(&bytes)).await, Err(Error::CidMismatch { .. })));
    let (url, _) = pinata_server(Mode::Unauthorized);
    let p = Pinata::new(&url, "bad").expect("client");
    let err = p.pin("i.png", bytes.clone(), &cid_of(&bytes)).await.expect_err("401");
    assert!(err.to_string().contains("401"), "{err}");
    let p = Pinata::new("http://127.0.0.1:9", "jwt").expect("client");
    assert!(p.pin("i.png", bytes.clone(), &cid_of(&bytes)).await.is_err());
}

#[tokio::test]
async fn an_error_echoing_the_jwt_does_not_repeat_it() {
    let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
    let (url, _) = pinata_server(Mode::UnauthorizedEchoingToken);
    let p = Pinata::new(&url, jwt).expect("client");
    let bytes = b"image".to_vec();
    let err = p.pin("i.png", bytes.clone(), &cid_of(&bytes)).await.expect_err("401");
    let text = err.to_string();
    assert!(text.contains("401"), "{text}");
    for part in jwt.split('.') {
        assert!(!text.contains(part), "{text}");
    }
}
