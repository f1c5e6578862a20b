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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::manifest::{FORMAT, FORMAT_VERSION};
    use super::*;

    /// A key pair as the minisign crate makes it: the secret key and its public line.
    fn pair() -> (minisign::SecretKey, String) {
        let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
        (pair.sk, pair.pk.to_base64())
    }

    /// The `.minisig` text of `bytes` signed with `secret`.
    fn sign(secret: &minisign::SecretKey, bytes: &[u8]) -> Vec<u8> {
        minisign::sign(None, secret, bytes, None, None)
            .unwrap()
            .to_string()
            .into_bytes()
    }

    fn keys(lines: &[&String]) -> Keys {
        Keys::from_lines(&lines.iter().map(|l| (*l).clone()).collect::<Vec<_>>()).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn keys_are_minisign_public_lines_and_there_is_at_least_one() {
        let (_, public) = pair();
        assert!(matches!(Keys::from_lines(&[]), Err(BundleError::Keys(_))));
        match Keys::from_lines(&[public, "RWnot-a-key".into()]) {
            Err(BundleError::Keys(why)) => assert!(why.starts_with("public_keys[1] "), "{why}"),
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn only_a_signature_by_a_known_key_over_these_very_bytes_passes() {
        let (secret, public) = pair();
        let (other_secret, other_public) = pair();
        let bytes = b"the manifest";
        let signature = sign(&secret, bytes);
        // Any of the keys: the one that signed may come second (a group rotating its key).
        assert!(keys(&[&public]).check(bytes, &signature).is_ok());
        assert!(
            keys(&[&other_public, &public])
                .check(bytes, &signature)
                .is_ok()
        );
        assert!(matches!(
            keys(&[&other_public]).check(bytes, &signature),
            Err(BundleError::UnknownKey)
        ));
        let changed = keys(&[&other_public, &public]).check(b"the manifesT", &signature);
        match changed {
            Err(BundleError::BadSignature(why)) => {
                assert!(why.contains("changed after it was signed"), "{why}");
            }
            other => panic!("{other:?}"),
        }
        // Signed by the other key: known to no one here but that key.
        let theirs = sign(&other_secret, bytes);
        assert!(matches!(
            keys(&[&public]).check(bytes, &theirs),
            Err(BundleError::UnknownKey)
        ));
        for (bad, says) in [
            (&[0xff, 0xfe][..], "is not text"),
            (
                &b"untrusted comment: x\nnot base64\n"[..],
                "not a minisign signature",
            ),
        ] {
            match keys(&[&public]).check(bytes, bad) {
                Err(BundleError::BadSignature(why)) => assert!(why.contains(says), "{why}"),
                other => panic!("{other:?}"),
            }
        }
    }

    fn manifest_bytes(version: u64, expires: Option<&str>) -> Vec<u8> {
        Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            content_version: version,
            created: "2026-12-01".into(),
            expires: expires.map(Into::into),
            files: vec![],
        }
        .to_bytes()
    }

    #[test]
    fn a_manifest_is_taken_up_to_its_last_day_and_never_after() {
        let (secret, public) = pair();
        let keys = keys(&[&public]);
        let bytes = manifest_bytes(7, Some("2027-06-30"));
        let signature = sign(&secret, &bytes);
        let on = |today| manifest(&keys, &bytes, &signature, day(today));
        assert_eq!(on("2027-06-30").unwrap().content_version, 7);
        match on("2027-07-01") {
            Err(BundleError::Expired { version, expired }) => {
                assert_eq!((version, expired.as_str()), (7, "2027-06-30"));
            }
            other => panic!("{other:?}"),
        }
        // No last day: taken on any day.
        let lasting = manifest_bytes(8, None);
        let lasting_signature = sign(&secret, &lasting);
        assert!(manifest(&keys, &lasting, &lasting_signature, day("2099-01-01")).is_ok());
        // The signature is checked first: a manifest signed for another is refused unread.
        assert!(matches!(
            manifest(&keys, &lasting, &signature, day("2027-01-01")),
            Err(BundleError::BadSignature(_))
        ));
    }

    #[test]
    fn only_a_newer_version_than_the_one_in_use() {
        let m = Manifest::parse(&manifest_bytes(7, None)).unwrap();
        assert!(newer(&m, None).is_ok());
        assert!(newer(&m, Some(6)).is_ok());
        for in_use in [7, 8] {
            match newer(&m, Some(in_use)) {
                Err(BundleError::NotNewer {
                    offered: 7,
                    in_use: got,
                }) => assert_eq!(got, in_use),
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_file_is_exactly_the_one_named() {
        let bytes = b"flow";
        let entry = FileEntry {
            path: "flow.ron".into(),
            size: 4,
            sha256: sha256_hex(bytes),
        };
        assert!(file(&entry, bytes).is_ok());
        let why = |bytes: &[u8]| match file(&entry, bytes) {
            Err(BundleError::FileChanged { path, why }) => {
                assert_eq!(path, "flow.ron");
                why
            }
            other => panic!("{other:?}"),
        };
        assert!(why(b"flo").starts_with("is 3 bytes; the manifest says 4 (a cut-off download"));
        assert!(why(b"flow!").starts_with("is 5 bytes"));
        assert!(why(b"flew").starts_with("does not have the SHA-256 the manifest gives"));
    }
}
