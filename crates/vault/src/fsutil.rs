//! Crash-safe file writes with private permissions.

use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
};

use crate::{Error, Result};

/// Creates `dir` (and parents) with mode 0700 on Unix.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))
            .map_err(|e| Error::io(format!("cannot protect {}", dir.display()), e))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder (0600),
/// fsync, rename over the target, fsync the folder. A crash leaves either the old
/// file or the new one, never a mix.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let ctx = |what: &str| format!("cannot {what} {}", tmp.display());
    let result = (|| {
        let mut opts = fs::OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut f = opts.open(&tmp).map_err(|e| Error::io(ctx("create"), e))?;
        f.write_all(bytes).map_err(|e| Error::io(ctx("write"), e))?;
        f.sync_all().map_err(|e| Error::io(ctx("sync"), e))?;
        fs::rename(&tmp, path).map_err(|e| Error::io(format!("cannot replace {}", path.display()), e))?;
        if let Ok(d) = fs::File::open(dir) {
            // Persist the rename itself; failure here is not fatal on filesystems that
            // do not support syncing a directory.
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_atomically_with_private_mode() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("f.json");
        atomic_write(&p, b"one").expect("write");
        atomic_write(&p, b"two").expect("overwrite");
        assert_eq!(fs::read(&p).expect("read"), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("ls").collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&p).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn failed_write_keeps_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("f.json");
        atomic_write(&p, b"old").expect("write");
        // A target that is a directory cannot be replaced by rename.
        let bad = dir.path().join("sub");
        fs::create_dir(&bad).expect("mkdir");
        fs::write(bad.join("x"), b"x").expect("fill");
        assert!(atomic_write(&bad, b"new").is_err());
        assert_eq!(fs::read(&p).expect("read"), b"old");
    }
}
