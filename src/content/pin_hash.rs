//! The staff PIN's hash in a settings file: salvaged from a file that is broken elsewhere,
//! written in place of the old one (`set-pin`), and the file's mode checked, since it holds it.

use super::{ContentError, Settings};

/// The staff PIN hash of a settings file that may be broken elsewhere, if it holds a real Argon2
/// hash: `staff_pin_hash: Some("...")` however it is spaced, split over lines or quoted (a raw
/// string too), and whatever else is on its line; never one in a `//` comment line.
pub(super) fn salvage_pin_hash(settings: &str) -> Option<String> {
    const FIELD: &str = "staff_pin_hash";
    settings.match_indices(FIELD).find_map(|(at, _)| {
        let line_start = settings[..at].rfind('\n').map_or(0, |i| i + 1);
        if settings[line_start..at].trim_start().starts_with("//") {
            return None;
        }
        let rest = settings[at + FIELD.len()..].trim_start();
        let rest = rest.strip_prefix(':')?.trim_start();
        let rest = rest.strip_prefix("Some")?.trim_start();
        let rest = rest.strip_prefix('(')?.trim_start();
        let rest = rest
            .strip_prefix('r')
            .unwrap_or(rest)
            .trim_start_matches('#');
        let inner = rest.strip_prefix('"')?;
        let hash = &inner[..inner.find('"')?];
        argon2::PasswordHash::new(hash).ok()?;
        Some(hash.to_owned())
    })
}

/// Sets `staff_pin_hash` in a settings file to `hash`, keeping the rest of the file (comments
/// included) as it is. The file is written whole to a temporary file first, then renamed.
pub fn write_pin_hash(file: &std::path::Path, hash: &str) -> Result<(), ContentError> {
    let text = std::fs::read_to_string(file).map_err(|source| ContentError::SettingsRead {
        path: file.to_owned(),
        source,
    })?;
    let value = format!("staff_pin_hash: Some(\"{hash}\"),");
    let mut replaced = false;
    let mut out: Vec<String> = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("staff_pin_hash:") {
                replaced = true;
                let indent = &line[..line.len() - line.trim_start().len()];
                format!("{indent}{value}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    if !replaced {
        let Some(close) = out.iter().rposition(|l| l.trim_start().starts_with(')')) else {
            return Err(ContentError::NotSettings {
                path: file.to_owned(),
            });
        };
        out.insert(close, format!("    {value}"));
    }
    let mut new_text = out.join("\n");
    new_text.push('\n');
    ron::Options::default()
        .from_str::<Settings>(&new_text)
        .map_err(|source| ContentError::WouldBeInvalid {
            path: file.to_owned(),
            source,
        })?;
    replace_keeping_mode(file, new_text.as_bytes())
}

/// Replaces `file` with `bytes` atomically (a temporary file beside it, then a rename), keeping
/// its owner; the temporary file, created readable by this user only, never outlives a failure.
/// A link is written through: its target is replaced and the link kept (so the kiosk, reading
/// the link, sees the new PIN). The file ends up readable by its owner only (0600), or also by
/// its group if it was already closed to others (0640, e.g. root:kiosk): it holds the PIN's hash.
fn replace_keeping_mode(file: &std::path::Path, bytes: &[u8]) -> Result<(), ContentError> {
    use std::io::Write as _;
    use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
    let file = &std::fs::canonicalize(file).map_err(|source| ContentError::SettingsRead {
        path: file.to_owned(),
        source,
    })?;
    let meta = std::fs::metadata(file).map_err(|source| ContentError::SettingsRead {
        path: file.clone(),
        source,
    })?;
    if !meta.is_file() {
        return Err(ContentError::NotRegularFile { path: file.clone() });
    }
    // 0600; a deliberate 0640 (group kept, others shut out, as for root:kiosk) stays.
    let was = meta.permissions().mode();
    let mode = if was & 0o007 == 0 && was & 0o040 != 0 {
        0o640
    } else {
        0o600
    };
    let temp = file.with_extension("ron.tmp");
    // A temporary file left by a crash long ago is not ours to keep.
    std::fs::remove_file(&temp).ok();
    let written = (|| {
        let mut out = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .map_err(|source| ContentError::Write {
                path: temp.clone(),
                source,
            })?;
        out.write_all(bytes)
            .and_then(|()| out.sync_all())
            .map_err(|source| ContentError::Write {
                path: temp.clone(),
                source,
            })?;
        // Same owner as the file it replaces (chown needs root; as the owner, the owner is
        // already right).
        std::os::unix::fs::chown(&temp, Some(meta.uid()), Some(meta.gid())).ok();
        std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(mode)).map_err(
            |source| ContentError::SetMode {
                path: temp.clone(),
                source,
            },
        )?;
        std::fs::rename(&temp, file).map_err(|source| ContentError::Replace {
            path: file.clone(),
            source,
        })
    })();
    if written.is_err() {
        std::fs::remove_file(&temp).ok();
    }
    written
}

/// What staff should fix about a settings file that holds a staff PIN hash, though the kiosk can
/// run: others may read it (the hash can then be attacked offline) or write it.
pub fn settings_file_warnings(file: &std::path::Path, settings: &Settings) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt as _;
    if settings.staff_pin_hash.is_none() {
        return Vec::new();
    }
    match std::fs::metadata(file) {
        Ok(meta) if meta.permissions().mode() & 0o026 != 0 => vec![format!(
            "the settings file {} holds the staff PIN's hash and others may read or change it \
             (mode {:o}); chmod 600 (or 640 with the kiosk's group)",
            file.display(),
            meta.permissions().mode() & 0o777
        )],
        _ => Vec::new(),
    }
}
