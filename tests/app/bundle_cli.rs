//! `vein-kiosk publish` and `vein-kiosk verify`, run as a clinic's IT person runs them: keys from
//! the Debian minisign tool, bundles served by a real web server, each refusal in its own words
//! and a non-zero exit status.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use crate::bundle::{Server, group_content, kiosk_settings};

fn kiosk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vein-kiosk"))
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A key pair made by the Debian tool without a password (`minisign -G -W`): (secret, public line).
fn tool_key(dir: &Path, name: &str) -> (std::path::PathBuf, String) {
    let secret = dir.join(format!("{name}.key"));
    let public = dir.join(format!("{name}.pub"));
    let status = Command::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(&public)
        .arg("-s")
        .arg(&secret)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the minisign tool is installed (scripts/test installs it)");
    assert!(status.success());
    let line = std::fs::read_to_string(&public)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .to_owned();
    (secret, line)
}

fn publish(content: &Path, out: &Path, version: &str, key: &Path, extra: &[&str]) -> Output {
    kiosk()
        .arg("publish")
        .arg(content)
        .arg(out)
        .args(["--version", version, "--secret-key"])
        .arg(key)
        .args(extra)
        .output()
        .unwrap()
}

fn verify(settings: &Path, source: &str) -> Output {
    kiosk()
        .arg("--config")
        .arg(settings)
        .args(["verify", source])
        .output()
        .unwrap()
}

#[test]
fn publish_then_verify_over_http_and_from_a_folder_and_each_refusal_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public) = tool_key(dir.path(), "group");
    let (stranger, _) = tool_key(dir.path(), "stranger");
    let served = dir.path().join("served");
    let content = group_content("Published from the command line");
    let out = publish(
        content.path(),
        &served,
        "4",
        &secret,
        &["--expires", "2099-12-31"],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("content version 4"), "{}", text(&out));
    assert!(
        text(&out).contains("left out: settings.ron"),
        "{}",
        text(&out)
    );
    let server = Server::serve(&served);
    let settings = kiosk_settings(dir.path(), &server.url, &public, &dir.path().join("cache"));

    let good = verify(&settings, &server.url);
    assert!(good.status.success(), "{}", text(&good));
    assert!(text(&good).contains("would be accepted: content version 4"));
    let folder = verify(&settings, served.to_str().unwrap());
    assert!(folder.status.success(), "{}", text(&folder));

    // Each refusal, from its own bundle folder.
    let refused = |name: &str, make: &dyn Fn(&Path), says: &str| {
        let bundle = dir.path().join(name);
        make(&bundle);
        let out = verify(&settings, bundle.to_str().unwrap());
        assert!(!out.status.success(), "{name} was accepted");
        assert!(text(&out).contains(says), "{name}: {}", text(&out));
    };
    refused(
        "foreign",
        &|b| {
            assert!(
                publish(content.path(), b, "5", &stranger, &[])
                    .status
                    .success()
            )
        },
        "a key this kiosk does not know",
    );
    refused(
        "tampered",
        &|b| {
            assert!(
                publish(content.path(), b, "5", &secret, &[])
                    .status
                    .success()
            );
            let en = b.join("lang/en.ron");
            let t = std::fs::read_to_string(&en).unwrap();
            std::fs::write(&en, t.replacen("command line", "command lime", 1)).unwrap();
        },
        "lang/en.ron does not have the SHA-256",
    );
    refused(
        "changed-manifest",
        &|b| {
            assert!(
                publish(content.path(), b, "5", &secret, &[])
                    .status
                    .success()
            );
            let m = b.join("manifest.json");
            let t = std::fs::read_to_string(&m).unwrap();
            std::fs::write(
                &m,
                t.replacen("\"content_version\": 5", "\"content_version\": 50", 1),
            )
            .unwrap();
        },
        "bad signature",
    );
    // Older than the one in use: the kiosk took version 4 (through the library, as it does).
    take_with_the_library(&settings);
    refused(
        "older",
        &|b| {
            assert!(
                publish(content.path(), b, "3", &secret, &[])
                    .status
                    .success()
            )
        },
        "content version 3 is not newer than the version in use (4)",
    );
    drop(server);
}

/// Pulls what the settings' source offers into the kiosk's cache, as the kiosk does.
fn take_with_the_library(settings: &Path) {
    let source = vein_kiosk::content::Content::load_with_config(
        vein_kiosk::content::ContentSource::BuiltIn,
        Some(settings),
    )
    .unwrap()
    .settings
    .content_source
    .unwrap();
    vein_kiosk::bundle::Puller::new(
        &source,
        Some(settings.to_path_buf()),
        std::time::Duration::from_secs(10),
    )
    .unwrap()
    .pull(chrono::Local::now().date_naive(), None)
    .unwrap();
}

#[test]
fn verify_names_the_file_and_line_of_a_content_problem() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public) = tool_key(dir.path(), "group");
    let content = group_content("Broken later");
    let bundle = dir.path().join("bundle");
    assert!(
        publish(content.path(), &bundle, "1", &secret, &[])
            .status
            .success()
    );
    // A publisher's tool that skipped the check: a misspelt field, hashed and signed again.
    let flow = bundle.join("flow.ron");
    let t = std::fs::read_to_string(&flow).unwrap();
    std::fs::write(&flow, t.replacen("    screens: [", "    screams: [", 1)).unwrap();
    let bytes = std::fs::read(&flow).unwrap();
    let m = bundle.join("manifest.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&m).unwrap()).unwrap();
    for file in manifest["files"].as_array_mut().unwrap() {
        if file["path"] == "flow.ron" {
            file["size"] = serde_json::json!(bytes.len());
            file["sha256"] = serde_json::json!(vein_kiosk::bundle::manifest::sha256_hex(&bytes));
        }
    }
    std::fs::write(&m, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
    let signed = Command::new("minisign")
        .args(["-S", "-s"])
        .arg(&secret)
        .arg("-m")
        .arg(&m)
        .status()
        .unwrap();
    assert!(signed.success(), "the standard tool signs a manifest too");
    let settings = kiosk_settings(
        dir.path(),
        "https://example.org/",
        &public,
        &dir.path().join("c"),
    );
    let out = verify(&settings, bundle.to_str().unwrap());
    assert!(!out.status.success());
    let said = text(&out);
    let line = t
        .lines()
        .position(|l| l.starts_with("    screens: ["))
        .unwrap()
        + 1;
    assert!(said.contains(&format!("flow.ron:{line}:")), "{said}");
    assert!(said.contains("refused: the content has"), "{said}");
}

#[test]
fn publish_takes_a_key_with_a_password_and_refuses_what_it_must() {
    let dir = tempfile::tempdir().unwrap();
    let pair = minisign::KeyPair::generate_encrypted_keypair(Some("correct horse".into())).unwrap();
    let secret = dir.path().join("locked.key");
    std::fs::write(&secret, pair.sk.to_box(None).unwrap().to_string()).unwrap();
    let content = group_content("Locked key");
    let with = |password: &str, out: &str, extra: &[&str]| {
        kiosk()
            .env("VEIN_KIOSK_KEY_PASSWORD", password)
            .arg("publish")
            .arg(content.path())
            .arg(dir.path().join(out))
            .args(["--version", "1", "--secret-key"])
            .arg(&secret)
            .args(extra)
            .output()
            .unwrap()
    };
    let ok = with("correct horse", "a", &[]);
    assert!(ok.status.success(), "{}", text(&ok));
    let keys = vein_kiosk::bundle::Keys::from_lines(&[pair.pk.to_base64()]).unwrap();
    keys.check(
        &std::fs::read(dir.path().join("a/manifest.json")).unwrap(),
        &std::fs::read(dir.path().join("a/manifest.json.minisig")).unwrap(),
    )
    .unwrap();
    let wrong = with("battery staple", "b", &[]);
    assert!(!wrong.status.success());
    assert!(
        text(&wrong).contains("password is wrong"),
        "{}",
        text(&wrong)
    );
    assert!(!dir.path().join("b/manifest.json").exists());
    let past = with("correct horse", "c", &["--expires", "2020-01-01"]);
    assert!(!past.status.success());
    assert!(
        text(&past).contains("is not after today"),
        "{}",
        text(&past)
    );
    let no_settings = kiosk().args(["verify", "/tmp"]).output().unwrap();
    assert!(!no_settings.status.success());
    assert!(text(&no_settings).contains("--config"));
}
