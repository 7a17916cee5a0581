//! The local content store: each file's bytes under its CID in the data directory, so
//! an NFT's image and metadata are served locally whether or not they are pinned.

use std::{
    fs,
    path::{Path, PathBuf},
};

use crate::{cid::cid_of, Error, Result, MAX_FILE_SIZE};

/// Files by CID in one folder.
#[derive(Debug, Clone)]
pub struct ContentStore {
    dir: PathBuf,
}

impl ContentStore {
    /// A store in `dir` (created on first write).
    pub fn new(dir: &Path) -> Self {
        Self { dir: dir.to_path_buf() }
    }

    fn path(&self, cid: &str) -> Result<PathBuf> {
        if cid.is_empty() || !cid.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Error::Io(format!("'{cid}' is not a CID")));
        }
        Ok(self.dir.join(cid))
    }

    /// Adds bytes; returns their CID. Idempotent; written atomically.
    pub fn put(&self, bytes: &[u8]) -> Result<String> {
        if bytes.is_empty() {
            return Err(Error::Empty);
        }
        if bytes.len() > MAX_FILE_SIZE {
            return Err(Error::TooLarge(bytes.len()));
        }
        let cid = cid_of(bytes);
        let path = self.path(&cid)?;
        if !path.exists() {
            fs::create_dir_all(&self.dir)
                .map_err(|e| Error::Io(format!("cannot create {}: {e}", self.dir.display())))?;
            let tmp = self.dir.join(format!(".{cid}.tmp-{}", std::process::id()));
            fs::write(&tmp, bytes)
                .and_then(|_| fs::rename(&tmp, &path))
                .map_err(|e| Error::Io(format!("cannot store {cid}: {e}")))?;
        }
        Ok(cid)
    }

    /// The bytes of a CID, if stored (and intact: they must hash to it).
    pub fn get(&self, cid: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path(cid)?;
        match fs::read(&path) {
            Ok(b) if cid_of(&b) == cid => Ok(Some(b)),
            Ok(_) => Err(Error::Io(format!("stored content {cid} is damaged"))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Io(format!("cannot read {cid}: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_and_damage() {
        let dir = tempfile::tempdir().expect("tempdir");
        let s = ContentStore::new(&dir.path().join("ipfs"));
        let cid = s.put(b"hello").expect("put");
        assert_eq!(s.put(b"hello").expect("again"), cid);
        assert_eq!(s.get(&cid).expect("get").as_deref(), Some(&b"hello"[..]));
        assert!(s.get("bafkreinotthere").expect("get").is_none());
        fs::write(dir.path().join("ipfs").join(&cid), b"evil").expect("tamper");
        assert!(s.get(&cid).is_err());
        assert!(s.get("../etc/passwd").is_err());
        assert!(matches!(s.put(b""), Err(Error::Empty)));
    }
}
