//! Hand-off of a patient's results to clinic staff through a folder.
//!
//! This is the only place the kiosk writes patient data to disk, and it does so only when a
//! clinic has configured a hand-off folder (for example a shared folder at the front desk) and
//! the patient pressed Send.
//!
//! [`send`] writes all files of one hand-off (typically a PDF and a FHIR JSON file) under one
//! shared name. Every file is first written to a hidden temporary file in the same folder and
//! flushed to disk; only when all of them are complete are they moved to their final names,
//! without ever replacing an existing file. If anything fails, everything this call created is
//! removed again, so staff never see a half-written or partial hand-off.

use std::fs::{self, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many stems (`<stem>`, `<stem>-2`, ...) are tried before giving up.
const MAX_STEMS: u32 = 10_000;

/// How many temporary names are tried per file before giving up.
const MAX_TEMP_ATTEMPTS: u32 = 100;

/// Makes temporary names unique within this process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Why a hand-off could not be written. Every message names the folder and is meant to be
/// shown to clinic staff as is.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The configured folder does not exist (or is not reachable, e.g. an unmounted share).
    #[error("the hand-off folder {0} does not exist")]
    Missing(PathBuf),
    /// The configured path exists but is a file, not a folder.
    #[error("the hand-off folder {0} is not a folder")]
    NotAFolder(PathBuf),
    /// The kiosk may not create files in the folder (permissions or read-only storage).
    #[error("the hand-off folder {0} is not writable")]
    NotWritable(PathBuf),
    /// The disk (or the quota) holding the folder is full.
    #[error("the hand-off folder {0} is full")]
    Full(PathBuf),
    /// The configured path is a symbolic link (perhaps swapped in since `check`): the answers
    /// would go wherever it points, so nothing is written.
    #[error(
        "the hand-off folder {0} is a symbolic link, so nothing was written; give the real folder"
    )]
    Link(PathBuf),
    /// Any other failure; the second field is the underlying error text.
    #[error("could not write to the hand-off folder {0}: {1}")]
    Other(PathBuf, String),
}

/// What staff should fix about the hand-off folder, though the kiosk can run: the folder is a
/// symlink (writes would follow it wherever it points), anyone may write in it, or this user
/// cannot write in it. Empty when no folder is set.
pub fn warnings(settings: &crate::content::Settings) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt as _;
    let Some(folder) = settings.handoff_folder.as_deref() else {
        return Vec::new();
    };
    let path = Path::new(folder);
    let mut out = Vec::new();
    match fs::symlink_metadata(path) {
        Err(e) => out.push(format!(
            "the hand-off folder {folder} cannot be reached: {e}"
        )),
        Ok(meta) => {
            if meta.file_type().is_symlink() {
                out.push(format!(
                    "the hand-off folder {folder} is a symbolic link; give the real folder instead"
                ));
            }
            if let Ok(meta) = fs::metadata(path) {
                let mode = meta.permissions().mode();
                if mode & 0o002 != 0 {
                    out.push(format!(
                        "anyone on this computer may write in the hand-off folder {folder} (mode {:o}); make it 0750 or 0700",
                        mode & 0o777
                    ));
                }
                let probe = path.join(format!(".vein-kiosk-probe-{}", std::process::id()));
                match OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(&probe)
                {
                    Ok(_) => {
                        fs::remove_file(&probe).ok();
                    }
                    Err(e) => out.push(format!(
                        "the kiosk cannot write in the hand-off folder {folder}: {e}"
                    )),
                }
            }
        }
    }
    out
}

/// Writes `files` (extension without dot, bytes) into `folder` under one shared stem, e.g.
/// stem `"vein-check-20261121-1405"` -> `vein-check-20261121-1405.pdf` and `.json`. If any
/// final name exists already, the next free stem `"<stem>-2"`, `"<stem>-3"`, ... is used (the
/// same suffix for all files). Returns the final paths, in the order given.
///
/// The write is all or nothing: every file is written to a hidden temporary file
/// (`.<stem>.<ext>.part-<pid>-<n>`) in `folder` and synced to disk, then linked to its final
/// name (never overwriting an existing file), after which the temporary files are removed and
/// the folder itself is synced. On any error, every temporary and final file created by this
/// call is removed before the error is returned.
///
/// `stem` and the extensions must be plain names (no path separators) and the extensions must
/// be distinct; otherwise [`SendError::Other`] is returned and nothing is written.
pub fn send(folder: &Path, stem: &str, files: &[(&str, &[u8])]) -> Result<Vec<PathBuf>, SendError> {
    check_names(folder, stem, files)?;
    check_folder(folder)?;
    if files.is_empty() {
        return Ok(Vec::new());
    }

    let mut temps: Vec<PathBuf> = Vec::with_capacity(files.len());
    for (ext, bytes) in files {
        match write_temp(folder, stem, ext, bytes) {
            Ok(temp) => temps.push(temp),
            Err(e) => {
                remove_all(&temps);
                return Err(map_io(folder, e));
            }
        }
    }

    let placed = match place_all(folder, stem, files, &temps) {
        Ok(placed) => placed,
        Err(e) => {
            remove_all(&temps);
            return Err(e);
        }
    };

    // The data now lives under the final names; the temporary names are no longer needed.
    // Renamed files have no temporary name left, so NotFound is expected and ignored.
    remove_all(&temps);

    if let Err(e) = sync_dir(folder) {
        let finals: Vec<PathBuf> = placed.into_iter().map(|(path, _)| path).collect();
        remove_all(&finals);
        return Err(map_io(folder, e));
    }

    Ok(placed.into_iter().map(|(path, _)| path).collect())
}

/// How a file got to its final name, which decides how to undo it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Placement {
    /// Hard-linked: the temporary file still exists; undo by removing the final name.
    Linked,
    /// Renamed (fallback): the temporary file is gone; undo by renaming back.
    Renamed,
}

/// Rejects stems and extensions that would escape the folder or make the files collide.
fn check_names(folder: &Path, stem: &str, files: &[(&str, &[u8])]) -> Result<(), SendError> {
    let plain = |s: &str| !s.is_empty() && !s.contains(['/', '\\', '\0']) && s != "." && s != "..";
    let invalid = |what: String| Err(SendError::Other(folder.to_path_buf(), what));
    if !plain(stem) {
        return invalid(format!("invalid file name {stem:?}"));
    }
    for (i, (ext, _)) in files.iter().enumerate() {
        if !plain(ext) {
            return invalid(format!("invalid file extension {ext:?}"));
        }
        if files[..i]
            .iter()
            .any(|(other, _)| other.eq_ignore_ascii_case(ext))
        {
            return invalid(format!("file extension {ext:?} given twice"));
        }
    }
    Ok(())
}

/// Checks, at each send, that `folder` exists and is a real folder, not a symbolic link (one
/// swapped in after `check` would take the answers wherever it points).
fn check_folder(folder: &Path) -> Result<(), SendError> {
    match fs::symlink_metadata(folder) {
        Ok(meta) if meta.file_type().is_symlink() => Err(SendError::Link(folder.to_path_buf())),
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(SendError::NotAFolder(folder.to_path_buf())),
        Err(e) => Err(map_io(folder, e)),
    }
}

/// Maps an I/O error to the message shown to staff.
fn map_io(folder: &Path, e: io::Error) -> SendError {
    let folder = folder.to_path_buf();
    match e.kind() {
        ErrorKind::NotFound | ErrorKind::NotADirectory => SendError::Missing(folder),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            SendError::NotWritable(folder)
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => SendError::Full(folder),
        _ if is_edquot(&e) => SendError::Full(folder),
        _ => SendError::Other(folder, e.to_string()),
    }
}

/// Whether `e` is "disk quota exceeded" (EDQUOT, 122 on Linux).
fn is_edquot(e: &io::Error) -> bool {
    cfg!(target_os = "linux") && e.raw_os_error() == Some(122)
}

/// Writes `bytes` to a new hidden temporary file in `folder` and syncs it to disk. On error the
/// temporary file is removed again.
fn write_temp(folder: &Path, stem: &str, ext: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let pid = std::process::id();
    let mut attempts = 0;
    let (temp, mut file) = loop {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = folder.join(format!(".{stem}.{ext}.part-{pid}-{n}"));
        // Readable by the kiosk's own user only: the files hold a patient's answers. Front-desk
        // staff reach them through the folder's owner and group (see the README).
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            // A leftover from an earlier process that had the same id; pick another name.
            Err(e) if e.kind() == ErrorKind::AlreadyExists && attempts < MAX_TEMP_ATTEMPTS => {
                attempts += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    match written {
        Ok(()) => Ok(temp),
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Moves every temporary file to its final name under the first stem for which all final
/// names are free. On error, every final name created here is undone before returning.
fn place_all(
    folder: &Path,
    stem: &str,
    files: &[(&str, &[u8])],
    temps: &[PathBuf],
) -> Result<Vec<(PathBuf, Placement)>, SendError> {
    'stems: for n in 1..=MAX_STEMS {
        let candidate = if n == 1 {
            stem.to_owned()
        } else {
            format!("{stem}-{n}")
        };
        let finals: Vec<PathBuf> = files
            .iter()
            .map(|(ext, _)| folder.join(format!("{candidate}.{ext}")))
            .collect();
        // Cheap pre-check; the real guarantee comes from `place` refusing to overwrite.
        if finals.iter().any(|path| fs::symlink_metadata(path).is_ok()) {
            continue;
        }
        let mut placed: Vec<(PathBuf, Placement)> = Vec::with_capacity(files.len());
        for (temp, final_path) in temps.iter().zip(finals) {
            match place(temp, &final_path) {
                Ok(how) => placed.push((final_path, how)),
                Err(e) => {
                    let undone = undo(&placed, temps);
                    if e.kind() == ErrorKind::AlreadyExists {
                        // Someone else took the name meanwhile; try the next stem.
                        match undone {
                            Ok(()) => continue 'stems,
                            Err(undo_err) => return Err(map_io(folder, undo_err)),
                        }
                    }
                    return Err(map_io(folder, e));
                }
            }
        }
        return Ok(placed);
    }
    Err(SendError::Other(
        folder.to_path_buf(),
        format!("no free file name for {stem:?}"),
    ))
}

/// Gives `temp` the name `final_path` without overwriting an existing file.
fn place(temp: &Path, final_path: &Path) -> io::Result<Placement> {
    match fs::hard_link(temp, final_path) {
        Ok(()) => Ok(Placement::Linked),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(e),
        // Some (network) filesystems do not support hard links: rename instead, but only if
        // the final name is free.
        Err(_) => match fs::symlink_metadata(final_path) {
            Ok(_) => Err(io::Error::new(
                ErrorKind::AlreadyExists,
                "the file exists already",
            )),
            Err(e) if e.kind() == ErrorKind::NotFound => {
                fs::rename(temp, final_path).map(|()| Placement::Renamed)
            }
            Err(e) => Err(e),
        },
    }
}

/// Undoes `placed` (the first `placed.len()` entries of `temps`): removes linked final names
/// and renames renamed files back to their temporary names, so that the temporary files are
/// complete again. Every final name is gone afterwards, even on error.
fn undo(placed: &[(PathBuf, Placement)], temps: &[PathBuf]) -> io::Result<()> {
    let mut result = Ok(());
    for ((final_path, how), temp) in placed.iter().zip(temps) {
        let step = match how {
            Placement::Linked => fs::remove_file(final_path),
            Placement::Renamed => fs::rename(final_path, temp).inspect_err(|_| {
                let _ = fs::remove_file(final_path);
            }),
        };
        if let Err(e) = step
            && result.is_ok()
        {
            result = Err(e);
        }
    }
    result
}

/// Removes `paths`, ignoring errors (best effort clean-up).
fn remove_all(paths: &[PathBuf]) {
    for path in paths {
        let _ = fs::remove_file(path);
    }
}

/// Syncs the folder's entries to disk so that the new names survive a power cut. Filesystems
/// that cannot sync a folder are tolerated.
#[cfg(unix)]
fn sync_dir(folder: &Path) -> io::Result<()> {
    match fs::File::open(folder).and_then(|dir| dir.sync_all()) {
        Err(e) if matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Unsupported) => Ok(()),
        other => other,
    }
}

/// Folders cannot be synced through `std` on this platform; nothing to do.
#[cfg(not(unix))]
fn sync_dir(_folder: &Path) -> io::Result<()> {
    Ok(())
}
