//! Reading the parameters of the signing methods from hostile JSON: quantities (hex or
//! decimal), addresses, byte strings, the transaction object of `eth_sendTransaction`.

use alloy::primitives::{Address, Bytes, U256};
use serde_json::{Map, Value};
use sonic_engine::DappTx;

use crate::error::RpcError;

/// A quantity: a `0x` hex or decimal string, or a JSON integer.
pub(crate) fn quantity(v: &Value, what: &str) -> Result<U256, RpcError> {
    let bad = || RpcError::params(format!("'{what}' is not a quantity"));
    match v {
        Value::String(s) => {
            let s = s.trim();
            match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                Some("") => Ok(U256::ZERO),
                Some(h) if h.len() <= 64 => U256::from_str_radix(h, 16).map_err(|_| bad()),
                Some(_) => Err(bad()),
                None if !s.is_empty() && s.len() <= 78 && s.chars().all(|c| c.is_ascii_digit()) => {
                    U256::from_str_radix(s, 10).map_err(|_| bad())
                }
                None => Err(bad()),
            }
        }
        Value::Number(n) => n.as_u64().map(U256::from).ok_or_else(bad),
        _ => Err(bad()),
    }
}

fn small<T: TryFrom<U256>>(v: &Value, what: &str) -> Result<T, RpcError> {
    T::try_from(quantity(v, what)?).map_err(|_| RpcError::params(format!("'{what}' is too large")))
}

/// An address (any case; a mixed-case one must have a valid checksum).
pub(crate) fn address(v: &Value, what: &str) -> Result<Address, RpcError> {
    let bad = || RpcError::params(format!("'{what}' is not an address"));
    let s = v.as_str().ok_or_else(bad)?.trim();
    let mixed = s.chars().any(|c| c.is_ascii_uppercase()) && s.chars().any(|c| c.is_ascii_lowercase());
    if mixed && s.len() == 42 {
        return Address::parse_checksummed(s, None).map_err(|_| bad());
    }
    s.parse().map_err(|_| bad())
}

/// `0x`-prefixed hex bytes.
pub(crate) fn hex_bytes(v: &Value, what: &str) -> Result<Bytes, RpcError> {
    let s = v.as_str().ok_or_else(|| RpcError::params(format!("'{what}' is not hex data")))?;
    let h = s.strip_prefix("0x").ok_or_else(|| RpcError::params(format!("'{what}' is not 0x-prefixed hex")))?;
    alloy::hex::decode(h).map(Bytes::from).map_err(|_| RpcError::params(format!("'{what}' is not hex data")))
}

/// A `personal_sign` message: `0x` hex is bytes, other text its UTF-8.
pub(crate) fn message_bytes(v: &Value) -> Result<Vec<u8>, RpcError> {
    let s = v.as_str().ok_or_else(|| RpcError::params("the message is not a string"))?;
    match s.strip_prefix("0x").map(alloy::hex::decode) {
        Some(Ok(b)) => Ok(b),
        _ => Ok(s.as_bytes().to_vec()),
    }
}

fn get<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    o.get(key).filter(|v| !v.is_null())
}

/// `eth_sendTransaction`'s object. The nonce, type and access list a client sends
/// are ignored: the wallet numbers and types its own transactions.
pub(crate) fn dapp_tx(v: &Value) -> Result<DappTx, RpcError> {
    let o = v.as_object().ok_or_else(|| RpcError::params("the transaction is not an object"))?;
    let from = address(get(o, "from").ok_or_else(|| RpcError::params("the transaction has no 'from'"))?, "from")?;
    let to = match get(o, "to") {
        None => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(t) => Some(address(t, "to")?),
    };
    let data = match (get(o, "data"), get(o, "input")) {
        (Some(d), Some(i)) if d != i => return Err(RpcError::params("'data' and 'input' differ")),
        (Some(d), _) | (None, Some(d)) => hex_bytes(d, "data")?,
        (None, None) => Bytes::new(),
    };
    if to.is_none() && data.is_empty() {
        return Err(RpcError::params("a transaction without 'to' must carry contract code in 'data'"));
    }
    Ok(DappTx {
        from,
        to,
        value: get(o, "value").map(|v| quantity(v, "value")).transpose()?.unwrap_or_default(),
        data,
        gas: get(o, "gas").or_else(|| get(o, "gasLimit")).map(|v| small(v, "gas")).transpose()?,
        max_fee_per_gas: get(o, "maxFeePerGas").map(|v| small(v, "maxFeePerGas")).transpose()?,
        max_priority_fee_per_gas: get(o, "maxPriorityFeePerGas")
            .map(|v| small(v, "maxPriorityFeePerGas"))
            .transpose()?,
        gas_price: get(o, "gasPrice").map(|v| small(v, "gasPrice")).transpose()?,
        chain_id: get(o, "chainId").map(|v| small(v, "chainId")).transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn quantities() {
        for (v, want) in [
            (json!("0x0"), Some(0u64)),
            (json!("0x"), Some(0)),
            (json!("0x10"), Some(16)),
            (json!("16"), Some(16)),
            (json!(16), Some(16)),
            (json!("-1"), None),
            (json!("1.5"), None),
            (json!(1.5), None),
            (json!("0xzz"), None),
            (json!(null), None),
            (json!([]), None),
        ] {
            assert_eq!(quantity(&v, "q").ok(), want.map(U256::from), "{v}");
        }
        assert!(quantity(&json!(format!("0x{}", "f".repeat(65))), "q").is_err());
        assert_eq!(quantity(&json!(format!("0x{}", "f".repeat(64))), "q").ok(), Some(U256::MAX));
    }

    #[test]
    fn addresses_with_a_bad_checksum_are_refused() {
        let good = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
        assert!(address(&json!(good), "a").is_ok());
        assert!(address(&json!(good.to_lowercase()), "a").is_ok());
        assert!(address(&json!("0x70997970c51812dc3A010C7d01b50e0d17dc79C8"), "a").is_err());
        assert!(address(&json!("0x1234"), "a").is_err());
    }

    #[test]
    fn transactions_are_read_and_checked() {
        let tx = dapp_tx(&json!({
            "from": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
            "to": "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
            "value": "0xde0b6b3a7640000",
            "gas": "0x5208",
            "maxFeePerGas": "0x77359400",
            "maxPriorityFeePerGas": "0x1",
            "chainId": "0x7a69",
            "nonce": "0x0",
            "type": "0x2"
        }))
        .expect("tx");
        assert_eq!(tx.value, U256::from(10u64.pow(18)));
        assert_eq!(tx.gas, Some(21000));
        assert_eq!(tx.chain_id, Some(31337));
        assert!(tx.data.is_empty());

        assert!(dapp_tx(&json!({"to": "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"})).is_err());
        assert!(dapp_tx(&json!({"from": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"})).is_err());
        assert!(dapp_tx(&json!({
            "from": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "to": null, "data": "0x6000"
        }))
        .is_ok_and(|t| t.to.is_none()));
        assert!(dapp_tx(&json!({
            "from": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "data": "0x00", "input": "0x01"
        }))
        .is_err());
        assert!(dapp_tx(&json!({
            "from": "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "to": "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
            "gas": "0x10000000000000000"
        }))
        .is_err());
        assert!(dapp_tx(&json!("nope")).is_err());
    }

    #[test]
    fn personal_messages() {
        assert_eq!(message_bytes(&json!("0x6869")).ok(), Some(b"hi".to_vec()));
        assert_eq!(message_bytes(&json!("hello")).ok(), Some(b"hello".to_vec()));
        assert_eq!(message_bytes(&json!("0xnothex")).ok(), Some(b"0xnothex".to_vec()));
        assert!(message_bytes(&json!(1)).is_err());
    }
}
