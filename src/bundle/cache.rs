//! The last good bundle on the kiosk's own disk.
//!
//! ```text
//! CACHE/v7/            a bundle as it was checked: content files, manifest.json, its signature
//! CACHE/current -> v7  the last good one (a link, replaced in one rename)
//! CACHE/.staging-*     a pull in progress (removed at the next pull if a power cut left it)
//! ```
//!
//! A new bundle is written whole into a staging folder, every file synced, checked, renamed to
//! `vN`, and only then is `current` switched, so a power cut at any moment leaves either the old
//! or the new bundle in use, never a mix.

use std::path::{Path, PathBuf};

use super::BundleError;

/// A kiosk's content cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// A bundle being written; removed if dropped before [`Cache::commit`].
pub struct Staged {
    dir: tempfile::TempDir,
}

fn io(what: &str, path: &Path, e: &std::io::Error) -> BundleError {
    BundleError::Cache(format!("{what} {}: {e}", path.display()))
}

impl Cache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The version `current` points at, and its folder.
    pub fn current(&self) -> Option<(u64, PathBuf)> {
        let target = std::fs::read_link(self.dir.join("current")).ok()?;
        let name = target.to_str()?;
        let version = version_of(name)?;
        Some((version, self.dir.join(name)))
    }

    /// Forgets `current` (its bundle failed its checks at start), so the next pull fetches
    /// the newest bundle whatever its version.
    pub fn forget_current(&self) {
        let link = self.dir.join("current");
        if let Err(e) = std::fs::remove_file(&link)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            log::warn!("could not remove {}: {e}", link.display());
        }
    }

    /// A fresh staging folder inside the cache (so the final rename stays on one disk).
    pub fn stage(&self) -> Result<Staged, BundleError> {
        std::fs::create_dir_all(&self.dir).map_err(|e| io("cannot be made at", &self.dir, &e))?;
        let dir = tempfile::Builder::new()
            .prefix(".staging-")
            .tempdir_in(&self.dir)
            .map_err(|e| io("has no room for a new bundle in", &self.dir, &e))?;
        Ok(Staged { dir })
    }

    /// Makes the staged bundle `version` the last good one, and removes every other bundle but
    /// `keep` (the one on screen, until the kiosk switches between visitors). Returns its folder.
    pub fn commit(
        &self,
        staged: Staged,
        version: u64,
        keep: Option<u64>,
    ) -> Result<PathBuf, BundleError> {
        let name = format!("v{version}");
        let target = self.dir.join(&name);
        if target.exists() {
            // Left by a pull that stopped between the rename and the switch.
            std::fs::remove_dir_all(&target).map_err(|e| io("cannot replace", &target, &e))?;
        }
        let staging = staged.dir.keep();
        std::fs::rename(&staging, &target).map_err(|e| io("cannot rename", &staging, &e))?;
        let link = self.dir.join(".current-new");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&name, &link).map_err(|e| io("cannot link", &link, &e))?;
        std::fs::rename(&link, self.dir.join("current"))
            .map_err(|e| io("cannot switch to", &target, &e))?;
        sync_dir(&self.dir)?;
        self.prune(version, keep);
        Ok(target)
    }

    /// Removes bundles other than `version` and `keep`, and staging folders left by a power cut.
    fn prune(&self, version: u64, keep: Option<u64>) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let stale = match version_of(name) {
                Some(v) => v != version && Some(v) != keep,
                None => name.starts_with(".staging-"),
            };
            if stale && let Err(e) = std::fs::remove_dir_all(entry.path()) {
                log::warn!("could not remove an old bundle {name}: {e}");
            }
        }
    }
}

impl Staged {
    /// The staging folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one checked file (its path already checked by the manifest) and syncs it.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), BundleError> {
        use std::io::Write as _;
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io("cannot make", parent, &e))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| io("cannot write", &path, &e))?;
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| io("cannot write", &path, &e))
    }

    /// Syncs the folders, so the files' names are on disk before the switch.
    pub fn sync(&self) -> Result<(), BundleError> {
        for sub in ["lang", "illustrations"] {
            let dir = self.dir.path().join(sub);
            if dir.is_dir() {
                sync_dir(&dir)?;
            }
        }
        sync_dir(self.dir.path())
    }
}

fn sync_dir(dir: &Path) -> Result<(), BundleError> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| io("cannot be synced:", dir, &e))
}

/// `7` for `v7`.
fn version_of(name: &str) -> Option<u64> {
    let digits = name.strip_prefix('v')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Every file in `dir` (as bundle paths), to compare with a manifest: a file planted beside a
/// bundle's own (a language file, say) would otherwise be read as content.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new())];
    while let Some((at, prefix)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&at) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = format!("{prefix}{name}");
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push((entry.path(), format!("{rel}/"))),
                _ => found.push(rel),
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_commit_switches_and_keeps_only_the_one_on_screen() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("cache"));
        assert!(cache.current().is_none());
        for version in [3, 4, 5] {
            let staged = cache.stage().unwrap();
            staged.write("lang/en.ron", b"x").unwrap();
            staged.sync().unwrap();
            cache.commit(staged, version, Some(3)).unwrap();
            assert_eq!(cache.current().unwrap().0, version);
        }
        let mut left = files_in(cache.dir());
        left.retain(|f| !f.starts_with("current"));
        assert_eq!(left, ["v3/lang/en.ron", "v5/lang/en.ron"]);
        cache.forget_current();
        assert!(cache.current().is_none());
    }

    #[test]
    fn only_v_and_digits_name_a_bundle() {
        assert_eq!(version_of("v12"), Some(12));
        for bad in ["v", "12", "v1a", ".staging-v1", "current"] {
            assert_eq!(version_of(bad), None, "{bad}");
        }
    }
}
