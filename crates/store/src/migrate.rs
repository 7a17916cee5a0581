//! Schema versions and the migrations between them.

use crate::{Error, Result};

/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 1;

const META: &str = "meta";
const VERSION_KEY: &[u8] = b"schema_version";

/// Reads the stored version; a store with data but no version is version 0, an empty
/// one is new and gets the current version.
pub(crate) fn stored_version(db: &sled::Db) -> Result<Option<u32>> {
    let meta = db.open_tree(META)?;
    Ok(meta.get(VERSION_KEY)?.and_then(|v| v.as_ref().try_into().ok().map(u32::from_be_bytes)))
}

pub(crate) fn set_version(db: &sled::Db, v: u32) -> Result<()> {
    db.open_tree(META)?.insert(VERSION_KEY, &v.to_be_bytes())?;
    Ok(())
}

/// Runs every migration from `from` up to [`SCHEMA_VERSION`], each followed by a
/// version bump, so an interrupted run resumes at the step it was in.
pub(crate) fn migrate(db: &sled::Db, from: u32, path: &std::path::Path) -> Result<()> {
    if from > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_path_buf(), found: from, supported: SCHEMA_VERSION });
    }
    for v in from..SCHEMA_VERSION {
        match v {
            0 => v0_to_v1(db)?,
            _ => unreachable!("every version below SCHEMA_VERSION has a step"),
        }
        set_version(db, v + 1)?;
        db.flush()?;
    }
    Ok(())
}

/// v0 (prototype) stored contact names as typed; v1 keys them lowercase, the form the
/// agent matches on.
fn v0_to_v1(db: &sled::Db) -> Result<()> {
    let contacts = db.open_tree("contacts")?;
    for item in contacts.iter() {
        let (k, v) = item?;
        let name = String::from_utf8_lossy(&k).into_owned();
        let lower = name.to_lowercase();
        if lower != name {
            let mut value: serde_json::Value = serde_json::from_slice(&v)
                .map_err(|e| Error::Decode { tree: "contacts".into(), reason: e.to_string() })?;
            value["name"] = lower.clone().into();
            let bytes = serde_json::to_vec(&value)
                .map_err(|e| Error::Decode { tree: "contacts".into(), reason: e.to_string() })?;
            contacts
                .transaction(|t| {
                    t.remove(k.as_ref())?;
                    t.insert(lower.as_bytes(), bytes.as_slice())?;
                    Ok::<_, sled::transaction::ConflictableTransactionError<()>>(())
                })
                .map_err(|e| Error::Invalid(format!("migration failed: {e:?}")))?;
        }
    }
    Ok(())
}
