//! Whether a bundle may be shown: its manifest signed by a pinned key, not expired, newer than
//! the one in use, and each file exactly the one the manifest names.

use chrono::NaiveDate;

use super::BundleError;
use super::manifest::{FileEntry, Manifest, parse_date, sha256_hex};

/// The minisign public keys a kiosk accepts.
#[derive(Clone)]
pub struct Keys {
    keys: Vec<minisign_verify::PublicKey>,
}

impl Keys {
    /// Keys from their base64 lines (`RW…`, the second line of a minisign `.pub` file).
    pub fn from_lines(lines: &[String]) -> Result<Self, BundleError> {
        if lines.is_empty() {
            return Err(BundleError::Keys(
                "no public key is given; a kiosk takes only signed content".into(),
            ));
        }
        let keys = lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                minisign_verify::PublicKey::from_base64(line.trim()).map_err(|_| {
                    BundleError::Keys(format!(
                        "public_keys[{i}] is not a minisign public key (the line that starts \
                         with RW in the .pub file)"
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { keys })
    }

    /// Checks `signature` (a `.minisig` file's text) over `bytes` with these keys.
    pub fn check(&self, bytes: &[u8], signature: &[u8]) -> Result<(), BundleError> {
        let text = std::str::from_utf8(signature)
            .map_err(|_| BundleError::BadSignature("the signature file is not text".into()))?;
        let signature = minisign_verify::Signature::decode(text).map_err(|_| {
            BundleError::BadSignature("the signature file is not a minisign signature".into())
        })?;
        let mut known = false;
        for key in &self.keys {
            // Only prehashed signatures (what minisign has made by default since 0.8).
            match key.verify(bytes, &signature, false) {
                Ok(()) => return Ok(()),
                Err(minisign_verify::Error::UnexpectedKeyId) => {}
                Err(_) => known = true,
            }
        }
        if known {
            Err(BundleError::BadSignature(
                "the manifest was changed after it was signed, or the signature is damaged".into(),
            ))
        } else {
            Err(BundleError::UnknownKey)
        }
    }
}

/// Checks a signed manifest for a kiosk whose newest accepted content is `in_use` (None: it has
/// none yet), on `today`: the signature, then the manifest's shape, expiry and version.
pub fn manifest(
    keys: &Keys,
    bytes: &[u8],
    signature: &[u8],
    today: NaiveDate,
) -> Result<Manifest, BundleError> {
    keys.check(bytes, signature)?;
    let manifest = Manifest::parse(bytes)?;
    if let Some(expires) = &manifest.expires {
        let last_day = parse_date(expires).map_err(|source| BundleError::Date {
            field: "expires",
            source,
        })?;
        if today > last_day {
            return Err(BundleError::Expired {
                version: manifest.content_version,
                expired: expires.clone(),
            });
        }
    }
    Ok(manifest)
}

/// Refuses a version that is not newer than `in_use`.
pub fn newer(manifest: &Manifest, in_use: Option<u64>) -> Result<(), BundleError> {
    match in_use {
        Some(in_use) if manifest.content_version <= in_use => Err(BundleError::NotNewer {
            offered: manifest.content_version,
            in_use,
        }),
        _ => Ok(()),
    }
}

/// Checks that `bytes` are exactly the file the manifest names.
pub fn file(entry: &FileEntry, bytes: &[u8]) -> Result<(), BundleError> {
    if bytes.len() as u64 != entry.size {
        return Err(BundleError::FileChanged {
            path: entry.path.clone(),
            why: format!(
                "is {} bytes; the manifest says {} (a cut-off download, or a changed file)",
                bytes.len(),
                entry.size
            ),
        });
    }
    if sha256_hex(bytes) != entry.sha256 {
        return Err(BundleError::FileChanged {
            path: entry.path.clone(),
            why: "does not have the SHA-256 the manifest gives (it was changed after signing)"
                .into(),
        });
    }
    Ok(())
}
