//! Why a tool's request about the content, or a change to a settings file, failed. (Broken
//! content itself is reported as [`super::Problem`]s, with file, line and field.)

use std::path::PathBuf;

use super::limits::ReadError;

/// Why a content file, a language or a settings-file change could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ContentError {
    /// A tool asked for a language the content does not have; `have` lists the ones it has.
    #[error("no language \"{code}\"; the content has: {}", have.join(", "))]
    NoLanguage { code: String, have: Vec<String> },
    /// The content compiled into the binary has no file by that name (or it is not UTF-8).
    #[error("the built-in content has no such file")]
    NotBuiltIn,
    /// A file of a clinic's content folder could not be read.
    #[error(transparent)]
    Read(#[from] ReadError),
    /// The settings file could not be read (or its real path found).
    #[error("cannot read {}: {source}", path.display())]
    SettingsRead {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The settings file has no closing parenthesis to put the PIN's hash before.
    #[error("{} does not look like a settings file", path.display())]
    NotSettings { path: PathBuf },
    /// With the PIN's hash set, the settings file would no longer parse.
    #[error("{} would not be valid after the change: {source}", path.display())]
    WouldBeInvalid {
        path: PathBuf,
        source: ron::error::SpannedError,
    },
    /// The settings file is a folder, a device or some such.
    #[error("{} is not a regular file", path.display())]
    NotRegularFile { path: PathBuf },
    /// The temporary file beside the settings file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The temporary file's mode could not be set.
    #[error("cannot set the mode of {}: {source}", path.display())]
    SetMode {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The settings file could not be replaced by the temporary file.
    #[error("cannot replace {}: {source}", path.display())]
    Replace {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Text that is not a colour like `#1D5A8C` (the text as written).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a colour like \"#1D5A8C\"")]
pub struct NotAColour(pub String);
