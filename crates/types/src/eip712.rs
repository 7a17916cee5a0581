//! Bounds on the shape of EIP-712 typed data from outside (a dapp's or a local
//! program's `eth_signTypedData_v4`), checked before anything parses or hashes it.

use serde_json::Value;

/// Bounds on typed data's shape, checked before anything parses or hashes it: alloy's
/// EIP-712 code recurses once per link of a type chain and per array dimension, and
/// re-encodes the whole type set for every struct value, so a chain of 20 000 types
/// overflowed the stack (the wallet aborted) and many values crawled. Real typed data
/// (permits, Permit2, Seaport orders) stays far below these.
pub const MAX_TYPED_TYPES: usize = 64;
/// Fields of one struct type.
pub const MAX_TYPED_FIELDS: usize = 64;
/// Characters of a type's or field's name, or of a field's type.
pub const MAX_TYPED_NAME: usize = 96;
/// Array dimensions of one field type (`uint256[][]` has 2).
pub const MAX_TYPED_DIMENSIONS: usize = 4;
/// Characters of all the type definitions together.
pub const MAX_TYPED_TYPES_TEXT: usize = 16 * 1024;
/// JSON values in the domain and the message together.
pub const MAX_TYPED_VALUES: usize = 10_000;

/// Refuses typed data (`eth_signTypedData_v4`'s JSON) whose shape is beyond the
/// `MAX_TYPED_*` bounds, saying which; reads the JSON without recursion. What is not
/// EIP-712 at all passes, for the parser to refuse.
pub fn check_shape(json: &Value) -> Result<(), String> {
    let refuse = |why: &str| Err(why.to_string());
    let Some(types) = json.get("types").and_then(Value::as_object) else {
        // Not EIP-712 at all: the parser says so.
        return Ok(());
    };
    if types.len() > MAX_TYPED_TYPES {
        return refuse(&format!("{} types (at most {MAX_TYPED_TYPES})", types.len()));
    }
    let mut text = 0usize;
    for (name, fields) in types {
        let fields = fields.as_array().map(Vec::as_slice).unwrap_or_default();
        if name.len() > MAX_TYPED_NAME || fields.len() > MAX_TYPED_FIELDS {
            return refuse(&format!("type {:.40} is too long", name));
        }
        text += name.len();
        for f in fields {
            let (n, t) = (f.get("name").and_then(|v| v.as_str()), f.get("type").and_then(|v| v.as_str()));
            let (n, t) = (n.unwrap_or_default(), t.unwrap_or_default());
            if n.len() > MAX_TYPED_NAME || t.len() > MAX_TYPED_NAME {
                return refuse("a field's name or type is too long");
            }
            if t.matches('[').count() > MAX_TYPED_DIMENSIONS || t.contains('(') {
                return refuse(&format!("field type {t:.40}"));
            }
            text += n.len() + t.len();
        }
    }
    if text > MAX_TYPED_TYPES_TEXT {
        return refuse("the type definitions are too long");
    }
    if json.get("primaryType").and_then(|v| v.as_str()).is_some_and(|p| p.len() > MAX_TYPED_NAME) {
        return refuse("the primary type's name is too long");
    }
    let mut count = 0usize;
    let mut todo: Vec<&Value> = [json.get("domain"), json.get("message")].into_iter().flatten().collect();
    while let Some(v) = todo.pop() {
        count += 1;
        if count > MAX_TYPED_VALUES {
            return refuse(&format!("more than {MAX_TYPED_VALUES} values"));
        }
        match v {
            Value::Array(a) => todo.extend(a),
            Value::Object(o) => todo.extend(o.values()),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn outsized_shapes_are_refused_and_say_why() {
        let mut many = serde_json::Map::new();
        for i in 0..=MAX_TYPED_TYPES {
            many.insert(format!("T{i}"), json!([{"name": "v", "type": "uint256"}]));
        }
        let why = check_shape(&json!({"types": many, "message": {}})).expect_err("65 types");
        assert!(why.contains("65 types"), "{why}");
        let dims = json!({"types": {"M": [{"name": "a", "type": "uint256[][][][][]"}]}, "message": {}});
        assert!(check_shape(&dims).is_err(), "5 dimensions");
        let four = json!({"types": {"M": [{"name": "a", "type": "uint256[][][][]"}]}, "message": {}});
        assert!(check_shape(&four).is_ok(), "4 dimensions");
        let tuple = json!({"types": {"M": [{"name": "a", "type": "(uint256,bool)"}]}, "message": {}});
        assert!(check_shape(&tuple).is_err(), "tuples are not EIP-712");
        let values: Vec<u8> = vec![0; MAX_TYPED_VALUES];
        let wide = json!({"types": {"M": [{"name": "a", "type": "uint8[]"}]}, "message": {"a": values}});
        assert!(check_shape(&wide).is_err(), "more values than the bound");
        assert!(check_shape(&json!("not typed data")).is_ok(), "left to the parser");
    }
}
