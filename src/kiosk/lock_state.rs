//! The PIN pad's wrong tries and lock, kept across restarts (systemd's `Restart=always` must not
//! hand out five fresh tries). A small file beside the settings file, `<settings>.lock-state`,
//! written whole and readable by the kiosk's user only (0600). It holds the count of wrong tries
//! and when the lock ends as wall-clock time, which can jump: a lock is never longer than the one
//! those tries earned, so a clock set back (or an edited file) never locks the pad for good.
//!
//! [`LockState`] is the pure rule; [`LockFile`] reads and writes it.

use std::path::{Path, PathBuf};

use super::pin::lock_seconds;

/// What is kept: wrong tries since the last right PIN, and when the lock ends (seconds since
/// 1970, UTC; 0 when there is none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LockState {
    pub failures: u32,
    pub locked_until: f64,
}

/// The file's first line, which says what it is.
const HEADER: &str = "# vein-kiosk: the staff PIN pad's wrong tries and lock. Delete to reset.";

impl LockState {
    /// The file's text.
    pub fn to_text(&self) -> String {
        format!(
            "{HEADER}\nfailures {}\nlocked_until {:.3}\n",
            self.failures, self.locked_until
        )
    }

    /// Reads the file's text; anything else than what [`Self::to_text`] writes is `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let mut failures = None;
        let mut locked_until = None;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line.split_once(' ')?;
            match key {
                "failures" if failures.is_none() => failures = Some(value.parse::<u32>().ok()?),
                "locked_until" if locked_until.is_none() => {
                    locked_until = Some(value.parse::<f64>().ok().filter(|t| t.is_finite())?);
                }
                _ => return None,
            }
        }
        Some(Self {
            failures: failures?,
            locked_until: locked_until?,
        })
    }

    /// Seconds still locked at wall-clock time `now`: never negative, and never more than the
    /// lock its wrong tries earned (30 s after five, 60 s after ten, ...), whatever the clock did.
    pub fn remaining(&self, now: f64) -> f64 {
        let left = self.locked_until - now;
        if left.is_finite() {
            left.clamp(0.0, lock_seconds(self.failures))
        } else {
            0.0
        }
    }
}

/// Seconds since 1970 now, by the system's clock.
pub fn wall_clock() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// The lock-state file beside a settings file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockFile {
    path: PathBuf,
}

/// The most a lock-state file may hold; anything longer is not one.
const MAX_BYTES: u64 = 256;

impl LockFile {
    /// `FILE.lock-state` beside the settings file `FILE`.
    pub fn beside(settings: &Path) -> Self {
        let mut name = settings.file_name().unwrap_or_default().to_os_string();
        name.push(".lock-state");
        Self {
            path: settings.with_file_name(name),
        }
    }

    /// Where it is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What was kept: `None` when there is no file yet. A file that is not a regular file, too
    /// long or not what this program writes is an error (read with the content's limits: a FIFO
    /// planted there never blocks).
    pub fn load(&self) -> Result<Option<LockState>, LockFileError> {
        match crate::content::limits::read_file(&self.path, None, MAX_BYTES) {
            Ok(bytes) => String::from_utf8(bytes)
                .ok()
                .and_then(|text| LockState::parse(&text))
                .map(Some)
                .ok_or_else(|| LockFileError::NotLockState {
                    path: self.path.clone(),
                }),
            Err(e) if e.is_not_found() => Ok(None),
            Err(source) => Err(LockFileError::Read {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Keeps `state`, whole or not at all, readable by this user only. Where the kiosk's user
    /// may not create files in the settings file's folder (`/etc/vein-kiosk` owned by root), a
    /// lock-state file made for it there in advance is written in place instead.
    pub fn save(&self, state: &LockState) -> Result<(), LockFileError> {
        let text = state.to_text();
        match crate::private_file::write(&self.path, text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                write_in_place(&self.path, text.as_bytes())
            }
            done => done,
        }
        .map_err(|source| LockFileError::Write {
            path: self.path.clone(),
            source,
        })
    }
}

/// Why the PIN pad's kept state could not be read or written (said in the log).
#[derive(Debug, thiserror::Error)]
pub enum LockFileError {
    /// The file holds something else than this program writes.
    #[error("{} is not a lock-state file", path.display())]
    NotLockState { path: PathBuf },
    /// The file could not be read (or is a FIFO, a folder, too long).
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: crate::content::limits::ReadError,
    },
    /// The file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `bytes` over the regular file already at `path` (never through a link, never into a
/// FIFO or device, never creating one).
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::other("not a regular file"));
    }
    file.set_len(0)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn the_text_reads_back_and_nothing_else_does() {
        let state = LockState {
            failures: 5,
            locked_until: 1_800_000_000.25,
        };
        assert_eq!(LockState::parse(&state.to_text()), Some(state));
        for bad in [
            "",
            "failures 5\n",
            "locked_until 1\n",
            "failures five\nlocked_until 1\n",
            "failures -1\nlocked_until 1\n",
            "failures 5\nlocked_until NaN\n",
            "failures 5\nlocked_until inf\n",
            "failures 5\nfailures 6\nlocked_until 1\n",
            "failures 5\nlocked_until 1\nlocked_until 2\n",
            "failures 5\nlocked_until 1\nextra 1\n",
        ] {
            assert_eq!(LockState::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_lock_is_never_longer_than_the_tries_earned_whatever_the_clock_did() {
        let now = 1_800_000_000.0;
        let state = |failures, locked_until| LockState {
            failures,
            locked_until,
        };
        assert_eq!(state(5, now + 30.0).remaining(now), 30.0);
        assert_eq!(state(5, now + 30.0).remaining(now + 10.0), 20.0);
        assert_eq!(state(5, now + 30.0).remaining(now + 31.0), 0.0, "ran out");
        // The clock went back an hour: still only the 30 s that five tries earn.
        assert_eq!(state(5, now + 30.0).remaining(now - 3600.0), 30.0);
        assert_eq!(state(10, now + 60.0).remaining(now - 3600.0), 60.0);
        // Fewer than five wrong tries earn no lock, whatever the file says.
        assert_eq!(state(4, now + 1e9).remaining(now), 0.0);
        // The most there is, even after billions of tries.
        assert_eq!(
            state(u32::MAX, f64::MAX).remaining(now),
            30.0 * 1024.0,
            "about 8.5 hours at most"
        );
    }

    #[test]
    fn the_file_is_private_beside_the_settings_and_a_fifo_there_never_blocks() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let file = LockFile::beside(&dir.path().join("settings.ron"));
        assert_eq!(file.path(), dir.path().join("settings.ron.lock-state"));
        assert_eq!(file.load().unwrap(), None, "no file yet: nothing kept");
        let state = LockState {
            failures: 7,
            locked_until: 12.5,
        };
        file.save(&state).unwrap();
        assert_eq!(file.load().unwrap(), Some(state));
        let mode = std::fs::metadata(file.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::write(file.path(), "garbage").unwrap();
        assert!(file.load().is_err());
        std::fs::remove_file(file.path()).unwrap();
        let fifo = std::ffi::CString::new(file.path().as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
        assert!(file.load().is_err(), "refused, not waited on");
        assert!(
            write_in_place(file.path(), b"x").is_err(),
            "nor written into"
        );
    }

    #[test]
    fn a_file_made_in_advance_is_written_in_place_but_never_a_link_or_a_new_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.ron.lock-state");
        assert!(write_in_place(&path, b"x").is_err(), "never created");
        std::fs::write(&path, "a longer text than what follows").unwrap();
        write_in_place(&path, b"short").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "short");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(write_in_place(&link, b"y").is_err(), "never through a link");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "short");
    }

    #[test]
    fn wall_clock_is_seconds_since_1970() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs_f64();
        assert!(
            (wall_clock() - now).abs() < 5.0,
            "{} against {now}",
            wall_clock()
        );
    }

    /// A folder the kiosk's user may not create files in (`/etc/vein-kiosk` owned by root): the
    /// file made there in advance is written in place; with none made, saving fails and says
    /// where. Root may create files anywhere, so as root the folder is made immutable
    /// (`chattr +i`: then nobody may create in it, root included) instead of read-only.
    #[test]
    fn in_a_folder_where_no_file_may_be_made_the_one_made_in_advance_is_written_in_place() {
        struct Unlocked<'a>(&'a Path);
        impl Drop for Unlocked<'_> {
            fn drop(&mut self) {
                std::process::Command::new("chattr")
                    .arg("-i")
                    .arg(self.0)
                    .status()
                    .ok();
                std::fs::set_permissions(
                    self.0,
                    std::os::unix::fs::PermissionsExt::from_mode(0o700),
                )
                .ok();
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let settings = dir.path().join("settings.ron");
        let file = LockFile::beside(&settings);
        std::fs::write(file.path(), "made by the installer").unwrap();
        let other = LockFile::beside(&dir.path().join("other.ron"));
        let root = unsafe { libc::geteuid() } == 0;
        let _unlock = Unlocked(dir.path());
        if root {
            let made = std::process::Command::new("chattr")
                .arg("+i")
                .arg(dir.path())
                .status()
                .expect("chattr (e2fsprogs) to make the folder immutable");
            assert!(made.success(), "chattr +i on {}", dir.path().display());
        } else {
            std::fs::set_permissions(
                dir.path(),
                std::os::unix::fs::PermissionsExt::from_mode(0o500),
            )
            .unwrap();
        }
        let state = LockState {
            failures: 10,
            locked_until: 1_800_000_060.0,
        };
        file.save(&state).expect("written in place");
        assert_eq!(file.load().unwrap(), Some(state));
        let refused = other.save(&state).expect_err("no file to write in place");
        assert!(
            matches!(&refused, LockFileError::Write { path, .. } if path == other.path()),
            "{refused:?}"
        );
    }
}
