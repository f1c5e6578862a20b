//! Writing a file only this user may read (0600), whole or not at all: the staff tools' patient
//! files and the PIN pad's lock state.

use std::io::Write as _;
use std::path::Path;

/// Writes `bytes` to `path` into a temporary file beside it that is created afresh (a random
/// name, never a link or a FIFO planted there, readable by this user only: 0600), synced, then
/// renamed over `path`. An interrupted run leaves no half file, and a link at `path` itself is
/// replaced, not followed.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".vein-kiosk-")
        .suffix(".part")
        .tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn the_file_is_private_and_a_link_there_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        std::fs::write(&target, "keep").unwrap();
        let path = dir.path().join("out");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        super::write(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let meta = std::fs::symlink_metadata(&path).unwrap();
        assert!(meta.is_file());
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    }
}
