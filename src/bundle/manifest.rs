//! The manifest of a bundle: what it holds, signed as a whole. JSON, so that any tool can read it.
//!
//! ```json
//! { "format": "vein-kiosk-content", "format_version": 1, "content_version": 7,
//!   "created": "2026-12-05", "expires": "2027-06-30",
//!   "files": [ { "path": "flow.ron", "size": 2291, "sha256": "9f2c…" }, … ] }
//! ```
//!
//! Parsing is strict: unknown fields, a path that could leave the bundle's folder, a file the
//! kiosk would never read, a file larger than the kiosk takes, or two entries for one path are
//! refused here, before anything is downloaded.

use serde::{Deserialize, Serialize};

use super::BundleError;
use crate::content::limits::{MAX_CONTENT_FILE_BYTES, MAX_LANGUAGES, MAX_PICTURE_BYTES};

/// The `format` every manifest names.
pub const FORMAT: &str = "vein-kiosk-content";
/// The manifest layout this kiosk reads.
pub const FORMAT_VERSION: u32 = 1;
/// The manifest's own file name in a bundle; its signature is this plus `.minisig`.
pub const MANIFEST: &str = "manifest.json";
/// The signature's file name.
pub const SIGNATURE: &str = "manifest.json.minisig";
/// The most a manifest may be.
pub const MAX_MANIFEST_BYTES: u64 = 256 * 1024;
/// The most a signature file may be (a minisign signature is about 300 bytes).
pub const MAX_SIGNATURE_BYTES: u64 = 4 * 1024;
/// The most files a bundle may hold: the content files, every language and the pictures.
pub const MAX_FILES: usize = 400;
/// The most a whole bundle may be.
pub const MAX_BUNDLE_BYTES: u64 = 96 * 1024 * 1024;

/// What a bundle holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// Grows by at least one with every publication; a kiosk never goes back.
    pub content_version: u64,
    /// `YYYY-MM-DD`.
    pub created: String,
    /// `YYYY-MM-DD`: no kiosk takes this bundle after that day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    pub files: Vec<FileEntry>,
}

/// One file of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Inside the bundle's folder, `/` between parts: `lang/en.ron`, `illustrations/logo.png`.
    pub path: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
}

impl Manifest {
    /// Reads a manifest's bytes and checks its shape (not its signature: see `verify`).
    pub fn parse(bytes: &[u8]) -> Result<Self, BundleError> {
        let manifest: Self = serde_json::from_slice(bytes)
            .map_err(|e| BundleError::Manifest(format!("is not a bundle manifest: {e}")))?;
        manifest.check_shape()?;
        Ok(manifest)
    }

    /// The manifest as its publisher writes it (pretty JSON, a newline at the end).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text.into_bytes()
    }

    fn check_shape(&self) -> Result<(), BundleError> {
        let bad = |why: String| Err(BundleError::Manifest(why));
        if self.format != FORMAT {
            return bad(format!("has format \"{}\", not \"{FORMAT}\"", self.format));
        }
        if self.format_version != FORMAT_VERSION {
            return bad(format!(
                "has format version {}; this kiosk reads version {FORMAT_VERSION}",
                self.format_version
            ));
        }
        if self.content_version == 0 {
            return bad("has content version 0; versions start at 1".into());
        }
        parse_date(&self.created).map_err(|source| BundleError::Date {
            field: "created",
            source,
        })?;
        if let Some(expires) = &self.expires {
            parse_date(expires).map_err(|source| BundleError::Date {
                field: "expires",
                source,
            })?;
        }
        if self.files.len() > MAX_FILES {
            return bad(format!(
                "lists {} files; the most a bundle may hold is {MAX_FILES}",
                self.files.len()
            ));
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut total = 0u64;
        for file in &self.files {
            check_path(&file.path)?;
            if !seen.insert(file.path.as_str()) {
                return bad(format!("lists \"{}\" twice", file.path));
            }
            let most = most_bytes(&file.path);
            if file.size > most {
                return Err(BundleError::TooLarge {
                    path: file.path.clone(),
                    size: file.size,
                    most,
                });
            }
            total = total.saturating_add(file.size);
            if file.sha256.len() != 64
                || !file
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return bad(format!(
                    "gives \"{}\" a SHA-256 that is not 64 lower-case hex digits",
                    file.path
                ));
            }
        }
        if total > MAX_BUNDLE_BYTES {
            return bad(format!(
                "lists {total} bytes in all; the most a bundle may be is {MAX_BUNDLE_BYTES}"
            ));
        }
        let languages = self
            .files
            .iter()
            .filter(|f| f.path.starts_with("lang/"))
            .count();
        if languages > MAX_LANGUAGES {
            return bad(format!(
                "lists {languages} language files; the most the kiosk takes is {MAX_LANGUAGES}"
            ));
        }
        Ok(())
    }
}

/// The files a kiosk reads from a content folder, and so the only ones a bundle may hold:
/// `flow.ron`, `theme.ron`, `selfcheck.ron`, `lang/CODE.ron` and `illustrations/NAME.svg|png`.
/// Never `settings.ron` (settings belong to each kiosk), never a hidden file, never a path with
/// `..`, a leading `/`, a backslash or an empty part.
pub fn check_path(path: &str) -> Result<(), BundleError> {
    let refuse = |why: &str| {
        Err(BundleError::BadPath {
            path: path.to_owned(),
            why: why.to_owned(),
        })
    };
    let parts: Vec<&str> = path.split('/').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || *p == "." || *p == "..")
    {
        return refuse("has an empty, \".\" or \"..\" part (a bundle's files stay in its folder)");
    }
    let plain = |p: &str| {
        !p.starts_with('.')
            && p.len() <= 100
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
    };
    if !parts.iter().all(|p| plain(p)) {
        return refuse(
            "may only use letters, digits, '.', '-' and '_' (no hidden files, no backslashes)",
        );
    }
    let ext = |p: &str, exts: &[&str]| {
        std::path::Path::new(p)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
    };
    match parts.as_slice() {
        ["flow.ron" | "theme.ron" | "selfcheck.ron"] => Ok(()),
        ["settings.ron"] => refuse("is a kiosk's own settings, never part of a bundle"),
        ["lang", name] if ext(name, &["ron"]) => Ok(()),
        ["illustrations", name] if ext(name, &["svg", "png"]) => Ok(()),
        _ => refuse(
            "is not a file the kiosk reads (flow.ron, theme.ron, selfcheck.ron, lang/*.ron, \
             illustrations/*.svg or *.png)",
        ),
    }
}

/// The most a file at `path` may be: a picture's limit or a content file's.
pub fn most_bytes(path: &str) -> u64 {
    if path.starts_with("illustrations/") {
        MAX_PICTURE_BYTES
    } else {
        MAX_CONTENT_FILE_BYTES
    }
}

/// Text that is not a `YYYY-MM-DD` date (the text as written).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a date written YYYY-MM-DD")]
pub struct NotADate(pub String);

/// A `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<chrono::NaiveDate, NotADate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| NotADate(text.to_owned()))
}

/// The SHA-256 of `bytes`, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    use std::fmt::Write as _;
    let digest = sha2::Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn only_files_the_kiosk_reads_and_only_inside_the_folder() {
        for good in [
            "flow.ron",
            "lang/es.ron",
            "illustrations/valve-1.svg",
            "illustrations/logo.png",
        ] {
            assert!(check_path(good).is_ok(), "{good}");
        }
        for bad in [
            "settings.ron",
            "../flow.ron",
            "lang/../../etc/passwd",
            "/flow.ron",
            "lang//en.ron",
            "lang/.hidden.ron",
            "illustrations/a\\b.svg",
            "lang/en.ron/x",
            "illustrations/run.sh",
            "notes.txt",
            "lang/en.txt",
            "",
        ] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        // Each refusal says why.
        let why = |path: &str| match check_path(path) {
            Err(BundleError::BadPath { why, .. }) => why,
            other => panic!("{path}: {other:?}"),
        };
        for outside in ["lang/./en.ron", "../flow.ron", "lang//en.ron", "flow.ron/"] {
            assert!(
                why(outside).starts_with("has an empty, \".\" or \"..\" part"),
                "{outside}"
            );
        }
        assert!(why("lang/.en.ron").starts_with("may only use letters"));
        assert!(why(&format!("illustrations/{}.png", "a".repeat(97))).starts_with("may only use"));
        assert!(check_path(&format!("illustrations/{}.png", "a".repeat(96))).is_ok());
        assert_eq!(
            why("settings.ron"),
            "is a kiosk's own settings, never part of a bundle"
        );
        assert!(why("lang/en.txt").starts_with("is not a file the kiosk reads"));
    }

    const HASH: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn entry(path: &str, size: u64) -> FileEntry {
        FileEntry {
            path: path.to_owned(),
            size,
            sha256: HASH.to_owned(),
        }
    }

    fn manifest(files: Vec<FileEntry>) -> Manifest {
        Manifest {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            content_version: 7,
            created: "2026-12-05".to_owned(),
            expires: Some("2027-06-30".to_owned()),
            files,
        }
    }

    /// `manifest` with `change` made, through its bytes as a kiosk reads them.
    fn parsed(change: impl FnOnce(&mut Manifest)) -> Result<Manifest, BundleError> {
        let mut m = manifest(vec![entry("flow.ron", 10), entry("lang/en.ron", 20)]);
        change(&mut m);
        Manifest::parse(&m.to_bytes())
    }

    /// The manifest error's words, or a panic naming what was accepted.
    fn refused(change: impl FnOnce(&mut Manifest)) -> String {
        match parsed(change) {
            Err(e) => e.to_string(),
            Ok(m) => panic!("accepted: {m:?}"),
        }
    }

    #[test]
    fn a_manifest_comes_back_from_its_bytes_as_written() {
        let m = manifest(vec![entry("flow.ron", 10), entry("illustrations/a.svg", 5)]);
        let bytes = m.to_bytes();
        assert!(bytes.starts_with(b"{\n  \"format\": \"vein-kiosk-content\""));
        assert!(bytes.ends_with(b"]\n}\n"), "pretty JSON and a newline");
        assert_eq!(Manifest::parse(&bytes).unwrap(), m);
        assert!(parsed(|m| m.expires = None).unwrap().expires.is_none());
    }

    #[test]
    fn its_format_version_and_dates_are_checked() {
        assert!(refused(|m| m.format = "other".into()).contains("has format \"other\""));
        assert!(refused(|m| m.format_version = 2).contains("has format version 2"));
        assert!(refused(|m| m.content_version = 0).contains("versions start at 1"));
        assert!(parsed(|m| m.content_version = 1).is_ok());
        let created = refused(|m| m.created = "2026-13-01".into());
        assert!(
            created.starts_with("manifest.json created: \"2026-13-01\""),
            "{created}"
        );
        let expires = refused(|m| m.expires = Some("30/06/2027".into()));
        assert!(expires.starts_with("manifest.json expires: "), "{expires}");
    }

    #[test]
    fn at_most_400_files_each_once() {
        let many = |n: usize| {
            (0..n)
                .map(|i| entry(&format!("illustrations/p{i}.png"), 1))
                .collect()
        };
        assert!(parsed(|m| m.files = many(MAX_FILES)).is_ok());
        assert!(refused(|m| m.files = many(MAX_FILES + 1)).contains("lists 401 files"));
        assert!(parsed(|m| m.files = vec![]).is_ok());
        let twice = refused(|m| m.files.push(entry("flow.ron", 3)));
        assert!(twice.contains("lists \"flow.ron\" twice"), "{twice}");
        let outside = refused(|m| m.files.push(entry("../flow.ron", 3)));
        assert!(outside.contains("\"../flow.ron\""), "{outside}");
    }

    #[test]
    fn each_file_and_the_whole_at_most_their_limits() {
        const MIB: u64 = 1024 * 1024;
        // A content file up to 1 MiB, a picture up to 4 MiB: the limits the kiosk reads them with.
        assert!(parsed(|m| m.files = vec![entry("flow.ron", MIB)]).is_ok());
        match parsed(|m| m.files = vec![entry("flow.ron", MIB + 1)]) {
            Err(BundleError::TooLarge { path, size, most }) => {
                assert_eq!((path.as_str(), size, most), ("flow.ron", MIB + 1, MIB));
            }
            other => panic!("{other:?}"),
        }
        assert!(parsed(|m| m.files = vec![entry("illustrations/a.png", 4 * MIB)]).is_ok());
        assert!(matches!(
            parsed(|m| m.files = vec![entry("illustrations/a.png", 4 * MIB + 1)]),
            Err(BundleError::TooLarge { most, .. }) if most == 4 * MIB
        ));
        // 96 MiB in all: 24 pictures of 4 MiB, and not a byte more.
        let pictures = || {
            (0..24)
                .map(|i| entry(&format!("illustrations/p{i}.png"), 4 * MIB))
                .collect::<Vec<_>>()
        };
        assert!(parsed(|m| m.files = pictures()).is_ok());
        let over = refused(|m| {
            m.files = pictures();
            m.files.push(entry("flow.ron", 1));
        });
        assert!(
            over.contains("lists 100663297 bytes in all; the most a bundle may be is 100663296"),
            "{over}"
        );
    }

    #[test]
    fn at_most_twenty_languages() {
        let languages = |n: usize| {
            (0..n)
                .map(|i| entry(&format!("lang/l{i}.ron"), 1))
                .collect::<Vec<_>>()
        };
        assert!(parsed(|m| m.files = languages(MAX_LANGUAGES)).is_ok());
        let over = refused(|m| m.files = languages(MAX_LANGUAGES + 1));
        assert!(
            over.contains("lists 21 language files; the most the kiosk takes is 20"),
            "{over}"
        );
    }

    #[test]
    fn a_hash_is_64_lower_case_hex_digits() {
        let with = |hash: String| parsed(move |m| m.files[0].sha256 = hash);
        assert!(with("0123456789abcdef".repeat(4)).is_ok());
        for bad in [
            HASH[..63].to_owned(),
            format!("{HASH}0"),
            HASH.to_uppercase(),
            format!("g{}", &HASH[1..]),
            String::new(),
        ] {
            let e = with(bad.clone()).expect_err(&bad).to_string();
            assert!(
                e.contains("a SHA-256 that is not 64 lower-case hex digits"),
                "{e}"
            );
        }
    }

    #[test]
    fn the_hash_is_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
