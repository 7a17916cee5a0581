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

/// A temporary name beside the target that nobody can predict: `.<name>.tmp-<random>`.
fn temp_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{name}.tmp-{:016x}", rand::random::<u64>()))
}

/// Opens a new file for writing, 0600 on Unix. Never opens an existing file or follows
/// a symlink: `create_new` fails on any existing entry, dangling symlinks included.
fn create_new_private(path: &Path) -> std::io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        // Persists the new entry itself; failure here is not fatal on filesystems that
        // do not support syncing a directory.
        let _ = d.sync_all();
    }
}

fn parent_of(path: &Path) -> &Path {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Writes `bytes` to `path` atomically: a new temporary file with a random name in the
/// same folder (0600, created exclusively, so nothing already there is truncated or
/// followed), fsync, rename over the target, fsync the folder. A crash leaves either
/// the old file or the new one, never a mix.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_of(path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A collision with an existing name is astronomically unlikely; retry a few times
    // rather than ever reuse an entry someone else made.
    let mut attempt = 0;
    let (tmp, mut f) = loop {
        let tmp = temp_path(dir, &name);
        match create_new_private(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 8 => attempt += 1,
            Err(e) => return Err(Error::io(format!("cannot create {}", tmp.display()), e)),
        }
    };
    let ctx = |what: &str| format!("cannot {what} {}", tmp.display());
    let result = (|| {
        f.write_all(bytes).map_err(|e| Error::io(ctx("write"), e))?;
        f.sync_all().map_err(|e| Error::io(ctx("sync"), e))?;
        drop(f);
        fs::rename(&tmp, path).map_err(|e| Error::io(format!("cannot replace {}", path.display()), e))?;
        sync_dir(dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes `bytes` to a new file at `path` (0600, fsync); fails with
/// [`std::io::ErrorKind::AlreadyExists`] inside [`Error::Io`] if anything is there.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let ctx = |what: &str| format!("cannot {what} {}", path.display());
    let mut f = create_new_private(path).map_err(|e| Error::io(ctx("create"), e))?;
    let result = f.write_all(bytes).and_then(|()| f.sync_all());
    if let Err(e) = result {
        drop(f);
        let _ = fs::remove_file(path);
        return Err(Error::io(ctx("write"), e));
    }
    sync_dir(parent_of(path));
    Ok(())
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

    /// The temporary name earlier versions used, which anyone could predict.
    fn predictable_tmp(dir: &Path, name: &str) -> PathBuf {
        dir.join(format!(".{name}.tmp-{}", std::process::id()))
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_a_predictable_temp_name_is_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        fs::write(&victim, b"precious").expect("victim");
        let trap = predictable_tmp(dir.path(), "f.json");
        std::os::unix::fs::symlink(&victim, &trap).expect("symlink");
        let p = dir.path().join("f.json");
        atomic_write(&p, b"secret").expect("write");
        assert_eq!(fs::read(&victim).expect("read"), b"precious", "the symlink's target is untouched");
        assert!(fs::symlink_metadata(&p).expect("meta").file_type().is_file(), "the target is a plain file");
        assert_eq!(fs::read(&p).expect("read"), b"secret");
        assert!(fs::symlink_metadata(&trap).expect("meta").file_type().is_symlink(), "the trap is left alone");
    }

    #[test]
    fn an_existing_file_at_a_predictable_temp_name_is_not_truncated() {
        let dir = tempfile::tempdir().expect("tempdir");
        let other = predictable_tmp(dir.path(), "f.json");
        fs::write(&other, b"someone else's").expect("other");
        let p = dir.path().join("f.json");
        atomic_write(&p, b"mine").expect("write");
        assert_eq!(fs::read(&other).expect("read"), b"someone else's");
        assert_eq!(fs::read(&p).expect("read"), b"mine");
    }

    #[test]
    fn temp_names_are_random() {
        let a = temp_path(Path::new("/d"), "f.json");
        let b = temp_path(Path::new("/d"), "f.json");
        assert_ne!(a, b);
        assert!(a.starts_with("/d"), "{a:?}");
        assert!(a.file_name().expect("name").to_string_lossy().starts_with(".f.json.tmp-"), "{a:?}");
    }

    #[test]
    fn write_new_never_replaces_anything() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("copy.bak");
        write_new(&p, b"first").expect("write");
        let err = write_new(&p, b"second").expect_err("exists");
        assert!(
            matches!(&err, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists),
            "{err}"
        );
        assert_eq!(fs::read(&p).expect("read"), b"first");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&p).expect("meta").permissions().mode() & 0o777, 0o600);
            let victim = dir.path().join("victim");
            fs::write(&victim, b"precious").expect("victim");
            let link = dir.path().join("link.bak");
            std::os::unix::fs::symlink(&victim, &link).expect("symlink");
            assert!(write_new(&link, b"x").is_err());
            assert_eq!(fs::read(&victim).expect("read"), b"precious");
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
