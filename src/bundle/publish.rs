//! `vein-kiosk publish`: checks a content folder and writes it as a signed bundle.

use std::path::Path;

use ct_codecs::Decoder as _;

use super::BundleError;
use super::manifest::{
    FORMAT, FORMAT_VERSION, FileEntry, MANIFEST, Manifest, SIGNATURE, check_path, sha256_hex,
};
use crate::content::{Content, ContentSource, limits};

/// What to publish.
pub struct Publication<'a> {
    pub content: &'a Path,
    pub out: &'a Path,
    pub version: u64,
    /// `YYYY-MM-DD`.
    pub expires: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub today: &'a str,
    pub secret_key: &'a Path,
    /// Settings to check the content with, instead of the folder's own `settings.ron` (a
    /// group's folder need not have one; it is never published).
    pub config: Option<&'a Path>,
    /// The key's password; None asks for it on the terminal when the key has one.
    pub password: Option<String>,
}

/// Checks the content (with `config` or its own `settings.ron`, as `check` does: a broken folder is
/// refused), copies the files a kiosk reads into `out`, and writes the manifest and its
/// signature. Returns the manifest and the files left out (settings, anything else).
pub fn publish(p: &Publication<'_>) -> Result<(Manifest, Vec<String>), BundleError> {
    if p.version == 0 {
        return Err(BundleError::Manifest(
            "--version must be 1 or more (each publication one more than the last)".into(),
        ));
    }
    if let Some(expires) = p.expires
        && expires <= p.today
    {
        return Err(BundleError::Manifest(format!(
            "--expires {expires} is not after today ({})",
            p.today
        )));
    }
    let secret = secret_key(p.secret_key, p.password.clone())?;
    Content::load_with_config(ContentSource::Folder(p.content.to_path_buf()), p.config)
        .map_err(BundleError::Content)?;
    let mut left_out = Vec::new();
    let mut files = Vec::new();
    for rel in super::cache::files_in(p.content) {
        if check_path(&rel).is_err() {
            left_out.push(rel);
            continue;
        }
        let data = limits::read_file(
            &p.content.join(&rel),
            Some(p.content),
            super::manifest::most_bytes(&rel),
        )
        .map_err(|e| BundleError::Fetch {
            path: rel.clone(),
            why: e.to_string(),
        })?;
        files.push((rel, data));
    }
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        content_version: p.version,
        created: p.today.into(),
        expires: p.expires.map(str::to_owned),
        files: files
            .iter()
            .map(|(path, data)| FileEntry {
                path: path.clone(),
                size: data.len() as u64,
                sha256: sha256_hex(data),
            })
            .collect(),
    };
    let bytes = manifest.to_bytes();
    // The manifest must read back as a kiosk reads it (sizes, paths, counts within limits).
    Manifest::parse(&bytes)?;
    let trusted = format!(
        "vein-kiosk content version {} created {}",
        p.version, p.today
    );
    // Signed and checked with the key's own public half, so a damaged key never signs.
    let public = minisign::PublicKey::from_secret_key(&secret)
        .map_err(|e| BundleError::Sign(e.to_string()))?;
    let signature = minisign::sign(Some(&public), &secret, &bytes[..], Some(&trusted), None)
        .map_err(|e| BundleError::Sign(e.to_string()))?;
    let write = |rel: &str, data: &[u8]| {
        let to = p.out.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| BundleError::Sign(format!("{}: {e}", parent.display())))?;
        }
        std::fs::write(&to, data).map_err(|e| BundleError::Sign(format!("{}: {e}", to.display())))
    };
    for (rel, data) in &files {
        write(rel, data)?;
    }
    // The manifest last: a folder served while it is written never offers a manifest whose
    // files are not there yet (a kiosk that reads it half-way finds a bad signature, keeps its
    // content and tries again at the next check).
    write(SIGNATURE, signature.to_string().as_bytes())?;
    write(MANIFEST, &bytes)?;
    Ok((manifest, left_out))
}

/// A minisign secret key file, with or without a password (`minisign -G -W` makes one without;
/// minisign 0.11 leaves such a key's checksum empty, which the minisign crate refuses, so a key
/// with no password and no checksum is read as it is, and checked by signing below).
fn secret_key(path: &Path, password: Option<String>) -> Result<minisign::SecretKey, BundleError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| BundleError::Sign(format!("cannot read {}: {e}", path.display())))?;
    let not_a_key = |e: &dyn std::fmt::Display| {
        BundleError::Sign(format!(
            "{} is not a minisign secret key, or the password is wrong: {e}",
            path.display()
        ))
    };
    let encoded = text.lines().nth(1).unwrap_or_default().trim();
    let raw = ct_codecs::Base64::decode_to_vec(encoded, None).map_err(|e| not_a_key(&e))?;
    let no_password = raw.get(2..4) == Some(&[0, 0][..]);
    let boxed = minisign::SecretKeyBox::from_string(&text).map_err(|e| not_a_key(&e))?;
    if !no_password {
        return boxed.into_secret_key(password).map_err(|e| not_a_key(&e));
    }
    match boxed.into_unencrypted_secret_key() {
        Ok(key) => Ok(key),
        Err(_) if raw.len() >= 32 && raw[raw.len() - 32..].iter().all(|b| *b == 0) => {
            minisign::SecretKey::from_bytes(&raw).map_err(|e| not_a_key(&e))
        }
        Err(e) => Err(not_a_key(&e)),
    }
}
