//! The manifest parser and the signature check, fuzzed with the project's harness (proptest):
//! nothing panics, a manifest that parses never names a path outside its folder or a file the
//! kiosk does not read, and a signed manifest changed anywhere, or its signature, is refused.
//!
//! Cases per target: `FUZZ_CASES` (default 150, what CI runs), as in `fuzz.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use vein_kiosk::bundle::manifest::{Manifest, check_path};
use vein_kiosk::bundle::{BundleError, Keys, verify};

use crate::bundle::{group_content, key, publish_to};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(150)
}

/// A real bundle's manifest, its signature and the key that signed it (made once).
struct Signed {
    manifest: Vec<u8>,
    signature: Vec<u8>,
    keys: Keys,
}

fn signed() -> &'static Signed {
    static SIGNED: std::sync::OnceLock<Signed> = std::sync::OnceLock::new();
    SIGNED.get_or_init(|| {
        let key = key();
        let out = tempfile::tempdir().unwrap();
        publish_to(group_content("Fuzzed").path(), out.path(), 9, &key);
        Signed {
            manifest: std::fs::read(out.path().join("manifest.json")).unwrap(),
            signature: std::fs::read(out.path().join("manifest.json.minisig")).unwrap(),
            keys: Keys::from_lines(&[key.public]).unwrap(),
        }
    })
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
}

/// What a manifest that parses must never hold.
fn sound(manifest: &Manifest) -> Result<(), TestCaseError> {
    for file in &manifest.files {
        prop_assert!(check_path(&file.path).is_ok(), "{}", file.path);
        prop_assert!(!file.path.contains(".."));
        prop_assert!(file.path != "settings.ron");
        prop_assert!(file.size <= vein_kiosk::bundle::manifest::most_bytes(&file.path));
    }
    Ok(())
}

/// Paths a hostile or careless publisher might write.
fn a_path() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("flow.ron".to_owned()),
        Just("lang/en.ron".to_owned()),
        Just("settings.ron".to_owned()),
        Just("../flow.ron".to_owned()),
        Just("/etc/passwd".to_owned()),
        Just("lang/.en.ron".to_owned()),
        Just("illustrations/a.svg".to_owned()),
        "[a-z./\\\\]{0,24}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_bytes_are_read_as_a_sound_manifest_or_refused(
        noise in prop::collection::vec(any::<u8>(), 0..600),
        cut in any::<usize>(),
        flip in any::<usize>(),
        real in any::<bool>(),
    ) {
        let bytes = if real {
            let mut b = signed().manifest.clone();
            let at = flip % b.len();
            b[at] ^= noise.first().copied().unwrap_or(1) | 1;
            b.truncate(cut % (b.len() + 1));
            b
        } else {
            noise
        };
        if let Ok(manifest) = Manifest::parse(&bytes) {
            sound(&manifest)?;
        }
    }

    #[test]
    fn any_listed_files_parse_only_when_every_path_is_one_the_kiosk_reads(
        files in prop::collection::vec((a_path(), 0u64..1_500_000, "[0-9a-f]{64}|[0-9A-Z]{0,70}"), 0..8),
        version in any::<u64>(),
        expires in prop::option::of("[0-9-]{0,12}|2027-01-0[1-9]"),
    ) {
        let manifest = serde_json::json!({
            "format": "vein-kiosk-content",
            "format_version": 1,
            "content_version": version,
            "created": "2026-12-05",
            "expires": expires,
            "files": files.iter().map(|(path, size, sha)| serde_json::json!({
                "path": path, "size": size, "sha256": sha,
            })).collect::<Vec<_>>(),
        });
        if let Ok(parsed) = Manifest::parse(&serde_json::to_vec(&manifest).unwrap()) {
            sound(&parsed)?;
        }
    }

    #[test]
    fn a_signed_manifest_or_its_signature_changed_anywhere_is_refused(
        which in any::<bool>(),
        at in any::<usize>(),
        to in any::<u8>(),
    ) {
        let s = signed();
        let (mut manifest, mut signature) = (s.manifest.clone(), s.signature.clone());
        let target = if which { &mut manifest } else { &mut signature };
        let i = at % target.len();
        prop_assume!(target[i] != to);
        // A change to the signature's untrusted comment line is not covered by it (minisign's
        // design); every other byte is.
        let untrusted = s.signature.iter().position(|b| *b == b'\n').unwrap();
        prop_assume!(which || i > untrusted);
        target[i] = to;
        let result = verify::manifest(&s.keys, &manifest, &signature, today());
        // A changed base64 padding bit or trailing whitespace can decode to the same signature;
        // then the manifest must be the very one that was signed.
        if let Ok(accepted) = result {
            prop_assert_eq!(&manifest, &s.manifest);
            prop_assert_eq!(accepted.content_version, 9);
        } else {
            prop_assert!(matches!(
                result,
                Err(BundleError::BadSignature(_) | BundleError::UnknownKey)
            ));
        }
    }
}

#[test]
fn the_unchanged_signed_manifest_is_accepted() {
    let s = signed();
    let manifest = verify::manifest(&s.keys, &s.manifest, &s.signature, today()).unwrap();
    assert_eq!(manifest.content_version, 9);
}
