//! A real tmpfs for tests of full and read-only storage. Mounting needs root, so the tests that
//! use it are `#[ignore]`d and CI (which runs as root) runs them with `--ignored`.

use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

/// A tmpfs mounted on a fresh temporary folder; unmounted on drop (also on panic), before the
/// folder itself is removed.
pub struct Tmpfs {
    dir: TempDir,
}

impl Tmpfs {
    pub fn mount(options: &str) -> Result<Self, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .output()
            .map_err(|e| format!("cannot run mount: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mount -t tmpfs -o {options} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Self { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(self.dir.path())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = Command::new("umount")
                .arg("-l")
                .arg(self.dir.path())
                .status();
        }
    }
}
