//! Signed content bundles with real parts: minisign keys, `vein-kiosk publish`'s code, a real
//! HTTP server on loopback (Python's `http.server`), the Debian `minisign` tool to check what was
//! signed, and stand-in servers only for what a real one does not do (hang, cut a file short).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use vein_kiosk::bundle::publish::{Publication, publish};
use vein_kiosk::bundle::{BundleError, Pulled, Puller, pull};
use vein_kiosk::content::{BundleSource, Content, ContentSource};

use crate::common;

/// A minisign key pair made with the minisign crate: the secret key file and the public line.
pub struct Key {
    pub secret: PathBuf,
    pub public: String,
    _dir: tempfile::TempDir,
}

pub fn key() -> Key {
    let dir = tempfile::tempdir().unwrap();
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let secret = dir.path().join("group.key");
    std::fs::write(&secret, pair.sk.to_box(None).unwrap().to_string()).unwrap();
    let public = pair.pk.to_base64();
    std::fs::write(
        dir.path().join("group.pub"),
        pair.pk.to_box().unwrap().to_string(),
    )
    .unwrap();
    Key {
        secret,
        public,
        _dir: dir,
    }
}

/// A clinic group's content folder: the project's content with the attract screen's title
/// changed to `title` (so a test can see which bundle is shown).
pub fn group_content(title: &str) -> tempfile::TempDir {
    let dir = common::content_folder();
    let en = dir.path().join("lang/en.ron");
    let text = std::fs::read_to_string(&en).unwrap();
    let old = common::content().language("en").ui.attract_title.clone();
    assert!(text.contains(old.as_str()));
    std::fs::write(&en, text.replace(old.as_str(), title)).unwrap();
    dir
}

/// Publishes `content` as version `version` into `out`, as `vein-kiosk publish` does.
pub fn publish_to(content: &Path, out: &Path, version: u64, key: &Key) {
    publish_dated(content, out, version, key, "2026-12-05", None);
}

fn publish_dated(
    content: &Path,
    out: &Path,
    version: u64,
    key: &Key,
    today: &str,
    expires: Option<&str>,
) {
    publish(&Publication {
        content,
        out,
        version,
        expires,
        today,
        secret_key: &key.secret,
        config: None,
        password: None,
    })
    .unwrap();
}

/// A kiosk's settings file that pulls from `url`, trusting `public`, caching in `cache`.
pub fn kiosk_settings(dir: &Path, url: &str, public: &str, cache: &Path) -> PathBuf {
    let file = dir.join("kiosk.ron");
    let pin = vein_kiosk::kiosk::pin::hash("2468").unwrap();
    std::fs::write(
        &file,
        format!(
            "(clinic_name: \"Lobby kiosk\", default_language: \"en\", emergency_number: \"911\",
              clinic_phone: \"555-0100\", staff_pin_hash: Some(\"{pin}\"),
              content_source: Some(ContentSource(url: \"{url}\", public_keys: [\"{public}\"],
                  check_minutes: 15, cache: \"{}\")))",
            cache.display()
        ),
    )
    .unwrap();
    file
}

/// A real web server (Python's http.server) serving `dir` on a free loopback port.
pub struct Server {
    child: std::process::Child,
    pub url: String,
}

impl Server {
    pub fn serve(dir: &Path) -> Self {
        let mut child = std::process::Command::new("python3")
            .args(["-u", "-m", "http.server", "0", "--bind", "127.0.0.1"])
            .arg("--directory")
            .arg(dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("python3 runs (scripts/test installs it)");
        // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
        let mut out = child.stdout.take().unwrap();
        let mut line = Vec::new();
        let mut byte = [0u8];
        while out.read(&mut byte).unwrap() == 1 && byte[0] != b'\n' {
            line.push(byte[0]);
        }
        let line = String::from_utf8(line).unwrap();
        let url = line
            .split('(')
            .nth(1)
            .and_then(|s| s.split(')').next())
            .unwrap_or_else(|| panic!("the server said where it listens: {line}"))
            .to_owned();
        Self { child, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Everything one test needs: a group's key and bundle folder, a server, a kiosk's settings.
struct Setup {
    key: Key,
    served: tempfile::TempDir,
    kiosk: tempfile::TempDir,
    settings: PathBuf,
    server: Server,
}

impl Setup {
    fn new() -> Self {
        let key = key();
        let served = tempfile::tempdir().unwrap();
        let server = Server::serve(served.path());
        let kiosk = tempfile::tempdir().unwrap();
        let settings = kiosk_settings(
            kiosk.path(),
            &server.url,
            &key.public,
            &kiosk.path().join("cache"),
        );
        Self {
            key,
            served,
            kiosk,
            settings,
            server,
        }
    }

    /// Publishes the group's content with this title as `version`, served at the URL's root.
    fn publish(&self, version: u64, title: &str) {
        let content = group_content(title);
        let out = self.served.path();
        for entry in std::fs::read_dir(out).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                std::fs::remove_dir_all(path).unwrap();
            } else {
                std::fs::remove_file(path).unwrap();
            }
        }
        publish_to(content.path(), out, version, &self.key);
    }

    fn source(&self) -> BundleSource {
        let c = Content::load_with_config(ContentSource::BuiltIn, Some(&self.settings)).unwrap();
        c.settings.content_source.unwrap()
    }

    fn puller(&self) -> Puller {
        Puller::new(
            &self.source(),
            Some(self.settings.clone()),
            Duration::from_secs(5),
        )
        .unwrap()
    }

    fn served(&self, rel: &str) -> PathBuf {
        self.served.path().join(rel)
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
}

fn title_of(content: &Content) -> String {
    content.language("en").ui.attract_title.clone()
}

/// Pulls and expects new content with this version and title.
fn pull_new(puller: &Puller, version: u64, title: &str) {
    match puller.pull(today(), None) {
        Ok(Pulled::New {
            version: v,
            content,
        }) => {
            assert_eq!(v, version);
            assert_eq!(title_of(&content), title);
        }
        other => panic!("expected version {version}, got {other:?}"),
    }
}

/// The version the cache holds as last good, and what a restarted kiosk would show.
fn last_good(s: &Setup) -> Option<(u64, String)> {
    let started = vein_kiosk::bundle::tools::starting(
        Content::load_with_config(ContentSource::BuiltIn, Some(&s.settings)).unwrap(),
        None,
        Some(&s.settings),
    );
    started.in_use.map(|v| (v, title_of(&started.content)))
}

#[test]
fn a_good_bundle_is_pulled_kept_and_not_fetched_again() {
    let s = Setup::new();
    s.publish(3, "Version three");
    let puller = s.puller();
    pull_new(&puller, 3, "Version three");
    assert!(matches!(
        puller.pull(today(), None),
        Ok(Pulled::UpToDate { version: 3 })
    ));
    assert_eq!(last_good(&s), Some((3, "Version three".into())));
    s.publish(4, "Version four");
    pull_new(&puller, 4, "Version four");
    assert_eq!(last_good(&s), Some((4, "Version four".into())));
}

#[test]
fn the_debian_minisign_tool_verifies_what_publish_signed() {
    let s = Setup::new();
    s.publish(1, "Signed");
    let public = s.key.secret.with_file_name("group.pub");
    let out = std::process::Command::new("minisign")
        .args(["-V", "-p"])
        .arg(&public)
        .arg("-m")
        .arg(s.served("manifest.json"))
        .output()
        .expect("the minisign tool is installed (scripts/test installs it)");
    assert!(
        out.status.success(),
        "minisign -V: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("content version 1"));
}

#[test]
fn a_key_made_by_the_debian_minisign_tool_signs_and_a_changed_manifest_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("minisign")
        .args(["-G", "-W", "-p"])
        .arg(dir.path().join("k.pub"))
        .arg("-s")
        .arg(dir.path().join("k.key"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the minisign tool is installed (scripts/test installs it)");
    assert!(status.success());
    let public = std::fs::read_to_string(dir.path().join("k.pub")).unwrap();
    let key = Key {
        secret: dir.path().join("k.key"),
        public: public.lines().nth(1).unwrap().to_owned(),
        _dir: tempfile::tempdir().unwrap(),
    };
    let served = tempfile::tempdir().unwrap();
    publish_to(group_content("Tool key").path(), served.path(), 2, &key);
    let keys = vein_kiosk::bundle::Keys::from_lines(std::slice::from_ref(&key.public)).unwrap();
    let manifest = std::fs::read(served.path().join("manifest.json")).unwrap();
    let signature = std::fs::read(served.path().join("manifest.json.minisig")).unwrap();
    keys.check(&manifest, &signature).unwrap();
    let mut changed = manifest.clone();
    let at = changed.iter().position(|b| *b == b'2').unwrap();
    changed[at] = b'9';
    assert!(matches!(
        keys.check(&changed, &signature),
        Err(BundleError::BadSignature(_))
    ));
}

/// Pulls, expecting a refusal that `check` accepts, and that the last good bundle (`kept`)
/// is still what a kiosk shows.
fn refused(s: &Setup, check: impl Fn(&BundleError) -> bool, kept: Option<(u64, &str)>) {
    let puller = s.puller();
    match puller.pull(today(), None) {
        Err(e) => assert!(check(&e), "refused for the wrong reason: {e}"),
        Ok(p) => panic!("accepted: {p:?}"),
    }
    assert_eq!(
        last_good(s),
        kept.map(|(v, t)| (v, t.to_owned())),
        "the last good content is kept"
    );
    let leftovers: Vec<String> = vein_kiosk::bundle::cache::files_in(&s.kiosk.path().join("cache"))
        .into_iter()
        .filter(|f| f.starts_with(".staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "a refused pull leaves nothing staged: {leftovers:?}"
    );
}

#[test]
fn a_tampered_file_is_refused_and_the_last_good_content_kept() {
    let s = Setup::new();
    s.publish(1, "Good");
    pull_new(&s.puller(), 1, "Good");
    s.publish(2, "Newer");
    let en = s.served("lang/en.ron");
    let text = std::fs::read_to_string(&en).unwrap();
    // Same length, one word changed: only the hash can tell.
    std::fs::write(&en, text.replacen("Newer", "Nuwer", 1)).unwrap();
    refused(
        &s,
        |e| matches!(e, BundleError::FileChanged { path, .. } if path == "lang/en.ron"),
        Some((1, "Good")),
    );
}

#[test]
fn a_bundle_signed_by_a_foreign_key_is_refused() {
    let s = Setup::new();
    let stranger = key();
    publish_to(
        group_content("Foreign").path(),
        s.served.path(),
        5,
        &stranger,
    );
    refused(&s, |e| matches!(e, BundleError::UnknownKey), None);
}

#[test]
fn an_expired_manifest_is_refused() {
    let s = Setup::new();
    let content = group_content("Old");
    publish_dated(
        content.path(),
        s.served.path(),
        1,
        &s.key,
        "2026-01-01",
        Some("2026-06-30"),
    );
    refused(&s, |e| matches!(e, BundleError::Expired { .. }), None);
}

#[test]
fn an_older_version_is_refused_and_the_same_one_is_not_fetched_again() {
    let s = Setup::new();
    s.publish(7, "Seven");
    pull_new(&s.puller(), 7, "Seven");
    s.publish(6, "Six");
    refused(
        &s,
        |e| {
            matches!(
                e,
                BundleError::NotNewer {
                    offered: 6,
                    in_use: 7
                }
            )
        },
        Some((7, "Seven")),
    );
}

#[test]
fn a_file_larger_than_signed_or_than_the_kiosk_takes_is_refused() {
    let s = Setup::new();
    s.publish(1, "Big");
    // The server sends more than the manifest says (a huge file in place of the real one).
    std::fs::write(s.served("flow.ron"), vec![b' '; 5 * 1024 * 1024]).unwrap();
    refused(
        &s,
        |e| matches!(e, BundleError::FileChanged { path, .. } if path == "flow.ron"),
        None,
    );
    // A manifest that itself names a file larger than the kiosk takes: refused before download.
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.served("manifest.json")).unwrap()).unwrap();
    manifest["files"][0]["size"] = serde_json::json!(50_000_000u64);
    resign(&s, &manifest);
    refused(&s, |e| matches!(e, BundleError::TooLarge { .. }), None);
}

/// Writes `manifest` and signs it with the group's key, as a publisher with a broken tool might.
fn resign(s: &Setup, manifest: &serde_json::Value) {
    let bytes = serde_json::to_vec_pretty(manifest).unwrap();
    let text = std::fs::read_to_string(&s.key.secret).unwrap();
    let secret = minisign::SecretKeyBox::from_string(&text)
        .unwrap()
        .into_unencrypted_secret_key()
        .unwrap();
    let signature = minisign::sign(None, &secret, &bytes[..], None, None).unwrap();
    std::fs::write(s.served("manifest.json"), &bytes).unwrap();
    std::fs::write(s.served("manifest.json.minisig"), signature.to_string()).unwrap();
}

#[test]
fn a_signed_path_that_leaves_the_folder_is_refused_before_anything_is_fetched() {
    let s = Setup::new();
    s.publish(1, "Escape");
    for path in [
        "../../etc/passwd",
        "settings.ron",
        "lang/../../x.ron",
        "/etc/passwd",
    ] {
        let mut manifest: serde_json::Value =
            serde_json::from_slice(&std::fs::read(s.served("manifest.json")).unwrap()).unwrap();
        manifest["files"][0]["path"] = serde_json::json!(path);
        resign(&s, &manifest);
        refused(&s, |e| matches!(e, BundleError::BadPath { .. }), None);
    }
}

#[test]
fn a_symbolic_link_in_a_bundle_on_a_stick_is_refused() {
    let s = Setup::new();
    s.publish(1, "Linked");
    let en = s.served("lang/en.ron");
    let moved = s.kiosk.path().join("en.ron");
    std::fs::rename(&en, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &en).unwrap();
    let source = BundleSource {
        url: format!("file://{}", s.served.path().display()),
        ..s.source()
    };
    let puller = Puller::new(&source, Some(s.settings.clone()), Duration::from_secs(5)).unwrap();
    match puller.pull(today(), None) {
        Err(BundleError::Fetch { path, why }) => {
            assert_eq!(path, "lang/en.ron");
            assert!(why.contains("symbolic link"), "{why}");
        }
        other => panic!("a link was followed: {other:?}"),
    }
}

/// A stand-in server: serves the real manifest and signature from `dir`, and answers every
/// other file with `reply` (a server fault a real one does not make on purpose).
fn stand_in(dir: PathBuf, reply: fn(&mut std::net::TcpStream, &[u8])) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut request = [0u8; 2048];
                let n = stream.read(&mut request).unwrap_or(0);
                let request = String::from_utf8_lossy(&request[..n]).into_owned();
                let path = request
                    .split(' ')
                    .nth(1)
                    .unwrap_or("/")
                    .trim_start_matches('/');
                let body = std::fs::read(dir.join(path)).unwrap_or_default();
                if path.starts_with("manifest.json") {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(&body);
                } else {
                    reply(&mut stream, &body);
                }
            });
        }
    });
    url
}

fn pull_from(s: &Setup, url: &str, limit: Duration) -> Result<Pulled, BundleError> {
    let source = BundleSource {
        url: url.to_owned(),
        ..s.source()
    };
    Puller::new(&source, Some(s.settings.clone()), limit)
        .unwrap()
        .pull(today(), None)
}

#[test]
fn a_download_cut_short_is_refused() {
    let s = Setup::new();
    s.publish(1, "Cut");
    let url = stand_in(s.served.path().to_path_buf(), |stream, body| {
        let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body[..body.len() / 2]);
        // The connection closes here, half-way.
    });
    match pull_from(&s, &url, Duration::from_secs(5)) {
        Err(BundleError::Fetch { .. } | BundleError::FileChanged { .. }) => {}
        other => panic!("a cut-off file was taken: {other:?}"),
    }
    assert_eq!(last_good(&s), None);
}

#[test]
fn a_server_that_hangs_is_given_up_on_within_the_time_limit() {
    let s = Setup::new();
    s.publish(1, "Hang");
    let url = stand_in(s.served.path().to_path_buf(), |stream, _| {
        // Sends the headers and then nothing, for longer than any limit.
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
        std::thread::sleep(Duration::from_secs(120));
    });
    let began = std::time::Instant::now();
    match pull_from(&s, &url, Duration::from_secs(2)) {
        Err(BundleError::Fetch { why, .. }) => assert!(why.contains("within"), "{why}"),
        other => panic!("a hanging server was waited for: {other:?}"),
    }
    // Generous: the point is that it ends, not how fast.
    assert!(began.elapsed() < Duration::from_secs(60));
    assert_eq!(last_good(&s), None);
}

#[test]
fn a_restarted_kiosk_starts_on_the_last_good_bundle_with_the_server_gone() {
    let s = Setup::new();
    s.publish(2, "Kept for the morning");
    pull_new(&s.puller(), 2, "Kept for the morning");
    let Setup {
        server,
        settings,
        kiosk,
        ..
    } = s;
    drop(server);
    let started = vein_kiosk::bundle::tools::starting(
        Content::load_with_config(ContentSource::BuiltIn, Some(&settings)).unwrap(),
        None,
        Some(&settings),
    );
    assert_eq!(started.in_use, Some(2));
    assert_eq!(title_of(&started.content), "Kept for the morning");
    // And a cache changed on disk is not shown: the kiosk starts on what it was given.
    let cached = kiosk.path().join("cache/v2/lang/en.ron");
    let text = std::fs::read_to_string(&cached).unwrap();
    std::fs::write(&cached, text.replace("Kept", "Kapt")).unwrap();
    let started = vein_kiosk::bundle::tools::starting(
        Content::load_with_config(ContentSource::BuiltIn, Some(&settings)).unwrap(),
        None,
        Some(&settings),
    );
    assert_eq!(started.in_use, None);
    assert_eq!(title_of(&started.content), title_of(&common::content()));
}

#[test]
fn a_bundle_with_a_content_problem_is_refused_naming_file_and_line() {
    let s = Setup::new();
    let content = group_content("Broken");
    let flow = content.path().join("flow.ron");
    // Published with a good folder, then a bad flow.ron signed in: the kiosk checks too.
    publish_to(content.path(), s.served.path(), 1, &s.key);
    let text = std::fs::read_to_string(&flow).unwrap();
    std::fs::write(
        s.served("flow.ron"),
        text.replacen("    screens: [", "    screams: [", 1),
    )
    .unwrap();
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.served("manifest.json")).unwrap()).unwrap();
    let bytes = std::fs::read(s.served("flow.ron")).unwrap();
    for file in manifest["files"].as_array_mut().unwrap() {
        if file["path"] == "flow.ron" {
            file["size"] = serde_json::json!(bytes.len());
            file["sha256"] = serde_json::json!(vein_kiosk::bundle::manifest::sha256_hex(&bytes));
        }
    }
    resign(&s, &manifest);
    match s.puller().pull(today(), None) {
        Err(BundleError::Content(problems)) => {
            let first = problems[0].to_string();
            assert!(
                first.starts_with("flow.ron:"),
                "named inside the bundle: {first}"
            );
            assert!(problems[0].line > 0);
        }
        other => panic!("broken content was taken: {other:?}"),
    }
    assert_eq!(last_good(&s), None);
}

#[test]
fn publish_refuses_a_broken_folder_and_never_publishes_settings() {
    let key = key();
    let content = group_content("Checked");
    let out = tempfile::tempdir().unwrap();
    publish_to(content.path(), out.path(), 1, &key);
    assert!(!out.path().join("settings.ron").exists());
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(!manifest.contains("settings.ron"));
    let en = content.path().join("lang/en.ron");
    std::fs::write(&en, "(broken").unwrap();
    let again = tempfile::tempdir().unwrap();
    let result = publish(&Publication {
        content: content.path(),
        out: again.path(),
        version: 2,
        expires: None,
        today: "2026-12-05",
        secret_key: &key.secret,
        config: None,
        password: None,
    });
    assert!(matches!(result, Err(BundleError::Content(_))));
    assert!(
        !again.path().join("manifest.json").exists(),
        "nothing is written for a broken folder"
    );
}

#[test]
fn the_starting_content_is_the_one_given_when_there_is_no_bundle_yet() {
    let s = Setup::new();
    let given = Content::load_with_config(ContentSource::BuiltIn, Some(&s.settings)).unwrap();
    let (content, version) =
        pull::starting_content(given, &s.source(), Some(s.settings.clone()), today());
    assert_eq!(version, None);
    assert_eq!(title_of(&content), title_of(&common::content()));
}

#[test]
fn a_kiosk_whose_settings_need_the_bundle_still_finds_its_source_and_starts_on_it() {
    // The kiosk offers Portuguese, which only the group's bundle has: its settings cannot be
    // used with the built-in content, but the source in them must still be found.
    let s = Setup::new();
    let content = group_content("Com português");
    std::fs::copy(
        content.path().join("lang/es.ron"),
        content.path().join("lang/pt.ron"),
    )
    .unwrap();
    let pt = content.path().join("lang/pt.ron");
    let text = std::fs::read_to_string(&pt).unwrap();
    std::fs::write(
        &pt,
        text.replacen("code: \"es\"", "code: \"pt\"", 1).replacen(
            "name: \"Español\"",
            "name: \"Português\"",
            1,
        ),
    )
    .unwrap();
    publish_to(content.path(), s.served.path(), 1, &s.key);
    let settings = std::fs::read_to_string(&s.settings).unwrap();
    std::fs::write(
        &s.settings,
        settings.replacen(
            "default_language: \"en\",",
            "default_language: \"en\", languages: [\"en\", \"pt\"],",
            1,
        ),
    )
    .unwrap();
    let (given, skipped) = Content::load_or_built_in(None, Some(&s.settings)).unwrap();
    assert!(
        !skipped.is_empty(),
        "the built-in content has no Portuguese"
    );
    let started = vein_kiosk::bundle::tools::starting(given, None, Some(&s.settings));
    assert_eq!(started.in_use, None, "nothing pulled yet");
    let watch = started
        .watch(|| {})
        .expect("the source is found in the settings file");
    let began = std::time::Instant::now();
    let update = loop {
        if let Some(update) = watch.next() {
            break update;
        }
        assert!(
            began.elapsed() < Duration::from_secs(60),
            "no check arrived"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    match update.outcome {
        Ok(Pulled::New {
            version: 1,
            content,
        }) => {
            assert!(content.languages.iter().any(|l| l.code == "pt"));
        }
        other => panic!("the bundle was not taken: {other:?}"),
    }
    let restarted = vein_kiosk::bundle::tools::starting(
        Content::load_or_built_in(None, Some(&s.settings))
            .unwrap()
            .0,
        None,
        Some(&s.settings),
    );
    assert_eq!(
        restarted.in_use,
        Some(1),
        "and starts on it after a restart"
    );
}
