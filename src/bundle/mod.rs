//! Signed content bundles: a clinic group publishes its content once, and every kiosk pulls it,
//! checks it and shows it between visitors.
//!
//! A bundle is a content folder (without `settings.ron`, which belongs to each kiosk) plus
//! `manifest.json` (every file's path, size and SHA-256, the content version, created and
//! expiry dates) and `manifest.json.minisig`, the manifest signed with an ordinary minisign key.
//!
//! The parts, each replaceable on its own (a later move to TUF for several signers is a change
//! to `verify` and `manifest`, not to the kiosk):
//! - [`fetch`]: a source that reads a bundle's files (a web server or a folder), with caps;
//! - [`verify`]: the pinned keys, expiry, rollback and each file's hash;
//! - [`cache`]: the last good bundle on the kiosk's disk, staged and switched atomically;
//! - [`pull`]: one check, start to finish, and the start-up choice of content;
//! - [`watch`]: the thread that checks every few minutes, off the screen's thread;
//! - [`publish`]: `vein-kiosk publish`, which writes and signs a bundle;
//! - [`tools`]: the command-line tools and the kiosk's start-up.

pub mod cache;
pub mod fetch;
pub mod manifest;
pub mod publish;
pub mod pull;
pub mod tools;
pub mod verify;
pub mod watch;

use crate::content::Problem;

pub use manifest::Manifest;
pub use pull::{Pulled, Puller};
pub use verify::Keys;
pub use watch::{BundleStatus, Update, Watch};

/// Why a bundle was not taken. Each says what a clinic's IT person needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("content_source: {0}")]
    Source(String),
    #[error("content_source: {0}")]
    Keys(String),
    #[error("{path}: {why}")]
    Fetch { path: String, why: String },
    #[error("{path} is larger than the {most} bytes the kiosk takes for it (it is {size} or more)")]
    TooLarge { path: String, size: u64, most: u64 },
    #[error("manifest.json {0}")]
    Manifest(String),
    /// A date of the manifest (`created`, `expires`) is not written `YYYY-MM-DD`.
    #[error("manifest.json {field}: {source}")]
    Date {
        field: &'static str,
        source: manifest::NotADate,
    },
    #[error("manifest.json lists \"{path}\", which {why}")]
    BadPath { path: String, why: String },
    #[error("bad signature: {0}")]
    BadSignature(String),
    #[error(
        "the manifest is signed with a key this kiosk does not know (not one of its public_keys)"
    )]
    UnknownKey,
    #[error("content version {version} expired on {expired}; publish a new one")]
    Expired { version: u64, expired: String },
    #[error(
        "content version {offered} is not newer than the version in use ({in_use}); a kiosk never \
         goes back (publish with a higher --version)"
    )]
    NotNewer { offered: u64, in_use: u64 },
    #[error("{path} {why}")]
    FileChanged { path: String, why: String },
    #[error("the content has {} problem(s); the first: {}", .0.len(), first(.0))]
    Content(Vec<Problem>),
    #[error("the kiosk's content cache {0}")]
    Cache(String),
    #[error("signing: {0}")]
    Sign(String),
}

fn first(problems: &[Problem]) -> String {
    problems
        .first()
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The settings file a bundle's content is checked and shown with: the `--config` file, or else
/// the `settings.ron` of the content folder the kiosk was started with. None for the built-in
/// content without `--config` (whose settings name no content source).
pub fn settings_file(
    folder: Option<&std::path::Path>,
    config: Option<&std::path::Path>,
) -> Option<std::path::PathBuf> {
    config
        .map(std::path::Path::to_path_buf)
        .or_else(|| folder.map(|f| f.join("settings.ron")))
}
